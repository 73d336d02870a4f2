"""The FastAPI application: health probes and the GraphQL endpoint, one Neo4j driver per process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import health
from api.graphql import graphql_router
from config.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; tests pass their own settings, `kg serve` uses the environment's."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from graph.driver import open_async_driver, open_driver

        app.state.driver = open_driver(settings, verify=False)
        app.state.async_driver = open_async_driver(settings)
        try:
            yield
        finally:
            await app.state.async_driver.close()
            app.state.driver.close()

    app = FastAPI(title="Pharma knowledge graph", lifespan=lifespan)
    app.state.settings = settings
    app.include_router(health.router)
    app.include_router(graphql_router(settings), prefix="/graphql")
    return app
