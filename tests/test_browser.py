"""A real browser (Debian's Chromium through Playwright) opens the app and finds the map drawn.

Every request the page makes is recorded; anything to a host other than this machine fails the
test (and is blocked, so nothing leaves the machine even when the test is about to fail).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest

from kraftsamling import auth, pages, paths, sessions
from kraftsamling.devtools import liveserver
from kraftsamling.devtools.bench_browser import PRESENTATION_DRAWN, SVG_MAP_IMAGE, SVG_TEXT
from kraftsamling.devtools.localweb import CHROMIUM_ARGS, chromium, keep_local

pytestmark = pytest.mark.browser

ARTIFACTS = paths.REPO / "test-artifacts"
ADMIN_NAME, ADMIN_PASSWORD = "anna", "ett långt testlösenord"


def chromium_path() -> str:
    found = chromium()
    if not found:
        if os.environ.get("CI"):
            pytest.fail("Chromium saknas: .ci/run ska installera Debians paket chromium")
        pytest.skip("Chromium finns inte på den här maskinen")
    return found


@pytest.fixture(scope="module")
def server(database: Path, tmp_path_factory: pytest.TempPathFactory):
    admins = f"{ADMIN_NAME}={auth.hash_password(ADMIN_PASSWORD)}"
    log = tmp_path_factory.mktemp("browser") / "server.log"
    env = {auth.ENV_VAR: admins}
    with liveserver.streamlit_server(database, log, "app.py", **env) as running:
        yield running.url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="sv-SE")
    foreign: list[str] = []
    keep_local(context, foreign)
    page = context.new_page()
    page.foreign_requests = foreign
    yield page
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"


def non_white_share(png: bytes) -> float:
    from PIL import Image

    histogram = Image.open(io.BytesIO(png)).convert("L").histogram()
    return sum(histogram[:235]) / sum(histogram)


def test_a_fresh_server_opens_a_shared_page_url_first(server, page):
    """The very first request to a new server goes straight to a page with filters (a link
    shared before the meeting): the page gets the entry file's filters and navigation."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/kluster?lan=25&schema=area")
    page.get_by_role("heading", name="Yrkeskluster").wait_for(timeout=60_000)
    page.get_by_text("14 av 44 kommuner (Norrbottens län)").first.wait_for(timeout=30_000)
    page.get_by_role("combobox", name="Omgång").wait_for(timeout=30_000)  # the entry's filters
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "kluster-norrbotten.png"), full_page=True)


# Each page's heading: its title in the navigation, but for these (the map has a test of its own).
HEADINGS = {"kommungrupper": "Kommungrupper efter behovsprofil"}


@pytest.mark.parametrize(
    "path, heading",
    [(p.url_path, HEADINGS.get(p.url_path, p.title)) for p in pages.PAGES[1:]],
)
def test_every_page_opens_without_errors(server, page, path, heading):
    page.goto(f"{server}/{path}")
    page.get_by_role("heading", name=heading).wait_for(timeout=60_000)
    page.wait_for_function(  # Streamlit's placeholders gone: the page has finished drawing
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)
    assert page.locator("[data-testid='stException']").count() == 0
    assert "Exempeldata" in page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / f"{path}.png"), full_page=True)


def test_the_app_opens_and_draws_the_map(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server)
    canvas = page.wait_for_selector(".maplibregl-canvas", timeout=60_000)
    page.wait_for_function(
        "() => { const el = document.querySelector('.js-plotly-plot');"
        " return el && el._fullData && el._fullData.length >= 2; }",
        timeout=30_000,
    )
    traces = page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullData"
        ".map(t => ({type: t.type, n: (t.locations || []).length}))"
    )
    choropleths = [t for t in traces if t["type"] == "choroplethmap"]
    assert sum(t["n"] for t in choropleths) == 44
    assert any(t["type"] == "scattermap" for t in traces)  # county borders
    page.wait_for_timeout(1500)  # let MapLibre paint
    shot = canvas.screenshot()
    (ARTIFACTS / "karta-canvas.png").write_bytes(shot)
    assert non_white_share(shot) > 0.05  # polygons are painted, not a blank canvas
    page.screenshot(path=str(ARTIFACTS / "karta.png"), full_page=True)
    body = page.inner_text("body")
    assert "Exempeldata" in body
    assert "Källa" in body


def test_a_shared_url_opens_the_same_view(server, page):
    page.goto(f"{server}/?matt=lia_places&kommun=2584&horisont=0-1")
    page.wait_for_selector(".maplibregl-canvas", timeout=60_000)
    page.get_by_text("Kiruna", exact=True).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    body = page.inner_text("body")
    assert "LIA-platser per år" in body
    assert "Inom 1 år" in body
    assert "matt=lia_places" in page.url
    page.screenshot(path=str(ARTIFACTS / "karta-kiruna.png"), full_page=True)


