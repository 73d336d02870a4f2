"""The extraction contract as one typed model, checked against graph/ontology.py.

One document's extraction, `{"document": {...}, "entities": [...], "relations": [...]}`,
is what the extractor returns, what `kg extract` prints, what `kg load --extractions`
reads, what the API's ingest writes and what the writer turns into rows. This module
states its shape once (pydantic) and checks every label, relationship type, pair of
ends, property name and value type against the ontology, read when a document is
checked (so an extended ontology is checked like the built-in one).

Why it is the gate: the writer pastes labels, relationship types and property names
into Cypher, so they must come from the ontology and nowhere else. Every problem of a
document is collected at once and raised as one `ExtractionError` that names the
document and, per problem, the entity or relation and the field - never a stack trace.
Shape first (missing fields, wrong JSON types: pydantic), then one pass over a well-formed
document for everything the ontology decides (labels, ids, properties, ends), so a document
is read once and its checks cost about what the hand-written ones did (docs/loading.md).

Lives in graph/ (below loaders/): the writer and the loader both use it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from typing_extensions import TypedDict

from graph import ontology

#: Entity fields set at the top level of an entity, never inside `properties`.
TOP_LEVEL_ENTITY_FIELDS = frozenset({ontology.KEY, "name", "aliases"})
_PROVENANCE_FIELDS = frozenset(
    {ontology.SUPPORT_COUNT, ontology.FIRST_SEEN, ontology.LAST_SEEN}
    | {ontology.DOC_IDS, ontology.EVIDENCE}  # legacy names, still never the extractor's
)

#: The extractor's rule names: `<relationship type in lower case>.<rule>`, e.g.
#: "develops.possessive". Other producers (records, hand-made files) may name rules freely.
RULE_NAME = re.compile(r"^[a-z_]+\.[a-z0-9_]+$")

#: Validation context for the extractor's own output: every relation names its rule.
FROM_EXTRACTOR = {"from_extractor": True}


class ExtractionError(ValueError):
    """An extraction that does not fit the model; nothing of its document is written."""

    def __init__(self, document: str, problems: list[str]) -> None:
        self.document = document
        self.problems = problems
        listing = "; ".join(problems)
        super().__init__(f"document {document}: {listing}")


class _Problems(ValueError):
    """Every ontology problem of a well-formed document, each reported on its own."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


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
        ok = isinstance(value, str) and _is_iso(dt.date, value)
    elif kind == "datetime":
        ok = isinstance(value, str) and _is_iso(dt.datetime, value)
    else:  # a type the model added that this gate does not know yet: refuse loudly
        return f"property {prop.name!r} has type {kind!r}, which the loader cannot check"
    if ok:
        return None
    return f"property {prop.name!r} must be {kind}, got {value!r}"


def _is_iso(kind: type[dt.date], value: str) -> bool:
    try:
        kind.fromisoformat(value)
    except ValueError:
        return False
    return True


_BY_NAME: dict[int, tuple[tuple[ontology.Property, ...], dict[str, ontology.Property]]] = {}


def _by_name(allowed: tuple[ontology.Property, ...]) -> dict[str, ontology.Property]:
    """{name: property} of a node's or relationship's properties, made once per tuple (by
    identity: hashing the tuple would cost more than building the dict)."""
    known = _BY_NAME.get(id(allowed))
    if known is None or known[0] is not allowed:
        known = _BY_NAME[id(allowed)] = (allowed, {prop.name: prop for prop in allowed})
    return known[1]


def _property_problems(
    properties: Mapping[str, Any],
    allowed: tuple[ontology.Property, ...],
    *,
    reserved: frozenset[str],
    reserved_why: str,
    unknown_suffix: str = "",
) -> list[str]:
    """Nodes and relationships obey the same rules for `properties`; only reserved names
    differ."""
    problems: list[str] = []
    if not properties:
        return problems
    by_name = _by_name(allowed)
    for name, value in properties.items():
        if name in reserved:
            problems.append(f"sets {name!r}{reserved_why}")
        elif name not in by_name:
            problems.append(f"has unknown property {name!r}{unknown_suffix}")
        else:
            problem = type_problem(value, by_name[name])
            if problem:
                problems.append(problem)
    return problems


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True)


