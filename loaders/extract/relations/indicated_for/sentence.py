"""INDICATED_FOR from a sentence that names a drug and a disease (or the story drug's disease).

The rule `indicated_for` pairs the drugs and diseases of a clause, and reads a study's
population, "It is indicated for ...", a paragraph's topic and a list of indications.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.cues import Cue
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.indicated_for.clauses import MODIFIER_AFTER, clause_spans
from loaders.extract.relations.phrases import (
    INDEFINITE_PRODUCT_FOR,
    NOT_DEAL_DRUG,
    broad_class,
    paragraph_at,
    starts_next_item,
)
from loaders.extract.relations.story_drugs import main_drugs

#: The disease is an adverse event or a rate, not an indication.
_AE_AFTER = re.compile(
    r"\s*(?:\([^)]{1,20}\)\s*)?(?:dominated|predominated|occurred|was reported|were reported|"
    r"(?:was|were) (?:the )?most (?:common|frequent)|led to|rates?\b|"
    r"(?:was|were) (?:common|frequent|seen|observed|uncommon|rare|manageable)\b)"
)
#: "the reference centre for X and Y", "the X Foundation": a disease in a description of a place.
_INSTITUTION_FOR = re.compile(
    r"\b(?:cent(?:re|er)|clinic|unit|department|division|institute|programme|program|society|"
    r"foundation|association|network)\s+(?:for|of|on)\s+(?:[\w'’-]+\s+){0,5}$",
    re.I,
)


_THE_STUDY = re.compile(r"\b(?:[Tt]he|[Tt]his) (?:[\w-]+ ){0,3}(?:study|trial)\b")
_STUDIED_IN = re.compile(
    r"\b(?:enrolled|enrolling|enrols|enrolls|recruited|recruiting|treated|randomi[sz]ed)\s+"
    r"(?:\d+\s+|approximately \d+\s+|about \d+\s+)?"
    r"(?:patients|adults|people|participants|children|subjects|individuals)\s+with\s+"
    r"(?:[\w-]+\s+){0,3}$"
)


#: A sentence about a study's patients or cohorts ("In the X cohort, three patients with Y
#: remained in remission", "the cohorts covered the three forms of the disease: A, B and C").
_STUDY_CUE = re.compile(
    r"\b(?:trial|study|studies|cohorts?|arms?|enrol(?:ls?|s|led|ling|l?ment)?|dosed|dosing|"
    r"infusion|"
    r"treated|received|remission|responded|responses?|improved|achieved|reached|"
    r"normali[sz]ed)\b",
    re.I,
)
#: Words every match of _STUDY_CUE contains: a sentence without one is not searched.
_STUDY_WORDS = Cue(
    "trial stud cohort arm enrol dos infusion treated received remission respon improved "
    "achieved reached normali".split(),
    ignore_case=True,
    pattern=_STUDY_CUE,
)
#: The disease is the population of the study: "patients with X", "three with X", "forms of
#: the disease: X".
_POPULATION_WITH = re.compile(
    r"(?:\b(?:patients|people|adults|children|participants|subjects|those|\w+ (?:had|have))|"
    r"\b\d+|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve))\s+"
    # "patients suffering from severe infections, including X": the list names the population.
    r"(?:[\w-]+\s+){0,2}?(?:with|suffering from|affected by)\s+(?:[\w-]+\s+){0,3}"
    r"(?:[\w-]+,?\s+(?:including|such as)\s+)?$|"
    r"\b(?:forms|types|subtypes) of the disease:\s+(?:[\w-]+(?:,|\s+and)?\s+){0,12}$|"
    # indicated_for.study_population: "may also recruit cancer patients such as X", "enrol
    # patients including those with X".
    r"\b(?:patients|participants|people|adults|children|subjects)\s+(?:such as|including|like)"
    r"\s+(?:those\s+(?:with|who have)\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: indicated_for.study_focus: "The trial, which focuses on X", "This trial ... will involve
#: various X patients": what a study sentence that names no drug is about.
_STUDY_FOCUS = re.compile(
    r"\b(?:trial|study|studies)\b[^.;:]{0,60}?\b(?:focus(?:es|ed|ing)?\s+on|"
    r"involv(?:e|es|ed|ing))\s+(?:[\w/-]+\s+){0,3}$",
    re.I,
)


#: "A Phase 3 study in X", "registrational studies in X", "intends to develop the pill for X".
_STUDY_IN = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|Phase\s+(?:[1-3]|I{1,3})(?:[ab]|/(?:[1-3]|I{1,3}))?|"
    r"programs?|programmes?|cohorts?|"
    r"develop(?:ing)?\s+(?:the|this|its)\s+(?:[\w-]+\s+)?(?:pill|drug|therapy|candidate|"
    r"antibody|medicine|asset|molecule))\s+(?:in|for)\s+(?:[\w,-]+\s+){0,3}$",
    re.I,
)
_DISEASE_LIST_GAP = re.compile(r"(?:\s*\([^()]{1,20}\))?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")


#: relations.roundup_item: a sentence that lists a meeting's or a centre's items ("updates include
#: a trial of X, an artificial intelligence model to predict responses in A, and Phase II data
#: on immunotherapy in B"): a comma before an item noun with "on/of/to" ("data on", "model to",
#: "analysis of") starts another item, and a disease of another item is not the drug's.
_ROUNDUP_ITEM = re.compile(
    r",\s+(?:and\s+)?(?!(?:in|from|with|at|on|for|of|by|as|after|during|which|who)\s)"
    r"(?:[\w/-]+\s+){0,5}?(?:data|model|analys[ie]s|stud(?:y|ies)|trials?|updates?|results|"
    r"findings)\s+(?:on|of|to)\s"  # lower case: "the Clinical Trials on X meeting" is a name
)


def _other_item(text: str, a: int, b: int) -> bool:
    """relations.roundup_item: the stretch between two mentions starts another listed item."""
    return "," in text[a:b] and _ROUNDUP_ITEM.search(text, a, b) is not None


#: relations.set_apart: "In addition to X, B has antibodies for Y", "Unlike X, Z is approved for
#: Y": a fronted phrase sets its drug apart from what the rest of the sentence says.
_SET_APART = re.compile(
    r"\s*(?:[\"“'‘]\s*)?(?:In addition to|Besides|Apart from|Aside from|Other than|Unlike|"
    r"Beyond|Alongside|Except for)\s+[^,;]{1,120}?,"
)


def _set_apart(text: str, sent: tuple[int, int], dm: Mention, xm: Mention) -> bool:
    """relations.set_apart (see `_SET_APART`): the drug is in the fronted phrase, the disease
    after it."""
    m = _SET_APART.match(text, sent[0], sent[1])
    return m is not None and dm.end <= m.end() <= xm.start


def _unnamed_product_item(text: str, sent: tuple[int, int], xm: Mention, dm: Mention) -> bool:
    """relations.unnamed_product_item: the disease is that of "a new oral IL-23 inhibitor for
    X", an unnamed product, and the drug starts the next list item after it."""
    return (
        dm.start >= xm.end
        and "," in text[xm.end : dm.start]
        and INDEFINITE_PRODUCT_FOR.search(text, max(sent[0], xm.start - 90), xm.start) is not None
        and starts_next_item(text, xm.end, dm.start)
    )


