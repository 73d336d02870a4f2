"""The extraction pipeline: text in, the contract object out, as a list of declared stages.

`STAGES` is the order: read the document (sentences, abbreviations) -> find typed
mentions per family -> resolve (drop overlaps, merge mentions into entities,
propagate every surface form) -> the mention index -> one stage per relation rule
family -> trials -> the JSON-ready contract. Each stage is named and typed
(`loaders.extract.stages`), so it can be run and timed alone (`kg extract --timings`).
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from graph.ontology import node_type, relationship_type
from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.document import content_end, document_id, read_date, read_doi, read_title
from loaders.extract.drugs import drop_company_names, drug_pairs
from loaders.extract.families import COMPANIES, DISEASES, DRUGS, PEOPLE, SITES, TARGETS
from loaders.extract.family import Family
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.people import surname_mentions
from loaders.extract.relations.affiliated_with import UNDER_PI, affiliations
from loaders.extract.relations.combinations import combinations
from loaders.extract.relations.develops.company_drug import develops
from loaders.extract.relations.develops.deals import deals
from loaders.extract.relations.develops.only_company import only_company_develops
from loaders.extract.relations.develops.pipelines import pipelines
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.indicated_for.comparators import comparators
from loaders.extract.relations.indicated_for.owned_products import product_indications
from loaders.extract.relations.indicated_for.roundup_topic import roundup_topic
from loaders.extract.relations.indicated_for.sentence import indicated_for
from loaders.extract.relations.leads import leads_cue_ok, speaks_of_study
from loaders.extract.relations.part_of import part_of
from loaders.extract.relations.story_drugs import main_drugs, study_context, study_drugs
from loaders.extract.relations.targets import targets
from loaders.extract.resolve import (
    attach_lexicon,
    build_entities,
    drop_overlaps,
    group_mentions,
    make_id,
    merge_head_noun_targets,
    merge_shorthand_diseases,
    propagate,
)
from loaders.extract.sites import SiteLink
from loaders.extract.stages import Resolved, Stage, State, TrialFindings, run_stages
from loaders.extract.subtypes import split_subtypes
from loaders.extract.text import fold_hyphens
from loaders.extract.trials import TrialInfo, describe, find_trials


def read_document(text: str) -> Doc:
    """Sentences and abbreviations of the text (Unicode hyphens read as "-")."""
    return Doc.read(fold_hyphens(text))


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


_CONDUCTED_AT = re.compile(
    r"\b(?:conducted|performed|run|carried out|held|taking place|underway|enrolling)\s+"
    r"(?:\w+\s+){0,2}?(?:at|in)\s+(?:the\s+)?"
)


def _trial_entity(
    doc: Doc, info: TrialInfo | None, drug: Entity | None, diseases: list[Entity]
) -> Entity:
    props = dict(info.props) if info else describe(doc, [])
    if info and info.registry:
        props["registryId"] = info.registry
    if info and info.acronym:
        props["acronym"] = info.acronym
    if info and info.label:
        name = info.label
        ident = make_id("Trial", info.registry or info.acronym)
    else:
        phase = props.get("phaseText", "")
        name = " ".join(x for x in (drug.name if drug else "", phase, "trial") if x)
        ident = make_id(
            "Trial",
            " ".join(
                x
                for x in (
                    drug.name if drug else "",
                    props.get("phase", ""),
                    diseases[0].name if diseases else "",
                )
                if x
            ),
        )
    mentions = [
        Mention("Trial", m.start, m.end, doc.text[m.start : m.end], name)
        for m in (info.mentions if info else [])
    ]
    allowed = node_type("Trial").property_names
    props = {k: v for k, v in props.items() if k in allowed}
    return Entity(ident, "Trial", name, [], props, mentions)


def find_trial_facts(
    doc: Doc, index: Index, relations: list[Relation], resolved: Resolved
) -> TrialFindings:
    """The trials named or implied, and who leads them, what they evaluate and study."""
    entities, rels = _trials(doc, index, relations, resolved.role_people)
    return TrialFindings(entities, rels)


_THE_STUDY = re.compile(r"\b(?:[Tt]he|[Tt]his) (?:study|trial)\b")


def _study_nouns(text: str) -> list[int]:
    """Where "study" or "trial" starts in the text, in order (a match of _THE_STUDY holds one)."""
    return [m.start() for m in re.finditer("study|trial", text)]


def _any_between(positions: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list has a value in [lo, hi]."""
    i = bisect.bisect_left(positions, lo)
    return i < len(positions) and positions[i] <= hi


