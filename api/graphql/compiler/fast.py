"""Answer a repeated compiled query without strawberry: statements, shaper, JSON, done.

Why: once a query text with its variables has been parsed, validated (limits included)
and compiled, and answered without an error, every later request with the same text and
variables would pass the same checks and compile to the same statements. On the compiled
path the rest of a request was mostly framework: FastAPI's routing and dependencies,
strawberry's request parsing, extension hooks, execution context and result processing,
per request several times the cost of compiling and shaping. `FastCompiledPath` sits in
front of the router: a POST to /graphql whose (query, operationName, variables) is in
`CompiledPlans` runs the plan's statements on the async driver and writes the response,
the same JSON the full path writes (`extensions` included). Anything else, and any plan
whose statement fails, goes through the full path; a failed statement is not run twice:
its outcome is handed to the full path (`handed_over`), which reports it as it always
does (masking, request id, HTTP 503 when the database is down).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Hashable

from starlette.types import ASGIApp, Receive, Scope, Send

from api.graphql.compiler.plan import CompiledOperation
from api.graphql.compiler.plans import CompiledPlans, handed_over, plan_key
from api.graphql.compiler.run import fetch
from api.http.body_limit import replaying


class FastCompiledPath:
    """ASGI middleware: answers POST `path` requests whose plan is cached (see module doc)."""

    def __init__(self, app: ASGIApp, plans: CompiledPlans, path: str = "/graphql") -> None:
        self.app = app
        self.plans = plans
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or scope["path"].rstrip("/") != self.path
            or not _json_content(scope)
        ):
            await self.app(scope, receive, send)
            return
        body, receive = await _read_body(receive)
        if body is None:  # the client went away
            return
        key, plan = self._lookup(body)
        app_state = getattr(scope.get("app"), "state", None)
        driver = getattr(app_state, "async_driver", None)
        settings = getattr(app_state, "settings", None)
        if plan is None or driver is None or settings is None:
            await self.app(scope, receive, send)
            return
        outcomes = await asyncio.gather(
            *(
                fetch(driver, settings.neo4j_database, settings.kg_query_timeout_seconds, f)
                for f in plan.compiled
            ),
            return_exceptions=True,
        )
        by_key = {f.response_key: o for f, o in zip(plan.compiled, outcomes, strict=True)}
        try:
            if any(isinstance(o, BaseException) for o in outcomes):
                raise LookupError("a statement failed")
            data = {f.response_key: f.finish(by_key[f.response_key]) for f in plan.compiled}
        except Exception:  # noqa: BLE001 - reported by the full path, not here
            token = handed_over.set((key, by_key))
            try:
                await self.app(scope, receive, send)
            finally:
                handed_over.reset(token)
            return
        statements = sum(1 for f in plan.compiled if f.cypher is not None)
        response = {
            "data": data,
            # as the full path's extensions report them (limits.CypherRoundTrips, run.py)
            "extensions": {"cypherRoundTrips": statements, "cypherStatements": statements},
        }
        payload = json.dumps(response, separators=(",", ":")).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-length", str(len(payload)).encode()),
                    (b"content-type", b"application/json"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})

    def _lookup(self, body: bytes) -> tuple[Hashable | None, CompiledOperation | None]:
        try:
            request = json.loads(body)
        except ValueError:
            return None, None
        if not isinstance(request, dict) or not isinstance(request.get("query"), str):
            return None, None
        operation_name = request.get("operationName")
        if operation_name is not None and not isinstance(operation_name, str):
            return None, None
        key = plan_key(request["query"], operation_name, request.get("variables"))
        return key, (self.plans.get(key) if key is not None else None)


def _json_content(scope: Scope) -> bool:
    for name, value in scope.get("headers") or ():
        if name == b"content-type":
            return value.split(b";", 1)[0].strip().lower() == b"application/json"
    return False


async def _read_body(receive: Receive) -> tuple[bytes | None, Receive]:
    """The whole body (the body limit in front has bounded it) and a receive that replays it."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None, receive
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    return body, replaying(body, receive)
