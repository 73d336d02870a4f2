"""DEVELOPS from a company and a drug of one sentence: the rule chain for each pair.

Possessives, appositions, "(Company)", "from Company", "by Company", "its X", the company as
subject; then the sentence-wide and the document-wide DEVELOPS rules, in that order.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.relations.develops.sentence_rules import (
    company_verbs,
    its_product,
    paren_makers,
    their_product,
    units,
)
from loaders.extract.relations.develops.story_rules import (
    acquirers,
    anaphor_counterparty,
    anaphor_possessives,
    code_prefix_owners,
    funds_use,
    named_later,
    nth_following,
    partner_of_story,
)
from loaders.extract.relations.index import RIVAL_AFTER, Index, RelList, add_relation
from loaders.extract.relations.phrases import COMPANY_DESCRIBED, COORD_GAP, PARTNER

_DEVELOP_VERBS = re.compile(
    r"\b(?:announce[sd]?|reported|presented|said|unveiled|shared|received|submitted|plans|"
    # develops.subject_announces: "A revealed/disclosed the latest data from its study of X".
    r"revealed|disclosed|"
    # develops.subject_announces: "A secured FDA approval for X", "A won approval of X".
    r"today|(?:secur(?:ed|es|ing)|w[oi]n(?:s|ning)?|gain(?:ed|s)|obtain(?:ed|s))(?=\s+(?:[\w.-]+\s+)"
    r"{0,3}?(?:approvals?|nods?|clearance|authori[sz]ations?|designations?|rights|licen[cs]es?|"
    r"green light|go-ahead)\b))\b"
)
#: develops.trial_sponsor: the company that starts or reads out a trial of the drug ("A has
#: initiated a Phase 3 trial for X", "A released topline results from its study of X",
#: "A (TICKER) partner B has started a study of X": A and B; "A will present top-line results
#: from its phase 1a trial of X", "A's subsidiary, B, dosed the first patient in a trial of X":
#: A and B).
_TRIAL_SPONSOR_VERBS = re.compile(
    r"\b(?:initiate[sd]|release[sd]|beg[au]n|start(?:s|ed)|launche[sd]|complete[sd]|"
    r"(?:will\s+)?present(?:s|ing)?\s+(?:(?:its|the|new|first|top-?line|interim|final|updated|"
    r"positive|preliminary|full)\s+)*(?:results|data|findings)|"
    r"dos(?:ed|es|ing)\s+(?:the\s+|its\s+)?first\s+(?:patients?|participants?|subjects?))\b"
)


def _subject_rule(text: str, cm: Mention, dm: Mention, comps) -> str | None:
    """develops.subject_announces or develops.trial_sponsor: the company is the subject of an
    announcing verb, or of a verb that starts or reads out a trial, before the drug."""
    if _subject_of_verb(text, cm, dm, comps, _DEVELOP_VERBS):
        return "develops.subject_announces"
    if _subject_of_verb(text, cm, dm, comps, _TRIAL_SPONSOR_VERBS):
        return "develops.trial_sponsor"
    return None


def _subject_of_verb(text: str, cm: Mention, dm: Mention, comps, verbs: re.Pattern) -> bool:
    """The company is (part of) the subject of "announced/reported..." before the drug."""
    verb = verbs.search(text, cm.end, dm.start)
    if not verb:
        return False
    if "respectively" in text[dm.end : dm.end + 120].split(".")[0]:
        return False  # "A and B won approval for X and Y, respectively": pairs by order
    if any(om.start > verb.end() and om.end < dm.start for om, _ in comps):
        return False
    # The first company of the sentence, or one joined to it by "and".
    return comps[0][0] is cm or any(
        # develops.trial_sponsor: "A (TICKER) partner B has initiated ...": B is A's partner.
        re.search(
            r"\b(?:and|partner|subsidiary|unit|affiliate|division),?\s*(?:the\s+)?$",
            text[om.end : cm.start],
        )
        for om, _ in comps
        if om.end <= cm.start
    )


#: Companies listed before the one at hand: "A, B and " (each a capitalised run).
_COMPANY_LIST_BEFORE = (
    r"(?:[^\W\d_a-z][\w&.-]*(?:\s+[^\W\d_a-z][\w&.-]*)*(?:,\s+(?:and\s+)?|\s+and\s+))*"
)
#: "X (Brand) from A", "X, an oral PDE4 inhibitor from A", "X from A and B", "X from P's A".
_DRUG_FROM = re.compile(
    r"(?:\s*\([^)]{1,40}\))?(?:,?\s+(?:\w+\s+)?|(?:,|\s+(?:is|was))\s+(?:a|an|another|the)\s+"
    r"(?:[\w/-]+\s+){0,6}?)from\s+(?:the\s+)?"
    r"(?:[^\W\d_a-z][\w&.-]*(?:\s+[^\W\d_a-z][\w&.-]*){0,3}['’]s\s+)?"
    + COMPANY_DESCRIBED
    + _COMPANY_LIST_BEFORE
)


_PLACE_POSSESSIVE = re.compile(r"(?<![\w-])[^\W\d_a-z][a-z]+(?:[- ][^\W\d_a-z][a-z]+)?['’]s\s+$")


def develops(index: Index, company_mentions: list[Mention]) -> list[Relation]:
    """Company-drug links: possessives, "(Brand; Company)", "its X", "by Company"; then the
    sentence-wide rules (`sentence_rules`) and those that read across sentences (`story_rules`)."""
    doc = index.doc
    text = doc.text
    rels: list[Relation] = RelList()
    for sent in doc.sentences:
        comps = index.in_span("Company", *sent)
        drugs = index.in_span("Drug", *sent)
        if not comps or not drugs:
            continue
        for cm, c in comps:
            if not _partner_from(text, sent, cm, c, drugs, rels):
                _company_drug_pairs(text, sent, cm, c, comps, drugs, rels)
        paren_makers(text, sent, comps, drugs, rels)
        its_product(text, sent, comps, drugs, rels)
        their_product(text, sent, comps, drugs, rels)
        units(text, sent, comps, drugs, rels)
        company_verbs(text, sent, comps, drugs, rels)
    anaphor_possessives(index, rels)
    anaphor_counterparty(index, rels)
    partner_of_story(index, rels)
    nth_following(index, rels)
    named_later(index, rels)
    code_prefix_owners(index, rels)
    acquirers(index, rels)
    funds_use(index, rels)
    return rels


def _partner_from(
    text: str, sent: tuple[int, int], cm: Mention, c: Entity, drugs: list, rels: list[Relation]
) -> bool:
    """develops.partner_from: "a license from X", "in collaboration with X": X is behind the
    sentence's drugs (and no other rule reads the company)."""
    # "co-developed with Shenzhen's X": a place's possessive before the partner.
    place = _PLACE_POSSESSIVE.search(text, max(sent[0], cm.start - 30), cm.start)
    end = place.start() if place else cm.start
    if not PARTNER.search(text, max(sent[0], end - 80), end):
        return False
    # "The asset was ... X, co-developed with Y": the named drug, not the reference.
    named = [
        (dm, d) for dm, d in drugs if not re.match(r"(?i:the|this|its)\s", text[dm.start : dm.end])
    ]
    for _, d in named or drugs:
        add_relation(rels, "develops.partner_from", c, d, sent)
    return True


