"""SQL injection: strings in every URL key and in the queries' parameters change nothing, and
the SQL the package builds interpolates only constant names (a real server, as in
tests/test_load.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kraftsamling import db, queries
from kraftsamling.wsclient import Run
from tests.helpers import PAGES, REGION_CODES, figure_params, fresh_run, total_line

# ------------------------------------------------------------------ SQL injection through the URL
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
# ui.ThresholdInput names a threshold that ui.threshold_inputs keeps in the URL (url_number)
URL_HELPERS = {"url_selectbox", "url_multiselect", "url_checkbox", "url_number", "ThresholdInput"}


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
            if (
                name in URL_HELPERS
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
            ):
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
        tables = [
            t
            for (t,) in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_catalog = $c AND table_type = 'BASE TABLE' ORDER BY 1",
                {"c": db.CATALOG},
            ).fetchall()
        ]
        counts = {t: db.scalar(con, f"SELECT count(*) FROM {t}") for t in tables}
    return digest, counts


@pytest.mark.slow
def test_sql_injection_strings_in_every_url_key_change_nothing(served):
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import quote

    server, path = served
    keys = sorted(url_keys())
    assert {
        "omgang",
        "horisont",
        "lan",
        "grupp",
        "kommuner",
        "typ",
        "bransch",
        "schema",
        "kluster",
        "yrke",
        "eftergymnasial",
        "matt",
        "kommun",
        "kandidat",
        "klass",
        "hem",
    } <= set(keys)
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
        baseline = dict(
            zip(PAGES, pool.map(lambda p: fresh_run(server, "", p), PAGES), strict=True)
        )
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
            params = figure_params(
                text,
                kommunkoder=[*REGION_CODES, text],
                org_kinds=[text],
                sni_sections=[text],
                ssyk4=text,
            )
            totals = queries.run(con, "region_totals", **params).iloc[0]
            assert (totals["recruits"], totals["employers"]) == (0, 0)
            need = {k: v for k, v in params.items() if k != "education_areas"}
            assert queries.run(con, "need_by_cluster", **need).empty
            assert queries.run(con, "municipality_figures", **params)["recruits"].sum() == 0
            options = queries.run(con, "filter_options", wave_id=text)
            assert not (options["kind"] == "yrke").any()
            chosen = queries.run(
                con,
                "selection_municipalities",
                lan_koder=[text],
                group_id=text,
                kommunkoder=[text],
                year=2025,
            )
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
                if any(
                    isinstance(p, ast.Constant)
                    and isinstance(p.value, str)
                    and SQL_START.match(p.value)
                    for p in parts
                ) and not all(isinstance(p, ast.Constant) for p in parts):
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
    inserts = [
        n
        for n in ast.walk(store_tree)
        if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "_insert"
    ]
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
    loaders = [
        n
        for n in ast.walk(db_tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "load_csv"
    ]
    assert {iterated.get(id(n)) for n in loaders} == {"REFERENCE_FILES", "EXAMPLE_FILES"}
    carried = [
        n
        for n in ast.walk(db_tree)
        if isinstance(n, ast.JoinedStr) and "previous_rows" in ast.unparse(n)
    ]
    assert carried and {iterated.get(id(n)) for n in carried} == {"CARRIED_OVER"}

    # The pages and the entry file run no SQL of their own: everything goes through
    # ui.query → queries.run with a named file and bound parameters.
    for file in [paths.REPO / "dashboard.py", *sorted((paths.REPO / "pages").glob("*.py"))]:
        text = file.read_text(encoding="utf-8")
        assert "duckdb" not in text and ".execute(" not in text, file.name
