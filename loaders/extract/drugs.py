# ruff: noqa: UP031  (regexes are built with %-formatting: str.format braces clash with {m,n})
"""Drug names: INN stems, code names in drug context, brands, co-formulations.

Rules that generalize to names never seen: an International Nonproprietary
Name is recognisable from its stem (-mab, -tinib, -cept, -tide...), a code
name (BAT4406F, MK-3475, AMG 133) from its shape plus drug context, and a
brand from where it stands (beside an INN in parentheses, after a drug noun).
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter

from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.cues import Cue, finditer, has
from loaders.extract.lexicon import brands, generics, lexicon, vocabulary
from loaders.extract.model import Mention
from loaders.extract.target_lexicon import lookup as target_lookup
from loaders.extract.text import Spans, count_many, leftmost_matches, occurrences

_V = vocabulary()
_STEMS = sorted(_V["inn_stems"], key=len, reverse=True)
_INN = re.compile(r"\b[A-Za-z][a-z]{2,}(?:%s)\b" % "|".join(_STEMS))
_INN_STOP = set(_V["inn_stopwords"])
_SUFFIX_WORDS = "|".join(_V["drug_suffix_words"])
#: drugs.payload_stems: the INN stems of ADC payloads and linker-drugs (-tecan, -dotin,
#: -tansine, -micin, -irine of tesirine and sunirine...): a word ending in one after an INN is its
#: conjugate partner ("pivekimab sunirine"), one drug.
PAYLOAD_STEMS = "|".join(_V["adc_payload_stems"])
#: drugs.inn_tail_variant: "interferon alfa-2b", "epoetin beta-1a": a Greek-letter word keeps
#: its numbered variant.
_INN_TAIL = re.compile(
    r"(?:\s+(?:(?:%s)(?:-\d[a-z]?(?!\w|-\d))?|[a-z]{3,}(?:%s|cel|vec)))+(?!\w)"
    % (_SUFFIX_WORDS, PAYLOAD_STEMS)
)
#: drugs.title_case_conjugate: "Trastuzumab Deruxtecan for Injection", "Raludotatug Deruxtecan
#: Demonstrated ...": a title-case INN and its capitalised payload or cell-therapy word are one
#: drug, named in lower case.
_TITLE_SUFFIX_TAILS = "|".join(w[1:] for w in _V["drug_suffix_words"] if w[:1].islower())
_TITLE_INN_TAIL = re.compile(
    r"(?:\s+(?:[A-Z](?:%s)|[A-Z][a-z]{2,}(?:%s|cel|vec)))+(?!\w)"
    % (_TITLE_SUFFIX_TAILS, PAYLOAD_STEMS)
)
_BIOSIMILAR_SUFFIX = re.compile(r"-[a-z]{4}\b")
_COFORM = re.compile(
    r"\s+(?:and|with|co-?formulated with|coformulated with)\s+"
    r"((?:recombinant human |berahyaluronidase alfa|)?hyaluronidase(?:-[a-z]{4})?)"
)
#: A development code name ("ABC-123", "XY 4567"); resolve.py reuses it to spot code names.
#: drugs.apostrophe_code: "GSK'990", "GSK’227": a company's capitals, an apostrophe, digits
#: (the way some companies shorten their long codes) is a code too.
CODE = re.compile(r"\b([A-Z][A-Za-z]{0,5})(-| |['’])?(\d{2,7})([A-Z]{0,2}\d?)\b")
_CODE_EXCLUDE = set(_V["code_exclude_prefixes"])
#: ISO currency codes: "USD500", "RMB300" are money, never a code name.
_CURRENCIES = {c.upper() for c in _V["currency_codes"]}
#: "study ABC-123", "protocol ABC-123": a study identifier, not a product.
#: drugs.study_code: "the phase 3 study (ABCD-005)" too.
_STUDY_BEFORE_CODE = re.compile(r"\b(?:trial|study|protocol)\s*(?:\(\s*)?$", re.I)
_DRUG_NOUNS = set(_V["drug_nouns"])
_CODE_CUES_BEFORE = re.compile(
    # "conjugate (ADC) HLX-87": a drug noun, its abbreviation; "The drug, DT-2216,".
    # "Acme's (3692 HK) AB-123": a ticker's parenthesis between the owner and the code.
    r"(?:\b(?:%s)|\bits|['’]s?|\bof|\bincludes?|\bincluding|\bdosed with|\bplus|"
    # "the application for CODE", "IND clearance for CODE", "rights to CODE".
    r"\b(?:applications?|IND|NDA|BLA|sNDA|sBLA|MAA|approval|designation|clearance|rights|"
    r"licen[cs]e)\s+(?:for|to))\s+"
    r"(?:[\w-]+\s+|\([\w -]{1,20}\)\s+){0,3}$|"
    # drugs.code_apposition: "The drug, CODE,", "conjugate (ADC), CODE,", "The medication –
    # CODE –": a drug noun (and its abbreviation) set off by a comma or a dash.
    r"\b(?:%s)(?:\s*\([\w -]{1,20}\))?\s*(?:,|[–—]|--)\s+$|"
    # "an exclusive option on an early-stage program, IBI3001": a programme or asset too.
    r"\b(?:program|programme|asset|product)\s*(?:,|[–—]|--)\s+$|"
    r"\b(?:formerly|previously|also known as|dubbed|codenamed|code-named)"
    r"\s+(?:known as\s+|called\s+)?$|"
    # drugs.code_named: "an orally administered inhibitor, called AB123", "the liposomal
    # treatment, named AB-12", "a new antibody named XY-001": a product noun, then its name;
    # also set off by a dash ("The compound – called AB123 – targets ...").
    r"\b(?:%s)(?:,|\s*[–—]|\s+--)?\s+(?:called|named)\s+$|"
    # drugs.code_in_noun_parenthesis: "a neutralizing monoclonal antibody (AB01)", "the oral
    # inhibitor (AB-123) was": a product noun, then its code in a parenthesis.
    r"\b(?:%s)\s*\(\s*$|"
    # drugs.code_evaluated: "the study will evaluate AB123", "a trial evaluating AB-12 in ...".
    r"\b(?:to\s+evaluate|will\s+evaluate|evaluating|to\s+investigate|investigating)\s+$|"
    # drugs.code_data_for: "promising new data for AB1234", "study results for AB-12 by": what
    # the data or results are about.
    r"\b(?:data|results|findings)\s+(?:for|on)\s+$" % (("|".join(sorted(_DRUG_NOUNS)),) * 4),
    re.IGNORECASE,
)
#: drugs.code_known_as: "its second candidate, known as AB-123,", "known as AB-12 during testing
#: and now CD-001": a code introduced as the name of the thing just described (gene symbols
#: written like codes are excluded where this cue is used).
_CODE_KNOWN_AS = re.compile(
    # "the investigational drug (known as AB1234)", "a compound (also known as AB-12)" too.
    r"(?:,\s*|\b(?:candidate|compound|molecule|drug|therapy|asset)\s+(?:\(\s*(?:also\s+)?)?)"
    r"known as\s+$|"
    r"\bknown as\s+[A-Z][\w-]*\d[\w-]*\s+(?:[\w-]+\s+){0,3}and\s+now\s+$"
)
#: "HRS1234 injection, an ...": a dosage form between a code name and its cue.
_DOSAGE_FORMS = "|".join(sorted(_V["dosage_forms"], key=len, reverse=True))
_CODE_VERBS = "|".join(_V["code_cue_verbs_after"])
_CODE_CUES_AFTER = re.compile(
    r"^(?:\s+(?:%s)\b)?"
    r"\s*(?:,\s*(?:a|an|the|its)\b|is\s+(?:a|an|the)\b|\)\s*,\s*(?:a|an)\b|\s*\(|for\s+(?:the\s+)?"
    r"(?:treatment|patients)|was\s+(?:well\s+)?tolerated|demonstrated|showed|achieved|"
    # drugs.code_relative_clause: "AB-123, which is being co-developed with Acme,", "AB-12,
    # currently developed with Acme", "AB-123, which targets X": the code's own verb after a
    # relative clause's "which"/"that" or an adverb of time.
    r"(?:,\s*(?:which|that)\s+|,\s*(?:currently|now)\s+)?(?:"
    r"(?:(?:is|was|are|were|has\s+been)\s+)?(?:being\s+|currently\s+)?(?:co-)?"
    r"(?:tested|studied|evaluated|developed|investigated)\b|"
    r"(?:%s)\b)|"
    # "CODE is mainly used for weight management": a product's use.
    r"(?:is|are)\s+(?:\w+ly\s+)?used\s+(?:for|to|in)\b|"
    # drugs.code_into_clinic: "advance AB-123 into a phase I trial", "move AB-12 into the
    # clinic", "took AB123 into first-in-human studies": only a product enters trials.
    r"into\s+(?:a\s+|the\s+|its\s+)?(?:phase|clinic|clinical|first-in-human|human|pivotal|"
    r"registrational)\b|"
    # "CODE received Breakthrough Therapy designation", "CODE binds X", "CODE reduced tumors".
    r"(?:%s)\b)" % (_DOSAGE_FORMS, _CODE_VERBS, _CODE_VERBS)
)
#: drugs.phase_code_trial: "the Phase 1 AB-123 clinical trial", "a phase 2 XY1234 study": a
#: code between a phase and the trial noun names the product the trial tests (a cooperative
#: group's study number is excluded by its prefix: code_exclude_prefixes).
_PHASE_BEFORE_CODE = re.compile(
    r"\bphase\s+(?:[1-4]|I{1,3}|IV)[ab]?(?:\s*/\s*(?:[1-4]|I{1,3})[ab]?)?\s+$", re.I
)
_TRIAL_AFTER_CODE = re.compile(r"\s+(?:clinical\s+)?(?:trial|study)\b", re.I)
_TRIAL_OF = re.compile(r"\s+(?:of|with|evaluating|testing|investigating)\s+")
#: drugs.trial_acronym_code: "the TACTIX-004 trial", "its pivotal TACTIX-004 Phase III study":
#: a word of five or more letters with a number, right before the (phase and) trial noun, is
#: the trial's acronym and names no product anywhere in the text (codes have short prefixes).
_TRIAL_NAME_AFTER = re.compile(
    r"\s+(?:phase\s*(?:[1-4]|I{1,3}|IV)[ab]?(?:\s*/\s*(?:[1-4]|I{1,3})[ab]?)?\s+)?"
    r"(?:clinical\s+)?(?:trial|study)\b",
    re.I,
)
#: drugs.trial_serial: "the phase 1 ARC-20 study", "the phase 1/2 SOHO-01 trial": letters, a
#: hyphen and a one- or two-digit serial number name a sponsor's or group's trial, not the
#: product it tests (development codes carry three or more digits or no hyphen: AB-123, AB12).
_TRIAL_SERIAL = re.compile(r"[A-Za-z]{2,8}-\d{1,2}")
_EXON_CODE = re.compile(r"([A-Z][A-Z0-9]{1,6})ex\d{1,2}")
_STUDY_NUMBER_TAIL = re.compile(r"-\d{3}(?![\w-])")
_STUDY_NUMBER_AFTER = re.compile(r"-\d{2,4}\s+(?:trial|study|studies|protocol)\b", re.I)
_NOT_AFTER_CODE = re.compile(
    r"^[\s-]*(?:trial|study|studies|program|cohort|data|levels?|concentrations?|scores?)\b", re.I
)
_BRAND = r"[A-Z][A-Za-z0-9]+(?:[ -][A-Z][A-Za-z0-9]+)?"
#: "inn (Brand; ...": a brand in the parenthesis after a drug name.
_PAREN_BRAND = re.compile(r"\s*\((%s)[®™]?\s*[;,)]" % _BRAND)
#: "inn (xxx-cel)": the short name of a cell therapy ("-leucel", "-temcel").
_PAREN_CELL_SHORT = re.compile(r"\s*\(([a-z]{2,6}-cel)\)")
#: "izalontamab brengitecan (iza-bren)", "datopotamab deruxtecan (Dato-DXd)": a short name made
#: of the first letters of a two-word INN's words.
_PAREN_WORD_SHORT = re.compile(r"\s*\(([A-Za-z]{3,6})-([A-Za-z]{1,6})(?=\)|[,;]\s)")
#: "Brand (": a brand right before the parenthesis that holds a drug name.
_BRAND_PAREN = re.compile(r"(%s)[®™]?\s*\($" % _BRAND)
#: "Brand, also known as AB-123" / "Brand, formerly AB-123": a name right before a code's
#: other-name cue (a sentence may start with it, where no other rule sees a brand).
_BRAND_THEN_CODE = re.compile(
    r"\b(%s)[®™]?,\s*(?:also known as|formerly|previously)(?:\s+(?:known as|called))?\s+$" % _BRAND
)
#: drugs.brand_after_noun; "molecule Lp(a)": a word glued to a parenthesis is a protein.
_NOUN_THEN_BRAND = re.compile(r"\b(?:%s) (%s)\b(?!\()" % ("|".join(sorted(_DRUG_NOUNS)), _BRAND))
_STRONG_STEMS = (
    "mab",
    "nib",
    "ciclib",
    "lisib",
    "parib",
    "zomib",
    "degib",
    "cept",
    "siran",
    "tide",
    "imod",
    "platin",
    "tecan",
    "gliflozin",
    "gliptin",
    "leucel",
    "fusp",
    "estrant",
    # Newer INN stems (KRAS, CETP, oral GLP-1, complement, myosin, 2021+ antibody scheme).
    *"rasib trapib glipron copan coplan camten tirom bart tug mig fibranor glitazar tifan "
    "meran".split(),
    # Stems no English word or surname ends in, so a capitalised form is a drug too.
    *"xaban gatran lidomide zolomide formin profen oxetine pramine azepam cycline vudine kinra "
    "relix poetin grastim plase fenac oxacin lintide semide thiazide glitazone previr buvir "
    "asvir tegravir trexate taxel rubicin olone nisone mycin cillin floxacin sartan dipine "
    "lukast setron limus vastatin citabine mustine parin coxib triptan dronate fungin "
    "bactam sporin orexton orexant gepant pitant ciguat toclax glusib".split(),
)
#: drugs.brand_apposition: "an oral THR-β agonist, Brandname.", "a comparable treatment,
#: Acme's Brandname, ...": a one-word brand set off after a drug noun, ending its clause.
_NOUN_COMMA_BRAND = re.compile(
    r"\b(?:%s),\s+(?:[A-Z][\w-]+['’]s\s+)?([A-Z][a-z]{3,}[a-z0-9]*|[A-Z]{5,})[®™]?(?=\s*[.,;])"
    % "|".join(sorted(_DRUG_NOUNS))
)
#: drugs.quoted_product: "its antiviral treatment "Brandname"", "candidate substance "AB123"".
_NOUN_QUOTED_PRODUCT = re.compile(
    r"\b(?:%s|substance)\s+[\"“‘']([A-Z][A-Za-z0-9-]{2,})[,.]?[\"”’']"
    % "|".join(sorted(_DRUG_NOUNS))
)
_COMBO_THEN_BRAND = re.compile(
    # drugs.glued_parenthesis: "Lipoprotein(a), or Lp(a)": a word glued to a parenthesis is a
    # molecule's notation, no brand.
    r"\b(?:in combination with|combined with|plus|versus|vs\.?|or) (%s)\b(?![-®(])" % _BRAND
)
#: The words each match of these starts with (loaders/extract/cues.py): tried only there.
_BRAND_AFTER_CUES = {
    _NOUN_THEN_BRAND: Cue(_DRUG_NOUNS, pattern=_NOUN_THEN_BRAND, lead=0),
    _COMBO_THEN_BRAND: Cue(
        ["in combination with", "combined with", "plus", "versus", "vs", "or"],
        pattern=_COMBO_THEN_BRAND,
        lead=0,
    ),
    _NOUN_COMMA_BRAND: Cue(_DRUG_NOUNS, pattern=_NOUN_COMMA_BRAND, lead=0),
    _NOUN_QUOTED_PRODUCT: Cue([*_DRUG_NOUNS, "substance"], pattern=_NOUN_QUOTED_PRODUCT, lead=0),
}
#: drugs.registered_after_noun: "whose product ZENOSTA® leads the market", "its cellular
#: immunotherapy Cellvax-LC®", "its dengue vaccine, DENVAX®": a registered name right after a
#: product noun (or set off by a comma) is the product, also in capitals (a bare "X®" may be a
#: meeting, a website or a hospital).
_NOUN_THEN_REGISTERED = re.compile(
    r"\b(?:%s|immunotherap(?:y|ies)),?\s+(%s)[®™]" % ("|".join(sorted(_DRUG_NOUNS)), _BRAND)
)
_NOUN_THEN_REGISTERED_CUE = Cue(["®", "™"], pattern=_NOUN_THEN_REGISTERED)
#: drugs.ascii_trademark: "investigating CardiolRxTM in patients with pericarditis": a trade
#: mark typed as the letters "TM" glued to a coined, mixed-case name marks a product.
_ASCII_TRADEMARK = re.compile(r"(?<![\w-])([A-Z][a-z]{2,}[A-Za-z]*[a-z])TM(?![\w-])")
#: drugs.possessive_registered: "Amgen’s Wezenla™", "Sandoz/Samsung Bioepis’ Pyzchiva®": a
#: registered name owned by the name before it is that owner's product (the roundups of
#: approved brands write them so, with no drug noun).
_POSSESSIVE_REGISTERED = re.compile(r"(?<=\w['’]s |\ws['’] )(%s)[®™]" % _BRAND)
#: drugs.registered_regulatory: "marketing authorization in Europe for BRANDX® for active
#: immunization", "the approval of BRANDX® by the FDA", "BRANDX® for the prevention of ...": a
#: registered name (press releases write brands in capitals) that a regulator approves or that
#: is given for a treatment or prevention is the product.
_REGULATORY_REGISTERED = re.compile(
    r"\b(?:approvals?|authori[sz]ations?|applications?|launch(?:es)?|recommendations?|filings?|"
    r"submissions?)\s+(?:[\w.-]+\s+){0,3}?(?:of|for)\s+(%s)[®™]|"
    r"(?<![\w-])(%s)[®™]\s+(?:\([^()]{1,80}\)\s+)?for\s+(?:the\s+)?(?:active\s+)?"
    r"(?:prevention|treatment|immuni[sz]ation|prophylaxis)\b" % (_BRAND, _BRAND)
)
#: drugs.registered_dosed: "continue with daily Brandix® (n=52)", "switched from Brandix®",
#: "versus Brandix®", "a daily 10 mg dose of Brandix®": a registered name that patients take,
#: switch to or are compared with is the product (a meeting or a hospital is not dosed).
_DOSED_REGISTERED = re.compile(
    r"\b(?:(?:once[- ]|twice[- ])?(?:daily|weekly|monthly)|oral|subcutaneous|intravenous|inhaled|"
    r"treated with|continu(?:e|ed|ing) (?:on|with)|switch(?:ed|ing)? (?:to|from)|"
    r"receiv(?:e|ed|ing)|taking|plus|versus|vs\.?|(?:doses?|mg) of)\s+(%s)[®™]" % _BRAND
)
#: Regulatory designations read like brands after a drug noun ("the asset Breakthrough Therapy").
_DESIGNATION_WORDS = set(_V["regulatory_designation_words"])
_CALENDAR = set(_V["calendar_words"])
_PLACES = set(_V["trial_countries"])
#: "-ic acid" INNs (obeticholic acid, zoledronic acid); not the acids of biochemistry.
_ACID = re.compile(r"\b([A-Za-z][a-z]{3,}ic) acid\b")
_ACID_CUE = Cue(["ic acid"], pattern=_ACID)
_NOT_ACID = set(_V["not_acid_drugs"])
#: Words of disease names and their qualifiers, capitalised in headings and labels.
_HEADING_WORDS = (
    set(_V["disease_qualifiers"]) | set(_V["generic_disease_words"]) | set(_V["disease_heads"])
)
#: ADC payloads and linker pieces named alone ("deruxtecan-based agents") are not drugs.
_PAYLOADS = set(_V["drug_suffix_words"])
_NOT_BRAND = set(_V["not_companies"]) | set(_V["not_brand_words"])
_NOT_BRAND_LOWER = {w.lower() for w in _NOT_BRAND}
#: drugs.title_not_brand: "Metabolic medicine Consultant Dr Jane Roe", "the therapy Director
#: Smith": a person's title or research role after a drug noun starts a name, never a brand.
_TITLE_WORDS = set(_V["person_titles"]) | {w for w in _V["research_roles"] if " " not in w}


#: "<antibody INN> <payload INN>" ("trastuzumab rezetecan"): the second word is a payload.
_CONJUGATE_TAIL = re.compile(
    r"(?i)\b[a-z]{3,}(?:mab|tug|cept)\s+([a-z]{3,}(?:%s))\b" % PAYLOAD_STEMS
)
#: Words every match of the pattern above contains (loaders/extract/cues.py).
_CONJUGATE_TAIL_CUE = Cue(_V["adc_payload_stems"], ignore_case=True, pattern=_CONJUGATE_TAIL)


#: Antibody stems whose INN takes a second INN word for a conjugate or fusion partner.
_ANTIBODY_STEMS = ("mab", "bart", "tug")
_NEXT_WORD = re.compile(r"[ \t]+([a-z]{4,})\b")


def _conjugate_partner(text: str, end: int) -> re.Match | None:
    """The adjacent lower-case INN-stem word after an antibody INN ("xmab yglutide"), if any."""
    m = _NEXT_WORD.match(text, end)
    if not m:
        return None
    w = m.group(1)
    if w in _INN_STOP or w.endswith(("peptide", "nucleotide")) or w in _PAYLOADS:
        return None
    return m if _has_inn_stem(w) else None


#: Whole words that could match _INN; the stem is tested in Python (same matches, faster
#: than 120 stem alternatives tried at every letter by the regex engine).
_INN_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}+\b")
_STEM_TUPLE = tuple(_STEMS)
_STEMS_ARE_LETTERS = all(re.fullmatch(r"[a-z]+", s) for s in _STEMS)


@functools.lru_cache(maxsize=1 << 16)  # the same words recur in every document
def _has_inn_stem(word: str) -> bool:
    """`word` ends in an INN stem with at least three letters before it (as _INN demands)."""
    return word.endswith(_STEM_TUPLE) and any(
        word.endswith(s) and len(word) >= 3 + len(s) for s in _STEM_TUPLE
    )


#: The words of _INN_WORD whose last three letters end a stem: the regex engine drops the
#: other nine words in ten before Python looks at them (a stem has at least three letters).
_STEM_ENDS = sorted({s[-3:] for s in _STEM_TUPLE})
_INN_WORD_ENDING = (
    re.compile(r"%s(?<=%s)\b" % (_INN_WORD.pattern.removesuffix(r"\b"), "|".join(_STEM_ENDS)))
    if _INN_WORD.pattern.endswith(r"\b") and min(map(len, _STEM_TUPLE)) >= 3
    else _INN_WORD
)


def _inn_candidates(text: str):
    """Matches of _INN in `text`, in order (same spans)."""
    if not _STEMS_ARE_LETTERS:  # the word shortcut assumes lower-case letter stems
        yield from _INN.finditer(text)
        return
    for m in _INN_WORD_ENDING.finditer(text):
        if _has_inn_stem(m.group(0)):
            yield m


#: drugs.company_shaped_inn: "Alphamab Oncology", "Kymab Ltd.": a capitalised INN-shaped word
#: right before a company word or a legal suffix is a company's name, not a drug.
_COMPANY_NEXT = re.compile(
    r" (?:%s)\b"
    % "|".join(
        sorted(
            {re.escape(w.rstrip(".")) for w in _V["company_words"] + _V["legal_suffixes"]}
            | {"Oncology"},
            key=len,
            reverse=True,
        )
    )
)


#: drugs.hormone_compound: "gonadotropin-releasing hormone", "corticotropin-releasing factor":
#: a drug-shaped word before "-releasing hormone" names the body's hormone, not a product.
_HORMONE_COMPOUND = re.compile(r"-(?:releasing|inhibiting|stimulating)\s+(?:hormone|factor)\b")


#: drugs.initialled_pair: "nexiguran ziclumeran (nex-z)": an unknown lower-case word before an
#: INN belongs to its name when the short form in the parenthesis after spells both words'
#: first letters (gene-editing INNs pair two new words, only one of which has a known stem).
_WORD_BEFORE_INN = re.compile(r"(?<![\w-])([a-z]{6,}) $")


def _initialled_first_word(text: str, start: int, end: int, word: str) -> int | None:
    """Where the name starts when the word before the INN at `start` belongs to it."""
    if text[end : end + 2] != " (" or not word.islower():
        return None
    short = _PAREN_WORD_SHORT.match(text, end)
    before = _WORD_BEFORE_INN.search(text, max(0, start - 30), start) if short else None
    if before is None or before.group(1) in _INN_STOP:
        return None
    if before.group(1).startswith(short.group(1).lower()) and word[0] == short.group(2)[0].lower():
        return before.start(1)
    return None


def _inn_mentions(text: str) -> list[Mention]:
    out = []
    # Payloads the document names inside a conjugate: alone ("the rezetecan payload") they
    # are part of that drug, never a drug of their own (irinotecan, never a tail, still is).
    tails = _CONJUGATE_TAIL.finditer(text) if has(text, _CONJUGATE_TAIL_CUE) else ()
    payloads = _PAYLOADS | {m.group(1).lower() for m in tails}
    lower_seen: dict[str, bool] = {}  # "is the word also written in lower case?", once per word
    for m in _inn_candidates(text):
        word = m.group(0)
        if word.lower() in _INN_STOP or word.lower().endswith(("peptide", "nucleotide")):
            continue
        if word.lower() in payloads:
            continue  # a payload alone: part of a conjugate's name or a class ("-based")
        if word[0].isupper() and _COMPANY_NEXT.match(text, m.end()):
            continue  # drugs.company_shaped_inn
        if _HORMONE_COMPOUND.match(text, m.end()):
            continue  # drugs.hormone_compound: "gonadotropin-releasing hormone" is a hormone
        if word[0].isupper() and not word.lower().endswith(_STRONG_STEMS):
            low = word.lower()
            if low not in lower_seen:
                lower_seen[low] = low in text
            if (
                not lower_seen[low]
                and not _INN_TAIL.match(text, m.end())
                and not _TITLE_INN_TAIL.match(text, m.end())
            ):
                continue
        start, end = m.start(), m.end()
        name = word if not word[0].isupper() or word[1:].islower() is False else word.lower()
        forms: list[str] = []
        tail = _INN_TAIL.match(text, end)
        if tail is None and word[:1].isupper() and word[1:].islower():
            tail = _TITLE_INN_TAIL.match(text, end)  # drugs.title_case_conjugate
            if tail is not None and name == word.lower():
                forms.append(text[start : tail.end()])
        if tail:
            end = tail.end()
            name = f"{name} {' '.join(tail.group(0).lower().split())}"
        elif word.lower().endswith(_ANTIBODY_STEMS):
            partner = _conjugate_partner(text, end)
            if partner:  # "<antibody INN> <peptide INN>": one conjugate / fusion drug
                end = partner.end()
                name = f"{name} {partner.group(1)}"
        first = _initialled_first_word(text, start, end, word)
        if first is not None:  # drugs.initialled_pair
            start, name = first, f"{text[first:start]}{name}"
        suffix = _BIOSIMILAR_SUFFIX.match(text, end)
        if suffix and not text[end + 5 : end + 6].isalnum():
            forms.append(name + suffix.group(0))
            end = suffix.end()
        co = _COFORM.match(text, end)
        if co:
            base = name
            partner = re.sub(r"-[a-z]{4}$", "", co.group(1))
            partner = partner if partner.startswith("hyaluronidase") else "hyaluronidase"
            forms.append(base)
            forms.append(text[start : co.end()])
            name = f"{base} and {partner}"
            end = co.end()
        out.append(Mention("Drug", start, end, text[start:end], name, tuple(forms)))
    for m in _ACID.finditer(text) if has(text, _ACID_CUE) else ():
        if m.group(1).lower() in _NOT_ACID:
            continue
        name = m.group(0) if m.group(0)[1:].islower() is False else m.group(0).lower()
        out.append(Mention("Drug", m.start(), m.end(), m.group(0), name))
    return out


_DIGITS = re.compile(r"\d{2,7}")


def _code_candidates(text: str):
    """Code-name-shaped matches, found from their digits (cheaper than scanning every word)."""
    for d in _DIGITS.finditer(text):
        s = max(0, d.start() - 7)
        end = d.end() + 3
        m = CODE.search(text, s, min(len(text), end))
        while m is not None and m.start(3) < d.start():
            m = CODE.search(text, m.end(), min(len(text), end))
        if m is not None and m.start(3) == d.start():
            yield m


#: drugs.not_mutation: one amino-acid letter, a residue number, another amino-acid letter
#: written solid ("G12C", "V600E", "T790M") is a protein variant, not a code name.
_MUTATION = re.compile(r"[ACDEFGHIKLMNPQRSTVWY]\d{1,4}[ACDEFGHIKLMNPQRSTVWYX]")


#: drugs.code_beyond_antigens: "CD388, a drug-Fc conjugate": a prefix excluded as an antigen
#: family (CD1 ... CD371) still starts a code when the number lies beyond the family's known
#: range and the symbol is no known gene or protein (the code still needs a drug context).
_ANTIGEN_RANGES: dict[str, int] = _V["code_prefix_antigen_ranges"]


def _beyond_antigens(m: re.Match) -> bool:
    top = _ANTIGEN_RANGES.get(m.group(1))
    if top is None or m.group(2) or m.group(4) or int(m.group(3)) <= top:
        return False
    return not target_lookup(m.group(0))


def _is_code(m: re.Match) -> bool:
    prefix, digits = m.group(1), m.group(3)
    if not m.group(2) and _MUTATION.fullmatch(m.group(0)):
        return False
    if prefix in _CODE_EXCLUDE or prefix.upper() in _CODE_EXCLUDE:
        return _beyond_antigens(m)
    if prefix.upper().rstrip("$") in _CURRENCIES:
        return False
    if m.group(2) == " " and re.fullmatch(r"(19|20)\d\d", digits):
        return False
    if m.group(2) in {"'", "’"} and (not prefix.isupper() or len(prefix) < 2 or len(digits) < 3):
        return False
    if prefix.islower():
        return False
    if prefix[1:].islower() and len(prefix) > 2:
        # drugs.title_case_code: "Verve-102", "Descartes-08": a company's word, a hyphen and
        # three or more digits or a number with a leading zero (never "Covid-19", "Phase-2").
        return m.group(2) == "-" and (len(digits) >= 3 or digits.startswith("0"))
    return True


#: A pipeline list ("Its pipeline includes ..."): every code-shaped name after it is a drug.
_PIPELINE_CUE = re.compile(
    r"\b(?:pipeline|portfolio|product candidates|programs|programmes)\s+(?:includes?|including|"
    r"comprises|consists of|features|spans|also includes|contains|is led by)\b|"
    r"\b(?:pipeline|portfolio)\s*:"
)
_PIPELINE_WORDS = Cue(
    ["pipeline", "portfolio", "product candidates", "programs", "programmes"], pattern=_PIPELINE_CUE
)


#: drugs.code_is_target: "an anti MUC-16 antibody", "a MUC-16–targeting ADC": a gene symbol
#: written like a code name is the target of the drug, not the drug.
_TARGET_AFTER_CODE = re.compile(
    r"[-– ]?(?:targeting|targeted|directed|specific|ADCs?|antibod(?:y|ies)|bispecifics?|"
    r"CAR-T|inhibitors?|agonists?|antagonists?|expression|positive|negative)\b"
)
_ANTI_BEFORE_CODE = re.compile(r"\b[Aa]nti[- ]$")
#: drugs.code_in_list: "candidates such as zorvitinib and AB-123": a code listed
#: beside a drug name is a drug too.
#: drugs.code_deal_object: "a licensing transaction between A and B on AB-123", "the rights
#: of AB-123": a code named as the object of a deal is a product.
_DEAL_WORDS = re.compile(
    r"\b(?:deals?|transactions?|agreements?|licen[cs]\w*|out-licen[cs]\w*|rights)\b", re.I
)
_OBJECT_BEFORE_CODE = re.compile(r"\b(?:on|for|of|covering|involving)\s+$", re.I)
#: drugs.code_commerce_object: "a license to develop, manufacture and commercialize AB-123",
#: "may co-promote AB-123 in China": a code that is the object of a commercial verb is a product.
_COMMERCE_BEFORE_CODE = re.compile(
    r"\b(?:co-)?(?:commerciali[sz]e|promote|market|manufacture|develop)\s+(?:the\s+)?$", re.I
)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:and|or|as well as))\s*")


#: drugs.dotted_code: "AB-24.060", "XY-12.3": a hyphenated code whose number goes on after a
#: dot (a version or salt series of the candidate) is named in full.
_DOTTED_TAIL = re.compile(r"\.\d{1,4}(?![\w]|\.\d)")


#: drugs.code_construct_tail: "CF33-hNIS", "CF33-hNIS-antiPDL1", "CF33-CD19": a virus or
#: vector code and the payload it carries, written after hyphens, name one construct (a
#: segment of letters with capitals, no plain capitalised word or plural abbreviation:
#: "AB-101-Treated", the study number of "AB48-C016" and "RPE65-IRDs" stay apart).
_CONSTRUCT_TAIL = re.compile(
    r"(?:-(?![A-Z][a-z]+(?![\w-])|[A-Z]{2,}s(?![\w-]))[a-z]{0,4}[A-Z][A-Za-z]{1,8}\d{0,2})+"
    r"(?![\w-])"
)


def _code_end(text: str, m: re.Match) -> int:
    """Where the code of `m` ends: after its dotted tail when it is hyphenated, after the
    payload segments of a construct."""
    if m.group(2) == "-" and not m.group(4):
        tail = _DOTTED_TAIL.match(text, m.end())
        if tail:
            return tail.end()
    if text[m.end() : m.end() + 1] == "-":
        construct = _CONSTRUCT_TAIL.match(text, m.end())
        if construct:
            return construct.end()
    return m.end()


_PARTNER_PREFIX = re.compile(r"(?<![\w-])[A-Z]{2,4}-$")
_SPACE_PREFIX = re.compile(r"(?<![\w-])(?:%s) $" % "|".join(_V["code_space_prefixes"]))


def _code_mentions(doc: Doc, known: list[Mention]) -> list[Mention]:
    text = doc.text
    out = []
    # Names the text uses as a study ("the study (ABCD-005)") or a target ("anti AB-17"):
    # none of their mentions is a drug.
    not_products: set[str] = set()
    by_start = Spans((k.start, k.end) for k in known)
    by_end = Spans((k.end, k.start) for k in known)
    for m in _code_candidates(text):
        if not _is_code(m):
            continue
        start, end = m.start(), _code_end(text, m)
        # drugs.space_prefixed_code: "Lu AG09222": a maker's short prefix and a space before
        # the letters and digits belong to the code.
        prefix = _SPACE_PREFIX.search(text, max(0, start - 4), start)
        if prefix:
            start = prefix.start()
        code = text[start:end]
        if re.search(r"[A-Za-z0-9]-$", text[max(0, start - 2) : start]):
            # drugs.trial_name_tail: "HERIZON-BTC-302", "AB12-34-CD-004": the tail of a
            # trial's name (after a letter or a digit and a hyphen), not a code name.
            # drugs.partner_prefixed_code: "ABBV-RGX-314": a partner's short capitals before a
            # hyphenated code make one code.
            prefix = _PARTNER_PREFIX.search(text, max(0, start - 6), start)
            if prefix is None or m.group(2) != "-":
                continue
            start = prefix.start()
            code = text[start:end]
        s_start, s_end = doc.sentence_at(start)
        before = text[max(s_start, start - 60) : start]
        after = text[end : min(s_end, end + 60)]
        if len(m.group(1)) >= 5 and _TRIAL_NAME_AFTER.match(text, end):
            not_products.add(code)  # drugs.trial_acronym_code
            continue
        trial_noun = _TRIAL_AFTER_CODE.match(text, end)
        if _PHASE_BEFORE_CODE.search(before) and trial_noun:
            # drugs.phase_code_trial_of: "the phase III HD21 study of Brandname (inn)": the
            # code names the trial of the known drug after it, not a product.
            of = _TRIAL_OF.match(text, trial_noun.end())
            if of and by_start.starting_in(of.end(), of.end() + 1):
                not_products.add(code)
                continue
            if not _TRIAL_SERIAL.fullmatch(code):
                out.append(Mention("Drug", start, end, code, code))
            continue
        if _NOT_AFTER_CODE.match(after) or text[end : end + 1] == ":":
            continue
        if _STUDY_BEFORE_CODE.search(before):
            not_products.add(code)
            continue
        # drugs.study_number: "the AB-12345-201 study": a code plus a trial number names the
        # study, not a product (the code alone elsewhere still may).
        exon = _EXON_CODE.fullmatch(code)
        if exon and target_lookup(exon.group(1)):
            continue  # drugs.exon_code: "METex14", "EGFRex20": a gene's exon, a mutation
        if _STUDY_NUMBER_AFTER.match(text, end) or _STUDY_NUMBER_TAIL.match(text, end):
            continue  # drugs.study_number_tail: "the results of AB104-302, a phase III trial"
        if target_lookup(m.group(1) + m.group(3) + m.group(4)) and (
            _TARGET_AFTER_CODE.match(text, end) or _ANTI_BEFORE_CODE.search(before)
        ):
            not_products.add(code)
            continue
        beside_drug = any(
            text[k_end:start].strip() in {"(", ""} or _LIST_GAP.fullmatch(text, k_end, start)
            for k_end, _ in by_end.starting_in(start - 16, start + 1)
        ) or any(
            text[end:k_start].strip() == "(" or _LIST_GAP.fullmatch(text, end, k_start)
            for k_start, _ in by_start.starting_in(end, end + 16)
        )
        in_pipeline = (
            doc.has(_PIPELINE_WORDS) and _PIPELINE_CUE.search(text, s_start, start) is not None
        )
        deal_object = bool(_OBJECT_BEFORE_CODE.search(before)) and bool(
            _DEAL_WORDS.search(text, s_start, start)
        )
        if (
            beside_drug
            or in_pipeline
            or deal_object
            or _CODE_CUES_BEFORE.search(before)
            or _COMMERCE_BEFORE_CODE.search(before)
            or _CODE_CUES_AFTER.match(after)
            or (_CODE_KNOWN_AS.search(before) and not target_lookup(code))
            or (_ANAPHOR_CODE_NAME.search(before) and by_start.starting_in(start - 300, start))
        ):
            out.append(Mention("Drug", start, end, code, code))
    return [c for c in out if c.text not in not_products]


_NAMED_ALIASES = re.compile(
    r"(?:\s+(?:injection|tablets?|capsules?|for injection|infusion))?\s*\(([^()]{1,100})\)"
)
_KNOWN_AS = re.compile(
    r",?\s+(?:(?:also|better|more commonly|commonly|widely)\s+)?(?:known as|called|referred to as)"
    r"\s+([\w-]*[\w])"
    r"(?:\s*(?:,|or|and)\s+([\w-]*[A-Z0-9][\w-]*)(?![\w-]))?"
)
_ALIAS_FIELD = re.compile(
    r"(?i:brand name|trade name|trade names|development code|code name|code|also known as)"
    r"\s*[:=]?\s*([A-Z][\w-]*(?:\s\d+)?)"
)


#: "CagriSema, a combination of A and B": a CamelCase product name before its components.
#: drugs.combo_product_combines: "CagriSema (Acme) combines the analogue A and B" too.
COMBO_PRODUCT = re.compile(
    r"(?<![\w-])([A-Z][a-z]+(?:[A-Z][a-z]+)+)[®™]?,?\s+(?:\([^()]{1,40}\),?\s+)?(?:(?:is\s+)?"
    r"(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:combination|co-formulation|coformulation)\s+of\s+|"
    # drugs.combo_product_that_combines: "CagriSema is an investigational product that
    # combines the GLP-1 RA, semaglutide, with an amylin analogue, cagrilintide".
    r"is\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:product|drug|medicine|therapy|treatment)\s+that\s+"
    r"(?=combines\s)|"
    r"(?:combines|pairs)\s+)"
)
COMBO_PRODUCT_CUE = Cue(["combination", "formulation", "combines", "pairs"], pattern=COMBO_PRODUCT)


#: "Brand (Maker), approved for X": a product named with its maker and its label.
_BRAND_WITH_LABEL = re.compile(
    r"(?<![\w-])([A-Z][a-z]{4,})[®™]?\s*\([^()]{2,60}\),\s+(?:which\s+is\s+|is\s+)?"
    r"(?:(?:already|currently|now)\s+)?(?:approved|indicated|marketed|licensed|authori[sz]ed)\s+"
    r"(?:for|to|in|as)\b"
)
_BRAND_WITH_LABEL_CUE = Cue(
    ["approved", "indicated", "marketed", "licensed", "authori"], pattern=_BRAND_WITH_LABEL
)


#: drugs.brand_described: "a deal for Brandname, a diabetes drug based on ...", "rights to
#: Brandname, an oral JAK inhibitor": a capitalised name mid-sentence, described right after
#: it as a product ("a drug maker", "an antibody company" describe a company).
_BRAND_HEADS = "drug|medicine|medication|treatment|therapy|inhibitor|antibody|vaccine|biosimilar"
#: drugs.brand_described_after_paren: "Brandname (acellular pertussis vaccine), a vaccine used
#: to ...": a parenthesis (what it contains, its INN, its maker) may stand before the comma.
_BRAND_DESCRIBED = re.compile(
    r"(?<![\w-])([A-Z][a-z]{3,}[a-z0-9]*)[®™]?(?:\s*\([^()]{2,60}\))?,\s+(?:a|an)\s+(?:[\w/-]+\s+){0,4}?(?:%s)\b"
    r"(?!\s+(?:%s)\b)" % (_BRAND_HEADS, "|".join(_V["product_noun_org_followers"]))
)
_BRAND_DESCRIBED_CUE = Cue(_BRAND_HEADS.split("|"), pattern=_BRAND_DESCRIBED)
#: drugs.brand_pair_described: "than Brandone and Brandtwo, the amyloid antibodies sold by A
#: and B": two capitalised names described together by a plural product noun are two products
#: (the words between carry no preposition: "A and B, the companies behind the antibodies").
_PLURAL_HEADS = "drugs|medicines|medications|treatments|therapies|inhibitors|antibodies|vaccines"
_BRAND_PAIR_DESCRIBED = re.compile(
    r"(?<![\w-])([A-Z][a-z]{3,}[a-z0-9]*)[®™]?\s+and\s+([A-Z][a-z]{3,}[a-z0-9]*)[®™]?,\s+"
    r"(?:the|two)\s+(?:(?!(?:of|for|behind|from|by|with|in|at|to|and|or|that|which|the)\s)"
    r"[\w/-]+\s+){0,4}?(?:%s)\b" % _PLURAL_HEADS
)
_BRAND_PAIR_CUE = Cue(_PLURAL_HEADS.split("|"), pattern=_BRAND_PAIR_DESCRIBED)
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")


def _described_brand_mentions(doc: Doc, known: list[Mention]) -> list[Mention]:
    text = doc.text
    lower_names = {k.name for k in known if k.name.islower()}
    found = [
        (m, g)
        for rx, cue, groups in (
            (_BRAND_DESCRIBED, _BRAND_DESCRIBED_CUE, (1,)),
            (_BRAND_PAIR_DESCRIBED, _BRAND_PAIR_CUE, (1, 2)),
        )
        if doc.has(cue)
        for m in rx.finditer(text)
        for g in groups
    ]
    out = []
    for m, g in found:
        word = m.group(g)
        if not _describable(word):
            continue
        if _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()):
            continue  # "Today, a new drug ...": a sentence's first word may be any word
        # Written or named in lower case elsewhere: a generic name capitalised here.
        name = word.lower() if word.lower() in text or word.lower() in lower_names else word
        out.append(Mention("Drug", m.start(g), m.end(g), word, name))
    return out


#: A marketed product's name: a capitalised coined word, with a one-letter or digit version
#: after a hyphen ("Vaxbrix-B", "Brandol-C") or, before a cue that names a product, a space.
_MARKETED = r"[A-Z][a-z]{3,}[a-z0-9]*(?:[-‑][A-Z0-9](?![\w-])|[ ][A-Z](?![\w-]))?"
#: drugs.brand_status_apposition: "Brandix, approved by the FDA in 2023, ...", "Amgen's Brandix,
#: which was approved in 2024", "Brandix, commercialized in partnership with A": a name set off
#: by a comma and followed by its market status is a marketed product.
#: drugs.brand_maker_apposition: "against Brandix, the Acme product that ...", "Brandix, the
#: GSK vaccine": a name described by its maker's product noun.
#: drugs.brand_paren_described: "Acme's Brandix-B (a hepatitis B vaccine) and ...": a name with
#: what it is in a parenthesis right after it.
#: drugs.brand_is_product: "Brandix B is a hepatitis B vaccine approved for adults": a name that
#: opens a sentence and is said to be a product (at a sentence start only when the text names
#: it more than once, as any first word may be capitalised).
_PRODUCT_HEADS = _BRAND_HEADS + "|product|shot|jab"
_BRAND_SHAPES = re.compile(
    r"(?<![\w-])(%s)[®™]?(?:"
    r",\s+(?:which\s+(?:was|is|has\s+been)\s+)?(?:(?:first|already|now|also)\s+)?"
    r"(?:approved|commercialized|commercialised|marketed|launched|sold|licensed)\s+(?:by|in|for|with|as|since)\b"
    r"|,\s+the\s+(?:[A-Z][\w&-]*\s+){1,3}(?:[\w-]+\s+){0,2}?(?:%s)\b"
    r"|\s*\((?:a|an)\s+(?:[\w/-]+\s+){0,4}?(?:%s)\b[^()]{0,60}\)"
    r"|\s+is\s+(?:a|an)\s+(?:[\w/-]+\s+){0,4}?(?:%s)\b(?!\s+(?:%s)\b))"
    % (
        _MARKETED,
        _PRODUCT_HEADS,
        _PRODUCT_HEADS,
        _PRODUCT_HEADS,
        "|".join(_V["product_noun_org_followers"]),
    )
)
_BRAND_SHAPES_CUE = Cue(
    ["approved", "commerciali", "marketed", "launched", "sold", "licensed"]
    + _PRODUCT_HEADS.split("|"),
    pattern=_BRAND_SHAPES,
)


def _brand_shape_mentions(doc: Doc) -> list[Mention]:
    """drugs.brand_status_apposition, brand_maker_apposition, brand_paren_described,
    brand_is_product: a marketed product the lexicon does not know, named by how news
    describes a rival or partner product."""
    text = doc.text
    found = []
    for m in _BRAND_SHAPES.finditer(text) if doc.has(_BRAND_SHAPES_CUE) else ():
        name = m.group(1)
        first = name.split()[0].split("-")[0].split("‑")[0]
        if not _describable(first) or _not_a_brand(first, quoted=False):
            continue
        at_start = _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()) is not None
        if at_start and (first in _FUNCTION_WORDS or first.lower() in _FUNCTION_WORDS):
            continue
        if _PERSON_ROLES & set(m.group(0).lower().split()):
            continue  # drugs.shape_person_role: "Roe is a professor of medicine at ..."
        found.append((m, name, at_start))
    # At a sentence start the name must be written at least twice (counted in one pass).
    counts = count_many(text, {name for _, name, at_start in found if at_start})
    return [
        Mention("Drug", m.start(1), m.end(1), name, name.replace("‑", "-"))
        for m, name, at_start in found
        if not at_start or counts[name] >= 2
    ]


#: drugs.brand_list_partner: "AstraZeneca's Brandone and Brandtwo and UCB's Brandthree",
#: "Acme's Brandix-B (a vaccine) and Brandrix (which prevents ...)": a capitalised coined name
#: listed right after a product name found as a drug (its parenthesis and a maker's possessive
#: between) is another product of the list.
_LIST_PARTNER = re.compile(
    r"[®™]?(?:\s*\([^()]{0,80}\))?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
    r"(?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?['’]s\s+)?"
    r"([A-Z][a-z]{3,}[a-z0-9]*(?:[-‑][A-Z0-9](?![\w-]))?)[®™]?(?![\w-]|\s+[A-Z0-9]|['’])"
)


def _brand_list_partners(doc: Doc, known: list[Mention]) -> list[Mention]:
    """drugs.brand_list_partner over the capitalised product names found so far (each
    looks once to its right, a bounded window)."""
    text = doc.text
    out: list[Mention] = []
    queue = [k for k in known if k.text[:1].isupper() and not k.text.isupper()]
    seen = {(k.start, k.end) for k in known}
    while queue:
        k = queue.pop()
        m = _LIST_PARTNER.match(text, k.end, k.end + 160)
        if not m or (m.start(1), m.end(1)) in seen:
            continue
        word = m.group(1)
        base = word.split("-")[0].split("‑")[0]
        if not _describable(base) or _not_a_brand(base, quoted=False):
            continue
        if base.lower() in _FUNCTION_WORDS or base in _FUNCTION_WORDS:
            continue
        found = Mention("Drug", m.start(1), m.end(1), word, word.replace("‑", "-"))
        seen.add((found.start, found.end))
        out.append(found)
        queue.append(found)
    return out


#: drugs.short_name_series: "its pipeline includes del-zota (DMD), del-desiran (DM1) and
#: del-brax": lower-case short names that share a company's prefix, listed together, are a
#: series of products (an English prefix - "non-", "co-", "low-" - makes no series).
_SHORT_NAME = re.compile(r"(?<![\w‑-])([a-z]{2,4})[‑-]([a-z]{3,9})(?![\w‑-])")
_SERIES_GAP = re.compile(r"(?:\s*\([^()]{0,60}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
_SERIES_STOP = set(_V["short_name_series_stop_prefixes"])


def _short_name_series(doc: Doc) -> list[Mention]:
    """drugs.short_name_series: one pass over the short-name shapes, pairing neighbours."""
    text = doc.text
    hits = [m for m in _SHORT_NAME.finditer(text) if m.group(1) not in _SERIES_STOP]
    names: set[str] = set()
    for a, b in zip(hits, hits[1:], strict=False):
        if a.group(1) != b.group(1) or a.group(2) == b.group(2):
            continue
        if _SERIES_GAP.fullmatch(text, a.end(), b.start()):
            names.update(x.group(0).replace("‑", "-") for x in (a, b))
    return [
        Mention("Drug", m.start(), m.end(), m.group(0), m.group(0).replace("‑", "-"))
        for m in hits
        if m.group(0).replace("‑", "-") in names
    ]


def _describable(word: str) -> bool:
    """A capitalised word that may be a product's name: no month, place, designation,
    heading word or drug noun."""
    if word in _NOT_BRAND or word in _CALENDAR or word in _PLACES or word in _DESIGNATION_WORDS:
        return False
    return word.lower() not in _HEADING_WORDS and word.lower() not in _DRUG_NOUNS


def _brand_mentions(doc: Doc, known: list[Mention]) -> list[Mention]:
    """Brands in parentheses beside an INN, or right after a drug noun."""
    text = doc.text
    out = []
    spans = Spans((k.start, k.end) for k in known)
    for m in COMBO_PRODUCT.finditer(text) if doc.has(COMBO_PRODUCT_CUE) else ():
        if spans.starting_in(m.end(), m.end() + 60):
            out.append(Mention("Drug", m.start(1), m.end(1), m.group(1), m.group(1)))
    for k in known:
        for rule in _NAMES_BESIDE_RULES:
            out.extend(rule(text, k, spans))
    out.extend(_labelled_brands(doc, spans))
    out.extend(_brands_after_nouns(doc))
    return out


#: drugs.maker_in_parenthesis: a name ending in a corporate word ("BridgeBio", "Acme
#: Pharma") in the parenthesis after a drug is its maker, not its brand.
_CORPORATE_END = re.compile(
    r"(?<=[a-z])(?:%s)$"
    % "|".join(sorted((w for w in _V["company_words"] if " " not in w), key=len, reverse=True))
)


def _paren_brand(text: str, k: Mention, spans: Spans) -> list[Mention]:
    """INN (Brand) or INN (Brand; Company); drugs.form_then_brand: "inn extended-release
    tablets (Brand, Acme)": the brand of the product form is the drug's brand too."""
    m = _PAREN_BRAND.match(text, k.end)
    form = None if m else _FORM_BEFORE_PAREN.match(text, k.end)
    if form:
        m = _PAREN_BRAND.match(text, form.end())
    if m and _CORPORATE_END.search(m.group(1)):
        return []  # drugs.maker_in_parenthesis: "acoramidis (BridgeBio)" names the maker
    if m and m.group(1) not in _NOT_BRAND and not CODE.fullmatch(m.group(1)):
        s = m.start(1)
        name = k.name if form else m.group(1)
        forms = (m.group(1),) if form else ()
        return [Mention("Drug", s, s + len(m.group(1)), m.group(1), name, forms)]
    return []


