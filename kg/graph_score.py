"""Cross-document scoring: does each real-world thing of a gold corpus end up as one node?

Why: `score.py` scores each document on its own, but analysts query the *graph*, where one
company split over two nodes (or two diseases merged into one) breaks every question about it.
This module merges the gold annotations of many documents into real-world things (entities of
one type that share a normalised name or alias) and classifies each against the graph's nodes:

- **one**: exactly one node carries the thing's names, and that node stands for nothing else;
- **split**: two or more nodes carry its names;
- **missing**: no node does (only counted for things not marked optional in every document);
- **over-merged**: its only node also carries the names of another thing of the same type;
- **spurious**: nodes that match no gold thing at all.

Over-merges of a disease with its own parent or subtype ("breast cancer" and "HER2-positive
breast cancer" on one node) are also counted apart (`subtype_over_merged`): SUBTYPE_OF keeps
them two nodes.

Which names say which thing (`identifying_forms`, the default `subtypes_apart=True`): the
annotation guidelines make a subtype and its parent two entities when a text names both, and
a ligand blocked through its receptor an entity of its own; the issue makes a subtype its own
node that never stands for its parent. So a gold alias that is a subtype or the parent of its
entity's name or of another of its names (by the extractor's subtype markers,
loaders/extract/subtypes.py) or one member of a combined indication ("gastroesophageal
junction adenocarcinoma" of "gastric or gastroesophageal junction adenocarcinoma"), and a
target's alias that is its ligand or receptor ("GIP" on "GIP receptor"), name the entity in
that document but do not join things across documents: an annotator who wrote "multiple
myeloma" with alias "RRMM" in a document that names only the subtype has not said that the
two are one thing. A node's names are read the same way. Plain qualifier variants
("metastatic breast cancer", "grade 2 glioma") stay identifying aliases, as the guidelines
say. A disease alias is also read by the graph's own parent rule
(`graph.keys.disease_parent_keys`: the name less the words that say which kind of disease it
is, "diabetes" of "type 2 diabetes", "fibrosis" of "liver fibrosis"; state qualifiers such
as "grade 2" or "metastatic" make no parent), so the scorer and resolution agree on what a
subtype is. And two names that one document annotates as two entities of one type
(`distinct_names`: "eczema" beside "atopic dermatitis") are two things: another document's
alias does not join them. `subtypes_apart=False` (`--subtypes-chained`) merges on every
alias, as the scorer did first. A name with an abbreviation defined inside it
("gastroesophageal junction (GEJ) adenocarcinoma") is also compared without it.

Relations are scored by recall over the whole graph: a gold relation is found when some node of
its source thing is linked to some node of its target thing by the relationship type
(INVESTIGATES as (Investigator)-[:LEADS]->(Trial)-[:EVALUATES]->(Drug), as in the guidelines).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

LABELS = ("Drug", "Target", "Company", "Site", "Investigator", "Disease")
OUTCOMES = ("one", "split", "missing", "over_merged", "optional_absent")
#: Over-merges of a thing with its own parent or subtype (a subset of over_merged).
SUBTYPE_OVER_MERGED = "subtype_over_merged"
_COMPANY_SUFFIXES = frozenset(
    "inc ltd co corp corporation llc plc ag sa gmbh limited company incorporated bv nv se kk "
    "spa srl as ab oy asa aps pte pty lp llp".split()
)
_PERSON_TITLES = frozenset(
    "professor prof dr md phd mph msc mbbs frcp facp assoc associate assistant mr ms mrs".split()
)


def name_key(name: str, label: str, codes: bool = True) -> str:
    """The comparison key of a surface form: case, punctuation, legal suffixes, titles folded;
    a disease in American spelling ("leukaemia" = "leukemia"), a drug's or target's name with
    a digit without its spaces ("Bcl-2" = "BCL2", "AMG 451" = "AMG451"; `codes=False` keeps
    the words apart): one name spelled two ways is one name, in the gold as in the graph."""
    from graph.keys import american

    text = unicodedata.normalize("NFKC", name).casefold()
    words = re.sub(r"[^\w\s]|_", " ", text).split()
    if label == "Company":
        if words[:1] == ["the"]:
            words = words[1:]
        while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
            words = words[:-1]
    if label == "Investigator":
        words = sorted(w for w in words if w not in _PERSON_TITLES)
    if label == "Disease":
        return american(" ".join(words))
    if codes and label in ("Drug", "Target") and any(ch.isdigit() for w in words for ch in w):
        return "".join(words)
    return " ".join(words)


def keys_of(names: Iterable[str], label: str) -> set[str]:
    """The non-empty keys of a name and its aliases; a name with an abbreviation defined
    inside it ("gastroesophageal junction (GEJ) adenocarcinoma") also without it."""
    from graph.keys import without_inline_abbreviation

    forms = [n for name in names if name for n in {name, without_inline_abbreviation(name)}]
    return {key for name in forms if (key := name_key(name, label))}


@dataclass
class Thing:
    """One real-world entity: the gold entities of every document that name it."""

    label: str
    keys: set[str]
    names: list[str]
    #: Required in at least one document (optional everywhere = never counted missing).
    required: bool


@dataclass
class GoldCorpus:
    """Gold things and relations merged across documents."""

    things: list[Thing]
    #: (type, from thing index, to thing index) of every relation required somewhere.
    relations: set[tuple[str, int, int]]
    #: Per relation, the keys of its ends' names that do not identify their things (a
    #: subtype alias, a ligand): a node named so also counts as that end of the relation,
    #: since the annotator put the fact on the entity with that name.
    relation_forms: dict[tuple[str, int, int], tuple[set[str], set[str]]] = field(
        default_factory=dict
    )


def _receptor_key(name: str) -> str:
    """A target's key without an inline abbreviation ("glucose-dependent insulinotropic
    polypeptide (GIP) receptor" -> "... polypeptide receptor")."""
    return name_key(re.sub(r"\s*\([^()]*\)", "", name), "Target", codes=False)


