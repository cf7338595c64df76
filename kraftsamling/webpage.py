"""The page a browser opens first, with plotly's code asked for at once (issue 14).

Streamlit's index.html loads its own code; plotly's (PlotlyChart.*.js, 4.7 MB, the largest chunk
by far) is fetched only when the first chart arrives over the WebSocket, and then takes the
browser 1.5–2 s to fetch, compile and run, after the server has answered. Every page of
Kraftsamling opens with a plotly chart (the map, presentation mode's map), so the index page
this server hands out names that chunk as a `modulepreload`: the browser fetches and compiles it
while it starts Streamlit and the script runs, and the chart draws as soon as it arrives.

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
def index_html() -> bytes:
    """Streamlit's index.html with plotly's chunk preloaded (or unchanged without one)."""
    folder = static_folder()
    page = (folder / "index.html").read_text(encoding="utf-8")
    chunks = sorted((folder / "static" / "js").glob(CHUNK_GLOB))
    if len(chunks) == 1 and "</head>" in page:
        link = f'<link rel="modulepreload" crossorigin href="./static/js/{chunks[0].name}">\n'
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
