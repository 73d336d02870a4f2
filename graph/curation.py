"""The curation log in the graph, and the graph edits a decision makes when it is taken.

Why in the graph: every loader (any machine, any process) must replay the same decisions, so
they live beside the data as `(:Curation)` nodes (graph/ontology.CURATION_NODE_TYPE), read
once per written batch (`curate_batch`, called by the writer) and applied to the batch's rows
by graph/curation_rules.py. Undoing a decision marks it inactive; rebuilding what it changed
(re-extracting documents) is the loaders' job (loaders/curation.py).

Everything here runs inside the caller's transaction, so a decision and its effect commit
together or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import neo4j

from graph import ontology
from graph.curation_rules import Decision, apply_decisions
from graph.merge import display_name, merge_nodes
from graph.ontology import DOCUMENT_LABEL, CurationAction

if TYPE_CHECKING:  # the writer imports this module
    from graph.writer import DocumentRows

_CURATION = ontology.CURATION_LABEL
_KEY, _ENTITY = ontology.KEY, ontology.ENTITY_LABEL
_NAME_KEY, _NAMES, _KEYS = ontology.NAME_KEY_LABEL, ontology.NAMES, ontology.KEYS
_SUPPORTS, _FACT = ontology.SUPPORTS, ontology.FACT


class CurationError(ValueError):
    """A decision that cannot be taken as asked; the message tells the curator why."""


@dataclass(frozen=True)
class LoggedDecision:
    """A decision as `kg curate log` and the `curationLog` query show it."""

    decision: Decision
    who: str
    at: str
    why: str | None
    active: bool
    undone_by: str | None = None
    undone_at: str | None = None


def new_decision_id() -> str:
    """A short random id (`c-` and 8 hex digits): typed by hand in `kg curate undo`."""
    return f"{ontology.CURATION_NODE_TYPE.id_prefix}-{uuid.uuid4().hex[:8]}"


# --------------------------------------------------------------------------- the log

_ACTIVE = f"""
MATCH (c:{_CURATION}) WHERE c.active
RETURN properties(c) AS c ORDER BY c.at, c.{_KEY}
"""


#: The same read as a subquery that yields one list, `decisions` (properties, oldest first):
#: the writer folds it into the first statement of every batch, so reading the log costs no
#: round trip of its own (`decisions_from` turns the list into Decisions).
ACTIVE_LIST_SUBQUERY = f"""CALL () {{
  MATCH (c:{_CURATION}) WHERE c.active
  WITH c ORDER BY c.at, c.{_KEY}
  RETURN collect(properties(c)) AS decisions
}}"""


def active_decisions(tx: neo4j.ManagedTransaction) -> list[Decision]:
    """The decisions in force, oldest first (the order they are replayed in)."""
    return [Decision.from_properties(r["c"]) for r in tx.run(_ACTIVE)]


def decisions_from(properties: Sequence[Any]) -> list[Decision]:
    """Decisions from the `decisions` list of ACTIVE_LIST_SUBQUERY."""
    return [Decision.from_properties(props) for props in properties]


def curate_batch(
    tx: neo4j.ManagedTransaction,
    batch: list[DocumentRows],
    decisions: Sequence[Decision] | None = None,
) -> list[DocumentRows]:
    """Inside the writer's transaction: the batch's rows with every active decision applied
    (`decisions` when the caller already read them in this transaction, else read here)."""
    if decisions is None:
        decisions = active_decisions(tx)
    if not decisions:
        return batch
    return [apply_decisions(rows, decisions) for rows in batch]


def record_decision(
    tx: neo4j.ManagedTransaction, decision: Decision, who: str, why: str | None
) -> None:
    """Write the decision to the log (active), stamped with who and now."""
    props: dict[str, Any] = {
        _KEY: decision.id,
        "action": decision.action.value,
        "label": decision.label,
        "nodes": list(decision.nodes),
        "keep": decision.keep,
        "absorbed": list(decision.absorbed) or None,
        "names": list(decision.names) or None,
        "newId": decision.new_id,
        "fallbackName": decision.fallback_name,
        _FACT: decision.fact,
        "who": who,
        "why": why or None,
    }
    tx.run(
        f"CREATE (c:{_CURATION}) SET c = $props, c.at = datetime(), c.active = true",
        props={k: v for k, v in props.items() if v is not None},
    ).consume()


def _logged(props: dict[str, Any]) -> LoggedDecision:
    def text(value: Any) -> str | None:
        return None if value is None else str(value.iso_format())

    return LoggedDecision(
        decision=Decision.from_properties(props),
        who=props["who"],
        at=text(props["at"]) or "",
        why=props.get("why"),
        active=bool(props["active"]),
        undone_by=props.get("undoneBy"),
        undone_at=text(props.get("undoneAt")),
    )


def list_decisions(
    driver: neo4j.Driver, database: str, limit: int = 1000, active_only: bool = False
) -> list[LoggedDecision]:
    """The newest `limit` decisions, newest first."""
    records = driver.execute_query(
        f"MATCH (c:{_CURATION}) WHERE c.active OR NOT $activeOnly "
        f"RETURN properties(c) AS c ORDER BY c.at DESC, c.{_KEY} DESC LIMIT $limit",
        activeOnly=active_only,
        limit=limit,
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    ).records
    return [_logged(r["c"]) for r in records]


def get_decision(driver: neo4j.Driver, database: str, decision_id: str) -> LoggedDecision | None:
    """One decision of the log by id, or None."""
    records = driver.execute_query(
        f"MATCH (c:{_CURATION} {{{_KEY}: $id}}) RETURN properties(c) AS c",
        id=decision_id,
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    ).records
    return _logged(records[0]["c"]) if records else None


def mark_undone(tx: neo4j.ManagedTransaction, decision_id: str, who: str) -> Decision:
    """Make an active decision inactive; raises CurationError if absent or already undone."""
    record = tx.run(
        f"MATCH (c:{_CURATION} {{{_KEY}: $id}}) RETURN properties(c) AS c", id=decision_id
    ).single()
    if record is None:
        raise CurationError(f"no curation decision {decision_id!r}; `kg curate log` lists them")
    if not record["c"]["active"]:
        raise CurationError(f"decision {decision_id} is already undone")
    tx.run(
        f"MATCH (c:{_CURATION} {{{_KEY}: $id}}) "
        "SET c.active = false, c.undoneBy = $who, c.undoneAt = datetime()",
        id=decision_id,
        who=who,
    ).consume()
    return Decision.from_properties(record["c"])


# --------------------------------------------------------------------------- entities


@dataclass(frozen=True)
class EntityRef:
    """An entity found by id or name: its id, display name and aliases."""

    id: str
    name: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def entity_label(label: str) -> str:
    """`label` if it is an entity label of the model; else a CurationError listing them."""
    if label not in ontology.ENTITY_LABELS:
        raise CurationError(
            f"{label!r} is not an entity label; use one of {', '.join(ontology.ENTITY_LABELS)}"
        )
    return label


def find_entity(tx: neo4j.ManagedTransaction, label: str, id_or_name: str) -> EntityRef:
    """The `label` entity with this id, else the one entity with this name or alias.

    Why names too: curators read names; ids are what the explorer and GraphQL show. A name
    that names several entities is refused with their ids, never guessed.
    """
    label = entity_label(label)
    by_id = tx.run(
        f"MATCH (n:`{label}` {{{_KEY}: $id}}) RETURN n.{_KEY} AS id, n.name AS name, "
        "coalesce(n.aliases, []) AS aliases",
        id=id_or_name,
    ).single()
    if by_id is not None:
        return EntityRef(by_id["id"], by_id["name"], tuple(by_id["aliases"]))
    found = list(
        tx.run(
            f"MATCH (:{_NAME_KEY} {{key: $key}})-[:{_NAMES}]->(n:`{label}`) "
            f"RETURN n.{_KEY} AS id, n.name AS name, coalesce(n.aliases, []) AS aliases "
            "ORDER BY id",
            key=ontology.name_key(id_or_name),
        )
    )
    if len(found) == 1:
        return EntityRef(found[0]["id"], found[0]["name"], tuple(found[0]["aliases"]))
    if not found:
        raise CurationError(f"no {label} with id or name {id_or_name!r}")
    ids = ", ".join(r["id"] for r in found)
    raise CurationError(f"{id_or_name!r} names several {label} nodes ({ids}); give an id")


def entity_exists(tx: neo4j.ManagedTransaction, entity_id: str) -> bool:
    """Whether any entity has this id (ids are unique across labels)."""
    query = f"MATCH (n:{_ENTITY} {{{_KEY}: $id}}) RETURN count(n) > 0 AS found"
    return bool(tx.run(query, id=entity_id).single(strict=True)["found"])


# --------------------------------------------------------------------------- aliases

# Keys change by what was added or dropped, never recomputed from the names: a node may have
# keys that are not a folded name (type-specific lookup keys), and those stay.
_SET_NAMES = f"""
MATCH (n:{_ENTITY} {{{_KEY}: $id}})
SET n.name = $name, n.aliases = $aliases,
    n.{_KEYS} = [k IN coalesce(n.{_KEYS}, []) WHERE NOT k IN $drop]
               + [k IN $add WHERE NOT k IN coalesce(n.{_KEYS}, [])]