def test_choosing_in_the_page_redraws_the_map_and_updates_the_url(server, page):
    page.goto(server)
    page.wait_for_selector(".maplibregl-canvas", timeout=60_000)
    page.get_by_role("combobox", name="Kommun").click()
    page.keyboard.type("Arjeplog")
    page.keyboard.press("Enter")
    page.wait_for_url("**kommun=2506**", timeout=30_000)
    page.get_by_role("heading", name="Arjeplog").wait_for(timeout=30_000)
    page.get_by_role("combobox", name="Mått").click()
    page.keyboard.type("LIA-platser")
    page.keyboard.press("Enter")
    page.wait_for_url("**matt=lia_places**", timeout=30_000)
    page.wait_for_function(
        "() => { const el = document.querySelector('.js-plotly-plot');"
        " return el && el._fullData && el._fullData[0].colorbar.title.text.startsWith('LIA'); }",
        timeout=30_000,
    )
    traces = page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullData.map(t => t.name)"
    )
    assert "Vald kommun" in traces  # Arjeplog outlined on the map
    page.screenshot(path=str(ARTIFACTS / "karta-arjeplog-lia.png"), full_page=True)


def test_an_administrator_logs_in_and_out(server, page):
    page.goto(f"{server}/logga_in")
    page.get_by_role("heading", name="Administratörer").wait_for(timeout=60_000)
    assert page.get_by_role("link", name="Importera").count() == 0
    page.get_by_label("Användarnamn").fill(ADMIN_NAME)
    page.get_by_label("Lösenord", exact=True).fill("fel lösenord")
    page.get_by_role("button", name="Logga in").click()
    page.get_by_text("Fel användarnamn eller lösenord.").wait_for(timeout=30_000)
    page.get_by_label("Användarnamn").fill(ADMIN_NAME)
    page.get_by_label("Lösenord", exact=True).fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_text(f"Inloggad som {ADMIN_NAME}").first.wait_for(timeout=30_000)
    assert ADMIN_PASSWORD not in page.content()
    page.screenshot(path=str(ARTIFACTS / "inloggad.png"), full_page=True)
    page.get_by_role("link", name="Importera").click()
    page.get_by_role("heading", name="Importera enkätsvar").wait_for(timeout=30_000)
    page.get_by_role("link", name="Logga ut").click()
    page.get_by_role("button", name="Logga ut").click()
    page.get_by_label("Användarnamn").wait_for(timeout=30_000)
    assert page.get_by_role("link", name="Importera").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "utloggad.png"), full_page=True)


def log_in(page, server: str) -> None:
    page.goto(f"{server}/logga_in")
    page.get_by_label("Användarnamn").fill(ADMIN_NAME)
    page.get_by_label("Lösenord", exact=True).fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_text(f"Inloggad som {ADMIN_NAME}").first.wait_for(timeout=30_000)


def login_cookie(page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == sessions.COOKIE_NAME), None)


def wait_for_cookie(page, present: bool) -> None:
    for _ in range(100):
        if (login_cookie(page) is not None) == present:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the login cookie is {'missing' if present else 'still there'}")


def test_an_administrator_who_reloads_the_page_is_still_logged_in_one_who_logs_out_is_not(
    server, page
):
    log_in(page, server)
    wait_for_cookie(page, present=True)
    cookie = login_cookie(page)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find(sessions.COOKIE_NAME) == -1  # no script sees it
    page.reload()
    page.get_by_text(f"Inloggad som {ADMIN_NAME}").first.wait_for(timeout=60_000)
    assert page.get_by_role("link", name="Importera").count() == 1

    pasted = page.context.new_page()  # a new tab with a pasted presentation URL
    pasted.goto(f"{server}/?present=1&steg=1")
    pasted.get_by_role("heading", name="Var finns behoven?").wait_for(timeout=60_000)
    pasted.goto(f"{server}/logga_in")
    pasted.get_by_text(f"Inloggad som {ADMIN_NAME}").first.wait_for(timeout=60_000)
    assert all(ADMIN_PASSWORD not in p.url and cookie["value"] not in p.url for p in (page, pasted))

    page.get_by_role("button", name="Logga ut").click()
    page.get_by_label("Användarnamn").wait_for(timeout=30_000)
    wait_for_cookie(page, present=False)
    page.reload()
    page.get_by_label("Användarnamn").wait_for(timeout=60_000)
    assert page.get_by_role("link", name="Importera").count() == 0
    pasted.reload()  # the other tab's login ended with it
    pasted.get_by_label("Användarnamn").wait_for(timeout=60_000)

    # a copy of the old cookie, replayed, is no login: the login ended on the server
    page.context.add_cookies([{**cookie}])
    page.reload()
    page.get_by_label("Användarnamn").wait_for(timeout=60_000)
    assert page.get_by_text(f"Inloggad som {ADMIN_NAME}").count() == 0
    page.screenshot(path=str(ARTIFACTS / "utloggad-efter-omladdning.png"), full_page=True)


