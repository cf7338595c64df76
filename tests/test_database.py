"""The database file: built from the repository, swapped in whole, opened read-only."""

from __future__ import annotations

import re

import duckdb
import pytest

from kraftsamling import db, paths, queries
from tests.helpers import figure_params


def test_a_build_makes_every_table_of_the_schema(database):
    with db.connect_readonly(database) as con:
        tables = {
            t
            for (t,) in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_catalog = 'kraftsamling'"
            ).fetchall()
        }
    for expected in [
        "municipality",
        "county",
        "wave",
        "respondent",
        "respondent_contact",
        "need",
        "need_horizon",
        "occupation",
        "myh_application",
        "collaboration_group",
        "collaboration_group_member",
        "job_title",
    ]:
        assert expected in tables


def test_the_app_connection_cannot_write(con):
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM municipality")


def test_a_reader_keeps_its_file_while_a_new_one_is_swapped_in(tmp_path):
    target = tmp_path / "k.duckdb"
    db.build(target, with_example=False)
    reader = db.connect_readonly(target)
    before = db.file_version(target)
    db.build(target)  # with the example wave this time
    assert db.file_version(target) != before
    # The open reader still sees the old, complete file ...
    assert reader.execute("SELECT count(*) FROM wave").fetchone()[0] == 0
    assert reader.execute("SELECT count(*) FROM municipality").fetchone()[0] == 290
    reader.close()
    # ... and a new reader sees the new one.
    with db.connect_readonly(target) as fresh:
        assert fresh.execute("SELECT count(*) FROM wave").fetchone()[0] == 1
    leftovers = [p.name for p in tmp_path.iterdir() if ".building-" in p.name]
    assert leftovers == []


def test_a_failed_build_leaves_the_old_database_untouched(tmp_path, monkeypatch):
    target = tmp_path / "k.duckdb"
    db.build(target)
    before = target.read_bytes()
    broken = tmp_path / "municipality.csv"
    broken.write_text("kommunkod,name\n2480,Umeå\n", encoding="utf-8")  # NOT NULL columns missing
    monkeypatch.setitem(db.REFERENCE_FILES, "municipality", broken)
    with pytest.raises(duckdb.Error):
        db.build(target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if ".building-" in p.name] == []


def test_ensure_database_builds_on_first_start(tmp_path):
    target = tmp_path / "fresh" / "k.duckdb"
    assert not target.exists()
    db.ensure_database(target)
    with db.connect_readonly(target) as con:
        assert con.execute("SELECT count(*) FROM municipality WHERE in_region").fetchone()[0] == 44


def test_every_named_query_binds_its_parameters_and_runs(con, example_wave_id):
    params = {
        **figure_params(example_wave_id),
        "wave_a": example_wave_id,
        "wave_b": example_wave_id,
        "lan_koder": [],
        "group_id": None,
        "year": 2025,
        "kommunkod": "2480",
        "level": "ssyk4",
        "group_ssyk4": [],
        "group_label": "",
        "candidate_id": "yrke:5321",
        "horizon": "0-5",  # the providers' publication (published_*.sql)
        "rounds": 3,  # issue 10 (h7): supply in the newest rounds; programmes per occupation
        "ssyk4s": ["7233"],
        "diarienummer": ["MYH 2023/1"],
        "kind": "yrke",  # issue 12 (hC): names beside suggested codes; fair wave comparisons
        "codes": ["5321"],
        "same_organisations": False,
        "wave_ids": [example_wave_id],
    }
    for name in queries.names():
        text = queries.sql(name)
        needed = set(re.findall(r"\$(\w+)", text))
        assert needed <= set(params), f"{name}: add {needed - set(params)} to this test"
        frame = queries.run(con, name, **{p: params[p] for p in needed})
        assert len(frame.columns) > 0, name


def test_queries_are_files_and_unknown_names_are_refused():
    assert (paths.QUERIES / "municipality_figures.sql").is_file()
    with pytest.raises(KeyError):
        queries.sql("../kraftsamling/schema")
