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


def _notifications(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "notification" in r.getMessage().lower()]


def test_the_projects_queries_do_not_flood_the_log_about_properties_a_graph_lacks(settings, caplog):
    # A model property no node has yet (a young graph): Neo4j would warn on every run.
    query = "MATCH (n:Trial) RETURN n.propertyNoNodeHasYet AS x"
    with caplog.at_level("WARNING", logger="neo4j"):
        with open_driver(settings) as quiet:
            quiet.execute_query(query)
        assert _notifications(caplog) == []
        # a caller who wants them (kg cypher, for an analyst's typos) still gets them
        with open_driver(settings, notifications_disabled_classifications=None) as loud:
            loud.execute_query(query)
    assert any("propertyNoNodeHasYet" in m for m in _notifications(caplog))
