"""The graph model, defined once.

Every label, relationship type, allowed pair of ends, key and property of the
knowledge graph lives here. Constraints, the loader's validation, the GraphQL
types and `docs/model.md` are derived from (or checked against) these tables,
so a change to the model is a change to this file only.

This module is plain data: it imports nothing from Neo4j, GraphQL or the
extractor, so every layer may depend on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

#: Extra label carried by every entity node, so one full-text index over
#: `name` and `aliases` serves search across all entity types.
ENTITY_LABEL = "Entity"

#: Every node's unique key property.
KEY = "id"

#: Aggregates every fact relationship keeps about its support: how many
#: Documents state it, and the earliest / latest of their publication dates.
#: They are all a fact carries, so writing one more supporting document costs the
#: same whatever the number of documents before it.
SUPPORT_COUNT = "supportCount"
FIRST_SEEN = "firstSeen"
LAST_SEEN = "lastSeen"

#: The evidence record: one `(:Document)-[:SUPPORTS {fact, sentence}]->(start entity)`
#: relationship per (document, fact). `fact` is the fact's key (see `fact_key`),
#: indexed, so the evidence of one fact is an index seek, never a scan of a list.
SUPPORTS = "SUPPORTS"
FACT = "fact"

#: Name lookup: every entity has `keys` (its id's text, name and aliases folded by
#: `name_key`), and each key is a `(:NameKey {key})-[:NAMES]->(entity)`, unique
#: per key, so a lookup by name or alias is an index seek on NameKey.key, however
#: many entities there are.
NAME_KEY_LABEL = "NameKey"
NAMES = "NAMES"
KEYS = "keys"

#: On a Trial: set when a registry record (an entity stated by record fields, not text)
#: wrote its fields. Its scalars then win over free text, whatever the load order.
RECORD_FLAG = "fieldsFrom"

#: Legacy provenance (before SUPPORTS): index-aligned lists on each fact relationship,
#: `docIds[i]` a supporting Document's id and `evidence[i]` its sentence. Only the
#: migration (graph/migrate.py) and readers of not-yet-migrated graphs use them.
DOC_IDS = "docIds"
EVIDENCE = "evidence"

#: Name of the full-text index over entity names and aliases.
FULLTEXT_INDEX = "entity_names"


@dataclass(frozen=True)
class Property:
    """One property of a node or relationship.

    `type` is a Cypher-ish scalar name: string, string[], int, float, date,
    datetime. GraphQL types and docs translate from it.
    """

    name: str
    type: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class NodeType:
    label: str
    description: str
    properties: tuple[Property, ...]
    #: Prefix of canonical ids, e.g. "drug" in "drug:bat4406f".
    id_prefix: str
    #: Entities carry the `Entity` label and are found by search; Document does not.
    is_entity: bool = True

    def property_named(self, name: str) -> Property:
        for prop in self.properties:
            if prop.name == name:
                return prop
        raise KeyError(f"{self.label} has no property {name!r}")

    @cached_property
    def property_names(self) -> frozenset[str]:
        # Cached: the extractor asks once per entity and relation it writes out (the type
        # is frozen, so the set cannot change).
        return frozenset(p.name for p in self.properties)


@dataclass(frozen=True)
class RelationshipType:
    type: str
    start: str
    end: str
    description: str
    properties: tuple[Property, ...] = ()
    #: Fact relationships carry support aggregates and have SUPPORTS evidence;
    #: MENTIONS carries a count.
    has_provenance: bool = True

    @cached_property
    def property_names(self) -> frozenset[str]:
        # Cached: the extractor asks once per entity and relation it writes out (the type
        # is frozen, so the set cannot change).
        return frozenset(p.name for p in self.properties)


class Phase(StrEnum):
    """Clinical stage vocabulary, aligned with Open Targets' clinical stages."""

    PRECLINICAL = "PRECLINICAL"
    EARLY_PHASE_1 = "EARLY_PHASE_1"
    PHASE_1 = "PHASE_1"
    PHASE_1_2 = "PHASE_1_2"
    PHASE_2 = "PHASE_2"
    PHASE_2_3 = "PHASE_2_3"
    PHASE_3 = "PHASE_3"
    PHASE_4 = "PHASE_4"
    APPROVAL = "APPROVAL"


def _common(*extra: Property) -> tuple[Property, ...]:
    return (
        Property(KEY, "string", "Canonical key, stable across documents.", required=True),
        Property("name", "string", "Display name (INN, symbol, name without legal suffix).", True),
        Property("aliases", "string[]", "Other surface forms: abbreviations, codes, brands."),
        Property("xrefs", "string[]", "External identifiers, e.g. HGNC:7315, MESH:D009471."),
        *extra,
    )