def is_ligand_pair(a: str, b: str) -> bool:
    """One name is the other's receptor ("amylin" and "amylin receptor", "GIP" and "GIP
    receptor"): a ligand and its receptor, two molecules (a ligand blocked through its
    receptor is an entity of its own in the annotation guidelines)."""
    ka, kb = _receptor_key(a), _receptor_key(b)
    short, long = sorted((ka, kb), key=len)
    if not short or short == long or not long.startswith(short + " "):
        return False
    return re.fullmatch(r"receptors?(?: \w+)?", long[len(short) + 1 :]) is not None


def identifying_forms(label: str, forms: list[str], mode: str = "narrow") -> list[str]:
    """The forms of one entity (name first) that say which real-world thing it is.

    A subtype is its own thing and never stands for its parent, and a ligand is not its
    receptor: a disease's alias that is its parent or a subtype ("multiple myeloma" with
    "RRMM" where the text names only the subtype; "acute pancreatitis" with "pancreatitis"),
    with the abbreviations of those, and a target's alias that is its ligand or its receptor
    ("GIP receptor" with "GIP") name the entity in that document but do not make it one
    thing with another document's parent, subtype or ligand. The same holds for a node's
    names. `mode`: "narrow" takes the extractor's subtype markers, "broad" any words before
    or after the parent (is_subtype_pair), "off" keeps every form."""
    from graph.keys import disease_parent_keys
    from loaders.extract.subtypes import initials, is_abbreviation

    if mode == "off" or label not in ("Disease", "Target"):
        return forms
    name, aliases = forms[0], forms[1:]
    if label == "Target":
        return [name, *(a for a in aliases if not is_ligand_pair(a, name))]
    if mode == "broad":
        dropped = [a for a in aliases if is_subtype_pair(a, name)]
    else:
        # A subtype of the name or of another alias ("High-Risk Newly Diagnosed Myeloma"
        # beside "myeloma"), or the name's parent.
        dropped = [
            a
            for a in aliases
            if any(subtype_prefix(a, p) is not None for p in forms if p != a)
            or subtype_prefix(name, a)
            or is_member_of(a, name)
            or disease_parent_keys(name, [a])
            or disease_parent_keys(a, [name])
        ]
    kept = [a for a in aliases if a not in dropped]
    kept = [
        a
        for a in kept
        if not (
            is_abbreviation(a)
            and any(initials(d) == re.sub(r"[^\w]", "", a.lower()) for d in dropped)
        )
    ]
    return [name, *kept]


