"""`python -m kraftsamling.devtools.autopool_bench`: how long the auto-pool's search takes, printed,
never asserted (tests/test_autopool.py checks what it finds, not how fast).

For the example wave over the whole region and the default thresholds, every candidate of each
kind (occupations, occupation fields, MYH education areas) from every one of the 44 home
municipalities: the time of `autopool.auto_pool` (the search and the assessment of its pool, as
the finder's page calls it) as median, 90th percentile and maximum of the wall clock, with the
CPU time beside it (a shared machine inflates the wall clock), the count per outcome, the
integer programmes solved and the slowest case. Options: `--levels`, `--every N` (every Nth
home only).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from kraftsamling import autopool, db, queries
from kraftsamling.assessment import Thresholds
from kraftsamling.selection import Selection

LEVELS = {  # name: (level, scheme)
    "yrken": ("ssyk4", "field"),
    "yrkesomraden": ("cluster", "field"),
    "utbildningsomraden": ("cluster", "area"),
}


def measure(con, level: str, scheme: str, every: int = 1) -> dict:
    wave_id = con.execute("SELECT wave_id FROM wave ORDER BY survey_year DESC").fetchone()[0]
    region = tuple(
        code
        for (code,) in con.execute(
            "SELECT kommunkod FROM municipality WHERE in_region ORDER BY 1"
        ).fetchall()
    )
    selection = Selection(wave_id=wave_id, scheme=scheme, kommunkoder=region)
    rows = queries.run(
        con,
        "candidate_contributions",
        **selection.need_params(),
        level=level,
        group_ssyk4=[],
        group_label="",
    )
    graph = autopool.neighbours()
    thresholds = Thresholds()
    times: list[float] = []
    cpu: list[float] = []
    outcomes: Counter = Counter()
    programmes = 0
    slowest = (0.0, "", "", "")
    for candidate_id, candidate in rows.groupby("candidate_id"):
        for home in sorted(graph)[::every]:
            started, started_cpu = time.perf_counter(), time.process_time()
            result = autopool.auto_pool(
                home, candidate_id, candidate_id, None, candidate, thresholds, graph
            )
            seconds = time.perf_counter() - started
            times.append(seconds)
            cpu.append(time.process_time() - started_cpu)
            outcomes[result.status] += 1
            programmes += result.programmes
            if seconds > slowest[0]:
                slowest = (seconds, candidate_id, home, f"{result.status} {len(result.pool)}")
    ordered = sorted(times)
    return {
        "candidates": rows["candidate_id"].nunique(),
        "runs": len(times),
        "median": statistics.median(times),
        "p90": ordered[int(0.9 * (len(ordered) - 1))],
        "max": ordered[-1],
        "outcomes": dict(sorted(outcomes.items())),
        "programmes": programmes,
        "slowest": slowest,
        "cpu_median": statistics.median(cpu),
        "cpu_max": max(cpu),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kraftsamling.devtools.autopool_bench")
    parser.add_argument("--levels", default=",".join(LEVELS), help="yrken,yrkesomraden,…")
    parser.add_argument("--every", type=int, default=1, help="every Nth home municipality")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bench.duckdb"
        db.build(target)
        con = db.connect_readonly(target)
        print("Auto-pool (example wave, whole region, default thresholds), seconds per search:")
        for name in args.levels.split(","):
            level, scheme = LEVELS[name]
            figures = measure(con, level, scheme, args.every)
            seconds, candidate, home, outcome = figures["slowest"]
            print(
                f"  {name}: {figures['candidates']} candidates × homes = {figures['runs']} "
                f"searches; median {figures['median']:.4f}, p90 {figures['p90']:.3f}, "
                f"max {figures['max']:.3f} ({candidate} from {home}: {outcome}); "
                f"outcomes {figures['outcomes']}; {figures['programmes']} integer programmes; "
                f"CPU median {figures['cpu_median']:.4f}, max {figures['cpu_max']:.3f}"
            )
        con.close()


if __name__ == "__main__":
    main()
