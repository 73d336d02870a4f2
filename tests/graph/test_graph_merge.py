"""Merging nodes that name one thing: facts, evidence and mentions follow, none counted twice."""

from __future__ import annotations

import neo4j
import pytest
from graph_checks import duplicates, snapshot, support
from graph_factories import CD19, ZENTRA, ZX101, doc_a, entity, extraction, relation

from graph.documents import delete_document
from graph.merge import merge_groups, merge_nodes, preferred_id
from graph.schema import ensure_schema
from graph.writer import write_extraction

DB = "neo4j"

ZENTRA_BIO = entity("Company", "Zentra Bio")
ZENTRAMAB = entity("Drug", "zentramab")
SITE_A = entity("Site", "Northfield University")
SITE_B = entity("Site", "Northfield Univ. Hospital")


@pytest.fixture
def graph(driver: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(driver, DB)
    return driver


def doc_c() -> dict:
    """Names the company "Zentra Bio" and the drug by its INN; restates A's facts."""
    return extraction(
        "news/c.txt",
        "Story C: Zentra Bio's zentramab, an anti-CD19 antibody.",
        [ZENTRA_BIO, ZENTRAMAB, CD19],
        [
            relation("DEVELOPS", ZENTRA_BIO, ZENTRAMAB, "Zentra Bio develops zentramab."),
            relation("TARGETS", ZENTRAMAB, CD19, "Zentramab binds CD19.", action="binder"),
        ],
        published_at="2025-06-01",
    )


def doc_both_names() -> dict:
    """One document that states the same fact under both company names."""
    return extraction(
        "news/d.txt",
        "Story D: Zentra Biologics (Zentra Bio) and ZX-101.",
        [ZENTRA, ZENTRA_BIO, ZX101],
        [
            relation("DEVELOPS", ZENTRA, ZX101, "Zentra Biologics owns ZX-101."),
            relation("DEVELOPS", ZENTRA_BIO, ZX101, "Zentra Bio develops ZX-101."),
        ],
        published_at="2025-02-01",
    )


def merge(driver: neo4j.Driver, label: str, ids: list[str]) -> str:
    with driver.session(database=DB) as session:
        return session.execute_write(merge_nodes, label, ids).kept


def entities(driver: neo4j.Driver) -> list[tuple]:
    records = driver.execute_query(
        "MATCH (n:Entity) RETURN n.id, n.name, n.aliases, n.keys ORDER BY n.id"
    ).records
    return [(i, name, sorted(aliases or []), sorted(keys)) for i, name, aliases, keys in records]


def facts(driver: neo4j.Driver) -> list[tuple]:
    return [
        tuple(r)
        for r in driver.execute_query(
            "MATCH (a)-[r]->(b) WHERE r.supportCount IS NOT NULL "
            "RETURN type(r), a.id, b.id, r.supportCount, r.firstSeen, r.lastSeen, r.action "
            "ORDER BY type(r), a.id, b.id"
        ).records
    ]


def test_two_names_of_one_company_and_drug_become_one_node_with_all_their_evidence(graph):
    a, c = doc_a(), doc_c()
    write_extraction(graph, DB, a)
    write_extraction(graph, DB, c)

    company = merge(graph, "Company", [ZENTRA["id"], ZENTRA_BIO["id"]])
    drug = merge(graph, "Drug", [ZX101["id"], ZENTRAMAB["id"]])

    assert company == "company:zentra-bio"  # the shorter id
    assert drug == "drug:zx-101"
    names = graph.execute_query(
        "MATCH (n:Company) RETURN n.name AS name, n.aliases AS aliases"
    ).records
    # The writer's rule: the longest name a document gave (not an alias) is displayed.
    assert [(r["name"], sorted(r["aliases"])) for r in names] == [
        ("Zentra Biologics", ["Zentra Bio", "Zentra Biologics, Inc."])
    ]
    develops = support(graph, "DEVELOPS", company, drug)
    assert develops["count"] == 2
    assert [doc for doc, _ in develops["evidence"]] == [c["document"]["id"], a["document"]["id"]]
    assert str(develops["first"]) == "2025-03-04" and str(develops["last"]) == "2025-06-01"
    # TARGETS existed under both drug ids: one fact, the first action kept, both documents behind it
    targets = support(graph, "TARGETS", drug, CD19["id"])
    assert targets["count"] == 2
    assert facts(graph)[-1][-1] == "antagonist"
    # a name lookup through the absorbed names finds the kept node
    found = graph.execute_query(
        "MATCH (:NameKey {key: 'zentramab'})-[:NAMES]->(n) RETURN n.id"
    ).records
    assert [r[0] for r in found] == [drug]
    mentions = graph.execute_query(
        "MATCH (d:Document)-[m:MENTIONS]->(:Drug) RETURN d.source, m.count ORDER BY d.source"
    ).records
    assert [tuple(r) for r in mentions] == [("news/a.txt", 1), ("news/c.txt", 1)]
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}


def test_a_document_naming_both_supports_the_merged_fact_once(graph):
    d = doc_both_names()
    write_extraction(graph, DB, d)
    kept = merge(graph, "Company", [ZENTRA["id"], ZENTRA_BIO["id"]])

    develops = support(graph, "DEVELOPS", kept, ZX101["id"])
    assert develops["count"] == 1 and len(develops["evidence"]) == 1
    count = graph.execute_query("MATCH (:Document)-[m:MENTIONS]->(:Company) RETURN m.count")
    assert [r[0] for r in count.records] == [2]  # both names' mentions, added up
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}


