"""Liveness and readiness probes: /healthz (the process answers) and /readyz (Neo4j answers)."""

from __future__ import annotations

import logging
from typing import Annotated

import neo4j
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from neo4j.exceptions import AuthError, ConnectionPoolError, ServiceUnavailable, SessionExpired

from api.http.request_id import current_request_id

router = APIRouter(tags=["health"])
log = logging.getLogger("api.health")

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
        log.warning("request %s: not ready: %r", current_request_id(), error)
        reason = not_ready_reason(error)
        return JSONResponse(status_code=503, content={"status": "unavailable", "reason": reason})
    return {"status": "ready"}


def not_ready_reason(error: BaseException) -> str:
    """Why the database check failed, in words for an operator's dashboard.

    No host, port or driver text (those are in the log under the request id): the probe's
    answer may be visible to anyone who can reach the API.
    """
    if isinstance(error, AuthError):
        return "database refused the service's credentials (check NEO4J_USER / NEO4J_PASSWORD)"
    if isinstance(error, ServiceUnavailable | SessionExpired | ConnectionPoolError | OSError):
        return "database unavailable: Neo4j does not answer"
    if isinstance(error, neo4j.exceptions.Neo4jError) and "Timed" in (error.code or ""):
        return f"database too slow: no answer within {READY_TIMEOUT_SECONDS:g} s"
    return "database check failed; the server log has the details under this request's id"