WITH n
FOREACH (k IN $add | MERGE (y:{_NAME_KEY} {{key: k}}) MERGE (y)-[:{_NAMES}]->(n))
WITH n
OPTIONAL MATCH (x:{_NAME_KEY})-[l:{_NAMES}]->(n) WHERE x.key IN $drop
DELETE l
WITH collect(DISTINCT x) AS dropped
UNWIND dropped AS x
WITH x WHERE NOT EXISTS {{ (x)-[:{_NAMES}]->() }}
DELETE x
"""


def set_names(
    tx: neo4j.ManagedTransaction,
    entity_id: str,
    names: Sequence[str],
    added: Sequence[str] = (),
    dropped: Sequence[str] = (),
) -> str:
    """Give the entity exactly these names (display name by the writer's rule), with the
    lookup keys of the `added` names linked and those of the `dropped` ones unlinked."""
    unique = list(dict.fromkeys(n for n in names if n.strip()))
    name = display_name(unique)
    left = {ontology.name_key(n) for n in unique}
    add = sorted({k for k in map(ontology.name_key, added) if k})
    drop = sorted({k for k in map(ontology.name_key, dropped) if k and k not in left})
    aliases = [n for n in unique if n != name]
    tx.run(_SET_NAMES, id=entity_id, name=name, aliases=aliases, add=add, drop=drop).consume()
    return name


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class FactRef:
    """A fact relationship found by its key."""

    type: str
    start: str
    end: str

    @property
    def key(self) -> str:
        return ontology.fact_key(self.type, self.start, self.end)


def parse_fact(key: str) -> tuple[str, str]:
    """(type, 'startId|endId') of a fact key; a CurationError for a malformed one."""
    rel_type, bar, ends = key.strip().partition("|")
    if not bar or rel_type not in ontology.FACT_RELATIONSHIP_TYPES:
        known = ", ".join(ontology.FACT_RELATIONSHIP_TYPES)
        raise CurationError(
            f"{key!r} is not a fact key TYPE|startId|endId with TYPE one of {known}"
        )
    return rel_type, ends


def find_fact(tx: neo4j.ManagedTransaction, key: str) -> FactRef:
    """The fact with this key in the graph; its start is found from the ids, its end follows.

    Ids may contain `|`, so every split of `startId|endId` is tried against the graph.
    """
    rel_type, ends = parse_fact(key)
    spec = ontology.relationship_type(rel_type)
    parts = ends.split("|")
    for cut in range(1, len(parts)):
        start, end = "|".join(parts[:cut]), "|".join(parts[cut:])
        found = tx.run(
            f"MATCH (a:`{spec.start}` {{{_KEY}: $start}})-[r:`{rel_type}`]->"
            f"(b:`{spec.end}` {{{_KEY}: $end}}) RETURN count(r) > 0 AS found",
            start=start,
            end=end,
        ).single(strict=True)
        if found["found"]:
            return FactRef(rel_type, start, end)
    raise CurationError(f"no fact {key!r} in the graph (the explorer and GraphQL show fact keys)")


def delete_fact(tx: neo4j.ManagedTransaction, fact: FactRef) -> int:
    """Delete the fact and its evidence (SUPPORTS records); returns how many records went.

    A trial's EVALUATES feeds the drug's highestPhase, so that is recomputed.
    """
    from graph.writer import update_highest_phase  # the writer imports this module

    spec = ontology.relationship_type(fact.type)
    record = tx.run(
        f"MATCH (a:`{spec.start}` {{{_KEY}: $start}})-[r:`{fact.type}`]->"
        f"(b:`{spec.end}` {{{_KEY}: $end}}) DELETE r "
        f"WITH DISTINCT a OPTIONAL MATCH (:{DOCUMENT_LABEL})-[s:{_SUPPORTS} "
        f"{{{_FACT}: $key}}]->(a) DELETE s RETURN count(s) AS evidence",
        start=fact.start,
        end=fact.end,
        key=fact.key,
    ).single()
    if fact.type == "EVALUATES":
        update_highest_phase(tx, [fact.end], [])
    return 0 if record is None else record["evidence"]


# --------------------------------------------------------------------------- documents


def documents_mentioning(
    tx: neo4j.ManagedTransaction, ids: Sequence[str], all_of: bool = False
) -> list[str]:
    """Ids of the documents that mention any (or, with `all_of`, every one) of these entities."""
    if not ids:
        return []
    records = tx.run(
        f"UNWIND $ids AS id MATCH (d:{DOCUMENT_LABEL})-[:MENTIONS]->(:{_ENTITY} {{{_KEY}: id}}) "
        f"WITH d, count(DISTINCT id) AS hits WHERE hits >= $need "
        f"RETURN d.{_KEY} AS id ORDER BY id",
        ids=list(dict.fromkeys(ids)),
        need=len(set(ids)) if all_of else 1,
    )
    return [r["id"] for r in records]


def canonical_ids(decisions: Sequence[Decision], ids: Sequence[str]) -> list[str]:
    """Where these ids live now: each absorbed id followed through the active merges."""
    into = {old: d.keep for d in decisions if d.keep for old in d.absorbed if old != d.keep}
    out: list[str] = []
    for entity_id in ids:
        seen = {entity_id}
        while entity_id in into and into[entity_id] not in seen:
            entity_id = into[entity_id]
            seen.add(entity_id)
        out.append(entity_id)
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------- enforcing


def _names_of(tx: neo4j.ManagedTransaction, entity_id: str) -> list[str] | None:
    record = tx.run(
        f"MATCH (n:{_ENTITY} {{{_KEY}: $id}}) RETURN [n.name] + coalesce(n.aliases, []) AS names",
        id=entity_id,
    ).single()
    return None if record is None else list(record["names"])


def _fact_present(tx: neo4j.ManagedTransaction, fact: FactRef) -> bool:
    spec = ontology.relationship_type(fact.type)
    record = tx.run(
        f"MATCH (:`{spec.start}` {{{_KEY}: $a}})-[r:`{fact.type}`]->(:`{spec.end}` {{{_KEY}: $b}}) "
        "RETURN count(r) > 0 AS found",
        a=fact.start,
        b=fact.end,
    ).single(strict=True)
    return bool(record["found"])


def enforce_decision(tx: neo4j.ManagedTransaction, decision: Decision) -> str | None:
    """Inside a transaction: redo a decision's graph edit if the graph no longer shows it.

    Why: the rules keep extraction from undoing a decision, but a load that was already
    writing when the decision was taken read the decisions before it, and a graph-level
    merge (automatic resolution) may join what a decision keeps apart or re-create a
    rejected fact. Returns what was repaired (or what needs a rebuild), else None.
    """
    action = decision.action
    if action is CurationAction.MERGE and decision.keep:
        present = [i for i in (decision.keep, *decision.absorbed) if entity_exists(tx, i)]
        if decision.keep in present and len(present) > 1:
            merge_nodes(tx, decision.label, present, keep=decision.keep)
            return f"merged {', '.join(present[1:])} into {decision.keep} again"
    elif action is CurationAction.REJECT and decision.fact and len(decision.nodes) == 2:
        rel_type = decision.fact.partition("|")[0]
        fact = FactRef(rel_type, decision.nodes[0], decision.nodes[1])
        if _fact_present(tx, fact):
            delete_fact(tx, fact)
            return f"deleted {fact.key} again"
    elif action in (CurationAction.ALIAS_ADD, CurationAction.ALIAS_REMOVE) and decision.nodes:
        names = _names_of(tx, decision.nodes[0])
        if names is None:
            return None
        keys = {ontology.name_key(n) for n in decision.names}
        has = any(ontology.name_key(n) in keys for n in names)
        if action is CurationAction.ALIAS_ADD and not has:
            set_names(tx, decision.nodes[0], [*names, *decision.names], added=decision.names)
            return f"added {decision.names[0]!r} to {decision.nodes[0]} again"
        kept = [n for n in names if ontology.name_key(n) not in keys]
        if action is CurationAction.ALIAS_REMOVE and has and kept:
            set_names(tx, decision.nodes[0], kept, dropped=decision.names)
            return f"removed {decision.names[0]!r} from {decision.nodes[0]} again"
    elif action is CurationAction.SPLIT and decision.nodes:
        names = _names_of(tx, decision.nodes[0]) or []
        keys = {ontology.name_key(n) for n in decision.names}
        if any(ontology.name_key(n) in keys for n in names):
            return f"{decision.nodes[0]} has split names again: undo and redo the split"
    return None


def enforce(
    tx: neo4j.ManagedTransaction, ids: Sequence[str] | None = None
) -> list[tuple[str, str]]:
    """Inside a transaction: enforce every active decision (or those touching `ids`), oldest
    first; returns (decision id, what was done) for each one that needed it."""
    wanted = None if ids is None else set(ids)
    done = []
    for decision in active_decisions(tx):
        if wanted is not None and not decision.ids() & wanted:
            continue
        message = enforce_decision(tx, decision)
        if message:
            done.append((decision.id, message))
    return done
