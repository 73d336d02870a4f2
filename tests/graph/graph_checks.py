"""Graph-wide checks shared by the loader tests."""

from __future__ import annotations

import neo4j


def snapshot(driver: neo4j.Driver) -> tuple[list, list]:
    """Every node and relationship with labels/type and all properties, in a stable order."""
    nodes = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, n.key"
    ).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.key) AS a, type(r) AS t, b.id AS b, "
        "properties(r) AS props "
        "ORDER BY a, t, b, coalesce(r.fact, '')"
    ).records
    return [(sorted(r["labels"]), r["props"]) for r in nodes], [r.data() for r in rels]


def duplicates(driver: neo4j.Driver) -> dict[str, list]:
    """Nodes sharing an id, facts sharing type and ends, repeated or miscounted support: want none.

    Support is wrong when a document has two SUPPORTS records for one fact, or when a
    fact's supportCount differs from its number of SUPPORTS records.
    """
    nodes = driver.execute_query(
        "MATCH (n) WHERE n.id IS NOT NULL WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id"
    ).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE type(r) <> 'SUPPORTS' "
        "WITH a, type(r) AS t, b, count(*) AS c WHERE c > 1 "
        "RETURN a.id AS a, t, b.id AS b"
    ).records
    support = driver.execute_query(
        "MATCH (d:Document)-[s:SUPPORTS]->() WITH d, s.fact AS fact, count(*) AS c WHERE c > 1 "
        "RETURN {doc: d.id, fact: fact} AS r "
        "UNION "
        "MATCH (a)-[r]->(b) WHERE r.supportCount IS NOT NULL "
        "WITH r, type(r) + '|' + a.id + '|' + b.id AS fact "
        "CALL (fact) { MATCH ()-[s:SUPPORTS {fact: fact}]->() RETURN count(s) AS n } "
        "WITH r, fact, n WHERE n <> r.supportCount RETURN {fact: fact, count: n} AS r"
    ).records
    return {
        "nodes": [r["id"] for r in nodes],
        "relationships": [r.data() for r in rels],
        "support": [dict(r["r"]) for r in support],
    }


def support(driver: neo4j.Driver, rel_type: str, start_id: str, end_id: str) -> dict | None:
    """A fact's aggregates and its evidence [(docId, sentence)], newest first; None if absent."""
    records = driver.execute_query(
        f"MATCH (a {{id: $a}})-[r:{rel_type}]->(b {{id: $b}}) "
        "OPTIONAL MATCH (d:Document)-[s:SUPPORTS {fact: $fact}]->(a) "
        "WITH r, d, s ORDER BY coalesce(toString(s.publishedAt), '') DESC, d.id "
        "RETURN r.supportCount AS count, r.firstSeen AS first, r.lastSeen AS last, "
        "[x IN collect([d.id, s.sentence]) WHERE x[0] IS NOT NULL] AS evidence",
        a=start_id,
        b=end_id,
        fact=f"{rel_type}|{start_id}|{end_id}",
    ).records
    if not records:
        return None
    row = records[0]
    return {
        "count": row["count"],
        "first": row["first"],
        "last": row["last"],
        "evidence": [tuple(x) for x in row["evidence"]],
    }


def shared_strong_keys(driver: neo4j.Driver) -> list[tuple[str, str, list[str]]]:
    """(label, key, ids) of same-label nodes still sharing a key that resolution joins on."""
    from graph.resolution import strong_keys

    records = driver.execute_query(
        "MATCH (x:NameKey)-[:NAMES]->(n:Entity) "
        "WITH x.key AS key, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, "
        "collect(n {.id, .keys, .registryId, .acronym}) AS found WHERE size(found) > 1 "
        "RETURN key, label, found ORDER BY label, key"
    ).records
    out = []
    for record in records:
        ids = sorted(
            n["id"]
            for n in record["found"]
            if record["key"] in strong_keys(record["label"], n["keys"] or [], n)
        )
        if len(ids) > 1:
            out.append((record["label"], record["key"], ids))
    return out
