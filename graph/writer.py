"""Write one document's extraction into the graph: one transaction, batched MERGEs.

Why it is shaped like this:
- One managed transaction per document (`session.execute_write`), so a document
  is either fully in the graph or not at all, and transient errors (deadlocks
  between parallel loaders) are retried by the driver.
- One `UNWIND $rows MERGE` per label and per relationship type, never a query
  per row; all of them are subqueries of a single query, so a new document
  costs one round trip. Labels, types and property names are pasted into
  Cypher only from graph/ontology.py, after graph/validation.py accepted the
  extraction; every value is a parameter.
- Provenance lives on each fact relationship as index-aligned `docIds` /
  `evidence` lists. A document adds its entry once (guarded), so re-writing it
  never doubles a fact.
- The Document node is MERGEd first with a one-off token: if the token is not
  ours the same content is already in the graph (or being written by another
  loader right now) and nothing else is written. A new version of a document at
  the same source first removes the old version's support, in the same
  transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import neo4j

from graph import ontology
from graph.documents import remove_document
from graph.validation import DOCUMENT_LABEL, TOP_LEVEL_ENTITY_FIELDS, validate_extraction

WriteStatus = Literal["loaded", "unchanged", "replaced"]

_LIST_TYPE = "string[]"


@dataclass
class WriteCounts:
    """What writing one document did to the graph."""

    status: WriteStatus = "loaded"
    document_id: str = ""
    nodes_created: int = 0
    relationships_created: int = 0
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    #: Ids of earlier versions of the document (same source) this write replaced.
    replaced_ids: list[str] = field(default_factory=list)

    def add(self, counters: neo4j.SummaryCounters) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_deleted += counters.relationships_deleted


@dataclass
class DocumentRows:
    """An extraction turned into parameter rows, grouped the way the writer batches them."""

    document: dict[str, Any]
    #: label -> entity rows, sorted by id (a fixed lock order makes deadlocks rarer).
    entities: dict[str, list[dict[str, Any]]]
    #: relationship type -> relation rows, sorted by (from, to).
    relations: dict[str, list[dict[str, Any]]]


def _union(*lists: Any) -> list[str]:
    """Concatenate string lists, dropping blanks and repeats, keeping first-seen order."""
    seen: dict[str, None] = {}
    for values in lists:
        for value in values or ():
            if isinstance(value, str) and value.strip():
                seen.setdefault(value, None)
    return list(seen)


def _list_properties(label: str) -> tuple[str, ...]:
    """List-valued properties of `label` other than aliases (unioned on merge)."""
    node = ontology.node_type(label)
    return tuple(
        p.name
        for p in node.properties
        if p.type == _LIST_TYPE and p.name not in TOP_LEVEL_ENTITY_FIELDS
    )


def build_rows(extraction: Mapping[str, Any]) -> DocumentRows:
    """Group a validated extraction into rows; repeated entities/relations are folded into one.

    An entity listed twice (same id) unions its aliases, list properties and
    mention counts, later non-null scalars win; a relation listed twice (same
    type and ends) keeps the first evidence sentence, so a document supports a
    fact exactly once.
    """
    doc = {k: v for k, v in extraction["document"].items() if v is not None}

    by_id: dict[str, dict[str, Any]] = {}
    for entity in extraction.get("entities", []):
        label = entity["type"]
        lists = _list_properties(label)
        props = {k: v for k, v in (entity.get("properties") or {}).items() if v is not None}
        row = by_id.get(entity["id"])
        if row is None:
            row = {
                "id": entity["id"],
                "label": label,
                "name": entity["name"].strip(),
                "names": [],
                "scalars": {},
                "lists": {name: [] for name in lists},
                "count": 0,
            }
            by_id[entity["id"]] = row
        row["names"] = _union(row["names"], [entity["name"].strip()], entity.get("aliases"))
        for name, value in props.items():
            if name in lists:
                row["lists"][name] = _union(row["lists"][name], value)
            else:
                row["scalars"][name] = value
        row["count"] += len(entity.get("mentions") or ())

    entities: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(by_id.values(), key=lambda r: r["id"]):
        label = row.pop("label")
        row["count"] = max(row["count"], 1)
        entities.setdefault(label, []).append(row)

    by_fact: dict[tuple[str, str, str], dict[str, Any]] = {}
    for relation in extraction.get("relations", []):
        key = (relation["type"], relation["from"]["id"], relation["to"]["id"])
        props = {k: v for k, v in (relation.get("properties") or {}).items() if v is not None}
        row = by_fact.get(key)
        if row is None:
            by_fact[key] = {
                "from": key[1],
                "to": key[2],
                "props": props,
                "evidence": relation["evidence"]["sentence"].strip(),
            }
        else:
            row["props"].update(props)

    relations: dict[str, list[dict[str, Any]]] = {}
    for (rel_type, _, _), row in sorted(by_fact.items()):
        relations.setdefault(rel_type, []).append(row)
    return DocumentRows(document=doc, entities=entities, relations=relations)


@cache
def entity_clause(label: str) -> str:
    """The batched MERGE of one entity label's rows, `$entities.<label>` (names from the ontology).

    A unit subquery: it writes, returns nothing, and leaves the outer row alone,
    so an absent label (UNWIND null) simply writes nothing.
    """
    ontology.node_type(label)  # refuses a label the model does not have
    if label not in ontology.ENTITY_LABELS:
        raise ValueError(f"{label!r} is not an entity label")
    lists = _list_properties(label)
    on_create = "".join(
        f", n.`{name}` = CASE WHEN size(row.lists.`{name}`) = 0 THEN null "
        f"ELSE row.lists.`{name}` END"
        for name in lists
    )
    on_match = "".join(
        f",\n      n.`{name}` = CASE WHEN size(row.lists.`{name}`) = 0 THEN n.`{name}` "
        f"ELSE coalesce(n.`{name}`, []) + "
        f"[x IN row.lists.`{name}` WHERE NOT x IN coalesce(n.`{name}`, [])] END"
        for name in lists
    )
    return (
        "CALL (d) {\n"
        f"  UNWIND $entities.`{label}` AS row\n"
        f"  MERGE (n:`{label}` {{{ontology.KEY}: row.id}})\n"
        f"  ON CREATE SET n:`{ontology.ENTITY_LABEL}`, n += row.scalars, n.name = row.name,\n"
        f"      n.aliases = [a IN row.names WHERE a <> row.name]{on_create}\n"
        # Reading n's lists on the right-hand side of SET makes Cypher lock n before it
        # reads, so parallel loaders cannot lose each other's aliases.
        f"  ON MATCH SET n:`{ontology.ENTITY_LABEL}`, n += row.scalars,\n"
        "      n.aliases = coalesce(n.aliases, []) + "
        "[a IN row.names WHERE NOT a IN coalesce(n.aliases, []) AND a <> n.name]"
        f"{on_match}\n"
        "  MERGE (d)-[m:MENTIONS]->(n)\n"
        "  SET m.count = row.count\n"
        "}"
    )


@cache
def relation_clause(rel_type: str) -> str:
    """The batched MERGE of one fact type's rows, `$relations.<type>`, adding this support once."""
    spec = ontology.relationship_type(rel_type)
    if not spec.has_provenance:
        raise ValueError(f"{rel_type!r} is not a fact relationship")
    key, doc_ids, evidence = ontology.KEY, ontology.DOC_IDS, ontology.EVIDENCE
    # Both CASEs test the docIds list as it was before this SET, so the document's
    # entry is added to both lists once, or to neither when it is already there.
    supported = f"d.{key} IN r.`{doc_ids}`"
    return (
        "CALL (d) {\n"
        f"  UNWIND $relations.`{rel_type}` AS row\n"
        f"  MATCH (a:`{spec.start}` {{{key}: row.from}})\n"
        f"  MATCH (b:`{spec.end}` {{{key}: row.to}})\n"
        f"  MERGE (a)-[r:`{rel_type}`]->(b)\n"
        f"  ON CREATE SET r += row.props,\n"
        f"      r.`{doc_ids}` = [d.{key}], r.`{evidence}` = [row.evidence]\n"
        "  ON MATCH SET r += row.props,\n"
        f"      r.`{evidence}` = CASE WHEN {supported} THEN r.`{evidence}` "
        f"ELSE r.`{evidence}` + row.evidence END,\n"
        f"      r.`{doc_ids}` = CASE WHEN {supported} THEN r.`{doc_ids}` "
        f"ELSE r.`{doc_ids}` + d.{key} END\n"
        "}"
    )


