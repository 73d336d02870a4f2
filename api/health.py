"""Liveness and readiness probes: /healthz (the process answers) and /readyz (Neo4j answers)."""

from __future__ import annotations

from typing import Annotated

import neo4j
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["health"])

#: Readiness must answer quickly even when Neo4j hangs, so orchestrators are not kept waiting.
READY_TIMEOUT_SECONDS = 3.0


def get_driver(request: Request) -> neo4j.Driver:
    """The process-wide driver the app's lifespan opened."""
    return request.app.state.driver


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is alive; says nothing about the database."""
    return {"status": "ok"}


def get_database(request: Request) -> str | None:
    """The configured database name (None = the server's default)."""
    settings = getattr(request.app.state, "settings", None)
    return getattr(settings, "neo4j_database", None)


@router.get("/readyz", response_model=None)
def readyz(
    driver: Annotated[neo4j.Driver, Depends(get_driver)],
    database: Annotated[str | None, Depends(get_database)],
) -> dict[str, str] | JSONResponse:
    """Ready when Neo4j runs `RETURN 1` within a few seconds; 503 with a one-line reason if not."""
    try:
        with driver.session(
            database=database, connection_acquisition_timeout=READY_TIMEOUT_SECONDS
        ) as session:
            session.run(neo4j.Query("RETURN 1", timeout=READY_TIMEOUT_SECONDS)).consume()
    except Exception as error:  # any failure means "not ready"; the reason says which
        reason = " ".join(f"{type(error).__name__}: {error}".split())[:300]
        return JSONResponse(status_code=503, content={"status": "unavailable", "reason": reason})
    return {"status": "ready"}
