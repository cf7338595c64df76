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


def test_presentation_step_one_preloads_its_elements_not_plotly():
    """Step 1's map is an SVG image: its page asks for the image's, metric's, button's and
    html's chunks at once, and not for plotly's 4.7 MB (presentation.js imports it later)."""
    assert not webpage.needs_plotly_first({"present": "1"})
    assert not webpage.needs_plotly_first({"present": "1", "steg": "1"})
    assert webpage.needs_plotly_first({"present": "1", "steg": "2"})
    assert webpage.needs_plotly_first({})
    served = webpage.index_html(False).decode("utf-8")
    assert webpage.plotly_chunk() not in served
    for name in ("ImageList", "Metric", "Button", "Html"):
        (chunk,) = (webpage.static_folder() / "static" / "js").glob(f"{name}.*.js")
        assert f'<link rel="modulepreload" crossorigin href="./static/js/{chunk.name}">' in served
    withfullscreen = next(
        f for f in webpage.lazy_chunks()["ImageList"] if f.startswith("withFullScreenWrapper.")
    )
    assert withfullscreen in served  # what the image's chunk imports comes with it
    assert all(
        (webpage.static_folder() / "static" / "js" / f).is_file()
        for f in webpage.first_step_chunks()
    )
