"""The API's Neo4j driver, tuned to fail fast: a request must not wait out a database outage.

Why not the driver defaults: a managed read retries transient errors for 30 s and a
connection attempt may take 30 s, so during an outage every reader hung ~31 s before an
error. The API bounds both (KG_READ_RETRY_SECONDS, KG_CONNECT_TIMEOUT_SECONDS) and answers
503 within a few seconds instead; the next request after recovery simply reconnects.
"""

from __future__ import annotations

import neo4j

from config.settings import Settings
from graph.driver import open_async_driver, open_driver


def _fail_fast(settings: Settings) -> dict[str, float]:
    """Driver options that bound connecting and retrying (see the module docstring)."""
    connect = settings.kg_connect_timeout_seconds
    return {
        "connection_timeout": connect,
        "connection_acquisition_timeout": connect + settings.kg_query_timeout_seconds,
        "max_transaction_retry_time": settings.kg_read_retry_seconds,
    }


def open_api_driver(settings: Settings) -> neo4j.Driver:
    """The API process's driver; opening it never touches the network (the API starts anyway)."""
    return open_driver(settings, verify=False, **_fail_fast(settings))


def open_api_async_driver(settings: Settings) -> neo4j.AsyncDriver:
    """The async driver of the compiled reads, with the same bounds."""
    return open_async_driver(settings, **_fail_fast(settings))
