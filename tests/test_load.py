"""Load and faults: 20 sessions read while an import runs, the URL cannot inject SQL, and no
respondent-level data reaches the providers' pages.

How the concurrent sessions are made is explained in kraftsamling/devtools/liveserver.py: a real
`streamlit run` server and 20 WebSocket sessions that speak the browser frontend's protocol
(AppTest is not thread-safe; 20 Chromium contexts are too slow on a two-core machine).
"""

from __future__ import annotations

import re
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

from kraftsamling import db, queries
from kraftsamling.devtools.liveserver import streamlit_server
from kraftsamling.intake import store, waves
from kraftsamling.wsclient import Run, Session
from tests.helpers import REGION_CODES, figure_params

SESSIONS = 20
NEW_WAVE = "2026-lasttest"
ORGANISATIONS, OCCUPATIONS_PER_ORGANISATION = 2000, 10  # 20 000 need rows
OTHER_PAGES = ["kluster", "kommunprofil", "kommungrupper", "ansokningsunderlag"]
TOTAL_LINE = re.compile(
    r"^\*\*Totalt i regionen:\*\* (?P<recruits>[\d\u00a0]+) personer att rekrytera .*?, "
    r"(?P<employers>[\d\u00a0]+) arbetsgivare med behov, "
    r"(?P<lia>[\d\u00a0]+) LIA-platser per år · (?P<participating>\d+) av 44 kommuner"
)


@dataclass(frozen=True)
class Totals:
    """The numbers of the map page's total line."""

    recruits: int
    employers: int
    lia: int
    participating: int


def total_line(run: Run) -> str:
    lines = [m for m in run.markdown() if m.startswith("**Totalt i regionen:**")]
    assert len(lines) == 1, f"the map page shows one total line, not {lines}"
    return lines[0]


def totals_of(line: str) -> Totals:
    match = TOTAL_LINE.match(line)
    assert match, f"unexpected total line: {line!r}"
    return Totals(*(int(match[k].replace("\u00a0", "")) for k in
                    ("recruits", "employers", "lia", "participating")))  # fmt: skip


def database_totals(path: Path, wave_id: str) -> Totals:
    """The total line's numbers for the whole region, straight from the database."""
    with db.connect_readonly(path) as con:
        row = queries.run(con, "region_totals", **figure_params(wave_id)).iloc[0]
        participating = db.scalar(
            con,
            "SELECT count(DISTINCT kommunkod) FROM respondent "
            "WHERE wave_id = $w AND list_contains($k, kommunkod)",
            {"w": wave_id, "k": REGION_CODES},
        )
    return Totals(int(row["recruits"]), int(row["employers"]), int(row["lia_places"]),
                  participating)  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """A database of our own (the example wave) and a real server reading it."""
    folder = tmp_path_factory.mktemp("load")
    path = folder / "kraftsamling.duckdb"
    db.build(path)
    with streamlit_server(path, folder / "server.log") as server:
        with Session(server) as warm_up:  # the first runs import the app's libraries
            for page in ["", *OTHER_PAGES]:
                assert not warm_up.run("", page).errors
        yield server, path


# ------------------------------------------------------------------ 20 sessions and an import
def survey_csv(codes: list[str]) -> tuple[bytes, Totals]:
    """A sizeable survey export (semicolon CSV, 20 000 need rows from 2 000 employers in all
    44 municipalities) and the total line its wave must show, counted here from the rows."""
    header = (
        "Organisation;Organisationsnummer;Typ av organisation;Kommun;Yrke;"
        "Antal inom 1 år;Antal 1-3 år;Antal 3-5 år;LIA-platser\n"
    )
    rows, recruits, lia, employers = [], 0, 0, set()
    for i in range(ORGANISATIONS):
        for j, code in enumerate(codes[:OCCUPATIONS_PER_ORGANISATION]):
            counts = ((i + j) % 3, (i * j) % 2, j % 2)
            places = (i + j) % 2
            rows.append(f"Lasttest {i:04d} AB;;privat;{REGION_CODES[i % 44]};{code};"
                        f"{counts[0]};{counts[1]};{counts[2]};{places}")  # fmt: skip
            recruits += sum(counts)
            lia += places
            if sum(counts):
                employers.add(i)
    data = (header + "\n".join(rows) + "\n").encode("utf-8")
    return data, Totals(recruits, len(employers), lia, 44)