#: "It is also being studied in A, B and C": the pronoun is the previous sentence's drug.
#: indicated_for.it_is_indicated: "It is indicated as a monotherapy for ... X", "This drug is
#: being evaluated for patients with X", "It's being evaluated in five trials for people with X".
_IT_STUDIED = re.compile(
    r"\s*(?:It|The (?:drug|therapy|medicine|candidate|antibody|company))\s+(?:is|was|has been|"
    r"will be|are)\s+(?:also\s+)?(?:being\s+)?(?:studied|evaluated|explored|investigated|tested|"
    r"developed|expanding)\s+(?:in|for|into|as a treatment for)\b"
)
_IT_INDICATED = re.compile(
    r"\s*(?:It|This (?:drug|therapy|medicine|candidate|antibody|treatment|product))\s*"
    r"(?:is|was|['’]s|has been|will be)\s+(?:also\s+)?(?:being\s+|currently\s+)?"
    r"(?:indicated|approved|studied|evaluated|investigated|tested)\s+(?:as|for|in)\b|"
    # indicated_for.it_is_indicated: "It is a new intravenous (IV) drug indicated for the
    # treatment of X", "It is an oral antibiotic approved to treat X": the product noun between.
    r"\s*It\s*(?:is|was|['’]s)\s+an?\s+(?:[\w()/-]+\s+){0,5}?(?:drug|medicine|therapy|"
    r"treatment|antibiotic|antibody|vaccine|product|injection|pill|tablet|formulation)\s+"
    r"(?:that is\s+|which is\s+)?(?:indicated|approved)\s+(?:as|for|in|to treat)\b"
)


_WITH_OR_WITHOUT = re.compile(r",?\s+with or without\s+(?:[\w-]+\s+){0,2}$")


def _comorbidities(index: Index) -> set[tuple[int, int]]:
    """Conditions of the population, not indications: "adults with obesity, with or without
    type 2 diabetes" makes obesity primary; the disease after "with or without", and those
    joined to the primary one ("participants with obesity and hypertension or dyslipidemia"),
    are inclusion criteria."""
    text = index.doc.text
    diseases = index.in_span("Disease", 0, len(text))
    primary = set()
    out = set()
    for xm, _ in diseases:
        window = max(0, xm.start - 40)
        # The literal words first: the regex (with its backtracking tail) only where they occur.
        if "with or without" in text[window : xm.start] and _WITH_OR_WITHOUT.search(
            text, window, xm.start
        ):
            out.add((xm.start, xm.end))
            prev = [(m, e) for m, e in diseases if m.end <= xm.start and xm.start - m.end < 40]
            if prev:
                primary.add(prev[-1][1].id)
    if not primary:
        return out
    ordered = sorted(diseases, key=lambda r: r[0].start)
    for (am, a), (bm, _) in zip(ordered, ordered[1:], strict=False):
        gap = text[am.end : bm.start]
        if a.id in primary and re.fullmatch(r"\s+(?:and|or|and/or)\s+", gap):
            out.add((bm.start, bm.end))
        elif (am.start, am.end) in out and re.fullmatch(r"\s*(?:,|or|and|and/or)\s*", gap):
            if a.id not in primary:
                out.add((bm.start, bm.end))
    return out


