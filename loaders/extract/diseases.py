# ruff: noqa: UP031  (regexes are built with %-formatting: str.format braces clash with {m,n})
"""Diseases: known names, abbreviation long forms, and noun phrases with a disease head.

A disease phrase ends in a head word (cancer, carcinoma, disorder, sclerosis,
obesity...) or a disease suffix (-itis, -oma, -emia, -pathy, -osis) and
extends left over the words that name it ("non-small cell lung cancer"),
leaving qualifiers out of the name ("advanced", "metastatic", "grade 2" are
kept only in the alias). Bare classes ("autoimmune disease", "rare
diseases") are not diseases.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from loaders.extract import fastre as re
from loaders.extract.abbreviations import Abbreviation
from loaders.extract.context import Doc
from loaders.extract.cues import Cue
from loaders.extract.lexicon import lexicon, vocabulary
from loaders.extract.model import Mention
from loaders.extract.target_lexicon import lookup as target_lookup
from loaders.extract.text import GENE_SUBTYPE, Spans, initials

_V = vocabulary()
#: diseases.symptom_head: "essential tremor", "refractory chronic cough", "focal seizures",
#: "post-stroke spasticity": a symptom word heads a disease name only after a word that names
#: the disease; alone ("patients had tremor") it is a symptom (optional in the guidelines).
_SYMPTOM_HEADS = set(_V["disease_symptom_heads"])
_HEADS = {h for h in _V["disease_heads"] if " " not in h} | _SYMPTOM_HEADS
#: diseases.suffix: words ending like a disease ("-itis", "-ectasis", "-lepsy", "-somnia").
_SUFFIXES = tuple(_V["disease_suffixes"])
_STOP = set(_V["disease_stopwords"])
_GENERIC = set(_V["generic_disease_words"])
_QUAL = set(_V["disease_qualifiers"])
#: diseases.np_stopword: verbs, judging words and trial words that start no disease name.
_NP_STOP = set(_V["disease_np_stopwords"])
#: Organ/site words that may be coordinated in front of one head ("head and neck cancer").
_COORD_SITES = set(_V["disease_coordinated_sites"])
#: Site pairs joined by "and" that name one disease ("head and neck"); other "A and B cancers"
#: are two diseases, while "A or B <head>" is one name.
_COORD_NAMES = set(_V["disease_coordinated_names"])
#: diseases.adverb_start: an adverb ("mainly", "particularly") starts no disease name.
#: Verbs made with -ize/-ise start no disease name ("characterize", "minimise").
_VERB_IZE = re.compile(r"[a-z]{3,}(?:ize|ise)[sd]?")
_ADVERB = re.compile(r"(?!family|belly|jelly)[a-z]{3,}ly")
#: ... unless it modifies an adjective of the name ("rapidly progressive", "clinically ...").
_ADJECTIVE_END = re.compile(r"(?:ive|ant|ent|al|ic|ous|ed|ing|able|ible|ful|ary)$")
#: diseases.block_after: a disease word before one of these modifies it ("disease
#: progression", "tumour DNA"); it heads no name there.
_BLOCK_AFTER = set(_V["disease_followers_block"])
#: Proper names that start a disease name without a possessive ("Hodgkin lymphoma").
_EPONYMS = set(_V["disease_eponyms"])
#: diseases.owner_possessive: heads an eponym's possessive may precede ("Graves' disease",
#: "Kaposi's sarcoma"); before other heads a possessive names an owner ("Acme's obesity drug").
_EPONYM_HEADS = set(_V["disease_eponym_heads"])
#: diseases.amount_word: "$5.3bn obesity deal", "a 40m asthma market": an amount starts no name.
_AMOUNT = re.compile(r"\d[\d.,]*(?:bn|b|mn|m|k|tn|x|%)", re.IGNORECASE)
_CLASS_HEADS = set(_V["disease_class_heads"])
#: diseases.eponym_pair: "Bardet-Biedl syndrome", "Smith-Magenis syndrome": two or more
#: capitalised surnames joined by hyphens before a syndrome or disease head are an eponym.
_EPONYM_PAIR = re.compile(r"[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)+")
#: diseases.head_eponym: "Alagille syndrome", "Down syndrome", "Lyme disease": surnames (many
#: of them common ones) that name a disease only right before a syndrome or disease head.
_HEAD_EPONYMS = set(_V["disease_head_eponyms"])
#: diseases.pathogen_start: "Ebola virus disease", "Zika infection", "Lassa fever", "West Nile
#: virus infection": a pathogen's proper name, capitalised anywhere in a sentence, starts a
#: disease name right before a virus, infection, fever or disease word; the name keeps the
#: pathogen's own spelling ("Ebola", "dengue") whatever case the text wrote it in.
_PATHOGENS = list(_V["disease_pathogens"])
#: The last word of each pathogen name, and the word pairs inside the longer ones ("west nile").
_PATHOGEN_LASTS = {p.split()[-1].lower() for p in _PATHOGENS}
_PATHOGEN_PAIRS = {
    f"{a} {b}".lower() for p in _PATHOGENS for a, b in zip(p.split(), p.split()[1:], strict=False)
}
_PATHOGEN_FOLLOWERS = set(_V["disease_pathogen_followers"])
_PATHOGEN_SPELLING = {p.lower(): p for p in _PATHOGENS}
_PATHOGEN_IN_NAME = re.compile(
    r"(?i)(?<![\w-])(%s)(?= (?:%s)(?![\w-]))"
    % (
        "|".join(sorted((re.escape(p) for p in _PATHOGENS), key=len, reverse=True)),
        "|".join(sorted(_PATHOGEN_FOLLOWERS, key=len, reverse=True)),
    )
)
#: diseases.fever_name: "yellow fever", "Lassa fever", "familial Mediterranean fever": "fever"
#: heads a disease name only right after a pathogen or one of these words (alone it is a
#: symptom); their capitalised ones keep their capital in the name.
_FEVER_WORDS = {w.lower(): w for w in _V["disease_fever_words"]}
_FEVER_HEADS = {"fever", "fevers"}
#: diseases.generic_with_noun: "respiratory tract infection": a generic adjective before a noun
#: that names nothing without it stays in the name.
_BOUND_NOUNS = set(_V["disease_bound_nouns"])
#: diseases.bare_virus: "virus infection", "viral disease" name no disease without the pathogen.
_VIRUS_WORDS = {"virus", "viruses", "viral"}
#: diseases.described_as: "C3G is an ultra-rare, progressive kidney disease", "phenylketonuria,
#: an inherited disease where ...", "X is a rare bone marrow cancer": a description of the
#: disease just named, not another one (class heads; cancer heads after a generic adjective).
_DESCRIBED_AS = re.compile(
    r"(?:\b(?:is|are|was|as)\s+(?:\w+\s+)?|[\w)],\s+)(?:a|an)\s+(?:[\w-]+,?\s+){0,4}$"
)
_DESCRIBED_CANCER_HEADS = {"cancer", "tumor", "tumour", "malignancy"}
#: diseases.non_starter: evaluative, temporal and quantity words ("latest", "another",
#: "flagship", "gradual", "increased") start no disease name; the name is what follows.
_NON_STARTERS = set(_V["disease_non_starters"])
#: diseases.product_adjective: "long-acting eczema drug", "a once-monthly asthma shot", "the
#: first-in-class psoriasis pill", "an inhaled COPD therapy": a property of the drug (how long
#: it acts, how often and how it is given, its novelty) starts no disease name.
_PRODUCT_ADJECTIVES = set(_V["disease_product_adjectives"])
_PRODUCT_SHAPE = re.compile("(?:%s)" % "|".join(_V["disease_product_adjective_shapes"]))
#: diseases.predicative_state: "80% are overweight or obese": a disease word that is also an
#: adjective of people, after a copula, describes them; "adults with overweight" names it.
_PREDICATIVE_HEADS = set(_V["disease_predicative_heads"])
_COPULAS = set(_V["disease_copulas"])
#: diseases.class_apposition: "the rare genetic disorder Gaucher disease", "the autoimmune
#: disease myasthenia gravis", "the blood cancer multiple myeloma": a class noun before the
#: name is the class it belongs to, not part of the name.
_APPOSITION_NOUNS = set(_V["disease_apposition_nouns"])
#: A cancer noun before a class head starts a name ("tumour lysis syndrome").
_CANCER_NOUNS = {w for w in _APPOSITION_NOUNS if w.startswith(("cancer", "tumo", "malignan"))}
#: diseases.origin_class: "an inherited genetic disorder", "a congenital condition": words of
#: origin with generic ones before a class head name a class ("inherited retinal disease"
#: stays a name).
_ORIGIN = set(_V["disease_origin_words"])
#: diseases.generic_named: "cardiovascular disease" is one (an indication), though
#: "cardiovascular" alone is a generic word of classes.
_GENERIC_CLASS = set(_V["generic_disease_words"]) - set(_V["disease_generic_named"])
#: diseases.therapy_area_list: "medicines in oncology, immunology, cardiovascular disease
#: and pulmonary hypertension": the items of a list that starts with two therapeutic areas
#: are areas too.
_AREAS = "|".join(map(re.escape, _V["disease_therapy_areas"]))
_AREA_LIST = re.compile(
    r"(?i)\b(?:%s),\s+(?:%s)\b(?:,\s+[^,.;:()]+)*(?:,?\s+(?:and|or)\s+[^,.;:()]+)?"
    % (_AREAS, _AREAS)
)
_AREA_CUE = Cue(_V["disease_therapy_areas"], ignore_case=True, pattern=_AREA_LIST)
#: diseases.organ_failure: "failure" names a condition only after an organ ("heart failure",
#: "acute liver failure"); "clinical failure", "treatment failure" are outcomes.
_FAILURE_ORGANS = set(_V["disease_failure_organs"])
#: diseases.quantity_plural: "across multiple blood cancers", "several lymphomas": a quantity
#: word before a plural head names a class of diseases, not one.
_QUANTITY = set(_V["disease_quantity_words"])
#: diseases.quantity_name: "multiple lung cancer trials": a quantity word before a cancer
#: name of two words or more counts what follows ("multiple myeloma" keeps its word).
_QUANTITY_CANCER_HEADS = _CANCER_NOUNS | {"carcinoma", "carcinomas"}
#: diseases.owner_participle: "Acme-partnered lymphoma antibody", "VC-backed obesity
#: biotech", "PCR-based liquid biopsy": a hyphenated participle of ownership, deals or
#: technology starts no disease name (the disease word modifies a product).
_OWNER_PARTICIPLE = re.compile(r"-(?:%s)$" % "|".join(_V["disease_owner_participles"]))
#: diseases.owner_product: "Acme's hepatitis B vaccine", "Brandt's colitis drug": a
#: possessive before a disease word that modifies a product noun is its owner, even before a
#: suffix head (where an unlisted eponym is otherwise kept: "Hashimoto's thyroiditis").
_PRODUCT_AFTER = re.compile(
    r"(?:\s+[A-E])?\s+(?:%s)(?![\w-])" % "|".join(_V["disease_product_nouns"]), re.IGNORECASE
)
_RESISTANCE = re.compile(r"..-(?:resistant|sensitive|refractory)$", re.IGNORECASE)
_LOWER_EPONYMS = {e.lower() for e in _EPONYMS | _HEAD_EPONYMS}
#: diseases.rejection_named: "rejection" is a condition only after a transplant or immune word
#: ("antibody-mediated rejection", "kidney transplant rejection"), never a regulator's.
_REJECTION_WORDS = set(_V["disease_rejection_words"])
#: diseases.run_together: "DSouzaMCW": two words run together (a lost space) start no name.
_RUN_TOGETHER = re.compile(r"[a-z]{2,}[A-Z]{2,}$")
#: diseases.species_binomial: "Neisseria gonorrhoeae infection", "Helicobacter pylori
#: infection": a genus and a Latin species epithet before an infection word name it.
_EPITHET = re.compile(r"[a-z]{3,}(?:ae|ii|i|us|um|is|a|ans|ens|ile|ax|ix)")
_GENUS = re.compile(r"[A-Z][a-z]{3,}")
_BINOMIAL_HEADS = {"infection", "infections", "disease", "bacteremia", "bacteraemia"}


def _generic_first(mods: list[str], quals: list[re.Match]) -> bool:
    """The description starts with a generic adjective, kept as a qualifier ("a rare ...")."""
    firsts = {quals[0].group(0).lower()} if quals else set()
    return bool((firsts | set(mods[:1])) & _GENERIC)


_PLURAL_CLASSES = set(_V["disease_plural_classes"])
#: diseases.site_infections: "bloodstream infections", "complicated urinary tract infections",
#: "invasive mold infections": plural infections named by where they are or what causes them
#: are an indication (antibiotic trials are run in them), not a class like "kidney diseases".
_INFECTION_NAMERS = set(_V["disease_infection_namers"])
_GENUS_BEFORE = re.compile(r"[A-Z][a-z]+\.? $")
#: diseases.normal_state: "normoglycemia", "euglycemia", "nontuberculosis (mycobacteria)": a
#: head word with a prefix of normality or negation names a normal state or the absence of a
#: disease, never a disease.
_NORMAL_STATE = tuple(_V["disease_normal_state_prefixes"])
_HEAD_CANDIDATE = re.compile(
    r"(?<![\w’'-])(?:[^\W_][\w\-’']*(?:%s)|(?i:%s))(?![\w’'-])"
    % ("|".join(_SUFFIXES), "|".join(sorted((re.escape(h) for h in _HEADS), key=len, reverse=True)))
)
_WORD = re.compile(r"[^\W_][\w\-’']*")
#: The same candidates as _HEAD_CANDIDATE, found faster: whole words tested in Python
#: (a head alternation tried at every word start in the regex engine is slow).
_RUN = re.compile(r"(?<![\w’'-])[^\W_][\w\-’']*+")
_HEADS_FULL = re.compile(
    "(?i:%s)" % "|".join(sorted((re.escape(h) for h in _HEADS), key=len, reverse=True))
)
_HEADS_LOWER = {h.lower() for h in _HEADS}
_HEADS_ASCII = all(h.isascii() for h in _HEADS)
_HEADS_ARE_WORDS = all(re.fullmatch(r"[^\W_][\w\-’']*", h) for h in _HEADS) and all(
    re.fullmatch(r"[\w\-’']+", x) for x in _SUFFIXES
)


_TYPE_AFTER = re.compile(r" type (\d[a-z]?|I{1,3}|IV|V|[A-E])(?![\w-])")


def _head_candidates(text: str):
    """Matches of _HEAD_CANDIDATE in `text`, in order (same spans)."""
    if not _HEADS_ARE_WORDS:  # the word shortcut assumes heads are single word tokens
        yield from _HEAD_CANDIDATE.finditer(text)
        return
    for m in _RUN.finditer(text):
        w = m.group(0)
        if w.endswith(_SUFFIXES) and any(w.endswith(x) and len(w) > len(x) for x in _SUFFIXES):
            yield m
        elif (
            (
                w.lower() in _HEADS_LOWER
                if _HEADS_ASCII and w.isascii()
                else _HEADS_FULL.fullmatch(w) is not None
            )
            or w in _FEVER_HEADS
            or ("-" in w and _greek_head(w))
        ):
            yield m


def _qualifier_is_part_of_name(word: str, following: str) -> bool:
    """Whether the adjective names a subtype ("severe combined immunodeficiency")."""
    if word == "severe":
        return following.lower() in {"combined", "acute", "congenital"}
    if word in {"adult", "pediatric", "paediatric"}:
        return following[:1].isupper() or following.lower() in {"onset", "respiratory"}
    if word == "seasonal":  # "seasonal affective disorder", "seasonal allergic rhinitis"
        return following.lower() in {"affective", "allergic"}
    return False


def _route_names_site(word: str, core: list[re.Match]) -> bool:
    """Whether "oral" names the mouth ("oral mucositis", "oral cancer"), not a route of dosing."""
    if word != "oral":
        return False
    head = core[-1].group(0).lower()
    return head.endswith("itis") or head in {"cancer", "cancers", "carcinoma", "planus"}


#: British spellings folded in keys only ("tumour" = "tumor", "oesophageal" = "esophageal").
_BRITISH = (
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"(?<=[a-z])ae(?=m)|^ae|(?<=h)ae|(?<=p)ae(?=d)|(?<=c)ae(?=c)"), "e"),
    (re.compile(r"(?:^|(?<=[^a-z]))oe(?=[sd])|(?<=rh)oe|(?<=c)oe(?=l)"), "e"),
)
_PLURAL_TAILS = (
    ("itides", "itis"),
    ("ies", "y"),
    ("omata", "oma"),
    ("oses", "osis"),
    ("ses", "sis"),
)


def _is_head(word: str) -> bool:
    w = word.lower()
    if w in _STOP:
        return False
    return w in _HEADS or (w.endswith(_SUFFIXES) and len(w) > 6 and w.isalpha()) or _greek_head(w)


#: diseases.greek_head: "beta-thalassemia", "alpha-mannosidosis": a Greek letter's name glued
#: to a head by a hyphen is one head word.
_GREEK_WORDS = ("alpha-", "beta-", "gamma-", "delta-", "α-", "β-")


def _greek_head(word: str) -> bool:
    w = word.lower()
    if not w.startswith(_GREEK_WORDS):
        return False
    rest = w.split("-", 1)[1]
    return rest in _HEADS_LOWER or (rest.endswith(_SUFFIXES) and len(rest) > 6 and rest.isalpha())


def _lower_name(words: list[str]) -> str:
    out = []
    genus = (
        len(words) == 3
        and words[2].lower() in _BINOMIAL_HEADS
        and _GENUS.fullmatch(words[0]) is not None
        and _EPITHET.fullmatch(words[1]) is not None
    )
    for k, w in enumerate(words):
        if w in _EPONYMS or w in _HEAD_EPONYMS or (genus and k == 0):
            out.append(w)
        elif (w[:1].isupper() and w[1:2].isalpha() and w[1:].islower()) and not re.search(
            r"['’]s?$", w
        ):
            out.append(w.lower())
        else:
            out.append(w)
    name = " ".join(out)
    if len(out) > 1 and _PATHOGEN_IN_NAME.search(name):
        name = _PATHOGEN_IN_NAME.sub(lambda m: _PATHOGEN_SPELLING[m.group(1).lower()], name)
    if len(out) > 1 and out[-1] in _FEVER_HEADS:
        name = " ".join(_FEVER_WORDS.get(w.lower(), w) for w in name.split(" "))
    return name


#: diseases.symbol_named: "C3 glomerulopathy", "ABCA4 retinopathy", "BK virus infection",
#: a gene, protein or virus symbol names the condition (before a cancer head a symbol is a
#: biomarker and stays out: "EGFR NSCLC", "HER2 breast cancer"; so is "ATM deficiency").
_SYMBOL_HEADS = {"infection", "infections", "dystrophy"}
_SYMBOL = re.compile(r"(?=[A-Z0-9]*[A-Z])[A-Z][A-Z0-9]{1,5}")


def _symbol_names(word: str, head: str, core: list[re.Match]) -> bool:
    if not _SYMBOL.fullmatch(word) or word in _NOT_SYMBOLS:
        return False
    if not (head in _SYMBOL_HEADS or head.endswith(("pathy", "pathies"))):
        return False
    return len(core) == 1 or (len(core) == 2 and core[0].group(0) == "virus")


#: Agencies, countries and currencies written in capitals name no condition ("FDA infection").
_NOT_SYMBOLS = (
    set(_V["not_companies"]) | set(_V["country_abbreviations"]) | set(_V["currency_codes"])
)


@dataclass
class _Phrase:
    """A disease phrase grown leftwards from its head word: the name's words, the qualifiers
    before them, an "and/or" joining two sites, an abbreviation inside the name."""

    core: list[re.Match]
    quals: list[re.Match] = field(default_factory=list)
    conj: re.Match | None = None
    inner_abbr: str = ""
    class_span: tuple[int, int] | None = None  # "blood cancer" of "blood cancer multiple myeloma"


def _phrase_mentions(doc: Doc) -> list[Mention]:
    """Disease names found from a head word ("lymphoma", "-itis") leftwards over the words
    of the name, then kept or dropped as a whole (classes, descriptions, title case)."""
    text = doc.text
    out = []
    reused: dict[str, bool] = {}  # words after an owner's possessive: used as a name twice?
    classes = set()  # diseases.class_apposition: the class words before a name
    for cand in _head_candidates(text):
        found = _head_at(text, cand)
        if found is None:
            continue
        words, i, type_tail = found
        phrase = _grow_left(text, words, i, reused)
        out.extend(_phrase_mention(text, words, i, phrase, type_tail))
        if phrase.class_span is not None:
            classes.add(phrase.class_span)
    return [m for m in out if not any(s <= m.start and m.end == e for s, e in classes)]


def _head_at(text: str, cand: re.Match) -> tuple[list[re.Match], int, re.Match | None] | None:
    """The words around a possible head and its position among them, with a type number
    after it; None when it is no head or heads a noun it modifies ("disease progression")."""
    # Tokenize only a window around a possible head (most words are not heads).
    lo = max(0, cand.start() - 160)
    words = list(_WORD.finditer(text, lo, min(len(text), cand.end() + 40)))
    if lo > 0 and words:
        words = words[1:]  # the first token may be cut
    i = next((k for k, w in enumerate(words) if w.start() == cand.start()), None)
    if i is None:
        return None
    m = words[i]
    if not (_is_head(m.group(0)) or _fever_named(text, words, i)):
        return None
    # diseases.type_after: "narcolepsy type 1", "mucopolysaccharidosis type II", "Niemann-Pick
    # disease type C": a type number or letter after the head belongs to the name.
    type_tail = _TYPE_AFTER.match(text, m.end())
    # Not a head when followed by a noun it modifies ("disease progression").
    if i + 1 < len(words) and type_tail is None:
        nxt = words[i + 1]
        gap = text[m.end() : nxt.start()]
        # diseases.block_after_possessive: "tumour cells’ apoptosis" modifies "cells" too.
        if gap.strip() == "" and (
            re.sub(r"['’]s?$", "", nxt.group(0).lower()) in _BLOCK_AFTER or _is_head(nxt.group(0))
        ):
            return None
    return words, i, type_tail


def _fever_named(text: str, words: list[re.Match], i: int) -> bool:
    """diseases.fever_name: "fever" right after a pathogen or a fever word names a disease."""
    if words[i].group(0) not in _FEVER_HEADS or i == 0:
        return False
    prev = words[i - 1]
    low = prev.group(0).lower()
    return text[prev.end() : words[i].start()] == " " and (
        low in _FEVER_WORDS or low in _PATHOGEN_LASTS
    )


def _pathogen_starts(word: str, core: list[re.Match]) -> bool:
    """diseases.pathogen_start: the word is (the end of) a pathogen's name before a virus,
    infection, fever or disease word, or a fever word before "fever"; or it starts a longer
    pathogen name whose next word is already in the phrase ("West" before "Nile")."""
    low = word.lower()
    first = core[0].group(0).lower()
    if f"{low} {first}" in _PATHOGEN_PAIRS:
        return True
    if first in _FEVER_HEADS and low in _FEVER_WORDS:
        return True
    return low in _PATHOGEN_LASTS and first in _PATHOGEN_FOLLOWERS


def _species_binomial(word: str, core: list[re.Match]) -> bool:
    """diseases.species_binomial: a capitalised genus before "<epithet> infection"."""
    return (
        len(core) == 2
        and core[1].group(0).lower() in _BINOMIAL_HEADS
        and _GENUS.fullmatch(word) is not None
        and _EPITHET.fullmatch(core[0].group(0)) is not None
    )


def _grow_left(text: str, words: list[re.Match], i: int, reused: dict[str, bool]) -> _Phrase:
    """The phrase from the head at words[i] leftwards, word by word, until a word ends it."""
    phrase = _Phrase([words[i]])
    j: int | None = i - 1
    while j is not None and j >= 0:
        j = _left_word(text, words, j, phrase, words[i].group(0), reused)
    return phrase


def _left_word(
    text: str, words: list[re.Match], j: int, ph: _Phrase, w: str, reused: dict[str, bool]
) -> int | None:
    """What words[j], the word before the phrase, does: joins the name or its qualifiers
    (the next word to read), or ends the phrase (None)."""
    prev = words[j]
    gap = text[prev.end() : ph.core[0].start() if not ph.quals else ph.quals[0].start()]
    pw = prev.group(0)
    low = pw.lower()
    if _inner_abbreviation(text, words, j, ph, gap):
        return j - 2
    # diseases.non_en_dash: "non–muscle-invasive bladder cancer" (an en dash after "non").
    if gap not in {" ", "-"} and not (gap == "–" and low == "non"):
        return None
    if _numbered_word(words, j, ph):
        return j - 2
    if _coordinated_sites(text, words, j, ph):
        return j - 2
    taken = _mutation_words(text, words, j, ph)
    if taken:
        return j - taken
    nxt_word = (ph.quals or ph.core)[0].group(0)
    if low != "triple-negative" and (
        (low in _QUAL and not _qualifier_is_part_of_name(low, nxt_word))
        or re.search(
            r"-(?:positive|negative|mutant|mutated|altered|amplified|"
            r"(?:over)?expressing|high|low|eligible|ineligible|naive|naïve|"
            # diseases.case_definition: "laboratory-confirmed influenza", "biopsy-proven
            # IgA nephropathy", "medically-attended RSV": how a case is counted, not its name.
            r"confirmed|proven|documented|attended)$",
            low,
        )
    ):
        ph.quals[0:0] = [prev]
        return j - 1
    if ph.quals:
        return None
    # diseases.cell_letters: "T cell lymphoma", "B cell lymphoma": the cell's letter.
    if re.fullmatch(r"[A-Z]{1,2}", pw) and ph.core[0].group(0).lower() in {"cell", "cells"}:
        ph.core[0:0] = [prev]
        return j - 1
    # diseases.modifier_suffix: "clinic-centered obesity (program)": the disease
    # word modifies a noun phrase, the hyphenated word starts no disease name.
    if re.search(r"-(?:centered|centred|centric|focused)$", low) or _OWNER_PARTICIPLE.search(low):
        return None
    # diseases.cut_compound: "(PCR)-based liquid biopsy": the tail of a hyphenated word cut
    # at a bracket starts no name.
    if prev.start() > 0 and text[prev.start() - 1] == "-":
        return None
    # diseases.resistance_first: "serous or endometrioid platinum-resistant ovarian cancer":
    # a resistance status names the whole disease after it; words before it describe
    # (histology, "non-" forms such as "non-metastatic castration-resistant" stay).
    if _RESISTANCE.search(ph.core[0].group(0)) and not low.startswith("non-"):
        return None
    if _symbol_names(pw, w.lower(), ph.core):
        ph.core[0:0] = [prev]
        return None
    if _ends_name(text, prev, ph, w, reused):
        return None
    ph.core[0:0] = [prev]
    return j - 1


#: diseases.mutation_chain: "EGFR mutant lung cancer", "EGFR exon20 mutant lung cancer",
#: "KRAS G12C-mutated NSCLC": a gene symbol and its exon or variant words before "mutant" /
#: "mutated" qualify the name as one status, like "EGFR-mutant" (subtypes.py splits it off).
_MUTATION_WORD = re.compile(r"(?:[\w.]+-)?(?:mutant|mutated)")
_MUTATION_PART = re.compile(
    r"(?:exon|ex)[-\d]*(?:ins|del|insertion|deletion)?|\d{1,3}|[A-Z]\d{1,4}[A-Z]\w*|"
    r"insertions?|deletions?|del\d+|ins\d+",
    re.IGNORECASE,
)
_GENE_SYMBOL = re.compile(r"[A-Z][A-Z0-9]{1,6}")


def _mutation_words(text: str, words: list[re.Match], j: int, ph: _Phrase) -> int:
    """diseases.mutation_chain: how many words (from words[j] leftwards) a mutation status
    takes as qualifiers: "mutant" with its variant words and gene symbol; 0 when none."""
    low = words[j].group(0).lower()
    if not _MUTATION_WORD.fullmatch(low):
        return 0
    n = j - 1
    while n >= 0 and j - n < 4 and _MUTATION_PART.fullmatch(words[n].group(0)):
        if text[words[n].end() : words[n + 1].start()] != " ":
            break
        n -= 1
    gene = (
        n >= 0
        and _GENE_SYMBOL.fullmatch(words[n].group(0)) is not None
        and text[words[n].end() : words[n + 1].start()] == " "
    )
    if not gene:
        if "-" in low:
            return 0  # "EGFR-mutant": the qualifier rule takes it whole
        n = j  # a bare "mutant": a qualifier alone
    ph.quals[0:0] = words[n : j + 1]
    return j - n + 1


def _inner_abbreviation(text: str, words: list[re.Match], j: int, ph: _Phrase, gap: str) -> bool:
    """diseases.inner_abbreviation: "transthyretin (ATTR) amyloidosis": the modifier's
    abbreviation inside the name; the name keeps it (and "ATTR amyloidosis" is an alias)."""
    prev = words[j]
    pw = prev.group(0)
    if (
        gap == ") "
        and re.fullmatch(r"[A-Z]{1,5}", pw)
        and not ph.quals
        and len(ph.core) == 1
        and j > 0
        and text[words[j - 1].end() : prev.start()] == " ("
        and words[j - 1].group(0)[:1].islower()
        and words[j - 1].group(0).lower() not in _NP_STOP | _QUAL
    ):
        ph.core[0:0] = [words[j - 1]]
        ph.inner_abbr = f"{pw} {ph.core[-1].group(0)}"  # "ATTR amyloidosis" as an alias
        return True
    return False


def _numbered_word(words: list[re.Match], j: int, ph: _Phrase) -> bool:
    """diseases.numbered: "grade 2 glioma", "type 2 diabetes": a number after grade or stage
    is a qualifier, after type part of the name."""
    prev = words[j]
    if not (
        re.fullmatch(r"\d+", prev.group(0))
        and j > 0
        and words[j - 1].group(0).lower() in {"grade", "stage", "type"}
    ):
        return False
    # "grade 2 glioma", "type 2 diabetes": part of the alias, kept for type.
    if words[j - 1].group(0).lower() == "type" and not ph.quals:
        ph.core[0:0] = [words[j - 1], prev]
    else:
        ph.quals[0:0] = [words[j - 1], prev]
    return True


def _coordinated_sites(text: str, words: list[re.Match], j: int, ph: _Phrase) -> bool:
    """diseases.coordinated_sites: "head and neck cancer", "gastric or gastroesophageal
    junction adenocarcinoma": two sites share one head, so the name is the whole coordination."""
    prev = words[j]
    low = prev.group(0).lower()
    head = ph.core[-1].group(0).lower()
    if not (
        low in {"and", "or"}
        # "lung or ovarian cancers": a plural head names one disease per site.
        and not (head.endswith("s") and _is_head(head[:-1]))
        and not ph.quals
        and (
            low == "or"
            or f"{words[j - 1].group(0).lower()} and {ph.core[0].group(0).lower()}" in _COORD_NAMES
        )
        and j > 0
        and ph.core[0].group(0).lower() in _COORD_SITES
        and words[j - 1].group(0).lower() in _COORD_SITES
        and text[words[j - 1].end() : prev.start()] == " "
    ):
        return False
    if f"{words[j - 1].group(0).lower()} and {ph.core[0].group(0).lower()}" not in (_COORD_NAMES):
        ph.conj = prev
    ph.core[0:0] = [words[j - 1], prev]
    return True


