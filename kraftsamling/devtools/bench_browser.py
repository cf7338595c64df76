"""What a person waits for in a real browser, as ratios to what Streamlit itself can do.

`python -m kraftsamling bench --browser` runs Kraftsamling and a minimal reference app side by
side in Debian's Chromium, alternating the two, and prints each figure with its ratio to the
reference measured in the same run (issue 15's targets), never asserted:

- cold start: from `streamlit run app.py` (the real server, which warms itself at start:
  kraftsamling.warmup) to the map drawn (canvas and choroplethmap trace) in a page that was
  opened in an already running browser as soon as the server answered its health check;
- new visitor on a warm server: a fresh browser context on the same server, to the map drawn;
- a control change: choosing another figure in the select box "Mått" until the map's values
  in the browser are the new ones.

The reference app (written to a temporary folder) does only what the map page needs: it reads
our own municipality boundaries, draws the same 44-municipality `Choroplethmap` on the
`white-bg` style with one select box that changes the values, and nothing else. It is what
Streamlit and plotly cost on this machine; what Kraftsamling adds is the difference.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kraftsamling import paths
from kraftsamling.devtools import liveserver
from kraftsamling.devtools.localweb import CHROMIUM_ARGS, browser_missing, chromium, keep_local

TARGET_COLD = 1.3  # cold start ≤ 1.3 × the reference
TARGET_VISITOR = 1.2  # a new visitor on a warm server ≤ 1.2 × the reference
TARGET_CONTROL = 1.5  # a control change ≤ 1.5 × the reference's redraw

# The map is drawn: a plotly graph with a choroplethmap trace and MapLibre's canvas.
DRAWN = (
    "() => { const el = document.querySelector('.js-plotly-plot');"
    " return !!(el && el._fullData && el._fullData.some(t => t.type === 'choroplethmap')"
    " && document.querySelector('.maplibregl-canvas')); }"
)
# The values the map shows now (the choroplethmap traces' z, as JSON).
VALUES = (
    "() => { const el = document.querySelector('.js-plotly-plot');"
    " if (!el || !el.data) return null;"
    " return JSON.stringify(el.data.filter(t => t.type === 'choroplethmap').map(t => t.z)); }"
)

# Step 1's map is an SVG image (presentation.map_svg, a data: URL): its document as text.
SVG_MAP_IMAGE = '.st-key-present_map img[src^="data:image/svg+xml"]'
SVG_TEXT = (
    "(src) => new TextDecoder().decode(Uint8Array.from("
    "atob(src.slice(src.indexOf(',') + 1)), (c) => c.charCodeAt(0)))"
)

# Presentation mode (?present=1): step `number` is drawn. Its title is the heading, the URL says
# the step, and its figure is on screen: step 1's SVG map image decoded and painted (two
# animation frames after img.decode(), so never before a person sees it) with names in it and
# the page's script running (→ steps); the map with its names (step 4: presentation.js placed
# them); the bars with their supply (2), the table (3).
PRESENTATION_DRAWN = """([number, title]) => {
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (new URLSearchParams(location.search).get('steg') !== String(number)) return false;
  const heading = document.querySelector('.st-key-present_header h1');
  if (!heading || heading.textContent.trim() !== title) return false;
  const body = document.querySelector('.st-key-present_body');
  if (!body) return false;
  if (number === 1) {
    const img = body.querySelector('__IMAGE__');
    if (!img || !img.complete || !img.naturalWidth) return false;
    const r = img.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || getComputedStyle(img).visibility !== 'visible') return false;
    if (img.__kraftsamlingSrc !== img.src) {
      img.__kraftsamlingSrc = img.src;
      img.__kraftsamlingPainted = false;
      const doc = new DOMParser().parseFromString((__TEXT__)(img.src), 'image/svg+xml');
      img.__kraftsamlingNames = doc.querySelectorAll('text.label').length;
      const src = img.src;
      img.decode().then(() => requestAnimationFrame(() => requestAnimationFrame(() => {
        if (img.src === src) img.__kraftsamlingPainted = true;
      }))).catch(() => {});
    }
    // and its keys work: presentation.js (arrow keys) is running, as the plotly map's names
    // once showed it was
    if (!window.__kraftsamlingPresentation) return false;
    return img.__kraftsamlingPainted === true && img.__kraftsamlingNames > 0;
  }
  if (number === 3) return !!body.querySelector('table.kraftsamling-present-table');
  const plot = body.querySelector('.js-plotly-plot');
  if (!plot || !plot._fullLayout) return false;
  if (number === 2) return !!plot.querySelector('.bars');
  const labels = [...body.querySelectorAll('.kraftsamling-label')];
  return labels.some(l => l.style.display !== 'none' && l.style.left);
}""".replace("__IMAGE__", SVG_MAP_IMAGE).replace("__TEXT__", SVG_TEXT)
TARGET_FIRST_STEP = 3.0  # seconds from opening a presentation URL on a warm server (issue 14)
TARGET_STEP_CHANGE = 1.0  # seconds from → to the next step drawn

REFERENCE_APP = """\
# Reference: Streamlit drawing the same Choroplethmap, with one select box, and nothing else.
import json
import plotly.graph_objects as go
import streamlit as st

