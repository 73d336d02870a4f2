"""Write documents' extractions into the graph: many documents per transaction, batched MERGEs.

Why it is shaped like this:
- One managed transaction per batch of documents (`session.execute_write`), so a
  batch is either fully in the graph or not at all, and transient errors
  (deadlocks between parallel loaders) are retried by the driver. The loader
  retries a failed batch document by document, so one bad document fails alone.
- Per batch two round trips: one query MERGEs the Documents and reads the active
  curation decisions; one query writes every new document's rows (an `UNWIND
  $... MERGE` subquery per label and per relationship type over the whole batch's
  rows) and the highestPhase update, and returns which nodes
  resolution must look at. The write query's shape never changes and it
  keeps its first plan (`CYPHER replan=skip`): planning it takes seconds on a
  busy machine, and Neo4j would otherwise re-plan it whenever a growing graph's
  statistics drift.
- The batch's rows are folded per node and per fact before they are sent
  (`_fold_entities`, `_fold_relations`): a company named by 30 documents of the
  batch is merged and updated once, not 30 times, and its 30 MENTIONS (and a
  fact's SUPPORTS) are created from a list that points into the batch's
  Documents, looked up once. Folding gives what writing the documents one after
  the other gives (the same names, lists, scalars, counts and dates).
- Resolution (graph/resolution.py) runs only for nodes that got a new strong key
  another node of their label already has (or a trial whose registry id or
  acronym changed): checked inside the write, by index seeks, so a batch that
  brings no such key costs no resolution query at all.
- Labels, types and property names are pasted into Cypher
  only from graph/ontology.py, after graph/extraction_model.py accepted the
  extraction (the typed model rows are built from); every value is a parameter.
- Provenance is one `(:Document)-[:SUPPORTS {fact, sentence}]->(start)` record
  per (document, fact), and the fact itself keeps only aggregates
  (`supportCount`, `firstSeen`, `lastSeen`), so writing the 5,000th supporting
  document costs what the first did.
- The Document node is MERGEd first with a one-off token: if the token is not
  ours the same content is already in the graph (or being written by another
  loader right now) and nothing else of it is written. That makes every SUPPORTS
  and MENTIONS of a written document new, so they are CREATEd, not MERGEd.
  The token is removed again in the same statement: it only has to tell this
  statement's MERGE created the node (no other transaction sees it before the
  commit, and a loader waiting on the same id then finds a node without ours).
  A new version of a document at the same source first removes the old
  version's support, in the same transaction.
- Display names do not depend on load order: of all names a node was given, the
  longest wins (ties: the smallest in code-point order); the others are aliases.
- Derived `Drug.highestPhase` (the furthest phase of the trials evaluating it) is
  recomputed in the same transaction for every drug the batch touches.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import neo4j

from graph import ontology
from graph.curation import ACTIVE_LIST_SUBQUERY, curate_batch, decisions_from
from graph.curation_rules import kept_apart
from graph.documents import remove_document
from graph.extraction_model import TOP_LEVEL_ENTITY_FIELDS, Extraction, parse_extraction
from graph.keys import TRIAL_KEY_PROPERTIES, lookup_keys_cached
from graph.ontology import DOCUMENT_LABEL
from graph.resolution import resolve_label, strong_keys

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
    #: Property writes: what a transaction's size (and its log) grows with.
    properties_set: int = 0
    #: Ids of earlier versions of the document (same source) this write replaced.
    replaced_ids: list[str] = field(default_factory=list)

    def add_counts(self, other: WriteCounts) -> None:
        """Add another WriteCounts' graph counters to these."""
        self.nodes_created += other.nodes_created
        self.relationships_created += other.relationships_created
        self.nodes_deleted += other.nodes_deleted
        self.relationships_deleted += other.relationships_deleted
        self.properties_set += other.properties_set

    def add(self, counters: neo4j.SummaryCounters) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set


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
            # `not value.isspace()` is `value.strip()` for a non-empty string, without a copy.
            if isinstance(value, str) and value not in seen and value and not value.isspace():
                seen[value] = None
    return list(seen)


@cache
def _list_properties(label: str) -> tuple[str, ...]:
    """List-valued properties of `label` other than aliases (unioned on merge)."""
    node = ontology.node_type(label)
    return tuple(
        p.name
        for p in node.properties
        if p.type == _LIST_TYPE and p.name not in TOP_LEVEL_ENTITY_FIELDS
    )