def _ends_name(text: str, prev: re.Match, ph: _Phrase, w: str, reused: dict[str, bool]) -> bool:
    """A word that starts no disease name: a stop word, a capitals word, an adverb, a number
    or amount, an owner's possessive, a capitalised word inside a lower-case phrase."""
    pw = prev.group(0)
    low = pw.lower()
    head_low = w.lower()
    core = ph.core
    # diseases.head_eponym: "Down syndrome" (a capitalised surname that is also a stop word).
    if len(core) == 1 and head_low in _EPONYM_HEADS and pw in _HEAD_EPONYMS:
        return False
    if (low in _NP_STOP and not _route_names_site(low, core)) or pw.isupper():
        return True
    if low in _NON_STARTERS or _RUN_TOGETHER.search(pw):
        return True  # diseases.non_starter, diseases.run_together
    if low in _PRODUCT_ADJECTIVES or _PRODUCT_SHAPE.fullmatch(low):
        return True  # diseases.product_adjective: "long-acting eczema drug"
    if low in _COPULAS:
        return True  # diseases.predicative_state: "became obese" (a verb starts no name)
    if _VERB_IZE.fullmatch(low):
        return True  # diseases.verb_start: "to describe and characterize extramedullary myeloma"
    if _ADVERB.fullmatch(low) and not _ADJECTIVE_END.search(core[0].group(0)):
        return True  # diseases.adverb_start: "mainly obesity" ("rapidly progressive ..." stays)
    if re.fullmatch(r"[\d.]+", pw) or _AMOUNT.fullmatch(pw):
        return True
    if low in _QUANTITY and len(core) > 1 and head_low in _QUANTITY_CANCER_HEADS:
        return True  # diseases.quantity_name: "multiple lung cancer trials"
    sentence_start = (
        re.search(r"(?:^|[.!?]\s+|\n\s*)$", text[max(0, prev.start() - 4) : prev.start()])
        is not None
    )
    # "IgA nephropathy", "T-cell lymphoma", "Hodgkin lymphoma": capitals inside a name.
    mixed_case = (
        re.fullmatch(r"[A-Z][a-z]*[A-Z][\w-]*|Ig[A-Z]\d?|[A-Z]{1,2}-cell", pw) is not None
        or pw in _EPONYMS
        or (head_low in _EPONYM_HEADS and _EPONYM_PAIR.fullmatch(pw) is not None)
        or (head_low in _EPONYM_HEADS and len(core) == 1 and pw in _HEAD_EPONYMS)
        or _pathogen_starts(pw, core)
        or _species_binomial(pw, core)
        # diseases.eponym_plural_possessive: "Graves' disease" (the apostrophe after the s).
        or (
            head_low in _EPONYM_HEADS
            and len(core) == 1
            and re.search(r"s['’]$", pw) is not None
            and pw[:-1] in _EPONYMS | _HEAD_EPONYMS
        )
    )
    if len(core) > 1 and re.search(r"['’]s?$", pw):
        # "Acme's once-monthly obesity": an owner, not an eponym ("Crohn's disease"):
        # the words after it stay only if the text uses them as a name elsewhere.
        after = " ".join(c.group(0).lower() for c in core)
        if after not in reused:
            reused[after] = text.count(after) >= 2
        if not reused[after]:
            ph.core = core[-1:]
        return True
    if _owner_possessive(text, pw, core, head_low):
        return True  # diseases.owner_possessive: "Acme's obesity drug" is Acme's, not a name
    if _verb_before_eponym(pw, core):
        return True
    return bool(
        pw[:1].isupper()
        and not (w[:1].isupper() or re.search(r"['’]s$", pw) or sentence_start or mixed_case)
    )