#: relations.adverse_list: every item of a list an adverse-event phrase introduces ("adverse
#: events related to the study drug, the most common of which were A, B, and C", "the most
#: common side effects were A (50%), B (42%) and C"), not only the first one or two words on.
_AE_LIST = re.compile(
    r"\b(?:adverse (?:events?|reactions?|effects?)|side[- ]effects?|AEs|TEAEs|toxicit(?:y|ies))"
    r"\b[^.;]{0,80}?\b(?:were|was|included|include|including|such as|like)\s*:?\s+"
    r"(?:[^,;.()]{1,40}(?:\s*\([^()]{1,30}\))?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$"
)
_AE_WORDS = ("adverse", "side effect", "side-effect", "AEs", "toxicit")


def _adverse_list(text: str, sent_start: int, pos: int) -> bool:
    """relations.adverse_list (see `_AE_LIST`): the literal words first, the pattern only where
    one occurs."""
    lo = max(sent_start, pos - 260)
    window = text[lo:pos]
    if not any(w in window for w in _AE_WORDS):
        return False
    return _AE_LIST.search(text, lo, pos) is not None


#: relations.outcome_list: "reduces heart attack, stroke, heart failure and cardiovascular
#: death", "a greater risk of heart attack, stroke, kidney disease, and early death": diseases
#: listed with death or a heart attack are the events a trial counts, not what the drug treats.
_OUTCOME = r"(?:heart attacks?|myocardial infarctions?|(?:cardiovascular |early |cardiac )?deaths?)"
_LIST_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
_LIST_ITEM = r"[\w'’-]+(?:\s+[\w'’-]+){0,3}?"
_OUTCOME_BEFORE = re.compile(rf"\b{_OUTCOME}(?:{_LIST_SEP}{_LIST_ITEM})*{_LIST_SEP}$", re.I)
_OUTCOME_AFTER = re.compile(rf"(?:{_LIST_SEP}{_LIST_ITEM})*?{_LIST_SEP}{_OUTCOME}\b", re.I)
_OUTCOME_WORDS = ("death", "heart attack", "infarction")


def _outcome_list(text: str, sent: tuple[int, int], xm: Mention) -> bool:
    """relations.outcome_list (see `_OUTCOME`): the literal words first."""
    lo, hi = max(sent[0], xm.start - 120), min(sent[1], xm.end + 120)
    if not any(w in text[lo:hi].lower() for w in _OUTCOME_WORDS):
        return False
    return bool(
        _OUTCOME_BEFORE.search(text, lo, xm.start) or _OUTCOME_AFTER.match(text, xm.end, hi)
    )


def indicated_for(index: Index) -> list[Relation]:
    """A drug and a disease named in the same clause (else the same sentence); in a sentence
    that names no drug, "It is indicated for X" (the drug before) or the study's population."""
    rels: list[Relation] = RelList()
    text = index.doc.text
    prev_drug = None
    prev_drugs: list[Entity] = []
    comorbid = _comorbidities(index)
    mains_once: list[list[Entity]] = []  # main_drugs(index, []), computed at most once
    for sent in index.doc.sentences:
        _it_refers_back(index, sent, prev_drug, rels)
        sent_drugs = index.in_span("Drug", *sent)
        if sent_drugs:
            prev_drug = sent_drugs[0][1]
        drugs = [
            (dm, d)
            for dm, d in index.in_span("Drug", *sent)
            if not MODIFIER_AFTER.match(text, dm.end)
        ]
        diseases = index.in_span("Disease", *sent)
        if drugs:
            _same_clause(index, sent, drugs, diseases, comorbid, rels)
        elif diseases:
            _this_product(index, sent, diseases, prev_drug, rels)
            _study_enrolled(index, sent, diseases, mains_once, rels)
            _study_population(index, sent, diseases, comorbid, mains_once, rels)
            _application_for(index, sent, diseases, mains_once, rels)
            _plural_anaphor(index, sent, diseases, prev_drugs, rels)
        if sent_drugs:
            prev_drugs = [d for _, d in sent_drugs]
    _topic_indications(index, rels)
    _indication_statements(index, rels)
    return _drop_broad_beside_specific(index, rels)


#: indicated_for.application_for: "the regulator has accepted Acme's new drug applications for
#: treating A and B", "a marketing authorisation application for A": in a sentence that names
#: no drug, the filings of the story's one main drug.
_APPLICATION_FOR = re.compile(
    r"\b(?:(?:new|supplemental|biologics?|marketing|regulatory)\s+(?:drug\s+)?"
    r"(?:licen[cs]e\s+)?(?:authori[sz]ation\s+)?applications?|NDAs?|sNDAs?|BLAs?|sBLAs?|MAAs?|"
    r"filings?|submissions?)\s+(?:[\w-]+\s+){0,3}?(?:for|to treat|in)\s+(?:(?:treating|the\s+"
    r"treatment\s+of|patients\s+with|adults\s+with)\s+)?(?:[\w-]+\s+){0,2}?$",
    re.I,
)


