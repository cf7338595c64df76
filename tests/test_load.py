"""Load and faults: 20 sessions read while an import runs and see the old wave or the new one,
never a mix; a run that straddles an import reads one database file only.

How the concurrent sessions are made is explained in kraftsamling/devtools/liveserver.py: a real
`streamlit run` server and 20 WebSocket sessions that speak the browser frontend's protocol
(AppTest is not thread-safe; 20 Chromium contexts are too slow on a two-core machine).
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

from kraftsamling import db, queries
from kraftsamling.intake import store, waves
from kraftsamling.wsclient import Run, Session
from tests.helpers import OTHER_PAGES, REGION_CODES, Totals, figure_params, total_line, totals_of

SESSIONS = 20
NEW_WAVE = "2026-lasttest"
ORGANISATIONS, OCCUPATIONS_PER_ORGANISATION = 2000, 10  # 20 000 need rows


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
    return Totals(
        int(row["recruits"]), int(row["employers"]), int(row["lia_places"]), participating
    )


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
            rows.append(
                f"Lasttest {i:04d} AB;;privat;{REGION_CODES[i % 44]};{code};"
                f"{counts[0]};{counts[1]};{counts[2]};{places}"
            )
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
        codes = [
            c
            for (c,) in con.execute(
                "SELECT DISTINCT ssyk4 FROM need ORDER BY ssyk4 LIMIT $n",
                {"n": OCCUPATIONS_PER_ORGANISATION},
            ).fetchall()
        ]
        ((example_id, example_label),) = con.execute(
            "SELECT wave_id, label FROM wave WHERE is_example"
        ).fetchall()
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
    errors = [
        f"session {s.session} ({s.kind} {s.page or 'karta'}): {s.errors}" for s in seen if s.errors
    ]
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
            + "".join(
                f"{prefix} {i} AB;;privat;{REGION_CODES[i % 4]};5321;5;0;0;1\n" for i in range(40)
            )
        ).encode("utf-8")

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