def _paren_cell_short(text: str, k: Mention, spans: Spans) -> list[Mention]:
    """ "obecabtagene autoleucel (obe-cel)": a cell therapy's lower-case short name."""
    m = _PAREN_CELL_SHORT.match(text, k.end)
    if m and k.name.lower().endswith("cel"):
        s = m.start(1)
        return [Mention("Drug", s, m.end(1), m.group(1), k.name, (m.group(1),))]
    return []


def _paren_word_short(text: str, k: Mention, spans: Spans) -> list[Mention]:
    """ "inn1 inn2 (abc-def)": a short name from the two words' first letters."""
    m = _PAREN_WORD_SHORT.match(text, k.end)
    words = k.name.lower().split()
    if (
        m
        and len(words) == 2
        and words[0].startswith(m.group(1).lower())
        and words[1].startswith(m.group(2)[0].lower())
    ):
        s = m.start(1)
        short = text[s : m.end(2)]
        return [Mention("Drug", s, m.end(2), short, k.name, (short,))]
    return []


def _brand_paren(text: str, k: Mention, spans: Spans) -> list[Mention]:
    """Brand (INN)."""
    m = _BRAND_PAREN.search(text[max(0, k.start - 40) : k.start])
    if m and m.group(1).split()[-1] not in _NOT_BRAND:
        brand = m.group(1)
        s = k.start - (len(text[max(0, k.start - 40) : k.start]) - m.start(1))
        if brand.split()[0] in _NOT_BRAND:
            brand = brand.split()[-1]
            s = text.index(brand, s)
        return [Mention("Drug", s, s + len(brand), brand, brand)]
    return []


