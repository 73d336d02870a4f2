"""A fact's evidence over GraphQL: read only when asked, newest first, paged with cursors."""

from __future__ import annotations

from graph.schema import ensure_schema
from graph.writer import write_extraction

COMPANY = {"id": "company:zentra", "type": "Company", "name": "Zentra Biologics"}
DRUG = {"id": "drug:zx-101", "type": "Drug", "name": "ZX-101", "aliases": ["ZX101"]}


def _story(day: str) -> dict:
    sentence = f"On {day}, Zentra Biologics said it develops ZX-101."
    return {
        "document": {"id": f"doc-{day}", "source": f"news/{day}.txt", "publishedAt": day},
        "entities": [dict(COMPANY), dict(DRUG)],
        "relations": [
            {
                "type": "DEVELOPS",
                "from": {"type": "Company", "id": COMPANY["id"]},
                "to": {"type": "Drug", "id": DRUG["id"]},
                "evidence": {"sentence": sentence, "rule": f"rule-{day[-2:]}"},
            }
        ],
    }


QUERY = """
query($first: Int, $after: String) {
  drug(name: "zx101") {
    companies { supportCount firstSeen lastSeen node { name }
      evidence(first: $first, after: $after) { documentId publishedAt rule cursor sentence } }
  }
}
"""


def test_evidence_comes_newest_first_in_pages(gql, driver, settings):
    ensure_schema(driver, settings.neo4j_database)
    days = ["2024-01-05", "2025-06-01", "2023-11-30"]
    for day in days:
        write_extraction(driver, settings.neo4j_database, _story(day))

    first = gql(QUERY, {"first": 2})
    assert "errors" not in first, first
    (edge,) = first["data"]["drug"]["companies"]
    assert edge["node"]["name"] == "Zentra Biologics"
    assert (edge["supportCount"], edge["firstSeen"], edge["lastSeen"]) == (
        3,
        "2023-11-30",
        "2025-06-01",
    )
    page = edge["evidence"]
    assert [e["publishedAt"] for e in page] == ["2025-06-01", "2024-01-05"]
    assert page[0]["rule"] == "rule-01" and "2025-06-01" in page[0]["sentence"]

    rest = gql(QUERY, {"first": 2, "after": page[-1]["cursor"]})
    assert [e["documentId"] for e in rest["data"]["drug"]["companies"][0]["evidence"]] == [
        "doc-2023-11-30"
    ]

    everything = gql('{ drug(name: "ZX-101") { companies { evidence { documentId } } } }')
    assert len(everything["data"]["drug"]["companies"][0]["evidence"]) == 3

    bad = gql(QUERY, {"first": 2, "after": "not-a-cursor"})
    assert "invalid cursor" in bad["errors"][0]["message"]