def test_presentation_mode_steps_through_the_evidence_offline(server, page):
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(f"{server}/?present=1")
    titles = [
        "Var finns behoven?",
        "Vilka yrken?",
        "Vad motiverar en ansökan?",
        "Vilka kommuner bär underlaget?",
    ]
    for number, title in enumerate(titles, start=1):
        page.get_by_role("heading", name=title).wait_for(timeout=60_000)
        page.wait_for_url(f"**steg={number}**", timeout=30_000)
        page.wait_for_timeout(1500)
        assert page.locator("[data-testid='stSidebar']").is_hidden()
        assert page.locator("[data-testid='stException']").count() == 0
        page.screenshot(path=str(ARTIFACTS / f"presentation-{number}.png"))
        if number < len(titles):
            page.get_by_role("button", name="Nästa →").click()
    page.get_by_role("button", name="← Föregående").click()
    page.get_by_role("heading", name=titles[-2]).wait_for(timeout=30_000)


def test_the_english_toggle_translates_the_page_and_keeps_the_filters(server, page):
    page.goto(f"{server}/?lan=25&matt=lia_places")
    page.get_by_role("heading", name="Karta").wait_for(timeout=60_000)
    page.get_by_text("English", exact=True).first.click()
    page.get_by_role("heading", name="Map").wait_for(timeout=30_000)
    page.wait_for_url("**lang=en**", timeout=30_000)
    assert "lan=25" in page.url and "matt=lia_places" in page.url
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "map-english.png"), full_page=True)


# ------------------------------------------------------------------ presentation on a projector
PRESENTATION_TITLES = [
    "Var finns behoven?",
    "Vilka yrken?",
    "Vad motiverar en ansökan?",
    "Vilka kommuner bär underlaget?",
]

# Where everything is, and the smallest text on the step's chart (SVG text and map names). Step
# 1's map is an SVG image: its document is laid out, hidden, exactly where the image shows it
# (object-fit: contain), so that its texts' sizes and boxes are what the screen shows.
MEASURE = """() => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const q = (s) => document.querySelector(s);
  const body = q('.st-key-present_body');
  const plot = body.querySelector('.js-plotly-plot');
  const table = body.querySelector('table.kraftsamling-present-table');
  const texts = plot ? [...plot.querySelectorAll('svg text')].filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize)) : [];
  let labels = [...body.querySelectorAll('.kraftsamling-label')]
    .filter(l => l.style.display !== 'none')
    .map(l => ({text: l.textContent, size: parseFloat(getComputedStyle(l).fontSize), box: box(l)}));
  const img = body.querySelector('__IMAGE__');
  let svgMap = null;
  if (img) {
    const doc = new DOMParser().parseFromString((__TEXT__)(img.src), 'image/svg+xml');
    const svg = document.importNode(doc.documentElement, true);
    const [, , vw, vh] = svg.getAttribute('viewBox').split(/[\\s,]+/).map(Number);
    const r = img.getBoundingClientRect();
    const scale = Math.min(r.width / vw, r.height / vh);
    const w = vw * scale, h = vh * scale;
    const [px, py] = getComputedStyle(img).objectPosition.split(' ').map(v => parseFloat(v) / 100);
    const left = r.left + (r.width - w) * px, top = r.top + (r.height - h) * py;
    svg.setAttribute('width', w);
    svg.setAttribute('height', h);
    svg.style.cssText = `position:fixed;left:${left}px;top:${top}px;visibility:hidden;`;
    document.body.appendChild(svg);
    const size = (t) => parseFloat(getComputedStyle(t).fontSize) * scale;
    const all = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
    labels = [...svg.querySelectorAll('text.label')]
      .map(t => ({text: t.textContent, size: size(t), box: box(t)}));
    svgMap = {box: {left: left, top: top, right: left + w, bottom: top + h}, scale: scale,
              smallest: Math.min(...all.map(size)), complete: img.complete && img.naturalWidth > 0};
    svg.remove();
  }
  const clipped = [...body.querySelectorAll('[data-testid="stElementContainer"]')]
    .filter(e => !e.querySelector('.js-plotly-plot') && e.scrollHeight > e.clientHeight + 1)
    .map(e => e.innerText.slice(0, 60));
  return {
    width: innerWidth, height: innerHeight, clipped: clipped,
    page: {scrollHeight: document.scrollingElement.scrollHeight,
           mainScroll: q('[data-testid="stMain"]').scrollHeight},
    body: box(body), nav: box(q('.st-key-present_nav')),
    next: box(q('.st-key-next button')), prev: box(q('.st-key-prev button')),
    plot: plot ? box(plot) : null, table: table ? box(table) : null, svgMap: svgMap,
    tableScroll: table ? [table.parentElement.scrollWidth, table.parentElement.clientWidth] : null,
    bodyText: parseFloat(getComputedStyle(q('.st-key-present_header p')).fontSize),
    chartText: texts.length ? Math.min(...texts) : null,
    labels: labels,
  };
}""".replace("__IMAGE__", SVG_MAP_IMAGE).replace("__TEXT__", SVG_TEXT)


