"""Curators' decisions as rules over a document's rows, applied before the writer writes them.

Why rules and not only graph edits: a decision edited into the graph once would be undone by
the next load or reload of a document that says otherwise (the absorbed company named again,
the rejected fact stated again). Every batch's rows pass through `apply_decisions` with the
active decisions, in the order they were made, so a document is written as if the curator had
read it. The function is pure (rows in, rows out), so it is tested without a database.

What each action does to one document's rows:
- merge: entity rows of an absorbed id take the kept id (folded with the kept row when the
  document has both), relation ends follow, a fact that would become a self-loop is dropped;
- split: the split node's row moves to the new id when one of its names is a split name, and
  its facts move with it;
- alias-add / alias-remove: the node's row gains / loses the name (a row left with no name
  takes the decision's fallback name);
- reject: the rejected fact's row is dropped (the document still mentions both ends).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.ontology import CurationAction, fact_key, name_key

if TYPE_CHECKING:  # the writer imports this module
    from graph.writer import DocumentRows


@dataclass(frozen=True)
class Decision:
    """One active curation decision, as the rules need it (see ontology.CURATION_NODE_TYPE)."""

    id: str
    action: CurationAction
    label: str
    nodes: tuple[str, ...] = ()
    keep: str | None = None
    absorbed: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    new_id: str | None = None
    fallback_name: str | None = None
    fact: str | None = None

    @classmethod
    def from_properties(cls, props: Mapping[str, Any]) -> Decision:
        """A decision from a Curation node's properties."""
        return cls(
            id=props["id"],
            action=CurationAction(props["action"]),
            label=props["label"],
            nodes=tuple(props.get("nodes") or ()),
            keep=props.get("keep"),
            absorbed=tuple(props.get("absorbed") or ()),
            names=tuple(props.get("names") or ()),
            new_id=props.get("newId"),
            fallback_name=props.get("fallbackName"),
            fact=props.get("fact"),
        )

    def ids(self) -> set[str]:
        """Every entity id the decision reads or writes."""
        found = {*self.nodes, *self.absorbed}
        found.update(x for x in (self.keep, self.new_id) if x)
        return found


