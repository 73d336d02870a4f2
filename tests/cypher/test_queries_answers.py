"""Every example query in queries/ gives the right answer on a small graph built here.

The graph is fictional and written for this test, shaped the way the loader writes: every
entity also labelled Entity, Documents with MENTIONS counts. Provenance is written in the
old list form (index-aligned docIds/evidence) and migrated to SUPPORTS records the way
`kg migrate` does, so these answers also check the migration. test_queries_on_seeds.py
runs the same files on loaded seed documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from config.settings import PROJECT_ROOT
from graph.migrate import migrate_provenance
from graph.schema import ensure_schema
from kg.cypher_runner import run_cypher

QUERIES = PROJECT_ROOT / "queries"
DATABASE = "neo4j"

MINI_GRAPH = """
CREATE (a:Document {id: 'doc:a', title: 'Orvella Bio starts ORV-12 trial', source: 'news/a.txt',
                    publishedAt: date('2025-03-01'), loadedAt: datetime('2025-03-02T10:00:00Z')})
CREATE (b:Document {id: 'doc:b', title: 'Tessaline Pharma reports TS-9 data', source: 'news/b.txt',
                    publishedAt: date('2024-06-01'), loadedAt: datetime('2024-06-02T10:00:00Z')})
CREATE (orv:Company:Entity {id: 'company:orvella bio', name: 'Orvella Bio',
                            aliases: ['Orvella Bio, Inc.', 'Orvella']})
CREATE (tes:Company:Entity {id: 'company:tessaline pharma', name: 'Tessaline Pharma', aliases: []})
CREATE (o12:Drug:Entity {id: 'drug:orv-12', name: 'ORV-12', aliases: ['ORV12'],
                         modality: 'monoclonal antibody'})
CREATE (ts9:Drug:Entity {id: 'drug:ts-9', name: 'TS-9', aliases: [], highestPhase: 'PHASE_1'})
CREATE (cd20:Target:Entity {id: 'target:cd20', name: 'CD20', symbol: 'MS4A1', aliases: ['MS4A1']})
CREATE (mg:Disease:Entity {id: 'disease:myasthenia gravis', name: 'myasthenia gravis',
                           aliases: ['MG']})
CREATE (omg:Disease:Entity {id: 'disease:ocular mg', name: 'ocular MG', aliases: []})
CREATE (omg)-[:SUBTYPE_OF {docIds: ['doc:b'], evidence: ['Ocular MG is a form of MG.']}]->(mg)
CREATE (t1:Trial:Entity {id: 'trial:orv-12 phase 2/3', name: 'ORV-12 Phase 2/3 trial',
                         phase: 'PHASE_2_3', status: 'ongoing'})
CREATE (t2:Trial:Entity {id: 'trial:ts-9 phase 1', name: 'TS-9 Phase 1 study', phase: 'PHASE_1'})
CREATE (rh:Site:Entity {id: 'site:riverside hospital', name: 'Riverside Hospital',
                        kind: 'hospital', city: 'Riverton', aliases: []})
CREATE (lu:Site:Entity {id: 'site:lakeshore university', name: 'Lakeshore University',
                        kind: 'university', aliases: []})
CREATE (mk:Investigator:Entity {id: 'investigator:mara keel', name: 'Mara Keel', title: 'Dr',
                                aliases: []})
CREATE (orv)-[:DEVELOPS {docIds: ['doc:a'], evidence: ['Orvella Bio develops ORV-12.']}]->(o12)
CREATE (tes)-[:DEVELOPS {docIds: ['doc:b'], evidence: ['Tessaline Pharma makes TS-9.']}]->(ts9)
CREATE (o12)-[:TARGETS {docIds: ['doc:a'], evidence: ['ORV-12 is an anti-CD20 antibody.'],
                        action: 'binder'}]->(cd20)
CREATE (ts9)-[:TARGETS {docIds: ['doc:b'], evidence: ['TS-9 blocks CD20.']}]->(cd20)
CREATE (o12)-[:INDICATED_FOR {docIds: ['doc:a', 'doc:b'],
                              evidence: ['ORV-12 is for MG.', 'ORV-12 also treats MG.']}]->(mg)