_PROV = (
    Property(SUPPORT_COUNT, "int", "How many Documents state this fact.", True),
    Property(FIRST_SEEN, "date", "Earliest publication date of a supporting Document."),
    Property(LAST_SEEN, "date", "Latest publication date of a supporting Document."),
)


NODE_TYPES: tuple[NodeType, ...] = (
    NodeType(
        "Drug",
        "A therapeutic product or candidate: INN, code name or brand.",
        _common(
            Property("modality", "string", "e.g. monoclonal antibody, small molecule, ADC."),
            Property("mechanism", "string", "Mechanism of action as the text states it."),
            Property("highestPhase", "string", "Highest clinical stage seen (Phase vocabulary)."),
        ),
        id_prefix="drug",
    ),
    NodeType(
        "Target",
        "The molecular target a drug acts on.",
        _common(Property("symbol", "string", "Gene or protein symbol, e.g. MS4A1 for CD20.")),
        id_prefix="target",
    ),
    NodeType(
        "Company",
        "A company developing, owning, licensing or marketing a drug.",
        _common(
            Property("headquarters", "string", "City and/or country of the head office."),
            Property("ticker", "string", "Stock ticker, e.g. NASDAQ: ARGX."),
        ),
        id_prefix="company",
    ),
    NodeType(
        "Site",
        "A named institution where research is done: hospital, university, institute.",
        _common(
            Property("kind", "string", "hospital, university, institute or centre."),
            Property("city", "string", "City, when the text gives it."),
            Property("country", "string", "Country, when the text gives it."),
        ),
        id_prefix="site",
    ),
    NodeType(
        "Investigator",
        "A named person who leads or runs the research.",
        _common(Property("title", "string", "Professor, Dr, MD, PhD... as written.")),
        id_prefix="investigator",
    ),
    NodeType(
        "Disease",
        "A disease, disorder or condition that is an indication or is studied.",
        _common(),
        id_prefix="disease",
    ),
    NodeType(
        "Trial",
        "A clinical trial or study, with what the text says about it.",
        _common(
            Property("registryId", "string", "NCT..., EudraCT, ChiCTR, CTR... when given."),
            Property("acronym", "string", "Trial acronym, e.g. HERCULES."),
            Property("phase", "string", "Phase vocabulary value, e.g. PHASE_2_3."),
            Property("phaseText", "string", "The phase as the text words it."),
            Property("design", "string[]", "randomized, double-blind, placebo-controlled..."),
            Property("status", "string", "e.g. terminated early, completed, ongoing."),
            Property("enrollment", "int", "Number of participants."),
            Property("siteCount", "int", "Number of sites."),
            Property("countries", "string[]", "Countries where the trial runs."),
            Property("outcome", "string", "Result as the text states it."),
            Property(
                "startDate",
                "string",
                "Start date as the registry states it, ISO with its own precision: "
                "2023-05 or 2023-05-14 (a day is never invented).",
            ),
            Property(
                "primaryCompletionDate",
                "string",
                "Primary completion date (last participant's primary endpoint), as startDate.",
            ),
            Property("completionDate", "string", "Study completion date, as startDate."),
            Property(
                RECORD_FLAG,
                "string",
                "'registry' once a registry record (e.g. ClinicalTrials.gov) set the fields: "
                "its values win over what texts say.",
            ),
        ),
        id_prefix="trial",
    ),
    NodeType(
        "Document",
        "A loaded news item, press release or report; the evidence behind every fact.",
        (
            Property(KEY, "string", "Content hash (sha256 of the text).", required=True),
            Property("title", "string", "Title read from the text."),
            Property("source", "string", "Path or URL the document was loaded from.", True),
            Property("publishedAt", "date", "Publication date read from the text."),
            Property("doi", "string", "DOI cited by the document, if any."),
            Property("url", "string", "Canonical URL the source gives (page, feed item, record)."),
            Property("pmid", "string", "PubMed id of a PubMed record."),
            Property("journal", "string", "Journal of a PubMed record."),
            Property("authors", "string[]", "Authors as the source names them."),
            Property(
                "format",
                "string",
                "Reader that read it: text (also text sent to the API), html, feed, pubmed-xml, "
                "medline, ctgov, pdf, jsonl.",
            ),
            Property("text", "string", "Full text."),
            Property("loadedAt", "datetime", "When it was loaded."),
            Property("extractorVersion", "string", "Version of the extractor that read it."),
        ),
        id_prefix="doc",
        is_entity=False,
    ),
)