@st.cache_resource
def boundaries():
    with open(GEOJSON, encoding="utf-8") as f:
        return json.load(f)

geojson = boundaries()
codes = [f["properties"]["kommunkod"] for f in geojson["features"]]
st.title("Karta")
measure = st.selectbox("Mått", ["a", "b", "c"])
offset = {"a": 1, "b": 7, "c": 13}[measure]
values = [(int(code) * offset) % 97 for code in codes]
fig = go.Figure(go.Choroplethmap(
    geojson=geojson, locations=codes, z=values, featureidkey="properties.kommunkod",
    colorscale="YlGnBu", marker_line_width=0.5,
))
fig.update_layout(map_style="white-bg", map_center={"lat": 65.0, "lon": 17.5}, map_zoom=3.6,
                  margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=640)
st.plotly_chart(fig, config={"displaylogo": False})
"""


@dataclass
class Timings:
    cold: list[float] = field(default_factory=list)
    visitor: list[float] = field(default_factory=list)
    control: list[float] = field(default_factory=list)


@dataclass
class Comparison:
    ours: Timings
    reference: Timings
    foreign_requests: list[str]
    runs: int


def _reference_script(folder: Path) -> Path:
    geojson = paths.GEO / "kommuner_norr4.geojson"
    script = folder / "reference_app.py"
    script.write_text(f"GEOJSON = {str(geojson)!r}\n" + REFERENCE_APP, encoding="utf-8")
    return script


def _choose_another_measure(page) -> float:
    """Open the select box labelled 'Mått' and pick the first option that is not chosen; the
    time of that click (the clock of a control change starts at the choice, as in _change)."""
    page.get_by_test_id("stSelectbox").filter(has_text="Mått").first.click()
    options = page.get_by_role("option")
    options.first.wait_for(timeout=60_000)
    chosen = [o.get_attribute("aria-selected") == "true" for o in options.all()]
    option = options.nth(chosen.index(False))
    started = time.perf_counter()
    option.click()
    return started


def _one_app(
    browser, foreign: list[str], script: Path, database: Path | None, into: Timings
) -> None:
    """One cold start, one new visitor and one control change of one app."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    keep_local(context, foreign)
    page = context.new_page()
    started = time.perf_counter()
    with liveserver.streamlit_server(database, script=script, timeout=120) as server:
        url = server.url
        page.goto(url)
        page.wait_for_function(DRAWN, timeout=120_000, polling=20)
        into.cold.append(time.perf_counter() - started)

        before = page.evaluate(VALUES)
        started = _choose_another_measure(page)
        page.wait_for_function(
            f"(before) => ({VALUES})() !== null && ({VALUES})() !== before",
            arg=before,
            timeout=120_000,
            polling=20,
        )
        into.control.append(time.perf_counter() - started)
        context.close()

        visitor = browser.new_context(viewport={"width": 1440, "height": 1000})
        keep_local(visitor, foreign)
        second = visitor.new_page()
        started = time.perf_counter()
        second.goto(url)
        second.wait_for_function(DRAWN, timeout=120_000, polling=20)
        into.visitor.append(time.perf_counter() - started)
        visitor.close()


def compare(runs: int = 3, database: Path | None = None) -> Comparison | str:
    """Alternate Kraftsamling and the reference app `runs` times each in one Chromium."""
    missing = browser_missing()
    if missing:
        return missing
    from playwright.sync_api import sync_playwright

    executable = chromium()
    # the servers start without administrators (liveserver): the providers' view, as visitors see it
    result = Comparison(Timings(), Timings(), [], runs)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        reference = _reference_script(Path(folder))
        ours = paths.REPO / "app.py"  # the real server: login routes and the warm-up
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                _one_app(browser, result.foreign_requests, reference, database, result.reference)
                _one_app(browser, result.foreign_requests, ours, database, result.ours)
        finally:
            browser.close()
    return result