def _verb_before_eponym(pw: str, core: list[re.Match]) -> bool:
    """diseases.eponym_start: "intended to help Parkinson's disease", "explore Huntington's
    disease": a lower-case word that is no adjective before an eponym's possessive starts no
    name (qualifiers such as "early" were taken before this check)."""
    first = core[0].group(0)
    return (
        pw[:1].islower()
        and first[:1].isupper()
        and re.search(r"['’]s$", first) is not None
        and "-" not in pw  # "early-onset Alzheimer's disease"
        and _ADJECTIVE_END.search(pw.lower()) is None  # "advanced Parkinson's disease"
    )


def _owner_possessive(text: str, pw: str, core: list[re.Match], head_low: str) -> bool:
    """diseases.owner_possessive: a possessive before a one-word name is its owner's ("Acme's
    obesity drug"), not an eponym; so is a lower-case one ("the latter's obesity drug",
    diseases.common_possessive), and one before a suffix head that modifies a product
    ("Acme's hepatitis B vaccine", diseases.owner_product)."""
    if len(core) != 1 or not re.search(r"['’]s?$", pw):
        return False
    bare = re.sub(r"['’]s?$", "", pw)
    if pw[:1].islower():
        return bare.lower() not in _LOWER_EPONYMS
    if not pw[:1].isupper() or bare in _EPONYMS or head_low in _EPONYM_HEADS:
        return False
    return not head_low.endswith(_SUFFIXES) or (
        bare not in _HEAD_EPONYMS and _PRODUCT_AFTER.match(text, core[-1].end()) is not None
    )


