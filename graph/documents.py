"""Remove a document and exactly the facts that only it supported.

A document's evidence is its `SUPPORTS` relationships, one per fact it states.
Removing the document removes them; each fact they pointed at then has its
aggregates recounted from the SUPPORTS records left (an index seek on the fact
key): a fact left with no support goes, the others keep the support of the
other documents with their counts and first/last dates corrected. An entity no
remaining document MENTIONS goes too (with whatever it still touches), an entity that
stays loses the names only this document gave it (each MENTIONS records the names its
document used), and the `highestPhase` of the drugs the document touched is recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import neo4j

from graph import ontology
from graph.curation import enforce
from graph.keys import lookup_keys
from graph.merge import display_name
from graph.ontology import DOCUMENT_LABEL

_KEY, _FACT = ontology.KEY, ontology.FACT
_COUNT, _FIRST, _LAST = ontology.SUPPORT_COUNT, ontology.FIRST_SEEN, ontology.LAST_SEEN
_ENTITY, _SUPPORTS = ontology.ENTITY_LABEL, ontology.SUPPORTS
_NAME_KEY, _NAMES, _KEYS = ontology.NAME_KEY_LABEL, ontology.NAMES, ontology.KEYS
_TRIAL, _DRUG = (lambda r: (r.start, r.end))(ontology.relationship_type("EVALUATES"))

# The fact key is TYPE|startId|endId and SUPPORTS ends at the start, so the end id is
# what follows "TYPE|startId|" (ids may contain "|"). Reading r on the right-hand side
# of SET locks r before the read.
_REMOVE_SUPPORT = f"""
MATCH (:{DOCUMENT_LABEL} {{{_KEY}: $docId}})-[s:{_SUPPORTS}]->(a)
WITH s, a, s.{_FACT} AS key, split(s.{_FACT}, '|')[0] AS type
WITH s, a, key, type, substring(key, size(type) + size(a.{_KEY}) + 2) AS endId
DELETE s
WITH a, key, type, endId
MATCH (b:{_ENTITY} {{{_KEY}: endId}})
MATCH (a)-[r]->(b) WHERE type(r) = type
CALL (key) {{
  OPTIONAL MATCH ()-[o:{_SUPPORTS} {{{_FACT}: key}}]->()
  RETURN count(o) AS support, min(o.publishedAt) AS first, max(o.publishedAt) AS last
}}
SET r.{_COUNT} = support, r.{_FIRST} = first, r.{_LAST} = last
WITH r, support = 0 AS unsupported
FOREACH (_ IN CASE WHEN unsupported THEN [1] ELSE [] END | DELETE r)
RETURN count(CASE WHEN NOT unsupported THEN 1 END) AS kept
"""

# An orphan's name keys go with it when no other entity has the same key.
_DELETE_ORPHANS = f"""
MATCH (d:{DOCUMENT_LABEL} {{{_KEY}: $docId}})-[:MENTIONS]->(e)
WHERE NOT EXISTS {{
  MATCH (e)<-[:MENTIONS]-(other:{DOCUMENT_LABEL}) WHERE other.{_KEY} <> $docId
}}
WITH e, [(x:{_NAME_KEY})-[:{_NAMES}]->(e) | x] AS keys
DETACH DELETE e
WITH keys UNWIND keys AS x
WITH DISTINCT x WHERE NOT EXISTS {{ (x)-[:{_NAMES}]->() }}
DELETE x
"""

# Names only this document gave an entity that stays (other documents still mention it), and
# whether the entity's display name was this document's alone (then the other documents'
# display names are read, to choose again by the writer's rule). A MENTIONS written before
# names were recorded (null) may have given any name, so its entity keeps them all.
_NAMES_ONLY_IT_GAVE = f"""
MATCH (:{DOCUMENT_LABEL} {{{_KEY}: $docId}})-[m:MENTIONS]->(e)
WHERE m.names IS NOT NULL
  AND EXISTS {{ MATCH (e)<-[:MENTIONS]-(o:{DOCUMENT_LABEL}) WHERE o.{_KEY} <> $docId }}
WITH e, m, [x IN m.names WHERE NOT EXISTS {{
  MATCH (e)<-[o:MENTIONS]-(od:{DOCUMENT_LABEL})
  WHERE od.{_KEY} <> $docId AND (o.names IS NULL OR x IN o.names)
}}] AS gone, m.name = e.name AND NOT EXISTS {{
  MATCH (e)<-[o:MENTIONS]-(od:{DOCUMENT_LABEL})
  WHERE od.{_KEY} <> $docId AND (o.name IS NULL OR o.name = e.name)
}} AS renamed
WHERE size(gone) > 0 OR renamed
CALL (e, renamed) {{
  OPTIONAL MATCH (e)<-[o:MENTIONS]-(od:{DOCUMENT_LABEL})
  WHERE renamed AND od.{_KEY} <> $docId
  RETURN collect(o.name) AS given
}}
RETURN e.{_KEY} AS id, labels(e) AS labels, e.name AS name,
       coalesce(e.aliases, []) AS aliases, properties(e) AS props, gone, given