@dataclass
class Seen:
    """One run of one session: when, which waves it was offered, and what it showed."""

    session: int
    kind: str
    page: str
    started: float
    finished: float
    options: tuple[str, ...]
    selected: str  # the wave the page's caption says its figures come from
    totals: Totals | None
    errors: list[str]


def observe(index: int, kind: str, page: str, run: Run) -> Seen:
    if run.errors:
        return Seen(index, kind, page, run.started, run.finished, (), "", None, run.errors)
    # The caption every page starts with names the wave its figures come from.
    (caption,) = [m for m in run.markdown() if m.startswith("Omgång: ")]
    selected = caption.removeprefix("Omgång: ").split(" · ")[0]
    totals = totals_of(total_line(run)) if page == "" else None
    options = tuple(run.selectbox("Omgång").options)
    return Seen(index, kind, page, run.started, run.finished, options, selected, totals, [])


def reader(index: int, kind: str, server, seen: list, failures: list, clock: dict):
    """One session's loop, until it has read once more after the import finished.
    'stay': one tab rerun again and again (a user clicking about); 'fresh': a new tab on every
    run, opened with `?omgang=<the new wave>`; 'fresh-page': the same on another page;
    'pages': one tab going round the other pages."""
    session = None
    round_ = 0
    try:
        while not clock["stop"].is_set():
            page = OTHER_PAGES[(index + round_) % len(OTHER_PAGES)] if kind == "pages" else ""
            if kind == "fresh-page":
                page = OTHER_PAGES[index % len(OTHER_PAGES)]
            if session is None or kind.startswith("fresh"):
                if session is not None:
                    session.close()
                session = Session(server)
            query = f"omgang={NEW_WAVE}" if kind.startswith("fresh") else ""
            run = session.run(query, page)
            seen.append(observe(index, kind, page, run))
            round_ += 1
            if clock["imported"] is not None and run.started > clock["imported"]:
                return
    except Exception:  # a dropped connection, a timeout: an error in this session
        failures.append(f"session {index} ({kind}): {traceback.format_exc()}")
    finally:
        if session is not None:
            session.close()


KINDS = ["stay"] * 6 + ["fresh"] * 8 + ["fresh-page"] * 4 + ["pages"] * 2