def build_rows(extraction: Extraction | Mapping[str, Any]) -> DocumentRows:
    """Group an extraction into rows; repeated entities/relations are folded into one.

    A mapping is checked first (`parse_extraction`: ExtractionError if it does not fit the
    model). An entity listed twice (same id) unions its aliases, list properties and
    mention counts, later non-null scalars win; a relation listed twice (same
    type and ends) keeps the first evidence sentence (and rule), so a document
    supports a fact exactly once.
    """
    extraction = parse_extraction(extraction)
    doc = extraction.document.properties()

    by_id: dict[str, dict[str, Any]] = {}
    for entity in extraction.entities or ():
        label = entity.type
        lists = _list_properties(label)
        props = {k: v for k, v in (entity.properties or {}).items() if v is not None}
        row = by_id.get(entity.id)
        if row is None:
            row = {
                "id": entity.id,
                "label": label,
                "name": entity.name.strip(),
                "names": [],
                "scalars": {},
                "lists": {name: [] for name in lists},
                "count": 0,
                "record": False,
            }
            by_id[entity.id] = row
        row["names"] = _union(row["names"], [entity.name.strip()], entity.aliases)
        for name, value in props.items():
            if name in lists:
                row["lists"][name] = _union(row["lists"][name], value)
            else:
                row["scalars"][name] = value
        row["count"] += len(entity.mentions or ())
        if label == "Trial" and not entity.mentions and props.get("registryId"):
            # A trial stated by a registry record's fields (structured, no text mentions).
            row["record"] = True
            row["scalars"][ontology.RECORD_FLAG] = "registry"

    entities: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(by_id.values(), key=lambda r: r["id"]):
        label = row.pop("label")
        row["count"] = max(row["count"], 1)
        row["keys"] = lookup_keys_cached(
            label, row["id"], row["names"], {**row["scalars"], **row["lists"]}
        )
        entities.setdefault(label, []).append(row)

    by_fact: dict[tuple[str, str, str], dict[str, Any]] = {}
    for relation in extraction.relations or ():
        key = (relation.type, relation.source.id, relation.target.id)
        props = {k: v for k, v in (relation.properties or {}).items() if v is not None}
        row = by_fact.get(key)
        if row is None:
            by_fact[key] = {
                "from": key[1],
                "to": key[2],
                "fact": ontology.fact_key(*key),
                "props": props,
                "sentence": relation.evidence.sentence.strip(),
                "rule": relation.evidence.rule,
            }
        else:
            row["props"].update(props)

    relations: dict[str, list[dict[str, Any]]] = {}
    for (rel_type, _, _), row in sorted(by_fact.items()):
        relations.setdefault(rel_type, []).append(row)
    return DocumentRows(document=doc, entities=entities, relations=relations)


#: The per-label/type statements keep their first plan: their shapes never change, every
#: lookup in them is a unique-constraint seek or an expand between bound nodes (the best
#: plan whatever the statistics), and a graph that grows fast otherwise makes Neo4j
#: re-plan them (seconds each on a busy machine) every time its statistics drift.
_REPLAN = "CYPHER replan=skip "
#: The one parameter of the batch statements: a map holding their lists. Neo4j keys its plan
#: cache by each top-level list parameter's size bucket (1, 2-10, 11-100, 101-1000, ...),
#: so a batch whose documents, drugs or trials fell in another bucket than the last had the
#: 26 kB write statement planned again (4-12 s of server CPU, up to once per combination of
#: buckets); lists inside a map do not count. Measured on Neo4j 5.26 (docs/loading.md).
BATCH = "batch"


def _scalar_update(label: str) -> str:
    """How a later document's scalars update a node: for a Trial a registry record's values
    win (texts fill only what no record set); for other labels the latest value is kept."""
    if label != "Trial":
        return "n += row.scalars"
    flag = ontology.RECORD_FLAG
    names = [
        p.name
        for p in ontology.node_type(label).properties
        if p.type != _LIST_TYPE and p.name not in TOP_LEVEL_ENTITY_FIELDS
    ]
    return ", ".join(
        f"n.`{name}` = CASE WHEN row.scalars.`{name}` IS NULL THEN n.`{name}` "
        f"WHEN row.record OR n.`{flag}` IS NULL OR n.`{name}` IS NULL "
        f"THEN row.scalars.`{name}` ELSE n.`{name}` END"
        for name in names
    )


