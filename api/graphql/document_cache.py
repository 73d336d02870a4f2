"""Validate each query text once per schema, not once per request.

Why not strawberry's ValidationCache: it keys on the rule classes, and the depth limiter
builds a new rule class for every request, so it never hits. The rules of one schema are
fixed by its settings, so the query text (documents come from the parser cache) is key
enough. Errors are cached too: a rejected query stays rejected.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from threading import Lock
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document


class ValidatedDocuments:
    """A bounded LRU of {query text: validation errors}, shared by one schema's requests."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._errors: OrderedDict[str, list[GraphQLError]] = OrderedDict()
        self._lock = Lock()

    def get(self, query: str) -> list[GraphQLError] | None:
        with self._lock:
            errors = self._errors.get(query)
            if errors is None:
                return None
            self._errors.move_to_end(query)
            return list(errors)  # a copy: later stages may replace or extend the list

    def put(self, query: str, errors: list[GraphQLError]) -> None:
        with self._lock:
            self._errors[query] = list(errors)
            while len(self._errors) > self.maxsize:
                self._errors.popitem(last=False)


class CachedValidation(SchemaExtension):
    """Runs validation with the request's rules the first time a query text is seen."""

    def __init__(self, *, documents: ValidatedDocuments, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.documents = documents

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        if ctx.query is not None and ctx.graphql_document is not None:
            errors = self.documents.get(ctx.query)
            if errors is None:
                errors = validate_document(
                    ctx.schema._schema, ctx.graphql_document, ctx.validation_rules
                )
                self.documents.put(ctx.query, errors)
                errors = list(errors)
            ctx.pre_execution_errors = errors
        yield