RELATIONSHIP_TYPES: tuple[RelationshipType, ...] = (
    RelationshipType(
        "DEVELOPS",
        "Company",
        "Drug",
        "The company develops, owns, licenses or markets the drug.",
        _PROV,
    ),
    RelationshipType(
        "TARGETS",
        "Drug",
        "Target",
        "The drug acts on the target.",
        (*_PROV, Property("action", "string", "antagonist, inhibitor, agonist, binder...")),
    ),
    RelationshipType(
        "INDICATED_FOR",
        "Drug",
        "Disease",
        "The drug is approved, studied or developed for the disease.",
        _PROV,
    ),
    RelationshipType("EVALUATES", "Trial", "Drug", "The trial tests the drug.", _PROV),
    RelationshipType(
        "STUDIES", "Trial", "Disease", "The trial enrolls patients with the disease.", _PROV
    ),
    RelationshipType(
        "SPONSORED_BY", "Trial", "Company", "The company sponsors or runs the trial.", _PROV
    ),
    RelationshipType("CONDUCTED_AT", "Trial", "Site", "The trial runs at the site.", _PROV),
    RelationshipType(
        "LEADS", "Investigator", "Trial", "The person leads or presents the trial.", _PROV
    ),
    RelationshipType(
        "AFFILIATED_WITH", "Investigator", "Site", "The person works at the institution.", _PROV
    ),
    RelationshipType("PART_OF", "Site", "Site", "One institution belongs to another.", _PROV),
    RelationshipType(
        "SUBTYPE_OF",
        "Disease",
        "Disease",
        "The disease is a subtype of the other (relapsed multiple myeloma of multiple "
        "myeloma): two nodes, never one standing for the other.",
        _PROV,
    ),
    RelationshipType(
        "MENTIONS",
        "Document",
        ENTITY_LABEL,
        "The document names the entity: how many times (count) and by which names.",
        (
            Property("count", "int", "Number of mentions in the document.", True),
            Property("name", "string", "The display name this document gives the entity."),
            Property("names", "string[]", "The entity's names in this document, sorted."),
        ),
        has_provenance=False,
    ),
)


#: The evidence relationship. Not in RELATIONSHIP_TYPES: it is how facts are
#: proven, not a fact or a navigable link of the model (no GraphQL field of its own;
#: the API serves it as the `evidence` of each fact edge).
EVIDENCE_RELATIONSHIP = RelationshipType(
    SUPPORTS,
    "Document",
    ENTITY_LABEL,
    "The document states a fact that starts at the entity: one per (document, fact).",
    (
        Property(FACT, "string", "Key of the fact: TYPE|startId|endId (see fact_key).", True),
        Property("sentence", "string", "The sentence of the document that states the fact.", True),
        Property("rule", "string", "Name of the extraction rule that found it, when known."),
        Property("publishedAt", "date", "The document's publication date (newest first)."),
    ),
    has_provenance=False,
)


#: The curation log: one `(:Curation)` node per human decision (merge, split, alias, reject),
#: replayed on every write so extraction never undoes it. Not in NODE_TYPES: a decision is a
#: record about the graph, not knowledge in it (no GraphQL entity type, no search hit, no
#: `Entity` label), the way SUPPORTS is how facts are proven rather than a fact.
CURATION_LABEL = "Curation"


class CurationAction(StrEnum):
    """What a curation decision does (the `action` of a Curation node)."""

    MERGE = "merge"
    SPLIT = "split"
    ALIAS_ADD = "alias-add"
    ALIAS_REMOVE = "alias-remove"
    REJECT = "reject"


CURATION_NODE_TYPE = NodeType(
    CURATION_LABEL,
    "A curator's decision, replayed whenever documents are written; undo makes it inactive.",
    (
        Property(KEY, "string", "Decision id, e.g. c-1f2e3d4c.", required=True),
        Property("action", "string", "merge, split, alias-add, alias-remove or reject.", True),
        Property("label", "string", "Label of the nodes decided about (reject: the start).", True),
        Property("nodes", "string[]", "Ids of the entities the decision is about.", True),
        Property("keep", "string", "merge: the id that stays."),
        Property("absorbed", "string[]", "merge: the ids that became `keep`."),
        Property("names", "string[]", "split: names that move; alias-add/-remove: the alias."),
        Property("newId", "string", "split: id of the node the names move to."),
        Property("fallbackName", "string", "alias-remove: a name for rows left with no name."),
        Property(FACT, "string", "reject: key of the rejected fact, TYPE|startId|endId."),
        Property("who", "string", "Who decided: --who, the OS user, or the API.", True),
        Property("at", "datetime", "When it was decided.", True),
        Property("why", "string", "The curator's reason."),
        Property("active", "boolean", "False once undone.", True),
        Property("undoneBy", "string", "Who undid it."),
        Property("undoneAt", "datetime", "When it was undone."),
    ),
    id_prefix="c",
    is_entity=False,
)

#: Node types of records kept beside the knowledge graph (constraints, docs), not in it.
LOG_NODE_TYPES: tuple[NodeType, ...] = (CURATION_NODE_TYPE,)