@cache
def entity_clause(label: str) -> str:
    """The batched MERGE of one entity label's folded rows (names from the ontology).

    The body of a unit subquery of the write statement, with `docs` (the batch's new
    Document nodes) in scope. One row per entity of the batch (per document for a
    Trial, see `_fold_entities`): the node is merged and updated once, and each
    document's MENTIONS is created from `row.mentions` (`doc` indexes `docs`), so
    no Document is looked up again. Returns the ids resolution must look at.
    """
    ontology.node_type(label)  # refuses a label the model does not have
    if label not in ontology.ENTITY_LABELS:
        raise ValueError(f"{label!r} is not an entity label")
    lists = _list_properties(label)
    keys = ontology.KEYS
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
    # The display name: the longest name given, ties broken by code-point order, so the
    # result is the same whatever order documents arrive in (first among the batch's
    # documents' names for this node, then against the node's own).
    scalars = _scalar_update(label)
    better = "size({a}) > size({b}) OR (size({a}) = size({b}) AND {a} < {b})"
    named = (
        "reduce(best = head(row.candidates), c IN tail(row.candidates) | "
        f"CASE WHEN {better.format(a='c', b='best')} THEN c ELSE best END)"
    )
    chosen = f"CASE WHEN {better.format(a='named', b='n.name')} THEN named ELSE n.name END"
    before, changed, carried = "", "", ""
    if label == "Trial":
        # A trial's registry id and acronym decide which of its keys are strong
        # (graph/keys.trial_keys), so a change to them may join it to another trial
        # without any new key: such a trial is flagged for resolution too.
        now = ", ".join(f"coalesce(n.`{p}`, '')" for p in TRIAL_KEY_PROPERTIES)
        was = ", ".join(f"coalesce(o.`{p}`, '')" for p in TRIAL_KEY_PROPERTIES)
        before = (
            f"  OPTIONAL MATCH (o:`{label}` {{{ontology.KEY}: row.id}})\n"
            f"  WITH docs, row, named, CASE WHEN o IS NULL THEN null ELSE [{was}] END AS before\n"
        )
        changed = f" OR (before IS NOT NULL AND before <> [{now}])"
        carried = ", before"
    return (
        f"{_REPLAN}UNWIND $rows AS row\n"
        f"  WITH docs, row, {named} AS named\n"
        f"{before}"
        f"  MERGE (n:`{label}` {{{ontology.KEY}: row.id}})\n"
        f"  ON CREATE SET n:`{ontology.ENTITY_LABEL}`, n += row.scalars, n.name = named,\n"
        f"      n.aliases = [a IN row.names WHERE a <> named]{on_create}\n"
        # Reading n's properties on the right-hand side of SET makes Cypher lock n before
        # it reads, so parallel loaders cannot lose each other's names. The aliases are
        # computed from the old name first, then the name is replaced.
        f"  ON MATCH SET n:`{ontology.ENTITY_LABEL}`, {scalars},\n"
        "      n.aliases = reduce(acc = [], a IN coalesce(n.aliases, []) + [n.name] + row.names |"
        f" CASE WHEN a IN acc OR a = {chosen} THEN acc ELSE acc + a END),\n"
        f"      n.name = {chosen}"
        f"{on_match}\n"
        # Lookup keys: only keys the node does not have yet cost a write.
        f"  WITH docs, n, row{carried}, "
        f"[k IN row.keys WHERE NOT k IN coalesce(n.`{keys}`, [])] AS fresh\n"
        "  FOREACH (_ IN CASE WHEN size(fresh) > 0 THEN [1] ELSE [] END |\n"
        f"    SET n.`{keys}` = coalesce(n.`{keys}`, []) + "
        f"[k IN fresh WHERE NOT k IN coalesce(n.`{keys}`, [])])\n"
        f"  FOREACH (k IN fresh | MERGE (x:`{ontology.NAME_KEY_LABEL}` {{key: k}}) "
        f"MERGE (x)-[:`{ontology.NAMES}`]->(n))\n"
        # One MENTIONS per document of the batch that names the node (all new: see above).
        f"  WITH docs, n, row{carried}, fresh\n"
        "  CALL (docs, n, row) {\n"
        "    UNWIND row.mentions AS m\n"
        "    WITH docs[m.doc] AS d, m\n"
        "    CREATE (d)-[:MENTIONS {count: m.count, name: m.name, names: m.names}]->(n)\n"
        "  }\n"
        # Resolution's cheap check: a node can join another only through a key it did not
        # have before (a new NAMES link; its MERGE locked the NameKey, so a parallel
        # loader's link is either seen here or sees ours) that already names another node
        # of this label, or (trials) a changed registry id or acronym.
        f"  WITH n{carried}, [k IN fresh WHERE k IN row.strong] AS joining\n"
        f"  WHERE (size(joining) > 0 AND EXISTS {{ UNWIND joining AS k "
        f"MATCH (:`{ontology.NAME_KEY_LABEL}` {{key: k}})-[:`{ontology.NAMES}`]->(m:`{label}`) "
        f"WHERE m <> n }}){changed}\n"
        f"  RETURN collect(DISTINCT n.{ontology.KEY}) AS ids"
    )