def subtype_prefix(form: str, parent: str) -> str | None:
    """The extractor's subtype test (loaders/extract/subtypes.py), with the parent's name
    matched whatever its hyphens ("small cell lung cancer" is the parent of
    "extensive-stage small-cell lung cancer")."""
    from loaders.extract.subtypes import subtype_prefix as marked

    def fold(text: str) -> str:
        return text.lower().replace("-", " ")

    if len(form) > len(parent) and fold(form[-len(parent) :]) == fold(parent):
        form = form[: -len(parent)] + parent
    return marked(form, parent)


def is_member_of(part: str, whole: str) -> bool:
    """`part` is one member of a combined indication `whole` ("gastroesophageal junction
    adenocarcinoma" of "gastric or gastroesophageal junction adenocarcinoma"): the
    combination names two diseases, neither of which is it."""
    kp, kw = name_key(part, "Disease"), name_key(whole, "Disease")
    if not kp or kp == kw:
        return False
    return re.search(r"\b(?:or|and|and/or) " + re.escape(kp) + "$", kw) is not None or (
        re.match(re.escape(kp) + r" (?:or|and|and/or)\b", kw) is not None
    )


def _mode(apart: bool | str) -> str:
    return apart if isinstance(apart, str) else ("narrow" if apart else "off")


def is_subtype_pair(a: str, b: str) -> bool:
    """One name is the other with words before or after it ("HER2-positive breast cancer" and
    "breast cancer", "lupus nephritis" and "lupus"): a parent and its subtype, or a variant."""
    ka, kb = name_key(a, "Disease"), name_key(b, "Disease")
    short, long = sorted((ka, kb), key=len)
    if not short or short == long:
        return False
    return long.endswith(" " + short) or long.startswith(short + " ")


def distinct_names(documents: Iterable[dict]) -> set[tuple[str, str, str]]:
    """(label, key, key) of every two names that one document annotates as two entities of
    one type ("eczema" beside "atopic dermatitis", "diabetes" beside "type 2 diabetes").

    Why: another annotator may write one of them as an alias of the other where the text
    uses it as a short form ("atopic dermatitis (eczema)"). The alias names the entity in
    that document, but a document that names both as two things has said they are two; an
    alias does not make them one thing across documents."""
    out: set[tuple[str, str, str]] = set()
    for data in documents:
        entities = [
            (e.get("type"), keys_of([e["name"], *(e.get("aliases") or [])], e.get("type")))
            for e in data.get("entities", [])
            if e.get("type") in LABELS
        ]
        for i, (label, keys) in enumerate(entities):
            for other_label, other_keys in entities[i + 1 :]:
                if label != other_label or keys & other_keys:
                    continue
                out.update((label, a, b) for a in keys for b in other_keys)
                out.update((label, b, a) for a in keys for b in other_keys)
    return out


def _told_apart(label: str, name: str, alias: str, distinct: set[tuple[str, str, str]]) -> bool:
    """Some document annotates `name` and `alias` as two entities (see distinct_names)."""
    return any(
        (label, a, b) in distinct for a in keys_of([name], label) for b in keys_of([alias], label)
    )


