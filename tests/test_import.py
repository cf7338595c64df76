"""Importing survey answers: one transaction, nothing lost, nothing counted twice."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from kraftsamling import db, paths, queries
from kraftsamling.intake import quarantine, store, waves
from tests.helpers import REGION_CODES

HEADER = (
    "Organisation;Organisationsnummer;Typ av organisation;Kommun;Yrke;"
    "Antal inom 1 år;Antal 1-3 år;Antal 3-5 år;LIA-platser\n"
)


def csv_file(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode("utf-8")


GOOD = csv_file(
    "Sorsele kommun;;kommun;Sorsele;5321;2;1;1;2",
    "Sorsele kommun;;kommun;Sorsele;Tandsköterska;1;0;0;1",
    "Malå Bygg AB;;privat;2418;7111;1;1;0;0",
)
MIXED = csv_file(
    "Storumans kommun;;kommun;Storuman;5321;3;0;0;1",
    "Storumans kommun;;kommun;Umeaa;5311;1;0;0;0",
    "Storumans kommun;;kommun;Storuman;5311;ca 5;0;0;0",
)


@pytest.fixture()
def target(tmp_path: Path) -> Path:
    path = tmp_path / "k.duckdb"
    db.build(path)
    return path


def count(target: Path, sql: str, **params) -> int:
    with db.connect_readonly(target) as con:
        return con.execute(sql, params).fetchone()[0]


def test_valid_rows_are_imported_and_bad_rows_go_to_quarantine_with_reasons(target):
    report = store.import_files([("svar.csv", MIXED)], "2025-host", target=target)
    (file_report,) = report.files
    assert (file_report.rows_accepted, file_report.rows_rejected) == (1, 2)
    assert count(target, "SELECT count(*) FROM need WHERE wave_id = '2025-host'") == 1
    with db.connect_readonly(target) as con:
        reasons = [r for (r,) in con.execute("SELECT reasons FROM quarantine").fetchall()]
    assert any("'Umeaa' känns inte igen. Menade du Umeå (2480)?" in r for r in reasons)
    assert any("rad 3" in r and "kolumn 'Kommun'" in r for r in reasons)
    assert any("'ca 5'" in r for r in reasons)


def test_the_raw_file_and_an_import_log_are_kept(target):
    store.import_files([("svar.csv", GOOD)], "2025-host", imported_by="testaren", target=target)
    with db.connect_readonly(target) as con:
        content, by, accepted, status = con.execute(
            "SELECT content, imported_by, rows_accepted, status FROM import_file"
        ).fetchone()
    assert content == GOOD
    assert (by, accepted, status) == ("testaren", 3, "importerad")


def test_importing_the_same_file_twice_changes_nothing(target):
    store.import_files([("svar.csv", GOOD)], "2025-host", target=target)
    before = count(target, "SELECT count(*) FROM need")
    report = store.import_files([("kopia.csv", GOOD)], "2025-host", target=target)
    assert report.files[0].status == "redan importerad"
    assert count(target, "SELECT count(*) FROM need") == before
    assert count(target, "SELECT count(*) FROM import_file") == 1


def test_the_same_organisation_twice_keeps_the_first_answer_and_quarantines_the_second(target):
    store.import_files([("forsta.csv", GOOD)], "2025-host", target=target)
    later = csv_file("SORSELE KOMMUN;;kommun;2422;5321;9;9;9;9")
    report = store.import_files([("andra.csv", later)], "2025-host", target=target)
    assert report.files[0].duplicates == 1
    assert (
        count(
            target,
            "SELECT sum(recruits_1y) FROM need WHERE ssyk4 = '5321' AND wave_id = '2025-host'",
        )
        == 2
    )
    with db.connect_readonly(target) as con:
        reason = con.execute("SELECT reasons FROM quarantine").fetchone()[0]
    assert "första svaret gäller" in reason and "forsta.csv" in reason


def test_an_unreadable_file_is_kept_and_reported_but_the_others_are_imported(target):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    report = store.import_files([("bild.csv", png), ("svar.csv", GOOD)], "2025-host", target=target)
    statuses = {f.file_name: f.status for f in report.files}
    assert statuses == {"bild.csv": "oläsbar", "svar.csv": "importerad"}
    assert "bild.csv" in report.files[0].problems[0]
    assert count(target, "SELECT count(*) FROM import_file WHERE status = 'oläsbar'") == 1


def test_example_wave_and_malformed_wave_ids_are_refused(target):
    with pytest.raises(store.ImportRefused, match="exempeldata"):
        store.import_files([("svar.csv", GOOD)], "exempel-2025-host", target=target)
    with pytest.raises(store.ImportRefused, match="fel form"):
        store.import_files([("svar.csv", GOOD)], "'; DROP TABLE need; --", target=target)
    assert count(target, "SELECT count(*) FROM import_file") == 0


def test_quarantined_rows_download_as_a_workbook_that_imports_again_once_fixed(target):
    store.import_files([("svar.csv", MIXED)], "2025-host", target=target)
    with db.connect_readonly(target) as con:
        data = quarantine.wave_workbook(con, "2025-host")
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Organisation", "Organisationsnummer", "Typ av organisation", "Kommun"]
    assert header[-1] == quarantine.REASON_HEADER
    assert sheet.max_row == 3
    # Fix the two cells and import the workbook again.
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.value == "Umeaa":
                cell.value = "Storuman"
            if cell.value == "ca 5":
                cell.value = 5
    buffer = io.BytesIO()
    book.save(buffer)
    report = store.import_files([("rattad.xlsx", buffer.getvalue())], "2025-host", target=target)
    # The organisation already answered in this wave (first answer stands), so the corrected
    # rows are flagged as duplicates: the rule is visible, not silent.
    assert report.files[0].rows_accepted + report.files[0].rows_rejected == 2


def test_a_rebuild_keeps_imported_waves(target):
    store.import_files([("svar.csv", GOOD)], "2025-host", target=target)
    db.build(target)
    assert count(target, "SELECT count(*) FROM need WHERE wave_id = '2025-host'") == 3
    assert count(target, "SELECT count(*) FROM import_file") == 1
    assert count(target, "SELECT count(*) FROM wave WHERE is_example") == 1


def test_deleting_a_wave_removes_its_answers_and_keeps_its_files(target):
    store.import_files([("svar.csv", GOOD)], "2025-host", target=target)
    counts = store.delete_wave("2025-host", target=target)
    assert counts["need"] == 3
    assert count(target, "SELECT count(*) FROM wave WHERE wave_id = '2025-host'") == 0
    assert count(target, "SELECT count(*) FROM import_file WHERE status = 'omgång raderad'") == 1
    # ... and the same file can then be imported again.
    report = store.import_files([("svar.csv", GOOD)], "2025-host", target=target)
    assert report.files[0].rows_accepted == 3


def test_comparing_two_waves_shows_what_grew_and_what_shrank_where_both_answered(target):
    store.import_files([("svar.csv", GOOD)], "2025-host", target=target)
    later = csv_file("Sorsele kommun;;kommun;Sorsele;5321;5;1;1;2")
    store.import_files([("svar2026.csv", later)], "2026-host", target=target)
    with db.connect_readonly(target) as con:
        rows = (
            con.execute(
                queries.sql("wave_comparison_by_occupation"),
                {
                    "wave_a": "2025-host",
                    "wave_b": "2026-host",
                    "horizons": ["0-1"],
                    "same_organisations": False,
                    "kommunkoder": REGION_CODES,
                },
            )
            .df()
            .set_index("ssyk4")
        )
        places = (
            con.execute(
                queries.sql("wave_comparison_by_municipality"),
                {
                    "wave_a": "2025-host",
                    "wave_b": "2026-host",
                    "horizons": ["0-1"],
                    "kommunkoder": REGION_CODES,
                },
            )
            .df()
            .set_index("kommunkod")
        )
    assert rows.loc["5321", "change"] == 3  # 2 -> 5
    assert rows.loc["5350", "change"] == -1  # Sorsele answered both times, without it
    # Malå (2418) did not answer in 2026: "deltog inte", never a fall of its 7111
    assert "7111" not in rows.index
    assert places.loc["2418", "took_part"] == "deltog inte i senare"
    assert pd.isna(places.loc["2418", "change"])  # NULL, not -1
    assert places.loc["2422", "took_part"] == "båda"
    assert places.loc["2480", "took_part"] == "deltog inte"


def test_a_running_app_sees_a_new_wave_without_a_restart(target, monkeypatch):
    monkeypatch.setenv("KRAFTSAMLING_DB", str(target))
    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=60)
    app.run()
    assert "Hösten 2025" not in app.selectbox(key="omgang").options
    store.import_files([("svar.csv", GOOD)], "2025-host", target=target)
    app.run()
    assert not app.exception
    assert "Hösten 2025" not in app.selectbox(key="omgang").options  # providers: not published
    waves.publish("2025-host", by="anna", target=target)
    app.run()
    assert not app.exception
    assert "Hösten 2025" in app.selectbox(key="omgang").options


def test_an_import_killed_half_way_leaves_the_database_exactly_as_before(target, tmp_path):
    big = tmp_path / "stor.csv"
    rows = [f"Företag {i} AB;;privat;Lycksele;5321;1;1;1;0" for i in range(60_000)]
    big.write_bytes(csv_file(*rows))
    before = target.read_bytes()
    env = {**os.environ, "KRAFTSAMLING_DB": str(target)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kraftsamling", "import", str(big), "--wave", "2025-host"],
        cwd=paths.REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Wait until the importer has started writing its copy of the database, then kill it.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any(".building-" in p.name for p in target.parent.iterdir()):
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import finished before it could be killed"
    time.sleep(0.3)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert target.read_bytes() == before
    with db.connect_readonly(target) as con:
        assert con.execute("SELECT count(*) FROM import_file").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM wave WHERE NOT is_example").fetchone()[0] == 0
    # The next writer clears the dead importer's half-written copy and works.
    store.import_files([("svar.csv", GOOD)], "2025-host", target=target)
    assert [p.name for p in target.parent.iterdir() if ".building-" in p.name] == []
    assert count(target, "SELECT count(*) FROM need WHERE wave_id = '2025-host'") == 3


def test_the_import_log_query_never_returns_file_contents(target):
    store.import_files([("svar.csv", GOOD)], "2025-host", target=target)
    with db.connect_readonly(target) as con:
        log = con.execute(queries.sql("import_log"), {"wave_id": None}).df()
    assert "content" not in log.columns
    assert json.loads(json.dumps(log["file_name"].tolist())) == ["svar.csv"]


CELLS = {
    "kommun": ["Sorsele", "2418", "Umeå kommun", "UMEÅ", "Umeaa", "Stockholm", ""],
    "yrke": ["5321", "5322", "Tandsköterska", "Undersköterka", "9999", ""],
    "antal": ["0", "3", " 12 ", "ca 5", "5-10", "-1", "2,5", ""],
}


@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 5),
            st.sampled_from(CELLS["kommun"]),
            st.sampled_from(CELLS["yrke"]),
            st.sampled_from(CELLS["antal"]),
            st.sampled_from(CELLS["antal"]),
        ),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_row_of_a_file_is_either_imported_or_quarantined(tmp_path_factory, rows):
    """No input makes the importer crash or import part of a file: each data row ends up
    exactly once in `need` or in `quarantine` (or the whole file is kept as unreadable)."""
    target = tmp_path_factory.mktemp("prop") / "k.duckdb"
    db.build(target, with_example=False)
    lines = [f"Org {o};;privat;{k};{y};{a};{b};0;0" for o, k, y, a, b in rows]
    report = store.import_files([("p.csv", csv_file(*lines))], "2025-host", target=target)
    (file_report,) = report.files
    with db.connect_readonly(target) as con:
        imported = con.execute("SELECT count(*) FROM need").fetchone()[0]
        # two titles of one organisation with one SSYK-4 are one need ('5321 + 5322', noted)
        merged = con.execute(
            "SELECT coalesce(sum(len(string_split(occupation_as_given, ' + ')) - 1), 0) FROM need"
        ).fetchone()[0]
        quarantined = con.execute("SELECT count(*) FROM quarantine").fetchone()[0]
        kept = con.execute("SELECT count(*) FROM import_file").fetchone()[0]
    assert kept == 1
    assert imported == file_report.rows_accepted
    assert quarantined == file_report.rows_rejected
    assert imported + merged + quarantined == len(rows)
    assert sum("räknas som ett behov" in note for note in file_report.notes) == merged


NEED_FACT_MISMATCH = """
SELECT count(*) FROM (
    (SELECT * EXCLUDE (need_id) FROM need_fact
     EXCEPT ALL
     SELECT n.wave_id, r.kommunkod, n.respondent_id, r.org_kind, r.sni_section, n.ssyk4,
            o.occupation_name, o.occupation_field, o.education_area,
            n.recruits_1y, n.recruits_1_3y, n.recruits_3_5y, n.lia_places, n.upskilling,
            n.recruitment_difficulty, n.requires_post_secondary, o.education_path
     FROM need n JOIN respondent r USING (respondent_id) LEFT JOIN occupation o USING (ssyk4))
    UNION ALL
    (SELECT n.wave_id, r.kommunkod, n.respondent_id, r.org_kind, r.sni_section, n.ssyk4,
            o.occupation_name, o.occupation_field, o.education_area,
            n.recruits_1y, n.recruits_1_3y, n.recruits_3_5y, n.lia_places, n.upskilling,
            n.recruitment_difficulty, n.requires_post_secondary, o.education_path
     FROM need n JOIN respondent r USING (respondent_id) LEFT JOIN occupation o USING (ssyk4)
     EXCEPT ALL
     SELECT * EXCLUDE (need_id) FROM need_fact)
)
"""


def test_the_fast_copy_of_the_survey_always_equals_the_survey(target):
    """need_fact (what every figure reads) is rebuilt by every write: build, import, delete."""
    assert count(target, NEED_FACT_MISMATCH) == 0
    assert count(target, "SELECT count(*) FROM need_fact") > 1000  # the example wave
    store.import_files([("svar.csv", GOOD)], "2025-host", target=target)
    assert count(target, NEED_FACT_MISMATCH) == 0
    assert count(target, "SELECT count(*) FROM need_fact WHERE wave_id = '2025-host'") == 3
    db.build(target)
    assert count(target, NEED_FACT_MISMATCH) == 0
    store.delete_wave("2025-host", target=target)
    assert count(target, NEED_FACT_MISMATCH) == 0
    assert count(target, "SELECT count(*) FROM need_fact WHERE wave_id = '2025-host'") == 0


def test_a_database_from_an_older_version_is_rebuilt_on_start_keeping_its_imports(target):
    store.import_files([("svar.csv", GOOD)], "2025-host", target=target)
    con = duckdb.connect(str(target))  # make it look like a file built before need_fact
    con.execute("DROP TABLE need_fact")
    con.execute("UPDATE build_info SET value = 'kraftsamling-1' WHERE key = 'schema'")
    con.close()
    db.ensure_database(target)
    assert count(target, "SELECT value FROM build_info WHERE key = 'schema'") == db.SCHEMA_VERSION
    assert count(target, "SELECT count(*) FROM need_fact WHERE wave_id = '2025-host'") == 3
    assert count(target, NEED_FACT_MISMATCH) == 0
