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


def test_presentation_mode_is_told_the_chunk_it_imports_once_step_one_is_drawn():
    from kraftsamling import presentation

    chunk = webpage.plotly_chunk()
    assert chunk and chunk.startswith("PlotlyChart.")
    assert f'window.__kraftsamlingPlotlyChunk = "{chunk}";' in presentation.script()
