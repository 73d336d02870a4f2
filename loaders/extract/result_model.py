"""The typed extraction result (what `kg extract` prints), checked against graph/ontology.py.

Why: the result leaves the extractor as a dict; this model states its shape once and checks
every type, property and relationship end against the ontology, the single source of truth,
so a new rule cannot emit a label, property or edge the graph does not know.
`ExtractionResult.model_validate(result)` raises a pydantic ValidationError naming the field.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph.ontology import ENTITY_LABELS, allows, node_type, relationship_type
from graph.validation import DOCUMENT_LABEL, type_problem

#: `<relationship type in lower case>.<rule>`, e.g. "develops.possessive".
RULE_NAME = re.compile(r"^[a-z_]+\.[a-z0-9_]+$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocumentOut(BaseModel):
    """The document's properties: the ones every extraction has, and any other the ontology
    gives a Document (url, pmid, journal, authors, format... from a source's metadata)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str = Field(min_length=1)
    source: str
    title: str
    publishedAt: str | None = None
    doi: str | None = None

    @model_validator(mode="after")
    def _document_properties(self) -> DocumentOut:
        node = node_type(DOCUMENT_LABEL)
        for name, value in (self.model_extra or {}).items():
            if name not in node.property_names:
                raise ValueError(f"Document has no property {name!r} in the ontology")
            problem = type_problem(value, node.property_named(name))
            if problem:
                raise ValueError(f"document {problem}")
        return self


class MentionOut(_Strict):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(min_length=1)


class EntityOut(_Strict):
    id: str = Field(min_length=1)
    type: str
    name: str = Field(min_length=1)
    aliases: list[str]
    properties: dict[str, Any]
    mentions: list[MentionOut]

    @field_validator("type")
    @classmethod
    def _known_label(cls, value: str) -> str:
        if value not in ENTITY_LABELS:
            raise ValueError(f"{value!r} is not an entity label of the ontology {ENTITY_LABELS}")
        return value

    @model_validator(mode="after")
    def _known_properties(self) -> EntityOut:
        unknown = set(self.properties) - node_type(self.type).property_names
        if unknown:
            raise ValueError(f"{self.type} has no properties {sorted(unknown)} in the ontology")
        return self


class EndOut(_Strict):
    type: str
    id: str = Field(min_length=1)
    name: str


class EvidenceOut(_Strict):
    sentence: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    rule: str

    @field_validator("rule")
    @classmethod
    def _named_rule(cls, value: str) -> str:
        if not RULE_NAME.match(value):
            raise ValueError(f"rule {value!r} is not a dotted name like 'develops.possessive'")
        return value


class RelationOut(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    type: str
    source: EndOut = Field(alias="from")
    target: EndOut = Field(alias="to")
    properties: dict[str, Any]
    evidence: EvidenceOut

    @model_validator(mode="after")
    def _allowed_by_the_ontology(self) -> RelationOut:
        rel = relationship_type(self.type)  # raises for an unknown type
        if not allows(self.type, self.source.type, self.target.type):
            raise ValueError(
                f"the ontology has no ({self.source.type})-[{self.type}]->({self.target.type})"
            )
        unknown = set(self.properties) - rel.property_names
        if unknown:
            raise ValueError(f"{self.type} has no properties {sorted(unknown)} in the ontology")
        if self.evidence.rule.split(".", 1)[0] != self.type.lower():
            raise ValueError(f"rule {self.evidence.rule!r} does not create {self.type}")
        return self


class ExtractionResult(_Strict):
    """One document's extraction: the contract of `kg extract` and of loading."""

    document: DocumentOut
    entities: list[EntityOut]
    relations: list[RelationOut]

    @model_validator(mode="after")
    def _ends_are_entities(self) -> ExtractionResult:
        known = {(e.type, e.id) for e in self.entities}
        for r in self.relations:
            for end in (r.source, r.target):
                if (end.type, end.id) not in known:
                    raise ValueError(f"{r.type} end {end.type} {end.id!r} is not an entity")
        return self