def _company_drug_pairs(
    text: str,
    sent: tuple[int, int],
    cm: Mention,
    c: Entity,
    comps: list,
    drugs: list,
    rels: list[Relation],
) -> None:
    """The company and each drug of the sentence: the first rule whose shape fits names it."""
    possessive = bool(_POSSESSIVE_AFTER.match(text, cm.end, cm.end + 16)) or any(
        # "Sandoz/Samsung Bioepis’ Pyzchiva®": a slash joins co-owners as "and" does.
        re.fullmatch(r"\s+and\s+|/", text[cm.end : om.start])
        and re.match(r"['’]s?\s", text[om.end : om.end + 3])
        for om, _ in comps
    )
    first_after = next((x for x in drugs if x[0].start >= cm.end), None)
    for dm, d in drugs:
        gap = text[cm.end : dm.start] if dm.start >= cm.end else ""
        # develops.possessive: "MSD's (Merck & Co., Inc., NJ, USA) anti-PD-1 therapy X": a
        # parenthesis after the owner is an aside, not distance.
        gap = _ASIDE.sub(" ", gap)
        near = len(gap.split()) <= 7 and ";" not in gap  # a semicolon starts another story
        if RIVAL_AFTER.match(text, dm.end):
            continue  # develops.not_rival: "Acme's Brand rival" is Acme's rival of Brand
        if possessive and first_after and first_after[1] is d and near:
            _possessive(text, sent, c, dm, d, drugs, rels)
            continue
        if dm.end <= cm.start:
            rule = _drug_before_company(text, cm, dm, drugs, possessive)
        elif dm.start > cm.end:
            prev_end = max((om.end for om, _ in drugs if cm.end <= om.start < dm.start), default=-1)
            rule = _company_before_drug(text, cm, dm, d, comps, first_after, prev_end)
        else:
            rule = None
        if rule:
            add_relation(rels, rule, c, d, sent)


