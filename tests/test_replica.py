"""The named queries give the same figures over a Parquet export as over the database file."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from kraftsamling import db, queries, replica
from kraftsamling.metrics import HORIZONS
from kraftsamling.selection import Selection
from tests.helpers import REGION_CODES

# The queries every survey page reads, with the parameters beyond the shared filters.
PAGE_QUERIES = {
    "municipality_figures": {"education_areas": []},
    "region_totals": {"education_areas": []},
    "need_by_cluster": {},
    "need_by_occupation": {},
    "need_by_municipality_cluster": {},
}
SECOND_WAVE = "andra-2026-var"


@pytest.fixture(scope="module")
def two_waves(tmp_path_factory, database):
    """A copy of the example database with a second wave (the example's answers, every count
    of every other respondent doubled): enough to tell the waves' Parquet folders apart."""
    path = tmp_path_factory.mktemp("replica") / "two_waves.duckdb"
    path.write_bytes(database.read_bytes())
    con = duckdb.connect(str(path))
    con.execute("BEGIN")
    con.execute(
        "INSERT INTO wave SELECT $w, 'Våren 2026 (exempeldata, kopia)', survey_year + 1, "
        "is_example, origin, loaded_at FROM wave WHERE is_example",
        {"w": SECOND_WAVE},
    )
    con.execute(
        "INSERT INTO respondent SELECT * REPLACE ('b-' || respondent_id AS respondent_id, "
        "$w AS wave_id) FROM respondent WHERE wave_id <> $w",
        {"w": SECOND_WAVE},
    )
    con.execute(
        """INSERT INTO need SELECT * REPLACE (
               'b-' || need_id AS need_id, 'b-' || respondent_id AS respondent_id, $w AS wave_id,
               recruits_1y * (1 + hash(respondent_id) % 2) AS recruits_1y)
           FROM need WHERE wave_id <> $w""",
        {"w": SECOND_WAVE},
    )
    db.refresh_need_fact(con)
    con.execute("COMMIT")
    con.close()
    return path


@pytest.fixture(scope="module")
def both(two_waves, tmp_path_factory):
    """The database file and its Parquet export, each opened as the app opens a reader."""
    file_con = db.connect_readonly(two_waves)
    folder = tmp_path_factory.mktemp("parquet") / "waves"
    counts = replica.export_parquet(file_con, folder)
    parquet_con = replica.connect_parquet(folder)
    yield file_con, parquet_con, folder, counts
    file_con.close()
    parquet_con.close()


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


@pytest.mark.parametrize("horizon", sorted(HORIZONS))
def test_the_pages_figures_from_parquet_equal_those_from_the_database_file(both, horizon):
    file_con, parquet_con, _, _ = both
    waves = [w for (w,) in file_con.execute("SELECT wave_id FROM wave ORDER BY 1").fetchall()]
    assert len(waves) == 2
    for wave_id in waves:
        for kommunkoder in (tuple(REGION_CODES), tuple(c for c in REGION_CODES if c < "2400")):
            selection = Selection(wave_id=wave_id, horizon=horizon, kommunkoder=kommunkoder)
            for name, extra in PAGE_QUERIES.items():
                params = {**selection.need_params(), **extra}
                from_file = queries.run(file_con, name, **params)
                from_parquet = queries.run(parquet_con, name, **params)
                assert len(from_file) > 0, name
                pd.testing.assert_frame_equal(
                    _sorted(from_parquet), _sorted(from_file), check_dtype=False, obj=name
                )


def test_each_wave_is_its_own_parquet_folder_and_the_waves_differ(both):
    file_con, parquet_con, folder, _ = both
    folders = sorted(p.name for p in (folder / "need_fact").iterdir())
    assert folders == sorted(
        f"wave_id={w}" for (w,) in file_con.execute("SELECT wave_id FROM wave").fetchall()
    )
    totals = parquet_con.execute(
        "SELECT wave_id, sum(recruits_1y) FROM need_fact GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert totals[0][1] != totals[1][1]


def test_personal_data_and_raw_files_are_not_exported(both):
    _, parquet_con, folder, counts = both
    for table in ("respondent_contact", "import_file", "quarantine"):
        assert table not in counts
        assert not list(folder.glob(f"{table}*"))
    tables = {r[0] for r in parquet_con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
    assert "respondent_contact" not in tables


def test_export_parquet_on_the_command_line_writes_a_folder_the_queries_read(database, tmp_path):
    from kraftsamling.__main__ import main

    folder = tmp_path / "export"
    assert main(["export-parquet", str(folder)]) == 0
    with replica.connect_parquet(folder) as con:
        assert queries.run(con, "waves")["need_rows"].sum() > 0


def test_only_names_of_our_own_schema_are_written_into_sql():
    assert replica._identifier("need_fact") == '"need_fact"'
    for odd in ('need"; DROP TABLE need; --', "Need", "1need", ""):
        with pytest.raises(ValueError):
            replica._identifier(odd)
    assert replica._literal(replica.Path("/tmp/o'brien")) == "'/tmp/o''brien'"
