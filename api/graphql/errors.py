"""Which errors a client may read: its own mistakes yes, our internals never.

Why: a response must never carry a stack trace, a Cypher text or a driver message, but
"page size too large", "unauthorized" or "query too deep" must stay readable so the
client can fix its request.
"""

from __future__ import annotations

from graphql import GraphQLError


class UserError(Exception):
    """An error caused by the request; its message is shown to the client as is."""


def should_mask(error: GraphQLError) -> bool:
    """Mask every error raised by our code except `UserError`.

    Errors without an original exception come from parsing and validation (syntax,
    unknown field, depth/alias/token limits): those describe the request and stay.
    """
    original = error.original_error
    if original is None:
        return False
    return not isinstance(original, UserError)
