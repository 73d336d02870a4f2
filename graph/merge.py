"""Merge nodes that name the same real-world thing into one, evidence and all.

Automatic resolution (two documents' names for one company turn out to share a
key) and curation (an analyst says "these two are one") both end here, so a
merge means the same thing whoever asks for it:

- The surviving id is `preferred_id` of the group: a total order on ids, so
  merging a, b and c gives the same node whichever pair was merged first.
- Names follow the writer's rule (the longest name is displayed, ties by
  code-point order; every other name is an alias), list properties are unioned,
  scalars come from the kept node, else from the others in preferred order.
- Every fact relationship moves with its evidence. Evidence is keyed by the fact
  (`TYPE|startId|endId`), so moving a fact re-keys its SUPPORTS records, keeps at
  most one per (document, fact), and recounts the fact's aggregates from them. A
  fact that would join the merged node to itself is dropped with its evidence.
- MENTIONS move too (counts add up when a document named both), so deleting a
  document afterwards still removes exactly what only it supported.

Labels, types and property names come from graph/ontology.py; values are parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import neo4j

from graph import ontology
from graph.ontology import DOCUMENT_LABEL

_KEY, _FACT, _SUPPORTS = ontology.KEY, ontology.FACT, ontology.SUPPORTS
_AGGREGATES = frozenset({ontology.SUPPORT_COUNT, ontology.FIRST_SEEN, ontology.LAST_SEEN})
#: Set from all names, never copied: the display name, aliases and lookup keys.
_NAME_PROPERTIES = frozenset({_KEY, "name", "aliases", ontology.KEYS})

#: Trial ids made from a registry number win over acronym- or description-made ones:
#: the registry record is the trial's identity (ids are `trial:` + the folded number).
_REGISTRY_ID = re.compile(
    r"^(?:nct\d{8}|\d{4}-\d{6}-\d{2}|chictr|ctri|isrctn|jrct|actrn|euctr|drks|ntr\d)", re.I
)


@dataclass
class MergeResult:
    """What a merge did: the surviving id and the ids that no longer exist."""

    kept: str
    absorbed: list[str] = field(default_factory=list)
    relationships_moved: int = 0


def _rank(label: str, node_id: str) -> tuple[int, int, str]:
    tail = node_id.split(":", 1)[-1]
    strong = label == "Trial" and bool(_REGISTRY_ID.match(tail))
    return (0 if strong else 1, len(node_id), node_id)


def preferred_id(label: str, ids: Iterable[str]) -> str:
    """The id a group of `label` nodes keeps when merged.

    A total order (registry-made trial ids first, then the shortest id, then
    code-point order), so the result never depends on the order of merges.
    """
    ids = list(ids)
    if not ids:
        raise ValueError("preferred_id of no ids")
    return min(ids, key=lambda node_id: _rank(label, node_id))


def display_name(names: Iterable[str]) -> str:
    """The writer's rule over the names documents give as display names: the longest, ties
    broken by code-point order (so the result does not depend on load order)."""
    return min(names, key=lambda name: (-len(name), name))


def merged_properties(label: str, nodes: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The merged node's properties; `nodes` lists the kept one first, the rest by rank."""
    spec = ontology.node_type(label)
    names: dict[str, None] = {}
    keys: dict[str, None] = {}
    for node in nodes:
        for name in [node.get("name"), *(node.get("aliases") or ())]:
            if isinstance(name, str) and name.strip():
                names.setdefault(name, None)
        for key in node.get(ontology.KEYS) or ():
            keys.setdefault(key, None)
    # The writer's rule over the names the nodes were *given as names* (not their aliases):
    # each document offers its own display name, the longest wins, so a node merged
    # from parts and one written whole end with the same name.
    display = display_name(
        node["name"] for node in nodes if isinstance(node.get("name"), str) and node["name"].strip()
    )
    merged: dict[str, Any] = {
        "name": display,
        "aliases": [name for name in names if name != display],
        ontology.KEYS: sorted(keys),
    }
    for prop in spec.properties:
        if prop.name in _NAME_PROPERTIES:
            continue
        values = [node.get(prop.name) for node in nodes if node.get(prop.name) is not None]
        if prop.type == "string[]":
            union: dict[str, None] = {}
            for value in values:
                union.update(dict.fromkeys(value))
            merged[prop.name] = list(union) or None
        else:
            merged[prop.name] = values[0] if values else None
    return merged


def _copy_properties(rel_type: str, old: str, new: str) -> str:
    """SET clause filling `new`'s missing fact properties (not aggregates) from `old`."""
    names = [
        p.name for p in ontology.relationship_type(rel_type).properties if p.name not in _AGGREGATES
    ]
    if not names:
        return ""
    sets = ", ".join(f"{new}.`{n}` = coalesce({new}.`{n}`, {old}.`{n}`)" for n in names)
    return f" SET {sets}"


def _pairs(label: str) -> str:
    """How every move statement starts: the pairs of one round, (a kept, b absorbed), no two
    with the same survivor (see `merge_groups`)."""
    return (
        "\nUNWIND $pairs AS pair\n"
        f"MATCH (a:`{label}` {{{_KEY}: pair.keep}}), (b:`{label}` {{{_KEY}: pair.absorb}})"
    )


