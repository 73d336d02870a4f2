"""The server the project starts keeps its transaction logs bounded."""

from __future__ import annotations

import neo4j

from graph.local_server import TX_LOG_RETENTION


def test_the_local_server_bounds_its_transaction_logs(driver: neo4j.Driver):
    settings = {
        r["name"]: r["value"]
        for r in driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name STARTS WITH 'db.tx_log.rotation' "
            "OR name STARTS WITH 'db.checkpoint.interval' RETURN name, value"
        ).records
    }
    assert settings["db.tx_log.rotation.retention_policy"] == TX_LOG_RETENTION