@cache
def relation_clause(rel_type: str) -> str:
    """The batched MERGE of one fact type's folded rows: aggregates plus one SUPPORTS record
    per document of the batch that states the fact.

    The body of a unit subquery of the write statement, with `docs` in scope. One row
    per fact of the batch: the relationship is merged and its aggregates updated once,
    with the count and the earliest and latest dates of the batch's documents that
    support it (`row.supports`, whose `doc` indexes `docs`).
    """
    spec = ontology.relationship_type(rel_type)
    if not spec.has_provenance:
        raise ValueError(f"{rel_type!r} is not a fact relationship")
    key = ontology.KEY
    count, first, last = ontology.SUPPORT_COUNT, ontology.FIRST_SEEN, ontology.LAST_SEEN
    return (
        f"{_REPLAN}UNWIND $rows AS row\n"
        f"  MATCH (a:`{spec.start}` {{{key}: row.from}})\n"
        f"  MATCH (b:`{spec.end}` {{{key}: row.to}})\n"
        f"  MERGE (a)-[r:`{rel_type}`]->(b)\n"
        "  WITH docs, row, a, r\n"
        "  CALL (docs, row, a) {\n"
        "    UNWIND row.supports AS s\n"
        "    WITH docs[s.doc] AS d, s\n"
        f"    CREATE (d)-[:`{ontology.SUPPORTS}` {{`{ontology.FACT}`: row.fact, "
        "sentence: s.sentence, rule: s.rule, publishedAt: d.publishedAt}]->(a)\n"
        "    RETURN count(*) AS support, min(d.publishedAt) AS earliest, "
        "max(d.publishedAt) AS latest\n"
        "  }\n"
        # A new fact has no aggregates yet: the same update serves it and an old one.
        f"  SET r += row.props, r.`{count}` = coalesce(r.`{count}`, 0) + support,\n"
        f"      r.`{first}` = CASE WHEN r.`{first}` IS NULL OR earliest < r.`{first}` "
        f"THEN coalesce(earliest, r.`{first}`) ELSE r.`{first}` END,\n"
        f"      r.`{last}` = CASE WHEN r.`{last}` IS NULL OR latest > r.`{last}` "
        f"THEN coalesce(latest, r.`{last}`) ELSE r.`{last}` END"
    )


#: The batch's documents already in the graph as read by another extractor version (a
#: document that gives no version is never stale).
_STALE_DOCUMENTS = f"""
UNWIND $batch.docs AS doc
MATCH (d:{DOCUMENT_LABEL} {{{ontology.KEY}: doc.props.{ontology.KEY}}})
WHERE doc.props.extractorVersion IS NOT NULL
  AND coalesce(d.extractorVersion, '') <> doc.props.extractorVersion
RETURN collect(d.{ontology.KEY}) AS ids
"""


