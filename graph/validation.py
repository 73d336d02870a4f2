"""Check an extraction against the ontology before anything is written.

The writer interpolates labels, relationship types and property names into
Cypher, so they must come from graph/ontology.py and nowhere else; this module
is the gate that guarantees it. It collects every problem of a document at
once, so that a user fixing an extractor sees the whole list, not the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from graph import ontology

#: The one label that is not an entity: the documents facts are read from.
DOCUMENT_LABEL = next(n.label for n in ontology.NODE_TYPES if not n.is_entity)

#: Entity fields set at the top level of an entity, never inside `properties`.
TOP_LEVEL_ENTITY_FIELDS = frozenset({ontology.KEY, "name", "aliases"})
_PROVENANCE_FIELDS = frozenset(
    {ontology.SUPPORT_COUNT, ontology.FIRST_SEEN, ontology.LAST_SEEN}
    | {ontology.DOC_IDS, ontology.EVIDENCE}  # legacy names, still never the extractor's
)


class ExtractionError(ValueError):
    """An extraction that does not fit the model; nothing of its document is written."""

    def __init__(self, document: str, problems: list[str]) -> None:
        self.document = document
        self.problems = problems
        listing = "; ".join(problems)
        super().__init__(f"document {document}: {listing}")


def document_label(extraction: Mapping[str, Any]) -> str:
    """How error messages name a document: its source, else its id, else '<unknown>'."""
    doc = extraction.get("document") if isinstance(extraction, Mapping) else None
    if isinstance(doc, Mapping):
        source = doc.get("source")
        if isinstance(source, str) and source:
            return source
        doc_id = doc.get(ontology.KEY)
        if isinstance(doc_id, str) and doc_id:
            return doc_id
    return "<unknown>"


def _property(properties: tuple[ontology.Property, ...], name: str) -> ontology.Property:
    return next(p for p in properties if p.name == name)


def type_problem(value: Any, prop: ontology.Property) -> str | None:
    """Why `value` does not fit `prop.type`, or None when it does (None values always fit)."""
    if value is None:
        return None
    kind = prop.type
    if kind == "string":
        ok = isinstance(value, str)
    elif kind == "string[]":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind == "date":
        ok = isinstance(value, str) and _is_iso_date(value)
    elif kind == "datetime":
        ok = isinstance(value, str) and _is_iso_datetime(value)
    else:  # a type the model added that this gate does not know yet: refuse loudly
        return f"property {prop.name!r} has type {kind!r}, which the loader cannot check"
    if ok:
        return None
    return f"property {prop.name!r} must be {kind}, got {value!r}"


def _is_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_iso_datetime(value: str) -> bool:
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_document(doc: Any, problems: list[str]) -> None:
    if not isinstance(doc, Mapping):
        problems.append("'document' must be an object with at least id and source")
        return
    node = ontology.node_type(DOCUMENT_LABEL)
    for key in (ontology.KEY, "source"):
        if not isinstance(doc.get(key), str) or not doc.get(key):
            problems.append(f"document {key!r} must be a non-empty string")
    for name, value in doc.items():
        if name not in node.property_names:
            problems.append(f"document has unknown property {name!r}")
            continue
        if name == "loadedAt":
            problems.append("document 'loadedAt' is set by the loader, not the extraction")
            continue
        problem = type_problem(value, _property(node.properties, name))
        if problem:
            problems.append(f"document {problem}")


def _check_properties(
    properties: Any,
    allowed: tuple[ontology.Property, ...],
    where: str,
    problems: list[str],
    *,
    reserved: frozenset[str],
    reserved_why: str,
    unknown_suffix: str = "",
) -> None:
    """Check an entity's or relation's `properties` object against the model's properties.

    Why one helper: nodes and relationships obey the same rules, only the reserved names differ.
    """
    properties = properties or {}
    if not isinstance(properties, Mapping):
        problems.append(f"{where} properties must be an object")
        return
    by_name = {prop.name: prop for prop in allowed}
    for name, value in properties.items():
        if name in reserved:
            problems.append(f"{where} sets {name!r}{reserved_why}")
        elif name not in by_name:
            problems.append(f"{where} has unknown property {name!r}{unknown_suffix}")
        else:
            problem = type_problem(value, by_name[name])
            if problem:
                problems.append(f"{where} {problem}")


def _check_entities(entities: Any, problems: list[str]) -> dict[str, str]:
    """Check entities; return id -> label of the well-formed ones (relation ends refer to them)."""
    known: dict[str, str] = {}
    if not isinstance(entities, list):
        problems.append("'entities' must be a list")
        return known
    for index, entity in enumerate(entities):
        where = f"entity #{index}"
        if not isinstance(entity, Mapping):
            problems.append(f"{where} must be an object")
            continue
        label = entity.get("type")
        entity_id = entity.get(ontology.KEY)
        if isinstance(entity.get("name"), str):
            where = f"entity #{index} ({label} {entity.get('name')!r})"
        if label not in ontology.ENTITY_LABELS:
            problems.append(
                f"{where} has unknown label {label!r}; entity labels are "
                f"{list(ontology.ENTITY_LABELS)}"
            )
            continue
        node = ontology.node_type(label)
        if not isinstance(entity_id, str) or not entity_id.startswith(f"{node.id_prefix}:"):
            problems.append(f"{where} id must be a string starting with '{node.id_prefix}:'")
            continue
        if len(entity_id) <= len(node.id_prefix) + 1:
            problems.append(f"{where} id {entity_id!r} is empty after its prefix")
            continue
        if not isinstance(entity.get("name"), str) or not entity["name"].strip():
            problems.append(f"{where} name must be a non-empty string")
        aliases = entity.get("aliases", [])
        if aliases is not None and not (
            isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)
        ):
            problems.append(f"{where} aliases must be a list of strings")
        _check_properties(
            entity.get("properties"),
            node.properties,
            where,
            problems,
            reserved=TOP_LEVEL_ENTITY_FIELDS,
            reserved_why=" inside properties; it belongs at top level",
            unknown_suffix=f" for label {label}",
        )
        mentions = entity.get("mentions", [])
        if mentions is not None and not isinstance(mentions, list):
            problems.append(f"{where} mentions must be a list")
        previous = known.get(entity_id)
        if previous is not None and previous != label:
            problems.append(f"{where} reuses id {entity_id!r} already given to a {previous}")
            continue
        known[entity_id] = label
    return known


def _check_end(end: Any, role: str, where: str, known: dict[str, str], problems: list[str]) -> str:
    """Check one relation end; return its label ('' when unusable)."""
    if not isinstance(end, Mapping):
        problems.append(f"{where} '{role}' must be an object with type and id")
        return ""
    label, end_id = end.get("type"), end.get(ontology.KEY)
    if label not in ontology.ENTITY_LABELS:
        problems.append(f"{where} '{role}' has unknown label {label!r}")
        return ""
    if known.get(end_id) != label:
        name = end.get("name", end_id)
        problems.append(
            f"{where} '{role}' {label} {name!r} (id {end_id!r}) "
            "is not among the document's entities"
        )
        return ""
    return label


def _check_relations(relations: Any, known: dict[str, str], problems: list[str]) -> None:
    if not isinstance(relations, list):
        problems.append("'relations' must be a list")
        return
    for index, relation in enumerate(relations):
        if not isinstance(relation, Mapping):
            problems.append(f"relation #{index} must be an object")
            continue
        rel_type = relation.get("type")
        where = f"relation #{index} {rel_type}"
        spec = ontology.RELATIONSHIP_TYPES_BY_TYPE.get(rel_type)
        if spec is None or not spec.has_provenance:
            problems.append(
                f"relation #{index} has unknown relationship type {rel_type!r}; extracted "
                f"relations are {list(ontology.FACT_RELATIONSHIP_TYPES)}"
            )
            continue
        start = _check_end(relation.get("from"), "from", where, known, problems)
        end = _check_end(relation.get("to"), "to", where, known, problems)
        if start and end and not ontology.allows(rel_type, start, end):
            problems.append(
                f"{where} may not connect {start} -> {end}; the model allows "
                f"{spec.start} -> {spec.end}"
            )
        _check_properties(
            relation.get("properties"),
            spec.properties,
            where,
            problems,
            reserved=_PROVENANCE_FIELDS,
            reserved_why="; provenance is recorded by the loader",
        )
        evidence = relation.get("evidence")
        sentence = evidence.get("sentence") if isinstance(evidence, Mapping) else None
        if not isinstance(sentence, str) or not sentence.strip():
            problems.append(f"{where} needs evidence.sentence, the sentence that states it")
        rule = evidence.get("rule") if isinstance(evidence, Mapping) else None
        if rule is not None and not isinstance(rule, str):
            problems.append(f"{where} evidence.rule must be a string (the rule's name)")


def validate_extraction(extraction: Any) -> None:
    """Raise ExtractionError listing everything in `extraction` the ontology does not allow."""
    if not isinstance(extraction, Mapping):
        raise ExtractionError("<unknown>", ["an extraction must be an object"])
    problems: list[str] = []
    _check_document(extraction.get("document"), problems)
    known = _check_entities(extraction.get("entities", []), problems)
    _check_relations(extraction.get("relations", []), known, problems)
    if problems:
        raise ExtractionError(document_label(extraction), problems)
