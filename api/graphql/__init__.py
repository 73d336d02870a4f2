"""The GraphQL API: types generated from the ontology, batched reads, limits, mutations."""

from api.graphql.schema import build_schema, graphql_router, schema_sdl

__all__ = ["build_schema", "graphql_router", "schema_sdl"]
