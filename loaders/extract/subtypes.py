"""A disease subtype is its own entity, linked to its parent by SUBTYPE_OF, never its alias.

Why: the disease finder names a mention by its head ("HER2-positive breast cancer" is a
mention of "breast cancer" with the full phrase as a form), which is right for qualifier
variants ("metastatic breast cancer", "grade 2 glioma": aliases, see the annotation
guidelines) but wrong for subtypes: across documents the parent node would then answer for
"HER2-positive breast cancer", and a document about relapsed myeloma would merge with one
about newly diagnosed myeloma. So, per document, after the relations are found:

- an alias of a disease that is a *subtype form* of its name (a subtype marker, e.g. a
  biomarker status, "newly diagnosed", "relapsed or refractory", "relapsing", before the
  name) becomes its own entity, with the abbreviations whose letters are its initials;
- the mentions written as the subtype move to it, and it gets `SUBTYPE_OF` the parent
  (evidence: the sentence that names the subtype); the facts stay with the parent (what
  the text claims, and what the annotation guidelines score);
- a disease whose alias is its own parent ("plaque psoriasis" with alias "psoriasis")
  loses that alias; the parent becomes its own entity when the text names it on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.resolve import make_id
from loaders.extract.text import initials

#: Words before a disease name that make it a subtype, not a qualifier variant.
SUBTYPE_MARKER = re.compile(
    # subtypes.gene_mutation: "EGFR mutant", "EGFR exon20 mutant", "KRAS G12C-mutated".
    r"(?i)(?:\b(?-i:[A-Z][A-Z0-9]{1,6})(?:\s+[\w.]+){0,3}?(?:\s+|-)(?:mutant|mutated)\b|"
    r"\b[\w.+/()]+-(?:positive|negative|low|mutant|mutated|amplified|deficient|"
    r"overexpressing|expressing|rearranged)\b(?<!antibody-positive)(?<!antibody-negative)|\b[\w.]+[+−-](?=\s|/)|\btriple-negative\b|"
    r"\bnewly[ -]diagnosed\b|\brelapsed(?:\s+(?:or|and|and/or)\s+|/)refractory\b|\brelapsed\b|"
    r"\b(?:non-)?relapsing\b|\b(?:secondary|primary)[ -]progressive\b|"
    r"\b(?:extensive|limited)-stage\b|\b(?:plaque|pustular|guttate|erythrodermic)\b|"
    # subtypes.clinical_form: "intractable epilepsy" (drug-resistant) beside "epilepsy".
    r"\bintractable\b)"
)


def is_abbreviation(form: str) -> bool:
    return " " not in form and sum(ch.isupper() for ch in form) >= 2


def subtype_prefix(form: str, parent: str) -> str | None:
    """The words of `form` before `parent` when they mark a subtype, else None."""
    if len(form) <= len(parent) or not form.lower().endswith(parent.lower()):
        return None
    prefix = form[: -len(parent)]
    if prefix[-1:] not in (" ", "-") or not SUBTYPE_MARKER.search(prefix):
        return None
    return prefix.strip()


def _subtype_key(prefix: str) -> str:
    """Forms with the same marker nearest the name are one subtype ("HER2-low metastatic ...")."""
    markers = list(SUBTYPE_MARKER.finditer(prefix))
    # "EGFR-mutated" = "EGFR mutant": one status, two spellings.
    return markers[-1].group(0).lower().replace(" ", "-").replace("-mutated", "-mutant")


@dataclass
class _Subtype:
    forms: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def name(self) -> str:
        return min(self.forms, key=lambda f: (len(f), f))

    def plain_name(self, parent: str) -> str:
        plain = [f for f in self.forms if _plain(f, parent)]
        # A form written with the parent as the text does ("EGFR mutant lung cancer") names
        # it before a headline's title case ("EGFR Mutant Lung Cancer").
        return min(plain or self.forms, key=lambda f: (not f.endswith(parent), len(f), f))

    def names(self) -> list[str]:
        return self.forms + self.abbreviations


def _written_as(doc: Doc, m: Mention, forms: list[str]) -> bool:
    """The mention is (the head of) one of the subtype's forms in the text."""
    lowered = [f.lower() for f in forms]
    if m.text.lower() in lowered:
        return True
    return any(
        doc.text[max(0, m.end - len(f)) : m.end].lower() == f
        for f in lowered
        if len(f) > len(m.text)
    )