class ExtractedDocument(_Model):
    """The document's properties: `id` and `source`, and any other property the ontology
    gives a Document (title, publishedAt, url, text, format... from the source)."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)

    id: str = ""
    source: str = ""

    def problems(self) -> list[str]:
        """What of the document the ontology does not allow (each naming the document)."""
        properties = _by_name(ontology.node_type(ontology.DOCUMENT_LABEL).properties)
        problems = [
            f"document {name!r} must be a non-empty string"
            for name, value in ((ontology.KEY, self.id), ("source", self.source))
            if not value
        ]
        for name, value in (self.model_extra or {}).items():
            if name not in properties:
                problems.append(f"document has unknown property {name!r}")
            elif name == "loadedAt":
                problems.append("document 'loadedAt' is set by the loader, not the extraction")
            else:
                problem = type_problem(value, properties[name])
                if problem:
                    problems.append(f"document {problem}")
        return problems

    def properties(self) -> dict[str, Any]:
        """Every property that has a value, as the Document node stores them."""
        out = {ontology.KEY: self.id, "source": self.source}
        out.update((k, v) for k, v in (self.model_extra or {}).items() if v is not None)
        return out


class ExtractedMention(TypedDict):
    """Where the entity is named: character offsets into the document's text.

    A typed dict, not a model: there are many per document, and nothing reads them one by
    one (the writer counts them)."""

    __pydantic_config__ = ConfigDict(strict=True, extra="forbid")  # type: ignore[misc]

    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    text: str


class ExtractedEntity(_Model):
    id: str
    type: str
    name: str
    #: JSON null where a list or object is expected means an empty one (also below).
    aliases: list[str] | None = []
    properties: dict[str, Any] | None = {}
    mentions: list[ExtractedMention] | None = []

    def problems(self) -> list[str]:
        """What of this entity the ontology does not allow."""
        label = self.type
        if label not in ontology.ENTITY_LABELS:
            return [
                f"has unknown label {label!r}; entity labels are {list(ontology.ENTITY_LABELS)}"
            ]
        node = ontology.NODE_TYPES_BY_LABEL[label]
        problems = []
        prefix = node.id_prefix
        if not (self.id.startswith(prefix) and self.id[len(prefix) : len(prefix) + 1] == ":"):
            problems.append(f"id must be a string starting with '{prefix}:'")
        elif len(self.id) <= len(prefix) + 1:
            problems.append(f"id {self.id!r} is empty after its prefix")
        if not self.name or self.name.isspace():
            problems.append("name must be a non-empty string")
        problems += _property_problems(
            self.properties or {},
            node.properties,
            reserved=TOP_LEVEL_ENTITY_FIELDS,
            reserved_why=" inside properties; it belongs at top level",
            unknown_suffix=f" for label {label}",
        )
        return problems


class RelationEnd(_Model):
    """A relation's end: one of the document's entities, by label and id."""

    type: str
    id: str
    name: str | None = None


class Evidence(_Model):
    """The sentence that states a fact, where it is, and the rule that read it."""

    sentence: str
    start: int | None = None
    end: int | None = None
    rule: str | None = None


class ExtractedRelation(_Model):
    type: str
    source: RelationEnd = Field(alias="from")
    target: RelationEnd = Field(alias="to")
    properties: dict[str, Any] | None = {}
    evidence: Evidence

    def problems(self, from_extractor: bool = False) -> list[str]:
        """What of this relation the ontology (and, `from_extractor`, the extractor's promise
        of a named rule) does not allow; whether its ends are entities is the document's
        check."""
        spec = ontology.RELATIONSHIP_TYPES_BY_TYPE.get(self.type)
        if spec is None or not spec.has_provenance:
            return [
                f"has unknown relationship type {self.type!r}; extracted relations are "
                f"{list(ontology.FACT_RELATIONSHIP_TYPES)}"
            ]
        problems = []
        labels = []
        for role, end in (("from", self.source), ("to", self.target)):
            if end.type not in ontology.ENTITY_LABELS:
                problems.append(f"'{role}' has unknown label {end.type!r}")
            labels.append(end.type)
        if not problems and not ontology.allows(self.type, *labels):
            problems.append(
                f"may not connect {labels[0]} -> {labels[1]}; the model allows "
                f"{spec.start} -> {spec.end}"
            )
        problems += _property_problems(
            self.properties or {},
            spec.properties,
            reserved=_PROVENANCE_FIELDS,
            reserved_why="; provenance is recorded by the loader",
        )
        if not self.evidence.sentence or self.evidence.sentence.isspace():
            problems.append("needs evidence.sentence, the sentence that states it")
        if from_extractor:
            rule = self.evidence.rule or ""
            if not RULE_NAME.match(rule):
                problems.append(f"rule {rule!r} is not a dotted name like 'develops.possessive'")
            elif rule.split(".", 1)[0] != self.type.lower():
                problems.append(f"rule {rule!r} does not create {self.type}")
        return problems


class Extraction(_Model):
    """One document's extraction: the contract of `kg extract` and of every way of loading."""

    document: ExtractedDocument
    entities: list[ExtractedEntity] | None = []
    relations: list[ExtractedRelation] | None = []

    @model_validator(mode="after")
    def _fits_the_ontology(self, info: ValidationInfo) -> Extraction:
        """Every entity and relation against the ontology, and relation ends among the
        entities: one pass per document, every problem at once, each naming its part."""
        from_extractor = bool(info.context and info.context.get("from_extractor"))
        known: dict[str, str] = {}
        problems = self.document.problems()
        for index, entity in enumerate(self.entities or ()):
            found = entity.problems()
            previous = known.setdefault(entity.id, entity.type)
            if previous != entity.type:
                found.append(f"reuses id {entity.id!r} already given to a {previous}")
            if found:
                where = f"entity #{index} ({entity.type} {entity.name!r})"
                problems += [f"{where} {problem}" for problem in found]
        for index, relation in enumerate(self.relations or ()):
            found = relation.problems(from_extractor)
            for role, end in (("from", relation.source), ("to", relation.target)):
                if known.get(end.id) != end.type:
                    found.append(
                        f"'{role}' {end.type} {end.name or end.id!r} (id {end.id!r}) is not "
                        "among the document's entities"
                    )
            if found:
                problems += [f"relation #{index} {relation.type} {problem}" for problem in found]
        if problems:
            raise _Problems(problems)
        return self