@cache
def load_statement() -> str:
    """MERGE each Document of `$batch.docs`; say which are new (`created`) and what they replace.

    One row: `docs` (id, created, oldIds per document) and `decisions`, the active
    curation decisions (read in the same round trip, for `curate_batch` and resolution).
    When a document's content is already there (`created` false) nothing else of it is
    written; when an earlier version at the same source exists (`oldIds`), the caller
    removes it first. The entities and facts of the new documents are then written by
    one statement over the whole batch's rows (`write_documents`).
    """
    key = ontology.KEY
    # Its plan is index seeks whatever the statistics: kept, like the write statement's.
    return f"""{_REPLAN}
UNWIND $batch.docs AS doc
MERGE (d:{DOCUMENT_LABEL} {{{key}: doc.props.{key}}})
ON CREATE SET d += doc.props,
              d.publishedAt = date(doc.publishedAt),
              d.loadedAt = datetime(),
              d.loadToken = doc.token
WITH d, doc, d.loadToken = doc.token AS created
REMOVE d.loadToken
WITH d, created
OPTIONAL MATCH (old:{DOCUMENT_LABEL} {{source: d.source}})
WHERE created AND old.{key} <> d.{key}
WITH d, created, [id IN collect(old.{key}) WHERE id IS NOT NULL] AS oldIds
WITH collect({{id: d.{key}, created: created, oldIds: oldIds}}) AS docs
{ACTIVE_LIST_SUBQUERY}
RETURN docs, decisions
"""


def _flag(label: str) -> str:
    """The variable holding the ids of `label` the write flagged for resolution."""
    return f"`resolve_{label}`"


def write_documents_statement() -> str:
    """Every label's and type's statement as a subquery of one query, then highestPhase of
    the touched drugs; returns `resolve`, {label: ids to resolve}.

    One round trip per batch. The shape never changes (absent labels get empty lists),
    so the plan is made once and kept (`replan=skip`).
    """
    return _write_documents_statement(ontology.ENTITY_LABELS, ontology.FACT_RELATIONSHIP_TYPES)


@cache
def _write_documents_statement(labels: tuple[str, ...], rel_types: tuple[str, ...]) -> str:
    """Made once per model (an extended ontology, as in a new type's test, gets its own)."""
    # The batch's new Documents, looked up once: every MENTIONS and SUPPORTS row names
    # its document by its index in `docs`.
    parts = [
        f"UNWIND $batch.docIds AS docId MATCH (d:{DOCUMENT_LABEL} {{{ontology.KEY}: docId}})\n"
        "WITH collect(d) AS docs"
    ]
    parts += [
        "CALL (docs) {\n"
        + entity_clause(label)
        .removeprefix(_REPLAN)
        .replace("$rows", f"$batch.entities.`{label}`")
        .replace(" AS ids", f" AS {_flag(label)}")
        + "\n}"
        for label in labels
    ]
    parts += [
        "CALL (docs) {\n"
        + relation_clause(rel_type)
        .removeprefix(_REPLAN)
        .replace("$rows", f"$batch.relations.`{rel_type}`")
        + "\n}"
        for rel_type in rel_types
    ]
    parts.append("CALL () {" + highest_phase_statement() + "}")
    flags = ", ".join(f"`{label}`: {_flag(label)}" for label in labels)
    parts.append(f"RETURN {{{flags}}} AS resolve")
    return _REPLAN + "\n".join(parts)


def _strong(label: str, keys: list[str]) -> list[str]:
    """The keys by which a row's node might join another node of its label (graph/resolution
    decides): for trials every key, since which are strong depends on the node's properties."""
    return list(keys) if label == "Trial" else sorted(strong_keys(label, keys))


def _fold_entities(label: str, batch: list[DocumentRows]) -> list[dict[str, Any]]:
    """The batch's rows of `label`, one per node: what the documents say about it, folded in
    document order as writing them one after the other would (names and lists unioned,
    later scalars win, the display name chosen by the same rule), with one `mentions`
    item per document (`doc` is its index in the batch).

    A Trial is not folded across documents: a registry record's values win over texts'
    depending on what the node already holds, so its rows are applied one by one.
    Sorted by id (the sort is stable, so one node's rows keep the documents' order).
    """
    folded: dict[Any, dict[str, Any]] = {}
    for index, doc in enumerate(batch):
        for row in doc.entities.get(label, ()):
            mention = {
                "doc": index,
                "count": row["count"],
                "name": row["name"],
                "names": sorted(set(row["names"])),
            }
            key = (row["id"], index) if label == "Trial" else row["id"]
            node = folded.get(key)
            if node is None:
                folded[key] = {
                    "id": row["id"],
                    "candidates": [row["name"]],
                    "names": list(row["names"]),
                    "scalars": dict(row["scalars"]),
                    "lists": {name: list(values) for name, values in row["lists"].items()},
                    "keys": list(row["keys"]),
                    "record": row["record"],
                    "mentions": [mention],
                }
                continue
            if row["name"] not in node["candidates"]:
                node["candidates"].append(row["name"])
            node["names"] = _union(node["names"], row["names"])
            node["scalars"].update(row["scalars"])
            for name, values in row["lists"].items():
                node["lists"][name] = _union(node["lists"].get(name), values)
            node["keys"] = _union(node["keys"], row["keys"])
            node["mentions"].append(mention)
    rows = sorted(folded.values(), key=lambda r: r["id"])
    for row in rows:
        row["strong"] = _strong(label, row["keys"])
    return rows


