"""The API's Neo4j driver, tuned to fail fast: a request must not wait out a database outage.

Why not the driver defaults: a managed read retries transient errors for 30 s and a
connection attempt may take 30 s, so during an outage every reader hung ~31 s before an
error. The API bounds both (KG_READ_RETRY_SECONDS, KG_CONNECT_TIMEOUT_SECONDS) and answers
503 within a few seconds instead; the next request after recovery simply reconnects.
"""

from __future__ import annotations

import neo4j

from config.settings import Settings
from graph.driver import open_driver


def open_api_driver(settings: Settings) -> neo4j.Driver:
    """The API process's driver; opening it never touches the network (the API starts anyway)."""
    connect = settings.kg_connect_timeout_seconds
    return open_driver(
        settings,
        verify=False,
        connection_timeout=connect,
        connection_acquisition_timeout=connect + settings.kg_query_timeout_seconds,
        max_transaction_retry_time=settings.kg_read_retry_seconds,
    )
