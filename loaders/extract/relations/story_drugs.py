"""Which drugs a document is about: its main drugs and the drugs its study evaluates.

Several relation rules fall back on these when a sentence names no drug of its own.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.relations.index import Index, headline_end
from loaders.extract.text import Spans


def main_drugs(index: Index, relations: list[Relation]) -> list[Entity]:
    """The drugs the document is about: mentioned most, in the title, with a stated mechanism."""
    drugs = [e for e in index.entities if e.type == "Drug"]
    if not drugs:
        return []
    title_end = headline_end(index.doc.text)
    # story_drugs.own_mechanism: a stated mechanism marks a drug the story is about, but not
    # one listed as a member of a class ("JAK inhibitors A, B and C"): those are rivals.
    with_target = {
        r.source.id
        for r in relations
        if r.type == "TARGETS" and not r.rule.startswith("targets.class_members")
    }
    with_company = {r.target.id for r in relations if r.type == "DEVELOPS"}

    def score(e: Entity) -> float:
        s = len(e.mentions)
        s += 3 if any(m.start < title_end for m in e.mentions) else 0
        s += 4 if e.id in with_target else 0
        s += 2 if e.id in with_company else 0
        return s

    best = max(score(e) for e in drugs)
    return [e for e in drugs if score(e) >= 0.75 * best]


#: Words before a drug that make it a comparator, a prior or background therapy or a
#: competitor, not what the study evaluates ("trials compare X with Y": Y is the comparator,
#: not X's partner in the study arm).
_NOT_STUDY_BEFORE = re.compile(
    r"\b(?:versus|vs\.?|compared (?:with|to)|compar(?:e|es|ing) \S+(?: \S+)? (?:with|to|against)|"
    r"than|placebo|beats?|beating|outperform(?:s|ed)?|match(?:es|ed)|on par with|"
    r"superior to|non-?inferior to|over|against|previously treated with|after|"
    r"following|prior|progressed on|failed|such as|including|like|rivals?|competitors?|"
    r"competing|already approved|approved (?:drugs?|therapies|treatments|medicines)|"
    r"standard(?:-of-care| of care)?|instead of|switched from|currently available|"
    r"existing|marketed|dominated by|other|"
    # story_drugs.compared: "a pill as powerful as X", "a drug similar to X".
    r"as [\w-]+ as|(?:similar|comparable|akin) to)\b[^.;()]{0,40}$",
    re.I,
)
_NOT_STUDY_AFTER = re.compile(
    r"[^\S\n]*\([^()]{1,60}\),\s+(?:already\s+)?approved\b|"  # "X (Maker), approved for"
    r"[^.;]{0,40}?\b(?:rival|competitor|competes|competing|already (?:approved|on the market|"
    r"dominate)|is (?:already )?approved|was approved (?:in|for) \d{4}|comparator|control arm)",
    re.I,
)
#: study_drugs.marketed_rival: words that present the drugs named after them in their
#: sentence as already sold ("the two therapies already on the market, A's X and B's Y";
#: "the only approved targeted therapy, C's Z"): rivals of the study drug, however far on.
_MARKETED_BEFORE = re.compile(
    r"\b(?:already (?:on the market|marketed|approved|available)|(?:currently|only) "
    r"(?:marketed|approved|available)|approved (?:[\w-]+ ){0,2}(?:drugs?|therap(?:y|ies)|"
    r"treatments?|medicines?|options?))\b",
    re.I,
)
#: A sentence that says what a study tests.
_STUDY_SENT = re.compile(r"\b(?:trial|study|studies|results|data|phase|cohort|arm)\b", re.I)


def study_context(doc: Doc, m: Mention) -> bool:
    """False when the words around a drug mention make it a comparator, prior therapy or
    competitor ("versus X", "previously treated with X", "X, a rival ...").

    A brand in brackets right after a name ("such as X (Brand)") is judged by the words
    before the bracket, which are the name's."""
    sent = doc.sentence_at(m.start)
    bracket = re.search(r"\([^\S\n]*$", doc.text[max(sent[0], m.start - 3) : m.start])
    start = m.start - len(bracket.group()) if bracket else m.start
    before = doc.text[max(sent[0], start - 60) : start]
    return not (
        _NOT_STUDY_BEFORE.search(before)
        or _NOT_STUDY_AFTER.match(doc.text, m.end)
        or _MARKETED_BEFORE.search(doc.text, sent[0], m.start)
    )


def study_drugs(index: Index, relations: list[Relation]) -> list[Entity]:
    """The drugs a study of the document evaluates: main drugs with at least one mention
    that is not a comparator, prior therapy or competitor, ranked on those mentions only;
    plus drugs given with them in the study arm ("X plus Y").

    study_drugs.beyond_mains: when some main drug is named as a rival or comparator (a
    marketed competitor, or the drug a headline says the study drug matches, outscores a
    study drug through its stated maker and mechanism), the study drugs are ranked among
    all the drugs instead."""
    doc = index.doc
    text = doc.text
    mains = main_drugs(index, relations)
    title_end = headline_end(text)

    def own(m: Mention) -> bool:
        return study_context(doc, m)

    def ranked(candidates: list[Entity]) -> dict[str, int]:
        scores = {}
        for e in candidates:
            kept = [m for m in e.mentions if own(m)]
            if kept:
                scores[e.id] = len(kept) + (3 if any(m.start < title_end for m in kept) else 0)
        return scores

    pool = mains
    if any(not own(m) for e in mains for m in e.mentions):
        pool = [e for e in index.entities if e.type == "Drug"]
    scores = ranked(pool)
    if not scores:
        return mains
    best = max(scores.values())
    out = [e for e in pool if scores.get(e.id, 0) >= 0.6 * best]
    ids = {e.id for e in out}
    drugs = [e for e in index.entities if e.type == "Drug" and e.id not in ids]
    chosen = Spans((o.start, o.end) for x in out for o in x.mentions)
    for e in drugs:  # "X plus Y" / "X in combination with Y" in a study sentence
        for m in e.mentions:
            sent = doc.sentence_at(m.start)
            if not _STUDY_SENT.search(text, sent[0], sent[1]):
                continue
            before = text[max(sent[0], m.start - 40) : m.start]
            link = re.search(
                r"(\S+)\s+(?:plus|and|with|in combination with|combined with)\s+$", before
            )
            pos = m.start - len(before) + link.end(1) if link else -1
            if link and chosen.containing(pos, pos) and own(m):
                out.append(e)
                chosen = Spans((o.start, o.end) for x in out for o in x.mentions)
                break
    return out
