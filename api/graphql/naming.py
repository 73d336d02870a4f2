"""GraphQL names derived from the ontology: root fields, relationship fields, type names.

Why derived: graph/ontology.py is the one source of truth, so a relationship type added
there appears on both of its end types here without touching the API. Only names that
would collide or read badly are overridden, by (label, relationship type, direction).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graph.ontology import ENTITY_LABEL, ENTITY_LABELS, NODE_TYPES, RELATIONSHIP_TYPES

#: Field names that the plural of the other end's label would get wrong.
FIELD_NAME_OVERRIDES: dict[tuple[str, str, str], str] = {
    ("Trial", "SPONSORED_BY", "out"): "sponsors",
    ("Site", "PART_OF", "out"): "parentSites",
    ("Site", "PART_OF", "in"): "childSites",
    ("Disease", "SUBTYPE_OF", "out"): "parentDiseases",
    ("Disease", "SUBTYPE_OF", "in"): "subtypes",
    ("Document", "MENTIONS", "out"): "mentions",
    (ENTITY_LABEL, "MENTIONS", "in"): "mentionedIn",
}


def plural(word: str) -> str:
    """English plural of a label or field name: Company -> Companies, Drug -> Drugs."""
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("s"):
        return word + "es"
    return word + "s"


def lower_first(word: str) -> str:
    return word[:1].lower() + word[1:]


def pascal(rel_type: str) -> str:
    """TARGETS -> Targets, SPONSORED_BY -> SponsoredBy."""
    return "".join(part.capitalize() for part in rel_type.split("_"))


@dataclass(frozen=True)
class RelationshipField:
    """A nested field on `owner` that follows `rel_type` in `direction` to `other` nodes."""

    owner: str
    name: str
    rel_type: str
    direction: str  # "out": owner is the start; "in": owner is the end
    other: str  # a label, or ENTITY_LABEL for any entity

    @property
    def edge_type_name(self) -> str:
        return f"{self.other}Via{pascal(self.rel_type)}Edge"


def filter_name(field: RelationshipField) -> str:
    """Filter argument for a relationship field: targets -> target, parentSites -> parentSite."""
    if field.name == lower_first(plural(field.other)):
        return lower_first(field.other)
    return field.name.removesuffix("s")


def _field_name(owner: str, rel_type: str, direction: str, other: str) -> str:
    return FIELD_NAME_OVERRIDES.get((owner, rel_type, direction)) or lower_first(plural(other))


@cache
def relationship_fields() -> tuple[RelationshipField, ...]:
    """Every relationship of the ontology as a field on both of its end types.

    Cached: the ontology is fixed for the process, and filters call this per request.
    """
    fields: list[RelationshipField] = []
    for rel in RELATIONSHIP_TYPES:
        for owner, direction, other in ((rel.start, "out", rel.end), (rel.end, "in", rel.start)):
            fields.append(
                RelationshipField(
                    owner,
                    _field_name(owner, rel.type, direction, other),
                    rel.type,
                    direction,
                    other,
                )
            )
    _check_unique(fields)
    return tuple(fields)


@cache
def fields_of(label: str) -> tuple[RelationshipField, ...]:
    """Relationship fields of one node type (an entity also gets the `Entity` ones)."""
    owners = {label, ENTITY_LABEL} if label in ENTITY_LABELS else {label}
    return tuple(f for f in relationship_fields() if f.owner in owners)


def _check_unique(fields: list[RelationshipField]) -> None:
    """Fail at import when two relationships would get the same field name on one type."""
    for node in NODE_TYPES:
        owners = {node.label, ENTITY_LABEL} if node.is_entity else {node.label}
        names = [f.name for f in fields if f.owner in owners]
        clashes = {n for n in names if names.count(n) > 1} | (set(names) & node.property_names)
        if clashes:
            raise RuntimeError(
                f"{node.label}: relationship field names {sorted(clashes)} clash; "
                "add an entry to FIELD_NAME_OVERRIDES"
            )


def root_single(label: str) -> str:
    """Root field returning one node: drug, target, ..."""
    return lower_first(label)


def root_list(label: str) -> str:
    """Root field returning a page of nodes: drugs, companies, ..."""
    return lower_first(plural(label))