def _phrase_mention(
    text: str, words: list[re.Match], i: int, ph: _Phrase, type_tail: re.Match | None
) -> list[Mention]:
    """The mention(s) a grown phrase names: none for a class ("rare disease"), a title-case
    phrase never written in lower case, or a description; each item of a list of sites."""
    core, quals = ph.core, ph.quals
    core_words = [c.group(0) for c in core]
    if len(core_words) > 6:
        core_words = core_words[-6:]
        core = core[-6:]
    head = core_words[-1].lower()
    mods = [c.lower() for c in core_words[:-1]]
    named_infections = (
        head == "infections"
        and bool(mods)
        and (mods[-1] in _INFECTION_NAMERS or " ".join(mods[-2:]) in _INFECTION_NAMERS)
        # "Staphylococcus aureus bloodstream infections": a species' infection is named by it
        and not _GENUS_BEFORE.search(text, max(0, core[0].start() - 30), core[0].start())
    )
    if (head in _PLURAL_CLASSES and not named_infections) or head.startswith(_NORMAL_STATE):
        return []  # "kidney diseases", "rare disorders": a class; "normoglycemia" (above)
    if _head_needs_word(head, mods) or _quantity_plural(text, words, ph, head):
        return []
    if _bare_symptom(head, mods) or _predicative(text, words, ph, head):
        return []
    if head in _CLASS_HEADS or head in {"cancer", "cancers", "tumour"}:
        if not mods or all(x in _GENERIC_CLASS or x in _ORIGIN for x in mods):
            return []  # "cancer", "rare disease", "measurable disease": a class
    bare = all(x in _GENERIC_CLASS or x in _VIRUS_WORDS for x in mods)
    if mods and bare and head in _CLASS_HEADS:
        return []  # also diseases.bare_virus: "virus infection", "viral disease"
    while quals and quals[0].group(0).lower() in {"or", "and", "to"}:
        quals = quals[1:]
    grown = len(core)
    if head in _CLASS_HEADS:
        while (
            len(core) > 1
            and core[0].group(0).lower() in _GENERIC_CLASS
            and core[1].group(0).lower() not in _BOUND_NOUNS
        ):
            core = core[1:]
    named = _after_class_noun(core, described=len(core) < grown or bool(quals))
    if named is not core:
        ph.class_span = ((quals or ph.core)[0].start(), core[len(core) - len(named) - 1].end())
        core, quals = named, []
    if _title_case_only(text, words, i, core):
        return []
    start = core[0].start()
    end, name = _phrase_name(text, core, type_tail)
    forms: tuple[str, ...] = ()
    if quals:
        forms = (text[quals[0].start() : end],)
    if ph.inner_abbr and f"({ph.inner_abbr.split()[0]})" in name:
        forms = (*forms, ph.inner_abbr)
    if (
        head in _CLASS_HEADS or (head in _DESCRIBED_CANCER_HEADS and _generic_first(mods, quals))
    ) and _DESCRIBED_AS.search(text, max(0, start - 60), start):
        return []  # diseases.described_as: a description of the disease just named
    listed = _LIST_ITEM_BEFORE.search(text, max(0, start - 40), start)
    conj = ph.conj
    if conj is not None and conj in core and listed and listed.group(1).lower() in _COORD_SITES:
        return _list_items(text, core, core.index(conj))
    return [Mention("Disease", start, end, text[start:end], name, forms)]


def _head_needs_word(head: str, mods: list[str]) -> bool:
    """diseases.organ_failure, diseases.rejection_named: "failure" and "rejection" name a
    condition only right after an organ ("heart failure") or a transplant or immune word
    ("antibody-mediated rejection"); "clinical failure", "the agency's rejection" are none."""
    if head in {"failure", "failures"}:
        return not mods or mods[-1] not in _FAILURE_ORGANS
    if head in {"rejection", "rejections"}:
        return not mods or mods[-1] not in _REJECTION_WORDS
    return False


