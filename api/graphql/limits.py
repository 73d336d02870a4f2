"""Schema extensions that keep one request cheap and its errors safe to show.

Depth, alias and token limits refuse abusive queries before they run; ClientSafeErrors
hides every internal error (driver, Cypher, bugs) behind a fixed message and a request id
while user errors stay readable; the round-trip counter reports how many Cypher queries a
request cost, so clients and tests can see that nested queries do not fan out per row.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from api.graphql.errors import ClientSafeErrors
from config.settings import Settings


class CypherRoundTrips(SchemaExtension):
    """Adds `extensions.cypherRoundTrips`: the number of Cypher queries this request ran."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        reader = getattr(context, "reader", None)
        return {"cypherRoundTrips": reader.round_trips} if reader is not None else {}


def limit_extensions(settings: Settings) -> list[Any]:
    """The extensions every schema runs with, sized by `settings`."""
    # Factories, so every request gets fresh extension instances.
    return [
        partial(QueryDepthLimiter, max_depth=settings.kg_max_query_depth),
        partial(MaxAliasesLimiter, max_alias_count=settings.kg_max_aliases),
        partial(MaxTokensLimiter, max_token_count=settings.kg_max_tokens),
        ClientSafeErrors,
        CypherRoundTrips,
    ]