def _brand_then_code(text: str, k: Mention, spans: Spans) -> list[Mention]:
    """ "Brand, also known as AB-123": the code's other name (CODE itself is not a brand)."""
    m = CODE.fullmatch(k.name) and _BRAND_THEN_CODE.search(text[max(0, k.start - 60) : k.start])
    if m and m.group(1) not in _NOT_BRAND and not CODE.fullmatch(m.group(1)):
        s = k.start - (len(text[max(0, k.start - 60) : k.start]) - m.start(1))
        if not spans.overlapping(s, s + len(m.group(1))):
            return [Mention("Drug", s, s + len(m.group(1)), m.group(1), m.group(1))]
    return []


def _named_aliases(text: str, k: Mention, spans: Spans) -> list[Mention]:
    """ "inn injection (brand name: Brand; development code: AB-101)"."""
    m = _NAMED_ALIASES.match(text, k.end)
    out = []
    if m:
        for name in re.finditer(_ALIAS_FIELD, m.group(1)):
            s = m.start(1) + name.start(1)
            surface = name.group(1)
            out.append(Mention("Drug", s, s + len(surface), surface, k.name, (surface,)))
    return out


def _known_as(text: str, k: Mention, spans: Spans) -> list[Mention]:
    """ "inn, also known as ab-XY or AB123"."""
    m = _KNOWN_AS.match(text, k.end)
    out = []
    if m:
        for g in (1, 2):
            surface = m.group(g)
            if surface and re.search(r"[A-Z0-9]", surface):
                s = m.start(g)
                out.append(Mention("Drug", s, s + len(surface), surface, k.name, (surface,)))
    return out