def _load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "okänd"


def report(result: Comparison | str) -> list[str]:
    """The lines the benchmark prints: each figure, the reference's, the ratio, PASS or MISS."""
    if isinstance(result, str):
        return [f"Webbläsarmätningar mot referensappen: {result}"]
    lines = [
        f"I Chromium, Kraftsamling mot en minimal Streamlit-app med samma karta "
        f"(median av {result.runs} var, växelvis; belastning {_load()}):",
        f"{'mått':<44}{'Kraftsamling':>14}{'referens':>11}{'kvot':>7}{'mål':>8}  utfall",
    ]
    rows = [
        ("kallstart till ritad karta", "cold", TARGET_COLD),
        ("ny besökare, varm server", "visitor", TARGET_VISITOR),
        ("byte av mått tills kartan är omritad", "control", TARGET_CONTROL),
    ]
    for label, key, target in rows:
        ours = statistics.median(getattr(result.ours, key))
        reference = statistics.median(getattr(result.reference, key))
        ratio = ours / reference if reference > 0 else float("inf")
        verdict = "PASS" if ratio <= target else "MISS"
        lines.append(
            f"{label:<44}{ours:>12.2f} s{reference:>9.2f} s{ratio:>6.2f}×{'≤ ' + str(target):>8}"
            f"  {verdict}"
        )
    lines.append(f"Förfrågningar till andra värdar: {len(result.foreign_requests)}")
    return lines


# What a page shows, for "redrawn": the text of its output elements (not the widgets' own labels
# and values, which change at the click) and every plotly trace's values and colours; None while
# a script run is going on. `window.__kraftsamlingRan` says a run started after the change.
SHOWN = """() => {
  const app = document.querySelector('[data-test-script-state]');
  if (!app || app.getAttribute('data-test-script-state') === 'running') return null;
  const outputs = [...document.querySelectorAll(
    '[data-testid="stMain"] :is([data-testid="stMarkdownContainer"], [data-testid="stMetric"],'
    + ' [data-testid="stHeading"], [data-testid="stCaptionContainer"], [data-testid="stAlert"])')]
    .filter(el => !el.closest('[data-testid="stWidgetLabel"], [data-testid="stExpander"] summary'))
    .map(el => el.innerText);
  const plots = [...document.querySelectorAll('.js-plotly-plot')].map(el => JSON.stringify(
    (el.data || []).map(t => [t.z, t.x, t.y, t.values, t.text, t.colorscale,
                              t.marker && t.marker.color])));
  return outputs.join('\\n') + '|' + plots.join('|');
}"""
WATCH_RUNS = """() => {
  window.__kraftsamlingRan = false;
  const app = document.querySelector('[data-test-script-state]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__kraftsamlingRan = true;
  }).observe(app, {attributes: true});
}"""
REDRAWN = (
    f"(before) => {{ const now = ({SHOWN})();"
    " return window.__kraftsamlingRan && now !== null && now !== before; }"
)


@dataclass(frozen=True)
class Control:
    """One page control a person changes, and how the bench changes it."""

    label: str
    url: str  # the page and its query string
    widget: str  # the widget's label on the page
    kind: str  # 'select' (the next option) or 'number' (one step up)


# Every control issue 15 names, on the page where a presenter or provider uses it.
CONTROLS = (
    Control("byte av mått på kartan", "", "Mått", "select"),
    Control("byte av klassindelning på kartan", "", "Antal klasser", "select"),
    Control("byte av kommun i kommunprofilen", "kommunprofil", "Kommun", "select"),
    Control(
        "ändrad klasstorlek (krav) i ansökningsunderlaget",
        "ansokningsunderlag",
        "Klasstorlek",
        "number",
    ),
    Control("byte av kandidat i ansökningsunderlaget", "ansokningsunderlag", "Kandidat", "select"),
)