def _fold_relations(rel_type: str, batch: list[DocumentRows]) -> list[dict[str, Any]]:
    """The batch's rows of `rel_type`, one per fact, with one `supports` item (sentence,
    rule, `doc` index) per document that states it; properties folded in document order
    (later values win). Sorted by (from, to), the same lock order for every loader."""
    folded: dict[str, dict[str, Any]] = {}
    for index, doc in enumerate(batch):
        for row in doc.relations.get(rel_type, ()):
            support = {"doc": index, "sentence": row["sentence"], "rule": row["rule"]}
            fact = folded.get(row["fact"])
            if fact is None:
                folded[row["fact"]] = {
                    "from": row["from"],
                    "to": row["to"],
                    "fact": row["fact"],
                    "props": dict(row["props"]),
                    "supports": [support],
                }
            else:
                fact["props"].update(row["props"])
                fact["supports"].append(support)
    return sorted(folded.values(), key=lambda r: (r["from"], r["to"]))


def write_documents(
    tx: neo4j.ManagedTransaction, batch: list[DocumentRows]
) -> tuple[WriteCounts, dict[str, list[str]]]:
    """Inside a transaction: the entities and facts of new documents, whose nodes exist, and
    `highestPhase` of the drugs they touch; returns the counts and {label: ids} resolution
    must look at (`resolve` of write_documents_statement).

    Entities before facts (which MATCH them), each node and fact written once per batch
    (`_fold_entities`, `_fold_relations`), in key order: the same lock order for every
    loader, which makes deadlocks rarer.
    """
    totals = WriteCounts()
    drug_ids, trial_ids = _touched(batch)
    batch_param = {
        "docIds": [rows.document[ontology.KEY] for rows in batch],
        "entities": {label: _fold_entities(label, batch) for label in ontology.ENTITY_LABELS},
        "relations": {
            rel_type: _fold_relations(rel_type, batch)
            for rel_type in ontology.FACT_RELATIONSHIP_TYPES
        },
        **_phase_param(drug_ids, trial_ids),
    }
    result = tx.run(write_documents_statement(), {BATCH: batch_param})
    flagged = result.single(strict=True)["resolve"]
    totals.add(result.consume().counters)
    return totals, {label: ids for label, ids in flagged.items() if ids}


_PHASE_RANK = {phase.value: rank for rank, phase in enumerate(ontology.Phase)}


def _phase_param(drug_ids: list[str], trial_ids: list[str]) -> dict[str, Any]:
    """What `highest_phase_statement` reads from `$batch`."""
    return {"drugIds": drug_ids, "trialIds": trial_ids, "rank": _PHASE_RANK}


@cache
def highest_phase_statement() -> str:
    """Recompute `Drug.highestPhase` of the given drugs and of the drugs the given trials evaluate.

    Why recomputed, not raised: a delete or a corrected trial phase may lower it.
    """
    evaluates = ontology.relationship_type("EVALUATES")
    trial, drug = evaluates.start, evaluates.end
    return f"""
CALL () {{
  UNWIND $batch.drugIds AS id MATCH (g:`{drug}` {{{ontology.KEY}: id}}) RETURN g
  UNION
  UNWIND $batch.trialIds AS id
  MATCH (:`{trial}` {{{ontology.KEY}: id}})-[:`{evaluates.type}`]->(g:`{drug}`) RETURN g
}}
WITH DISTINCT g
CALL (g) {{
  OPTIONAL MATCH (t:`{trial}`)-[:`{evaluates.type}`]->(g) WHERE t.phase IN keys($batch.rank)
  RETURN max($batch.rank[t.phase]) AS best
}}
WITH g, best, [p IN keys($batch.rank) WHERE $batch.rank[p] = best][0] AS phase
WHERE coalesce(g.highestPhase, '') <> coalesce(phase, '')
SET g.highestPhase = phase
"""