#: A parenthesis (no nested one) inside the words between an owner and its drug.
_ASIDE = re.compile(r"\([^()]{1,80}\)")
#: develops.possessive_combination: "Acme's "Duo Combination" (A + B capsules)": the named
#: combination's parenthesis lists its drugs, joined by "+", "/" or "and".
_COMBINATION_GLUE = re.compile(r"\s*(?:\+|/|,|\band\b|\bplus\b)\s*")
_COMBINATION_OPEN = re.compile(r"\(\s*$")


def _possessive(
    text: str, sent: tuple[int, int], c: Entity, dm: Mention, d: Entity, drugs: list, rels
) -> None:
    """develops.possessive: "Acme's X"; develops.possessive_list: "Acme's A and B", "Acme's
    A, B and C": the coordinated drugs too."""
    add_relation(rels, "develops.possessive", c, d, sent)
    combination = bool(_COMBINATION_OPEN.search(text, max(sent[0], dm.start - 3), dm.start))
    prev_end, last = dm.end, d
    for om, o in drugs:
        if om.start < prev_end:
            continue
        gap = text[prev_end : om.start]
        if combination and _COMBINATION_GLUE.fullmatch(gap):
            add_relation(rels, "develops.possessive_combination", c, o, sent)
            prev_end, last = om.end, o
            continue
        if o is last and re.fullmatch(r"\s*\(", gap):
            prev_end = om.end  # "A (Brand), B": the brand of A
            continue
        if not COORD_GAP.fullmatch(gap):
            break
        add_relation(rels, "develops.possessive_list", c, o, sent)
        prev_end, last = om.end, o


def _drug_before_company(
    text: str, cm: Mention, dm: Mention, drugs: list, possessive: bool
) -> str | None:
    """The rule for a drug written before the company, if one fits."""
    between = text[dm.end : cm.start]
    if (
        re.search(r"\b(?:is|was)\s+$", text[max(0, cm.start - 10) : cm.start])
        and cm.start - dm.end < 40
        and possessive
    ):
        return "develops.is_company_s"
    if (
        possessive
        and re.fullmatch(r"(?:\s*\([^)]{1,40}\))?,\s+", between)
        and not _owns_next_drug(text, cm, drugs)
    ):
        return "develops.apposition_possessive"  # "osimertinib, Acme's third-generation"
    if re.fullmatch(r"(?:\s*\([^)]{1,40}\))?\s*\(\s*", between) and re.match(
        r"[\s,.]*(?:Inc|Ltd|plc|AG|SA|Co)?\.?\s*\)", text[cm.end : cm.end + 12]
    ):
        return "develops.paren_company"  # "ciltacabtagene autoleucel (J&J)"
    if cm.start - dm.end < 160 and _DRUG_FROM.fullmatch(text, dm.end, cm.start):
        return "develops.drug_from"  # "pegcetacoplan (Empaveli) from Apellis"
    if re.fullmatch(r"[\s(]*[^\W\d_a-z][\w -]*;\s*", between):
        return "develops.brand_semicolon"
    if (
        _nearest_drug_before(text, drugs, dm, cm.start)
        and _BY_COMPANY.search(text[max(dm.end, cm.start - 90) : cm.start])
        and not _COMPARED_AFTER_DRUG.search(text, dm.end, cm.start)
    ):
        return "develops.by_company"
    return None