def _application_for(
    index: Index,
    sent: tuple[int, int],
    diseases: list,
    mains_once: list[list[Entity]],
    rels: list[Relation],
) -> None:
    """indicated_for.application_for (see `_APPLICATION_FOR`): each disease of the list the
    filing names goes to the story's one main drug."""
    text = index.doc.text
    if "applica" not in text[sent[0] : sent[1]].lower() and not re.search(
        r"\b(?:s?NDAs?|s?BLAs?|MAAs?|filings?|submissions?)\b", text[sent[0] : sent[1]]
    ):
        return
    mains = _story_mains(index, mains_once)
    if len(mains) != 1:
        return
    prev_end = -1
    for xm, x in diseases:
        listed = prev_end >= 0 and _DISEASE_LIST_GAP.fullmatch(text, prev_end, xm.start)
        if listed or _APPLICATION_FOR.search(text, max(sent[0], xm.start - 120), xm.start):
            if not _AE_AFTER.match(text, xm.end):
                add_relation(rels, "indicated_for.application_for", mains[0], x, sent)
            prev_end = xm.end
        else:
            prev_end = -1


#: indicated_for.plural_anaphor: "no one has studied these two drugs in patients with X", "both
#: drugs are approved for X": the drugs of the sentence before.
_PLURAL_ANAPHOR = re.compile(
    r"\b(?:(?:these|those|both)\s+(?:two\s+|three\s+)?|the\s+(?:two|three)\s+)(?:[\w-]+\s+)?"
    r"(?:drugs|medicines|therapies|treatments|agents|products|molecules)\b"
    r"(?![^.;]{0,20}\b(?:such as|including|like)\b)",
    re.I,
)


def _plural_anaphor(
    index: Index, sent: tuple[int, int], diseases: list, prev_drugs: list[Entity], rels
) -> None:
    """indicated_for.plural_anaphor (see `_PLURAL_ANAPHOR`): a sentence with no drug name
    whose plural drug noun comes before a disease an indication cue introduces gives that
    disease to each drug of the sentence before, when it named two or more."""
    if len({d.id for d in prev_drugs}) < 2:
        return
    text = index.doc.text
    prev = index.doc.sentence_at(max(0, sent[0] - 1))
    if not index.in_span("Drug", *prev):
        return  # the drugs were named further back
    cue = _PLURAL_ANAPHOR.search(text, sent[0], sent[1])
    if cue is None:
        return
    for xm, x in diseases:
        if xm.start < cue.end():
            continue
        before = text[cue.end() : xm.start]
        if not _INDICATION_CUE.search(before) or _not_indication(before[-60:]):
            continue
        if _AE_AFTER.match(text, xm.end):
            continue
        for d in {d.id: d for d in prev_drugs}.values():
            add_relation(rels, "indicated_for.plural_anaphor", d, x, sent)


def _drop_broad_beside_specific(index: Index, rels: list[Relation]) -> list[Relation]:
    """relations.broad_class: "the potential of cell therapies in solid tumors, showing data in
    gastric cancer", "X, approved for ovarian cancer ... its presence in the solid tumor
    space": where a paragraph gives a drug a specific disease, a class of diseases ("solid
    tumors", "a rare blood cancer") the same paragraph names is the field, not its indication."""
    text = index.doc.text
    specific = {
        (r.source.id, paragraph_at(text, r.sentence[0])) for r in rels if not broad_class(r.target)
    }
    out: list[Relation] = RelList()
    for r in rels:
        if not (
            broad_class(r.target)
            and (r.source.id, paragraph_at(text, r.sentence[0])) in specific
            and not _listed_with_specific(index, r)
        ):
            add_relation(out, r.rule, r.source, r.target, r.sentence, r.properties)
    return out


def _listed_with_specific(index: Index, r: Relation) -> bool:
    """relations.broad_class: "focuses on relapsed lymphoma and solid tumors": a class listed
    with a specific disease is an indication of its own."""
    text = index.doc.text
    diseases = index.in_span("Disease", *r.sentence)
    for (am, a), (bm, b) in zip(diseases, diseases[1:], strict=False):
        if (a is r.target) != (b is r.target) and _DISEASE_AND.fullmatch(text, am.end, bm.start):
            return True
    return False


def _story_mains(index: Index, once: list[list[Entity]]) -> list[Entity]:
    """The document's main drugs by its names alone (computed once, when first needed)."""
    if not once:
        once.append(main_drugs(index, []))
    return once[0]


def _it_refers_back(
    index: Index, sent: tuple[int, int], prev_drug: Entity | None, rels: list[Relation]
) -> None:
    """indicated_for.it_is_studied_in ("It is also being studied in A, B and C") and
    indicated_for.it_is_indicated (a sentence without a drug: "It is indicated for X"): the
    pronoun is the drug named last before the sentence."""
    text = index.doc.text
    it = _IT_STUDIED.match(text, sent[0])
    rule = "indicated_for.it_is_studied_in"
    if it is None and not index.in_span("Drug", *sent):
        it, rule = _IT_INDICATED.match(text, sent[0]), "indicated_for.it_is_indicated"
    if it and prev_drug is not None:
        for xm, x in index.in_span("Disease", it.end(), sent[1]):
            if not _AE_AFTER.match(text, xm.end):
                add_relation(rels, rule, prev_drug, x, sent)


#: indicated_for.this_product: "X was approved in January. The maker will launch this diabetes
#: and obesity treatment drug in 2025": "this" + the diseases + a product noun name the drug
#: named last before the sentence.
_THIS_BEFORE = re.compile(
    r"\b[Tt]his\s+(?:(?:new|novel|oral|injectable|weekly|once-weekly|daily)\s+)?$"
)
_PRODUCT_AFTER = re.compile(
    r"(?:\s+(?:treatment|therapy))?\s+(?:drugs?|treatments?|therap(?:y|ies)|medicines?|pills?|"
    r"shots?|injections?|products?)\b"
)
_DISEASE_AND = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|and/or)\s+)")