CREATE (ts9)-[:INDICATED_FOR {docIds: ['doc:b'], evidence: ['TS-9 is tested in ocular MG.']}]->(omg)
CREATE (t1)-[:EVALUATES {docIds: ['doc:a'], evidence: ['The trial tests ORV-12.']}]->(o12)
CREATE (t1)-[:STUDIES {docIds: ['doc:a'], evidence: ['The trial enrolls MG patients.']}]->(mg)
CREATE (t1)-[:SPONSORED_BY {docIds: ['doc:a'], evidence: ['Orvella Bio runs the trial.']}]->(orv)
CREATE (t2)-[:EVALUATES {docIds: ['doc:b'], evidence: ['The study tests TS-9.']}]->(ts9)
CREATE (t2)-[:CONDUCTED_AT {docIds: ['doc:b'], evidence: ['It runs at Riverside.']}]->(rh)
CREATE (mk)-[:LEADS {docIds: ['doc:a'], evidence: ['Dr Mara Keel leads the trial.']}]->(t1)
CREATE (mk)-[:AFFILIATED_WITH {docIds: ['doc:a'], evidence: ['Keel works at Riverside.']}]->(rh)
CREATE (rh)-[:PART_OF {docIds: ['doc:a'], evidence: ['Riverside belongs to Lakeshore.']}]->(lu)
CREATE (a)-[:MENTIONS {count: 3}]->(orv), (a)-[:MENTIONS {count: 5}]->(o12),
       (a)-[:MENTIONS {count: 2}]->(cd20), (a)-[:MENTIONS {count: 2}]->(mg),
       (a)-[:MENTIONS {count: 1}]->(t1), (a)-[:MENTIONS {count: 1}]->(mk),
       (a)-[:MENTIONS {count: 1}]->(rh), (a)-[:MENTIONS {count: 1}]->(lu)
CREATE (b)-[:MENTIONS {count: 2}]->(tes), (b)-[:MENTIONS {count: 4}]->(ts9),
       (b)-[:MENTIONS {count: 1}]->(cd20), (b)-[:MENTIONS {count: 3}]->(mg),
       (b)-[:MENTIONS {count: 1}]->(o12), (b)-[:MENTIONS {count: 1}]->(t2),
       (b)-[:MENTIONS {count: 1}]->(rh), (b)-[:MENTIONS {count: 1}]->(omg)