def update_highest_phase(
    tx: neo4j.ManagedTransaction, drug_ids: list[str], trial_ids: list[str]
) -> None:
    """Inside a transaction: bring `highestPhase` of the touched drugs up to date."""
    if drug_ids or trial_ids:
        tx.run(highest_phase_statement(), {BATCH: _phase_param(drug_ids, trial_ids)}).consume()


@dataclass
class BatchCounts:
    """What writing a batch of documents did: one WriteCounts per document, plus the totals.

    Node and relationship counters come from Neo4j for the whole transaction; they are
    not split per document.
    """

    documents: list[WriteCounts] = field(default_factory=list)
    totals: WriteCounts = field(default_factory=WriteCounts)


def _doc_param(rows: DocumentRows) -> dict[str, Any]:
    props = {k: v for k, v in rows.document.items() if k != "publishedAt"}
    return {
        "props": props,
        "publishedAt": rows.document.get("publishedAt"),
        "token": uuid.uuid4().hex,
    }


def _touched(batch: list[DocumentRows]) -> tuple[list[str], list[str]]:
    """Drug ids and Trial ids a batch writes (their drugs' highestPhase may change)."""
    drugs: set[str] = set()
    trials: set[str] = set()
    for rows in batch:
        drugs.update(row["id"] for row in rows.entities.get("Drug", ()))
        drugs.update(row["to"] for row in rows.relations.get("EVALUATES", ()))
        trials.update(row["id"] for row in rows.entities.get("Trial", ()))
    return sorted(drugs), sorted(trials)


def write_batch_rows(tx: neo4j.ManagedTransaction, batch: list[DocumentRows]) -> BatchCounts:
    """Transaction function: write a batch of documents' rows (re-run as a whole on retry).

    Documents must have distinct ids (the caller folds repeats).
    """
    out = BatchCounts()
    params = [_doc_param(rows) for rows in batch]
    # A document an older extractor read is read again: what that reading said goes first.
    reread = tx.run(_STALE_DOCUMENTS, {BATCH: {"docs": params}}).single(strict=True)["ids"]
    for doc_id in reread:
        removed = remove_document(tx, doc_id)
        out.totals.nodes_deleted += removed.nodes_deleted
        out.totals.relationships_deleted += removed.relationships_deleted
    result = tx.run(load_statement(), {BATCH: {"docs": params}})
    loaded = result.single(strict=True)
    records = {record["id"]: record for record in loaded["docs"]}
    decisions = decisions_from(loaded["decisions"])
    out.totals.add(result.consume().counters)
    written: list[DocumentRows] = []
    for rows in batch:
        record = records[rows.document[ontology.KEY]]
        counts = WriteCounts(document_id=record["id"])
        if not record["created"]:
            counts.status = "unchanged"
        else:
            written.append(rows)
            if record["id"] in reread:
                counts.status = "replaced"
                counts.replaced_ids = [record["id"]]
            if record["oldIds"]:
                counts.status = "replaced"
                counts.replaced_ids = sorted({*counts.replaced_ids, *record["oldIds"]})
                for old_id in sorted(record["oldIds"]):
                    removed = remove_document(tx, old_id)
                    out.totals.nodes_deleted += removed.nodes_deleted
                    out.totals.relationships_deleted += removed.relationships_deleted
        out.documents.append(counts)
    if written:
        # curators' decisions win over extraction
        written = curate_batch(tx, written, decisions)
        totals, flagged = write_documents(tx, written)
        out.totals.add_counts(totals)
        # Resolution (graph/resolution.py) only for the nodes the write flagged: most
        # batches of a growing graph flag none and cost no further round trip.
        apart = kept_apart(decisions) if flagged else set()
        for label in ontology.ENTITY_LABELS:
            for absorbed in resolve_label(tx, label, flagged.get(label, ()), apart).values():
                out.totals.nodes_deleted += len(absorbed)
    return out


