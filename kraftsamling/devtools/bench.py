"""`python -m kraftsamling bench`: figures for the bundled scale, printed, never asserted.

Measures, as medians over repeated runs: building the database, the map's two queries, a rerun
of the map page in Streamlit's AppTest after a filter change, and the map's payload in bytes.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kraftsamling import charts, db, pages, paths, queries
from kraftsamling.metrics import METRICS
from kraftsamling.selection import Selection

PAGES = {page.path: page.title for page in pages.PAGES}  # every evidence page


def _median_seconds(action, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


# Issue 15's server-side targets, as ratios measured in the same run (never asserted).
TARGET_FRESH = 2.0  # a page after a new wave or horizon ≤ 2× the same page from cached data
TARGET_CACHED = 4.0  # a page from cached data ≤ 4× the empty rerun of the app shell …
TARGET_CACHED_ONE_CHART = 2.5  # … ≤ 2.5× for a page with one chart
TARGET_FRAGMENT = 2.0  # a page-local control inside a fragment ≤ 2× the shell


@dataclass
class Target:
    label: str
    figure: float  # seconds
    against: float  # seconds: what the target compares it with
    limit: float  # the ratio allowed

    @property
    def ratio(self) -> float:
        return self.figure / self.against if self.against > 0 else float("inf")


def chart_count(app) -> int:
    """The charts a page draws in AppTest: plotly figures and Streamlit's own (vega-lite)
    charts, such as Över tid's bars (a page with one chart has the tighter target)."""
    return len(app.get("plotly_chart")) + len(app.get("vega_lite_chart"))


def _load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "okänd"


def _fresh_rerun(app) -> None:
    """A rerun that finds no data cached, as after a new wave or horizon: the query and result
    caches (st.cache_data), the read publications, the shared assessments, built figures and
    tables and the finder's shared tables are emptied; the connection stays."""
    import streamlit as st

    from kraftsamling import pagecache, ui

    st.cache_data.clear()
    for shared in (ui._publication, ui._assessments, ui._figure, ui._table, ui._chart, ui._shared):
        shared.clear()
    pagecache.clear()
    app.run()


