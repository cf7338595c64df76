"""The browser benchmark's report: ratios to the reference app, PASS or MISS, never asserted."""

from __future__ import annotations

import ast

from kraftsamling import bench_browser


def test_the_reference_app_is_a_script_that_draws_our_own_boundaries(tmp_path):
    script = bench_browser._reference_script(tmp_path)
    source = script.read_text(encoding="utf-8")
    ast.parse(source)
    assert "kommuner_norr4.geojson" in source and "white-bg" in source
    assert "http" not in source  # nothing fetched from another host


def test_each_figure_is_printed_as_a_ratio_to_the_reference_with_its_verdict():
    ours = bench_browser.Timings(cold=[4.0, 3.0, 5.0], visitor=[2.0], control=[0.9])
    reference = bench_browser.Timings(cold=[3.0, 3.0, 3.0], visitor=[2.0], control=[1.0])
    lines = bench_browser.report(bench_browser.Comparison(ours, reference, [], 3))
    cold, visitor, control = (next(x for x in lines if x.startswith(label)) for label in
                              ("kallstart", "ny besökare", "byte av mått"))  # fmt: skip
    assert "1.33×" in cold and cold.endswith("MISS")  # 4.0 / 3.0 > 1.3
    assert "1.00×" in visitor and visitor.endswith("PASS")
    assert "0.90×" in control and control.endswith("PASS")
    assert lines[-1] == "Förfrågningar till andra värdar: 0"


def test_without_a_browser_the_report_says_why():
    assert "Chromium saknas" in bench_browser.report("hoppades över: Chromium saknas")[0]