@pytest.mark.slow
def test_twenty_sessions_reading_during_an_import_see_the_old_or_the_new_wave_never_a_mix(
    served,
):
    server, path = served
    assert len(KINDS) == SESSIONS
    with db.connect_readonly(path) as con:
        codes = [c for (c,) in con.execute(
            "SELECT DISTINCT ssyk4 FROM need ORDER BY ssyk4 LIMIT $n",
            {"n": OCCUPATIONS_PER_ORGANISATION}).fetchall()]  # fmt: skip
        (example_id, example_label), = con.execute(
            "SELECT wave_id, label FROM wave WHERE is_example"
        ).fetchall()  # fmt: skip
    data, new_totals = survey_csv(codes)
    example_totals = database_totals(path, example_id)
    new_label = store.wave_label(NEW_WAVE)
    old_options, new_options = (example_label,), (new_label, example_label)
    expected = {example_label: example_totals, new_label: new_totals}

    log_start = len(server.log_text())
    seen: list[Seen] = []
    failures: list[str] = []
    clock = {"imported": None, "stop": threading.Event()}
    threads = [
        threading.Thread(target=reader, args=(i, kind, server, seen, failures, clock))
        for i, kind in enumerate(KINDS)
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        # Import while the sessions are busy: once half of them have read the old file,
        # the others are in the middle of a run.
        deadline = time.monotonic() + 60
        while len({s.session for s in seen}) < SESSIONS // 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        import_started = time.monotonic()
        report = store.import_files([("lasttest.csv", data)], NEW_WAVE, target=path)
        # the readers are providers: they see the new wave once an administrator publishes it
        waves.publish(NEW_WAVE, by="anna", target=path)
        import_finished = clock["imported"] = time.monotonic()
        for thread in threads:
            thread.join(timeout=max(0.1, import_finished + 90 - time.monotonic()))
    finally:
        clock["stop"].set()
        for thread in threads:
            thread.join(timeout=150)
    seconds = time.monotonic() - began

    assert report.rows_accepted == ORGANISATIONS * OCCUPATIONS_PER_ORGANISATION
    assert report.rows_rejected == 0
    assert database_totals(path, NEW_WAVE) == new_totals  # the file holds the whole wave
    assert not failures, "\n".join(failures)
    errors = [f"session {s.session} ({s.kind} {s.page or 'karta'}): {s.errors}"
              for s in seen if s.errors]  # fmt: skip
    assert not errors, "\n".join(errors)
    assert "Traceback" not in server.log_text(log_start), server.log_text(log_start)

    for s in seen:
        where = f"session {s.session} ({s.kind}, {s.page or 'karta'})"
        assert s.options in (old_options, new_options), f"{where} was offered {s.options}"
        if s.options == old_options:
            assert s.selected == example_label, where
        elif s.kind.startswith("fresh"):  # the URL asks for the new wave, and it is there
            assert s.selected == new_label, where
        if s.totals is not None:
            assert s.totals == expected[s.selected], f"{where} showed {s.totals} for {s.selected}"
        if s.started > import_finished:  # the next run after an import sees it, no restart
            assert s.options == new_options, f"{where} did not see the new wave"

    for index in range(SESSIONS):
        runs = sorted((s for s in seen if s.session == index), key=lambda s: s.started)
        states = [s.options == new_options for s in runs]
        assert states == sorted(states), f"session {index} went back to the old file: {states}"
        assert states and states[-1], f"session {index} never read the new file: {states}"
    during = [s for s in seen if s.started < import_finished and s.finished > import_started]
    assert during, "no session was reading while the import ran"
    assert any(s.options == old_options for s in seen), "no session read the old file"
    new_totals_seen = {s.totals for s in seen if s.selected == new_label and s.totals}
    assert new_totals_seen == {new_totals}
    both = {s.session for s in seen if s.options == old_options} & {
        s.session for s in seen if s.options == new_options
    }
    print(
        f"\n{len(seen)} runs in {seconds:.1f} s by {SESSIONS} sessions ({len(both)} read both "
        f"files); {len(during)} runs overlapped the import of {report.rows_accepted} rows "
        f"({import_finished - import_started:.1f} s)"
    )


def test_a_run_that_straddles_an_import_reads_one_file_only(tmp_path, monkeypatch):
    """An import into a wave that already has answers lands between two queries of one run
    of the map page: the table under the map and the total line must come from the same file
    (both before or both after), not one from each."""
    from streamlit.testing.v1 import AppTest

    from kraftsamling import paths

    def answers(prefix: str) -> bytes:
        return (
            "Organisation;Organisationsnummer;Typ av organisation;Kommun;Yrke;"
            "Antal inom 1 år;Antal 1-3 år;Antal 3-5 år;LIA-platser\n"
            + "".join(f"{prefix} {i} AB;;privat;{REGION_CODES[i % 4]};5321;5;0;0;1\n"
                      for i in range(40))
        ).encode("utf-8")  # fmt: skip

    path = tmp_path / "k.duckdb"
    db.build(path)
    store.import_files([("a.csv", answers("Första"))], "2026-host", target=path)
    waves.publish("2026-host", by="anna", target=path)  # providers see published waves only
    monkeypatch.setenv("KRAFTSAMLING_DB", str(path))
    run = queries.run

    def import_mid_run(con, name, **params):
        result = run(con, name, **params)
        if name == "municipality_figures":  # an administrator's import lands right now
            store.import_files([("b.csv", answers("Andra"))], "2026-host", target=path)
        return result

    monkeypatch.setattr(queries, "run", import_mid_run)
    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=120)
    app.query_params.update({"omgang": "2026-host", "matt": "recruits", "tabell": "true"})
    app.run()
    assert not app.exception
    shown = int(app.dataframe[0].value["Rekryteringsbehov"].sum())  # the table: 40 × 5
    total = next(m.value for m in app.markdown if m.value.startswith("**Totalt i regionen:**"))
    assert shown in (200, 400)
    assert totals_of(total).recruits == shown, f"table {shown}, total line: {total}"


# ------------------------------------------------------------------ SQL injection through the URL
PAGES = ["", *OTHER_PAGES]  # '' is the map, the default page
INJECTIONS = [
    "'; DROP TABLE need; DELETE FROM respondent; CHECKPOINT; --",
    "2480' OR '1'='1",
    'x") UNION SELECT * FROM respondent_contact --',
    "%27%3B$wave_id?",  # sent encoded: the app receives the percent signs as they stand
    "' || (SELECT string_agg(contact_email, ',') FROM respondent_contact) || '",
    "x,'); DROP TABLE wave; --,y",
    "NaN",
    "Umeå\u202e'; --😀 ÅÄÖ \\",
    "A" * 3000 + "'",
]
URL_HELPERS = {"url_selectbox", "url_multiselect", "url_checkbox", "url_number"}