def _bare_symptom(head: str, mods: list[str]) -> bool:
    """diseases.symptom_head: "tremor", "a cough", "severe seizures" are symptoms; a naming
    word ("essential tremor", "chronic cough", "focal seizures") makes them a disease."""
    if head not in _SYMPTOM_HEADS:
        return False
    return all(x in _GENERIC_CLASS and x != "chronic" for x in mods)


def _predicative(text: str, words: list[re.Match], ph: _Phrase, head: str) -> bool:
    """diseases.predicative_state: "being overweight", "who are overweight": a state of people."""
    if head not in _PREDICATIVE_HEADS or len(ph.core) != 1:
        return False
    return _after_copula(text, (ph.quals or ph.core)[0].start())


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")


def _after_copula(text: str, start: int) -> bool:
    """The word before `start` is a copula ("are", "being", "became")."""
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return before is not None and before.group(1).lower() in _COPULAS


def _after_class_noun(core: list[re.Match], described: bool) -> list[re.Match]:
    """diseases.class_apposition: the words after a class noun inside the phrase, when the
    class is described ("rare genetic disorder", "blood cancer") or the name after it is a
    proper one ("disorder Gaucher disease"); "illness anxiety disorder", "tumor lysis
    syndrome" (a class head after a cancer noun) stay whole."""
    for k in range(len(core) - 2, -1, -1):
        low = core[k].group(0).lower()
        if low not in _APPOSITION_NOUNS:
            continue
        rest = core[k + 1 :]
        rest_head = rest[-1].group(0).lower()
        if low in _CANCER_NOUNS and (rest_head in _CLASS_HEADS or rest_head in _CANCER_NOUNS):
            return core
        if k > 0 or described or rest[0].group(0)[:1].isupper():
            return rest
        return core
    return core


def _quantity_plural(text: str, words: list[re.Match], ph: _Phrase, head: str) -> bool:
    """diseases.quantity_plural: "multiple blood cancers", "several lymphomas": a class."""
    if not head.endswith("s") or disease_key(head) == re.sub(r"[^a-z0-9]", "", head):
        return False  # not a plural ("sclerosis", "diabetes")
    first = (ph.quals or ph.core)[0]
    if first.group(0).lower() in _QUANTITY:
        return True
    k = next((n for n, w in enumerate(words) if w.start() == first.start()), 0)
    if k == 0 or text[words[k - 1].end() : first.start()] != " ":
        return False
    return words[k - 1].group(0).lower() in _QUANTITY


_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


def _title_case_only(text: str, words: list[re.Match], i: int, core: list[re.Match]) -> bool:
    """Title-case phrases ("Bladder Cancer") count only when written in lower case elsewhere
    and not inside a longer title-case run."""
    if not core[-1].group(0)[:1].isupper():
        return False
    m = words[i]
    lowered = " ".join(c.group(0).lower() for c in core)
    if (
        i + 1 < len(words)
        and words[i + 1].group(0)[:1].isupper()
        and text[m.end() : words[i + 1].start()] == " "
    ):
        return True
    if (
        len(core) == 1
        and lowered in _HEADS_LOWER
        and _SENTENCE_START.search(text, max(0, m.start() - 4), m.start())
    ):
        return False  # diseases.sentence_start_head: "Chikungunya is spreading."
    return lowered not in text


def _phrase_name(text: str, core: list[re.Match], type_tail: re.Match | None) -> tuple[int, str]:
    """Where the name ends and how it is written: lower case, its own hyphens and dashes,
    a type number after it."""
    end = core[-1].end()
    name = _lower_name([c.group(0) for c in core])
    gaps = [text[a.end() : b.start()] for a, b in zip(core, core[1:], strict=False)]
    if any(g != " " for g in gaps):  # keep "non–muscle-invasive", "light-chain (AL) ..."
        name = "".join(w + g for w, g in zip(name.split(" "), [*gaps, ""], strict=True))
    if type_tail is not None:
        end = type_tail.end()
        name = f"{name} type {type_tail.group(1)}"
    return end, name


#: diseases.coordinated_list: "ovarian, primary peritoneal or fallopian tube cancer": in a list
#: of three or more sites the head is shared, each site names a disease (two sites joined by
#: "or" alone stay one name: "gastric or gastroesophageal junction adenocarcinoma").
_LIST_ITEM_BEFORE = re.compile(r"\b([A-Za-z][\w-]*),\s$")


def _list_items(text: str, core: list[re.Match], k: int) -> list[Mention]:
    """The last item with the head, and the item before the conjunction named with the head
    (only when it has two words or more: a single site word alone is too common a word to be
    searched for as a disease elsewhere in the text)."""
    head = core[-1].group(0)
    last = core[k + 1 :]
    out = [
        Mention(
            "Disease",
            last[0].start(),
            last[-1].end(),
            text[last[0].start() : last[-1].end()],
            _lower_name([c.group(0) for c in last]),
        )
    ]
    first = core[:k]
    if len(first) >= 2:
        s, e = first[0].start(), first[-1].end()
        name = _lower_name([*(c.group(0) for c in first), head])
        out.append(Mention("Disease", s, e, text[s:e], name))
    return out


_ORG_WORDS = re.compile(
    r"\b(?:Committee|Society|Association|Congress|Conference|Meeting|Foundation|Academy|Journal|"
    r"Institute|Center|Centre|Council|Network|Group|Alliance|Federation|College|Board|"
    # diseases.meeting_name: "Clinical Trials on Alzheimer's Disease (CTAD)": a meeting.
    r"Trials on|Symposium|Summit|Forum|Workshop)\b"
)


def _abbreviation_mentions(doc: Doc) -> list[Mention]:
    out = []
    expanded = _disease_shorts(doc)
    for a in doc.abbreviations:
        if _ORG_WORDS.search(a.long):
            continue
        last = a.long.split()[-1]
        if last in expanded:
            out.extend(_abbreviation_headed(doc, a, expanded[last]))
            continue
        generic = last.lower() in _CLASS_HEADS | {"cancer", "cancers", "tumour"}
        if (_is_head(last) or generic) and (not generic or len(a.long.split()) > 1):
            words = a.long.split()
            start = a.long_start
            # "metastatic castration-resistant prostate cancer (mCRPC)": qualifiers stay aliases.
            while len(words) > 1 and (
                words[0].lower() in _QUAL or re.fullmatch(r"[a-z]+/[a-z]+", words[0])
            ):
                start += len(words[0]) + 1
                words = words[1:]
            if start != a.long_start and (len(words) < 2 and last.lower() in _CLASS_HEADS):
                continue
            name = _lower_name(words)
            forms = (a.short,) if start == a.long_start else (a.short, a.long)
            out.append(
                Mention("Disease", start, a.long_end, doc.text[start : a.long_end], name, forms)
            )
    return out


def _disease_shorts(doc: Doc) -> dict[str, str]:
    """The text's disease abbreviations and their long forms ("MS" -> "multiple sclerosis")."""
    out = {}
    for a in doc.abbreviations:
        words = a.long.split()
        if len(words) > 1 and _is_head(words[-1]) and not _ORG_WORDS.search(a.long):
            out.setdefault(a.short, a.long)
    return out


#: diseases.abbreviation_modifier: "MASH cirrhosis", "MASH-related cirrhosis" (the disease
#: abbreviation the text defines, before another disease name) are one disease, named "MASH
#: cirrhosis"; "X-related Y", "X-associated Y" spell "X Y".
_ABBR_JOINED = re.compile(r"([A-Z][A-Za-z0-9]{1,7})-(?:related|associated|induced|driven|linked) ")
_ABBR_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]{1,7}) $")


def _abbreviation_modified(doc: Doc, phrases: list[Mention]) -> list[Mention]:
    """The phrases with a disease abbreviation before the name joined to it (see above)."""
    shorts = _disease_shorts(doc)
    if not shorts:
        return phrases
    out = []
    text = doc.text
    for m in phrases:
        joined = _ABBR_JOINED.match(m.text)
        if joined and joined.group(1) in shorts:
            name = m.name.replace(joined.group(0), f"{joined.group(1)} ", 1)
            m = Mention("Disease", m.start, m.end, m.text, name, m.forms, m.props)
        before = _ABBR_BEFORE.search(text, max(0, m.start - 9), m.start)
        if before and before.group(1) in shorts and shorts[before.group(1)] != m.name:
            s = before.start(1)
            name = f"{before.group(1)} {m.name}"
            m = Mention("Disease", s, m.end, text[s : m.end], name, m.forms, m.props)
        out.append(m)
    return out


#: The words before a disease abbreviation inside a longer long form: lower case or hyphened.
_COURSE_WORDS = re.compile(r"[a-z][a-z-]*(?: [a-z][a-z-]*){0,3}")


def _abbreviation_headed(doc: Doc, a: Abbreviation, long: str) -> list[Mention]:
    """diseases.abbreviation_head: "primary progressive MS (PPMS)", "relapsing-remitting MS
    (RRMS)": a long form that ends in the text's abbreviation of a disease names a form of
    that disease; the abbreviation is spelled out in the name ("primary progressive multiple
    sclerosis"), what the text wrote and the new abbreviation are its aliases. The words
    before it must be plain lower-case words that are no qualifier ("advanced MS" is MS)."""
    words = a.long.split()[:-1]
    before = " ".join(words)
    if not _COURSE_WORDS.fullmatch(before) or any(
        w in _QUAL or w in _NP_STOP or w in _NON_STARTERS for w in words
    ):
        return []
    name = f"{before} {_lower_name(long.split())}"
    text = doc.text[a.long_start : a.long_end]
    return [Mention("Disease", a.long_start, a.long_end, text, name, (a.short, a.long))]


#: diseases.abbreviation_in_name: "RA Capital Management", "ALS Association": an upper-case
#: disease abbreviation that starts an organisation's name is no mention of the disease.
_NAME_TAILS = set(_V["disease_abbreviation_name_tails"]) | set(_V["company_words"])
_NEXT_WORD = re.compile(r" ([A-Z][\w-]*)")
#: A receptor's ligand symbol ("GLP-1", "GLP1", "5-HT2A") before "RA" (receptor agonist).
_SYMBOL_BEFORE_RA = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9-]*\d[A-Za-z]?[- ]?$")


