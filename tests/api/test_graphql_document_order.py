"""An entity's documents, newest first: `mentionedIn(orderBy: NEWEST)` on both API paths.

Why: the explorer's timeline shows an entity's newest documents and its landscape the newest
mention of each drug; both ask the API to order and cut, instead of fetching every document
of a hub and sorting in the browser. Titles here run against the dates on purpose, so the
two orders differ, and one document has no date (it comes last).
"""

from __future__ import annotations

import pytest
from api_http import graphql_caller
from fastapi.testclient import TestClient

from api.main import create_app
from graph.reads import GraphReader

#: (id, title, date or None): by title D, A, C, B, U would be A, B, C, D, U.
DOCUMENTS = [
    ("doc:a", "A first title", "2021-01-05"),
    ("doc:b", "B second title", "2024-03-01"),
    ("doc:c", "C third title", "2022-07-09"),
    ("doc:d", "D fourth title", "2024-03-01"),  # same day as doc:b: the id breaks the tie
    ("doc:u", "U undated", None),
]
NEWEST_FIRST = ["doc:b", "doc:d", "doc:c", "doc:a", "doc:u"]
BY_TITLE = ["doc:a", "doc:b", "doc:c", "doc:d", "doc:u"]

QUERY = """query($id: ID!) { drug(id: $id) {
  name
  newest: mentionedIn(orderBy: NEWEST) { count node { id publishedAt } }
  latest: mentionedIn(first: 1, orderBy: NEWEST) { node { publishedAt } }
  byTitle: mentionedIn(first: 4) { node { id } }
  explicitTitle: mentionedIn(orderBy: TITLE) { node { id } }
  text: mentionedIn(first: 1, orderBy: NEWEST) { node { text } }
} }"""


def _write(driver, database: str) -> None:  # noqa: ANN001
    driver.execute_query(
        "MERGE (drug:Drug:Entity {id: 'drug:ordered'}) SET drug.name = 'Ordermab', "
        "drug.aliases = [] "
        "WITH drug UNWIND $docs AS doc "
        "MERGE (d:Document {id: doc.id}) SET d.title = doc.title, d.source = doc.id, "
        "d.text = 'Ordermab is named in ' + doc.title + '.', "
        "d.publishedAt = CASE WHEN doc.day IS NULL THEN null ELSE date(doc.day) END "
        "MERGE (d)-[m:MENTIONS]->(drug) SET m.count = 1",
        {"docs": [{"id": i, "title": t, "day": day} for i, t, day in DOCUMENTS]},
        database_=database,
    )


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "resolvers"])
def test_mentioned_in_newest_first_cut_inside_the_query(driver, settings, compiled: bool):
    _write(driver, settings.neo4j_database)
    path = settings.model_copy(update={"kg_graphql_compiled": compiled})
    with TestClient(create_app(path)) as client:
        out = graphql_caller(client)(QUERY, {"id": "drug:ordered"})
    assert "errors" not in out, out
    drug = out["data"]["drug"]
    assert [e["node"]["id"] for e in drug["newest"]] == NEWEST_FIRST
    assert drug["newest"][0] == {"count": 1, "node": {"id": "doc:b", "publishedAt": "2024-03-01"}}
    assert drug["newest"][-1]["node"]["publishedAt"] is None
    assert drug["latest"] == [{"node": {"publishedAt": "2024-03-01"}}]
    # The default stays by title then id, as every relationship field.
    assert [e["node"]["id"] for e in drug["byTitle"]] == BY_TITLE[:4]
    assert [e["node"]["id"] for e in drug["explicitTitle"]] == BY_TITLE
    assert drug["text"] == [{"node": {"text": "Ordermab is named in B second title."}}]


def test_neighbour_rows_carry_only_the_properties_asked_for(driver, settings):
    """A hub's documents are not read whole (text included) to show their titles."""
    _write(driver, settings.neo4j_database)
    reader = GraphReader(driver, settings.neo4j_database, 30)
    rows = reader.neighbours(
        "Drug", "MENTIONS", "in", ["drug:ordered"], 2, "NEWEST", ("title", "publishedAt")
    )["drug:ordered"]
    assert [row["props"]["id"] for row in rows] == NEWEST_FIRST[:2]
    assert all(set(row["props"]) == {"id", "title", "publishedAt"} for row in rows)
    everything = reader.neighbours("Drug", "MENTIONS", "in", ["drug:ordered"], 1, "NEWEST")
    assert everything["drug:ordered"][0]["props"]["text"].startswith("Ordermab is named")
    with pytest.raises(ValueError, match="not properties of the model"):
        reader.neighbours("Drug", "MENTIONS", "in", ["drug:ordered"], 1, "NEWEST", ("x}) //",))
