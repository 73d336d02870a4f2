"""Turn Neo4j driver failures into errors written for the client.

Why a separate step: the driver's messages name hosts, ports, indexes and element ids; the
client only needs to know whether to retry later (the database is unavailable: HTTP 503),
to ask for less (a read ran out of time), or to fix its input (text that is not Unicode).
"""

from __future__ import annotations

from neo4j import exceptions as neo4j_errors

from api.graphql.errors import DatabaseUnavailable, RequestTooSlow, UserError

_UNAVAILABLE = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.ConnectionPoolError,
    neo4j_errors.DatabaseUnavailable,
)
_TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)


def client_error_for(error: BaseException, timeout_seconds: float) -> UserError | None:
    """The client's view of a driver failure, or None when it is our bug (to be masked)."""
    if isinstance(error, _UNAVAILABLE):
        return DatabaseUnavailable()
    if isinstance(error, neo4j_errors.Neo4jError) and error.code in _TIMEOUT_CODES:
        return RequestTooSlow(
            f"the query took longer than the server's limit of {timeout_seconds:g} s; "
            "ask for less (smaller `first`, fewer nested fields, a more specific search)"
        )
    if isinstance(error, UnicodeEncodeError):
        return UserError(
            "the request contains text that is not valid Unicode (a lone surrogate "
            f"character at position {error.start}); send well-formed UTF-8 text"
        )
    return None