def split_subtypes(
    doc: Doc, entities: list[Entity], relations: list[Relation]
) -> tuple[list[Entity], list[Relation]]:
    """Entities and relations with each disease subtype its own entity (see module doc)."""
    entities, relations = join_bare_heads(entities, relations)
    out_entities: list[Entity] = []
    out_relations = list(relations)
    taken = {e.id for e in entities}
    for entity in entities:
        if entity.type != "Disease":
            out_entities.append(entity)
            continue
        parent_alias = _own_parent(entity)
        if parent_alias:
            out_entities.extend(_detach_parent(doc, entity, parent_alias, out_relations, taken))
            continue
        subtypes: dict[str, _Subtype] = {}
        for alias in entity.aliases:
            prefix = subtype_prefix(alias, entity.name)
            if prefix is not None:
                subtypes.setdefault(_subtype_key(prefix), _Subtype()).forms.append(alias)
        # Only a subtype written plainly ("HER2-positive breast cancer") is split off; one
        # wrapped in qualifiers ("previously treated HER2-positive ...") stays an alias.
        groups = [g for g in subtypes.values() if any(_plain(f, entity.name) for f in g.forms)]
        if not groups:
            out_entities.append(entity)
            continue
        for alias in entity.aliases:
            if is_abbreviation(alias):
                for s in groups:
                    if any(initials(f) == alias.lower() for f in s.forms):
                        s.abbreviations.append(alias)
                        break
        keep: list[Mention] = []
        for m in entity.mentions:
            owner = next((s for s in groups if _written_as(doc, m, s.names())), None)
            (owner.mentions if owner else keep).append(m)
        moved = {n for s in groups for n in s.names()}
        entity.aliases = [a for a in entity.aliases if a not in moved]
        made = [_entity_of(s, entity, taken) for s in groups]
        if not keep and len(made) == 1:
            # The text names only the subtype: the entity is the subtype, with its facts.
            sub = made[0]
            sub.aliases += [a for a in entity.aliases if a not in sub.aliases and a != sub.name]
            _retarget(out_relations, entity, sub)
            out_entities.append(sub)
            continue
        # Both are named: facts stay with the parent (the subtype's would be guesses), and
        # the subtype is linked to it, never absorbed.
        entity.mentions = keep or entity.mentions[:1]
        out_entities.append(entity)
        for sub in made:
            out_entities.append(sub)
            where = (sub.mentions or entity.mentions)[0].start
            out_relations.append(
                Relation("SUBTYPE_OF", sub, entity, doc.sentence_at(where), rule="subtype_of.named")
            )
    return out_entities, out_relations


#: Stage words that may sit between a subtype marker and the name ("HER2-low metastatic ...").
_STAGE_WORDS = re.compile(
    r"(?i)(?:\s+(?:metastatic|advanced|locally advanced|unresectable|early))*"
)


def _plain(form: str, parent: str) -> bool:
    """The form is a subtype marker (then perhaps stage words) and the parent's name."""
    prefix = subtype_prefix(form, parent)
    if prefix is None:
        return False
    marker = SUBTYPE_MARKER.match(prefix)
    return marker is not None and _STAGE_WORDS.fullmatch(prefix, marker.end()) is not None


def _retarget(relations: list[Relation], old: Entity, new: Entity) -> None:
    """Point every relation at `old` to `new` instead."""
    for i, r in enumerate(relations):
        if r.source is old or r.target is old:
            relations[i] = Relation(
                r.type,
                new if r.source is old else r.source,
                new if r.target is old else r.target,
                r.sentence,
                r.properties,
                r.rule,
            )


def _entity_of(s: _Subtype, parent: Entity, taken: set[str]) -> Entity:
    name = s.plain_name(parent.name)
    ident = make_id("Disease", name)
    taken.add(ident)
    aliases = [n for n in s.names() if n != name]
    mentions = sorted(s.mentions, key=lambda m: m.start)
    # No properties of the parent: its xrefs name the parent, not the subtype.
    return Entity(ident, "Disease", name, aliases, {}, mentions)