def document_label(extraction: Any, default: str = "<unknown>") -> str:
    """How error messages name a document: its source, else its id, else `default`."""
    doc = extraction.get("document") if isinstance(extraction, Mapping) else None
    if isinstance(doc, Mapping):
        for key in ("source", ontology.KEY):
            value = doc.get(key)
            if isinstance(value, str) and value:
                return value
    return default


def parse_extraction(
    extraction: Any, *, from_extractor: bool = False, name: str = "<unknown>"
) -> Extraction:
    """The typed extraction, or ExtractionError listing everything the ontology does not allow.

    `from_extractor`: also require what the extractor promises beyond the contract
    (every relation names its rule, `<type>.<rule>`). `name`: how errors name a document
    that gives neither source nor id (e.g. the file and line it was read from).
    """
    if isinstance(extraction, Extraction):
        return extraction
    if not isinstance(extraction, Mapping):
        raise ExtractionError(name, ["an extraction must be an object"])
    try:
        return Extraction.model_validate(
            extraction, context=FROM_EXTRACTOR if from_extractor else None
        )
    except ValidationError as error:
        problems = [p for e in error.errors() for p in _describe(extraction, e)]
        raise ExtractionError(document_label(extraction, name), problems) from None


def _item(extraction: Mapping[str, Any], part: str, index: Any) -> Mapping[str, Any]:
    items = extraction.get(part)
    if isinstance(items, list) and isinstance(index, int) and index < len(items):
        item = items[index]
        if isinstance(item, Mapping):
            return item
    return {}


def _where(extraction: Mapping[str, Any], loc: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """Who a problem is about, as users name it, and the field path left inside it."""
    if not loc:
        return "", ()
    if loc[0] == "document":
        return "document", loc[1:]
    if loc[0] == "entities" and len(loc) > 1:
        entity = _item(extraction, "entities", loc[1])
        where = f"entity #{loc[1]}"
        if isinstance(entity.get("name"), str):
            where += f" ({entity.get('type')} {entity['name']!r})"
        return where, loc[2:]
    if loc[0] == "relations" and len(loc) > 1:
        rel_type = _item(extraction, "relations", loc[1]).get("type")
        where = f"relation #{loc[1]}"
        return (f"{where} {rel_type}" if isinstance(rel_type, str) else where), loc[2:]
    return f"'{loc[0]}'", loc[1:]


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(extraction: Mapping[str, Any], error: Mapping[str, Any]) -> list[str]:
    """One pydantic error as the sentences a user reads: who, which field, what is wrong."""
    where, rest = _where(extraction, tuple(error["loc"]))
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, _Problems):
        texts = cause.problems
    elif isinstance(cause, ValueError):
        texts = [str(cause)]
    else:
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
        if error["type"] == "missing":
            message = "is required"
        elif error["type"] == "extra_forbidden":
            message = "is not a field of the contract"
        else:  # "Input should be a valid integer" -> "must be a valid integer, got 'a'"
            message = re.sub(r" or instance of \w+", "", error["msg"])
            message = re.sub(r"^Input should be", "must be", message)
            message += f", got {_short(error.get('input'))}"
        texts = [f"{field!r} {message}" if field else message]
    return [f"{where} {text}" if where else text for text in texts]
