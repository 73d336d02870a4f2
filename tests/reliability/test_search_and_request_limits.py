"""Probes of issue 13: nothing a client sends to `search` or /graphql can exhaust Neo4j.

Before: a ~1 MB `search` string ran 30-164 s and drove Neo4j out of heap; 512 words or one
1,001-character word answered "Unexpected error."; the API accepted a 10 MB body.
"""

from __future__ import annotations

import time

import neo4j
import pytest
from reliability_http import post

from api.database import open_api_driver
from api.graphql.db_errors import client_error_for
from api.graphql.errors import RequestTooSlow
from api.graphql.search import MAX_SEARCH_CHARS, MAX_SEARCH_TERM_CHARS, MAX_SEARCH_TERMS

pytestmark = pytest.mark.reliability

SEARCH = "query($q: String!) { search(query: $q) { match node { name } } }"
DRUG = "CREATE (:Drug:Entity {id: 'drug:velq', name: 'Velqorimab', aliases: ['VQ-101']})"


def _user_error(response) -> str:  # noqa: ANN001
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["data"] is None
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST", error
    return error["message"]


def test_a_body_above_the_limit_is_refused_with_413_before_parsing(app_client, settings):
    huge = "lupus " * (settings.kg_max_request_bytes // 6 + 10)
    response = post(app_client, SEARCH, {"q": huge})
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/json"
    message = response.json()["errors"][0]["message"]
    assert "request body too large" in message and str(settings.kg_max_request_bytes) in message
    assert response.headers["x-request-id"]


def test_search_caps_answer_a_user_error_not_unexpected_error(app_client):
    too_long = _user_error(post(app_client, SEARCH, {"q": "a" * 900_000}))
    assert "too long" in too_long and str(MAX_SEARCH_CHARS) in too_long
    many_words = " ".join(["lupus"] * (MAX_SEARCH_TERMS + 1))
    assert "words" in _user_error(post(app_client, SEARCH, {"q": many_words}))
    long_word = "x" * (MAX_SEARCH_TERM_CHARS + 1)
    assert "-character word" in _user_error(post(app_client, SEARCH, {"q": long_word}))


def test_the_search_limits_still_find_real_names(app_client, driver):
    driver.execute_query(DRUG)
    exactly_at_caps = " ".join(["velqorimab"] * MAX_SEARCH_TERMS)
    assert len(exactly_at_caps) <= MAX_SEARCH_CHARS
    response = post(app_client, SEARCH, {"q": exactly_at_caps})
    assert "errors" not in response.json(), response.text
    hits = post(app_client, SEARCH, {"q": "velqorimab"}).json()["data"]["search"]
    assert hits[0] == {"match": "EXACT", "node": {"name": "Velqorimab"}}


@pytest.mark.parametrize(
    "text", ['velq* OR name:"x"', "(velqorimab", "VQ-101 && !x ~2 ^3", "a\\b/c[d]{e}?", "AND OR"]
)
def test_lucene_syntax_in_a_search_is_matched_literally(app_client, driver, text):
    driver.execute_query(DRUG)
    body = post(app_client, SEARCH, {"q": text}).json()
    assert "errors" not in body, body
    assert isinstance(body["data"]["search"], list)


def test_a_read_past_its_timeout_is_stopped_by_the_server_and_told_as_such(settings, driver):
    # The API's reads carry a transaction timeout; a read that outlives it is stopped by
    # Neo4j itself (not merely abandoned by the client) and the client reads why.
    slow = neo4j.Query("UNWIND range(1, 400000000) AS x RETURN count(x) AS n", timeout=0.5)
    with open_api_driver(settings) as api_driver:
        started = time.monotonic()
        with pytest.raises(neo4j.exceptions.Neo4jError) as raised:
            api_driver.execute_query(slow, database_=settings.neo4j_database)
        elapsed = time.monotonic() - started
    error = client_error_for(raised.value, 0.5)
    assert isinstance(error, RequestTooSlow)
    assert "longer than the server's limit of 0.5 s" in str(error)
    assert elapsed < 15  # the whole count takes minutes; the server stopped it


def test_a_request_past_its_time_budget_starts_no_further_read(settings, driver):
    from fastapi.testclient import TestClient

    from api.main import create_app

    spent = settings.model_copy(update={"kg_request_budget_seconds": 0.0})
    with TestClient(create_app(spent)) as client:
        body = post(client, SEARCH, {"q": "lupus"}).json()
    error = body["errors"][0]
    assert error["extensions"]["code"] == "TIMEOUT"
    assert "time budget" in error["message"]
    assert body["extensions"]["cypherRoundTrips"] == 0