#: The other names written beside a known drug, tried in this order for each drug.
_NAMES_BESIDE_RULES = (
    _paren_brand,
    _paren_cell_short,
    _paren_word_short,
    _brand_paren,
    _brand_then_code,
    _named_aliases,
    _known_as,
)


def _labelled_brands(doc: Doc, spans: Spans) -> list[Mention]:
    """ "Brand (Maker), approved for X" (`_BRAND_WITH_LABEL`): not a heading word, not inside a
    known drug's name."""
    out = []
    for m in _BRAND_WITH_LABEL.finditer(doc.text) if doc.has(_BRAND_WITH_LABEL_CUE) else ():
        brand = m.group(1)
        if brand in _NOT_BRAND or brand.lower() in _HEADING_WORDS:
            continue
        if any(a.long_start < m.start(1) for a in doc.abbreviations_by("long_end", m.end(1))):
            continue  # drugs.labelled_long_form: "Food and Drug Administration (FDA), which is"
        if not spans.containing(m.start(1), m.start(1) + 1):
            out.append(Mention("Drug", m.start(1), m.end(1), brand, brand))
    return out


def _brands_after_nouns(doc: Doc) -> list[Mention]:
    """A brand right after a drug noun, a combination or a comma, or a quoted product name;
    not a month, a place, a designation, a drug noun or a heading."""
    text = doc.text
    out = []
    for pattern in (_NOUN_THEN_BRAND, _COMBO_THEN_BRAND, _NOUN_COMMA_BRAND, _NOUN_QUOTED_PRODUCT):
        for m in finditer(text, _BRAND_AFTER_CUES[pattern]):
            brand = m.group(1)
            # drugs.capitals_brand, never "the drug ACRONYM trial".
            caps = (
                pattern is not _COMBO_THEN_BRAND
                and _capitals_brand(doc, brand)
                and not _NOT_AFTER_CODE.match(text[m.end(1) : m.end(1) + 20])
            )
            if _PROTEIN_BEFORE.search(text, max(0, m.start(1) - 10), m.start(1)) and (
                target_lookup(brand)
            ):
                continue  # drugs.protein_not_brand
            if pattern is _COMBO_THEN_BRAND and brand.lower() in doc.once(_lower_case_words):
                continue  # drugs.common_word_after_versus
            if not _not_a_brand(brand, quoted=pattern is _NOUN_QUOTED_PRODUCT, caps=caps):
                out.append(Mention("Drug", m.start(1), m.end(1), brand, brand))
    return out


#: drugs.protein_not_brand: "targets the protein Trop2": a gene/protein symbol the target
#: lexicon knows, after the word "protein", is the body's protein, not a product's brand.
_PROTEIN_BEFORE = re.compile(r"\bproteins? $")


def _lower_case_words(text: str) -> frozenset[str]:
    """drugs.common_word_after_versus: "Treatment vs Prevention" (a heading), "or Placebo": a
    capitalised word after "vs"/"or"/"plus" that the text also writes in lower case ("as a
    prevention drug") is a common word; a brand is not written in lower case. The text's
    lower-case words, read once per document."""
    return frozenset(_LOWER_WORD.findall(text))


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z0-9]*(?![\w-])")


#: drugs.capitals_brand: "the chikungunya vaccine, ABCDEF.", "the vaccine ABCDEF": a product
#: noun names its brand in capitals too (press releases write brands so); not a gene or
#: protein symbol, a short form the text defines, a known disease's short form (the curated
#: lexicon: NSCLC), a study or org word, or an abbreviation of fewer than five letters.
_CAPS_WORD = re.compile(r"[A-Z]{5,}")
_NOT_CAPS_BRAND = set(_V["not_targets"]) | _CODE_EXCLUDE


def _capitals_brand(doc: Doc, word: str) -> bool:
    if not _CAPS_WORD.fullmatch(word) or word in _NOT_CAPS_BRAND or word in _NOT_BRAND:
        return False
    if target_lookup(word) or doc.abbreviations_by("short", word):
        return False
    return not any(h.start == 0 and h.end == len(word) for h in lexicon().find(word))


def _not_a_brand(brand: str, quoted: bool, caps: bool = False) -> bool:
    """A capitalised word after a drug noun that is no brand."""
    first = brand.split()[0]
    if quoted and CODE.fullmatch(brand):
        pass  # a quoted code after a drug noun is a product too
    elif first in _NOT_BRAND or CODE.fullmatch(brand) or (brand.isupper() and not caps):
        return True
    if first in _CALENDAR or first in _PLACES:
        return True  # "in April or May 2021": a month, not a brand
    if first in _DESIGNATION_WORDS:
        return True
    if first.lower() in _DRUG_NOUNS:
        return True
    if any(w in _TITLE_WORDS or w.lower() in _TITLE_WORDS for w in brand.split()):
        return True  # drugs.title_not_brand
    # "Relapsed or Refractory Multiple Myeloma": a heading, not a brand
    return any(w.lower() in _HEADING_WORDS for w in brand.split())


#: drugs.brand_extension: "Keytruda Qlex™", "Darzalex Faspro", "KEYTRUDA QLEX", "Brand XR": a
#: known brand followed by a second capitalised word written in the brand's case names another
#: product (a new formulation), when the word carries ® or ™, is a formulation form (SC, XR) or
#: the pair recurs in the text; a headline's next word ("Keytruda Wins") does none of these.
_BRAND_EXTENSION = re.compile(r"[®™]?[ \t]+([A-Z][A-Za-z]{1,9})([®™])?(?![\w&-])")
_EXTENSION_FORMS = set(_V["brand_extension_forms"])


def _extension_word(surface: str, word: str) -> bool:
    """A word that may extend `surface` into another product's name."""
    if word.isupper() != surface.isupper() and word not in _EXTENSION_FORMS:
        return False
    if not surface.isupper() and not word[1:].islower():
        return False
    title = word if not word.isupper() or len(word) <= 3 else word.capitalize()
    return _describable(title) and not _not_a_brand(title, quoted=False, caps=True)


def _brand_extensions(doc: Doc, hits: list[tuple[int, int, str]]) -> list[Mention]:
    """drugs.brand_extension over the lexicon's brand hits (start, end, surface)."""
    text = doc.text
    pairs: list[tuple[int, int, str, bool]] = []
    for start, end, surface in hits:
        m = _BRAND_EXTENSION.match(text, end)
        if m and _extension_word(surface, m.group(1)):
            marked = bool(m.group(2)) or m.group(1) in _EXTENSION_FORMS
            pairs.append((start, m.end(1), f"{surface} {m.group(1)}", marked))
    seen = Counter(p[2].lower() for p in pairs)
    out = []
    for start, end, pair, marked in pairs:
        if marked or seen[pair.lower()] > 1:
            words = [w if not w.isupper() or len(w) <= 3 else w.capitalize() for w in pair.split()]
            out.append(Mention("Drug", start, end, pair, " ".join(words)))
    return out


def _known_brand_mentions(doc: Doc) -> list[Mention]:
    """Brands from the compiled lexicon, named by their INN ("Keytruda" -> pembrolizumab)."""
    out = []
    hits = []
    for start, end, surface, inn, xrefs in brands().find(doc.text):
        if surface in _NOT_BRAND:
            continue
        props = {"xrefs": list(xrefs)} if xrefs else {}
        inn = re.sub(r"^(?:fam|ado)-", "", inn)
        out.append(Mention("Drug", start, end, surface, inn, (surface,), props))
        hits.append((start, end, surface))
    extended = _brand_extensions(doc, hits)
    if extended:
        inside = Spans((e.start, e.end) for e in extended)
        out = [b for b in out if not inside.overlapping(b.start, b.end)] + extended
    return out


def _abbreviation_not_generic(doc: Doc, surface: str) -> bool:
    """drugs.generic_not_abbreviation: "adeno-associated virus (AAV)", "LNP": a generic name
    of four letters or fewer written in capitals, or one the text defines as a short form,
    is an abbreviation (a vector, a platform), not the product the lexicon lists under it."""
    if not surface.isupper():
        return False
    return len(surface) <= 4 or bool(doc.abbreviations_by("short", surface))


#: Verbs whose object is a substance of the body, not a medicine given to patients.
_SUBSTANCE_VERB = re.compile(
    r"\b(?:dissolv|degrad|cleav|convert|break(?:s|ing)? down|broke down|produc|deposit|bind|"
    r"form|lyse|lys(?:es|ing))\w*\s+(?:the\s+|excess\s+|circulating\s+)?$",
    re.IGNORECASE,
)


#: drugs.sentence_start_marks: a sentence may open with a quotation mark, a bracket or a list
#: bullet before its first word ("“Carvedilol and ...", "• Zelvastat, a ..."); the word after
#: them is still sentence-initial.
_SENTENCE_OPENERS = re.compile(r"[\s\"'“‘«(\[•·▪*–—-]*$")