def url_keys() -> set[str]:
    """Every key a page or the shared filters keep in the URL, read from the code (the second
    argument of the ui.url_* helpers), so a key added later is tested too."""
    import ast

    from kraftsamling import paths

    keys = set()
    files = [*(paths.REPO / "pages").glob("*.py"), paths.REPO / "kraftsamling" / "ui.py"]
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in URL_HELPERS and isinstance(node.args[1], ast.Constant):
                keys.add(node.args[1].value)
    return keys


def fingerprint(run: Run) -> list:
    """What the browser is sent to draw, comparable between runs: every element without its
    widget id, tables as their values (a Styler's random id aside), download buttons by label."""
    import pyarrow as pa

    def frame(data: bytes):
        return pa.ipc.open_stream(data).read_all().to_pylist() if data else None

    out = []
    for element in run.elements:
        kind = element.WhichOneof("type")
        inner = getattr(element, kind)
        if kind == "dataframe":
            arrow = inner.arrow_data
            out.append((kind, frame(arrow.data), frame(arrow.styler.display_values)))
        elif kind == "download_button":
            out.append((kind, inner.label))
        else:
            copy = type(inner)()
            copy.CopyFrom(inner)
            if "id" in copy.DESCRIPTOR.fields_by_name:
                copy.ClearField("id")
            out.append((kind, copy.SerializeToString(deterministic=True)))
    return out


WAVE_NOTE = "Omgången i länken är inte publicerad".encode()


def without_wave_note(elements: list) -> list:
    """The fingerprint without the note that the link's wave is not a published one."""
    return [e for e in elements if not (e[0] == "alert" and WAVE_NOTE in e[1])]


def file_state(path: Path) -> tuple[str, dict[str, int]]:
    """The file's bytes (sha256) and the row count of every table in it."""
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with db.connect_readonly(path) as con:
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_catalog = $c AND table_type = 'BASE TABLE' ORDER BY 1",
            {"c": db.CATALOG}).fetchall()]  # fmt: skip
        counts = {t: db.scalar(con, f"SELECT count(*) FROM {t}") for t in tables}
    return digest, counts


def fresh_run(server, query: str, page: str) -> Run:
    with Session(server) as session:
        return session.run(query, page)


@pytest.mark.slow
def test_sql_injection_strings_in_every_url_key_change_nothing(served):
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import quote

    server, path = served
    keys = sorted(url_keys())
    assert {"omgang", "horisont", "lan", "grupp", "kommuner", "typ", "bransch", "schema",
            "kluster", "yrke", "eftergymnasial", "matt", "kommun", "kandidat", "klass",
            "hem"} <= set(keys)  # fmt: skip
    before = file_state(path)
    assert before[1]["need"] > 0 and before[1]["respondent_contact"] > 0
    log_start = len(server.log_text())

    # Each URL gives every key a different string; over len(INJECTIONS) URLs every key gets
    # every string, on every page. Keys unknown to the app ride along.
    urls = []
    for shift in range(len(INJECTIONS)):
        values = {key: INJECTIONS[(i + shift) % len(INJECTIONS)] for i, key in enumerate(keys)}
        values["okand"] = INJECTIONS[shift]
        urls.append("&".join(f"{k}={quote(v, safe='')}" for k, v in values.items()))
    # Also as a careless client sends them (map page only): unencoded, and decoded once.
    raw = [
        "omgang='; DROP TABLE need; --&kommun=2480' OR '1'='1&lan=22'--&klass=30 OR 1=1",
        "omgang=%27%3B%20DROP%20TABLE%20need%3B--&yrke=%27)%3B--&kandidat=%27%3B",
    ]

    with ThreadPoolExecutor(4) as pool:
        baseline = dict(zip(PAGES, pool.map(lambda p: fresh_run(server, "", p), PAGES),
                            strict=True))  # fmt: skip
        jobs = [(url, page) for url in urls for page in PAGES] + [(url, "") for url in raw]
        runs = list(pool.map(lambda job: fresh_run(server, *job), jobs))
    for page, run in baseline.items():
        assert not run.errors, (page, run.errors)
    expected_total = total_line(baseline[""])
    for (url, page), run in zip(jobs, runs, strict=True):
        where = f"{page or 'karta'} ?{url[:160]}"
        assert not run.errors, f"{where}: {run.errors}"
        if page == "":
            assert total_line(run) == expected_total, where  # the unfiltered total
        # an `omgang` that is no published wave falls back to the newest published one and says
        # so (kraftsamling.ui.shared_filters), whatever the string: that note, nothing else
        assert without_wave_note(fingerprint(run)) == fingerprint(baseline[page]), (
            f"{where}: the view changed"
        )

    assert file_state(path) == before  # byte for byte, and every table's rows
    assert "Traceback" not in server.log_text(log_start), server.log_text(log_start)