"""

Rows = list[dict[str, Any]]


def _by(rows: Rows, column: str) -> dict[Any, dict[str, Any]]:
    return {row[column]: row for row in rows}


def _pipeline(rows: Rows) -> None:
    assert [r["drug"] for r in rows] == ["ORV-12"]
    [row] = rows
    assert row["company"] == "Orvella Bio"
    assert row["targets"] == ["CD20"] and row["diseases"] == ["myasthenia gravis"]
    assert row["highestPhase"] == "PHASE_2_3"  # from its trial; the drug has no highestPhase


def _drugs_by_target(rows: Rows) -> None:
    drugs = _by(rows, "drug")
    assert set(drugs) == {"ORV-12", "TS-9"}
    assert drugs["ORV-12"]["companies"] == ["Orvella Bio"]
    assert drugs["ORV-12"]["action"] == "binder"
    assert drugs["TS-9"]["companies"] == ["Tessaline Pharma"]


def _drugs_for_disease(rows: Rows) -> None:
    drugs = _by(rows, "drug")
    assert set(drugs) == {"ORV-12", "TS-9"}  # TS-9 through its indication, a subtype of MG
    assert drugs["TS-9"]["companies"] == ["Tessaline Pharma"]
    assert drugs["ORV-12"]["targets"] == ["CD20"]


def _trials_at_site(rows: Rows) -> None:
    trials = _by(rows, "trial")
    assert set(trials) == {"ORV-12 Phase 2/3 trial", "TS-9 Phase 1 study"}
    assert trials["ORV-12 Phase 2/3 trial"]["link"] == ["led from Riverside Hospital"]
    assert trials["ORV-12 Phase 2/3 trial"]["investigators"] == ["Mara Keel"]
    assert trials["TS-9 Phase 1 study"]["link"] == ["conducted at Riverside Hospital"]
    assert trials["TS-9 Phase 1 study"]["drugs"] == ["TS-9"]


def _investigators(rows: Rows) -> None:
    assert [r["investigator"] for r in rows] == ["Mara Keel"]
    assert rows[0]["sites"] == ["Riverside Hospital"] and rows[0]["drugs"] == ["ORV-12"]


def _evidence(rows: Rows) -> None:
    assert [(r["relationship"], r["evidence"], r["document"]) for r in rows] == [
        ("INDICATED_FOR", "ORV-12 also treats MG.", "Tessaline Pharma reports TS-9 data"),
        ("INDICATED_FOR", "ORV-12 is for MG.", "Orvella Bio starts ORV-12 trial"),
    ]


def _co_mentioned(rows: Rows) -> None:
    ranked = [(r["coMentioned"], r["sharedDocuments"], r["mentions"]) for r in rows]
    assert ranked[:2] == [("ORV-12", 2, 6), ("myasthenia gravis", 2, 5)]
    assert _by(rows, "coMentioned")["Tessaline Pharma"]["sharedDocuments"] == 1
    assert "CD20" not in _by(rows, "coMentioned")


def _changed_since(rows: Rows) -> None:
    assert [r["document"] for r in rows] == ["Orvella Bio starts ORV-12 trial"]
    assert "ORV-12 TARGETS CD20" in rows[0]["facts"]
    assert "TS-9 TARGETS CD20" not in rows[0]["facts"]


def _nothing(rows: Rows) -> None:
    assert rows == []


def _sites(rows: Rows) -> None:
    sites = _by(rows, "site")
    assert sites["Riverside Hospital"]["partOf"] == ["Lakeshore University"]
    assert (
        sites["Riverside Hospital"]["trials"],
        sites["Riverside Hospital"]["investigators"],
    ) == (
        1,
        1,
    )
    assert sites["Lakeshore University"]["partOf"] == []


def _sharing(rows: Rows) -> None:
    assert [(r["target"], r["companyCount"]) for r in rows] == [("CD20", 2)]
    assert rows[0]["companies"] == [
        {"company": "Orvella Bio", "drugs": ["ORV-12"]},
        {"company": "Tessaline Pharma", "drugs": ["TS-9"]},
    ]


def _by_phase(rows: Rows) -> None:
    assert [(r["phase"], r["trialCount"]) for r in rows] == [("PHASE_1", 1), ("PHASE_2_3", 1)]
    assert rows[1]["trials"][0]["drugs"] == ["ORV-12"]


def _search(rows: Rows) -> None:
    assert rows[0]["name"] == "myasthenia gravis" and rows[0]["label"] == "Disease"


def _search_alias(rows: Rows) -> None:
    assert rows[0]["name"] == "ORV-12" and rows[0]["label"] == "Drug"


def _path(rows: Rows) -> None:
    [row] = rows
    assert row["hops"] == 3
    assert row["names"][0] == "Mara Keel" and row["names"][-1] == "CD20"
    assert row["steps"][0] == "Mara Keel -LEADS-> ORV-12 Phase 2/3 trial"


def _most_mentioned(rows: Rows) -> None:
    assert [(r["name"], r["documents"], r["mentions"]) for r in rows] == [
        ("ORV-12", 2, 6),
        ("myasthenia gravis", 2, 5),
        ("CD20", 2, 3),
    ]


def _documents(rows: Rows) -> None:
    assert [(r["document"], r["mentions"]) for r in rows] == [
        ("Tessaline Pharma reports TS-9 data", 3),
        ("Orvella Bio starts ORV-12 trial", 2),
    ]


CASES: list[tuple[str, dict[str, Any], Callable[[Rows], None]]] = [
    ("company_pipeline", {"company": "orvella"}, _pipeline),
    ("drugs_by_target", {"target": "ms4a1"}, _drugs_by_target),
    ("drugs_for_disease", {"disease": "MG"}, _drugs_for_disease),
    ("trials_at_site", {"site": "Lakeshore University"}, _trials_at_site),
    ("investigators_of_disease", {"disease": "myasthenia gravis"}, _investigators),
    ("fact_evidence", {"fromName": "ORV12", "toName": "MG"}, _evidence),
    ("co_mentioned_entities", {"name": "CD20", "limit": 20}, _co_mentioned),
    ("changed_since", {"since": "2025-01-01"}, _changed_since),
    ("changed_since", {"since": "2030-01-01"}, _nothing),
    ("sites_and_parents", {}, _sites),
    ("companies_sharing_target", {"minCompanies": 2}, _sharing),
    ("companies_sharing_target", {"minCompanies": 3}, _nothing),
    ("trials_by_phase", {}, _by_phase),
    ("search_entities", {"text": "myasthenia", "limit": 5}, _search),
    ("search_entities", {"text": "orv12", "limit": 5}, _search_alias),
    ("connection_path", {"fromName": "Mara Keel", "toName": "CD20"}, _path),
    ("most_mentioned_entities", {"limit": 3}, _most_mentioned),
    ("documents_mentioning", {"name": "mg"}, _documents),
]


def test_every_query_file_has_a_case() -> None:
    assert {path.stem for path in QUERIES.glob("*.cypher")} == {name for name, _, _ in CASES}


@pytest.fixture(scope="module")
def mini_graph(module_driver: neo4j.Driver) -> Iterator[neo4j.Driver]:
    """The graph above in an otherwise empty database, built once: the queries only read."""
    ensure_schema(module_driver, DATABASE)
    module_driver.execute_query(MINI_GRAPH, database_=DATABASE)
    migrate_provenance(module_driver, DATABASE)
    module_driver.execute_query("CALL db.awaitIndexes(60)", database_=DATABASE)
    yield module_driver


@pytest.mark.parametrize(
    ("name", "params", "check"), CASES, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(CASES)]
)
def test_query_answers(
    mini_graph: neo4j.Driver,
    name: str,
    params: dict[str, Any],
    check: Callable[[Rows], None],
) -> None:
    query = Path(QUERIES / f"{name}.cypher").read_text(encoding="utf-8")
    result = run_cypher(mini_graph, query, params, database=DATABASE)
    check(result.records())
