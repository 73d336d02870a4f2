"""Graph-wide checks shared by the loader tests."""

from __future__ import annotations

import neo4j


def snapshot(driver: neo4j.Driver) -> tuple[list, list]:
    """Every node and relationship with labels/type and all properties, in a stable order."""
    nodes = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id"
    ).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props "
        "ORDER BY a, t, b"
    ).records
    return [(sorted(r["labels"]), r["props"]) for r in nodes], [r.data() for r in rels]


def duplicates(driver: neo4j.Driver) -> dict[str, list]:
    """Nodes sharing an id, relationships sharing type and ends, repeated docIds: want none."""
    nodes = driver.execute_query(
        "MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id"
    ).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) WITH a, type(r) AS t, b, count(*) AS c WHERE c > 1 "
        "RETURN a.id AS a, t, b.id AS b"
    ).records
    support = driver.execute_query(
        "MATCH ()-[r]->() WHERE r.docIds IS NOT NULL "
        "WITH r, reduce(s = [], x IN r.docIds | CASE WHEN x IN s THEN s ELSE s + x END) AS once "
        "WHERE size(once) <> size(r.docIds) OR size(r.evidence) <> size(r.docIds) RETURN r"
    ).records
    return {
        "nodes": [r["id"] for r in nodes],
        "relationships": [r.data() for r in rels],
        "support": [dict(r["r"]) for r in support],
    }