@cache
def _move_outgoing(label: str, rel_type: str) -> str:
    """Move b's outgoing `rel_type` facts to a; their evidence hangs on b, so it moves too."""
    copy = _copy_properties(rel_type, "r", "r2")
    return f"""{_pairs(label)}
MATCH (b)-[r:`{rel_type}`]->(x)
WITH a, b, r, x, CASE WHEN x = b THEN a ELSE x END AS y
WITH a, b, r, y, $type + '|' + b.{_KEY} + '|' + x.{_KEY} AS oldKey,
     $type + '|' + a.{_KEY} + '|' + y.{_KEY} AS newKey
CALL (a, b, y, oldKey, newKey) {{
  MATCH (d:{DOCUMENT_LABEL})-[s:`{_SUPPORTS}` {{`{_FACT}`: oldKey}}]->(b)
  WITH a, y, newKey, d, s, properties(s) AS p
  DELETE s
  WITH a, y, newKey, d, p WHERE y <> a
  MERGE (d)-[s2:`{_SUPPORTS}` {{`{_FACT}`: newKey}}]->(a)
  ON CREATE SET s2 += p, s2.`{_FACT}` = newKey
  RETURN count(*) AS moved
}}
CALL (a, r, y) {{
  WITH a, r, y WHERE y <> a
  MERGE (a)-[r2:`{rel_type}`]->(y){copy}
}}
DELETE r
RETURN collect(CASE WHEN y <> a THEN [newKey, a.{_KEY}, y.{_KEY}] END) AS facts
"""


@cache
def _move_incoming(label: str, rel_type: str) -> str:
    """Move the `rel_type` facts that end at b to a; their evidence (on the start) is re-keyed."""
    copy = _copy_properties(rel_type, "r", "r2")
    return f"""{_pairs(label)}
MATCH (x)-[r:`{rel_type}`]->(b) WHERE x <> b
WITH a, b, r, x, $type + '|' + x.{_KEY} + '|' + b.{_KEY} AS oldKey,
     $type + '|' + x.{_KEY} + '|' + a.{_KEY} AS newKey
CALL (a, x, oldKey, newKey) {{
  MATCH (d:{DOCUMENT_LABEL})-[s:`{_SUPPORTS}` {{`{_FACT}`: oldKey}}]->(x)
  OPTIONAL MATCH (d)-[dup:`{_SUPPORTS}` {{`{_FACT}`: newKey}}]->(x)
  WITH a, x, newKey, s, dup IS NOT NULL OR x = a AS drop
  FOREACH (_ IN CASE WHEN drop THEN [1] ELSE [] END | DELETE s)
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END | SET s.`{_FACT}` = newKey)
  RETURN count(*) AS moved
}}
CALL (a, r, x) {{
  WITH a, r, x WHERE x <> a
  MERGE (x)-[r2:`{rel_type}`]->(a){copy}
}}
DELETE r
RETURN collect(CASE WHEN x <> a THEN [newKey, x.{_KEY}, a.{_KEY}] END) AS facts
"""


@cache
def _recount(rel_type: str) -> str:
    """Recount moved facts' aggregates from their evidence records (an index seek per fact)."""
    spec = ontology.relationship_type(rel_type)
    count, first, last = ontology.SUPPORT_COUNT, ontology.FIRST_SEEN, ontology.LAST_SEEN
    return f"""
UNWIND $facts AS f
MATCH (s:`{spec.start}` {{{_KEY}: f[1]}})-[r:`{rel_type}`]->(e:`{spec.end}` {{{_KEY}: f[2]}})
CALL (f) {{
  OPTIONAL MATCH ()-[o:`{_SUPPORTS}` {{`{_FACT}`: f[0]}}]->()
  RETURN count(o) AS n, min(o.publishedAt) AS firstDate, max(o.publishedAt) AS lastDate
}}
WITH r, n, firstDate, lastDate WHERE n > 0
SET r.`{count}` = n, r.`{first}` = firstDate, r.`{last}` = lastDate
"""


@cache
def _move_links(label: str) -> str:
    """Move MENTIONS (adding counts, uniting names) and NameKey links from b to a, then delete b.

    A MENTIONS without names (written before they were recorded) makes the merged one
    unknown too, so deleting that document never takes back a name it may have given.
    """
    return f"""{_pairs(label)}
CALL (a, b) {{
  MATCH (d:{DOCUMENT_LABEL})-[m:MENTIONS]->(b)
  MERGE (d)-[m2:MENTIONS]->(a)
  ON CREATE SET m2.count = m.count, m2.name = m.name, m2.names = m.names
  ON MATCH SET m2.count = m2.count + m.count,
      m2.name = CASE WHEN m.name IS NULL OR m2.name IS NULL THEN null
                WHEN size(m.name) > size(m2.name)
                  OR (size(m.name) = size(m2.name) AND m.name < m2.name) THEN m.name
                ELSE m2.name END,
      m2.names = CASE WHEN m.names IS NULL OR m2.names IS NULL THEN null
                 ELSE m2.names + m.names END
  SET m2.names = CASE WHEN m2.names IS NULL THEN null
                 ELSE COLLECT {{ UNWIND m2.names AS x RETURN DISTINCT x ORDER BY x }} END
}}
CALL (a, b) {{
  MATCH (x:`{ontology.NAME_KEY_LABEL}`)-[:`{ontology.NAMES}`]->(b)
  MERGE (x)-[:`{ontology.NAMES}`]->(a)
}}
DETACH DELETE b
"""