def _at_sentence_start(text: str, start: int, colon: bool = True) -> bool:
    """Whether `start` begins a sentence: the text's start, a line break, or a sentence end
    (a colon too unless `colon` is False) then a space, with only opening marks between."""
    lo = max(0, start - 12)
    at = _SENTENCE_OPENERS.search(text, lo, start).start()
    gap = text[at:start]
    if at == 0 or "\n" in gap:
        return True
    if at == lo or not any(c.isspace() for c in gap):
        return False
    prev = text[max(0, at - 3) : at].rstrip("\"'”’)]")
    return bool(prev) and prev[-1] in (".!?:" if colon else ".!?")


def _known_generic_mentions(doc: Doc, known: list[Mention]) -> list[Mention]:
    """Generic names of real drugs from the compiled lexicon (cyclophosphamide, prednisone)
    that no stem rule found; a name spelled like a company of the text is the company."""
    text = doc.text
    taken = Spans((m.start, m.end) for m in known)
    out = []
    for start, end, surface, name, xrefs in generics().find(text):
        if taken.overlapping(start, end):
            continue
        if surface[0].isupper() and not surface.isupper() and name not in text:
            # Capitalised only: a drug at a sentence start, not a proper noun mid-sentence.
            if not _at_sentence_start(text, start):
                continue
        if name.lower() in _BIOCHEMICAL:
            continue  # drugs.not_biochemical
        if _abbreviation_not_generic(doc, surface):
            continue  # drugs.generic_not_abbreviation
        if _SUBSTANCE_VERB.search(text, max(0, start - 40), start):
            continue  # "dissolves fibrin", "cleaves fibrinogen": a body substance, not a drug
        if _HORMONE_COMPOUND.match(text, end):
            continue  # drugs.hormone_compound: "gonadotropin-releasing hormone" is a hormone
        props = {"xrefs": list(xrefs)} if xrefs else {}
        out.append(Mention("Drug", start, end, surface, name, (), props))
    return out


#: An INN without a known stem, recognised by what the sentence says about it:
#: "X is an oral ... inhibitor", "X, a ... antibody", "treated with X", "X (Brand®)".
_SHAPE_WORD = r"([A-Za-z][a-z]{5,}(?:[- ][a-z]{4,}(?=\s+(?:is|was|,)))?)"
_SHAPE_AFTER = re.compile(
    r"(?<![\w-])" + _SHAPE_WORD + r"(?:\s*\([^)]{1,40}\))?(?:,\s+|\s+(?:is|was)\s+)(?:a|an)\s+"
    # "acoramidis, a highly potent selective small molecule oral transthyretin stabiliser"
    r"((?:[\w/-]+\s+){0,7}?)(antibody|inhibitor|agonist|antagonist|siRNA|oligonucleotide|"
    r"drug|therapy|medicine|treatment|molecule|analog|analogue|blocker|degrader|modulator|"
    r"corticosteroid|steroid|vaccine|conjugate|bispecific|peptide|protein|candidate|"
    # drugs.shape_mechanism_heads: "X, a KCNQ2/3 potassium channel opener", "X, an AMPK
    # activator", "X, a CFTR potentiator": what a small molecule does to its target.
    r"opener|activator|potentiator|corrector|stabili[sz]er|prodrug|radioligand|"
    # drugs.shape_combination: "X, a potential first-in-class combination of an A and B agonist"
    r"combination(?=\s+of\b))\b"
)
#: drugs.shape_one_phrase: six or seven describing words before the head are one noun phrase
#: ("a highly potent selective small molecule oral transthyretin stabiliser"); a preposition
#: or "and" among them joins two ("a progressive and debilitating disease without any
#: existing treatment").
_LONG_DESCRIPTION_BREAK = re.compile(
    r"^(?=(?:\S+\s+){6}).*\b(?:and|or|with|without|for|of|in|to|from|by|that|which)\s"
)
#: drugs.shape_bare_biology: "Amyloid is a protein that builds up": a bare "a protein" with
#: nothing said of it describes biology; a product is "a fusion protein", "a novel peptide".
_BARE_BIOLOGY_HEADS = frozenset({"protein", "peptide", "molecule"})
#: "X (CODE) nasal spray", "X tablets": a coined name before its dosage form.
_SHAPE_FORM = re.compile(
    r"(?<![\w-])" + _SHAPE_WORD + r"(?:\s*\([^)]{1,40}\))?\s+(?:nasal spray|tablets?|"
    r"capsules?|(?:for )?injection|eye drops|ophthalmic solution|oral solution|cream|ointment|"
    # drugs.form_not_compound: "become injection-free", "injection-site pain": a dosage word
    # inside a hyphenated compound is no dosage form after a product name.
    r"transdermal patch|inhal(?:er|ation powder))(?![\w-])"
)
_SHAPE_BEFORE = re.compile(
    r"\b(?:treated with|dosed with|doses of|received|receiving|randomi[sz]ed to|"
    r"given)\s+(?:either\s+)?" + _SHAPE_WORD + r"(?=\s*(?:[,;.)(]|or\b|and\b|plus\b|alone\b|"
    r"at\b|for\b|in\b|once\b|twice\b|every\b|monotherapy\b|\d|$))"
)
#: drugs.shape_studied: "a phase 2b study evaluating X for diabetic neuropathic pain", "its
#: experimental drug, X, helped": a coined name as what a study tests or as the company's
#: drug set off after the noun.
_SHAPE_STUDIED = re.compile(
    r"\b(?:(?:study|trial|studies|trials)\s+(?:evaluating|investigating|testing)\s+"
    # "a trial investigating CagriSema in people with obesity": a CamelCase product too.
    + r"(?:(?P<camel>[A-Z][a-z]{2,}[A-Z][a-z]{2,})|"
    + _SHAPE_WORD.replace("(", "(?P<studied>", 1)
    + r")(?=\s+(?:for|in|versus|vs\.?|compared)\b)|"
    r"(?:experimental|investigational)\s+(?:drug|medicine|candidate|therapy|"
    r"treatment|compound),\s+" + _SHAPE_WORD.replace("(", "(?P<apposed>", 1) + r"(?=,))"
)
_PERSON_ROLES = {r for r in _V["research_roles"] if " " not in r}
_SUBJECT_PRONOUN = re.compile(r"\b(?:[Ww]e|I|[Tt]hey|[Yy]ou)\s+$")
#: How a coined name found only by the study it is in ends (INNs end in -in, -ant, -ib ...).
_INN_END = re.compile(r"(?:in|ine|ide|ant|ast|ib|ab|ol|one|il|an|on|im|ax|ex|ix|ox|el|ir|id|at)$")
#: drugs.shape_mechanism_apposition: "its small molecule inhibitor of APOL1, inaxaplin, into
#: phase 3": the name set off right after a mechanism phrase and its target.
_SHAPE_APPOSED = re.compile(
    r"\b(?:inhibitor|antagonist|agonist|antibody|degrader|modulator|activator)\s+of\s+"
    r"(?:the\s+)?[A-Z][\w-]*,\s+" + _SHAPE_WORD + r"(?=,)"
)
#: English endings a coined drug name does not have.
_ENGLISH_END = re.compile(
    r"(?:tion|sion|ment|ness|ing|ed|ly|ity|ous|ive|al|er|ers|ies|es|s|ful|ance|ence|ure|"
    r"ogy|ism|ist|ian|ary|ory|ble|therapy|cine|ture|ship|hood|ward|self|body|thing|ic|ght|"
    r"age|ant|ent|ate)$"
)
#: drugs.not_biochemical: amino acids, neurotransmitters and metabolites ("the mutant
#: cysteine", "acetylcholine receptors") are biology in a news text, not a product.
_BIOCHEMICAL = set(_V["biochemical_substances"])
_SHAPE_STOP = set(_V["drug_shape_stopwords"]) | _BIOCHEMICAL
_FUNCTION_WORDS = set(_V["shape_function_words"])
#: Words every match of the shape patterns contains (loaders/extract/cues.py).
_SHAPE_CUES = {
    _SHAPE_BEFORE: Cue(
        ["treated with", "dosed with", "doses of", "received", "receiving", "randomi", "given"],
        pattern=_SHAPE_BEFORE,
        lead=0,
    ),
    _SHAPE_APPOSED: Cue(
        ["inhibitor", "antagonist", "agonist", "antibody", "degrader", "modulator", "activator"],
        pattern=_SHAPE_APPOSED,
    ),
    _SHAPE_STUDIED: Cue(
        ["evaluating", "investigating", "testing", "experimental", "investigational"],
        pattern=_SHAPE_STUDIED,
    ),
    _SHAPE_FORM: Cue(
        ["nasal spray", "tablet", "capsule", "injection", "eye drops", "ophthalmic solution"]
        + ["oral solution", "cream", "ointment", "transdermal patch", "inhal"],
        pattern=_SHAPE_FORM,
    ),
}


_PAREN_SHORT = re.compile(r"\s*\(([^()]{1,40})\)")


def _known_protein(m: re.Match) -> bool:
    """drugs.shape_known_protein: "X (SYMBOL), a key protein": a word the target lexicon knows,
    or one defined by a known gene symbol, described as a protein is the body's protein."""
    short = _PAREN_SHORT.match(m.string, m.end(1))
    return bool(target_lookup(m.group(1)) or (short and target_lookup(short.group(1))))


#: Where a dose goes ("intracochlear", "subretinal", "intrathecal"): an adjective, not a name.
_ROUTE_ADJECTIVE = re.compile(r"(?:intra|sub|trans|peri|supra|epi)[a-z]{4,}(?:al|ar|ous)$")


def _shape_mentions(doc: Doc, known: list[Mention]) -> list[Mention]:
    text = doc.text
    taken = {m.text.lower() for m in known}
    spans = Spans((m.start, m.end) for m in known)
    out = []
    for rx in (_SHAPE_AFTER, _SHAPE_BEFORE, _SHAPE_FORM, _SHAPE_APPOSED, _SHAPE_STUDIED):
        cue = _SHAPE_CUES.get(rx)
        for m in rx.finditer(text) if cue is None else finditer(text, cue):
            if rx is _SHAPE_STUDIED and m.group("camel"):
                word = m.group("camel")
                if word.lower() not in taken:
                    taken.add(word.lower())
                    s, e = m.span("camel")
                    out.append(Mention("Drug", s, e, word, word, (), {"_inn_shape": True}))
                continue
            group = 1
            if rx is _SHAPE_STUDIED:
                group = "studied" if m.group("studied") else "apposed"
            word = m.group(group)
            low = word.lower()
            if rx is _SHAPE_STUDIED and not _INN_END.search(low):
                continue  # "a trial evaluating efficacy in adults": an English noun
            if _SUBJECT_PRONOUN.search(text, max(0, m.start(group) - 8), m.start(group)):
                continue  # drugs.shape_after_pronoun: "what we believe is an effective therapy"
            if rx is _SHAPE_FORM and spans.overlapping(m.start(1), m.end(1)):
                continue  # "equecabtagene autoleucel injection": part of a known name
            if rx is _SHAPE_AFTER and m.group(3) in _BARE_BIOLOGY_HEADS and not m.group(2):
                continue  # drugs.shape_bare_biology
            if rx is _SHAPE_AFTER and _LONG_DESCRIPTION_BREAK.search(m.group(2)):
                continue  # drugs.shape_one_phrase
            if rx is _SHAPE_AFTER and _PERSON_ROLES & set(m.group(2).lower().split()):
                continue  # drugs.shape_person_role: "Roe is a professor of medicine at ..."
            if low in taken or low in _SHAPE_STOP or low in _INN_STOP:
                continue
            if rx is _SHAPE_AFTER and m.group(3) in _BARE_BIOLOGY_HEADS and _known_protein(m):
                continue  # drugs.shape_known_protein: "prekallikrein (PKK), a key protein"
            if _ROUTE_ADJECTIVE.match(low):
                continue  # drugs.shape_route_adjective: "an intracochlear injection"
            if _ENGLISH_END.search(low) and not _has_inn_stem(low):
                continue  # drugs.shape_stem_not_english: "-kalner" ends like "-er" words
            if _FUNCTION_WORDS & set(low.split()) or low.split()[0] in _DRUG_NOUNS:
                continue  # drugs.shape_not_phrase: "antibody that is a ...", "agent which is"
            if word[0].isupper() and low not in text:
                # Capitalised only: a drug name starts a sentence; a proper noun does not
                # need the lower-case form, but must not be mid-sentence capitalised.
                if not _at_sentence_start(text, m.start(group), colon=False):
                    continue
            if _NOT_BRAND & {word}:
                continue
            taken.add(low)
            s, e = m.start(group), m.end(group)
            out.append(Mention("Drug", s, e, word, low, (), {"_inn_shape": True}))
    return out


#: Salt and ester words that complete an INN inside a product name ("tenofovir alafenamide").
_SALT = re.compile(
    r"(?:\s+(?:alafenamide|disoproxil|fumarate|hydrochloride|dihydrochloride|sodium|potassium|"
    r"calcium|magnesium|mesylate|maleate|succinate|citrate|tartrate|acetate|phosphate|sulfate|"
    r"bromide|besylate|tosylate|malate|hemifumarate|monohydrate|dipropionate|propionate))+\b"
)


#: drugs.inn_salt: "diazoxide choline extended-release", "Zelvofen mesylate tablets": a salt
#: or hydrate word after a drug's base names one product. Pharmaceutical salts (mesylate,
#: hydrochloride...) follow only drug names; salts that are also substances of the body
#: (sodium, choline, phosphate: "serum potassium") only when the base is a known generic or a
#: release word, dosage form or brand parenthesis follows. A known generic keeps its name
#: (the salt form is an alias); an unknown base is named with its salt.
#: drugs.salt_acid: "ensitrelvir fumaric acid": the salt-forming acid written after the base
#: is the salt (the product is the base's), never a drug of its own.
_SALT_WORDS = set(_V["inn_salt_words"]) | set(_V["inn_salt_acids"])
_AMBIGUOUS_SALTS = set(_V["inn_salt_words_ambiguous"])
#: drugs.salt_name: a base and its salt words; a prodrug's ester word may stand between them
#: ("ceftobiprole medocaril sodium"); alone it is part of the INN (resolve.inn_ester).
ESTER_WORDS = frozenset(_V["inn_ester_words"])
_SALT_NAME = re.compile(
    r"(?<![\w-])([A-Za-z][a-z]{4,})((?:\s+(?:%s))?(?:\s+(?:%s))+)(?![\w-])"
    % (
        "|".join(map(re.escape, sorted(ESTER_WORDS))),
        "|".join(map(re.escape, sorted(_SALT_WORDS | _AMBIGUOUS_SALTS, key=len, reverse=True))),
    )
)
_NOT_SALT_BASE = _SALT_WORDS | _AMBIGUOUS_SALTS | ESTER_WORDS
_SALT_OR_ESTER = _SALT_WORDS | ESTER_WORDS
_SALT_CUE = Cue(sorted(_SALT_WORDS | _AMBIGUOUS_SALTS), pattern=_SALT_NAME)
_RELEASE = "|".join(sorted(map(re.escape, _V["drug_release_words"]), key=len, reverse=True))
_PRODUCT_AFTER_SALT = re.compile(
    r"\s*(?:(?:%s)(?![\w-])|(?:%s)\b|\(\s*[A-Z][A-Za-z]{3,})" % (_RELEASE, _DOSAGE_FORMS)
)


_FORM_BEFORE_PAREN = re.compile(
    r"(?:\s+(?:%s)(?![\w-]))?(?:\s+(?:%s)\b)?(?=\s*\()" % (_RELEASE, _DOSAGE_FORMS)
)


def _code_shaped(name: str) -> bool:
    """A development code of the ordinary ("AB-123") or an unusual shape ("AB-C01D1")."""
    return bool(CODE.fullmatch(name) or _MIXED_CODE.fullmatch(name))


#: drugs.renamed_form_again: "Zelvira, formerly AB-101, ...", "ZELVIRA (previously AB-101)":
#: a drug's name written in another case or place before the old-name cue of a code is that
#: drug (the pair is then one drug, even where no finder rule saw the name there).
_NAME_BEFORE_OLD_NAME = re.compile(
    r"(?<![\w-])([A-Za-z][\w-]{2,}(?: [a-z]{4,})?)[®™]?\s*(?:,|\()\s*"
    r"(?:formerly|previously|also known as|originally)(?:\s+(?:known as|called|named))?\s+$"
)


