"""GraphiQL served from this API's own files, so the page works on offline networks.

Why: strawberry's default page loads React and GraphiQL from a public CDN; on an offline or
locked-down network (common in pharma) it stayed blank at "Loading...". The bundles are
vendored from the npm registry into api/static/graphiql/ (licences beside them, listed in
NOTICE) and the page below refers only to them.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

GRAPHIQL_ASSETS = Path(__file__).parent / "static" / "graphiql"
GRAPHIQL_ASSETS_URL = "/static/graphiql"


def graphiql_page() -> str:
    """The GraphiQL HTML page, referring only to assets under GRAPHIQL_ASSETS_URL."""
    return (GRAPHIQL_ASSETS / "index.html").read_text(encoding="utf-8")


def mount_graphiql_assets(app: FastAPI) -> None:
    """Serve the vendored GraphiQL, React and CSS files at GRAPHIQL_ASSETS_URL."""
    app.mount(GRAPHIQL_ASSETS_URL, StaticFiles(directory=GRAPHIQL_ASSETS), name="graphiql")