#: develops.its_study: "A revealed data from its closely-watched Phase 1/2 study of X", "A
#: began its pivotal trial testing X": the company runs the study of the drug, so it owns it.
_ITS_STUDY_OF = re.compile(
    r"\bits\s+(?:[\w/.+-]+,?\s+){0,6}?(?:study|studies|trial|trials|program|programme)\s+"
    r"(?:of|with|testing|evaluating|investigating)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: relations.list_owner: in "A's X (x), B's Y (y)", B's possessive owns the drug right after it.
_OWNS_NEXT = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,3}?$")


def _owns_next_drug(text: str, cm: Mention, drugs: list) -> bool:
    """relations.list_owner: the company's possessive is followed by its own drug ("..., B's Y
    (y)"), so it is no apposition of the drug before it."""
    nxt = next((dm for dm, _ in drugs if dm.start >= cm.end), None)
    return nxt is not None and _OWNS_NEXT.fullmatch(text, cm.end, nxt.start) is not None


def _company_before_drug(
    text: str, cm: Mention, dm: Mention, d: Entity, comps: list, first_after, prev_end: int = -1
) -> str | None:
    """The rule for a drug written after the company, if one fits: "its X" after the
    sentence's first company, or the company as the subject of an announcing or trial verb."""
    between = text[cm.end : dm.start]
    if re.search(r"\bits\s+(?:[\w-]+\s+){0,4}$", between) and cm is comps[0][0]:
        return "develops.its_drug"
    if first_after is not None and first_after[1] is d and _COMPANY_HYPHEN.fullmatch(between):
        return "develops.company_hyphen"

    if (
        first_after is not None
        and first_after[1] is d
        and _SPONSORED_BY.search(text, max(0, cm.start - 80), cm.start)
        and not _COMPARED_AFTER_DRUG.search(between)
    ):
        return "develops.trial_sponsored_by"
    if (
        first_after is not None
        and first_after[1] is d
        and (rule := _subject_rule(text, cm, dm, comps))
        and not re.search(r"\b(?:versus|compared|vs\.?)\b", between)
        and not re.search(r"\b(?:with|plus|to)\s+$", between)
    ):
        return rule
    if _ITS_STUDY_OF.search(between) and cm is comps[0][0]:
        return "develops.its_study"
    if _coordinated_predicate(text, cm, dm, comps, prev_end):
        return "develops.coordinated_predicate"
    return None


#: develops.company_hyphen: "AbbVie-partnered lymphoma antibody Epkinly", "the Acme-developed
#: X", "a Pfizer-licensed drug, X": the company joined to a participle makes the drug after it.
_COMPANY_HYPHEN = re.compile(
    r"-(?:partnered|developed|co-developed|licensed|in-licensed|owned|marketed|discovered|"
    r"originated|backed|sponsored|made)[^\S\n]+(?:[\w/-]+,?[^\S\n]+){0,5}?(?:[\w-]+[®™]?"
    r"[^\S\n]*\([^\S\n]*)?"
)


#: develops.coordinated_predicate: "A is pursuing trials of X and has begun phase 1 trials of Y",
#: "A markets X and is developing Y": a second predicate joined by "and" keeps the subject.
_COORDINATED_PREDICATE = re.compile(
    r",?\s+and\s+(?:(?:has|have|had|is|are|was|will|also|now|recently|already|since)\s+)*"
    r"(?:beg[au]n|start(?:s|ed)|initiat(?:es|ed)|launch(?:es|ed)|complet(?:es|ed)|dos(?:es|ed)|"
    r"test(?:s|ed|ing)|develop(?:s|ed|ing)|advanc(?:es|ed|ing)|evaluat(?:es|ed|ing)|"
    r"study(?:ing)?|studie[sd]|pursu(?:es|ed|ing)|market(?:s|ed|ing)|sell(?:s|ing)|sold|"
    r"submitt(?:ed|ing)|submits|fil(?:es|ed|ing)|acquir(?:es|ed|ing)|licens(?:es|ed|ing)|"
    r"commerciali[sz](?:es|ed|ing))\b(?:\s+[\w/-]+){0,6}?\s+(?:of|with|for|on)?\s*$"
)