"""

# Give each entity its remaining names and unlink the lookup keys only the taken-back names
# had (a key no entity is named by any more goes).
_RENAME = f"""
UNWIND $rows AS row
MATCH (n:{_ENTITY} {{{_KEY}: row.id}})
SET n.name = row.name, n.aliases = row.aliases,
    n.{_KEYS} = [k IN coalesce(n.{_KEYS}, []) WHERE NOT k IN row.drop]
WITH n, row
CALL (n, row) {{
  MATCH (x:{_NAME_KEY})-[l:{_NAMES}]->(n) WHERE x.key IN row.drop
  DELETE l
  WITH x WHERE NOT EXISTS {{ (x)-[:{_NAMES}]->() }}
  DELETE x
}}
"""

# What the document touched, read before it goes: the drugs whose highestPhase may change.
_TOUCHED = f"""
MATCH (:{DOCUMENT_LABEL} {{{_KEY}: $docId}})-[:MENTIONS]->(e)
WHERE e:{_DRUG} OR e:{_TRIAL}
RETURN [x IN collect(e) WHERE x:{_DRUG} | x.{_KEY}] AS drugs,
       [x IN collect(e) WHERE x:{_TRIAL} | x.{_KEY}] AS trials
"""

_DELETE_DOCUMENT = f"MATCH (d:{DOCUMENT_LABEL} {{{_KEY}: $docId}}) DETACH DELETE d"

_FIND = f"""
MATCH (d:{DOCUMENT_LABEL}) WHERE d.{_KEY} = $key OR d.source = $key
RETURN d.{_KEY} AS id ORDER BY id
"""


class DocumentNotFound(LookupError):
    """No document has the given id or source."""

    def __init__(self, id_or_source: str) -> None:
        self.id_or_source = id_or_source
        super().__init__(f"no document with id or source {id_or_source!r}")


@dataclass
class DeleteResult:
    """What deleting documents did to the graph."""

    document_ids: list[str] = field(default_factory=list)
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    #: Fact relationships that lost this support but stay, backed by other documents.
    facts_kept: int = 0

    def merge(self, other: DeleteResult) -> None:
        self.document_ids += other.document_ids
        self.nodes_deleted += other.nodes_deleted
        self.relationships_deleted += other.relationships_deleted
        self.facts_kept += other.facts_kept


def remove_document(tx: neo4j.ManagedTransaction, doc_id: str) -> DeleteResult:
    """Inside a transaction: remove document `doc_id`, its sole-supported facts and orphans."""
    from graph.writer import update_highest_phase  # the writer imports this module

    result = DeleteResult(document_ids=[doc_id])
    touched = tx.run(_TOUCHED, docId=doc_id).single(strict=True)
    renamed = take_back_names(tx, doc_id)
    support = tx.run(_REMOVE_SUPPORT, docId=doc_id)
    result.facts_kept = support.single(strict=True)["kept"]
    summaries = [support.consume()]
    summaries += [tx.run(q, docId=doc_id).consume() for q in (_DELETE_ORPHANS, _DELETE_DOCUMENT)]
    for summary in summaries:
        result.nodes_deleted += summary.counters.nodes_deleted
        result.relationships_deleted += summary.counters.relationships_deleted
    update_highest_phase(tx, touched["drugs"], touched["trials"])
    if renamed:
        enforce(tx, renamed)  # a curator's alias stays, whichever document it was seen in
    return result


def take_back_names(tx: neo4j.ManagedTransaction, doc_id: str) -> list[str]:
    """Inside a transaction, before `doc_id` goes: remove the names (and their lookup keys)
    that only this document gave to entities other documents still mention.

    Why: a name is a claim of the document like a fact is; left behind, a deleted article's
    wrong alias would keep joining later documents to the wrong node. Returns the renamed ids.
    """
    rows = []
    for record in tx.run(_NAMES_ONLY_IT_GAVE, docId=doc_id):
        label = next(x for x in record["labels"] if x in ontology.ENTITY_LABELS)
        gone = set(record["gone"])
        left = [n for n in [record["name"], *record["aliases"]] if n not in gone]
        if not left:
            continue
        props = record["props"]
        drop = set(lookup_keys(label, record["id"], gone, props))
        drop -= set(lookup_keys(label, record["id"], left, props))
        name = record["name"]
        if record["given"]:  # the display name was this document's: the others' best one
            name = display_name(record["given"])
        if name not in left:
            name = display_name(left)
        aliases = [n for n in dict.fromkeys(left) if n != name]
        rows.append({"id": record["id"], "name": name, "aliases": aliases, "drop": sorted(drop)})
    if rows:
        tx.run(_RENAME, rows=rows).consume()
    return [row["id"] for row in rows]


def _delete_tx(tx: neo4j.ManagedTransaction, id_or_source: str) -> DeleteResult:
    ids = [record["id"] for record in tx.run(_FIND, key=id_or_source)]
    if not ids:
        raise DocumentNotFound(id_or_source)
    total = DeleteResult()
    for doc_id in ids:
        total.merge(remove_document(tx, doc_id))
    return total


def delete_document(driver: neo4j.Driver, database: str, id_or_source: str) -> DeleteResult:
    """Delete the document whose id or source is `id_or_source`, in one transaction.

    Raises DocumentNotFound when no document matches (nothing is changed).
    """
    with driver.session(database=database) as session:
        return session.execute_write(_delete_tx, id_or_source)
