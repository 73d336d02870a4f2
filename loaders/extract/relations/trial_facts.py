"""Trials and their facts: the trials a document names or implies, what each evaluates and
studies, who sponsors it, where it is conducted, and who leads it.

Five relationship types come from here (EVALUATES, STUDIES, SPONSORED_BY, CONDUCTED_AT,
LEADS); each rule is named in its `add_relation` call. Runs after the other relation rules,
since a trial's drugs, diseases and sponsors are read from their relations.
"""

from __future__ import annotations

import bisect

from graph.ontology import node_type
from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.relations.affiliated_with import UNDER_PI
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.leads import leads_cue_ok, speaks_of_study
from loaders.extract.relations.phrases import COORD_GAP
from loaders.extract.relations.story_drugs import main_drugs, study_context, study_drugs
from loaders.extract.resolve import make_id
from loaders.extract.trials import TrialInfo, describe, find_trials

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


_THE_STUDY = re.compile(r"\b(?:[Tt]he|[Tt]his) (?:study|trial)\b")


def _study_nouns(text: str) -> list[int]:
    """Where "study" or "trial" starts in the text, in order (a match of _THE_STUDY holds one)."""
    return [m.start() for m in re.finditer("study|trial", text)]


def _any_between(positions: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list has a value in [lo, hi]."""
    i = bisect.bisect_left(positions, lo)
    return i < len(positions) and positions[i] <= hi


def trial_facts(
    doc: Doc, index: Index, rels: list[Relation], people: list[Mention]
) -> tuple[list[Entity], list[Relation]]:
    """The trials named or implied and their facts: EVALUATES, STUDIES, SPONSORED_BY,
    CONDUCTED_AT (per trial, `_facts_of_trial`) and LEADS (per leader, `_leads`)."""
    taken = {e.name for e in index.entities} | {a for e in index.entities for a in e.aliases}
    infos = find_trials(doc, taken)
    mains = main_drugs(index, rels)
    main = mains[0] if mains else None
    leaders = _study_leaders(doc, index, people)
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
    if trials:
        sentences_of[0] = sorted(set(sentences_of[0]) | set(_about_the_study(doc, sentences_of)))
    out_entities: list[Entity] = []
    out: list[Relation] = RelList()
    evaluated_first: list[Entity] = []
    for i, trial in enumerate(trials):
        out_entities.append(trial)
        evaluated = _facts_of_trial(doc, index, rels, trial, sentences_of[i], first=i == 0, out=out)
        if i == 0:
            evaluated_first = evaluated
    own = _leads(doc, index, leaders, trials, sentences_of, main, evaluated_first, out)
    out_entities.extend(own)
    # A trial that evaluates nothing and is led by no one says nothing useful.
    useful = {r.source.id for r in out} | {r.target.id for r in out}
    out_entities = [t for t in out_entities if t.id in useful]
    return out_entities, out


def _study_leaders(doc: Doc, index: Index, people: list[Mention]) -> list[Mention]:
    """The people's mentions that may lead the document's study: no cue sets the person apart
    and some sentence of theirs speaks of a study (`leads_cue_ok`, `speaks_of_study`)."""
    cue_ok: dict[str, bool] = {}
    for p in people:
        e = index.of(p)
        if e is not None and e.id not in cue_ok:
            cue_ok[e.id] = leads_cue_ok(doc, p, e) and speaks_of_study(index, e)
    return [p for p in people if index.of(p) is not None and cue_ok[index.of(p).id]]


def _about_the_study(doc: Doc, sentences_of: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Sentences that name no trial but say "the/this study" or "trial": they speak of the
    main trial ("The study is conducted at X")."""
    named_sentences = {s for ss in sentences_of for s in ss}
    # Only sentences with "study" or "trial" in them are searched: the search slices the
    # sentence and tries a "\b"-first pattern at each of its characters.
    nouns = doc.once(_study_nouns)
    return [
        sent
        for sent in doc.sentences
        if sent not in named_sentences
        and _any_between(nouns, sent[0] + 4, sent[1] - 5)
        and _THE_STUDY.search(doc.text[sent[0] : sent[1]])
    ]


def _facts_of_trial(
    doc: Doc,
    index: Index,
    rels: list[Relation],
    trial: Entity,
    sentences: list[tuple[int, int]],
    *,
    first: bool,
    out: list[Relation],
) -> list[Entity]:
    """EVALUATES, STUDIES, SPONSORED_BY and CONDUCTED_AT of one trial, added to `out`; returns
    the drugs it evaluates. The first (main) trial evaluates the story's study drugs, any other
    the drugs named in a study context in its own sentences."""
    evaluated: list[Entity] = []
    rule = "evaluates.study_drug"
    if first:
        evaluated = _trial_of(doc, index, trial, sentences, main_drugs(index, rels))
        if evaluated:
            rule = "evaluates.trial_of"
        else:
            evaluated = study_drugs(index, rels)
    else:
        for sent in sentences:
            for dm, d in index.in_span("Drug", *sent):
                if d not in evaluated and study_context(doc, dm):
                    evaluated.append(d)
    first_sent = sentences[0] if sentences else (doc.sentences[0] if doc.sentences else (0, 0))
    # The diseases named where the trial is; else what its drugs are indicated for.
    studied = [(x, sent) for sent in sentences for _, x in index.in_span("Disease", *sent)]
    for d in evaluated:
        add_relation(out, rule, trial, d, first_sent)
        for r in rels:
            if r.type == "INDICATED_FOR" and r.source is d and not studied:
                add_relation(out, "studies.drug_indication", trial, r.target, r.sentence)
            if r.type == "DEVELOPS" and r.target is d:
                add_relation(out, "sponsored_by.drug_developer", trial, r.source, r.sentence)
    indicated = {r.target.id for r in rels if r.type == "INDICATED_FOR"}
    for x, sent in studied:
        if x.id in indicated:
            add_relation(out, "studies.named_with_trial", trial, x, sent)
    _conducted_at(doc, index, trial, sentences, out)
    return evaluated


#: evaluates.trial_of: "the phase 2 ABC-1 trial of A and B", "a Phase III study evaluating A
#: (a PD-L1 inhibitor) in combination with ...": the drugs a study phrase names as what it
#: tests, right after "of/evaluating/testing/investigating" (coordinated names too).
_TRIAL_OF = re.compile(
    r"\b(?:trials?|stud(?:y|ies))\s+(?:of|evaluating|testing|investigating|assessing)\s+"
    r"(?:(?:the|an?|its)\s+)?(?:[\w-]+\s+){0,3}?$"
)


#: evaluates.trial_of: "a study of A, B and C (ABC) with or without D": the drug one arm adds
#: is tested too (a backbone "combined with" or "plus" is the study's background, not read).
_REGIMEN_GAP = re.compile(r"\)?(?:\s*\([^()]{1,30}\))?,?\s+with or without\s+(?:the\s+)?")


def _trial_of(
    doc: Doc, index: Index, trial: Entity, sentences: list[tuple[int, int]], mains: list[Entity]
) -> list[Entity]:
    """evaluates.trial_of (see `_TRIAL_OF`): in the sentences that name the trial, the drugs a
    study phrase says it tests; a story of two studies names each one's drugs there, not the
    most mentioned drug of the story. A trial the text does not name: the first sentence
    anywhere whose study phrase names a main drug (the other studies of a round-up are not
    the main one)."""
    text = doc.text
    spans = sentences if trial.mentions else doc.sentences
    out: list[Entity] = []
    for sent in spans:
        drugs = index.in_span("Drug", *sent)
        for k, (dm, d) in enumerate(drugs):
            if not _TRIAL_OF.search(text, max(sent[0], dm.start - 60), dm.start):
                continue
            if re.match(r"(?i:the|this|its)\s", text[dm.start : dm.end]):
                continue  # "a study of the drug": a reference, not a name
            out += [d] if d not in out else []
            prev = dm.end
            last = d
            for om, o in drugs[k + 1 :]:
                if o is last and re.fullmatch(r"\s*\(\s*", text[prev : om.start]):
                    prev = om.end  # "A (abbreviation)": the same drug
                    continue
                if not (
                    COORD_GAP.fullmatch(text, prev, om.start)
                    or _REGIMEN_GAP.fullmatch(text, prev, om.start)
                ):
                    break
                last = o
                out += [o] if o not in out else []
                prev = om.end
        if not trial.mentions:
            out = [d for d in out if d in mains]
            if out:
                break  # an unnamed trial: the first sentence that says what it tests
    return out


def _conducted_at(
    doc: Doc, index: Index, trial: Entity, sentences: list[tuple[int, int]], out: list[Relation]
) -> None:
    """conducted_at.conducted_at_cue: "conducted/run/enrolling ... at X" in the trial's
    sentences, up to a word that starts another clause ("led by", "and is", ";"); the outermost
    site only ("X Hospital of Y University": the hospital)."""
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


def _leads(
    doc: Doc,
    index: Index,
    leaders: list[Mention],
    trials: list[Entity],
    sentences_of: list[list[tuple[int, int]]],
    main: Entity | None,
    evaluated_first: list[Entity],
    out: list[Relation],
) -> list[Entity]:
    """leads.investigator: each leader leads the trial named in their sentence, else the main
    trial, unless they lead a trial of a drug of their own (`_leader_own_drugs`): that trial
    is made here and returned."""
    sentence_sets = [set(ss) for ss in sentences_of]
    own_trials: dict[str, Entity] = {}
    for p in leaders:
        sent = doc.sentence_at(p.start)
        named = [i for i, ss in enumerate(sentence_sets) if sent in ss]
        trial = trials[named[0]] if named else trials[0]
        drugs, rule = ([], "") if named else _leader_own_drugs(doc, index, p, main, evaluated_first)
        if rule == _DRUGLESS_ITEM:
            continue  # leads.drugless_item: the leader's own item is a study of no drug
        if drugs:
            d = drugs[0]
            if d.id not in own_trials:
                own_trials[d.id] = _trial_entity(doc, None, d, [])
                for other in drugs:
                    add_relation(out, rule, own_trials[d.id], other, sent)
            trial = own_trials[d.id]
        add_relation(out, "leads.investigator", index.of(p), trial, sent)
    return list(own_trials.values())


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
    byline = end - start < 80 and start > 1 and not index.in_span("Drug", start, end)
    if byline:
        start = text.rfind("\n", 0, len(text[: start - 1].rstrip("\n"))) + 1  # the heading
    drugs = [
        d
        for d in _named_drugs(doc, index, start, end)
        if any(start <= m.start < end and _studied_here(doc, m) for m in d.mentions)
    ]
    if not drugs and byline and _drugless_item(doc, index, start, end, evaluated):
        return [], _DRUGLESS_ITEM
    if not drugs or any(d in evaluated for d in drugs):
        return [], ""
    return drugs, "evaluates.paragraph_drug"


#: leads.drugless_item: in a round-up of studies (a heading "A pilot randomized trial of a
#: virtual reality intervention ..." over "Y, PhD, is a co-author"), a leader whose own item is
#: a study that names no drug leads that study, not the main trial: no drug of the document.
_DRUGLESS_ITEM = "leads.drugless_item"
#: The item introduces a study of its own ("A pilot randomized clinical trial", "a phase 2
#: study"), not "the/this trial" of the story.
_ITEM_STUDY = re.compile(
    r"\b(?:an?|pilot|randomi[sz]ed|controlled|prospective|retrospective|observational)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:trial|study|analysis|survey)\b",
    re.I,
)
_STORY_STUDY = re.compile(r"\b(?:the|this|our|its)\s+(?:[\w-]+\s+){0,3}?(?:trial|study)\b", re.I)


def _drugless_item(doc: Doc, index: Index, start: int, end: int, evaluated: list[Entity]) -> bool:
    """leads.drugless_item (see `_DRUGLESS_ITEM`): the item (a byline's heading and the byline)
    introduces a study, names no drug, and some other paragraph names the drugs the main trial
    evaluates."""
    text = doc.text
    if index.in_span("Drug", start, end) or not _ITEM_STUDY.search(text, start, end):
        return False
    if _STORY_STUDY.search(text, start, end):
        return False
    return any(not (start <= m.start < end) for d in evaluated for m in d.mentions)


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