def _this_product(
    index: Index, sent: tuple[int, int], diseases: list, prev_drug: Entity | None, rels
) -> None:
    """indicated_for.this_product (see `_THIS_BEFORE`): each disease of the coordination."""
    if prev_drug is None:
        return
    text = index.doc.text
    i = 0
    while i < len(diseases):
        xm = diseases[i][0]
        if not _THIS_BEFORE.search(text, max(sent[0], xm.start - 30), xm.start):
            i += 1
            continue
        j = i
        while j + 1 < len(diseases) and _DISEASE_AND.fullmatch(
            text, diseases[j][0].end, diseases[j + 1][0].start
        ):
            j += 1
        if _PRODUCT_AFTER.match(text, diseases[j][0].end):
            for _, x in diseases[i : j + 1]:
                add_relation(rels, "indicated_for.this_product", prev_drug, x, sent)
        i = j + 1


def _study_enrolled(
    index: Index,
    sent: tuple[int, int],
    diseases: list,
    mains_once: list[list[Entity]],
    rels: list[Relation],
) -> None:
    """indicated_for.study_enrolled: "The Phase 1 study enrolled adults with X": the study of
    the main drug."""
    text = index.doc.text
    if not _THE_STUDY.search(text, sent[0], sent[1]):
        return
    mains = _story_mains(index, mains_once)
    for xm, x in diseases:
        if _STUDIED_IN.search(text, max(sent[0], xm.start - 40), xm.start):
            for d in mains[:1]:
                add_relation(rels, "indicated_for.study_enrolled", d, x, sent)


#: relations.unknown_product_subject: a sentence whose subject is a product written as
#: "Brand (name)" ("Vexara (tebrocil), received a positive opinion for patients with X") is
#: about that product, even one the drug finder does not know: not the main drug's study.
_UNKNOWN_PRODUCT_SUBJECT = re.compile(
    r"\s*[A-Z][\w-]+[*®™]?\s*\([a-z][\w-]+(?:\s*/\s*[a-z][\w-]+)?\),?\s+"
    r"(?:also\s+)?(?:received|receives|won|wins|gained|got|obtained|was|is|has)\b"
)


def _study_population(
    index: Index,
    sent: tuple[int, int],
    diseases: list,
    comorbid: set[tuple[int, int]],
    mains_once: list[list[Entity]],
    rels: list[Relation],
) -> None:
    """A study sentence that names no drug: its population, "a study in X", what it focuses
    on, and every disease listed after one of those, are the main drug's (`_population_rule`)."""
    text = index.doc.text
    if not (index.doc.has_in(_STUDY_WORDS, *sent) and _STUDY_CUE.search(text, sent[0], sent[1])):
        return
    if _UNKNOWN_PRODUCT_SUBJECT.match(text, sent[0]):
        return  # relations.unknown_product_subject
    mains = _story_mains(index, mains_once)
    prev_end, prev_rule = -1, ""
    for xm, x in diseases:
        if (xm.start, xm.end) in comorbid or _AE_AFTER.match(text, xm.end):
            prev_end = -1
            continue
        rule = _population_rule(text, sent, xm, prev_end, prev_rule)
        if rule:
            for d in mains[:1]:
                add_relation(rels, rule, d, x, sent)
        prev_end, prev_rule = (xm.end, rule) if rule else (-1, "")


def _population_rule(
    text: str, sent: tuple[int, int], xm: Mention, prev_end: int, prev_rule: str
) -> str:
    """Which rule makes the disease the study's: indicated_for.study_population ("patients
    with X"), .study_in ("A Phase 3 study in X is enrolling"), .study_focus, or the rule of
    the disease listed just before ("enrolled patients with A, B and C"); "" for none."""
    before = text[max(sent[0], xm.start - 60) : xm.start]
    if _not_indication(before):
        return ""
    if _POPULATION_WITH.search(before):
        return "indicated_for.study_population"
    if _STUDY_IN.search(before):
        return "indicated_for.study_in"
    if _STUDY_FOCUS.search(text, max(sent[0], xm.start - 110), xm.start):
        return "indicated_for.study_focus"
    if prev_end >= 0 and _DISEASE_LIST_GAP.fullmatch(text, prev_end, xm.start):
        return prev_rule
    return ""


def _same_clause(
    index: Index,
    sent: tuple[int, int],
    drugs: list,
    diseases: list,
    comorbid: set[tuple[int, int]],
    rels: list[Relation],
) -> None:
    """indicated_for.same_clause (and .disease_modifier, .coordinated_subjects): each disease
    an indication cue introduces goes with the drugs of its clause (`_clause_drugs`)."""
    text = index.doc.text
    paired = _pair_drugs(text, drugs, diseases)
    clauses = clause_spans(text, sent)
    prev: tuple[Mention, Entity] | None = None
    for xm, x in diseases:
        rule = _indication_rule(text, sent, xm, comorbid)
        if prev and _negated_long_form(text, sent, prev, xm, x):
            rule = None
        prev = (xm, x)
        if rule is None:
            continue
        clause, chosen = _clause_drugs(text, sent, xm, clauses, drugs, diseases, paired)
        for d in chosen:
            if all(
                _other_item(text, min(dm.end, xm.end), max(dm.start, xm.start))
                or _unnamed_product_item(text, sent, xm, dm)
                or _set_apart(text, sent, dm, xm)
                for dm, o in drugs
                if o is d
            ):
                continue  # relations.roundup_item, .unnamed_product_item, .set_apart
            add_relation(rels, rule, d, x, sent)
        for d in _coordinated_subjects(text, clauses, clause, xm, drugs, diseases):
            add_relation(rels, "indicated_for.coordinated_subjects", d, x, sent)


