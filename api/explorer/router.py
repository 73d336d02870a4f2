"""Serve the explorer: its page, its static files (no CDN) and the config the page starts from."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse

from api.explorer.model import explorer_config
from config.settings import Settings

STATIC_DIR = Path(__file__).parent / "static"

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
}

#: Everything the page loads comes from this server: the policy makes a stray CDN link fail
#: in development instead of silently working online and breaking offline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}


def _static_files() -> dict[str, Path]:
    """The servable files by URL path, listed once: a request can only name one of these."""
    return {
        path.relative_to(STATIC_DIR).as_posix(): path
        for path in STATIC_DIR.rglob("*")
        if path.is_file() and path.suffix in MEDIA_TYPES and path.name != "index.html"
    }


def explorer_router(settings: Settings) -> APIRouter:
    """Routes under /explore; the page talks to /graphql like any other client."""
    router = APIRouter(prefix="/explore", tags=["explorer"])
    files = _static_files()
    config = explorer_config(settings)

    @router.get("", include_in_schema=False)
    def explore_redirect() -> RedirectResponse:
        # The page uses relative URLs (static/, config.json, ../graphql) so it also works
        # behind a reverse proxy under a path prefix; they need the trailing slash.
        return RedirectResponse("explore/", status_code=307)

    @router.get("/", include_in_schema=False)
    def explore_page() -> FileResponse:
        return FileResponse(
            STATIC_DIR / "index.html", media_type=MEDIA_TYPES[".html"], headers=_HEADERS
        )

    @router.get("/config.json", include_in_schema=False)
    def explore_config() -> JSONResponse:
        return JSONResponse(config, headers=_HEADERS)

    @router.get("/static/{name:path}", include_in_schema=False)
    def explore_static(name: str) -> FileResponse:
        path = files.get(name)
        if path is None:
            raise HTTPException(status_code=404, detail="not found")
        return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=_HEADERS)

    return router