def _write_clauses() -> str:
    clauses = [entity_clause(label) for label in ontology.ENTITY_LABELS]
    clauses += [relation_clause(rel_type) for rel_type in ontology.FACT_RELATIONSHIP_TYPES]
    return "\n".join(clauses) + "\nREMOVE d.loadToken"


@cache
def write_statement() -> str:
    """All of a document's entities and facts in one query: one round trip, one plan.

    Inside it, each label and each relationship type still has its own
    `UNWIND ... MERGE` over a batch of rows. Entities come first (facts MATCH
    them), and the document's load token is released last.
    """
    return f"MATCH (d:{DOCUMENT_LABEL} {{{ontology.KEY}: $docId}})\n" + _write_clauses()


@cache
def load_statement() -> str:
    """MERGE the Document, then, if it is new and replaces nothing, write everything at once.

    The common case (a new document) costs a single round trip. When the
    content is already there (`created` false) nothing else is written; when an
    earlier version at the same source exists (`oldIds`), the caller removes it
    first and then runs `write_statement`.
    """
    key = ontology.KEY
    return f"""
MERGE (d:{DOCUMENT_LABEL} {{{key}: $props.{key}}})
ON CREATE SET d += $props,
              d.publishedAt = date($publishedAt),
              d.loadedAt = datetime(),
              d.loadToken = $token
WITH d, d.loadToken = $token AS created
OPTIONAL MATCH (old:{DOCUMENT_LABEL} {{source: d.source}})
WHERE created AND old.{key} <> d.{key}
WITH d, created, [id IN collect(old.{key}) WHERE id IS NOT NULL] AS oldIds
CALL (d, created, oldIds) {{
WITH * WHERE created AND size(oldIds) = 0
{_write_clauses()}
}}
RETURN created, oldIds
"""