def _negated_long_form(
    text: str, sent: tuple[int, int], prev: tuple[Mention, Entity], xm: Mention, x: Entity
) -> bool:
    """indicated_for.side_effect_avoided: "to minimise cytokine release syndrome (CRS)": the
    abbreviation right after its long form is no indication when the long form's own words
    make it none."""
    pm, p = prev
    return (
        p is x
        and re.fullmatch(r"\s*\(\s*", text[pm.end : xm.start]) is not None
        and _not_indication(text[max(sent[0], pm.start - 60) : pm.start])
    )


def _indication_rule(
    text: str, sent: tuple[int, int], xm: Mention, comorbid: set[tuple[int, int]]
) -> str | None:
    """The rule that makes the disease an indication of its sentence's drugs, or None: no
    indication cue before it ("for", "patients with", "approved") or drug noun after it, an
    adverse event, an institution's field, a comorbidity."""
    before = text[sent[0] : xm.start]
    cue = _INDICATION_CUE.search(before)
    after = cue is None and _INDICATION_AFTER.match(text, xm.end) is not None
    if not (cue or after) or _not_indication(before[-60:]):
        return None  # "Atrial fibrillation was less frequent with X": an adverse event
    if _adverse_list(text, sent[0], xm.start):
        return None  # relations.adverse_list: "the most common of which were A, B and C"
    if _outcome_list(text, sent, xm):
        return None  # relations.outcome_list
    # "X, a gastroesophageal reflux drug": the disease is the drug's modifier.
    rule = "indicated_for.disease_modifier" if after else "indicated_for.same_clause"
    if _AE_AFTER.match(text, xm.end) or _INSTITUTION_FOR.search(before[-90:]):
        return None
    if (xm.start, xm.end) in comorbid:
        return None
    return rule


def _clause_drugs(
    text: str,
    sent: tuple[int, int],
    xm: Mention,
    clauses: list[tuple[int, int]],
    drugs: list,
    diseases: list,
    paired: dict[int, list[Entity]],
) -> tuple[tuple[int, int], list[Entity]]:
    """The disease's clause and the drugs it goes with: the clause's own drugs, else the
    sentence's pairing without a partner drug ("X is tested with Y ... and is also studied
    in Z": the subject, not the partner)."""
    clause = next((c for c in clauses if c[0] <= xm.start < c[1]), sent)
    own = [(dm, d) for dm, d in drugs if clause[0] <= dm.start < clause[1]]
    chosen = paired[id(xm)]
    if own and len(clauses) > 1:
        clause_diseases = [(m, e) for m, e in diseases if clause[0] <= m.start < clause[1]]
        chosen = _pair_drugs(text, own, clause_diseases)[id(xm)]
    elif len(clauses) > 1:
        partners = {
            id(d)
            for dm, d in drugs
            if NOT_DEAL_DRUG.search(text, max(sent[0], dm.start - 30), dm.start)
        }
        chosen = [d for d in chosen if id(d) not in partners]
    return clause, chosen


#: A finite verb: a clause with one says something of its own ("A is approved, and B ...").
_FINITE_VERB = re.compile(
    r"\b(?:is|was|are|were|has|have|had|will|would|can|could|may|might|should|did|does|do|"
    r"\w+ed)\b",
    re.I,
)
_PLURAL_PREDICATE = re.compile(
    r"\b(?:are|were|have been|remain)\s+(?:(?:already|both|also|now|each|all|currently)\s+)*"
    r"(?:approved|indicated|used|cleared|authori[sz]ed|filed|marketed|sold|available|licensed|"
    r"being (?:studied|tested|developed|evaluated))\b",
    re.I,
)


def _coordinated_subjects(text: str, clauses, clause, xm: Mention, drugs, diseases) -> list:
    """ "A, an anti-X antibody, and B, an oral Y inhibitor, are approved for Z": the ", and"
    that ends A's stretch joins two subjects of one plural verb, not two clauses. A is
    approved for Z too when its stretch has no verb and no disease of its own."""
    i = clauses.index(clause) if clause in clauses else -1
    if i <= 0 or not re.match(r",\s+and\s+", text[clause[0] : clause[0] + 8]):
        return []
    if not _PLURAL_PREDICATE.search(text, clause[0], xm.start):
        return []
    out = []
    while i > 0:
        prev = clauses[i - 1]
        if any(prev[0] <= m.start < prev[1] for m, _ in diseases):
            break
        own = [(dm, d) for dm, d in drugs if prev[0] <= dm.start < prev[1]]
        if not own:
            break
        bare = re.sub(r"\([^()]*\)", " ", text[prev[0] : prev[1]])
        if _FINITE_VERB.search(bare):
            break
        out.extend(d for _, d in own)
        if not re.match(r",\s+and\s+", text[prev[0] : prev[0] + 8]):
            break
        i -= 1
    return out