def _own_parent(entity: Entity) -> str | None:
    """An alias that is the entity's own parent: "psoriasis" of "plaque psoriasis"."""
    for alias in entity.aliases:
        if not is_abbreviation(alias) and subtype_prefix(entity.name, alias) is not None:
            return alias
    return None


def _detach_parent(
    doc: Doc, entity: Entity, parent_name: str, relations: list[Relation], taken: set[str]
) -> list[Entity]:
    """Drop the parent's name from a subtype's aliases; the parent named alone is its own entity."""
    parent_forms = [a for a in entity.aliases if a.lower() == parent_name.lower()]
    entity.aliases = [a for a in entity.aliases if a not in parent_forms]
    bare = [
        m
        for m in entity.mentions
        if m.text.lower() == parent_name.lower()
        and not _written_as(doc, m, [entity.name, *entity.aliases])
    ]
    entity.mentions = [m for m in entity.mentions if m not in bare] or entity.mentions
    if not bare:
        return [entity]
    name = min(parent_forms, key=lambda f: (not f.islower(), f))
    ident = make_id("Disease", name)
    if ident in taken:
        return [entity]
    taken.add(ident)
    parent = Entity(ident, "Disease", name, [f for f in parent_forms if f != name], {}, bare)
    relations.append(
        Relation(
            "SUBTYPE_OF",
            entity,
            parent,
            doc.sentence_at(entity.mentions[0].start),
            rule="subtype_of.named",
        )
    )
    return [entity, parent]


#: One word before a disease's head: "acute", "liver", "ANCA-associated".
_ONE_WORD = re.compile(r"[\w'-]+")


def join_bare_heads(
    entities: list[Entity], relations: list[Relation]
) -> tuple[list[Entity], list[Relation]]:
    """A one-word disease head ("pancreatitis", "cirrhosis") in a document whose only longer
    disease on that head is one word more ("acute pancreatitis", "compensated cirrhosis")
    is that disease, written short: one entity, under the longer name (the annotation
    guidelines: qualifier variants are aliases). A subtype marker ("relapsing MS") is left
    to the subtype rule; two longer diseases on the head ("warm autoimmune hemolytic anemia",
    "chronic anemia") leave the bare head its own, and so do a head stated as an indication
    of its own ("migraine" beside "chronic migraine") and a longer name ("Alzheimer's
    disease" beside "early-onset Alzheimer's disease" may be the parent)."""
    diseases = [e for e in entities if e.type == "Disease"]
    indications = {id(r.target) for r in relations if r.type == "INDICATED_FOR"}
    into: dict[int, Entity] = {}
    for bare in diseases:
        if id(bare) in indications:
            continue  # "for angioedema and migraine ... in chronic migraine": stated apart
        head = bare.name.lower()
        longer = [e for e in diseases if e is not bare and e.name.lower().endswith(" " + head)]
        if len(longer) != 1 or is_abbreviation(bare.name) or not _ONE_WORD.fullmatch(head):
            continue
        prefix = longer[0].name[: -len(head)].strip()
        if _ONE_WORD.fullmatch(prefix) and not SUBTYPE_MARKER.search(prefix + " "):
            into[id(bare)] = longer[0]
    if not into:
        return entities, relations
    for bare in diseases:
        target = into.get(id(bare))
        if target is None or id(target) in into:
            continue
        target.aliases += [n for n in (bare.name, *bare.aliases) if n not in target.aliases]
        target.mentions = sorted(target.mentions + bare.mentions, key=lambda m: m.start)
        _retarget(relations, bare, target)
    gone = {id(e) for e in diseases if id(e) in into and id(into[id(e)]) not in into}
    seen: set[tuple[str, int, int]] = set()
    kept_relations = []
    for r in relations:
        key = (r.type, id(r.source), id(r.target))
        if key in seen or r.source is r.target:
            continue
        seen.add(key)
        kept_relations.append(r)
    return [e for e in entities if id(e) not in gone], kept_relations
