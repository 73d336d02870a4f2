"""INDICATED_FOR for the drugs of a trial's other arms and of the standard of care.

They get the disease of the study (the main drug's), which their own sentence seldom names.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.cues import Cue, finditer
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.indicated_for.clauses import MODIFIER_AFTER, clause_spans
from loaders.extract.relations.phrases import PRIOR_CLASS, broad_class
from loaders.extract.relations.story_drugs import main_drugs

#: indicated_for.market_rival: "the only approved targeted therapy for this group is X",
#: "currently approved treatments include A and B": what is already sold for the disease.
_APPROVED_OPTIONS = (
    r"(?:only|currently)\s+approved|approved\s+(?:[\w-]+\s+){0,2}(?:drugs?|therap(?:y|ies)|"
    r"treatments?|medicines?|options?)"
)
#: "combined three (promising) treatments", "combining two drugs": the parts listed after.
_COMBINED_PARTS = (
    r"combin(?:e|es|ed|ing)\s+(?:two|three|four|five|several|multiple|both)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:treatments|therapies|drugs|agents|medicines|approaches|modalities)"
)
#: A sentence about the arms of a trial or the drugs already used for the disease.
_ARM_CUE = re.compile(
    r"\b(?:randomi[sz]ed|assigned|investigator['’]s choice|control arm|comparator|versus|"
    r"compared (?:with|to)|non-?inferior(?:ity)? to|superior(?:ity)? (?:to|over)|alternative to|"
    # indicated_for.comparator_arm: "X's superiority over the oral TYK2 inhibitor Y", "an
    # advantage over Y", "outperformed Y": the drug the study drug is measured against.
    r"(?:advantage|edge) over|outperform(?:s|ed|ing)?|"
    # indicated_for.comparator_arm: "how X performed against A and B", "stacks up against A",
    # "fared against A": the products the study drug is measured against ("head-to-head" is
    # not read: "no head-to-head data show whether A or B ..." names no comparator).
    r"(?:performed|performs|fared|fares|stack(?:s|ed)?\s+up|measured|benchmarked)\s+against|"
    r"standard(?:-of-care| of care| therapy| treatment)|already approved|"
    r"approved in this (?:space|setting|indication)|combined with|in combination with|plus|"
    r"added to|on top of|each combined|"
    # indicated_for.comparator_arm, regimen partners: "given alongside A and B", "along with
    # CAPOX", "a combination (regimen) of A and B", "a chemotherapy combination that includes A"
    # (_REGIMEN_CUE: only the drugs after these words).
    r"alongside|along with|together with|combination of|"
    r"(?:combination|regimen)\s+(?:that\s+|which\s+)?(?:includes|including|consisting of)|"
    # indicated_for.comparator_arm: "researchers combined three treatments: A, B and C".
    + _COMBINED_PARTS
    + r"|"
    # indicated_for.market_rival: the products the study drug will meet in its market ("other
    # entrants in the crowded market include A, B and C", "competes with A and B", "rivals
    # such as A", "the incumbent A"): what is sold for the story's disease.
    r"rivals?|rivalling|competitors?|compet(?:e|es|ed)\s+(?:with|against)|"
    r"(?:new|recent|market|other)\s+entrants?|entrants?\s+(?:in|into|to)|crowded|"
    r"incumbents?|market[- ]leading|market\s+leaders?|already\s+(?:on\s+the\s+market|"
    r"marketed|available|sold)|" + _APPROVED_OPTIONS + r")\b",
    re.I,
)
_RIVAL_CUE = re.compile(
    r"\b(?:rivals?|rivalling|competitors?|compet(?:e|es|ed)\s|entrants?|crowded|"
    r"incumbents?|market[- ]leading|market\s+leaders?|already\s+(?:on|marketed|available|sold)|"
    + _APPROVED_OPTIONS
    + r")\b",
    re.I,
)
#: indicated_for.partner_after: "X is in phase 1, with studies of the drug in combination with
#: A": only the partner after "combined with / in combination with / added to / on top of" is
#: an arm drug; the subject before is another drug's own study.
_REGIMEN_CUE = re.compile(
    r"\b(?:alongside|along with|together with|combination of|combined with|"
    r"in combination with|added to|on top of|" + _COMBINED_PARTS + r"|"
    r"(?:combination|regimen)\s+(?:that\s+|which\s+)?(?:includes|including|consisting of))\b",
    re.I,
)
#: Words every match of _ARM_CUE contains: a sentence without one is not searched.
_ARM_WORDS = Cue(
    "randomi assigned choice control comparator versus compared inferior superior alternative "
    "advantage edge outperform against "
    "standard already approved combined combination plus added top alongside along together "
    "regimen rival competi compete entrant crowded incumbent market combin".split(),
    ignore_case=True,
    pattern=_ARM_CUE,
)


def _arm_cue_before(text: str, sent: tuple[int, int], dm: Mention) -> bool:
    """Some arm cue of the sentence is not a regimen word, or one comes before the drug."""
    return any(
        not _REGIMEN_CUE.fullmatch(c.group(0)) or c.end() <= dm.start
        for c in _ARM_CUE.finditer(text, sent[0], sent[1])
    )


def _study_disease(targets: list[Relation]) -> Entity:
    """The disease of the study: the main drugs' most named indication, a specific disease
    before a class of them (relations.broad_class: the control arm of a gastric cancer trial
    is for gastric cancer, not for "solid tumors")."""
    return max(
        (r.target for r in targets),
        key=lambda e: (not broad_class(e), len(e.mentions)),
    )


#: indicated_for.other_study: "a randomized phase 2/3 study of A plus B", "the X trial testing A
#: versus B": the sentence names a study of its own drugs.
_STUDY_OF = re.compile(
    r"\b(?:trials?|stud(?:y|ies))\s+(?:of|evaluating|testing|investigating|assessing|comparing)\s+"
    r"(?:(?:the|an?)\s+)?(?:[\w-]+\s+){0,3}?$",
    re.I,
)


def _other_study(index: Index, sent: tuple[int, int], main_ids: set[str]) -> bool:
    """indicated_for.other_study: the sentence is about a study of a drug that is not one of
    the document's main drugs (a round-up's other item, "a phase 3 study of A plus B"): its
    arms are that study's, not the main study's, so they get no disease of the main drug."""
    text = index.doc.text
    for dm, d in index.in_span("Drug", *sent):
        if _STUDY_OF.search(text, max(sent[0], dm.start - 60), dm.start):
            return d.id not in main_ids
    return False


def comparators(index: Index, rels: list[Relation]) -> list[Relation]:
    """Drugs of the trial arms and of the standard of care, in a sentence that names no
    disease, are used for the disease of the study: the main drug's first indication."""
    doc = index.doc
    text = doc.text
    out: list[Relation] = RelList()
    mains = main_drugs(index, rels)
    if not mains:
        return out
    main_ids = {m.id for m in mains}
    targets = [r for r in rels if r.type == "INDICATED_FOR" and r.source.id in main_ids]
    if not targets:
        return out
    disease = _study_disease(targets)
    indicated_mains = {r.source.id for r in targets}
    for sent in doc.sentences:
        if index.in_span("Disease", *sent) or not (
            doc.has_in(_ARM_WORDS, *sent) and _ARM_CUE.search(text, sent[0], sent[1])
        ):
            continue
        if _other_study(index, sent, main_ids):
            continue  # indicated_for.other_study
        if all(
            re.match(r"\s+(?:a\s+|the\s+)?placebo\b", text[c.end() : c.end() + 20])
            for c in _ARM_CUE.finditer(text, sent[0], sent[1])
        ):
            continue  # "X beat ... versus placebo": X is tested, not a comparator
        for dm, d in index.in_span("Drug", *sent):
            if d.id in indicated_mains or MODIFIER_AFTER.match(text, dm.end):
                continue  # a main drug with no indication of its own is an arm drug too
            if not _arm_cue_before(text, sent, dm):
                continue  # "A and B, alongside X": only what comes after a regimen word
            if PRIOR_CLASS.search(text[max(sent[0], dm.start - 60) : dm.start]):
                continue  # a therapy the patients had before
            rule = (
                "indicated_for.market_rival"
                if _RIVAL_CUE.search(text, sent[0], sent[1])
                else "indicated_for.comparator_arm"
            )
            add_relation(out, rule, d, disease, sent)
    _disease_anaphors(index, disease, out)
    return out


