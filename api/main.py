"""The FastAPI application: health probes and the GraphQL endpoint, one Neo4j driver per process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import health
from api.database import open_api_async_driver, open_api_driver
from api.explorer import explorer_router
from api.graphiql import mount_graphiql_assets
from api.graphql import graphql_router
from api.graphql.compiler.fast import FastCompiledPath
from api.graphql.compiler.plans import CompiledPlans
from api.graphql.schema import DOCUMENT_CACHE_SIZE
from api.http.body_limit import BodyLimitMiddleware
from api.http.request_id import RequestIdMiddleware
from api.ingest_worker import IngestWorker
from config.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; tests pass their own settings, `kg serve` uses the environment's."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.driver = open_api_driver(settings)
        app.state.async_driver = open_api_async_driver(settings)
        app.state.ingest_worker = IngestWorker(settings)
        try:
            yield
        finally:
            app.state.ingest_worker.close()
            await app.state.async_driver.close()
            app.state.driver.close()

    app = FastAPI(title="Pharma knowledge graph", lifespan=lifespan)
    app.state.settings = settings
    app.include_router(health.router)
    # Queries answered by the compiler are kept, and answered again without strawberry.
    plans = CompiledPlans(DOCUMENT_CACHE_SIZE)
    app.include_router(graphql_router(settings, plans), prefix="/graphql")
    app.include_router(explorer_router(settings))
    mount_graphiql_assets(app)
    # Outermost last: the request id is set before the body limit can answer 413, and
    # the fast path only sees bodies within the limit.
    app.add_middleware(FastCompiledPath, plans=plans)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.kg_max_request_bytes)
    app.add_middleware(RequestIdMiddleware)
    return app
