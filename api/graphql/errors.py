"""Which errors a client may read: its own mistakes yes, our internals never.

Why: a response must never carry a stack trace, a Cypher text, a driver message, an index
name or an echo of a large input, but "page size too large", "unauthorized", "query too
deep" or "month must be in 1..12" must stay readable so the client can fix its request.
Everything masked is logged with the request id, which every error's `extensions` carries.
"""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.exceptions import StrawberryGraphQLError
from strawberry.extensions import SchemaExtension

from api.http.request_id import current_request_id

log = logging.getLogger("api.errors")

MASKED_MESSAGE = "Unexpected error; the server log has the details under this request id."


class UserError(Exception):
    """An error caused by the request; its message is shown to the client as is."""

    code = "BAD_REQUEST"


class DatabaseUnavailable(UserError):
    """Neo4j cannot be reached right now; the request may be retried later (HTTP 503)."""

    code = "DATABASE_UNAVAILABLE"

    def __init__(self) -> None:
        super().__init__("database unavailable: try again in a moment")


class RequestTooSlow(UserError):
    """The request used up its time budget; asking for less (smaller pages, fewer fields) helps."""

    code = "TIMEOUT"


def should_mask(error: GraphQLError) -> bool:
    """Mask every error raised by our code except `UserError`.

    Errors without an original exception come from parsing and validation (syntax,
    unknown field, depth/alias/token limits): those describe the request and stay. So do
    coercion errors of arguments and variables (a bad date): they have no `path`, because
    they happen before any resolver runs, and their text comes from the scalar.
    """
    original = error.original_error
    if original is None or isinstance(original, UserError):
        return False
    coercion = isinstance(original, ValueError | TypeError | StrawberryGraphQLError)
    return error.path is not None or not coercion


def log_errors(errors: list[GraphQLError]) -> None:
    """Log a request's errors under its id: internal ones in full, the client's in one line.

    Called by the schema with the original errors, before ClientSafeErrors masks them.
    """
    request_id = current_request_id()
    for error in errors:
        if should_mask(error):
            log.error(
                "request %s: internal error at %s: %s",
                request_id,
                error.path,
                error.message,
                exc_info=error.original_error,
            )
        else:
            log.info("request %s: client error at %s: %s", request_id, error.path, error.message)


class ClientSafeErrors(SchemaExtension):
    """Masks internal errors (`log_errors` logged them) and adds `requestId` and `code` to each."""

    def on_operation(self):  # noqa: ANN201 - a generator hook
        yield
        result = self.execution_context.result
        if not result or not result.errors:
            return
        request_id = current_request_id()
        result.errors = [self._client_error(error, request_id) for error in result.errors]

    def _client_error(self, error: GraphQLError, request_id: str) -> GraphQLError:
        original = error.original_error
        if should_mask(error):
            message, code = MASKED_MESSAGE, "INTERNAL"
        else:
            message = error.message
            code = original.code if isinstance(original, UserError) else "BAD_REQUEST"
        return GraphQLError(
            message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={**(error.extensions or {}), "code": code, "requestId": request_id},
        )
