"""The API over HTTP on the seed documents, loaded through the real pipeline (`load_paths`).

The seeds are read from the shared corpus at test time (never copied into the repo) and
loaded once for this module; no test here depends on another's writes (the one that
writes, ingest/delete, removes what it added and checks the seeds are untouched).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_http import GraphQL, graphql_caller
from fastapi.testclient import TestClient

from api.main import create_app
from config.settings import Settings
from graph.driver import open_driver
from graph.schema import ensure_schema
from loaders.pipeline import load_paths

ANALYST_QUESTION = """
query {
  drugs(filter: {target: "CD20", disease: "NMOSD"}) {
    totalCount
    edges { node {
      name
      companies { node { name } }
      targets { action node { name } evidence { sentence document { title source } } }
      trials { node {
        phase
        investigators { node { name sites { node { name } } } }
        sites { node { name } }
      } }
    } }
  }
}
"""


@pytest.fixture(scope="module")
def seeded_settings(neo4j_server, seed_dir: Path) -> Iterator[Settings]:  # noqa: ANN001
    """Settings on the test server whose database holds exactly the seed documents."""
    settings = Settings(
        _env_file=None,
        neo4j_uri=neo4j_server.uri,
        neo4j_user=neo4j_server.user,
        neo4j_password=neo4j_server.password,
        kg_api_key="test-api-key",
    )
    with open_driver(settings) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
        ensure_schema(driver, settings.neo4j_database)
        seeds = sorted(str(path) for path in seed_dir.glob("*.txt"))
        summary = load_paths(driver, settings, seeds)
        assert summary.failed == 0, summary.failures
        assert summary.loaded == len(seeds) == 2
    yield settings


@pytest.fixture(scope="module")
def seeded(seeded_settings: Settings) -> Iterator[GraphQL]:
    with TestClient(create_app(seeded_settings)) as client:
        yield graphql_caller(client)


def test_analyst_question_anti_cd20_for_nmosd_with_company_trial_people_and_evidence(seeded):
    out = seeded(ANALYST_QUESTION)
    assert "errors" not in out, out
    drugs = out["data"]["drugs"]
    names = [e["node"]["name"] for e in drugs["edges"]]
    assert names == ["BAT4406F"]  # batoclimab (FcRn) is for NMOSD too, but not anti-CD20
    assert drugs["totalCount"] == 1
    drug = drugs["edges"][0]["node"]
    assert [c["node"]["name"] for c in drug["companies"]] == ["Bio-Thera Solutions"]
    (cd20,) = [t for t in drug["targets"] if t["node"]["name"] == "CD20"]
    (evidence,) = cd20["evidence"]
    assert "anti-CD20" in evidence["sentence"]
    assert evidence["document"]["source"].endswith("bat4406f-nmosd-trial-termination.txt")
    (trial,) = [t["node"] for t in drug["trials"]]
    assert trial["phase"] == "PHASE_2_3"
    (lead,) = trial["investigators"]
    assert lead["node"]["name"] == "Chen Xiangjun"
    assert "Huashan Hospital" in {s["node"]["name"] for s in lead["node"]["sites"]}


def test_search_nmosd_returns_the_disease_first(seeded):
    out = seeded('{ search(query: "nmosd") { match node { __typename name aliases } } }')
    assert "errors" not in out, out
    first = out["data"]["search"][0]
    assert first["node"]["__typename"] == "Disease"
    assert first["node"]["name"] == "neuromyelitis optica spectrum disorder"
    assert "NMOSD" in first["node"]["aliases"]
    assert first["match"] == "EXACT"


def test_path_from_chen_xiangjun_to_cd20(seeded):
    out = seeded(
        """{ path(from: "Chen Xiangjun", to: "CD20", maxHops: 4) {
          length nodes { __typename name }
          relationships { type start { name } end { name } evidence { sentence document { id } } }
        } }"""
    )
    assert "errors" not in out, out
    path = out["data"]["path"]
    assert path is not None
    assert path["nodes"][0]["name"] == "Chen Xiangjun"
    assert path["nodes"][-1] == {"__typename": "Target", "name": "CD20"}
    assert path["length"] == len(path["relationships"]) == len(path["nodes"]) - 1
    assert "BAT4406F" in {n["name"] for n in path["nodes"]}
    for rel in path["relationships"]:
        assert rel["evidence"], rel
        assert all(e["sentence"] and e["document"]["id"] for e in rel["evidence"])


OWN_DOCUMENT = (
    "Quillon Therapeutics Reports First Patient Dosed\n\n"
    "Quillon Therapeutics, Inc. today said that the first patient received velqorimab, "
    "an anti-CD38 monoclonal antibody, in its Phase 1 trial for the treatment of "
    "systemic sclerosis. Velqorimab was discovered by Quillon Therapeutics.\n"
)

INGEST = """mutation($text: String!) {
  ingestDocument(text: $text, source: "test://own-note", title: "Own note",
                 publishedAt: "2026-01-15") {
    status documentId error document { id title publishedAt mentions { node { name } } }
  }
}"""


def test_ingest_then_query_then_delete_with_the_key(seeded, seeded_settings):
    key = seeded_settings.kg_api_key
    refused = seeded(INGEST, {"text": OWN_DOCUMENT})
    assert "unauthorized" in refused["errors"][0]["message"]
    assert seeded('{ drug(name: "velqorimab") { id } }')["data"]["drug"] is None

    ingested = seeded(INGEST, {"text": OWN_DOCUMENT}, key=key)
    assert "errors" not in ingested, ingested
    result = ingested["data"]["ingestDocument"]
    assert result["status"] == "LOADED", result
    document = result["document"]
    assert document["title"] == "Own note" and document["publishedAt"] == "2026-01-15"
    assert "velqorimab" in {m["node"]["name"].lower() for m in document["mentions"]}
    drug = seeded('{ drug(name: "velqorimab") { name mentionedIn { node { id } } } }')["data"][
        "drug"
    ]
    assert drug["mentionedIn"] == [{"node": {"id": result["documentId"]}}]

    deleted = seeded(
        "mutation($id: String!) { deleteDocument(id: $id) { documentIds nodesDeleted } }",
        {"id": result["documentId"]},
        key=key,
    )
    assert "errors" not in deleted, deleted
    assert deleted["data"]["deleteDocument"]["documentIds"] == [result["documentId"]]
    assert deleted["data"]["deleteDocument"]["nodesDeleted"] >= 2
    assert seeded('{ drug(name: "velqorimab") { id } }')["data"]["drug"] is None
    gone = seeded("query($id: ID) { document(id: $id) { id } }", {"id": result["documentId"]})
    assert gone["data"]["document"] is None
    # The seeds are untouched.
    assert seeded('{ drug(name: "BAT4406F") { name } }')["data"]["drug"]["name"] == "BAT4406F"
