"""Cypher pieces of compiled statements: parameters, variables, filters, sort keys, arrows.

Why separate from the GraphQL walk: these are the rules a compiled statement must share
with graph/reads.py (same filters, same order, same ties) so that both paths answer the
same; keeping them in one small module makes that comparison easy. Every user value
becomes a `$parameter`; labels and relationship types are checked against the ontology
before they are pasted in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from graph.ontology import ENTITY_LABEL, KEY, NAME_KEY_LABEL, NAMES, node_type, relationship_type
from graph.reads import NodeFilter, matches_value, name_params


class Statement:
    """Parameters and fresh variable names of one statement under construction."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}
        self._variables = 0

    def param(self, value: Any) -> str:
        """`$pN` bound to `value`."""
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    def variable(self, prefix: str) -> str:
        """A Cypher variable name no other part of the statement uses."""
        self._variables += 1
        return f"{prefix}{self._variables}"


def checked_label(label: str) -> str:
    """A label of the model (or `Entity`), safe to paste into Cypher."""
    return label if label == ENTITY_LABEL else node_type(label).label


def checked_rel_type(rel_type: str) -> str:
    """A relationship type of the model, safe to paste into Cypher."""
    return relationship_type(rel_type).type


def sort_key(label: str, var: str) -> str:
    """What lists of `label` are ordered by: as `graph.reads.sort_key_expression`."""
    if label == "Document":
        return f"coalesce({var}.title, {var}.source, '')"
    return f"coalesce({var}.name, '')"


def arrow(rel_type: str, direction: str, rel_var: str, other: str) -> str:
    """`-[r:REL]->(m)` or `<-[r:REL]-(m)`; `other` may carry a label (`t:Trial`)."""
    rel = checked_rel_type(rel_type)
    if direction == "out":
        return f"-[{rel_var}:{rel}]->({other})"
    if direction == "in":
        return f"<-[{rel_var}:{rel}]-({other})"
    raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")


def name_match(stmt: Statement, var: str, value: str) -> str:
    """Node `var` has the id `value` or a name or alias folding to it: the resolvers' own test
    (graph.reads.matches_value, an index seek on NameKey), with its parameters bound here."""
    name = f"p{len(stmt.params)}"
    stmt.params.update(name_params(name, value))
    return matches_value(var, name)


def filter_clauses(stmt: Statement, label: str, var: str, node_filter: NodeFilter) -> list[str]:
    """WHERE conditions of a list filter on `var` (the same tests as GraphReader._where).

    Lists of entities cover named nodes only (every entity has a name: the model's
    invariant), which lets a page read the label's name index in order.
    """
    clauses: list[str] = [] if label == "Document" else [f"{var}.name IS NOT NULL"]
    key = sort_key(label, var)
    if node_filter.name_contains:
        p = stmt.param(node_filter.name_contains)
        clauses.append(f"toLower({key}) CONTAINS toLower({p})")
    if node_filter.name_starts_with:
        p = stmt.param(node_filter.name_starts_with)
        clauses.append(f"toLower({key}) STARTS WITH toLower({p})")
    if node_filter.phase:
        p = stmt.param(node_filter.phase)
        if label == "Trial":
            clauses.append(f"{var}.phase = {p}")
        elif label == "Drug":
            trial = stmt.variable("t")
            evaluates = arrow("EVALUATES", "in", "", f"{trial}:Trial")
            clauses.append(
                f"({var}.highestPhase = {p} OR EXISTS {{ MATCH ({var}){evaluates} "
                f"WHERE {trial}.phase = {p} }})"
            )
        else:
            raise ValueError(f"{label} has no phase")
    for related in node_filter.related:
        other = stmt.variable("f")
        step = arrow(related.rel_type, related.direction, "", other)
        test = name_match(stmt, other, related.value)
        clauses.append(f"EXISTS {{ MATCH ({var}){step} WHERE {test} }}")
    return clauses


def where(clauses: list[str]) -> str:
    return f" WHERE {' AND '.join(clauses)}" if clauses else ""


def matching_nodes(
    stmt: Statement, label: str, var: str, node_filter: NodeFilter, extra: tuple[str, ...] = ()
) -> str:
    """Clauses that bind `var` to every `label` node passing the filter (and `extra`).

    With a relationship filter the match starts from the filter's entity (`company: "X"`
    reads X's few drugs) instead of testing every node of the label with EXISTS; the same
    nodes either way, DISTINCT because several entities may match the value.
    """
    lbl = checked_label(label)
    if not node_filter.related:
        clauses = [*filter_clauses(stmt, label, var, node_filter), *extra]
        return f"MATCH ({var}:{lbl}){where(clauses)}"
    anchor, *rest = node_filter.related
    rel = relationship_type(anchor.rel_type)
    other = checked_label(rel.end if anchor.direction == "out" else rel.start)
    start = stmt.variable("a")
    step = arrow(anchor.rel_type, anchor.direction, "", start)
    clauses = [
        *filter_clauses(stmt, label, var, replace(node_filter, related=tuple(rest))),
        *extra,
    ]
    return (
        f"{anchor_nodes(stmt, other, start, anchor.value)} "
        f"MATCH ({var}:{lbl}){step} WITH DISTINCT {var}{where(clauses)}"
    )


def anchor_nodes(stmt: Statement, label: str, var: str, value: str) -> str:
    """Binds `var` to each `label` node passing `name_match(value)`, found by two index seeks
    (its id, its NameKey) instead of testing every node of the label: a WHERE with OR
    over the two is not planned as seeks, it scans the label (2,000 companies at 10k
    documents: 25,000 db hits for one company's drugs)."""
    name = f"p{len(stmt.params)}"
    stmt.params.update(name_params(name, value))
    found = stmt.variable("x")
    return (
        f"CALL () {{ MATCH ({found}:{label} {{{KEY}: ${name}}}) RETURN {found} AS {var} "
        f"UNION MATCH (:{NAME_KEY_LABEL} {{key: ${name}Key}})-[:{NAMES}]->({found}:{label}) "
        f"RETURN {found} AS {var} }}"
    )
