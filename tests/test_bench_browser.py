"""The browser benchmark's report: ratios to the reference app, PASS or MISS, never asserted."""

from __future__ import annotations

import ast

from kraftsamling.devtools import bench_browser


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
    cold, visitor, control = (
        next(x for x in lines if x.startswith(label))
        for label in ("kallstart", "ny besökare", "byte av mått")
    )
    assert "1.33×" in cold and cold.endswith("MISS")  # 4.0 / 3.0 > 1.3
    assert "1.00×" in visitor and visitor.endswith("PASS")
    assert "0.90×" in control and control.endswith("PASS")
    assert lines[-1] == "Förfrågningar till andra värdar: 0"


def test_without_a_browser_the_report_says_why():
    assert "Chromium saknas" in bench_browser.report("hoppades över: Chromium saknas")[0]


def test_presentation_timings_are_printed_against_the_issues_targets():
    timings = bench_browser.PresentationTimings(first=[2.0, 4.0, 3.5], change=[0.4, 0.6, 2.0])
    lines = bench_browser.presentation_report(timings)
    first = next(x for x in lines if x.startswith("första steget"))
    change = next(x for x in lines if x.startswith("stegbyte"))
    assert "3.50 s" in first and "4.00 s" in first and first.endswith("MISS")  # median 3.5 > 3
    assert "0.60 s" in change and "2.00 s" in change and change.endswith("PASS")
    assert lines[-1] == "Förfrågningar till andra värdar: 0"
    assert (
        "Chromium saknas" in bench_browser.presentation_report("hoppades över: Chromium saknas")[0]
    )


def test_every_control_the_issue_names_is_measured_against_the_reference_redraw():
    """Issue 15: metric, classes, municipality, thresholds, candidate and presentation step, each
    ≤ 1.5× the reference app's redraw after its select box changed, measured in the same run."""
    kinds = {c.widget for c in bench_browser.CONTROLS}
    assert {"Mått", "Antal klasser", "Kommun", "Klasstorlek", "Kandidat"} <= kinds
    ours = {c.label: [0.6, 0.7, 0.9] for c in bench_browser.CONTROLS}
    ours[bench_browser.CONTROLS[0].label] = [0.8, 0.8, 0.8]
    controls = bench_browser.ControlTimings(reference=[0.4, 0.5, 0.6], ours=ours)
    presentation = bench_browser.PresentationTimings(first=[2.0], change=[0.5, 0.7, 0.9])
    lines = bench_browser.controls_report(controls, presentation)
    rows = [x for x in lines if x.endswith(("PASS", "MISS"))]
    assert len(rows) == len(bench_browser.CONTROLS) + 1  # and the presentation step
    assert "0.50 s" in lines[0]  # the reference's median
    assert any("1.40×" in r and r.endswith("PASS") for r in rows)  # 0.7 / 0.5
    assert any("1.60×" in r and r.endswith("MISS") for r in rows)  # 0.8 / 0.5
    step = next(r for r in rows if r.startswith("stegbyte"))
    assert "1.40×" in step
    assert "hoppades över" in bench_browser.controls_report("hoppades över", presentation)[0]
