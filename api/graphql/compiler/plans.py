"""Compiled plans kept per request text, for the fast path (fast.py) and the full path (run.py).

A plan is keyed by the query text, operation name and variables of the request that compiled
it: the same three compile to the same statements, so a repeated request needs no parsing,
validation or compiling (all of which it passed the first time).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Hashable
from contextvars import ContextVar
from typing import Any

from api.graphql.compiler.plan import CompiledOperation, ResolverField

#: Outcome of each statement of a plan (records, or the exception it raised), by response
#: key, for the full path to use instead of running the statements again.
handed_over: ContextVar[tuple[Hashable, dict[str, Any]] | None] = ContextVar(
    "kg_compiled_handed_over", default=None
)


def plan_key(query: str, operation_name: str | None, variables: Any) -> Hashable | None:
    """The cache key of a request: its text, operation and variables (None: not cacheable)."""
    try:
        encoded = json.dumps(variables or {}, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return None
    return (query, operation_name, encoded)


class CompiledPlans:
    """A bounded LRU of {request key: compiled operation answered without error}."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._plans: OrderedDict[Hashable, CompiledOperation] = OrderedDict()

    def get(self, key: Hashable) -> CompiledOperation | None:
        plan = self._plans.get(key)
        if plan is not None:
            self._plans.move_to_end(key)
        return plan

    def put(self, key: Hashable, plan: CompiledOperation) -> None:
        """Keep `plan` if every root field of it is compiled (resolver fields need strawberry)."""
        if any(isinstance(f, ResolverField) for f in plan.fields):
            return
        self._plans[key] = plan
        self._plans.move_to_end(key)
        while len(self._plans) > self.maxsize:
            self._plans.popitem(last=False)