def _receptor_agonist_short_form(text: str, start: int) -> bool:
    """ "GLP-1 RA": "RA" right after a ligand symbol is a receptor agonist, not a disease."""
    return _SYMBOL_BEFORE_RA.search(text, max(0, start - 12), start) is not None


def _lexicon_mentions(doc: Doc) -> list[Mention]:
    """diseases.lexicon: the curated names (lexicon.json) wherever the text writes them."""
    out = []
    written_lower: dict[str, bool] = {}  # "is it also written in lower case?", once per form
    for hit in lexicon().find(doc.text):
        if hit.entry.type != "Disease":
            continue
        if hit.text.isupper() and len(hit.text) <= 5:
            nxt = _NEXT_WORD.match(doc.text, hit.end)
            if nxt and nxt.group(1) in _NAME_TAILS:
                continue
        if hit.text == "RA" and _receptor_agonist_short_form(doc.text, hit.start):
            continue  # diseases.receptor_agonist_short_form: "the GLP-1 RA, semaglutide"
        if hit.text.lower() in _PREDICATIVE_HEADS and _after_copula(doc.text, hit.start):
            continue  # diseases.predicative_state: "80% are overweight or obese"
        title_case = all(w[:1].isupper() for w in hit.text.split())
        if title_case and hit.text[1:2].islower():
            low = hit.text.lower()
            if low not in written_lower:
                written_lower[low] = low in doc.text
            if not written_lower[low]:
                continue  # "Allergy Asthma & Immunology": part of a proper name
        e = hit.entry
        gene = _GENE_RELATED_BEFORE.search(doc.text, max(0, hit.start - 22), hit.start)
        if gene is not None and gene.group(1) not in _disease_shorts(doc):
            # diseases.gene_related_form: "OTOF-related hearing loss", "IgE-mediated food
            # allergy": the form a gene or a molecule drives is a disease of its own (the
            # parent's xrefs name the parent).
            s = gene.start()
            name = f"{doc.text[s : hit.start]}{e.name}"
            out.append(Mention("Disease", s, hit.end, doc.text[s : hit.end], name))
            continue
        out.append(
            Mention(
                "Disease",
                hit.start,
                hit.end,
                hit.text,
                e.name,
                (),
                {"xrefs": list(e.xrefs)} if e.xrefs else {},
            )
        )
    return out


_GENE_RELATED_BEFORE = re.compile(
    r"(?<![\w-])((?!(?i:treatment|drug|therapy|dose)-)[A-Za-z][A-Za-z0-9]{1,11})"
    r"-(?:related|associated|mediated|driven|linked|induced) $"
)


#: "granulomatosis with polyangiitis", "rhinosinusitis with nasal polyps": one disease name.
_WITH_TAIL = re.compile(
    r" with ((?:[a-z][a-z-]+ )?(?:[a-z-]+(?:%s)|polyps|polyposis))(?![\w-])" % "|".join(_SUFFIXES)
)
#: "hemophilia A", "hepatitis B", "influenza A": a subtype letter after the head.
_SUBTYPE_LETTER = re.compile(r" ([A-E])(?![\w-])")
#: "IgA nephropathy (also called Berger's disease)", "IgA nephropathy (IgAN), also called
#: Berger's disease": two names of one disease.
_ALSO_CALLED = re.compile(
    r"(?:\s*\([^()\s]{2,12}\))?\s*(?:\(|,)\s*(?:also (?:called|known as|termed|referred to as)|"
    r"formerly(?: called| known as)?|previously (?:called|known as)|aka|a\.k\.a\.)\s+$"
)


#: diseases.type_after_name: "spinal muscular atrophy (SMA) type 1", "SMA type 2",
#: "Niemann-Pick disease type C": a type number or letter after a known name, its
#: abbreviation or both names a subtype of its own.
_TYPE_AFTER_NAME = re.compile(
    r"(?:\s*\(([^()\s]{2,8})\))? type (\d[a-z]?|I{1,3}|IV|V|[A-E])(?![\w-])"
)


def _with_type(m: Mention, text: str) -> Mention:
    t = _TYPE_AFTER_NAME.match(text, m.end)
    if t is None or re.search(r"\btype\b", m.name):
        return m
    number = t.group(2)
    surface = text[m.start : t.end()]
    forms = [surface]
    if t.group(1):
        forms.append(f"{t.group(1)} type {number}")
    elif m.text != m.name:
        forms.append(f"{m.text} type {number}")  # "SMA type 2": the abbreviation's subtype
    props = {k: v for k, v in m.props.items() if k != "xrefs"}  # the xrefs name the parent
    return Mention(
        "Disease", m.start, t.end(), surface, f"{m.name} type {number}", tuple(forms), props
    )


def _extend(m: Mention, end: int, text: str) -> Mention:
    surface = text[m.start : end]
    tail = text[m.end : end]
    return Mention("Disease", m.start, end, surface, m.name + tail, m.forms, m.props)


