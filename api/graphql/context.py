"""Per-request context: one read layer (with its round-trip counter) and its dataloaders.

Why per request: dataloaders batch every `load(id)` of one resolver tick into a single
`UNWIND $ids` query and cache within the request only, so a nested query costs one round
trip per field level whatever the number of rows, and no data leaks between requests.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from neo4j import AsyncDriver, Driver
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from api.graphql.db_errors import client_error_for
from api.graphql.errors import DatabaseUnavailable, RequestTooSlow
from config.settings import Settings
from graph.reads import BY_NAME, GraphReader, Row

#: HTTP status of a response whose request found the database unavailable.
SERVICE_UNAVAILABLE = 503


class GraphContext(BaseContext):
    """What every resolver gets as `info.context`."""

    def __init__(
        self,
        driver: Driver,
        settings: Settings,
        authorization: str | None,
        async_driver: AsyncDriver | None = None,
    ) -> None:
        super().__init__()
        self.driver = driver
        #: For compiled statements (api/graphql/compiler); None: they run on `driver` in a thread.
        self.async_driver = async_driver
        self.settings = settings
        self.authorization = authorization
        self.reader = GraphReader(
            driver, settings.neo4j_database, settings.kg_query_timeout_seconds
        )
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}
        self._deadline = time.monotonic() + settings.kg_request_budget_seconds

    async def read(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a blocking read of `self.reader` off the event loop, within the request's budget.

        Each read is bounded by its transaction timeout and the driver's bounded retry time;
        the request as a whole by KG_REQUEST_BUDGET_SECONDS: once spent, no further read
        starts. Driver failures become client errors (503 when the database is down).
        """
        if time.monotonic() > self._deadline:
            budget = self.settings.kg_request_budget_seconds
            raise RequestTooSlow(
                f"the request used up its time budget of {budget:g} s; "
                "ask for less (smaller pages, fewer nested fields)"
            )
        return await self.write(fn, *args)

    async def write(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a blocking database call off the event loop; driver failures become client errors."""
        try:
            return await asyncio.to_thread(fn, *args)
        except Exception as error:
            client_error = self.as_client_error(error)
            if client_error is None:
                raise
            raise client_error from error

    def as_client_error(self, error: Exception) -> Exception | None:
        """The client's version of a driver failure (None: not a driver failure, so masked).

        A database outage also marks the response 503. The compiled path uses it too.
        """
        client_error = client_error_for(error, self.settings.kg_query_timeout_seconds)
        if isinstance(client_error, DatabaseUnavailable):
            self.mark_unavailable()
        return client_error

    def mark_unavailable(self) -> None:
        """Answer this request with HTTP 503: the database, not the request, is at fault."""
        response = getattr(self, "response", None)
        if response is not None:
            response.status_code = SERVICE_UNAVAILABLE

    def _loader(
        self, key: Hashable, batch: Callable[[list[str]], Awaitable[list[Any]]]
    ) -> DataLoader[str, Any]:
        loader = self._loaders.get(key)
        if loader is None:
            loader = DataLoader(load_fn=batch)
            self._loaders[key] = loader
        return loader

    def nodes(self, label: str) -> DataLoader[str, Row | None]:
        """Loader of `label` nodes by id (None for a missing id)."""

        async def batch(ids: list[str]) -> list[Row | None]:
            found = await self.read(self.reader.nodes_by_ids, label, ids)
            return [found.get(i) for i in ids]

        return self._loader(("nodes", label), batch)

    def neighbours(
        self,
        label: str,
        rel_type: str,
        direction: str,
        limit: int,
        order: str = BY_NAME,
        properties: tuple[str, ...] | None = None,
    ) -> DataLoader[str, list[Row]]:
        """Loader of the related rows of `label` nodes by id, one query per batch; each row's
        node carries only `properties` (None: all), ordered by `order`."""

        async def batch(ids: list[str]) -> list[list[Row]]:
            found = await self.read(
                self.reader.neighbours, label, rel_type, direction, ids, limit, order, properties
            )
            return [found.get(i, []) for i in ids]

        key = ("neighbours", label, rel_type, direction, limit, order, properties)
        return self._loader(key, batch)