def _change(page, control: Control) -> float:
    """Change the control; the time of the click that changes it (not of opening a list)."""
    label = page.get_by_test_id("stWidgetLabel").get_by_text(control.widget, exact=True)
    if control.kind == "number":
        box = page.get_by_test_id("stNumberInput").filter(has=label).first
        step_up = box.get_by_test_id("stNumberInputStepUp")
        step_up.scroll_into_view_if_needed()
        started = time.perf_counter()
        step_up.click()
        return started
    box = page.get_by_test_id("stSelectbox").filter(has=label).first
    box.scroll_into_view_if_needed()
    options = page.get_by_role("option")
    for attempt in range(5):  # below the fold the first click may only scroll and focus
        box.click()
        try:
            options.first.wait_for(timeout=2_000)
            break
        except Exception:
            if attempt == 4:
                raise
    chosen = [o.get_attribute("aria-selected") == "true" for o in options.all()]
    following = chosen.index(True) + 1 if True in chosen else 0
    option = options.nth(following % len(chosen))
    started = time.perf_counter()
    option.click()
    return started


REFERENCE_CONTROL = Control("referensappen: byte av mått", "", "Mått", "select")


@dataclass
class ControlTimings:
    reference: list[float] = field(default_factory=list)  # REFERENCE_CONTROL
    ours: dict[str, list[float]] = field(default_factory=dict)  # label -> seconds


