"""Per-request context: one read layer (with its round-trip counter) and its dataloaders.

Why per request: dataloaders batch every `load(id)` of one resolver tick into a single
`UNWIND $ids` query and cache within the request only, so a nested query costs one round
trip per field level whatever the number of rows, and no data leaks between requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from neo4j import AsyncDriver, Driver
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from config.settings import Settings
from graph.reads import GraphReader, Row


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

    async def read(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a blocking read of `self.reader` off the event loop."""
        return await asyncio.to_thread(fn, *args)

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
        self, label: str, rel_type: str, direction: str, limit: int
    ) -> DataLoader[str, list[Row]]:
        """Loader of the related rows of `label` nodes by id, one query per batch."""

        async def batch(ids: list[str]) -> list[list[Row]]:
            found = await self.read(self.reader.neighbours, label, rel_type, direction, ids, limit)
            return [found.get(i, []) for i in ids]

        return self._loader(("neighbours", label, rel_type, direction, limit), batch)