def _renamed_forms_again(doc: Doc, found: list[Mention]) -> list[Mention]:
    text = doc.text
    taken = Spans((m.start, m.end) for m in found)
    names: dict[str, str] = {}
    for m in found:
        if not _code_shaped(m.name):
            for form in (m.name, m.text, *m.forms):
                names.setdefault(form.lower(), m.name)
    out = []
    for c in found:
        if not _code_shaped(c.text):
            continue
        m = _NAME_BEFORE_OLD_NAME.search(text, max(0, c.start - 80), c.start)
        if not m or taken.overlapping(m.start(1), m.end(1)):
            continue
        name = names.get(m.group(1).lower())
        if name is not None:
            out.append(Mention("Drug", m.start(1), m.end(1), m.group(1), name, (m.group(1),)))
    return out


#: drugs.cell_short_name: "cilta-cel", "Miv-cel, formerly AB-101,": the short name of a cell
#: therapy (the first letters of its INN, then "-cel") is the drug wherever it stands, one
#: drug with the "-leucel"/"-temcel" INN of the text that begins with those letters.
_CELL_SHORT = re.compile(r"(?<![\w-])([A-Za-z][a-z]{1,6})-cel(?![\w-])")
_CELL_SHORT_CUE = Cue(["-cel"], pattern=_CELL_SHORT)


def _cell_short_mentions(doc: Doc, known: list[Mention]) -> list[Mention]:
    if not doc.has(_CELL_SHORT_CUE):
        return []
    taken = Spans((k.start, k.end) for k in known)
    cells = [k.name for k in known if k.name.endswith("cel") and not k.name.endswith("-cel")]
    out = []
    for m in _CELL_SHORT.finditer(doc.text):
        if taken.overlapping(m.start(), m.end()):
            continue
        prefix = m.group(1).lower()
        inn = next((n for n in cells if n.startswith(prefix)), None)
        surface = m.group(0)
        name = inn or surface.lower()
        out.append(Mention("Drug", m.start(), m.end(), surface, name, (surface,) if inn else ()))
    return out


#: drugs.antigen_adjuvant: "the M72/AS01E vaccine", "RTS,S/AS01", "R21/Matrix-M": a candidate
#: vaccine is named by its antigen and its adjuvant system (vaccine_adjuvants) joined by a
#: slash; the whole is one drug, its antigen an alias (the text shortens it so).
_ADJUVANTS = "|".join(sorted(map(re.escape, _V["vaccine_adjuvants"]), key=len, reverse=True))
_ANTIGEN_ADJUVANT = re.compile(
    r"(?<![\w/.,-])([A-Za-z][A-Za-z0-9]*(?:[,.-][A-Za-z0-9]+)*)\s*/\s*(?:%s)(?![\w-]|\.\d)"
    % _ADJUVANTS
)
_ANTIGEN_CUE = Cue(_V["vaccine_adjuvants"], pattern=_ANTIGEN_ADJUVANT)


def _antigen_adjuvant_mentions(doc: Doc) -> list[Mention]:
    if not doc.has(_ANTIGEN_CUE):
        return []
    out = []
    for m in _ANTIGEN_ADJUVANT.finditer(doc.text):
        antigen = m.group(1)
        if not re.search(r"[A-Z0-9]", antigen) or antigen in _NOT_BRAND:
            continue  # "and/AS01": a word, not an antigen's name
        name = re.sub(r"\s*/\s*", "/", m.group(0))
        forms = (antigen,) if len(antigen) >= 3 and not target_lookup(antigen) else ()
        out.append(Mention("Drug", m.start(), m.end(), m.group(0), name, forms, {"_product": True}))
    return out


def _salt_mentions(doc: Doc) -> list[Mention]:
    if not doc.has(_SALT_CUE):
        return []
    text = doc.text
    out = []
    for m in _SALT_NAME.finditer(text):
        base, low = m.group(1), m.group(1).lower()
        salts = m.group(2).split()
        if not _salt_base(text, m.start(1), base) or low in _NOT_SALT_BASE:
            continue
        known = _has_inn_stem(low) or low in generics().rows
        if not (
            known
            or any(w in _SALT_OR_ESTER for w in salts)
            or " acid" in m.group(2)
            or _PRODUCT_AFTER_SALT.match(text, m.end())
        ):
            continue
        full = f"{low} {' '.join(salts)}"
        name, forms = (low, (full,)) if known else (full, ())
        props = {} if known else {"_inn_shape": True}
        out.append(Mention("Drug", m.start(), m.end(), m.group(0), name, forms, props))
    return out


def _salt_base(text: str, start: int, base: str) -> bool:
    """A word that may be a drug's base: no English word, function word or drug noun, and
    capitalised only at a sentence start or where the text also writes it in lower case."""
    low = base.lower()
    if low in _SHAPE_STOP or low in _INN_STOP or low in _FUNCTION_WORDS or low in _DRUG_NOUNS:
        return False
    if _ENGLISH_END.search(low) and not _has_inn_stem(low):
        return False
    if base[0].isupper() and low not in text:
        return bool(re.search(r"(?:^|[.!?:]\s+|\n\s*|-\s+)$", text[max(0, start - 3) : start]))
    return True


#: drugs.slash_regimen: an antibody, a kinase or PARP inhibitor, an antiandrogen or a
#: cytotoxic in a slash pair is given beside its partner, not co-formulated with it.
_REGIMEN_STEMS = tuple(_V["regimen_part_stems"])


def _combination_mentions(doc: Doc, inns: list[Mention]) -> list[Mention]:
    """A co-formulated product written "inn1/inn2[/inn3]" is one Drug under the slash name.

    The span covers the whole product, so the single INNs inside it yield to it.
    """
    text = doc.text
    ordered = sorted((m for m in inns if m.name[:1].islower()), key=lambda m: m.start)
    out = []
    i = 0
    while i < len(ordered):
        chain = [ordered[i]]
        j = i + 1
        while j < len(ordered):
            prev_end = chain[-1].end
            salt = _SALT.match(text, prev_end)
            if salt:
                prev_end = salt.end()
            if text[prev_end : ordered[j].start].strip() != "/":
                break
            chain.append(ordered[j])
            j += 1
        if len(chain) > 1 and any(m.name.endswith(_REGIMEN_STEMS) for m in chain):
            pass  # drugs.slash_regimen: "encorafenib/cetuximab" is two drugs given together
        elif len(chain) > 1:
            start = chain[0].start
            end = chain[-1].end
            salt = _SALT.match(text, end)
            if salt:
                end = salt.end()
            parts = []
            for k, m in enumerate(chain):
                stop = chain[k + 1].start if k + 1 < len(chain) else end
                piece = text[m.start : stop].rstrip(" /")
                parts.append(" ".join(piece.split()).lower())
            name = "/".join(parts)
            out.append(Mention("Drug", start, end, text[start:end], name, (text[start:end],)))
        i = j if len(chain) > 1 else i + 1
    return out


#: drugs.companion_pair: "cefepime-enmetazobactam", "Ceftazidime and Avibactam",
#: "carbidopa/levodopa": a companion inhibitor (a beta-lactamase inhibitor "-bactam",
#: a decarboxylase or dehydropeptidase inhibitor) is given only inside its partner's product,
#: so the pair is one co-formulated drug, named "partner/inhibitor" in lower case.
_COMPANIONS = tuple(_V["companion_inhibitors"])
_COMPANION = r"(?i:[a-z]{3,}bactam|%s)" % "|".join(_COMPANIONS)
_PAIR_WORD = r"[A-Za-z][a-z]{4,}"
_JOINT = r"\s*[/–-]\s*|\s+and\s+"
#: The inhibitor second ("cefepime-enmetazobactam", "A and B"), or first before a slash or a
#: dash ("carbidopa/levodopa").
_COMPANION_PAIR = re.compile(
    r"(?<![\w-])(?:(%s)(%s)(%s)|(%s)(\s*[/–-]\s*)(%s))(?![\w-])"
    % (_PAIR_WORD, _JOINT, _COMPANION, _COMPANION, _PAIR_WORD)
)
_COMPANION_CUE = Cue(["bactam", *_COMPANIONS], ignore_case=True, pattern=_COMPANION_PAIR)


def _is_generic(word: str) -> bool:
    low = word.lower()
    return low in generics().rows or _has_inn_stem(low) or re.fullmatch(_COMPANION, low) is not None


def _companion_pair_mentions(doc: Doc) -> list[Mention]:
    if not doc.has(_COMPANION_CUE):
        return []
    text = doc.text
    out = []
    m = _COMPANION_PAIR.search(text)
    while m is not None:
        a, b = (m.group(1), m.group(3)) if m.group(1) else (m.group(4), m.group(6))
        if _is_generic(a) and _is_generic(b):
            name = f"{a.lower()}/{b.lower()}"
            out.append(Mention("Drug", m.start(), m.end(), m.group(0), name, (m.group(0),)))
            m = _COMPANION_PAIR.search(text, m.end())
        else:  # "and cefepime-enmetazobactam": the pair may start at the second word
            m = _COMPANION_PAIR.search(text, m.start() + len(a) + 1)
    return out


def drop_company_names(drugs: list[Mention], companies: list[Mention]) -> list[Mention]:
    """A "drug" spelled like a company of the document ("immunocore", "Acme's") is the company."""
    keys = set()
    for c in companies:
        for form in (c.text, c.name, *c.forms):
            low = form.lower()
            keys.add(low)
            first = low.split()[0] if low.split() else low
            if len(first) >= 5:
                keys.add(first)
    out = []
    for d in drugs:
        low = re.sub(r"['’]s?$", "", d.text.lower())
        if CODE.fullmatch(d.text) and "-" in d.text:
            out.append(d)  # drugs.code_not_company: "AB-0201" is no company's name
            continue
        if low in keys or d.name.lower() in keys:
            continue
        out.append(d)
    return out


def drop_target_names(drugs: list[Mention], targets: list[Mention]) -> list[Mention]:
    """drugs.not_target: a code-shaped "drug" spelled like a target that a mechanism phrase
    of the document names ("a monospecific antibody IMB-102, which targets OX40L") is that
    target wherever it is written ("the autoimmune disease antibody OX40L")."""
    named = {t.text for t in targets if "_mech" in t.props}
    if not named:
        return drugs
    return [d for d in drugs if not (d.text in named and d.text == d.name and _code_shaped(d.name))]


#: Code names of unusual shape: one letter, hyphen, letters ("D-MNA"), or a word with a
#: digits-hyphen-digits tail ("Meta10-19"). Only where the text treats them as a product.
#: Unusual code shapes: "D-MNA", "Meta10-19", "ESO-T01" (letters, a dash, a letter and digits).
#: drugs.mixed_code_shapes: also digits with a letter inside or after them ("ABC-12D34",
#: "ABC-012x", "AB-C01D1"), a letter-digit block before more digits ("AB-C1-2345", "AB-C7") and
#: a title-case block before the digits ("AB-CoV123").
_MIXED_CODE = re.compile(
    r"(?<![\w-])(?:[A-Z]-[A-Z]{2,5}|[A-Z][a-z]{1,8}\d{1,3}-\d{1,3}"
    r"|[A-Z]{2,5}-[A-Z](?=[A-Za-z]{0,2}[a-z])[A-Za-z]{1,3}\d{2,4}"
    r"|[A-Z]{2,5}-[A-Z]\d{2,4}(?:[A-Z]\d{1,3})?"
    r"|[A-Z]{2,5}-\d{2,4}[A-Z]\d{1,3}|[A-Z]{2,5}-\d{2,4}[a-z]|[A-Z]{2,4}-[A-Z]\d(?:-\d{2,5})?"
    r"|[A-Z]{2,5}\d"
    # drugs.numbered_series_code: "TORL-1-23": a series number and a candidate number.
    r"|[A-Z]{2,5}-\d-\d{2,3}"
    # drugs.digit_first_code: "4D-150", "9MW2821": a company whose name starts with a digit
    # numbers its candidates after it (a product cue is still needed, as for every shape here).
    r"|\d[A-Z]{1,3}-?\d{2,5}"
    # drugs.gene_named_code: "ARO-DM1", "ARO-ATXN2", "ARO-MMP7": a company's letters and the
    # gene (or disease) the candidate silences.
    r"|[A-Z]{2,4}-[A-Z]{2,5}\d{1,2}"
    # drugs.word_code: "Descartes-08": a capitalised word and a zero-led candidate number.
    r"|[A-Z][a-z]{4,10}-0\d{1,2})"
    r"(?![\w-])"
)
#: drugs.short_code: capitals and one digit ("AB1", "ABCD1") are written like gene symbols
#: (NLRP3, CDK4) or short forms ("type 1 (NT1)"): a code only when no gene/protein has that
#: symbol, the text defines no long form for it, and a product cue follows.
_SHORT_CODE = re.compile(r"[A-Z]{2,5}\d")
_PRODUCT_NOUN = (
    r"(?:CAR-?T|CAR|antibody|antibodies|bispecific|therapy|therapeutic|drug|vaccine|"
    r"candidate|inhibitor|agonist|antagonist|degrader|conjugate|ADC|cell therapy|treatment|"
    r"molecule|peptide|siRNA|oligonucleotide|injection|medicine)"
)
_MIXED_CODE_CUE = re.compile(
    r"\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,5}?%s\b|"
    r"\s*\((?:an?|the)\s+(?:[^()]{0,60}?\s)?%s\b|"
    r",?\s+(?:[—–]\s*)?(?:co-)?(?:developed|discovered|invented|manufactured)\s+(?:by|with)\b|"
    r"\s+(?:injection|tablets?|capsules?|for injection)\b" % (_PRODUCT_NOUN, _PRODUCT_NOUN)
)


#: drugs.code_field: "(development number: AB1-CDE001/FG-1083)", "development code: AB-12": codes
#: named in a labelled field are one drug, the first code its name and the others aliases.
_CODE_TOKEN = r"[A-Z][A-Za-z]*\d*(?:-[A-Za-z0-9]+)*\d[A-Za-z0-9]*"
_CODE_FIELD = re.compile(
    r"\b(?i:development|compound|product|research|internal)\s+(?i:code|number|no\.?|name)s?"
    r"\s*[:：]\s*(%s)((?:\s*/\s*%s)*)(?![\w-])" % (_CODE_TOKEN, _CODE_TOKEN)
)
_CODE_FIELD_CUE = Cue(["code", "number", "no"], ignore_case=True, pattern=_CODE_FIELD)


#: drugs.digit_code: "the antibody 3G5", "acquires 3G5 as a backup antibody": a clone-style
#: code (digit, one or two capitals, digits) is a product only where a drug noun names it,
#: right before it or in an apposition after it ("1H25", "4T1 cells" have no such noun).
_DIGIT_CODE = re.compile(r"(?<![\w/.-])(\d[A-Z]{1,2}\d{1,3})(?![\w/-]|\.\d)")
_NOUNS_RX = "|".join(sorted(_DRUG_NOUNS))
_NOUN_BEFORE_DIGIT_CODE = re.compile(
    r"\b(?:%s)(?:\s*,)?\s+$|\b(?:%s)\s*\(\s*$" % ((_NOUNS_RX,) * 2), re.IGNORECASE
)
_NOUN_AFTER_DIGIT_CODE = re.compile(
    r"(?:\s*\[\d{1,3}\])?(?:\s*,\s*|\s+(?:as|is|was)\s+)(?:a|an|the|its)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:%s)\b" % _NOUNS_RX,
    re.IGNORECASE,
)
_PERIOD_CODE = re.compile(r"[1-4][HQ]\d{2}(?:\d{2})?")


def _digit_code_mentions(doc: Doc) -> list[Mention]:
    text = doc.text
    out = []
    for m in _DIGIT_CODE.finditer(text):
        code = m.group(1)
        if _PERIOD_CODE.fullmatch(code):
            continue  # "1H25", "3Q2024": a half-year or a quarter
        before = text[max(0, m.start() - 30) : m.start()]
        if _NOUN_BEFORE_DIGIT_CODE.search(before) or _NOUN_AFTER_DIGIT_CODE.match(text, m.end()):
            out.append(Mention("Drug", m.start(), m.end(), code, code))
    return out