#: "In the field of X, ...", "an overview of notable X research": the paragraph is about X.
_TOPIC_BEFORE = re.compile(
    r"\b(?:(?:in|within) the (?:field|area|space|world|landscape) of|overview of|"
    r"(?:advances|developments|progress|updates?) in)\s+(?:(?:the|notable|new|recent|key|"
    r"latest)\s+)*$",
    re.I,
)
_TOPIC_AFTER = re.compile(
    r"(?:\s*(?:\[[^\]\n]{1,20}\]|\([^)\n]{1,20}\)))?\s+(?:treatment\s+)?(?:paradigm|landscape|"
    r"research|field|space)\b"
)


def _topic_indications(index: Index, rels: list[Relation]) -> None:
    """A paragraph that announces one disease as its subject ("In the field of X", "an
    overview of X research", as an interviewed expert does) is about the drugs it names: each
    is used or studied for X."""
    text = index.doc.text
    for par in re.finditer(r"[^\n]+", text):
        topics = {
            x.id: x
            for xm, x in index.in_span("Disease", par.start(), par.end())
            if _TOPIC_BEFORE.search(text, max(par.start(), xm.start - 40), xm.start)
            or _TOPIC_AFTER.match(text, xm.end)
        }
        if len(topics) != 1:
            continue
        (x,) = topics.values()
        sent = index.doc.sentence_at(par.start())
        for dm, d in index.in_span("Drug", par.start(), par.end()):
            if not MODIFIER_AFTER.match(text, dm.end):
                add_relation(rels, "indicated_for.paragraph_topic", d, x, sent)


#: indicated_for.indication_statement: a sentence that names no drug but lists the indications
#: of the drug named last ("The proposed indications are A, B and C", "It will be developed in
#: indications such as A and B", "plans to pursue A indications", "It was filed with a proposed
#: indication ... for the treatment of patients with A"). `_INDICATIONS_ARE` opens the list;
#: a disease right before "indication(s)" is one too.
_INDICATIONS_ARE = re.compile(
    r"\bindications?\s*(?::|(?:is|are|were|will be|would be|include|includes|including|"
    r"such as|comprise|cover)\b)|"
    r"\b(?:proposed|initial|first|lead|target(?:ed)?|planned|intended|potential|new)\s+"
    r"indications?\b[^.;]{0,80}?\b(?:for|in)\b",
    re.I,
)
_INDICATION_WORDS = Cue(["indication"], ignore_case=True, pattern=_INDICATIONS_ARE)
_BEFORE_INDICATION = re.compile(r"(?:\s*\([^()]{1,20}\))?\s+indications?\b", re.I)
#: The end of an indication list: a relative clause or a new clause.
_NEGATED = re.compile(r"\b(?:no|not|never|none|without|n['’]t)\b", re.I)
_LIST_END = re.compile(r";|,?\s+(?:which|that|who|where|while|because|but)\b|\s+-\s+")


def _indication_statements(index: Index, rels: list[Relation]) -> None:
    """indicated_for.indication_statement (see `_INDICATIONS_ARE`): the diseases a sentence
    without a drug lists as indications belong to the drug of the nearest earlier sentence."""
    doc = index.doc
    if not doc.has(_INDICATION_WORDS):
        return
    text = doc.text
    prev_drug = None
    for sent in doc.sentences:
        drugs = index.in_span("Drug", *sent)
        if drugs:
            prev_drug = drugs[0][1]
            continue
        if prev_drug is None or not doc.has_in(_INDICATION_WORDS, *sent):
            continue
        diseases = index.in_span("Disease", *sent)
        listed = []
        for m in _INDICATIONS_ARE.finditer(text, sent[0], sent[1]):
            end = _LIST_END.search(text, m.end(), sent[1])
            stop = end.start() if end else sent[1]
            listed += [(xm, x) for xm, x in diseases if m.end() <= xm.start < stop]
        listed += [(xm, x) for xm, x in diseases if _BEFORE_INDICATION.match(text, xm.end)]
        for xm, x in listed:
            before = text[max(sent[0], xm.start - 60) : xm.start]
            if _AE_AFTER.match(text, xm.end) or _not_indication(before):
                continue
            if _NEGATED.search(text, sent[0], xm.start):
                continue  # "it has no products approved for A indications"
            add_relation(rels, "indicated_for.indication_statement", prev_drug, x, sent)