def _time_control(page, url: str, control: Control, attempts: int = 3) -> float:
    """Open the control's page, let it settle, change the control: the seconds from the
    choosing click until a script run has ended and what the page shows (SHOWN) changed. A
    change the page never shows within 30 s (a click lost while the list re-rendered) is tried
    again from a fresh load, `attempts` times in all."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        try:
            return _time_control_once(page, url, control)
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _time_control_once(page, url: str, control: Control) -> float:
    page.goto(f"{url}/{control.url}")
    page.get_by_test_id("stWidgetLabel").get_by_text(control.widget, exact=True).first.wait_for(
        timeout=120_000
    )
    page.wait_for_function(f"() => ({SHOWN})() !== null", timeout=120_000)
    page.wait_for_timeout(300)  # the page settled
    before = page.evaluate(SHOWN)
    page.evaluate(WATCH_RUNS)
    started = _change(page, control)
    page.wait_for_function(REDRAWN, arg=before, timeout=30_000, polling=20)
    return time.perf_counter() - started


def measure_controls(runs: int = 3, database: Path | None = None) -> ControlTimings | str:
    """Each control of CONTROLS changed `runs` times on a warm `streamlit run app.py` server,
    and the reference app's select box as often on its own server, alternating, the same way
    (_time_control) in Chromium, 1440×1000. Both servers and every page are warmed by one pass
    first, as by a presenter's rehearsal."""
    missing = browser_missing()
    if missing:
        return missing
    from playwright.sync_api import sync_playwright

    executable = chromium()
    result = ControlTimings(ours={c.label: [] for c in CONTROLS})
    with (
        tempfile.TemporaryDirectory() as folder,
        liveserver.streamlit_server(database, script="app.py", timeout=120) as server,
        liveserver.streamlit_server(
            database, script=_reference_script(Path(folder)), timeout=120
        ) as reference,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            for run in range(runs + 1):  # the first pass warms the servers
                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                keep_local(context, [])
                page = context.new_page()
                seconds = _time_control(page, reference.url, REFERENCE_CONTROL)
                if run:
                    result.reference.append(seconds)
                for control in CONTROLS:
                    seconds = _time_control(page, server.url, control)
                    if run:
                        result.ours[control.label].append(seconds)
                context.close()
        finally:
            browser.close()
    return result


def controls_report(
    controls: ControlTimings | str, presentation: PresentationTimings | str
) -> list[str]:
    """Every page control against the reference app's redraw after its select box changed,
    measured the same way in the same run (TARGET_CONTROL), PASS or MISS; the presentation
    step against the same reference."""
    if isinstance(controls, str) or not controls.reference:
        why = controls if isinstance(controls, str) else "ingen referens uppmätt"
        return [f"Sidornas reglage i Chromium mot referensappens omritning: {why}"]
    reference = statistics.median(controls.reference)
    rows = dict(controls.ours)
    if not isinstance(presentation, str) and presentation.change:
        rows["stegbyte i presentationsläget (1280×720)"] = presentation.change
    lines = [
        f"Sidornas reglage i Chromium mot referensappens omritning {reference:.2f} s "
        f"(median av {len(controls.reference)}, samma mätsätt; belastning {_load()}):",
        f"{'reglage':<52}{'median':>9}{'kvot':>7}{'mål':>8}  utfall",
    ]
    for label, times in rows.items():
        if not times:
            lines.append(f"{label:<52}{'FEL':>9}{'':>7}{'≤ ' + str(TARGET_CONTROL):>8}  MISS")
            continue
        median = statistics.median(times)
        ratio = median / reference
        verdict = "PASS" if ratio <= TARGET_CONTROL else "MISS"
        lines.append(
            f"{label:<52}{median:>7.2f} s{ratio:>6.2f}×{'≤ ' + str(TARGET_CONTROL):>8}  {verdict}"
        )
    return lines


@dataclass
class PresentationTimings:
    first: list[float] = field(default_factory=list)  # opening ?present=1 to step 1 drawn
    change: list[float] = field(default_factory=list)  # → until the next step is drawn
    foreign_requests: list[str] = field(default_factory=list)


def measure_presentation(runs: int = 3, database: Path | None = None) -> PresentationTimings | str:
    """Presentation mode in Chromium on a warm `streamlit run app.py` server: `runs` new
    visitors each open `?present=1` (step 1 drawn: the SVG map painted, with its names) and step
    through with → to the last step (each step drawn: see PRESENTATION_DRAWN). The server is
    warmed by one pass first, as it is once the presenter has rehearsed."""
    missing = browser_missing()
    if missing:
        return missing
    from playwright.sync_api import sync_playwright

    executable = chromium()
    from kraftsamling.presentation import STEPS

    # the server starts without administrators (liveserver): the providers' view, as at the meeting
    result = PresentationTimings()

    def one_pass(browser, url: str, into: PresentationTimings | None) -> None:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        keep_local(context, result.foreign_requests)
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"{url}/?present=1")
        page.wait_for_function(
            PRESENTATION_DRAWN, arg=[1, STEPS[0].title], timeout=120_000, polling=20
        )
        if into is not None:
            into.first.append(time.perf_counter() - started)
        for number in range(2, len(STEPS) + 1):
            started = time.perf_counter()
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                PRESENTATION_DRAWN,
                arg=[number, STEPS[number - 1].title],
                timeout=120_000,
                polling=20,
            )
            if into is not None:
                into.change.append(time.perf_counter() - started)
        context.close()

    with (
        liveserver.streamlit_server(database, script="app.py", timeout=120) as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            one_pass(browser, server.url, None)  # warm: caches filled, as after a rehearsal
            for _ in range(runs):
                one_pass(browser, server.url, result)
        finally:
            browser.close()
    return result


def presentation_report(result: PresentationTimings | str) -> list[str]:
    """The benchmark's lines for presentation mode: medians and the slowest, against the
    issue's targets, PASS or MISS (never asserted)."""
    if isinstance(result, str):
        return [f"Presentationsläget i Chromium: {result}"]
    lines = [
        f"Presentationsläget i Chromium, 1280×720, varm server ({len(result.first)} besökare; "
        f"belastning {_load()}):",
        f"{'mått':<44}{'median':>10}{'längst':>10}{'mål':>9}  utfall",
    ]
    for label, values, target in (
        ("första steget ritat (öppna URL:en)", result.first, TARGET_FIRST_STEP),
        ("stegbyte med → tills nästa steg är ritat", result.change, TARGET_STEP_CHANGE),
    ):
        median, longest = statistics.median(values), max(values)
        verdict = "PASS" if median <= target else "MISS"
        lines.append(
            f"{label:<44}{median:>8.2f} s{longest:>8.2f} s{'≤ ' + str(target) + ' s':>9}  {verdict}"
        )
    lines.append(f"Förfrågningar till andra värdar: {len(result.foreign_requests)}")
    return lines


def main(runs: int = 3) -> None:
    from kraftsamling import db

    database = db.ensure_database()
    comparison = compare(runs, database)
    for line in report(comparison):
        print(line)
    try:
        presentation = measure_presentation(runs, database)
    except Exception as error:  # a step never drawn: say so, as a MISS, and go on
        presentation = f"MISS, ett steg ritades inte: {type(error).__name__}: {error}"[:300]
    for line in presentation_report(presentation):
        print(line)
    try:
        controls = measure_controls(runs, database)
    except Exception as error:  # a control never redrawn: say so, as a MISS, and go on
        controls = f"MISS, ett reglage ritades inte om: {type(error).__name__}: {error}"[:300]
    for line in controls_report(controls, presentation):
        print(line)