def _coordinated_predicate(text: str, cm: Mention, dm: Mention, comps, prev_end: int) -> bool:
    """develops.coordinated_predicate (see `_COORDINATED_PREDICATE`): the company is the
    sentence's first, no company comes between, and the drug follows a second predicate that
    starts right after the drug before it (which ends at `prev_end`)."""
    if prev_end < 0 or cm is not comps[0][0]:
        return False
    if any(cm.end <= om.start < dm.start for om, _ in comps):
        return False
    return _COORDINATED_PREDICATE.fullmatch(text, prev_end, dm.start) is not None


_BY_COMPANY_VERBS = "|".join(re.escape(v) for v in vocabulary()["by_company_verbs"])
#: develops.by_company: "a third-generation PCSK9 inhibitor by X", "an antibody by X": a drug
#: noun right before "by" names the maker as a verb does.
_BY_COMPANY_HEADS = (
    _BY_COMPANY_VERBS
    + "|"
    + "|".join(re.escape(n) for n in vocabulary()["drug_nouns"] if n.islower() and len(n) > 3)
)
#: The words before the company that make it the maker of the drug written before them.
_BY_COMPANY = re.compile(
    r"\b(?:" + _BY_COMPANY_HEADS + r")\s+"
    # "marketed in the US as Brand by X", "sold as Brand by X".
    r"(?:(?:in|outside)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?)?"
    r"(?:as\s+[^\W\d_a-z][\w-]*\s+)?by\s+(?:the\s+)?"
    # "developed by China's X", "by Boston-based X", "by Acme's subsidiary X".
    r"(?:[^\W\d_a-z][\w.]*(?:['’]s|-based)\s+"
    r"(?:(?:subsidiary|unit|division|affiliate)\s+)?)?"
    + COMPANY_DESCRIBED
    + r"(?:[^\W\d_a-z][\w&.-]*(?:\s+[^\W\d_a-z][\w&.-]*)*(?:,\s+(?:and\s+)?|\s+and\s+))*$"
)
#: develops.possessive: "Merck & Co.'s X", "Acme Inc.'s X": the possessive after a legal suffix
#: the company's name left out.
#: develops.possessive: "Acme's X"; also with an opening quote typed for the apostrophe
#: ("Acme‘s X", as some news sites print it).
_POSSESSIVE_AFTER = re.compile(
    r"(?:\s*&\s*Co\.?|,?\s+(?:Inc|Co|Corp|Ltd|plc|AG|SA|LLC)\.?)?(?:['’]s?|‘s)\s"
)


#: develops.trial_sponsored_by: "a phase 1 trial, sponsored by X, of patients treated with an
#: agent called Y": the sponsor of the trial develops the drug the sentence names after it.
_SPONSORED_BY = re.compile(r"\b(?:trial|study)\b[^.;()]{0,50}?\bsponsored\s+by\s+(?:the\s+)?$")
#: relations.not_compared: "X caused less swelling than A and B, the antibodies sold by Y": the
#: maker after a comparison makes what X is compared with, not X.
_COMPARED_AFTER_DRUG = re.compile(r"\b(?:than|versus|vs\.?|compared (?:with|to)|unlike)\s")


def _nearest_drug_before(text: str, drugs, dm: Mention, pos: int) -> bool:
    """dm is the drug written last before pos, or one coordinated with it ("A and B, both
    marketed by X"); not an earlier drug of another clause ("A is P's; B is sold by X")."""
    if ";" in text[dm.end : pos]:
        return False
    later = [(om, o) for om, o in drugs if dm.end <= om.start and om.end <= pos]
    prev_end = dm.end
    for om, _ in later:
        gap = text[prev_end : om.start]
        if not (COORD_GAP.fullmatch(gap) or re.fullmatch(r"\s*[(,]?\s*", gap)):
            return False
        prev_end = om.end
    return True
