"""The extraction pipeline: text in, the contract object out, as a list of declared stages.

`STAGES` is the order: read the document (sentences, abbreviations) -> find typed
mentions per family -> resolve (drop overlaps, merge mentions into entities,
propagate every surface form) -> the mention index -> one stage per relation rule
family -> trials -> the JSON-ready contract. Each stage is named and typed
(`loaders.extract.stages`), so it can be run and timed alone (`kg extract --timings`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from graph.ontology import relationship_type
from loaders.extract.context import Doc
from loaders.extract.document import content_end, document_id, read_date, read_doi, read_title
from loaders.extract.drugs import drop_company_names, drop_target_names, drug_pairs
from loaders.extract.families import COMPANIES, DISEASES, DRUGS, PEOPLE, SITES, TARGETS
from loaders.extract.family import Family
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.people import surname_mentions
from loaders.extract.relations.affiliated_with import affiliations
from loaders.extract.relations.combinations import combinations
from loaders.extract.relations.develops.company_drug import develops
from loaders.extract.relations.develops.deals import deals
from loaders.extract.relations.develops.only_company import only_company_develops
from loaders.extract.relations.develops.pipelines import pipelines
from loaders.extract.relations.develops.story_rules import acquired_pipelines
from loaders.extract.relations.index import Index
from loaders.extract.relations.indicated_for.comparators import comparators
from loaders.extract.relations.indicated_for.owned_products import product_indications
from loaders.extract.relations.indicated_for.roundup_topic import roundup_topic
from loaders.extract.relations.indicated_for.sentence import indicated_for
from loaders.extract.relations.part_of import part_of
from loaders.extract.relations.targets import targets
from loaders.extract.relations.trial_facts import trial_facts
from loaders.extract.resolve import (
    attach_lexicon,
    build_entities,
    drop_overlaps,
    group_mentions,
    merge_head_noun_targets,
    merge_shorthand_diseases,
    propagate,
)
from loaders.extract.sites import SiteLink
from loaders.extract.stages import Resolved, Stage, State, TrialFindings, run_stages
from loaders.extract.subtypes import split_subtypes
from loaders.extract.text import fold_hyphens, unwrap_hard_wraps


def read_document(text: str) -> Doc:
    """Sentences and abbreviations of the text (Unicode hyphens read as "-", a hard-wrapped
    text's line breaks inside sentences as spaces; offsets stay the original text's)."""
    return Doc.read(fold_hyphens(unwrap_hard_wraps(text)))


def resolve(
    doc: Doc,
    mentions_of: dict[str, list[Mention]],
    families: dict[str, Family],
    site_links: list[SiteLink],
) -> Resolved:
    """Drop overlaps, merge mentions into entities, find every surface form again.

    Every family's mentions, in the order their stages ran; each family says how its
    mentions rank, group, and are named (loaders/extract/family.py).
    """
    end = content_end(doc.text)
    found = [m for ms in mentions_of.values() for m in ms if m.start < end]
    mentions = drop_overlaps(found, doc.text, families)
    attach_lexicon(mentions)
    pairs = drug_pairs(doc, [m for m in mentions if m.type == "Drug"])
    groups = group_mentions(mentions, pairs, families)
    for g in groups:
        for m in g:
            m.name = g[0].name if m.type == "Investigator" else m.name
    extra = propagate(doc, groups)
    extra += surname_mentions(doc, [m for m in mentions if m.type == "Investigator"])
    extra = [m for m in extra if m.start < end]
    taken = {(m.start, m.end) for m in mentions}
    merged = drop_overlaps(
        mentions + [m for m in extra if (m.start, m.end) not in taken], doc.text, families
    )
    kept_ids = {id(m) for m in merged}
    # Re-group with the propagated mentions attached to their entity.
    groups = group_mentions(
        merged, [(a, b) for a, b in pairs if id(a) in kept_ids and id(b) in kept_ids], families
    )
    groups = merge_shorthand_diseases(groups, doc.text)
    groups = merge_head_noun_targets(groups)
    people_ids = {id(p) for p in mentions_of.get(PEOPLE.label, ())}
    return Resolved(
        entities=build_entities(groups, families),
        role_people=[m for m in merged if m.type == "Investigator" and id(m) in people_ids],
        mechanism_targets=[m for m in merged if m.type == "Target" and "_mech" in m.props],
        companies=[m for m in merged if m.type == "Company"],
        site_links=[
            link
            for link in site_links
            if id(link.child) in kept_ids and id(link.parent) in kept_ids
        ],
    )


def build_index(doc: Doc, resolved: Resolved) -> Index:
    """Where each entity is mentioned, plus "the drug"/"the company" anaphora."""
    index = Index(doc, resolved.entities)
    index.add_anaphora()
    return index


def targets_rule(index: Index, resolved: Resolved) -> list[Relation]:
    return targets(index, resolved.mechanism_targets)


def develops_rule(index: Index, resolved: Resolved) -> list[Relation]:
    return develops(index, resolved.companies)


def affiliations_rule(index: Index, resolved: Resolved) -> list[Relation]:
    return affiliations(index, resolved.role_people, resolved.site_links)


def part_of_rule(index: Index, resolved: Resolved) -> list[Relation]:
    return part_of(index, resolved.site_links)


def find_trial_facts(
    doc: Doc, index: Index, relations: list[Relation], resolved: Resolved
) -> TrialFindings:
    """The trials named or implied, and who leads them, what they evaluate and study."""
    entities, rels = trial_facts(doc, index, relations, resolved.role_people)
    return TrialFindings(entities, rels)


def _entity_json(e: Entity) -> dict:
    return {
        "id": e.id,
        "type": e.type,
        "name": e.name,
        "aliases": e.aliases,
        "properties": e.properties,
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions],
    }


def _relation_json(doc: Doc, r: Relation, sentences: dict[tuple[int, int], str]) -> dict:
    """`sentences`: each evidence sentence with its white space collapsed, made once per
    sentence (a sentence often carries several facts)."""
    allowed = relationship_type(r.type).property_names
    s, e = r.sentence
    sentence = sentences.get(r.sentence)
    if sentence is None:
        sentence = sentences[r.sentence] = " ".join(doc.text[s:e].split())
    return {
        "type": r.type,
        "from": {"type": r.source.type, "id": r.source.id, "name": r.source.name},
        "to": {"type": r.target.type, "id": r.target.id, "name": r.target.name},
        "properties": {k: v for k, v in r.properties.items() if k in allowed},
        "evidence": {
            "sentence": sentence,
            "start": s,
            "end": e,
            "rule": r.rule,
        },
    }


def contract(
    text: str,
    source: str,
    doc: Doc,
    resolved: Resolved,
    relations: list[Relation],
    trials: TrialFindings,
) -> dict:
    """The JSON-ready contract object of the document (see docs/extraction.md)."""
    entities, facts = split_subtypes(doc, resolved.entities, list(relations) + trials.relations)
    sentences: dict[tuple[int, int], str] = {}
    return {
        "document": {
            "id": document_id(text),
            "source": source,
            "title": read_title(text),
            "publishedAt": read_date(text),
            "doi": read_doi(text),
        },
        "entities": [_entity_json(e) for e in entities + trials.entities],
        "relations": [_relation_json(doc, r, sentences) for r in facts],
    }


#: The extraction, in order. Relation stages add to `relations`; later ones read earlier ones.
STAGES: list[Stage] = [
    Stage("document", ("text",), ("doc",), read_document),
    Stage.finding(DRUGS),
    Stage.finding(COMPANIES, ("doc", "mentions.Drug"), name="companies"),
    Stage(
        "drugs.not_companies",
        ("mentions.Drug", "mentions.Company"),
        ("mentions.Drug",),
        drop_company_names,
    ),
    Stage.finding(SITES, also=("site_links",)),
    Stage.finding(PEOPLE, ("doc", "mentions.Site"), name="people"),
    Stage.finding(DISEASES),
    Stage.finding(TARGETS, ("doc", "mentions.Disease")),
    Stage(
        "drugs.not_targets",
        ("mentions.Drug", "mentions.Target"),
        ("mentions.Drug",),
        drop_target_names,
    ),
    Stage("resolve", ("doc", "mentions", "families", "site_links"), ("resolved",), resolve),
    Stage("index", ("doc", "resolved"), ("index",), build_index),
    Stage("rel.targets", ("index", "resolved"), ("relations",), targets_rule, adds=True),
    Stage("rel.develops", ("index", "resolved"), ("relations",), develops_rule, adds=True),
    Stage("rel.deals", ("index", "relations"), ("relations",), deals, adds=True),
    Stage("rel.pipelines", ("index",), ("relations",), pipelines, adds=True),
    Stage("rel.acquired", ("index", "relations"), ("relations",), acquired_pipelines, adds=True),
    Stage("rel.indicated_for", ("index",), ("relations",), indicated_for, adds=True),
    Stage("rel.affiliations", ("index", "resolved"), ("relations",), affiliations_rule, adds=True),
    Stage("rel.part_of", ("index", "resolved"), ("relations",), part_of_rule, adds=True),
    Stage("rel.combinations", ("index", "relations"), ("relations",), combinations, adds=True),
    Stage(
        "rel.only_company",
        ("index", "relations"),
        ("relations",),
        only_company_develops,
        adds=True,
    ),
    Stage(
        "rel.owned_products",
        ("index", "relations"),
        ("relations",),
        product_indications,
        adds=True,
    ),
    Stage("rel.comparators", ("index", "relations"), ("relations",), comparators, adds=True),
    Stage("rel.roundup_topic", ("index", "relations"), ("relations",), roundup_topic, adds=True),
    Stage("trials", ("doc", "index", "relations", "resolved"), ("trials",), find_trial_facts),
    Stage(
        "contract",
        ("text", "source", "doc", "resolved", "relations", "trials"),
        ("result",),
        contract,
    ),
]


def extract_document(
    text: str,
    source: str,
    timings: dict[str, float] | None = None,
    stages: list[Stage] | None = None,
) -> dict:
    """The contract object for one document (see loaders.extract.extract_text).

    With `timings`, each stage's seconds are added to it under the stage's name; `stages`
    replaces the stage list (default `STAGES`), e.g. with one more family.
    """
    with _cyclic_gc_paused():
        state = run_stages(State(text, source), STAGES if stages is None else stages, timings)
    assert state.result is not None
    return state.result


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while one document is extracted, back on after.

    Why: an extraction allocates many objects that live until it ends (mentions, matches,
    spans), so the collector's young-generation passes kept finding survivors to traverse
    and promote: 4-9% of the CPU time (most on long documents), and they free nothing the
    reference counts do not. The stages make no reference cycles worth collecting early
    (peak memory of a 5 MB document unchanged). Re-enabled only by the call that turned
    it off, so nested or concurrent extractions never leave it off, and a process that
    turned it off itself keeps it off."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
