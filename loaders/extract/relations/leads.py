"""Whether a person may lead the document's trial: the cues the trial stage checks for LEADS."""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.cues import Cue
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Entity, Mention
from loaders.extract.relations.index import Index

#: Whole words only: "to discuss" sets a guest apart, "in addition to discussing" does not.
_NEG_LEAD = re.compile(
    r"\b(?:" + "|".join(re.escape(c) for c in vocabulary()["lead_negative_cues"]) + r")\b", re.I
)
#: Words every match of the pattern above contains (loaders/extract/cues.py).
_NEG_LEAD_CUE = Cue(vocabulary()["lead_negative_cues"], ignore_case=True, pattern=_NEG_LEAD)


def leads_cue_ok(doc: Doc, person: Mention, entity: Entity | None = None) -> bool:
    """False for people the text sets apart from the study ("not involved", "commented"),
    in any sentence that names them ("Dr. Reardon was not involved")."""
    mentions = entity.mentions if entity is not None else [person]
    for s, e in {doc.sentence_at(m.start) for m in mentions}:
        if doc.has(_NEG_LEAD_CUE) and _NEG_LEAD.search(doc.text, s, e):
            return False
    return True


#: leads.speaks_of_study: words of a sentence about a study or a treatment. A person none of
#: whose sentences has one, a drug or a trial's name ("said X, Director of the Institute";
#: "a team led by X made the discovery that ..."; "X will present 'Tumor heterogeneity'")
#: leads no trial of the document's drug.
_STUDY_TALK = re.compile(
    r"\b(?:trials?|stud(?:y|ies)|results?|data|findings|outcomes?|patients?|participants|"
    r"investigators?|investigational|enrol\w*|dos(?:e|es|ed|ing)|efficacy|safety|"
    r"respon(?:se|ses|ded|ders?)|endpoints?|cohorts?|phase|treat(?:ment|ments|ed|ing)|"
    r"therap(?:y|ies)|drugs?|medicines?|candidates?|regimens?|abstracts?|posters?|"
    r"researchers?|tested|testing|evaluat\w*|survival|remission|approv\w*|authors?|"
    # "research" in prose, not in an institution's name ("Therapeutics Research").
    r"presenters?|principal|PI|co-PI|(?-i:research))\b",
    re.I,
)


def _english(text: str) -> bool:
    """Whether the text reads as English (the study words above are English words)."""
    return len(re.findall(r"\b(?:the|and|of|with)\b", text[:20000], re.I)) >= 10


def speaks_of_study(index: Index, entity: Entity) -> bool:
    """Whether some sentence naming the person names a drug or a trial or speaks of a study
    or a treatment (see _STUDY_TALK); always, in a text that is not in English."""
    doc = index.doc
    if not doc.once(_english):
        return True
    for s, e in {doc.sentence_at(m.start) for m in entity.mentions}:
        if index.in_span("Drug", s, e):
            return True
        sites = [(sm.start, sm.end) for sm, _ in index.in_span("Site", s, e)]
        for m in _STUDY_TALK.finditer(doc.text, s, e):
            if _title_of_institution(doc.text, m):
                continue
            if any(a <= m.start() and m.end() <= b for a, b in sites):
                continue  # leads.institution_title: "Baylor College of Medicine"
            return True
    return False


#: leads.institution_title: "Howard Hughes Medical Institute investigator", "an HHMI
#: Investigator": a post an institution gives a scientist, not a study's investigator.
_INSTITUTION_BEFORE = re.compile(
    r"(?:Institute|Foundation|Society|Council|Trust|Agency|HHMI|Cent(?:er|re))\s+$"
)


def _title_of_institution(text: str, m: re.Match) -> bool:
    """leads.institution_title (see `_INSTITUTION_BEFORE`)."""
    return m.group(0).lower().startswith("investigator") and bool(
        _INSTITUTION_BEFORE.search(text, max(0, m.start() - 30), m.start())
    )