#: What the stored graph was last brought up to: one node per kind of derived data
#: (today only `names`, the lookup keys). When the rules that derive it change (a new
#: key rule, a lexicon entry), opening the graph re-derives it once, so a user's graph
#: never needs a reload to meet documents written under today's rules.
GRAPH_STATE_LABEL = "GraphState"
GRAPH_STATE_NODE_TYPE = NodeType(
    GRAPH_STATE_LABEL,
    "The version of derived data (lookup keys) the stored graph was last brought up to.",
    (
        Property(KEY, "string", "Which derived data: `names`.", required=True),
        Property("rules", "string", "Fingerprint of the rules the data was derived with.", True),
    ),
    id_prefix="state",
    is_entity=False,
)


def name_key(text: str) -> str:
    """A name or alias as looked up: case-folded, whitespace collapsed ("ZX 101" ~ "zx  101")."""
    return " ".join(text.casefold().split())


def fact_key(rel_type: str, start_id: str, end_id: str) -> str:
    """The key of fact `(start)-[rel_type]->(end)`, as SUPPORTS.fact stores it.

    The type comes first and never contains `|`, and the start id is known wherever
    the key is read (SUPPORTS ends at the start), so ids may contain any character.
    """
    return f"{rel_type}|{start_id}|{end_id}"


NODE_TYPES_BY_LABEL: dict[str, NodeType]
RELATIONSHIP_TYPES_BY_TYPE: dict[str, RelationshipType]
ENTITY_LABELS: tuple[str, ...]
#: The one label that is not an entity: the documents facts are read from.
DOCUMENT_LABEL: str
FACT_RELATIONSHIP_TYPES: tuple[str, ...]


def _derive(
    node_types: tuple[NodeType, ...], relationship_types: tuple[RelationshipType, ...]
) -> None:
    """Set the model's tables and every table derived from them (one place for both the
    model above and `extended`)."""
    global NODE_TYPES, RELATIONSHIP_TYPES, NODE_TYPES_BY_LABEL, RELATIONSHIP_TYPES_BY_TYPE
    global ENTITY_LABELS, DOCUMENT_LABEL, FACT_RELATIONSHIP_TYPES
    NODE_TYPES, RELATIONSHIP_TYPES = node_types, relationship_types
    NODE_TYPES_BY_LABEL = {n.label: n for n in node_types}
    RELATIONSHIP_TYPES_BY_TYPE = {r.type: r for r in relationship_types}
    ENTITY_LABELS = tuple(n.label for n in node_types if n.is_entity)
    DOCUMENT_LABEL = next(n.label for n in node_types if not n.is_entity)
    FACT_RELATIONSHIP_TYPES = tuple(r.type for r in relationship_types if r.has_provenance)


_derive(NODE_TYPES, RELATIONSHIP_TYPES)


@contextmanager
def extended(
    node_types: tuple[NodeType, ...] = (), relationship_types: tuple[RelationshipType, ...] = ()
) -> Iterator[None]:
    """The model with more node and relationship types, until the block ends.

    Why: a new entity type must need no edit outside its ontology entry, its family module
    and its stage line; tests/extract/test_toy_family.py shows it with a toy type added
    here. Everything that reads the model through this module at call time
    (`ontology.ENTITY_LABELS`, `node_type()`, ...) sees the extension: the extraction
    model, the extractor and the writer do. One model per process otherwise: this is for
    tests and experiments, not thread-safe, and not how the model changes (edit the tables
    above).
    """
    before = (NODE_TYPES, RELATIONSHIP_TYPES)
    _derive((*NODE_TYPES, *node_types), (*RELATIONSHIP_TYPES, *relationship_types))
    try:
        yield
    finally:
        _derive(*before)


def node_type(label: str) -> NodeType:
    """The node type for `label`; raises a clear error for a label not in the model."""
    try:
        return NODE_TYPES_BY_LABEL[label]
    except KeyError:
        raise ValueError(
            f"unknown label {label!r}; the model has {sorted(NODE_TYPES_BY_LABEL)}"
        ) from None


def relationship_type(rel_type: str) -> RelationshipType:
    """The relationship type for `rel_type`; raises a clear error for one not in the model."""
    try:
        return RELATIONSHIP_TYPES_BY_TYPE[rel_type]
    except KeyError:
        known = sorted(RELATIONSHIP_TYPES_BY_TYPE)
        raise ValueError(f"unknown relationship type {rel_type!r}; the model has {known}") from None


def allows(rel_type: str, start_label: str, end_label: str) -> bool:
    """Whether the model allows `(start)-[rel_type]->(end)`."""
    rel = RELATIONSHIP_TYPES_BY_TYPE.get(rel_type)
    if rel is None:
        return False
    if rel.end == ENTITY_LABEL:
        return start_label == rel.start and end_label in ENTITY_LABELS
    return (rel.start, rel.end) == (start_label, end_label)