def _code_field_mentions(doc: Doc) -> list[Mention]:
    if not doc.has(_CODE_FIELD_CUE):
        return []
    text = doc.text
    out = []
    for m in _CODE_FIELD.finditer(text):
        first = m.group(1)
        out.append(Mention("Drug", m.start(1), m.end(1), first, first))
        for other in re.finditer(_CODE_TOKEN, text[m.start(2) : m.end(2)]):
            s = m.start(2) + other.start()
            out.append(Mention("Drug", s, s + len(other.group(0)), other.group(0), first))
    return out


#: drugs.enzyme_alfa: "asfotase alfa", "agalsidase beta": an enzyme's INN is an "-ase" word
#: with a Greek-letter suffix word ("phase" and "disease" never take one).
_ENZYME_INN = re.compile(r"(?<![\w-])([a-z]{3,}ase)\s+(alfa|beta|gamma)\b")
_ENZYME_INN_CUE = Cue(["ase alfa", "ase beta", "ase gamma"], pattern=_ENZYME_INN)


def _enzyme_mentions(doc: Doc) -> list[Mention]:
    if not doc.has(_ENZYME_INN_CUE):
        return []
    out = []
    for m in _ENZYME_INN.finditer(doc.text):
        if m.group(1) in {"phase", "disease", "base", "release", "increase", "decrease"}:
            continue
        out.append(Mention("Drug", m.start(), m.end(), m.group(0), m.group(0)))
    return out


def _mixed_code_in_context(doc: Doc, m: re.Match) -> bool:
    """drugs.mixed_code_context: an unusual code shape with the cues of an ordinary code
    name ("its gene therapy, AB-C123,", "the cancer therapy ABC-12D34", "ABC-012x is an
    oral ...")."""
    text = doc.text
    s_start, s_end = doc.sentence_at(m.start())
    before = text[max(s_start, m.start() - 60) : m.start()]
    after = text[m.end() : min(s_end, m.end() + 60)]
    if _NOT_AFTER_CODE.match(after) or _STUDY_BEFORE_CODE.search(before):
        return False
    if target_lookup(m.group(0)) or not any(c.isdigit() for c in m.group(0)):
        return False  # "T-ALL is a rare leukemia": a letters-only shape needs a product noun
    return bool(_CODE_CUES_BEFORE.search(before) or _CODE_CUES_AFTER.match(after))


def _footnote_after_short_form(doc: Doc, m: re.Match) -> bool:
    """drugs.footnote_marker: "patients suffering from ATTR CM1, a rare ...": a short form the
    text defines ("(ATTR CM)") with a reference number glued on is no code name."""
    word = m.group(0)
    if not (word[-1].isdigit() and word[-2:-1].isalpha()):
        return False
    words = (doc.text[max(0, m.start() - 20) : m.start()] + word[:-1]).split()
    shorts = {" ".join(words[-k:]) for k in (1, 2) if len(words) >= k}
    return bool(shorts & doc.once(_parenthesised))


def _parenthesised(text: str) -> frozenset[str]:
    """What the text writes alone in parentheses ("(ATTR CM)"), read once per document."""
    return frozenset(_PARENTHESISED.findall(text))


_PARENTHESISED = re.compile(r"\(([^()]{1,20})\)")


_CONDITION_BEFORE = re.compile(
    r"\b(?:treatment of|treat|patients with|people with|adults with|children with)\s+$"
)


def _mixed_code_mentions(doc: Doc) -> list[Mention]:
    text = doc.text
    out = []
    for m in _MIXED_CODE.finditer(text):
        if m.group(0).rstrip("0123456789") in _CURRENCIES:
            continue  # "USD1.2 billion": money, never a code name
        if _SHORT_CODE.fullmatch(m.group(0)) and m.group(0)[:-1] in _CODE_EXCLUDE:
            continue  # drugs.short_code_excluded: "PFS2" (an endpoint), "IL6", "CD3"
        if _SHORT_CODE.fullmatch(m.group(0)) and (
            target_lookup(m.group(0)) or doc.abbreviations_by("short", m.group(0))
        ):
            continue  # a gene symbol, or a defined short form ("narcolepsy type 1 (NT1)")
        if _SHORT_CODE.fullmatch(m.group(0)) and _CONDITION_BEFORE.search(
            text, max(0, m.start() - 30), m.start()
        ):
            continue  # drugs.short_code_condition: "for the treatment of NT1, NT2 and IH"
        if _footnote_after_short_form(doc, m):
            continue
        if _MIXED_CODE_CUE.match(text, m.end()) or _mixed_code_in_context(doc, m):
            out.append(Mention("Drug", m.start(), m.end(), m.group(0), m.group(0)))
    return out


def find_drugs(doc: Doc) -> list[Mention]:
    """Drug mentions (before merging); brands and codes become aliases in resolve."""
    inns = _inn_mentions(doc.text) + _known_brand_mentions(doc)
    inns += _known_generic_mentions(doc, inns)
    inns += _shape_mentions(doc, inns)
    salts = _salt_mentions(doc) + _antigen_adjuvant_mentions(doc)
    inns += salts
    taken = Spans((c.start, c.end) for c in inns)
    inns += [e for e in _enzyme_mentions(doc) if not taken.overlapping(e.start, e.end)]
    codes = _code_mentions(doc, inns)
    taken = Spans((c.start, c.end) for c in inns + codes)
    codes += [c for c in _mixed_code_mentions(doc) if not taken.overlapping(c.start, c.end)]
    codes += _code_field_mentions(doc)
    taken = Spans((c.start, c.end) for c in inns + codes)
    codes += [c for c in _digit_code_mentions(doc) if not taken.overlapping(c.start, c.end)]
    codes += _code_list_partners(doc, codes)
    codes += _codes_everywhere(doc, inns + codes)
    brands = _brand_mentions(doc, inns + codes)
    brands += _cell_short_mentions(doc, inns + brands)
    taken = Spans((c.start, c.end) for c in inns + codes + brands)
    brands += [b for b in _named_product_mentions(doc) if not taken.overlapping(b.start, b.end)]
    brands += [b for b in _registered_mentions(doc) if not taken.overlapping(b.start, b.end)]
    taken = Spans((c.start, c.end) for c in inns + codes + brands)
    described = _described_brand_mentions(doc, inns)
    brands += [b for b in described if not taken.overlapping(b.start, b.end)]
    taken = Spans((c.start, c.end) for c in inns + codes + brands)
    shaped = [b for b in _brand_shape_mentions(doc) if not taken.overlapping(b.start, b.end)]
    brands += shaped
    taken = Spans((c.start, c.end) for c in inns + codes + brands)
    partners = _brand_list_partners(doc, inns + codes + brands) + _short_name_series(doc)
    brands += [b for b in partners if not taken.overlapping(b.start, b.end)]
    # A slash before "nab-" joins a regimen ("gemcitabine/nab-paclitaxel"), not a product.
    alone = [m for m in inns if not any(m is x for x in salts)]
    combos = _combination_mentions(doc, alone) + _companion_pair_mentions(doc)
    inns = [_with_formulation_prefix(doc.text, m) for m in inns]
    found = inns + combos + _not_platforms(doc.text, codes + brands)
    found = _with_isotope_agents(doc, found)
    return found + _renamed_forms_again(doc, found)


#: drugs.isotope_agent: "Cu-64 SAR-bisPSMA", "Ga-68 PSMA-11", "177Lu-PNT2002", "actinium-225
#: DOTA-LM3", "177Lu-RAD 204": a radioisotope written before an agent names one
#: radiopharmaceutical; the agent alone is its alias (an isotope alone, "lutetium-177", is no
#: drug).
_ISOTOPE_SYMBOLS = "Cu|Ga|Lu|Ac|Zr|In|Tc|Pb|Th|Ra|Tb|Sm|Re|Bi|At|Y|I|F"
_ISOTOPE_NAMES = "actinium|lutetium|gallium|copper|zirconium|indium|technetium|lead|thorium|radium"
_ISOTOPE_AGENT = re.compile(
    r"(?<![\w-])(?:(?:%s)-\d{2,3}m?|\d{2,3}m?(?:%s)|(?i:%s)-\d{2,3}m?)"
    r"[- ]((?=[\w-]*[A-Z0-9])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:(?<=[A-Z]) \d{2,4})?)"
    r"(?![\w-])" % (_ISOTOPE_SYMBOLS, _ISOTOPE_SYMBOLS, _ISOTOPE_NAMES)
)
_ISOTOPE_CUE = Cue(
    ["-64", "-68", "-177", "-225", "-89", "-212", "-99", "-131"]
    + ["64Cu", "68Ga", "177Lu", "225Ac", "89Zr", "212Pb", "99mTc", "131I", "90Y"],
    pattern=_ISOTOPE_AGENT,
)


def _with_isotope_agents(doc: Doc, found: list[Mention]) -> list[Mention]:
    """The mentions, with each isotope-labelled agent as one drug (see above) in place of
    the drug mentions inside it."""
    if not doc.has(_ISOTOPE_CUE):
        return found
    agents = []
    for m in _ISOTOPE_AGENT.finditer(doc.text):
        if m.group(1).lower() in _INN_STOP or m.group(1) in _NOT_BRAND:
            continue
        agents.append(Mention("Drug", m.start(), m.end(), m.group(0), m.group(0), (m.group(1),)))
    if not agents:
        return found
    inside = Spans((a.start, a.end) for a in agents)
    return [m for m in found if not inside.containing(m.start, m.end)] + agents


#: drugs.not_platform: "3SBio's proprietary CLF2 platform", "its XYZ technology": a code or
#: brand that names a discovery platform is no product, anywhere in the text; nor is one that
#: names a gene ("a functional RPE65 gene", drugs.not_gene); "AB-130 gene therapy" is a
#: product (drugs.gene_therapy_code).
_PLATFORM_AFTER = re.compile(
    r"[®™]?\s+(?:platforms?|technology|technologies|engine|librar(?:y|ies)|scaffolds?|"
    # "PharmCube's NextBiopharm® database": a registered tool is no product either.
    r"databases?|software|apps?|tools?|"
    r"genes?(?![\w-]|\s+(?:therap|transfer|editing|editor|silencing|replacement)))\b"
)


def _not_platforms(text: str, mentions: list[Mention]) -> list[Mention]:
    platforms = {m.text for m in mentions if _PLATFORM_AFTER.match(text, m.end)}
    return [m for m in mentions if m.text not in platforms] if platforms else mentions


#: drugs.code_list_partner: "the antibodies AB-196 and AB-198", "AB-101, AB-102 or AB-103": a
#: code listed beside a code found as a drug, with the same letters before its number, is a
#: drug of the same series.
_CODE_LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:and|or|as well as))\s*")


def _code_list_partners(doc: Doc, codes: list[Mention]) -> list[Mention]:
    if not codes:
        return []
    text = doc.text
    found = {c.text for c in codes}
    series = {m.group(1) for c in codes if (m := CODE.fullmatch(c.text))}
    code_ends = {c.end for c in codes}
    code_starts = {c.start for c in codes}
    # Codes found so far as (start, end), sorted: each candidate looks only at those starting
    # within 40 characters of it (a scan of every code per candidate was quadratic).
    listed = sorted((c.start, c.end) for c in codes)
    out: list[Mention] = []
    for m in _code_candidates(text):
        if m.group(0) in found or not _is_code(m):
            continue
        # drugs.code_slash_partner: "AB264/CD-2870": two codes of one drug, any series.
        slashed = (m.start() - 1 in code_ends and text[m.start() - 1 : m.start()] == "/") or (
            m.end() + 1 in code_starts and text[m.end() : m.end() + 1] == "/"
        )
        if m.group(1) not in series and not slashed:
            continue
        lo = bisect.bisect_right(listed, (m.start() - 40, len(text)))
        hi = bisect.bisect_left(listed, (m.start() + 40, -1))
        near = slashed or any(
            _CODE_LIST_GAP.fullmatch(text, end, m.start())
            or _CODE_LIST_GAP.fullmatch(text, m.end(), start)
            for start, end in listed[lo:hi]
        )
        if near:
            found.add(m.group(0))
            out.append(Mention("Drug", m.start(), m.end(), m.group(0), m.group(0)))
            bisect.insort(listed, (m.start(), m.end()))
    return out


def _codes_everywhere(doc: Doc, found: list[Mention]) -> list[Mention]:
    """drugs.code_everywhere: a code name the text once uses as a product ("Acme's AB-0201, a
    bispecific") is that product wherever it stands ("Beta will acquire AB-0201 for $1
    billion"): the other families read these spans before resolution, and a company or site
    never takes a code's shape."""
    text = doc.text
    taken = Spans((m.start, m.end) for m in found)
    out: list[Mention] = []
    codes = {m.text: m.name for m in found if CODE.fullmatch(m.text) and m.text == m.name}
    # One pass for every code (a whole-text search per code was quadratic in long documents).
    spans = occurrences(text, codes, _CODE_BEFORE, _CODE_AFTER)
    for code, name in codes.items():
        for start, end in leftmost_matches(spans[code]):
            if not taken.overlapping(start, end):
                out.append(Mention("Drug", start, end, code, name))
    # drugs.construct_family: "the oncolytic virus CF33-hNIS ... patents to CF33-CD19": the
    # same vector with another payload is another product of the family.
    bases = set()
    for m in found:
        base = CODE.match(m.text)
        if base and m.text == m.name and _CONSTRUCT_TAIL.fullmatch(m.text, base.end()):
            bases.add(base.group(0))
    for base in bases:
        family = re.compile(r"(?<![\w-])%s%s" % (re.escape(base), _CONSTRUCT_TAIL.pattern))
        for f in family.finditer(text):
            if not taken.overlapping(f.start(), f.end()):
                out.append(Mention("Drug", f.start(), f.end(), f.group(0), f.group(0)))
    return out


#: What may not stand right before / after a code found again (a longer code, "AB-1.2").
_CODE_BEFORE = re.compile(r"[\w-]")
_CODE_AFTER = re.compile(r"[\w-]|\.\d")


def _registered_mentions(doc: Doc) -> list[Mention]:
    found = [(m, 1) for m in _ASCII_TRADEMARK.finditer(doc.text)] if "TM" in doc.text else []
    if not doc.has(_NOUN_THEN_REGISTERED_CUE) and not found:
        return []
    found += [(m, 1) for m in _NOUN_THEN_REGISTERED.finditer(doc.text)]
    found += [(m, 1 if m.group(1) else 2) for m in _REGULATORY_REGISTERED.finditer(doc.text)]
    found += [(m, 1) for m in _POSSESSIVE_REGISTERED.finditer(doc.text)]
    found += [(m, 1) for m in _DOSED_REGISTERED.finditer(doc.text)]
    return [
        Mention("Drug", m.start(g), m.end(g), m.group(g), m.group(g))
        for m, g in found
        if m.group(g).split()[0] not in _NOT_BRAND and not CODE.fullmatch(m.group(g))
    ]


#: drugs.nab_prefix: "nab-paclitaxel", "nab-sirolimus": the albumin-bound form is its own drug.
_NAB_BEFORE = re.compile(r"(?<![\w-])nab-$", re.IGNORECASE)


def _with_formulation_prefix(text: str, m: Mention) -> Mention:
    if m.start < 4 or not _NAB_BEFORE.search(text, m.start - 4, m.start):
        return m
    start = m.start - 4
    name = f"nab-{m.name}" if m.name[:1].islower() else m.name
    props = {k: v for k, v in m.props.items() if k != "xrefs"}  # the xrefs name the plain drug
    return Mention("Drug", start, m.end, text[start : m.end], name, m.forms, props)


