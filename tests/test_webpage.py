"""The page a browser opens first asks for plotly's code at once, so the first chart (the map,
presentation mode's first step) does not wait for it after the server has answered."""

from kraftsamling import webpage


def test_the_root_page_preloads_plotlys_chunk_and_is_otherwise_streamlits_own():
    served = webpage.index_html().decode("utf-8")
    original = (webpage.static_folder() / "index.html").read_text(encoding="utf-8")
    (chunk,) = (webpage.static_folder() / "static" / "js").glob(webpage.CHUNK_GLOB)
    link = f'<link rel="modulepreload" crossorigin href="./static/js/{chunk.name}">'
    assert link in served
    assert served.replace(link + "\n", "") == original


def test_the_route_serves_the_root_url_only():
    (route,) = webpage.routes()
    assert route.path == "/" and route.methods >= {"GET", "HEAD"}


def test_presentation_step_one_does_not_preload_plotly():
    """Step 1's map is an SVG image: its page is Streamlit's own, without plotly's 4.7 MB
    (presentation.js imports it once the map is painted); every other root URL preloads it."""
    assert not webpage.needs_plotly_first({"present": "1"})
    assert not webpage.needs_plotly_first({"present": "1", "steg": "1"})
    assert not webpage.needs_plotly_first({"present": "1", "steg": "x"})  # read as step 1
    assert webpage.needs_plotly_first({"present": "1", "steg": "2"})
    assert webpage.needs_plotly_first({})
    original = (webpage.static_folder() / "index.html").read_text(encoding="utf-8")
    assert webpage.index_html(False).decode("utf-8") == original
    assert webpage.plotly_chunk() in webpage.index_html(True).decode("utf-8")