@pytest.mark.slow
def test_injection_strings_as_query_parameters_are_values_not_sql(served):
    """The same strings bound straight into the named queries: they match nothing, and
    nothing is executed."""
    _, path = served
    before = file_state(path)
    with db.connect_readonly(path) as con:
        for text in INJECTIONS:
            params = figure_params(text, kommunkoder=[*REGION_CODES, text], org_kinds=[text],
                                   sni_sections=[text], ssyk4=text)  # fmt: skip
            totals = queries.run(con, "region_totals", **params).iloc[0]
            assert (totals["recruits"], totals["employers"]) == (0, 0)
            need = {k: v for k, v in params.items() if k != "education_areas"}
            assert queries.run(con, "need_by_cluster", **need).empty
            assert queries.run(con, "municipality_figures", **params)["recruits"].sum() == 0
            options = queries.run(con, "filter_options", wave_id=text)
            assert not (options["kind"] == "yrke").any()
            chosen = queries.run(con, "selection_municipalities", lan_koder=[text],
                                 group_id=text, kommunkoder=[text], year=2025)  # fmt: skip
            assert chosen.empty
    assert file_state(path) == before


# The f-strings in kraftsamling/ that build SQL, and what each may interpolate. Nothing here
# comes from a user: table names that are keys of constant dicts or literal tuples, the
# attached catalog's name, and one benchmark path.
SQL_INTERPOLATIONS = {
    ("kraftsamling/db.py", "table"): "keys of REFERENCE_FILES, EXAMPLE_FILES, CARRIED_OVER",
    ("kraftsamling/db.py", "CATALOG"): "the constant 'kraftsamling'",
    ("kraftsamling/intake/store.py", "table"): "_Writer._insert: literal table names",
    ("kraftsamling/devtools/bench_national.py", "t"): "a literal tuple of table names",
    ("kraftsamling/devtools/bench_national.py", "table"): "a literal tuple of table names",
    ("kraftsamling/replica.py", "name"): "_identifier(): a table of our own schema, checked",
    ("kraftsamling/replica.py", "columns"): "_identifier() of each column of our own schema",
    ("kraftsamling/replica.py", "target"): "_literal(): the export's own path, quotes doubled",
    ("kraftsamling/replica.py", "files"): "_literal(): the export's own path, quotes doubled",
    ("kraftsamling/replica.py", "db.CATALOG"): "the constant 'kraftsamling'",
    ("kraftsamling/devtools/bench_national.py", "quoted"): (
        "COPY … TO '<path>': the benchmark's own temporary CSV path, quotes doubled "
        "(DuckDB takes no parameter there)"
    ),
}
SQL_START = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|ATTACH|DETACH|USE|CREATE|DROP|ALTER|COPY|PRAGMA|WITH"
    r"|SET|CHECKPOINT|EXPORT|IMPORT|INSTALL|LOAD)\b"
)
EXECUTING = {"execute", "executemany", "sql", "query", "scalar", "from_query"}


def sql_interpolations() -> dict[tuple[str, str], list[int]]:
    """Every value interpolated into SQL text in kraftsamling/: f-strings that start like SQL or
    are passed to an executing call, and SQL built with + / % / .format."""
    import ast

    from kraftsamling import paths

    found: dict[tuple[str, str], list[int]] = {}
    for file in sorted((paths.REPO / "kraftsamling").rglob("*.py")):
        name = file.relative_to(paths.REPO).as_posix()
        tree = ast.parse(file.read_text(encoding="utf-8"))
        executed = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                called = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if called in EXECUTING:
                    executed.update(id(a) for a in node.args)
        for node in ast.walk(tree):
            text = None
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if SQL_START.match(text) or id(node) in executed:
                    for value in node.values:
                        if isinstance(value, ast.FormattedValue):
                            key = (name, ast.unparse(value.value))
                            found.setdefault(key, []).append(node.lineno)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
                parts = [node.left, node.right]
                if any(isinstance(p, ast.Constant) and isinstance(p.value, str)
                       and SQL_START.match(p.value) for p in parts) and not all(
                    isinstance(p, ast.Constant) for p in parts
                ):  # fmt: skip
                    found.setdefault((name, ast.unparse(node)), []).append(node.lineno)
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "format"
                and isinstance(node.func.value, ast.Constant)
                and SQL_START.match(str(node.func.value.value))
            ):
                found.setdefault((name, ast.unparse(node)), []).append(node.lineno)
    return found