def test_deleting_documents_after_a_merge_removes_exactly_what_only_they_supported(graph):
    a, c = doc_a(), doc_c()
    write_extraction(graph, DB, a)
    write_extraction(graph, DB, c)
    company = merge(graph, "Company", [ZENTRA["id"], ZENTRA_BIO["id"]])
    drug = merge(graph, "Drug", [ZX101["id"], ZENTRAMAB["id"]])

    delete_document(graph, DB, "news/c.txt")
    develops = support(graph, "DEVELOPS", company, drug)
    assert develops["count"] == 1 and develops["evidence"][0][0] == a["document"]["id"]
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}

    delete_document(graph, DB, "news/a.txt")
    assert graph.execute_query("MATCH (n) RETURN count(n)").records[0][0] == 0


def test_merging_in_any_order_gives_the_same_graph(graph):
    ids = [ZENTRA["id"], ZENTRA_BIO["id"], "company:zentra"]
    third = entity("Company", "Zentra")
    doc_e = extraction(
        "news/e.txt",
        "Story E: Zentra and ZX-101.",
        [third, ZX101],
        [relation("DEVELOPS", third, ZX101, "Zentra licensed ZX-101.")],
        published_at="2024-12-01",
    )
    results = []
    for order in ([ids[0], ids[1]], [ids[2], ids[1]], [ids[0], ids[2]]):
        graph.execute_query("MATCH (n) DETACH DELETE n")
        for doc in (doc_a(), doc_both_names(), doc_e):
            write_extraction(graph, DB, doc)
        merge(graph, "Company", order)
        merge(graph, "Company", ids)
        results.append((entities(graph), facts(graph)))
        assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}
    assert results[0] == results[1] == results[2]
    assert preferred_id("Company", ids) == "company:zentra"


def test_a_link_between_two_merged_sites_is_dropped_with_its_evidence(graph):
    doc = extraction(
        "news/f.txt",
        "Story F: Northfield Univ. Hospital is part of Northfield University.",
        [SITE_A, SITE_B],
        [relation("PART_OF", SITE_B, SITE_A, "The hospital is part of the university.")],
    )
    write_extraction(graph, DB, doc)
    merge(graph, "Site", [SITE_A["id"], SITE_B["id"]])
    rels = graph.execute_query("MATCH ()-[r]->() RETURN DISTINCT type(r) ORDER BY type(r)")
    assert [r[0] for r in rels.records] == ["MENTIONS", "NAMES"]
    sites = graph.execute_query("MATCH (n:Site) RETURN n.id").records
    assert [r[0] for r in sites] == [SITE_A["id"]]


def test_registry_ids_win_for_trials():
    assert preferred_id("Trial", ["trial:phoenix", "trial:nct01234567"]) == "trial:nct01234567"
    assert preferred_id("Company", ["company:b", "company:a"]) == "company:a"


def test_merging_many_groups_at_once_gives_the_graph_of_merging_them_one_by_one(graph):
    # Resolution merges every group a batch brings in one pass (a round per absorbed node):
    # the graph must be the one merging the groups one after the other makes, also where
    # facts link the members of two groups and two documents support the same facts.
    harbor, harbor_med = entity("Site", "Harbor Institute"), entity("Site", "Harbor Medical")
    lake, lake_clinic, lake_hall = (
        entity("Site", "Lakeside Center"),
        entity("Site", "Lakeside Clinic"),
        entity("Site", "Lakeside Hall"),
    )
    metro = entity("Site", "Metro Ward")
    sites = [harbor, harbor_med, lake, lake_clinic, lake_hall, metro]
    links = [
        relation("PART_OF", harbor_med, lake_clinic, "Harbor Medical is part of Lakeside."),
        relation("PART_OF", lake_hall, harbor, "Lakeside Hall belongs to Harbor."),
        relation("PART_OF", lake_clinic, lake, "The clinic is part of the center."),
        # one fact after the merge, stated twice by each document: supported once by each
        relation("PART_OF", metro, lake_clinic, "Metro Ward is a ward of the clinic."),
        relation("PART_OF", metro, lake_hall, "Metro Ward is in Lakeside Hall."),
    ]
    documents = [
        extraction(f"news/{n}.txt", f"Story {n}: the sites.", sites, links, published_at=day)
        for n, day in (("g", "2025-01-02"), ("h", "2025-03-04"))
    ]
    groups = [
        [harbor["id"], harbor_med["id"]],
        [lake["id"], lake_clinic["id"], lake_hall["id"]],
    ]

    def merged(one_by_one: bool) -> tuple:
        graph.execute_query("MATCH (n) DETACH DELETE n")
        for doc in documents:
            write_extraction(graph, DB, doc)
        with graph.session(database=DB) as session:
            if one_by_one:
                for ids in groups:
                    session.execute_write(merge_nodes, "Site", ids)
            else:
                session.execute_write(merge_groups, "Site", [(None, ids) for ids in groups])
        assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}
        nodes, rels = snapshot(graph)
        return [
            (labels, {k: v for k, v in props.items() if k != "loadedAt"}) for labels, props in nodes
        ], rels

    together = merged(one_by_one=False)
    assert together == merged(one_by_one=True)
    first, last = neo4j.time.Date(2025, 1, 2), neo4j.time.Date(2025, 3, 4)
    assert facts(graph) == [  # the clinic's link to its own center is gone with the merge
        ("PART_OF", "site:harbor-medical", "site:lakeside-hall", 2, first, last, None),
        ("PART_OF", "site:lakeside-hall", "site:harbor-medical", 2, first, last, None),
        ("PART_OF", "site:metro-ward", "site:lakeside-hall", 2, first, last, None),
    ]