def write_rows(tx: neo4j.ManagedTransaction, rows: DocumentRows) -> WriteCounts:
    """Transaction function: write one document's rows (re-run as a whole on retry)."""
    doc_props = {k: v for k, v in rows.document.items() if k != "publishedAt"}
    doc_id = doc_props[ontology.KEY]
    counts = WriteCounts(document_id=doc_id)
    result = tx.run(
        load_statement(),
        props=doc_props,
        publishedAt=rows.document.get("publishedAt"),
        token=uuid.uuid4().hex,
        entities=rows.entities,
        relations=rows.relations,
    )
    record = result.single(strict=True)
    if not record["created"]:
        counts.status = "unchanged"
        return counts
    counts.add(result.consume().counters)
    if not record["oldIds"]:
        return counts

    counts.status = "replaced"
    counts.replaced_ids = sorted(record["oldIds"])
    for old_id in counts.replaced_ids:
        removed = remove_document(tx, old_id)
        counts.nodes_deleted += removed.nodes_deleted
        counts.relationships_deleted += removed.relationships_deleted
    result = tx.run(
        write_statement(), docId=doc_id, entities=rows.entities, relations=rows.relations
    )
    counts.add(result.consume().counters)
    return counts


def write_extraction(
    driver: neo4j.Driver, database: str, extraction: Mapping[str, Any]
) -> WriteCounts:
    """Validate `extraction` and write it as one transaction; raises ExtractionError if invalid."""
    validate_extraction(extraction)
    rows = build_rows(extraction)
    with driver.session(database=database) as session:
        return session.execute_write(write_rows, rows)
