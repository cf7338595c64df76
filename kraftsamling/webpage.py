"""The page a browser opens first, with plotly's code asked for at once (issue 14).

Streamlit's index.html loads its own code; plotly's (PlotlyChart.*.js, 4.7 MB, the largest chunk
by far) is fetched only when the first chart arrives over the WebSocket, and then takes the
browser 1.5–2 s to fetch, compile and run, after the server has answered. Every page of
Kraftsamling opens with a plotly chart (the map, presentation mode's map), so the index page
this server hands out names that chunk as a `modulepreload`: the browser fetches and compiles it
while it starts Streamlit and the script runs, and the chart draws as soon as it arrives.

Presentation mode's first step draws its map as an SVG image, without plotly; its page keeps
the preload all the same (served without it, step 1 was no faster within the noise:
docs/benchmark.md, "Sixth session"), and presentation.js imports the chunk (`plotly_chunk()`)
once that map is painted, so that steps 2 and 4 do not wait for plotly's code to run.

`routes()` gives `st.App(routes=...)` (app.py) the route for the app's root URL (`/`, what
`?present=1` and a shared map URL open); other page URLs, and a server under
`server.baseUrlPath`, keep Streamlit's own index.html. When Streamlit's static folder has no
such chunk (another Streamlit version), the page is Streamlit's own, unchanged.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

CHUNK_GLOB = "PlotlyChart.*.js"


def static_folder() -> Path:
    import streamlit

    return Path(streamlit.__file__).parent / "static"


@lru_cache(maxsize=1)
def plotly_chunk() -> str | None:
    """The file name of plotly's chunk in Streamlit's static folder (None when there is not
    exactly one)."""
    chunks = sorted((static_folder() / "static" / "js").glob(CHUNK_GLOB))
    return chunks[0].name if len(chunks) == 1 else None


@lru_cache(maxsize=1)
def index_html() -> bytes:
    """Streamlit's index.html with plotly's chunk preloaded (or unchanged without one)."""
    page = (static_folder() / "index.html").read_text(encoding="utf-8")
    chunk = plotly_chunk()
    if chunk and "</head>" in page:
        link = f'<link rel="modulepreload" crossorigin href="./static/js/{chunk}">\n'
        page = page.replace("</head>", link + "</head>", 1)
    return page.encode("utf-8")


async def _index(request):
    from starlette.responses import Response

    return Response(index_html(), media_type="text/html", headers={"Cache-Control": "no-cache"})


def routes() -> list:
    """The root URL's route for `st.App(routes=...)`."""
    from starlette.routing import Route

    from kraftsamling.sessions import base_path

    if base_path():  # served under a path: Streamlit's own index.html
        return []
    return [Route("/", _index, methods=["GET", "HEAD"])]