def merge_gold(gold_files: Iterable[Path], subtypes_apart: bool | str = True) -> GoldCorpus:
    """Merge per-document gold entities into things (union of entities sharing any key)."""
    entities: list[tuple[str, set[str], list[str], bool]] = []
    other_keys: list[set[str]] = []  # per entity: keys of its non-identifying forms
    doc_names: list[dict[str, int]] = []  # per document: gold name -> entity index
    doc_relations: list[list[dict]] = []
    documents = [json.loads(Path(path).read_text(encoding="utf-8")) for path in sorted(gold_files)]
    distinct = distinct_names(documents) if _mode(subtypes_apart) != "off" else set()
    for data in documents:
        names: dict[str, int] = {}
        for entity in data.get("entities", []):
            label = entity.get("type")
            if label not in LABELS:
                continue
            every_form = [entity["name"], *(entity.get("aliases") or [])]
            forms = identifying_forms(label, every_form, _mode(subtypes_apart))
            forms = [
                forms[0],
                *(a for a in forms[1:] if not _told_apart(label, forms[0], a, distinct)),
            ]
            names[entity["name"]] = len(entities)
            keys = keys_of(forms, label)
            entities.append((label, keys, forms, not entity.get("optional")))
            other_keys.append(keys_of(every_form, label) - keys)
        doc_names.append(names)
        doc_relations.append(data.get("relations", []))

    parent = list(range(len(entities)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with_key: dict[tuple[str, str], int] = {}
    for index, (label, keys, _, _) in enumerate(entities):
        for key in keys:
            other = first_with_key.setdefault((label, key), index)
            parent[find(index)] = find(other)

    roots: dict[int, int] = {}
    things: list[Thing] = []
    for index, (label, keys, forms, required) in enumerate(entities):
        root = find(index)
        if root not in roots:
            roots[root] = len(things)
            things.append(Thing(label, set(), [], False))
        thing = things[roots[root]]
        thing.keys |= keys
        thing.names.extend(form for form in forms if form not in thing.names)
        thing.required = thing.required or required

    relations: set[tuple[str, int, int]] = set()
    relation_forms: dict[tuple[str, int, int], tuple[set[str], set[str]]] = {}
    for names, rels in zip(doc_names, doc_relations, strict=True):
        for rel in rels:
            if rel.get("optional") or rel.get("from") not in names or rel.get("to") not in names:
                continue
            start, end = names[rel["from"]], names[rel["to"]]
            triple = (rel["type"], roots[find(start)], roots[find(end)])
            relations.add(triple)
            extra = relation_forms.setdefault(triple, (set(), set()))
            extra[0].update(other_keys[start])
            extra[1].update(other_keys[end])
    return GoldCorpus(things, relations, relation_forms)


@dataclass(frozen=True)
class GraphNode:
    """An entity node as read from the graph."""

    id: str
    label: str
    names: tuple[str, ...]


@dataclass
class LabelScore:
    """Outcome counts for one label."""

    things: int = 0
    outcomes: Counter = field(default_factory=Counter)
    spurious: int = 0
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: per split thing (its first name): the names of each node it is split over
    split_nodes: dict[str, list[list[str]]] = field(default_factory=dict)

    @property
    def one_share(self) -> float:
        counted = self.things - self.outcomes["optional_absent"]
        return self.outcomes["one"] / counted if counted else 1.0


@dataclass
class CorpusScore:
    """What `score_graph` found: per label outcomes and relation recall per type."""

    labels: dict[str, LabelScore]
    relation_found: Counter
    relation_total: Counter

    def summary(self, examples: int | None = 5) -> dict:
        """Plain data for JSON output and tests; `examples` names per outcome (None: all)."""
        labels = {
            label: {
                "things": score.things,
                **{name: score.outcomes[name] for name in OUTCOMES},
                SUBTYPE_OVER_MERGED: score.outcomes[SUBTYPE_OVER_MERGED],
                "spurious": score.spurious,
                "one_share": round(score.one_share, 3),
                "examples": {k: v[:examples] for k, v in score.examples.items()},
                "split_nodes": dict(list(score.split_nodes.items())[:examples]),
            }
            for label, score in self.labels.items()
        }
        totals = {
            name: sum(s.outcomes[name] for s in self.labels.values())
            for name in (*OUTCOMES, SUBTYPE_OVER_MERGED)
        }
        totals["things"] = sum(s.things for s in self.labels.values())
        counted = sum(s.things - s.outcomes["optional_absent"] for s in self.labels.values())
        found, total = sum(self.relation_found.values()), sum(self.relation_total.values())
        return {
            "labels": labels,
            "totals": {
                **totals,
                "spurious": sum(s.spurious for s in self.labels.values()),
                "one_share": round(totals["one"] / counted, 3) if counted else 1.0,
            },
            "relations": {
                rel: {"found": self.relation_found[rel], "total": self.relation_total[rel]}
                for rel in sorted(self.relation_total)
            },
            "relation_recall": round(found / total, 3) if total else 1.0,
        }


def score_graph(
    gold: GoldCorpus,
    nodes: Iterable[GraphNode],
    edges: Iterable[tuple[str, str, str]],
    subtypes_apart: bool | str = True,
) -> CorpusScore:
    """Classify every gold thing against the graph's nodes; `edges` are (type, from id, to id).
    A node's names are read as gold entities' are (`identifying_forms`, same `subtypes_apart`)."""
    mode = _mode(subtypes_apart)
    nodes = list(nodes)
    names_of = {node.id: list(node.names) for node in nodes}
    by_any_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for node in nodes:
        for key in keys_of(node.names, node.label):
            by_any_name[(node.label, key)].add(node.id)
    nodes = [
        GraphNode(n.id, n.label, tuple(identifying_forms(n.label, list(n.names), mode)))
        if n.names
        else n
        for n in nodes
    ]
    node_things: dict[str, set[int]] = defaultdict(set)
    thing_nodes: dict[int, set[str]] = defaultdict(set)
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, thing in enumerate(gold.things):
        for key in thing.keys:
            by_key[(thing.label, key)].append(index)
    for node in nodes:
        for key in keys_of(node.names, node.label):
            for index in by_key.get((node.label, key), ()):
                node_things[node.id].add(index)
                thing_nodes[index].add(node.id)

    labels = {label: LabelScore() for label in LABELS}
    for index, thing in enumerate(gold.things):
        score = labels[thing.label]
        score.things += 1
        found = thing_nodes.get(index, set())
        if not found:
            outcome = "missing" if thing.required else "optional_absent"
        elif len(found) > 1:
            outcome = "split"
            score.split_nodes[thing.names[0]] = [names_of[n] for n in sorted(found)]
        elif (
            any(
                other != index and gold.things[other].required
                for other in node_things[next(iter(found))]
            )
            and thing.required
        ):
            outcome = "over_merged"
        else:
            outcome = "one"
        score.outcomes[outcome] += 1
        if (
            outcome == "over_merged"
            and thing.label == "Disease"
            and any(
                is_subtype_pair(name, other_name)
                for other in node_things[next(iter(found))]
                if other != index
                for name in thing.names
                for other_name in gold.things[other].names
            )
        ):
            score.outcomes[SUBTYPE_OVER_MERGED] += 1
            score.examples[SUBTYPE_OVER_MERGED].append(thing.names[0])
        if outcome != "one" and outcome != "optional_absent":
            score.examples[outcome].append(thing.names[0])
    for node in nodes:
        if node.label in labels and not node_things.get(node.id):
            labels[node.label].spurious += 1

    linked: set[tuple[str, str, str]] = set(edges)
    found_count: Counter = Counter()
    total_count: Counter = Counter()
    for rel_type, source, target in gold.relations:
        total_count[rel_type] += 1
        ends = []
        for thing, keys in zip(
            (source, target),
            gold.relation_forms.get((rel_type, source, target), ((), ())),
            strict=True,
        ):
            label = gold.things[thing].label
            also = {n for key in keys for n in by_any_name.get((label, key), ())}
            ends.append(thing_nodes.get(thing, set()) | also)
        if any((rel_type, a, b) in linked for a in ends[0] for b in ends[1]):
            found_count[rel_type] += 1
    return CorpusScore(labels, found_count, total_count)


#: Reads every entity node with its names; the labels come from LABELS, never from input.
NODES_QUERY = (
    "MATCH (n:Entity) WHERE any(l IN labels(n) WHERE l IN $labels) "
    "RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels][0] AS label, "
    "[n.name] + coalesce(n.aliases, []) AS names"
)
#: Every fact edge between entities, plus INVESTIGATES derived through a trial.
EDGES_QUERY = (
    "MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS type, a.id AS source, b.id AS target "
    "UNION "
    "MATCH (i:Investigator)-[:LEADS]->(:Trial)-[:EVALUATES]->(d:Drug) "
    "RETURN 'INVESTIGATES' AS type, i.id AS source, d.id AS target"
)