def _pair_drugs(text: str, drugs, diseases) -> dict[int, list[Entity]]:
    """Which drugs of a sentence go with which disease.

    One drug or one disease: every pair. Several of each ("A for X, and B for Y"):
    the drugs written since the previous disease, shared across "X or Y".
    """
    everything = {id(xm): [d for _, d in drugs] for xm, _ in diseases}
    if len({id(d) for _, d in drugs}) < 2 or len({id(x) for _, x in diseases}) < 2:
        return everything
    # "X (XA)" is one place in the sentence.
    spans: list[tuple[int, int, list]] = []
    for xm, x in diseases:
        if (
            spans
            and spans[-1][2][-1][1] is x
            and re.fullmatch(r"\s*\(", text[spans[-1][1] : xm.start])
        ):
            start, _, members = spans[-1]
            spans[-1] = (start, xm.end + 1, [*members, (xm, x)])
        else:
            spans.append((xm.start, xm.end, [(xm, x)]))
    out: dict[int, list[Entity]] = {}
    prev_end = -1
    prev: list[Entity] = []
    for i, (start, end, members) in enumerate(spans):
        own = [d for dm, d in drugs if prev_end <= dm.start and dm.end <= start]
        if not own and prev:
            own = prev  # no drug since the previous disease: the same drugs ("X, including Y")
        if not own and prev_end < 0:
            own = [d for dm, d in drugs if dm.start >= end]
        if i == len(spans) - 1:
            own = own + [d for dm, d in drugs if dm.start >= end and d not in own]
        for xm, _ in members:
            out[id(xm)] = own
        prev_end, prev = end, own
    return out


_INDICATION_CUE = re.compile(
    r"\b(?:for|in|with|treat\w*|against|patients|people|adults|children|indicat\w*|approv\w*|"
    r"therap\w*|candidate|study|trial|like|targets|targeting|"
    # indicated_for.same_clause: "a topical product intended to prevent X", "designed to
    # reverse X": what the product is meant to do names its indication.
    r"(?:intended|designed|meant)\s+(?:to\s+(?:treat|prevent|reduce|reverse|slow|halt|cure)|"
    r"as\s+(?:a\s+)?(?:treatment|therapy)|for)|"
    r"prevent(?:s|ing)?\s+(?:or\s+|and/or\s+)?(?:treat|reduce|reverse|slow|halt)|"
    # indicated_for.risk_reduction: "X lowers the risk of Y".
    r"(?:reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?)\s+(?:(?:the|their|its|a)\s+)?risk)\b",
    re.I,
)
#: "a gastroesophageal reflux drug", "the phase 2 X study": the disease names what it is for.
_INDICATION_AFTER = re.compile(
    r"\s+(?:drugs?|treatments?|therap(?:y|ies)|medicines?|candidates?|vaccines?|studies|study|"
    r"trials?|programs?|programmes?|"
    # indicated_for.disease_modifier: "its Alzheimer's asset, X", "a lupus product".
    r"assets?|products?|medications?|therapeutics?)\b"
)
_NOT_INDICATION = re.compile(
    r"\b(?:due to|risk of|"
    # indicated_for.side_effect_avoided: "monovalent CD3 activity to minimise CRS", "mitigating
    # X": a harm the design keeps small is no indication.
    r"minimi[sz](?:e|es|ed|ing)|mitigat(?:e|es|ed|ing)|"
    r"rates? of|incidence of|cases? of|events? of|history of|reports? of|"
    r"deaths? (?:from|due to|of)|died (?:of|from)|"
    # indicated_for.pathogen_disease: "the prevention of disease caused by X virus" names
    # what a vaccine prevents, not a harm.
    r"experienced|(?<!disease\s)(?<!diseases\s)(?<!illness\s)(?<!infection\s)(?<!infections\s)"
    r"(?:cause[sd]?|causing)|"
    # indicated_for.developed_to_treat: "was developed to treat X", "developed specifically
    # for X" is what the product is for; "patients who developed X" is a harm.
    r"developed(?!\s+(?:\w+ly\s+)?(?:for|as|by|in|to)\b)|"
    # indicated_for.not_negated: "which isn't approved to treat X", "is not yet approved for X".
    r"(?:is|are|was|were)(?:n[’']t| not)(?: yet)? (?:approved|indicated|authori[sz]ed)"
    r"(?: to treat| for| in)?|"
    r"(?:side effects?|adverse (?:events?|reactions?|effects?)|toxicit(?:y|ies)|AEs)"
    r"(?:\s+(?:included|include|including|such as|were|was|of|like))?:?)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: indicated_for.risk_reduction: "to reduce their risk of X", "lowers the risk of X",
#: "prevent the risk of X": a product meant to lower the risk of X is for X (only a risk stated
#: as such, "the risk of X was 3%", is none).
_REDUCED_RISK = re.compile(
    r"\b(?:reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|cut(?:s|ting)?|decreas(?:e|es|ed|ing)|"
    r"prevent(?:s|ed|ing)?)\s+(?:(?:the|their|its|his|her|a|patients['’])\s+)?(?:[\w-]+\s+)?"
    r"risk\s+of\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)


#: indicated_for.condition_due_to: "dementia due to X", "anemia due to X": X is the cause of
#: the treated condition, so the indication; "discontinued due to X" stays a harm.
_CONDITION_DUE_TO = re.compile(
    r"\b(?:dementia|(?:cognitive\s+)?impairment|anaemia|anemia|symptoms|pain|deficiency|"
    r"disorders?|failure|insufficiency|fibrosis|psychosis|agitation)\s+due\s+to\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)


def _not_indication(before: str) -> bool:
    """The words before a disease make it no indication (`_NOT_INDICATION`), unless they say
    the product lowers its risk (`_REDUCED_RISK`) or name the condition it causes
    (`_CONDITION_DUE_TO`)."""
    return (
        _NOT_INDICATION.search(before) is not None
        and _REDUCED_RISK.search(before) is None
        and _CONDITION_DUE_TO.search(before) is None
    )