def _trials(
    doc: Doc, index: Index, rels: list[Relation], people: list[Mention]
) -> tuple[list[Entity], list[Relation]]:
    taken = {e.name for e in index.entities} | {a for e in index.entities for a in e.aliases}
    infos = find_trials(doc, taken)
    mains = main_drugs(index, rels)
    main = mains[0] if mains else None
    cue_ok: dict[str, bool] = {}
    for p in people:
        e = index.of(p)
        if e is not None and e.id not in cue_ok:
            cue_ok[e.id] = leads_cue_ok(doc, p, e) and speaks_of_study(index, e)
    leaders = [p for p in people if index.of(p) is not None and cue_ok[index.of(p).id]]
    out_entities: list[Entity] = []
    out: list[Relation] = RelList()
    lowered = doc.text.lower()
    if not infos and not (main and (leaders or "trial" in lowered or "study" in lowered)):
        return [], []
    main_diseases = [
        r.target
        for r in rels
        if r.type == "INDICATED_FOR" and main is not None and r.source is main
    ]
    trials = [_trial_entity(doc, info, main, main_diseases) for info in (infos or [None])]
    sentences_of = [sorted({doc.sentence_at(m.start) for m in t.mentions}) for t in trials]
    # "The study is conducted at X": sentences about "the study/trial" speak of the main trial.
    named_sentences = {s for ss in sentences_of for s in ss}
    # Only sentences with "study" or "trial" in them are searched: the search slices the
    # sentence and tries a "\b"-first pattern at each of its characters.
    nouns = doc.once(_study_nouns)
    anaphoric = [
        sent
        for sent in doc.sentences
        if sent not in named_sentences
        and _any_between(nouns, sent[0] + 4, sent[1] - 5)
        and _THE_STUDY.search(doc.text[sent[0] : sent[1]])
    ]
    if trials:
        sentences_of[0] = sorted(set(sentences_of[0]) | set(anaphoric))
    evaluated_first: list[Entity] = []
    for i, trial in enumerate(trials):
        out_entities.append(trial)
        sentences = sentences_of[i]
        evaluated: list[Entity] = []
        if i == 0:
            evaluated = evaluated_first = study_drugs(index, rels)
        else:
            for sent in sentences:
                for dm, d in index.in_span("Drug", *sent):
                    if d not in evaluated and study_context(doc, dm):
                        evaluated.append(d)
        first_sent = sentences[0] if sentences else (doc.sentences[0] if doc.sentences else (0, 0))
        # The diseases named where the trial is; else what its drugs are indicated for.
        studied = [(x, sent) for sent in sentences for _, x in index.in_span("Disease", *sent)]
        for d in evaluated:
            add_relation(out, "evaluates.study_drug", trial, d, first_sent)
            for r in rels:
                if r.type == "INDICATED_FOR" and r.source is d and not studied:
                    add_relation(out, "studies.drug_indication", trial, r.target, r.sentence)
                if r.type == "DEVELOPS" and r.target is d:
                    add_relation(out, "sponsored_by.drug_developer", trial, r.source, r.sentence)
        indicated = {r.target.id for r in rels if r.type == "INDICATED_FOR"}
        for x, sent in studied:
            if x.id in indicated:
                add_relation(out, "studies.named_with_trial", trial, x, sent)
        for sent in sentences:
            for m in _CONDUCTED_AT.finditer(doc.text, sent[0], sent[1]):
                stop = re.search(
                    r"\b(?:led|headed|and is|and was|by)\b|[;:]", doc.text[m.end() : sent[1]]
                )
                end = m.end() + stop.start() if stop else sent[1]
                found = index.in_span("Site", m.end(), end)
                for sm, site in found:
                    if not any(
                        o is not sm and o.start <= sm.start and sm.end <= o.end for o, _ in found
                    ):
                        add_relation(out, "conducted_at.conducted_at_cue", trial, site, sent)
    sentence_sets = [set(ss) for ss in sentences_of]
    own_trials: dict[str, Entity] = {}
    for p in leaders:
        sent = doc.sentence_at(p.start)
        named = [i for i, ss in enumerate(sentence_sets) if sent in ss]
        trial = trials[named[0]] if named else trials[0]
        drugs, rule = ([], "") if named else _leader_own_drugs(doc, index, p, main, evaluated_first)
        if drugs:
            d = drugs[0]
            if d.id not in own_trials:
                own_trials[d.id] = _trial_entity(doc, None, d, [])
                out_entities.append(own_trials[d.id])
                for other in drugs:
                    add_relation(out, rule, own_trials[d.id], other, sent)
            trial = own_trials[d.id]
        add_relation(out, "leads.investigator", index.of(p), trial, sent)
    # A trial that evaluates nothing and is led by no one says nothing useful.
    useful = {r.source.id for r in out} | {r.target.id for r in out}
    out_entities = [t for t in out_entities if t.id in useful]
    return out_entities, out