def test_sql_files_have_no_placeholders_and_python_interpolates_only_constant_names():
    import ast

    from kraftsamling import paths

    # queries/: bound parameters ($name) only; no Python format fields. DuckDB's list
    # literals are [...] and struct literals {'k': v} are not used in our SQL at all.
    for file in sorted(paths.QUERIES.glob("*.sql")):
        text = file.read_text(encoding="utf-8")
        assert not re.search(r"[{}]|%s|%\(", text), f"{file.name} has a format placeholder"
    assert "{" not in paths.SCHEMA.read_text(encoding="utf-8")

    found = sql_interpolations()
    unexpected = {k: v for k, v in found.items() if k not in SQL_INTERPOLATIONS}
    assert not unexpected, f"SQL text built from values (bind them instead): {unexpected}"

    # The interpolated table names really are fixed: identifiers from the code itself.
    for table in [*db.REFERENCE_FILES, *db.EXAMPLE_FILES, *db.CARRIED_OVER, db.CATALOG]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", table), table
    store_tree = ast.parse((paths.REPO / "kraftsamling/intake/store.py").read_text("utf-8"))
    inserts = [n for n in ast.walk(store_tree) if isinstance(n, ast.Call)
               and getattr(n.func, "attr", "") == "_insert"]  # fmt: skip
    assert inserts and all(
        isinstance(n.args[0], ast.Constant) and re.fullmatch(r"[a-z][a-z0-9_]*", n.args[0].value)
        for n in inserts
    )
    # load_csv(con, table, …) is only called for the keys of the two constant file lists, and
    # carry_over_imports only inserts into the keys of CARRIED_OVER.
    db_tree = ast.parse((paths.REPO / "kraftsamling/db.py").read_text("utf-8"))
    iterated = {}  # id of a call inside a comprehension -> the constant it iterates over
    for node in ast.walk(db_tree):
        if isinstance(node, ast.DictComp | ast.ListComp | ast.For):
            source = node.iter if isinstance(node, ast.For) else node.generators[0].iter
            if isinstance(source, ast.Call) and getattr(source.func, "attr", "") == "items":
                for inner in ast.walk(node):
                    iterated[id(inner)] = ast.unparse(source.func.value)
    loaders = [n for n in ast.walk(db_tree) if isinstance(n, ast.Call)
               and getattr(n.func, "id", "") == "load_csv"]  # fmt: skip
    assert {iterated.get(id(n)) for n in loaders} == {"REFERENCE_FILES", "EXAMPLE_FILES"}
    carried = [n for n in ast.walk(db_tree) if isinstance(n, ast.JoinedStr)
               and "previous_rows" in ast.unparse(n)]  # fmt: skip
    assert carried and {iterated.get(id(n)) for n in carried} == {"CARRIED_OVER"}

    # The pages and the entry file run no SQL of their own: everything goes through
    # ui.query → queries.run with a named file and bound parameters.
    for file in [paths.REPO / "dashboard.py", *sorted((paths.REPO / "pages").glob("*.py"))]:
        text = file.read_text(encoding="utf-8")
        assert "duckdb" not in text and ".execute(" not in text, file.name