def within(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    return (
        inner["left"] >= outer["left"] - slack
        and inner["top"] >= outer["top"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def check_step(page, number: int, shots: Path, name: str) -> dict:
    page.get_by_role("heading", name=PRESENTATION_TITLES[number - 1]).wait_for(timeout=60_000)
    drawn = [number, PRESENTATION_TITLES[number - 1]]
    page.wait_for_function(PRESENTATION_DRAWN, arg=drawn, timeout=60_000, polling=100)
    page.wait_for_timeout(400)  # the labels settle after the map's last resize
    page.screenshot(path=str(shots / f"{name}-steg{number}.png"))
    m = page.evaluate(MEASURE)
    screen = {"left": 0, "top": 0, "right": m["width"], "bottom": m["height"]}
    where = f"{name}, step {number}: {m}"
    assert m["page"]["scrollHeight"] <= m["height"] + 1, where  # nothing below the screen
    assert within(m["next"], screen) and within(m["prev"], screen), where
    assert m["next"]["top"] >= m["body"]["bottom"] - 1, where  # the step never covers them
    assert m["clipped"] == [], where  # no text cut off
    if m["plot"]:
        assert within(m["plot"], m["body"]), where
        assert m["chartText"] >= m["bodyText"], where
        assert all(label["size"] >= m["bodyText"] for label in m["labels"]), where
        assert all(within(label["box"], m["plot"]) for label in m["labels"]), where
    if m["svgMap"]:  # step 1: the SVG map, its names and its legend, none smaller than the body
        svg = m["svgMap"]
        assert svg["complete"] and within(svg["box"], m["body"]), where
        assert svg["smallest"] >= m["bodyText"], where
        assert all(label["size"] >= m["bodyText"] for label in m["labels"]), where
        assert all(within(label["box"], svg["box"]) for label in m["labels"]), where
        boxes = [label["box"] for label in m["labels"]]
        assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[:i]), where
    if m["table"]:
        assert within(m["table"], m["body"]), where  # the table is not cut
        assert m["tableScroll"][0] <= m["tableScroll"][1], where
    assert page.locator("[data-testid='stException']").count() == 0
    return m


@pytest.fixture(scope="module")
def presentation_shots() -> Path:
    """A folder of its own under the temporary directory (pytest prunes its own folders when
    other runs start), named in the output."""
    folder = Path(tempfile.mkdtemp(prefix="kraftsamling-presentation-"))
    print(f"presentation screenshots: {folder}")
    return folder


@pytest.mark.parametrize("width, height", [(1280, 720), (1366, 768), (1920, 1080)])
def test_every_presentation_step_fits_the_screen_and_the_arrow_keys_step(
    server, page, presentation_shots, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server}/?present=1")
    for number in range(1, len(PRESENTATION_TITLES) + 1):
        m = check_step(page, number, presentation_shots, f"{width}x{height}")
        if number in (1, 4):
            assert m["labels"], f"no municipality names on the map of step {number}"
        if number == 1:  # the SVG map, not plotly's
            assert m["svgMap"] and not m["plot"], f"step 1 is not the SVG map: {m}"
        if number < len(PRESENTATION_TITLES):
            page.keyboard.press("ArrowRight")
            page.wait_for_url(f"**steg={number + 1}**", timeout=30_000)
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**steg=3**", timeout=30_000)
    page.get_by_role("heading", name=PRESENTATION_TITLES[2]).wait_for(timeout=30_000)


def test_an_administrator_presents_either_view_after_a_reload(server, page, presentation_shots):
    page.set_viewport_size({"width": 1280, "height": 720})
    log_in(page, server)
    wait_for_cookie(page, present=True)
    page.goto(f"{server}/?present=1&steg=4&kandidat=yrke:4117")  # a pasted URL: still logged in
    m = check_step(page, 4, presentation_shots, "admin-1280x720")
    assert "administratörens vy" in page.inner_text(".st-key-present_header")
    assert "antal dolt" not in page.inner_text("body")
    assert len(m["labels"]) >= 3
    page.goto(f"{server}/?present=1&steg=4&kandidat=yrke:4117&vy=anordnare")
    check_step(page, 4, presentation_shots, "admin-as-providers-1280x720")
    assert "anordnarnas vy" in page.inner_text(".st-key-present_header")