def _compound_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Join "X with Y" names and subtype letters; tie "X (also called Y)" together."""
    text = doc.text
    out = []
    for m in mentions:
        m = _with_type(m, text)
        w = _WITH_TAIL.match(text, m.end)
        if w and m.name.split()[-1].lower() == text[m.start : m.end].split()[-1].lower():
            m = _extend(m, w.end(), text)
            m.forms = tuple(f + text[m.end - len(w.group(0)) : m.end] for f in m.forms)
        else:
            letter = _SUBTYPE_LETTER.match(text, m.end)
            if letter and text[m.end - 1 : m.end].islower():
                m = _extend(m, letter.end(), text)
                m.forms = ()
        out.append(m)
    # Fragments inside a joined name are not diseases of their own.
    spans = Spans((m.start, m.end) for m in out)
    out = [
        m
        for m in out
        if not any((s, e) != (m.start, m.end) for s, e in spans.containing(m.start, m.end))
        or not any(_WITH_TAIL.search(text, s, e) for s, e in spans.containing(m.start, m.end))
    ]
    ordered = sorted(out, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start >= a.end and _ALSO_CALLED.fullmatch(text, a.end, b.start):
            b.forms = (*b.forms, b.text)
            b.name = a.name
    return out


#: diseases.qualified_abbreviation: "wet AMD", "dry AMD": a disease's abbreviation the text
#: never defines, after a lower-case word that names its form, is a disease name as written
#: (the form words are those that only qualify diseases; a capitals word alone is too
#: ambiguous to be read as a disease).
_ABBR_QUALIFIED = re.compile(
    r"(?<![\w-])(?:%s) [A-Z]{2,6}(?![\w-])"
    % "|".join(sorted(map(re.escape, _V["disease_abbreviation_qualifiers"]), key=len, reverse=True))
)


def _qualified_abbreviations(doc: Doc) -> list[Mention]:
    """The mentions, each named as written or, when the text defines an abbreviation that
    ends in the same capitals ("neovascular ... (nAMD)" for "wet AMD"), by its long form."""
    defined = {a.short.lower() for a in doc.abbreviations}
    out = []
    for m in _ABBR_QUALIFIED.finditer(doc.text):
        if m.group(0).lower() in defined:
            continue
        letters = m.group(0).split()[-1]
        longer = [
            a.long
            for a in doc.abbreviations
            if a.short.endswith(letters) and 0 < len(a.short) - len(letters) <= 2
        ]
        name = _lower_name(longer[0].split()) if len(longer) == 1 else m.group(0)
        out.append(Mention("Disease", m.start(), m.end(), m.group(0), name))
    return out


#: diseases.course_abbreviation: "relapsing MS", "secondary progressive MS": a word of a
#: disease's course (how it relapses or progresses: `disease_course_words`) before the text's
#: own abbreviation of that disease names a subtype, spelled out with the long form.
_COURSES = sorted(_V["disease_course_words"], key=len, reverse=True)
_COURSE_SET = set(_COURSES)
_COURSE_ABBR = re.compile(
    r"(?<![\w-])(%s) ([A-Z][A-Za-z]{1,5})(?![\w-])" % "|".join(map(re.escape, _COURSES))
)
_COURSE_CUE = Cue(["relapsing", "progressive"], ignore_case=True, pattern=_COURSE_ABBR)


def _qualified_short_forms(doc: Doc, cue: Cue, pattern: re.Pattern) -> list[Mention]:
    """The mentions "<qualifier> <ABBR>" (groups 1 and 2 of `pattern`) of a disease
    abbreviation the text defines, named with the long form spelled out ("relapsing MS" is
    relapsing multiple sclerosis); not when the long form already starts with the qualifier."""
    if not doc.has(cue):
        return []
    shorts = _disease_shorts(doc)
    out = []
    for m in pattern.finditer(doc.text):
        long, qualifier = shorts.get(m.group(2)), m.group(1)
        if long is None or long.lower().startswith(qualifier.split()[0].lower()):
            continue
        name = f"{qualifier[:1].lower()}{qualifier[1:]} {_lower_name(long.split())}"
        out.append(Mention("Disease", m.start(), m.end(), m.group(0), name))
    return out


#: diseases.type_abbreviation: "patients with type 2 SMA": a type number before the text's
#: own abbreviation of a disease names that type, spelled out with the long form.
_TYPE_ABBR = re.compile(r"(?<![\w-])([Tt]ype (?:[1-4]|I{1,3}|IV)) ([A-Z][A-Za-z]{1,5})(?![\w-])")
_TYPE_ABBR_CUE = Cue(["type", "Type"], pattern=_TYPE_ABBR, lead=0)


#: diseases.coordinated_course: "primary and secondary progressive MS", "relapsing and
#: progressive forms": two courses share the name after them; the first word names a disease
#: of its own ("primary progressive multiple sclerosis"), found only there.
_COURSE_BEFORE = re.compile(r"(?<![\w-])([a-z][a-z-]*),? (?:and|or|and/or) $")


def _coordinated_courses(text: str, found: list[Mention]) -> list[Mention]:
    """The first course of "A and B <name>" for each mention that starts with a course B."""
    out = []
    for m in found:
        low = m.name.lower()
        course = next((c for c in _COURSES if low.startswith(c + " ")), None)
        before = _COURSE_BEFORE.search(text, max(0, m.start - 30), m.start) if course else None
        if course is None or before is None:
            continue
        word, rest = before.group(1), low[len(course) :]
        shared = f"{word} {course.split()[-1]}"
        if " " in course and shared in _COURSE_SET:
            name = shared + rest
        elif word in _COURSE_SET:
            name = word + rest
        else:
            continue
        s, e = before.start(1), before.end(1)
        out.append(Mention("Disease", s, e, text[s:e], name, (), {"_item_only": True}))
    return out


#: diseases.eponym_alone: "neurodegenerative diseases like Alzheimer's", "people with
#: Parkinson’s": news drops the head of an eponymous disease everybody knows; the possessive
#: alone names it (`disease_possessive_names`), unless a capitalised word follows and makes
#: it part of a proper name ("Alzheimer's Association", "Parkinson's UK").
_POSSESSIVE_NAMES = {n.split("'")[0]: n for n in _V["disease_possessive_names"]}
_POSSESSIVE_ALONE = re.compile(
    r"(?<![\w-])(%s)['’]s?(?![\w'’-])(?! +(?:[A-Z]|(?:%s)\b))"
    % ("|".join(map(re.escape, _POSSESSIVE_NAMES)), "|".join(sorted(_HEADS, key=len)[::-1]))
)
_POSSESSIVE_CUE = Cue(list(_POSSESSIVE_NAMES), pattern=_POSSESSIVE_ALONE)


def _possessive_alone(doc: Doc) -> list[Mention]:
    if not doc.has(_POSSESSIVE_CUE):
        return []
    out = []
    for m in _POSSESSIVE_ALONE.finditer(doc.text):
        name = _POSSESSIVE_NAMES[m.group(1)]
        out.append(Mention("Disease", m.start(), m.end(), m.group(0), name))
    return out


#: diseases.gene_subtype: "FUS-ALS", "SOD1-ALS": a gene symbol joined to a disease's short
#: form (`disease_gene_subtype_abbreviations`) names that disease's genetic subtype.
_GENE_SUBTYPE_CUE = Cue(_V["disease_gene_subtype_abbreviations"], pattern=GENE_SUBTYPE)


def _gene_subtypes(doc: Doc) -> list[Mention]:
    if not doc.has(_GENE_SUBTYPE_CUE):
        return []
    return [
        Mention("Disease", m.start(), m.end(), m.group(0), m.group(0))
        for m in GENE_SUBTYPE.finditer(doc.text)
        if target_lookup(m.group(0).split("-")[0])  # a gene, not a trial ("SEQUOIA-HCM")
    ]


def find_diseases(doc: Doc) -> list[Mention]:
    """Disease mentions (before merging).

    A phrase that only adds words in front of an abbreviation's long form
    ("Understanding Neuromyelitis ... Disorder (NMOSD)") yields to the long form.
    """
    defined = _abbreviation_mentions(doc)
    latest_start: dict[int, int] = {}  # per end, the latest start of a long form ending there
    for d in defined:
        latest_start[d.end] = max(latest_start.get(d.end, d.start), d.start)
    phrases = [p for p in _phrase_mentions(doc) if not latest_start.get(p.end, p.start) > p.start]
    phrases = _abbreviation_modified(doc, phrases)
    found = _compound_names(doc, _lexicon_mentions(doc) + defined + phrases)
    found = [_with_status_prefix(doc.text, m) for m in found] + _organ_list_items(doc)
    found += _organ_pair_names(doc) + _qualified_abbreviations(doc)
    found += _qualified_short_forms(doc, _COURSE_CUE, _COURSE_ABBR)  # "relapsing MS"
    found += _qualified_short_forms(doc, _TYPE_ABBR_CUE, _TYPE_ABBR)  # "type 2 SMA"
    found += _coordinated_courses(doc.text, found) + _possessive_alone(doc)
    found += _undefined_initialisms(doc, found)
    found += _coordinated_letters(doc.text, found)
    subtypes = _gene_subtypes(doc)
    if subtypes:  # "FUS-ALS" names the subtype, its "ALS" no mention of its own
        inside = Spans((m.start, m.end) for m in subtypes)
        found = [m for m in found if not inside.overlapping(m.start, m.end)] + subtypes
    _one_disease_two_names(found)
    if not doc.has(_AREA_CUE):
        return found
    areas = [a.span() for a in _AREA_LIST.finditer(doc.text)]
    return [m for m in found if not any(s < m.start and m.end <= e for s, e in areas)]


#: diseases.lay_synonym: "heart disease" beside "cardiovascular disease", "eczema" beside
#: "atopic dermatitis", "NASH" renamed "MASH": news writes the lay (or former) name and the
#: clinical one for one disease; the lay name is an alias when the text names both.
#: diseases.pathogen_infection: "SARS-CoV-2 infection" beside "COVID-19", "HBV infection"
#: beside "hepatitis B": the infection with a pathogen and the disease named after it are one
#: disease when the text names both (`disease_pathogen_infections`, read like lay synonyms).
_LAY_SYNONYMS = [
    tuple(x.strip() for x in pair.split(" = "))
    for pair in (*_V["disease_lay_synonyms"], *_V["disease_pathogen_infections"])
]
#: diseases.species_infection: "Neisseria gonorrhoeae infection" beside "gonorrhea",
#: "Mycobacterium tuberculosis infection" beside "tuberculosis", "Chlamydia trachomatis
#: infection" beside "chlamydia": the infection with the species a disease is named after (or
#: its genus) is that disease; not a species named like a site of infection ("Klebsiella
#: pneumoniae" causes more than pneumonia; "Haemophilus influenzae" no influenza).
_SPECIES_NOT_NAMED = set(_V["disease_species_not_named"])


#: diseases.coordinated_letter: "hemophilia A or B", "hepatitis B and C": the second letter
#: names the same disease's other type.
_NEXT_LETTER = re.compile(r"(?:\s*,\s*|\s+(?:or|and|and/or)\s+)([A-E])(?![\w-])")


def _coordinated_letters(text: str, found: list[Mention]) -> list[Mention]:
    out = []
    for m in found:
        base, _, letter = m.name.rpartition(" ")
        if not base or len(letter) != 1 or not letter.isupper():
            continue
        pos = m.end
        while nxt := _NEXT_LETTER.match(text, pos):
            name = f"{base} {nxt.group(1)}"
            s, e = nxt.span(1)
            out.append(Mention("Disease", s, e, text[s:e], name, (), {"_item_only": True}))
            pos = e
    return out


def _undefined_initialisms(doc: Doc, found: list[Mention]) -> list[Mention]:
    """diseases.undefined_initialism: "approved for relapsed marginal zone lymphoma ... for
    treating r/r MZL": news uses the initials of a disease it has named (three letters or
    more) without defining them; each such capitals word is a mention of that disease,
    unless the text defines it as something else."""
    text = doc.text
    by_initials: dict[str, str] = {}
    for m in found:
        letters = initials(m.name)
        if len(letters) >= 3 and letters.isalpha():
            by_initials.setdefault(letters.upper(), m.name)
    if not by_initials:
        return []
    # "chronic-phase CML (CP-CML)": the text spells its own form of that disease; leave it.
    defined = [a.short for a in doc.abbreviations]
    out = []
    for short, name in by_initials.items():
        if text.find(short) < 0 or any(d.endswith(short) for d in defined):
            continue
        for hit in re.finditer(r"(?<![\w-])%s(?![\w-])" % short, text):
            out.append(Mention("Disease", hit.start(), hit.end(), short, name, (short,)))
    return out


def _one_disease_two_names(found: list[Mention]) -> None:
    """Give a disease's second name (lay synonym, causing species) the name the text uses
    for it, keeping what it said as a form (an alias)."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for m in found:
        k = disease_key(m.name)
        counts[k] = counts.get(k, 0) + 1
        names.setdefault(k, m.name)
    same = {disease_key(lay): names[disease_key(clinical)] for lay, clinical in _LAY_SYNONYMS
            if disease_key(clinical) in names}  # fmt: skip
    for m in found:
        target = same.get(disease_key(m.name)) or _named_after_species(m.name, names, counts)
        if target is not None and disease_key(target) != disease_key(m.name):
            m.forms = tuple(dict.fromkeys((*m.forms, m.name)))
            m.name = target
            m.props.pop("xrefs", None)


def _named_after_species(name: str, names: dict[str, str], counts: dict[str, int]) -> str | None:
    """The most-named disease of the text named after the species (or genus) of a
    "<Genus> <epithet> infection" name."""
    words = name.split()
    if not (
        len(words) == 3
        and words[2].lower() in _BINOMIAL_HEADS
        and _GENUS.fullmatch(words[0])
        and _EPITHET.fullmatch(words[1])
    ):
        return None
    genus, epithet = disease_key(words[0]), disease_key(words[1])
    hits = []
    for k, other in names.items():
        last = disease_key(other.split()[-1])
        if last in _SPECIES_NOT_NAMED or len(last) < 5:
            continue
        if last == genus or (epithet.startswith(last) and len(epithet) - len(last) <= 2):
            hits.append((counts[k], -len(other), other))
    return max(hits)[2] if hits else None


#: diseases.organ_pair: "gastric or gastroesophageal junction (G/GEJ) adenocarcinoma",
#: "gastric/gastroesophageal junction cancers", "adenocarcinoma of the stomach or
#: gastroesophageal junction": two organs joined by "or" or a slash (the second may be a
#: junction, an abbreviation may follow) before or after one head are one disease name.
_PAIR_ORGAN = r"[a-z][a-z-]+(?: junction)?"
_PAIR_HEAD = r"(?:adenocarcinomas?|carcinomas?|cancers?|tumou?rs?)"
_PAIR_ABBR = r"(?:\s+\([^()]{1,12}\))?"
_ORGAN_PAIR_RE = re.compile(
    r"(?<![\w-])(?:(%s)(?:\s+or\s+|/)(%s)%s\s+(%s)|(%s)\s+of\s+the\s+(%s)\s+or\s+(%s)%s)(?![\w-])"
    % (
        _PAIR_ORGAN,
        _PAIR_ORGAN,
        _PAIR_ABBR,
        _PAIR_HEAD,
        _PAIR_HEAD,
        _PAIR_ORGAN,
        _PAIR_ORGAN,
        _PAIR_ABBR,
    )
)
_INNER_ABBR = re.compile(r"\s+\(([^()]{1,12})\)\s+")
_ORGAN_PAIR_CUE = Cue(["junction"], pattern=_ORGAN_PAIR_RE)