def _fact_types(label: str) -> tuple[list[str], list[str]]:
    """Fact types that start at `label` and that end at it."""
    outgoing = [
        r.type for r in ontology.RELATIONSHIP_TYPES if r.has_provenance and r.start == label
    ]
    incoming = [r.type for r in ontology.RELATIONSHIP_TYPES if r.has_provenance and r.end == label]
    return outgoing, incoming


def merge_nodes(
    tx: neo4j.ManagedTransaction, label: str, ids: Sequence[str], keep: str | None = None
) -> MergeResult:
    """Inside a transaction: merge the `label` nodes with these ids into one.

    The survivor is `keep` (it must be one of the present nodes) or, by default,
    `preferred_id` of the present ones. Absent ids are ignored; with fewer than
    two present nodes nothing changes.
    """
    return merge_groups(tx, label, [(keep, ids)])[0]


def merge_groups(
    tx: neo4j.ManagedTransaction, label: str, groups: Sequence[tuple[str | None, Sequence[str]]]
) -> list[MergeResult]:
    """Inside a transaction: merge each group of `label` nodes into one, every group at once.

    `groups` are (keep, ids) as for `merge_nodes`, and must not share ids. Why together:
    a batch of documents often brings dozens of merges (each document that names a company
    the way an absorbed node did makes that node again), and one statement per fact type
    over all of them costs a round trip where one per merge cost dozens. The merges run in
    rounds, each taking at most one absorbed node per group (in rank order), so every
    survivor still takes its absorbed nodes one after the other, as a merge of one group does.
    """
    from graph.writer import update_highest_phase  # the writer calls resolution, which calls us

    if label not in ontology.ENTITY_LABELS:
        raise ValueError(f"{label!r} is not an entity label")
    if not groups:
        return []
    wanted = [list(dict.fromkeys(ids)) for _, ids in groups]
    records = tx.run(
        f"UNWIND $ids AS id MATCH (n:`{label}` {{{_KEY}: id}}) RETURN n.{_KEY} AS id, "
        "properties(n) AS props",
        ids=[node_id for ids in wanted for node_id in ids],
    )
    found = {record["id"]: record["props"] for record in records}
    results: list[MergeResult] = []
    props: list[dict[str, Any]] = []
    for (keep, _), ids in zip(groups, wanted, strict=True):
        nodes = {node_id: found[node_id] for node_id in ids if node_id in found}
        if keep is not None and keep not in nodes:
            raise ValueError(f"no {label} with id {keep!r} to keep")
        kept = keep or (preferred_id(label, nodes) if nodes else "")
        absorbed = sorted((i for i in nodes if i != kept), key=lambda i: _rank(label, i))
        results.append(MergeResult(kept=kept, absorbed=absorbed))
        if absorbed:
            merged = merged_properties(label, [nodes[kept], *(nodes[i] for i in absorbed)])
            props.append({"keep": kept, "props": merged})
    if not props:
        return results

    outgoing, incoming = _fact_types(label)
    # A moved fact is [key, start id, end id]; its survivor is the start of an outgoing fact
    # and the end of an incoming one.
    statements = [(t, _move_outgoing(label, t), 1) for t in outgoing] + [
        (t, _move_incoming(label, t), 2) for t in incoming
    ]
    by_kept = {result.kept: result for result in results}
    moved: dict[str, list[list[str]]] = {}
    rounds = max(len(result.absorbed) for result in results)
    for round_ in range(rounds):
        pairs = [
            {"keep": result.kept, "absorb": result.absorbed[round_]}
            for result in results
            if round_ < len(result.absorbed)
        ]
        for rel_type, statement, survivor in statements:
            facts = tx.run(statement, pairs=pairs, type=rel_type).single(strict=True)["facts"]
            moved.setdefault(rel_type, []).extend(facts)
            for fact in facts:
                by_kept[fact[survivor]].relationships_moved += 1
        tx.run(_move_links(label), pairs=pairs).consume()
    for rel_type, facts in moved.items():
        if facts:
            tx.run(_recount(rel_type), facts=facts).consume()
    tx.run(
        f"UNWIND $rows AS row MATCH (n:`{label}` {{{_KEY}: row.keep}}) SET n += row.props",
        rows=props,
    ).consume()
    kept_ids = [row["keep"] for row in props]
    if label in ("Drug", "Trial"):
        update_highest_phase(
            tx, kept_ids if label == "Drug" else [], kept_ids if label == "Trial" else []
        )
    return results