def server_side_targets(app, repeat: int) -> list[Target]:
    """Issue 15's targets at the bundled scale, in AppTest: the empty rerun of the app shell
    (bench_national.shell_script) as the floor; each page rerun with nothing cached and from
    cached data; the map's figure changed inside its fragment (kraftsamling.devtools.apptest)."""
    from streamlit.testing.v1 import AppTest

    from kraftsamling.devtools import apptest
    from kraftsamling.devtools.bench_national import shell_script

    shell = AppTest.from_function(shell_script, args=(str(paths.REPO),), default_timeout=120)
    shell.run()
    floor, _ = _median_seconds(shell.run, max(5, 2 * repeat))
    out = [Target("Golv: appskalet, omkörning utan ändring", floor, floor, 1.0)]
    for page, title in PAGES.items():
        app.switch_page(page).run()
        fresh, _ = _median_seconds(lambda: _fresh_rerun(app), max(3, repeat // 2))
        cached, _ = _median_seconds(app.run, repeat)
        if app.exception:
            raise RuntimeError(f"{title} kastade ett undantag: {app.exception}")
        charts = chart_count(app)
        out.append(Target(f"{title}, utan cache mot cachad", fresh, cached, TARGET_FRESH))
        limit = TARGET_CACHED_ONE_CHART if charts == 1 else TARGET_CACHED
        out.append(Target(f"{title}, cachad mot golvet ({charts} diagram)", cached, floor, limit))
    app.switch_page("pages/karta.py").run()
    (fragment,) = apptest.fragments(app)
    metric_keys = list(METRICS)
    counter = iter(range(10**6))

    def change_metric() -> None:
        app.selectbox(key="matt").set_value(metric_keys[next(counter) % len(metric_keys)])
        app.run()

    with apptest.in_fragment(fragment):
        change_metric()
        median, _ = _median_seconds(change_metric, repeat)
    out.append(
        Target("Kartan, byte av mått i fragmentet mot golvet", median, floor, TARGET_FRAGMENT)
    )
    return out


def target_lines(
    targets: list[Target], title: str = "Mål i issue 15, serversidan i AppTest"
) -> list[str]:
    """Each target with its figure, what it is compared with, the ratio, PASS or MISS."""
    width = max(len(x.label) for x in targets) + 2
    lines = [
        f"{title} (medianer; belastning {_load()}):",
        f"{'mått':<{width}}{'värde':>10}{'mot':>10}{'kvot':>8}{'mål':>8}  utfall",
    ]
    for x in targets:
        verdict = "" if x.limit == 1.0 else ("PASS" if x.ratio <= x.limit else "MISS")
        goal = "" if x.limit == 1.0 else f"≤ {x.limit:g}"
        lines.append(
            f"{x.label:<{width}}{x.figure * 1000:>7.0f} ms{x.against * 1000:>7.0f} ms"
            f"{x.ratio:>7.2f}×{goal:>8}  {verdict}"
        )
    return lines


def main(repeat: int = 7) -> None:
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bench.duckdb"
        median, best = _median_seconds(lambda: db.build(target), max(3, repeat // 2))
        rows.append(
            ("Bygga databasen (referens + exempelomgång)", f"{median:.3f} s", f"{best:.3f} s")
        )

        con = db.connect_readonly(target)
        wave_id = con.execute("SELECT wave_id FROM wave ORDER BY survey_year DESC").fetchone()[0]
        region = [
            k
            for (k,) in con.execute(
                "SELECT kommunkod FROM municipality WHERE in_region ORDER BY 1"
            ).fetchall()
        ]
        params = {
            **Selection(wave_id=wave_id, kommunkoder=tuple(region)).need_params(),
            "education_areas": [],
        }
        queries.run(con, "municipality_figures", **params)  # warm
        median, best = _median_seconds(
            lambda: queries.run(con, "municipality_figures", **params), repeat * 3
        )
        rows.append(
            (
                "Kartans fråga (municipality_figures)",
                f"{median * 1000:.1f} ms",
                f"{best * 1000:.1f} ms",
            )
        )
        median, best = _median_seconds(
            lambda: queries.run(con, "region_totals", **params), repeat * 3
        )
        rows.append(
            (
                "Regionens totaler (region_totals)",
                f"{median * 1000:.1f} ms",
                f"{best * 1000:.1f} ms",
            )
        )

        municipality_figures = queries.run(con, "municipality_figures", **params)
        median, best = _median_seconds(
            lambda: charts.choropleth(municipality_figures, METRICS["recruits_per_1000"]), repeat
        )
        rows.append(
            ("Bygga kartfiguren (plotly)", f"{median * 1000:.1f} ms", f"{best * 1000:.1f} ms")
        )
        payloads = {
            key: len(charts.choropleth(municipality_figures, metric).to_json().encode())
            for key, metric in METRICS.items()
        }
        con.close()

        os.environ["KRAFTSAMLING_DB"] = str(target)
        from streamlit.testing.v1 import AppTest

        from kraftsamling.devtools.apptest import like_a_server, one_script_cache

        server_like = like_a_server()
        server_like.__enter__()
        compiled_once = one_script_cache()  # as a server: each script compiled once
        compiled_once.__enter__()

        app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=120)
        started = time.perf_counter()
        app.run()
        first = time.perf_counter() - started
        rows.append(("Kartsidan, första körningen (AppTest)", f"{first * 1000:.0f} ms", ""))
        metric_keys = list(METRICS)
        counter = iter(range(10**6))

        def change_metric() -> None:
            app.selectbox(key="matt").set_value(metric_keys[next(counter) % len(metric_keys)])
            app.run()

        median, best = _median_seconds(change_metric, repeat)
        rows.append(
            (
                "Kartsidan, omkörning efter byte av mått",
                f"{median * 1000:.0f} ms",
                f"{best * 1000:.0f} ms",
            )
        )
        median, best = _median_seconds(app.run, repeat)
        rows.append(
            (
                "Kartsidan, omkörning utan ändring",
                f"{median * 1000:.0f} ms",
                f"{best * 1000:.0f} ms",
            )
        )
        if app.exception:
            raise RuntimeError(f"Kartsidan kastade ett undantag: {app.exception}")

        targets = server_side_targets(app, repeat)

        # Every other page: a rerun after a change of the shared horizon filter.
        horizons = ["0-1", "0-5"]
        for page, title in PAGES.items():
            app.switch_page(page).run()
            flip = iter(range(10**6))

            def change_horizon(app=app, flip=flip) -> None:
                app.selectbox(key="horisont").set_value(horizons[next(flip) % 2])
                app.run()

            change_horizon()  # warm the caches for both horizons
            median, best = _median_seconds(change_horizon, repeat)
            if app.exception:
                raise RuntimeError(f"{title} kastade ett undantag: {app.exception}")
            rows.append(
                (
                    f"{title}, omkörning efter byte av horisont",
                    f"{median * 1000:.0f} ms",
                    f"{best * 1000:.0f} ms",
                )
            )
        compiled_once.__exit__(None, None, None)
        server_like.__exit__(None, None, None)

    width = max(len(r[0]) for r in rows) + 2
    print(f"{'Mått':<{width}}{'median':>12}{'bästa':>12}")
    for name, median_text, best_text in rows:
        print(f"{name:<{width}}{median_text:>12}{best_text:>12}")
    print()
    print("Kartans nyttolast (plotly-figurens JSON), per mått:")
    for key, size in payloads.items():
        print(f"  {METRICS[key].label:<50}{size:>10,} byte")
    print()
    for line in target_lines(targets):
        print(line)
    print(f"\nUpprepningar: {repeat}. Maskin: {os.cpu_count()} kärnor, belastning {_load()}.")