def write_rows(tx: neo4j.ManagedTransaction, rows: DocumentRows) -> WriteCounts:
    """Transaction function: write one document's rows (re-run as a whole on retry)."""
    batch = write_batch_rows(tx, [rows])
    counts = batch.documents[0]
    totals = batch.totals
    counts.nodes_created, counts.relationships_created = (
        totals.nodes_created,
        totals.relationships_created,
    )
    counts.nodes_deleted, counts.relationships_deleted = (
        totals.nodes_deleted,
        totals.relationships_deleted,
    )
    counts.properties_set = totals.properties_set
    return counts


#: Names the made-up document and entities of `warm_up`, which no graph ever keeps.
WARM_UP_NAME = "kg-warm-up"


@cache
def warm_up_extraction() -> dict[str, Any]:
    """A made-up document naming one entity of every label and stating one fact of every
    type: a batch of the shape real batches have, built from the ontology."""
    entities = [
        {
            "id": f"{ontology.NODE_TYPES_BY_LABEL[label].id_prefix}:{WARM_UP_NAME}",
            "type": label,
            "name": WARM_UP_NAME,
            "mentions": [{"start": 0, "end": len(WARM_UP_NAME), "text": WARM_UP_NAME}],
        }
        for label in ontology.ENTITY_LABELS
    ]
    ids = {entity["type"]: entity["id"] for entity in entities}
    relations = []
    for rel_type in ontology.FACT_RELATIONSHIP_TYPES:
        spec = ontology.relationship_type(rel_type)
        relations.append(
            {
                "type": rel_type,
                "from": {"type": spec.start, "id": ids[spec.start]},
                "to": {"type": spec.end, "id": ids[spec.end]},
                "evidence": {"sentence": WARM_UP_NAME, "rule": f"{rel_type.lower()}.warm_up"},
            }
        )
    document = {ontology.KEY: WARM_UP_NAME, "source": WARM_UP_NAME, "publishedAt": "2000-01-01"}
    return {"document": document, "entities": entities, "relations": relations}


def warm_up(driver: neo4j.Driver, database: str) -> None:
    """Have Neo4j plan the batch statements now: write a made-up batch, then roll it back.

    Why: on a fresh server, planning the one large write statement takes 10-30 s. A loader
    calls this in its writer thread as it starts, so the planning overlaps the extraction of
    the first batch instead of following it. Why a real batch, of every label and type, and
    not empty lists: Neo4j keys its plan cache by the size bucket of list parameters too (see
    `BATCH`), and the same rows take every branch the first real batch will. One attempt, no
    retry: a failure is left for the first real batch to meet and report.
    """
    rows = build_rows(warm_up_extraction())
    try:
        with driver.session(database=database) as session, session.begin_transaction() as tx:
            write_batch_rows(tx, [rows])
            tx.rollback()
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError):
        pass


def write_batch(driver: neo4j.Driver, database: str, batch: list[DocumentRows]) -> BatchCounts:
    """Write already validated documents' rows in one transaction (all or nothing)."""
    with driver.session(database=database) as session:
        return session.execute_write(write_batch_rows, batch)


def loaded_versions(driver: neo4j.Driver, database: str, ids: list[str]) -> dict[str, str | None]:
    """Which of `ids` are already in the graph as Documents, each with the version of the
    extractor that read it: one query for a whole batch."""
    if not ids:
        return {}
    records = driver.execute_query(
        f"UNWIND $batch.ids AS id MATCH (d:{DOCUMENT_LABEL} {{{ontology.KEY}: id}}) "
        "RETURN id, d.extractorVersion AS version",
        {BATCH: {"ids": list(ids)}},
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    ).records
    return {record["id"]: record["version"] for record in records}


def loaded_ids(
    driver: neo4j.Driver, database: str, ids: list[str], version: str | None = None
) -> set[str]:
    """Which of `ids` are already in the graph as Documents (with `version`: read by that
    extractor version; the others are to be read again)."""
    found = loaded_versions(driver, database, ids)
    return {i for i, v in found.items() if version is None or v == version}


def write_extraction(
    driver: neo4j.Driver, database: str, extraction: Extraction | Mapping[str, Any]
) -> WriteCounts:
    """Validate `extraction` and write it as one transaction; raises ExtractionError if invalid."""
    rows = build_rows(extraction)
    with driver.session(database=database) as session:
        return session.execute_write(write_rows, rows)