def _chosen(a: str, b: str) -> str:
    """The writer's display-name rule: the longer name, ties to the smaller code-point order."""
    return a if (len(a), _neg(a)) > (len(b), _neg(b)) else b


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def _union(*lists: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for values in lists:
        for value in values:
            seen.setdefault(value, None)
    return list(seen)


def _keys(names: Iterable[str]) -> list[str]:
    return sorted({k for k in map(name_key, names) if k})


def _fold_entities(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the same id become one, as build_rows folds an entity listed twice."""
    by_id: dict[str, dict[str, Any]] = {}
    for row in rows:
        found = by_id.get(row["id"])
        if found is None:
            by_id[row["id"]] = row
            continue
        found["name"] = _chosen(found["name"], row["name"])
        found["names"] = _union(found["names"], row["names"])
        found["scalars"] = {**found["scalars"], **row["scalars"]}
        found["lists"] = {
            name: _union(found["lists"].get(name, ()), row["lists"].get(name, ()))
            for name in {*found["lists"], *row["lists"]}
        }
        found["count"] += row["count"]
        found["keys"] = sorted({*found["keys"], *row["keys"]})
    return list(by_id.values())


def _remap(
    entities: dict[str, list[dict[str, Any]]],
    relations: list[tuple[str, dict[str, Any]]],
    label: str,
    moved: dict[str, str],
) -> list[tuple[str, dict[str, Any]]]:
    """Give the rows of `label` in `moved` their new id; facts follow, then fold and re-key."""
    if not moved:
        return relations
    for row in entities.get(label, ()):
        row["id"] = moved.get(row["id"], row["id"])
    entities[label] = _fold_entities(entities.get(label, []))
    out: dict[tuple[str, str, str], tuple[str, dict[str, Any]]] = {}
    for rel_type, row in relations:
        start, end = moved.get(row["from"], row["from"]), moved.get(row["to"], row["to"])
        if start == end and row["from"] != row["to"]:  # two merged ends: no self-loop
            continue
        key = (rel_type, start, end)
        if key in out:  # a document supports a fact once: the first evidence wins
            out[key][1]["props"].update(row["props"])
            continue
        out[key] = (rel_type, {**row, "from": start, "to": end, "fact": fact_key(*key)})
    return list(out.values())


def _rename(
    row: dict[str, Any], names: list[str], fallback: str | None, dropped: Iterable[str] = ()
) -> None:
    """Give a row these names; its keys lose the dropped names' and gain the new names'.

    Keys are changed, not recomputed: a row may carry keys that are not folded names.
    """
    if not names:
        names = [fallback] if fallback else [row["name"]]
    if row["name"] not in names:
        best = names[0]
        for name in names[1:]:
            best = _chosen(best, name)
        row["name"] = best
    row["names"] = names
    gone = set(map(name_key, dropped))
    row["keys"] = sorted({k for k in row["keys"] if k not in gone} | set(_keys(names)))


def _apply_one(
    decision: Decision,
    entities: dict[str, list[dict[str, Any]]],
    relations: list[tuple[str, dict[str, Any]]],
) -> list[tuple[str, dict[str, Any]]]:
    rows = entities.get(decision.label, [])
    action = decision.action
    if action is CurationAction.MERGE and decision.keep:
        moved = {old: decision.keep for old in decision.absorbed if old != decision.keep}
        return _remap(entities, relations, decision.label, moved)
    if action is CurationAction.SPLIT and decision.new_id and decision.nodes:
        split = {name_key(n) for n in decision.names}
        node = decision.nodes[0]
        hit = any(
            row["id"] == node and any(name_key(n) in split for n in row["names"]) for row in rows
        )
        return _remap(entities, relations, decision.label, {node: decision.new_id} if hit else {})
    if action in (CurationAction.ALIAS_ADD, CurationAction.ALIAS_REMOVE) and decision.nodes:
        gone = {name_key(n) for n in decision.names}
        for row in rows:
            if row["id"] != decision.nodes[0]:
                continue
            if action is CurationAction.ALIAS_ADD:
                _rename(row, _union(row["names"], decision.names), None)
            else:
                kept = [n for n in row["names"] if name_key(n) not in gone]
                _rename(row, kept, decision.fallback_name, decision.names)
        return relations
    if action is CurationAction.REJECT and decision.fact:
        return [(t, row) for t, row in relations if row["fact"] != decision.fact]
    return relations


def apply_decisions(rows: DocumentRows, decisions: Sequence[Decision]) -> DocumentRows:
    """The document's rows as the curators decided, in the order they decided (pure).

    A document that names none of the decisions' entities is returned as it is, so the
    cost for the usual document is one set intersection.
    """
    reachable = {row["id"] for label_rows in rows.entities.values() for row in label_rows}
    relevant = []
    for decision in decisions:  # ids a decision brings in (a kept id) reach later decisions
        if decision.ids() & reachable:
            relevant.append(decision)
            reachable |= decision.ids()
    if not relevant:
        return rows
    entities = {
        label: [
            {
                **row,
                "names": list(row["names"]),
                "scalars": dict(row["scalars"]),
                "lists": {k: list(v) for k, v in row["lists"].items()},
            }
            for row in label_rows
        ]
        for label, label_rows in rows.entities.items()
    }
    relations = [
        (rel_type, {**row, "props": dict(row["props"])})
        for rel_type, rel_rows in rows.relations.items()
        for row in rel_rows
    ]
    for decision in relevant:
        relations = _apply_one(decision, entities, relations)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for rel_type, row in sorted(relations, key=lambda x: (x[0], x[1]["from"], x[1]["to"])):
        grouped.setdefault(rel_type, []).append(row)
    return dataclasses.replace(
        rows,
        entities={
            label: sorted(label_rows, key=lambda r: r["id"])
            for label, label_rows in entities.items()
            if label_rows
        },
        relations=grouped,
    )


def kept_apart(decisions: Sequence[Decision]) -> set[frozenset[str]]:
    """Pairs of ids that active splits keep apart: the split node and the node its names
    moved to. Automatic resolution must not merge such a pair back, whatever keys the two
    share (a name both kept, like a bare company name)."""
    return {
        frozenset((d.nodes[0], d.new_id))
        for d in decisions
        if d.action is CurationAction.SPLIT and d.nodes and d.new_id
    }
