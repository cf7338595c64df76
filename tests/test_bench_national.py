"""The national-scale benchmark, run end to end at a small scale. No timing is asserted: the
benchmark prints its figures and targets (docs/benchmark.md), the tests only check that it
runs, makes the data it says it makes and prints every measurement."""

from __future__ import annotations

import duckdb
import pytest

from kraftsamling import db
from kraftsamling.devtools import bench_national

NEED_ROWS = 20_000
WAVES = 2
SESSIONS = 2


pytestmark = pytest.mark.slow  # generates a small national database: about a minute


@pytest.fixture(scope="module")
def small_run(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("bench-national")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("KRAFTSAMLING_DB", raising=False)
        report = bench_national.main(
            repeat=1,
            sessions=SESSIONS,
            need_rows=NEED_ROWS,
            waves=WAVES,
            browser=False,
            workdir=folder,
        )
    return folder / "national.duckdb", report


@pytest.fixture()
def generated(small_run) -> duckdb.DuckDBPyConnection:
    connection = db.connect_readonly(small_run[0])
    yield connection
    connection.close()


def test_every_municipality_answers_in_every_wave(generated):
    assert db.scalar(generated, "SELECT count(*) FROM municipality") == 290
    assert db.scalar(generated, "SELECT count(DISTINCT kommunkod) FROM respondent") == 290
    per_wave = generated.execute(
        "SELECT wave_id, count(DISTINCT kommunkod) FROM respondent GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert per_wave == [(wave, 290) for wave in bench_national.wave_ids(WAVES)]
    fewest = db.scalar(
        generated,
        "SELECT min(n) FROM (SELECT count(*) AS n FROM respondent GROUP BY wave_id, kommunkod)",
    )
    assert fewest >= bench_national.MIN_RESPONDENTS
    kinds = generated.execute(
        "SELECT org_kind, count(*) FROM respondent WHERE org_kind IN ('kommun', 'region') "
        "GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert kinds == [("kommun", 290 * WAVES), ("region", 290 * WAVES)]


def test_the_waves_are_flagged_as_generated_benchmark_data(generated):
    waves = generated.execute("SELECT wave_id, label, is_example FROM wave ORDER BY 1").fetchall()
    assert [w for w, _, _ in waves] == ["2024-host", "2025-host"]
    assert all("Benchmarkdata" in label and is_example for _, label, is_example in waves)
    assert db.scalar(generated, "SELECT bool_and(is_example) FROM respondent")


def test_need_rows_are_near_the_requested_number(generated):
    rows = db.scalar(generated, "SELECT count(*) FROM need")
    assert abs(rows - NEED_ROWS) <= 0.1 * NEED_ROWS
    orphans = db.scalar(
        generated,
        "SELECT count(*) FROM need n LEFT JOIN respondent r USING (respondent_id) "
        "WHERE r.respondent_id IS NULL OR r.wave_id <> n.wave_id",
    )
    assert orphans == 0
    unknown = db.scalar(
        generated, "SELECT count(*) FROM need WHERE ssyk4 NOT IN (SELECT ssyk4 FROM occupation)"
    )
    assert unknown == 0


def test_respondents_follow_population(generated):
    big, small = generated.execute(
        "SELECT count(*) FILTER (WHERE kommunkod = '0180'), count(*) FILTER (WHERE kommunkod = "
        "'2403') FROM respondent"
    ).fetchone()  # Stockholm, Bjurholm
    assert big > 20 * small


def test_occupations_are_skewed(generated):
    shares = [
        share
        for (share,) in generated.execute(
            "SELECT count(*) / sum(count(*)) OVER () FROM need GROUP BY ssyk4 ORDER BY 1 DESC"
        ).fetchall()
    ]
    assert shares[0] > 10 * shares[len(shares) // 2]


def test_the_same_seed_gives_the_same_data(tmp_path):
    counts = [
        bench_national.generate(tmp_path / f"{i}.duckdb", need_rows=3_000, waves=1, seed=7)
        for i in range(2)
    ]
    assert counts[0] == counts[1]
    sums = []
    for i in range(2):
        with db.connect_readonly(tmp_path / f"{i}.duckdb") as con:
            sums.append(
                con.execute(
                    "SELECT sum(recruits_1y), sum(recruits_3_5y), sum(lia_places), "
                    "string_agg(ssyk4, ',' ORDER BY need_id) FROM need"
                ).fetchall()
            )
    assert sums[0] == sums[1]


def test_the_report_has_every_measurement_line(small_run):
    report = small_run[1]
    for line in bench_national.report_lines(SESSIONS):
        assert line in report, f"saknas i rapporten: {line!r}"
    assert "PASS" in report or "MISS" in report
    assert "hoppades över (--no-browser)" in report
    assert "Samma siffror: ja" in report  # the naive path computes the same figures
    assert "fel i sessionerna: 0" in report  # the real server served every session
    assert "FEL" not in report


def test_the_database_setting_is_restored(small_run):
    import os

    assert os.environ.get("KRAFTSAMLING_DB") != str(small_run[0])


def test_a_kept_database_is_measured_again_only_when_made_the_same_way(small_run):
    """`--keep DIR` a second time measures the database already there instead of generating it
    anew (the audit of ten national waves takes a quarter of an hour), but only when it was
    generated with the same rows, waves, seed and code."""
    folder = small_run[0].parent
    seed = bench_national.SEED
    counts, _, reused = bench_national.reuse(folder, need_rows=NEED_ROWS, waves=WAVES, seed=seed)
    assert reused and counts["need"] == NEED_ROWS and counts["wave"] == WAVES
    for other in ({"seed": seed + 1}, {"waves": WAVES + 1}, {"need_rows": NEED_ROWS * 2}):
        wanted = {"need_rows": NEED_ROWS, "waves": WAVES, "seed": seed, **other}
        assert bench_national.reuse(folder, **wanted) == (None, 0.0, False)


def test_memory_is_measured_with_20_and_50_sessions_against_their_targets():
    assert bench_national.session_counts("20,50") == (20, 50)
    assert bench_national.SESSIONS == (20, 50)
    assert bench_national.memory_target(20) == 350 and bench_national.memory_target(50) == 450
    lines = bench_national.report_lines("20,50")
    assert "Toppminne med 20 sessioner" in lines and "Toppminne med 50 sessioner" in lines


def test_the_report_prints_issue_15s_targets_for_every_page(small_run):
    """Issue 15's server-side targets at national scale: each page after a new wave or horizon
    against the same page cached, each cached page against the app shell, and the map's
    fragment against the shell, each with its ratio and PASS or MISS."""
    report = small_run[1]
    block = report.split(bench_national.LINE_TARGETS_15, 1)[1].split("\n\n", 1)[0]
    rows = [line for line in block.splitlines() if line.endswith(("PASS", "MISS"))]
    for title in bench_national.PAGES.values():
        assert any(r.startswith(f"{title}, ny omgång/horisont mot cachad") for r in rows), title
        assert any(r.startswith(f"{title}, cachad mot golvet") for r in rows), title
    assert any(r.startswith("Kartan, byte av mått i fragmentet mot golvet") for r in rows)


def test_issue_15s_targets_compare_what_the_issue_compares():
    timing = bench_national.Timing
    pages = bench_national.PageResult(
        floor=timing([0.020]),
        bare=timing([0.003]),
        fresh={"Karta": timing([0.100]), "Yrkeskluster": timing([0.060])},
        cached={"Karta": timing([0.040]), "Yrkeskluster": timing([0.090])},
        cache_cleared=0,
        errors={},
        charts={"Karta": 1, "Yrkeskluster": 3},
        fragment=timing([0.030]),
    )
    targets = {x.label: x for x in bench_national.issue_15_targets(pages)}
    fresh = targets["Karta, ny omgång/horisont mot cachad"]
    assert fresh.ratio == pytest.approx(2.5) and fresh.limit == 2.0  # a MISS
    assert targets["Karta, cachad mot golvet (1 diagram)"].limit == 2.5  # one chart
    assert targets["Yrkeskluster, cachad mot golvet (3 diagram)"].limit == 4.0
    assert targets["Yrkeskluster, cachad mot golvet (3 diagram)"].ratio == pytest.approx(4.5)
    assert targets["Kartan, byte av mått i fragmentet mot golvet"].ratio == pytest.approx(1.5)