def _named_drugs(doc: Doc, index: Index, start: int, end: int) -> list[Entity]:
    """The drugs named (not "the/this/its drug") between start and end, in order."""
    out: list[Entity] = []
    for dm, d in index.in_span("Drug", start, end):
        if d not in out and not re.match(r"(?i:the|this|its)\s", doc.text[dm.start : dm.end]):
            out.append(d)
    return out


def _leader_own_drugs(
    doc: Doc, index: Index, p: Mention, main: Entity | None, evaluated: list[Entity]
) -> tuple[list[Entity], str]:
    """The drugs of a trial of its own that a leader leads instead of the document's main one.

    "ESO-T01 ... was dosed at X under principal investigator Y": the drug of that sentence
    when it is not the main drug (evaluates.led_drug). evaluates.paragraph_drug: in a roundup
    of several studies ("The first trial is a phase 1 study of A ... The principal investigator
    is Dr Y", a heading "Phase 1 trial of A plus B in X" over a byline "Y, MD"), the study drugs
    of the leader's own paragraph (a byline's: its heading's) when none is the main trial's."""
    text = doc.text
    sent = doc.sentence_at(p.start)
    if UNDER_PI.search(text, max(0, p.start - 60), p.start):
        drugs = _named_drugs(doc, index, sent[0], p.start)
        own = drugs[:1] if drugs and main is not None and main not in drugs else []
        return own, "evaluates.led_drug"
    if _SPEECH.search(text, sent[0], sent[1]):
        return [], ""  # a speaker's paragraph names drugs of the past or the field, not a study's
    start = text.rfind("\n", 0, p.start) + 1
    end = text.find("\n", p.end)
    end = len(text) if end < 0 else end
    if end - start < 80 and start > 1 and not index.in_span("Drug", start, end):
        start = text.rfind("\n", 0, len(text[: start - 1].rstrip("\n"))) + 1  # the heading
    drugs = [
        d
        for d in _named_drugs(doc, index, start, end)
        if any(start <= m.start < end and _studied_here(doc, m) for m in d.mentions)
    ]
    if not drugs or any(d in evaluated for d in drugs):
        return [], ""
    return drugs, "evaluates.paragraph_drug"


_SPEECH = re.compile(r"\b(?:said|says|say|commented|added|noted|explained|told|stated)\b")
#: A study noun in the sentence of a drug mention: the sentence says what a study tests.
_STUDY_NOUN = re.compile(r"\b(?:trial|study|studies|phase)\b", re.I)


def _studied_here(doc: Doc, m: Mention) -> bool:
    """The mention's sentence is about a study of the drug (a study noun, not a comparator or
    prior therapy, not a quotation: a speaker's "patients who lost response to X" is history)."""
    sent = doc.sentence_at(m.start)
    words = doc.text[sent[0] : sent[1]]
    return (
        study_context(doc, m)
        and _STUDY_NOUN.search(words) is not None
        and not any(q in words for q in '"“”')
    )


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
    Stage("resolve", ("doc", "mentions", "families", "site_links"), ("resolved",), resolve),
    Stage("index", ("doc", "resolved"), ("index",), build_index),
    Stage("rel.targets", ("index", "resolved"), ("relations",), targets_rule, adds=True),
    Stage("rel.develops", ("index", "resolved"), ("relations",), develops_rule, adds=True),
    Stage("rel.deals", ("index", "relations"), ("relations",), deals, adds=True),
    Stage("rel.pipelines", ("index",), ("relations",), pipelines, adds=True),
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