def _singular_head(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def _organ_pair_names(doc: Doc) -> list[Mention]:
    if not doc.has(_ORGAN_PAIR_CUE):
        return []
    text = doc.text
    out = []
    for m in _ORGAN_PAIR_RE.finditer(text):
        if m.group(1):
            a, b, head = m.group(1), m.group(2), _singular_head(m.group(3))
            joint = text[m.end(1) : m.start(2)]
            name = f"{a}{'/' if joint == '/' else ' or '}{b} {head}"
        else:
            head, a, b = _singular_head(m.group(4)), m.group(5), m.group(6)
            name = f"{head} of the {a} or {b}"
        organs = [w for w in f"{a} {b}".split() if w != "junction"]
        if not all(o in _COORD_SITES or o == "stomach" for o in organs):
            continue
        end = m.end()
        surface = text[m.start() : end]
        # diseases.organ_pair_abbreviation: "gastric or gastroesophageal junction cancer
        # (G/GEJC)": the abbreviation after the pair names the pair (its long form found by
        # letters is only the pair's tail).
        forms = tuple(a.short for a in doc.abbreviations if a.long_end == end)
        # diseases.organ_pair_inner_abbreviation: "gastric or gastroesophageal junction
        # (G/GEJ) adenocarcinoma", later "advanced G/GEJ adenocarcinoma": the pair's
        # abbreviation before the head is the pair named short.
        inner = _INNER_ABBR.search(surface)
        if inner is not None:
            forms = (*forms, f"{inner.group(1)} {surface[inner.end() :]}")
        out.append(Mention("Disease", m.start(), end, surface, name, forms))
    return out


#: diseases.status_prefix: "HR-positive, HER2-negative breast cancer", "HR positive, HER2 low
#: or HER2 ultralow breast cancer": receptor statuses listed before a disease name are part of
#: it (the one next to the head was already; the others, and a status written with a space,
#: were cut off).
_MARKER = r"[A-Z][A-Z0-9]{0,5}(?:-[A-Z0-9]{1,3})?"
_STATUS = r"(?:positive|negative|low|ultralow|high)"
_QUAL_WORDS = r"(?:%s)" % "|".join(
    sorted((re.escape(q) for q in _QUAL - {"or", "and", "to"}), key=len, reverse=True)
)
#: What may start a mention that a status list was cut from: status words, "or", qualifiers.
_STATUS_LEAD = re.compile(r"(?:(?:%s|or|%s)\s+)*" % (_STATUS, _QUAL_WORDS))
_STATUS_CHAIN = re.compile(
    r"(?<![\w-])(?:%s[- ]%s(?:\s+or\s+%s)?(?:,\s*|\s+(?:or|and)\s+|/|\s+))+(?:%s\s+)*$"
    % (_MARKER, _STATUS, _STATUS, _QUAL_WORDS)
)
_STARTS_WITH_MARKER_STATUS = re.compile(r"%s[- ]%s\b" % (_MARKER, _STATUS))
_STATUS_WORD = re.compile(r"\b%s\b" % _STATUS)
_SPACED_STATUS = re.compile(r"(?<![\w-])%s %s\b" % (_MARKER, _STATUS))
_QUAL_IN_PREFIX = re.compile(r"\b%s\s+" % _QUAL_WORDS)


def _with_status_prefix(text: str, m: Mention) -> Mention:
    """Two statuses or more, or one written with a space ("HER2 positive"), before the name
    join it; qualifiers among them ("metastatic") stay out of the name."""
    if m.type != "Disease":
        return m
    lead = _STATUS_LEAD.match(m.text)
    p = m.start + (lead.end() if lead else 0)
    if p >= m.end:
        return m
    chain = _STATUS_CHAIN.search(text, max(0, p - 120), p)
    if chain is None or chain.start() >= m.start:
        return m
    prefix = chain.group(0)
    statuses = len(_STATUS_WORD.findall(prefix)) + bool(_STARTS_WITH_MARKER_STATUS.match(text, p))
    if statuses < 2 and not _SPACED_STATUS.search(prefix):
        return m  # "HER2-positive breast cancer": one status, already handled
    start = chain.start()
    name = _QUAL_IN_PREFIX.sub("", prefix) + text[p : m.end]
    surface = " ".join(text[start : m.end].split())
    forms = (surface,) if surface != name else ()
    return Mention("Disease", start, m.end, text[start : m.end], name, forms, m.props)


#: diseases.organ_list: "cancers such as breast, colorectal, lung, and gastric cancers",
#: "patients with breast, ovarian or prostate cancer", "breast and lung cancers": in a list of
#: organ words before one head, each single organ word names a disease of its own (the last
#: item and longer items are found by diseases.coordinated_list). The single word is searched
#: for nowhere else ("_item_only": "breast" alone is no disease). "head and neck cancer" and
#: "small cell and non-small cell ..." are one name, not a list.
_ORGAN = r"[a-z][a-z-]*"
_ORGAN_LIST_RE = re.compile(
    r"(?<![\w-])((?:%s,\s+){0,6}%s,?\s+)(?:and|or)\s+(?:(?!(?:and|or)\s)[\w-]+\s+){0,3}?"
    r"(cancers?|tumou?rs?|carcinomas?)\b" % (_ORGAN, _ORGAN)
)
_ORGAN_LIST_CUE = Cue([" and ", " or "], pattern=_ORGAN_LIST_RE)
_NEXT_WORD = re.compile(r"\s+([\w-]+)")
_SAMPLE_WORDS = frozenset({"sample", "samples", "specimen", "specimens", "biopsy", "biopsies"})
#: Organ words that are no list item on their own ("cell" of "small cell and ...").
_NOT_LIST_ORGANS = frozenset({"cell", "cells", "duct", "gland", "cord", "joint", "junction"})


def _organ_list_items(doc: Doc) -> list[Mention]:
    if not doc.has(_ORGAN_LIST_CUE):
        return []
    text = doc.text
    out = []
    for m in _ORGAN_LIST_RE.finditer(text):
        head = re.sub(r"s$", "", m.group(2))
        items = list(re.finditer(_ORGAN, text[m.start(1) : m.end(1)]))
        if not all(i.group(0) in _COORD_SITES for i in items):
            continue  # "patients, doctors, and ... cancers": not a list of organs
        if _NOT_LIST_ORGANS & {i.group(0) for i in items} or _joins_one_name(text, m, items[-1]):
            continue
        follower = _NEXT_WORD.match(text, m.end())
        if follower and follower.group(1).lower() in _BLOCK_AFTER | _SAMPLE_WORDS:
            continue  # "blood and tumour samples", "breast and lung cancer cells"
        for k, i in enumerate(items):
            s, e = m.start(1) + i.start(), m.start(1) + i.end()
            words = _words_before_item(text, s, e) if k == 0 else []
            if words:
                s = words[0].start()
                name = _lower_name([*(w.group(0) for w in words), head])
                out.append(Mention("Disease", s, e, text[s:e], name))
                continue
            out.append(
                Mention(
                    "Disease", s, e, text[s:e], f"{i.group(0)} {head}", (), {"_item_only": True}
                )
            )
    return out


def _words_before_item(text: str, s: int, e: int) -> list[re.Match]:
    """diseases.organ_list_first_item: "non-small cell lung and colorectal cancers": the
    words of a name before the first organ word belong to its item ("non-small cell lung
    cancer"); the words of the item when there are any, else none."""
    words = list(_WORD.finditer(text, max(0, s - 80), e))[1:]
    if not words or words[-1].start() != s:
        return []
    phrase = _grow_left(text, words, len(words) - 1, {})
    return phrase.core if len(phrase.core) > 1 else []


def _joins_one_name(text: str, m: re.Match, last: re.Match) -> bool:
    """True when the last item and the word after the conjunction are one coordinated name
    ("head and neck cancer", "bone and soft tissue sarcoma")."""
    after = text[m.end(1) : m.start(2)]
    phrase = "%s %s" % (last.group(0), " ".join(after.split()))
    return any(phrase.startswith(name) for name in _COORD_NAMES)


@functools.lru_cache(maxsize=1 << 16)
def disease_key(name: str) -> str:
    """Key that ignores grade/stage qualifiers and plurals: 'grade 2 gliomas' = 'glioma'.
    Cached: every stage asks it again for the same few names of a document."""
    s = re.sub(
        r"\b(?:grade|stage)\s+[0-9ivx]+[a-c]?(?:\s*[-–/]\s*[0-9ivx]+[a-c]?)?\b", " ", name.lower()
    )
    s = re.sub(r"['’]", "", s)
    words = re.findall(r"[a-z0-9]+", s)
    for rx, repl in _BRITISH:
        words = [rx.sub(repl, w) for w in words]
    if words:
        last = words[-1]
        for plural, single in _PLURAL_TAILS:
            if last.endswith(plural) and len(last) > len(plural) + 3:
                last = last[: -len(plural)] + single
                break
        else:
            if last.endswith("s") and not last.endswith(("ss", "is", "us", "es")) and len(last) > 4:
                last = last[:-1]
        for plural, single in (
            ("omas", "oma"),
            ("cancers", "cancer"),
            ("diseases", "disease"),
            ("disorders", "disorder"),
            ("syndromes", "syndrome"),
            ("infections", "infection"),
            ("tumours", "tumour"),
        ):
            if last.endswith(plural):
                last = last[: -len(plural)] + single
        words[-1] = last
    if len(words) > 1 and words[0] == "acute" and words[-1] in _ACUTE_EVENT_HEADS:
        words = words[1:]  # "acute ischaemic stroke" = "ischaemic stroke": acute is a qualifier
    return "".join(words)


#: Heads of conditions that are events: "acute" before them qualifies, it names no subtype.
_ACUTE_EVENT_HEADS = frozenset({"stroke", "infarction"})