#: A product named without an INN: "the drug, now called Datroway", "BRAND® is the first and
#: only therapy" (press releases write brands in capitals).
#: drugs.called_brand: "an FDA-approved gene therapy (called Zevaskyn)", "a therapy called
#: Brandix" (a capitalised name: "a drug called lecanemab" is an INN, found as one).
_NOW_CALLED = re.compile(
    r"\b(?:drug|therapy|candidate|product|medicine|ADC|antibody|conjugate|treatment),?\s+"
    r"(?:\(\s*)?(?:(?:now|since|later)\s+)?(?:called|named|branded|marketed as)\s+"
    r"([^\W\d_a-z][^\W\d_A-Z]{3,}|[^\W\d_a-z]{4,})(?![\w-])"
)
#: drugs.sold_as: "Sold as Casgevy, the treatment ...": the name a product is sold under,
#: opening a sentence (mid-sentence, "X, marketed as Brand," pairs the brand with X instead).
_SOLD_AS = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:Sold|Marketed|Commerciali[sz]ed)\s+as\s+"
    r"([A-Z][a-z]{3,}[a-z0-9]*)[®™]?(?![\w-])"
)
_CAPS_FIRST_THERAPY = re.compile(
    r"(?<![\w-])([^\W\d_a-z]{4,})[®™]?\s+(?:is|was|became|becomes)\s+the\s+(?:first|only)\b"
    r"[^.;]{0,40}?\b(?:therapy|treatment|medicine|drug|ADC|antibody)\b"
)
_NAMED_PRODUCT_CUES = {
    _NOW_CALLED: Cue(["called", "named", "branded", "marketed as"], pattern=_NOW_CALLED),
    _SOLD_AS: Cue(
        ["Sold as", "Marketed as", "Commercialised as", "Commercialized as"], pattern=_SOLD_AS
    ),
    _CAPS_FIRST_THERAPY: Cue(["first", "only"], pattern=_CAPS_FIRST_THERAPY),
}
#: Where a match of _NOW_CALLED starts: at its first word (tried only there).
_NAMED_PRODUCT_STARTS = {
    _NOW_CALLED: Cue(
        "drug therapy candidate product medicine ADC antibody conjugate treatment".split(),
        pattern=_NOW_CALLED,
        lead=0,
    ),
}


#: drugs.candidate_apposition: "its immunotherapy candidate, HER-Vaxx", "the vaccine candidate
#: pEVAC-PS": a hyphenated name with a capital (no code: its last part has a letter first)
#: right after a product noun.
_CANDIDATE_NAME = re.compile(
    r"\b(?:candidate|immunotherapy|vaccine)\s*,?\s+"
    r"((?=[\w-]*[A-Z])[A-Za-z][A-Za-z0-9]+(?:-[A-Za-z0-9]+)*-[A-Za-z][A-Za-z0-9]*)(?![\w-])"
)
_CANDIDATE_NAME_CUE = Cue(["candidate", "immunotherapy", "vaccine"], pattern=_CANDIDATE_NAME)


#: drugs.brand_name_under: "it is sold under the (same) brand name Kisunla", "to be marketed
#: under the trade name Brandix": the capitalised word after it is a brand (paired with the
#: drug before it by `_brand_name_pairs`).
_UNDER_BRAND_NAME = re.compile(
    r"\bunder\s+the\s+(?:same\s+|new\s+)?(?:brand|trade)[- ]?names?\s+"
    r"([^\W\d_a-z][\w-]+(?:['’][\w-]+)?)(?![\w-])"
)
_UNDER_BRAND_NAME_CUE = Cue(["brand", "trade"], pattern=_UNDER_BRAND_NAME)


#: drugs.brand_cue: a capitalised word a product cue marks as a brand: "blockbuster Trikafta",
#: "its Vimkunya chikungunya vaccine", "Casgevy became the first gene-edited cell therapy
#: approved" (not "its Lyme disease vaccine": a disease word after it).
_BRAND_WORD = r"([A-Z][a-z]{3,}[a-z0-9]*)[®™]?"
_PRODUCT_HEAD = r"(?:vaccine|drug|therapy|treatment|medicine|injection|tablets?|capsules?|pill)"
_BLOCKBUSTER = re.compile(
    r"(?<![\w-])(?:blockbuster|best-selling|top-selling)\s+(?:drug\s+|medicine\s+)?"
    + _BRAND_WORD
    + r"(?![\w-])"
)
_ITS_BRAND = re.compile(
    r"(?<![\w-])(?:its|their)\s+"
    + _BRAND_WORD
    + r"\s+(?!(?:disease|syndrome|virus|cancer|infection|vaccine)\b)(?:[a-z][\w-]*\s+){0,2}"
    + _PRODUCT_HEAD
    + r"\b"
)
_FIRST_BRAND_BEFORE = re.compile(
    r"(?<![\w-])" + _BRAND_WORD + r"\s+(?:is|was|became|becomes)\s+the\s+first\s+$"
)
_FIRST_PRODUCT_AFTER = re.compile(
    r"(?:(?!(?:to|in|for|of)\s)[\w-]+\s+){0,4}?" + _PRODUCT_HEAD + r"\b"
)
_BRAND_CUES = (
    Cue(["blockbuster", "best-selling", "top-selling"], pattern=_BLOCKBUSTER, lead=0),
    Cue(["its", "their"], pattern=_ITS_BRAND, lead=0),
)
_THE_FIRST = re.compile(r"(?<![\w-])the\s+first\s+")
_THE_FIRST_CUE = Cue(["the first"], pattern=_THE_FIRST, lead=0)


def _cued_brands(text: str) -> list[Mention]:
    """drugs.brand_cue (see `_BLOCKBUSTER`, `_ITS_BRAND`, `_FIRST_BRAND_BEFORE`)."""
    found = [(m.start(1), m.group(1)) for cue in _BRAND_CUES for m in finditer(text, cue)]
    for first in finditer(text, _THE_FIRST_CUE):
        before = _FIRST_BRAND_BEFORE.search(text, max(0, first.start() - 40), first.end())
        if before and _FIRST_PRODUCT_AFTER.match(text, first.end()):
            found.append((before.start(1), before.group(1)))
    return [
        Mention("Drug", s, s + len(word), word, word)
        for s, word in found
        if word.lower() not in _NOT_BRAND_LOWER
    ]


def _named_product_mentions(doc: Doc) -> list[Mention]:
    text = doc.text
    out = [
        Mention("Drug", m.start(1), m.end(1), m.group(1), m.group(1))
        for cue in (_CANDIDATE_NAME_CUE, _UNDER_BRAND_NAME_CUE)
        for m in finditer(text, cue)
        if m.group(1).lower() not in _NOT_BRAND_LOWER
    ]
    out += _cued_brands(text)
    for rx in (_NOW_CALLED, _SOLD_AS, _CAPS_FIRST_THERAPY):
        start = _NAMED_PRODUCT_STARTS.get(rx)
        found = rx.finditer(text) if start is None else finditer(text, start)
        for m in found if doc.has(_NAMED_PRODUCT_CUES[rx]) else ():
            word = m.group(1)
            if word.lower() in _NOT_BRAND or word in _CODE_EXCLUDE:
                continue
            out.append(Mention("Drug", m.start(1), m.end(1), word, word))
    return out


#: drugs.renamed_apposition: "AB-123, a TL1A programme that now goes by inn" too.
_RENAMED = re.compile(
    r"[\s®™]*,?\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:programme|program|drug|candidate|"
    r"compound|asset|antibody|molecule|therapy|medicine)\s+(?:that|which)\s+"
    r"(?:(?:is|was|has been)\s+)?)?"
    r"(?:(?:now|later|since|subsequently|previously|formerly|also|originally)\s+)?"
    r"(?:called|named|renamed|known as|designated|branded|marketed as|dubbed|goes by|go by|"
    r"went by)\s+(?:as\s+)?",
    re.IGNORECASE,
)


#: After the second name of "A (B": another code, a dosage form, or the INN's salt words
#: (drugs.brand_inn_salt: "Brand (inn mesylate monohydrate)"), then the parenthesis.
_PAIR_TAIL = re.compile(
    r"\s*(?:/\s*[A-Z]{1,6}[- ]?\d{2,}[A-Za-z]?\s*\)|"
    r"\s+(?i:tablets?|capsules?|injection|for injection|oral solution)\s*\)|"
    + _SALT.pattern
    + r"\s*\))"
)
#: "A, formerly B": one drug under an old name.
_FORMERLY = re.compile(r"[\s®™]*,\s*(?:formerly|previously)\s+")
#: "inn, also known as inn2" (two spellings of one INN) names one drug.
_ALSO_KNOWN_AS = re.compile(r"(?i)\b(?:also\s+)?known as\b")
_ONE_WORD = re.compile(r"[A-Za-z]+")


#: drugs.anaphor_code_name: "The drug, also known by its code name AB-C01D1, ...": a code given
#: to "the drug" names the drug the text named last (not itself a code).
#: "The compound, which Acme calls AB-123," / "which it calls" too (the owner's own name for it).
_ANAPHOR_CODE_NAME = re.compile(
    r"\b[Tt]he (?:drug|candidate|compound|molecule|therapy|antibody|conjugate|ADC)\s*,\s*"
    r"(?:(?:also\s+)?(?:known|referred to)\s+(?:by\s+its\s+code\s+name|as|under\s+the\s+code\s+"
    r"name)|which\s+(?:it|[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,2})\s+(?:calls|has\s+called|dubs|"
    r"has\s+dubbed|names|has\s+named))\s+$"
)


def _anaphor_code_pairs(doc: Doc, ordered: list[Mention]) -> list[tuple[Mention, Mention]]:
    pairs = []
    for i, b in enumerate(ordered):
        cue = _ANAPHOR_CODE_NAME.search(doc.text, max(0, b.start - 70), b.start)
        if not cue:
            continue
        # "The compound, which Acme calls AB-123": the drug of the sentence or the one before
        # (300 characters), never a name that modifies another word ("belotecan-derived").
        near = b.start - 300 if "which" in cue.group(0) else 0
        named = [
            a
            for a in ordered[:i]
            if a.name != b.name
            and not CODE.fullmatch(a.name)
            and doc.text[a.end : a.end + 1] != "-"
            and a.start >= near
        ]
        if named:
            pairs.append((named[-1], b))
    return pairs


#: drugs.named_pair: one drug under two names in one naming phrase: "an inhibitor, dubbed
#: inn or AB-123,", "called AB-123 or inn", "inn (e.g., AB-123)", "inn (i.e. AB-123)", and an
#: INN written straight before its code ("oral inn AB-123 will be presented").
_NAMING_BEFORE_OR = re.compile(
    r"\b(?:dubbed|called|named|known\s+as|codenamed|code-named)\s+$", re.IGNORECASE
)
_OR_GAP = re.compile(r"\s+or\s+")
_EG_GAP = re.compile(r"\s*\(\s*(?:e\.?g\.?|i\.?e\.?)\s*,?\s*")
_SPACE_GAP = re.compile(r" ")
#: drugs.inn_form_code: "its synthetic inn formulation AB-123", "the inn tablet AB-123": an
#: active substance, the word for its product form, then the code of that product: one drug.
_FORM_NOUN_GAP = re.compile(r" (?:%s) " % "|".join(_V["drug_form_nouns_before_code"]))


def _named_pair(text: str, a: Mention, b: Mention) -> bool:
    one_code = bool(CODE.fullmatch(a.name)) != bool(CODE.fullmatch(b.name))
    if not one_code:
        return False
    if _OR_GAP.fullmatch(text, a.end, b.start):
        return bool(_NAMING_BEFORE_OR.search(text, max(0, a.start - 20), a.start))
    if _EG_GAP.fullmatch(text, a.end, b.start):
        return text[b.end : b.end + 1] == ")"
    return (
        (
            _SPACE_GAP.fullmatch(text, a.end, b.start) is not None
            or _FORM_NOUN_GAP.fullmatch(text, a.end, b.start) is not None
        )
        and a.name[:1].islower()
        and CODE.fullmatch(b.name) is not None
        and not re.match(r"[\w-]", text[b.end : b.end + 1])
    )


def drug_pairs(doc: Doc, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Pairs written "A (B)" where both are drugs: one drug, two names."""
    text = doc.text
    ordered = sorted(mentions, key=lambda m: m.start)
    pairs = _anaphor_code_pairs(doc, ordered) + _misspelled_pairs(ordered)
    pairs += [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if _named_pair(text, a, b)]
    for a, b in zip(ordered, ordered[1:], strict=False):
        between = text[a.end : b.start]
        formerly = re.fullmatch(
            r"[\s®™]*\(\s*(?:[\w-]+,\s*)?(?:formerly|previously|also known as|aka|code[- ]?named|"
            r"(?i:generic|nonproprietary|international nonproprietary|proper|common) name:?|INN:?)"
            r"(?:\s+(?:known as|called))?\s+",
            between,
        )
        closes = text[b.end : b.end + 1] in {")", ";", ",", "®", "™"}
        # "inn (AB-123/CD-456)": the first of two codes; "Brand (inn tablets)": a dosage form.
        closes = closes or bool(_PAIR_TAIL.match(text, b.end))
        if (between.strip(" ®™") == "(" or formerly) and closes:
            pairs.append((a, b))
        elif _FORMERLY.fullmatch(between) and (_code_shaped(a.name) or _code_shaped(b.name)):
            pairs.append((a, b))  # "inn, formerly AB-123,"
        elif _RENAMED.fullmatch(between) and (
            CODE.fullmatch(a.name)
            or CODE.fullmatch(b.name)
            or (
                _ALSO_KNOWN_AS.search(between)
                and _ONE_WORD.fullmatch(a.name)
                and _ONE_WORD.fullmatch(b.name)
            )
        ):
            pairs.append((a, b))  # "AB-123, now called inn", "inn, also known as AB-123"
        elif between == "/" and CODE.fullmatch(a.name) and CODE.fullmatch(b.name):
            pairs.append((a, b))  # "BNT323/DB-1303": two codes of one drug
        elif (
            _THEN_NOW.fullmatch(between)
            and CODE.fullmatch(a.name)
            and CODE.fullmatch(b.name)
            and re.search(r"\bknown as\s+$", text[max(0, a.start - 12) : a.start])
        ):
            pairs.append((a, b))  # drugs.code_known_as: "known as AB-12 in testing and now CD-001"
    if doc.has(_UNDER_BRAND_NAME_CUE):
        pairs += _brand_name_pairs(doc, ordered, pairs)
    return pairs


#: drugs.misspelled_inn: "empagliflozin" and, once, "empaglifozin": INNs are chosen to differ
#: in more than a letter, so two one-word generic names one edit apart in one text are one
#: drug misspelled; the known generic (else the name written more often) names it, and the
#: other spelling (marked `_misspelled`) is an alias. Two names the lexicon both knows stay two.
_GENERIC_WORD = re.compile(r"[a-z]{8,}")


def _one_edit(a: str, b: str) -> bool:
    """`a` and `b` differ by one substituted, inserted or deleted letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]


def _brand_name_pairs(
    doc: Doc, ordered: list[Mention], known: list[tuple[Mention, Mention]]
) -> list[tuple[Mention, Mention]]:
    """drugs.brand_name_under: the brand is the drug's that its sentence names before it, else
    the sentence before (up to three sentences back), when that sentence names one drug only
    ("Innovent will market the drug under the brand name Dupert")."""
    brand_starts = {b.start(1) for b in finditer(doc.text, _UNDER_BRAND_NAME_CUE)}
    # One name per drug: "telitacicept (RC18)" is one drug, not two.
    one_name = {b.name.lower(): a.name.lower() for a, b in known}
    pairs = []
    for i, m in enumerate(ordered):
        if m.start not in brand_starts:
            continue
        if m.name.lower() != m.text.lower():
            continue  # a known brand ("Xolair") already names its drug (omalizumab)
        start, end = doc.sentence_at(m.start)[0], m.start
        for _ in range(3):
            named = {
                one_name.get(d.name.lower(), d.name.lower()): d
                for d in ordered[:i]
                if start <= d.start < end
            }
            named.pop(m.name.lower(), None)
            if named or start == 0:
                break
            end = start
            start = doc.sentence_at(start - 1)[0]
        if len(named) == 1:
            pairs.append((next(iter(named.values())), m))
    return pairs


def _misspelled_pairs(ordered: list[Mention]) -> list[tuple[Mention, Mention]]:
    by_name: dict[str, list[Mention]] = {}
    for m in ordered:
        if _GENERIC_WORD.fullmatch(m.name):
            by_name.setdefault(m.name, []).append(m)
    known = generics().rows
    pairs = []
    names = sorted(by_name)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if not _one_edit(a, b) or (a in known and b in known):
                continue
            # The misspelling: the unknown name, else the rarer one.
            rank_a, rank_b = (a in known, len(by_name[a])), (b in known, len(by_name[b]))
            wrong, right = (a, b) if rank_b > rank_a else (b, a)
            for m in by_name[wrong]:
                m.props["_misspelled"] = True
            pairs.append((by_name[right][0], by_name[wrong][0]))
    return pairs


_THEN_NOW = re.compile(r"\s+(?:[\w-]+\s+){0,3}and\s+now\s+")