# ------------------------------------------------------------------ no respondent-level data
def shown_strings(run: Run) -> list[str]:
    """Every string the browser is sent for one run: all text fields of every element (labels,
    markdown, captions, options, metric values, help texts), the plotly figures' JSON and the
    tables' cells and column names."""
    import json

    import pyarrow as pa

    out: list[str] = []

    def walk(message) -> None:
        for field, value in message.ListFields():
            for item in value if field.is_repeated else [value]:
                if field.type == field.TYPE_MESSAGE:
                    walk(item)
                elif field.type == field.TYPE_STRING:
                    out.append(item)

    def walk_json(value) -> None:
        if isinstance(value, dict):
            out.extend(map(str, value))
            for item in value.values():
                walk_json(item)
        elif isinstance(value, list):
            for item in value:
                walk_json(item)
        elif isinstance(value, str):
            out.append(value)

    def walk_table(data: bytes) -> None:
        if data:
            table = pa.ipc.open_stream(data).read_all()
            out.extend(table.column_names)
            out.extend(str(v) for column in table.to_pydict().values() for v in column)

    for element in run.elements:
        walk(element)
        kind = element.WhichOneof("type")
        if kind == "plotly_chart":
            walk_json(json.loads(element.plotly_chart.spec))
        elif kind == "dataframe":
            walk_table(element.dataframe.arrow_data.data)
            walk_table(element.dataframe.arrow_data.styler.display_values)
    return out


def respondent_data(path: Path) -> dict[str, set[str]]:
    """What must never reach the providers' pages: organisation names, organisationsnummer
    and contact details (name, e-mail, phone), from every wave in the file.

    Municipalities' own answers are named "<Kommun>s kommun" ("Storumans kommun"); a page may
    name the place ("Storuman", "Storumans kommun") without disclosing anything, so those
    names are left out. Their organisationsnummer and contacts are checked like all others.
    Regions' answers are named by unit ("Region Västernorrland, Kramfors hälsocentral") and
    are checked as whole names."""
    with db.connect_readonly(path) as con:

        def column(sql: str) -> set[str]:
            return {v for (v,) in con.execute(sql).fetchall() if v}

        return {
            "organisation_name": column(
                "SELECT organisation_name FROM respondent WHERE org_kind <> 'kommun'"
            ),
            "organisationsnummer": column("SELECT organisationsnummer FROM respondent"),
            "contact_name": column("SELECT contact_name FROM respondent_contact"),
            "contact_email": column("SELECT contact_email FROM respondent_contact"),
            "contact_phone": column("SELECT contact_phone FROM respondent_contact"),
        }


@pytest.mark.slow
def test_no_respondent_names_or_contact_details_reach_the_providers_pages(served):
    from concurrent.futures import ThreadPoolExecutor

    server, path = served
    secrets = respondent_data(path)
    assert min(len(values) for values in secrets.values()) >= 9
    with db.connect_readonly(path) as con:
        (wave,), = con.execute("SELECT wave_id FROM wave WHERE is_example").fetchall()  # fmt: skip
        # The narrowest views: the municipality and occupations with fewest respondents.
        (small,), = con.execute(
            "SELECT kommunkod FROM respondent WHERE wave_id = $w GROUP BY 1 "
            "ORDER BY count(*), 1 LIMIT 1", {"w": wave}).fetchall()  # fmt: skip
        rarest = con.execute(
            "SELECT ssyk4 FROM need WHERE wave_id = $w GROUP BY 1 "
            "ORDER BY count(DISTINCT respondent_id), 1 LIMIT 2",
            {"w": wave},
        ).fetchall()
        rare = [code for (code,) in rarest]
    urls = [
        "",
        f"omgang={wave}&kommun={small}&hem={small}&yrke={rare[0]}&kandidat=yrke:{rare[0]}"
        "&tabell=true",  # the map's table too (drawn when opened)
        f"omgang={wave}&niva=group&gruppyrken={rare[0]},{rare[1]}&typ=ideell&lan={small[:2]}",
    ]
    # The administrators' pages are asked for by name too.
    jobs = [(page, url) for page in PAGES for url in urls] + [("importera", ""), ("omgangar", "")]
    with ThreadPoolExecutor(4) as pool:
        runs = dict(zip(jobs, pool.map(lambda job: fresh_run(server, job[1], job[0]), jobs),
                        strict=True))  # fmt: skip
    everything = []
    for (page, url), run in runs.items():
        where = f"{page or 'karta'}?{url}"
        # An exception shown on a page is scanned like the rest (its message and stack trace
        # are strings in the element); whether pages run without one is tested elsewhere.
        text = "\n".join(shown_strings(run)).casefold()
        everything.append(text)
        for kind, values in secrets.items():
            leaked = sorted(v for v in values if v.casefold() in text)
            assert not leaked, f"{where} shows {kind}: {leaked[:5]}"
    # The search looks where the figures are: place and occupation names from tables, charts.
    seen = "\n".join(everything)
    assert "arjeplog" in seen and "tandsköterskor" in seen and "<3" in seen
