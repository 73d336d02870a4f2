"""The strawberry schema and the FastAPI router that serves it at /graphql."""

from __future__ import annotations

from functools import partial
from typing import Any

import strawberry
from fastapi import Request
from strawberry.extensions import ParserCache
from strawberry.fastapi import GraphQLRouter

from api.graphiql import graphiql_page
from api.graphql.compiler import CompiledQueries
from api.graphql.compiler.plans import CompiledPlans
from api.graphql.context import GraphContext
from api.graphql.curation import CurationQueries
from api.graphql.document_cache import CachedValidation, ValidatedDocuments
from api.graphql.errors import log_errors
from api.graphql.limits import limit_extensions
from api.graphql.mutations import Mutation
from api.graphql.queries import root_fields
from api.graphql.search import SearchQueries
from api.graphql.types import NODE_CLASSES
from config.settings import Settings


def _query_type() -> type:
    """The root Query: per-label fields generated from the ontology, plus search, path and
    the curation log."""
    namespace: dict[str, Any] = dict(root_fields())
    cls = type("Query", (SearchQueries, CurationQueries), namespace)
    return strawberry.type(cls, description="Read the pharma knowledge graph.")


Query = _query_type()

#: Parsed and validated documents kept per process (LRU, by query text).
DOCUMENT_CACHE_SIZE = 512


class LoggedSchema(strawberry.Schema):
    """The schema, logging errors under the request id instead of strawberry's default log."""

    def process_errors(self, errors: list[Any], execution_context: Any = None) -> None:
        log_errors(errors)


def build_schema(
    settings: Settings | None = None,
    compiled: bool | None = None,
    plans: CompiledPlans | None = None,
) -> strawberry.Schema:
    """The schema; with `settings`, also the limit/masking extensions sized by them.

    `compiled` (default: `settings.kg_graphql_compiled`): answer queries with one Cypher
    statement per root field (api/graphql/compiler) where they compile; False keeps every
    query on the resolvers, the reference the compiler is tested against.
    """
    extensions: list[Any] = []
    if settings is not None:
        if compiled is None:
            compiled = settings.kg_graphql_compiled
        extensions = [
            *limit_extensions(settings),
            # Clients repeat the same few documents: parse and validate each once.
            partial(ParserCache, maxsize=DOCUMENT_CACHE_SIZE),
            partial(CachedValidation, documents=ValidatedDocuments(DOCUMENT_CACHE_SIZE)),
            partial(CompiledQueries, enabled=compiled, plans=plans),
        ]
    return LoggedSchema(
        query=Query,
        mutation=Mutation,
        types=list(NODE_CLASSES.values()),
        extensions=extensions,
    )


def schema_sdl() -> str:
    """The SDL that `kg export-schema` prints and schema.graphql holds."""
    return build_schema().as_str() + "\n"


class LocalGraphiQLRouter(GraphQLRouter):
    """strawberry's router with its GraphiQL page replaced by one using local assets only."""

    @property
    def graphql_ide_html(self) -> str:
        return graphiql_page()


def graphql_router(settings: Settings, plans: CompiledPlans | None = None) -> GraphQLRouter:
    """The /graphql router: one context (reader + dataloaders) per request; `plans` as in
    `build_schema`."""

    async def context_getter(request: Request) -> GraphContext:
        return GraphContext(
            request.app.state.driver,
            settings,
            request.headers.get("authorization"),
            getattr(request.app.state, "async_driver", None),
        )

    return LocalGraphiQLRouter(build_schema(settings, plans=plans), context_getter=context_getter)