#: "approved for the same disease", "markets X for the condition": the disease the document is
#: about ("relapsing forms of the disease" may be a subtype of it: not read).
_DISEASE_ANAPHOR = re.compile(
    r"\b(?:approved|indicated|used|cleared|authori[sz]ed|filed|marketed|markets|sold|sells|"
    r"licensed|available|studied|tested|treatment)(?:[^\S\n]+[\w()-]+){0,6}?[^\S\n]+"
    r"(?:in|for|to treat)\s+"
    r"(?:the|this|that)\s+(?:same\s+)?"
    r"(?:disease|condition|disorder|indication|setting|illness|cancer|tumou?r type)\b",
    re.I,
)
#: Its first words: the pattern is tried only where one starts (a whole-text case-blind \b
#: scan cost ~190 us per eval article).
_DISEASE_ANAPHOR_CUE = Cue(
    "approved indicated used cleared authori filed marketed markets sold sells licensed "
    "available studied tested treatment".split(),
    ignore_case=True,
    pattern=_DISEASE_ANAPHOR,
    lead=0,
)


def _disease_anaphors(index: Index, disease: Entity, out: list[Relation]) -> None:
    """A drug "approved for the same setting" or marketed "for the disease", in a clause
    that names no disease, is for the disease of the document (the main drug's)."""
    text = index.doc.text
    for cue in finditer(text, _DISEASE_ANAPHOR_CUE):
        sent = index.doc.sentence_at(cue.start())
        clause = next((c for c in clause_spans(text, sent) if c[0] <= cue.start() < c[1]), sent)
        if index.in_span("Disease", *clause):
            continue
        for dm, d in index.in_span("Drug", clause[0], cue.end()):
            if MODIFIER_AFTER.match(text, dm.end) or PRIOR_CLASS.search(
                text[max(sent[0], dm.start - 60) : dm.start]
            ):
                continue
            add_relation(out, "indicated_for.disease_anaphor", d, disease, sent)
