"""The driver layer against a real, authenticated Neo4j."""

from __future__ import annotations

import pytest

from graph.driver import Neo4jConnectionError, open_driver


def test_node_written_with_authentication_is_read_back(settings, driver):
    with open_driver(settings) as writer:
        writer.execute_query(
            "CREATE (:Probe {name: $name, score: $score})", name="written", score=7
        )
    records = driver.execute_query(
        "MATCH (p:Probe) RETURN p.name AS name, p.score AS score"
    ).records
    assert [(r["name"], r["score"]) for r in records] == [("written", 7)]


def test_each_test_starts_with_an_empty_database(driver):
    count = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    assert count == 0


def test_wrong_password_gives_an_authentication_error_naming_user_and_uri(settings):
    wrong = settings.model_copy(update={"neo4j_password": "not-the-password"})
    with pytest.raises(Neo4jConnectionError) as caught:
        open_driver(wrong)
    message = str(caught.value)
    assert "authentication failed" in message
    assert repr(settings.neo4j_user) in message and settings.neo4j_uri in message
