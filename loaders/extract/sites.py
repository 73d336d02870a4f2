"""Research sites: hospitals, universities, institutes, and how they nest.

A site name is a run of capitalised words that contains a head word
(Hospital, University, Institute, Clinic, Medical Center...), possibly with
an "of/for ..." tail ("Third Affiliated Hospital of X University",
"University of Colorado Anschutz Medical Campus"). Nesting comes from "X at
Y", "Y's X" and "X of Y" (X PART_OF Y).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.cues import Cue, finditer
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Mention
from loaders.extract.text import UPPER, Claimed, leftmost_matches, occurrences

_V = vocabulary()
_HEADS = set(_V["site_heads"])
#: Words that cannot name a hospital on their own: "First Affiliated Hospital of Y" is one name.
_GENERIC_OWN = set(_V["site_generic_own_words"])
#: A learned society or college of physicians, not a place where research is done.
#: sites.dated_society: "the 2010 American College of Rheumatology criteria": a year before the
#: society (its classification criteria or guideline of that year) does not make it a site.
_SOCIETY = re.compile(
    r"^(?:(?:19|20)\d\d\s+)?(?:the\s+)?"
    r"(?:American|European|International|National|World|British|Canadian|Asian|"
    r"Japanese|Chinese|German|French|Australian|Asia[- ]Pacific)\s+"
    r"(?:College|Academy(?! of (?:Medical )?Sciences?\b)|Society|Association|Federation|Board)"
    r"\s+of\b"
)
_NON_HEAD_BEFORE = set(_V["site_non_heads_before"])
_CONNECT = set(_V["site_connectors"])
_HEADS_BEFORE_ON = set(_V["site_heads_before_on"])
#: Words before a head that a short reference to the site leaves out ("Cancer Center").
_SHORT_MODIFIERS = set(_V["site_short_form_modifiers"])
_SHORT_BEFORE = re.compile(r"(?<![\w-])([A-Z]{2,8})\s*\($")
_ON_FIELD = re.compile(
    r" (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)[^\W\d_a-z]"
)
#: Heads written first in Spanish, French, Italian, German names ("Hospital Universitario 12
#: de Octubre", "Istituto Nazionale dei Tumori", "Klinikum rechts der Isar").
_OF_AND = {"of", "for", "and", "&"}
_HEAD_FIRST = set(_V["site_heads_first"])
_LEAD_STRIP = set(_V["site_lead_strip_words"])
#: A city, emirate or state that ends an institution's branch name ("Cleveland Clinic Abu Dhabi").
_TRAILING_PLACES = set(_V["site_trailing_places"])
_COUNTRIES = set(_V["trial_countries"])
#: sites.affiliation_marker: "2Kessel Cancer Institute", "¹Department of Oncology": the
#: affiliation number an author list glues to an institution's first word is no part of it.
_MARKER = "0-9¹²³⁴⁵⁶⁷⁸⁹⁰"
#: sites.footnote_after_period: "... Medical Center.2 The trial": a reference number glued after
#: the period ends the name; a period joins letters ("St.Luke"), "No.1" and decimals.
_WORD = r"(?:[\w&\-]|\.(?=[^\W\d_])|(?<=[Nn]o)\.(?=\d)|(?<=\d)\.(?=\d))*(?:['’]s?)?"
#: sites.middle_initial: "Ann & Robert H. Lurie Children's Hospital", "H. Lee Moffitt Cancer
#: Center": a person's initial inside an institution's name keeps its period and the name goes
#: on (a one-letter word never ends a sentence, `text.sentence_spans`); so does "St." of a
#: saint's name ("St. Ives Children's Hospital", "St. Luke's Medical Center").
_INITIAL = rf"(?<![\w.])(?:[{UPPER}]|St)\.(?=[ \u00a0][{UPPER}][a-z])"
_TOKEN = re.compile(
    rf"{_INITIAL}|[dlDL]['’](?=[{UPPER}])|[^\W_{_MARKER}]{_WORD}|(?![{_MARKER}]{{1,3}}[{UPPER}][a-z])"
    rf"[^\W_]{_WORD}|[’']|[^\s\w]|_"
)
#: "Charité – Universitätsmedizin Berlin": a spaced en/em dash before a head word joins one
#: institution's name.
_DASHES = {"–", "—"}


@dataclass
class SiteLink:
    child: Mention
    parent: Mention
    how: str  # "at", "possessive", "of", "inner" (a university in a hospital's name), "unit"


_ANY_HEAD = re.compile(r"\b(?:" + "|".join(sorted(_HEADS)) + r"|Academy)\b")
#: Every match starts with a head word: the pattern is tried only there (loaders/extract/cues.py).
#: sites.research_network: "Velocity Clinical Research", "Eastvale Clinical Research": a network
#: of clinical research sites named by a word of its own and a research tail (site_network_tails).
_NETWORK_TAILS = [t.split() for t in _V["site_network_tails"]]
_NETWORK_LAST = {t[-1] for t in _NETWORK_TAILS}
#: sites.trial_unit_window: a sentence naming only a trial unit ("the Eastvale Clinical Trials
#: Unit oversaw ...") has no other head word: the unit's words open the window too.
_UNIT_WORDS = [*_V["site_network_tails"], *_V["site_trial_unit_heads"]]
_SITE_WINDOW = re.compile(
    r"\b(?:"
    + "|".join(sorted(_HEADS))
    + r"|Academy|"
    + "|".join(re.escape(t) for t in _UNIT_WORDS)
    + r")\b"
)
_ANY_HEAD_CUE = Cue([*_HEADS, "Academy", *_UNIT_WORDS], pattern=_SITE_WINDOW, lead=0)


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (
        tok[:1].isdigit()
        and (tok.isdigit() or (len(tok) > 2 and tok[-2:] in {"st", "nd", "rd", "th"}))
    )


def _base(tok: str) -> str:
    if tok.endswith(("'s", "’s")):
        return tok[:-2]
    if tok.endswith(("'", "’")):
        return tok[:-1]
    return tok


_PARTICIPLE_TAIL = re.compile(r"-(?:" + "|".join(_V["hyphen_participles"]) + r")$")


def _chunks(text: str, start: int = 0, end: int | None = None) -> list[list[re.Match]]:
    """Runs of capitalised tokens joined by connectors, never across a line or punctuation."""
    chunks: list[list[re.Match]] = []
    cur: list[re.Match] = []
    prev_end = None
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        tok = m.group(0)
        gap = text[prev_end : m.start()] if prev_end is not None else ""
        if "\n" in gap:
            if cur:
                chunks.append(cur)
            cur = []
        spaced_dash = (
            tok in _DASHES
            and text[m.start() - 1 : m.start()] == " "
            and text[m.end() : m.end() + 1] == " "
            and _base(text[m.end() + 1 : m.end() + 400].split(" ", 1)[0].rstrip(",.;")) in _HEADS
        )
        # "National Institute on Aging": "on" joins a head and a capitalised field.
        on_field = (
            tok == "on"
            and cur
            and cur[-1].group(0) in _HEADS_BEFORE_ON
            and _ON_FIELD.match(text, m.end()) is not None
        )
        if _is_cap(tok) and _PARTICIPLE_TAIL.search(tok):
            # sites.participle_ends: "... Medical Center for the Company-sponsored trial": a
            # capitalised word with a participle after its hyphen describes what follows.
            if cur:
                chunks.append(cur)
            cur = []
        elif _is_cap(tok) or (cur and (tok in _CONNECT or spaced_dash or on_field)):
            cur.append(m)
        else:
            if cur:
                chunks.append(cur)
            cur = []
        prev_end = m.end()
    if cur:
        chunks.append(cur)
    # Connectors may not end a chunk.
    out = []
    for c in [part for chunk in chunks for part in _role_parts(chunk)]:
        while c and (c[-1].group(0) in _CONNECT or c[-1].group(0) in _DASHES):
            c = c[:-1]
        if c:
            out.append(c)
    return out


def _role_parts(chunk: list[re.Match]) -> list[list[re.Match]]:
    """sites.role_after_and: "University of Leicester and Director of the NIHR Leicester BRC":
    a role after "and" starts a new run (the person's second post), not a joint name."""
    for i, m in enumerate(chunk[:-1]):
        nxt = chunk[i + 1].group(0)
        if nxt in _ROLE_ADJECTIVE and i + 2 < len(chunk):
            nxt = chunk[i + 2].group(0)  # "and Medical Oncologist at ..."
        if m.group(0) in {"and", "&"} and _ROLE_TOKEN.fullmatch(nxt):
            return [chunk[:i], *_role_parts(chunk[i + 1 :])]
    return [chunk]


_NETWORK_BEFORE = {"Health", "Cancer", "Medical", "Hospital", "Care", "Clinical", "Oncology"}
_PERSON_TITLES = set(_V["person_titles"])
_DEGREES = "|".join(sorted((re.escape(d) for d in _V["person_degrees"]), key=len, reverse=True))
_DEGREE_AFTER = re.compile(rf",\s*(?:{_DEGREES})(?![\w.])")


def _person_after_and(chunk: list[re.Match], toks: list[str], i: int) -> bool:
    """ "University of Bath and Tom Ruiz, MD", "University of Oxford and Professor Raj Patel":
    what follows "and" is a person (a title first, or a short run with no head word that a
    degree follows), so the institution's name ends before "and"."""
    if i + 1 < len(toks) and toks[i + 1] in _PERSON_TITLES:
        return True
    if not 1 <= len(toks) - i - 1 <= 4 or any(_head_ok(toks, k) for k in range(i + 1, len(toks))):
        return False
    last = chunk[-1]
    return _DEGREE_AFTER.match(last.string, last.end()) is not None


def _network_tail(toks: list[str], i: int) -> bool:
    """sites.research_network: toks[i] ends a network tail ("Clinical Research") after a
    capitalised word of the name's own, and the run ends there ("Acme Clinical Research
    Organization" is no site)."""
    for tail in _NETWORK_TAILS:
        k = i + 1 - len(tail)
        if k < 1 or toks[k : i + 1] != tail or (i + 1 < len(toks) and toks[i + 1][:1].isupper()):
            continue
        own = _base(toks[k - 1])
        if own[:1].isupper() and own not in _GENERIC_OWN and own not in _HEADS:
            return True
    return False


#: sites.trial_unit: "Clinical Trial Unit Oncology Lakeport", "Eastvale Clinical Research
#: Facility": a trial or research unit named by a word of its own, before it or after it (a
#: field, a city); the bare generic unit ("the Clinical Research Facility") names no site.
_TRIAL_UNITS = [t.split() for t in _V["site_trial_unit_heads"]]
_TRIAL_UNIT_LAST = {t[-1] for t in _TRIAL_UNITS}


def _trial_unit(toks: list[str], i: int) -> bool:
    """toks[i] ends a trial unit's words (site_trial_unit_heads) with a word of its own."""
    for unit in _TRIAL_UNITS:
        k = i + 1 - len(unit)
        if k < 0 or toks[k : i + 1] != unit:
            continue
        before = _base(toks[k - 1]) if k > 0 else ""
        after = toks[i + 1] if i + 1 < len(toks) else ""
        own_before = before[:1].isupper() and before not in _GENERIC_OWN | _HEADS | _CONNECT
        return own_before or (after[:1].isupper() and after not in _CONNECT)
    return False


def _head_ok(toks: list[str], i: int) -> bool:
    b = _base(toks[i])
    if b in _TRIAL_UNIT_LAST and b not in _HEADS:
        return _trial_unit(toks, i)
    if b in _NETWORK_LAST and b not in _HEADS:
        return _network_tail(toks, i)
    if "-" in b and b.split("-")[-1] in _HEADS:  # "Assistance Publique-Hôpitaux de Paris"
        b = b.split("-")[-1]
    if b == "Academy":
        # "Chinese Academy of Medical Sciences" is a research institution; a society is not.
        return toks[i + 1 : i + 2] == ["of"] and any(
            t in {"Sciences", "Science", "Medicine"} for t in toks[i + 2 : i + 5]
        )
    if b not in _HEADS:
        return False
    if b == "School":
        return (i > 0 and toks[i - 1] == "Medical") or (i + 1 < len(toks) and toks[i + 1] == "of")
    if b == "City":  # "Sheikh Shakhbout Medical City", not "New York City"
        return i > 0 and toks[i - 1] == "Medical"
    if b == "Trust":  # "Leeds Teaching Hospitals NHS (Foundation) Trust", not a charity
        # sites.nhs_trust_own_name: "the first NHS Trust to ..." names no trust: a word of the
        # trust's own comes before "NHS".
        k = i - 1 if toks[i - 1 : i] == ["NHS"] else i - 2
        if k < 1 or toks[k:i] not in (["NHS"], ["NHS", "Foundation"]):
            return False
        own = toks[k - 1]
        return own[:1].isupper() and own not in {"The", "the"} | _CONNECT
    if b == "System":  # sites.health_system: "Eastvale Health System", not a nervous system
        return (
            i > 1
            and toks[i - 1] in {"Health", "Healthcare"}
            and toks[i - 2] not in {"National", "Public", "Federal", "State", "the", "The"}
        )
    if b == "Board":  # sites.health_board: "Cardiff and Vale University Health Board" (NHS)
        return i > 0 and toks[i - 1] == "Health"
    if b == "Network":  # "University Health Network", not a TV or sales network
        return i > 0 and _base(toks[i - 1]) in _NETWORK_BEFORE
    if b in {"Center", "Centre", "Campus"}:
        return i > 0 and _base(toks[i - 1]) not in _NON_HEAD_BEFORE and toks[i - 1] not in _CONNECT
    return True


def _both_sides_named(toks: list[str], start: int, i: int) -> bool:
    """ "University of X School of Medicine and Y Teaching Hospitals NHS Trust": a head with
    an of-tail before "and", and a head after it (before any other "and"), are two sites;
    "Institute of Science and Technology" has no head after "and" and stays one."""
    befores = [
        h for h in range(start, i) if _head_ok(toks, h) and toks[h + 1 : h + 2] in (["of"], ["for"])
    ]
    if not befores or i + 1 >= len(toks) or not toks[i + 1][:1].isupper():
        return False
    # "Ann & Robert H. Lurie ...": an "&" between given names is no coordination of sites.
    end = next(
        (
            k
            for k in range(i + 1, len(toks))
            if toks[k] == "and" or (toks[k] == "&" and _head_ok(toks, k - 1))
        ),
        len(toks),
    )
    heads = [k for k in range(i + 1, end) if _head_ok(toks, k)]
    # sites.and_named_unit: "National Hospital for Neurology and Neurosurgery and Clinical
    # Research Facility": after a field tail, "and" and a run that ends in a unit head (a
    # facility, unit, laboratory) name a second place, not a third field.
    if not heads and end == len(toks) and end - i > 2 and toks[-1] in _PREFIXED_UNIT_HEADS:
        return True
    # "Institute of Hematology and Blood Diseases Hospital of the Academy": one joint name
    # whose parts share the of-tail; sites.and_named_institution: "Eastvale University School
    # of Medicine and Rivertown Children's Hospital of Lakeport" names its first institution
    # before the head, so the second's of-tail is its own.
    h0 = befores[0]
    own_first = h0 > start and toks[h0 - 1] not in _CONNECT | {"the", "The", "at", "from"}
    return bool(heads) and (own_first or not any(toks[k + 1 : k + 2] == ["of"] for k in heads))


def _split(chunk: list[re.Match]) -> list[tuple[list[re.Match], str]]:
    """Split a chunk where one site ends and another begins.

    Returns parts with how the next part relates: "possessive" after "Y's", else "".
    """
    toks = [m.group(0) for m in chunk]
    parts: list[tuple[list[re.Match], str]] = []
    start = 0
    for i, tok in enumerate(toks):
        if _head_ok(toks, i) and re.search(r"['’]s?$", tok) and i + 1 < len(toks):
            parts.append((chunk[start : i + 1], "possessive"))
            start = i + 1
        elif _owner_possessive(toks, start, i):
            parts.append((chunk[start : i + 1], "owner"))
            start = i + 1
        elif (
            tok == "and"
            and i > start
            and (
                (_head_ok(toks, i - 1) and not _generic_continuation(toks, i))
                # sites.and_the: "X Institute Australia and The University of Y": two sites.
                or (i + 1 < len(toks) and toks[i + 1] in {"the", "The"})
                # sites.and_head_first: "Acme and Instituto X": a head-first name after "and"
                # starts a name of its own.
                # ("X Cancer Institute and Hospital": a bare head closing the run is no name).
                or (i + 2 < len(toks) and toks[i + 1] in _HEAD_FIRST)
                # sites.head_first_and: "IIT Bombay and Tata Memorial Centre": a head-first
                # name before "and" ends there when a head follows.
                or (toks[start] in _HEAD_FIRST and _head_after(toks, i))
                # sites.acronym_and: "MIT and Harvard University": a capitals-only short
                # name alone before "and" is an institution of its own when a head follows.
                or (
                    re.fullmatch(r"[A-Z]{2,6}", toks[i - 1]) is not None
                    and (i == start + 1 or toks[i - 2] in {"at", "from", "of"})
                    and not (i >= 3 and toks[i - 2] == "of" and _head_ok(toks, i - 3))
                    and _head_after(toks, i)
                )
                or _both_sides_named(toks, start, i)
                or _person_after_and(chunk, toks, i)
                # sites.country_and: "in the United Kingdom and Ohio State University
                # Hospital": a country before "and" ends a place list, it starts no name.
                or " ".join(toks[start:i]) in _COUNTRIES
            )
        ):
            parts.append((chunk[start:i], ""))
            start = i + 1
    parts.append((chunk[start:], ""))
    return parts


def _head_after(toks: list[str], i: int) -> bool:
    """Whether a site head stands after position `i`."""
    return any(_head_ok(toks, k) for k in range(i + 1, len(toks)))


def _generic_continuation(toks: list[str], i: int) -> bool:
    """sites.and_generic_tail: "X Cancer Center and Research Institute", "Y Hospital and
    Medical Center": generic site words alone after "and", to the end of the run, continue
    the one name (a bare "Research Institute" names no institution of its own)."""
    end = next((k for k in range(i + 1, len(toks)) if toks[k] == "and"), len(toks))
    rest = toks[i + 1 : end]
    return (
        bool(rest)
        and rest[0] not in {"University", "the", "The"}
        and all(t in _GENERIC_OWN and t not in _CONNECT for t in rest)
        and any(_head_ok(toks, k) for k in range(i + 1, end))
    )


#: sites.owner_possessive: words that end the name of an institution owning others without
#: being a site head ("Eastvale Health's Lakeside Heart Hospital", "Northfield Medicine's
#: Cancer Center"): the owner is a site and the named unit after it is PART_OF it.
_OWNER_WORDS = set(_V["site_owner_words"])
_UNIT_NOUNS = set(_V["site_unit_words"]) | set(_V["not_person_name_unit_words"])


def _owner_possessive(toks: list[str], start: int, i: int) -> bool:
    """ "Y Health's X Hospital": a possessive owner word after a name of its own, and a site
    head further on in the run (before any "and")."""
    tok = toks[i]
    if not re.search(r"['’]s$", tok) or _base(tok) not in _OWNER_WORDS or i == start:
        return False
    before = toks[i - 1]
    if not before[:1].isupper() or before in _CONNECT or _base(before) in _GENERIC_OWN:
        return False
    # "the Department of Public Health's X Registry": the owner is an office, no institution.
    if any(t in _UNIT_NOUNS and not _ROLE_TOKEN.fullmatch(t) for t in toks[start:i]):
        return False
    end = next((k for k in range(i + 1, len(toks)) if toks[k] in {"and", "&"}), len(toks))
    return any(_head_ok(toks, k) for k in range(i + 1, end))


_AFFILIATION_NUMBER = re.compile(rf"[{_MARKER}]{{1,2}}")


def _affiliation_number(toks: list[str], i: int) -> bool:
    """sites.affiliation_number: "1 Westbridge University Hospital, ... 2 Department of X": an
    affiliation list's item number, spaced from the name, is no part of it ("301 Hospital"
    keeps its three digits)."""
    return (
        _AFFILIATION_NUMBER.fullmatch(toks[i]) is not None
        and i + 1 < len(toks)
        and toks[i + 1][:1].isupper()
    )


def _span_of(part: list[re.Match], owner: bool = False) -> tuple[int, int] | None:
    """The site span of a part: up to the last head, plus an of/for tail (an owner's name,
    `_owner_possessive`, ends at its owner word)."""
    toks = [m.group(0) for m in part]
    heads = [i for i in range(len(toks)) if _head_ok(toks, i)]
    if owner and not heads:
        heads = [len(toks) - 1]
    if not heads:
        return None
    first = 0
    while first < len(toks) and (
        toks[first] in _LEAD_STRIP or toks[first] in _CONNECT or _affiliation_number(toks, first)
    ):
        first += 1
    # "Leigh Perreault of the University of X": the site starts after "of the".
    h0 = next((h for h in heads if h >= first), None)
    if h0 is None:
        return None
    # sites.city_of_name: "City of Mercy Heart Center" is one name, not "X of Y".
    cut = [
        i
        for i in range(first, h0)
        if toks[i] in {"of", "at", "from"}
        and not (toks[i] == "of" and i - 1 == first and toks[first] == "City")
    ]
    if cut:
        first = cut[-1] + 1
        while first < h0 and toks[first] in _CONNECT:
            first += 1
    last = heads[-1]
    # A dash after the last head ends the name ("X Hospital – New data" is not one name).
    if any(t in _DASHES for t in toks[last + 1 :]):
        part = part[: last + 1 + next(k for k, t in enumerate(toks[last + 1 :]) if t in _DASHES)]
        toks = toks[: len(part)]
    if last < first:
        return None
    # "University of Colorado Anschutz Medical Campus", "Hospital of X University of Y and Z".
    foreign_tail = {"de", "di", "del", "des", "du", "della"}
    if last + 1 < len(toks) and (
        toks[last + 1] in {"of", "for"}
        or (toks[last + 1] == "on" and toks[last] in _HEADS_BEFORE_ON)
        or (toks[last + 1] in foreign_tail and not toks[last].isascii())
    ):
        last = len(toks) - 1
        # "College of Cardiology's Annual Session": the name ends at the possessive.
        owner = next(
            (k for k in range(heads[-1] + 1, len(toks)) if re.search(r"['’]s?$", toks[k])), None
        )
        # sites.the_possessive_name: "Children's Hospital of The King's Daughters" names on.
        if owner is not None and toks[owner - 1] not in {"The", "the"}:
            last = owner
        while toks[last] in _CONNECT:
            last -= 1
    # "Hospital Universitario 12 de Octubre": the head comes first, the whole run is the name.
    if toks[first] in _HEAD_FIRST and len(toks) > first + 1 and toks[first + 1] not in _OF_AND:
        stop = next(
            (k for k in range(first + 1, len(toks)) if toks[k] in {"and", "&"} | _LEAD_STRIP),
            len(toks),
        )
        last = stop - 1
        while toks[last] in _CONNECT:
            last -= 1
        return part[first].start(), part[last].end()
    if last == first and _base(toks[first]) in _HEADS:
        return None  # a bare "University"
    # "Ruhr University Bochum, ...": one place name right after the head, then the name ends
    # (sites.place_after_head: also before "and": "Center Lyon and Visiting Professor at ...").
    stop = next((k for k in range(last + 1, len(toks)) if toks[k] in {"and", "&"}), len(toks))
    if last + 2 == stop and _base(toks[last]) in {
        "University",
        "Universitätsmedizin",
        "Universität",
        "Hospital",
        "College",
        "Centre",
        "Center",
        "Institute",
    }:
        nxt = part[last + 1]
        after = nxt.string[nxt.end() : nxt.end() + 4]
        generic_head = _base(toks[last]) in {"Center", "Centre"}
        if (
            (
                re.match(r"(?:[,;)]|\.(?:\s|$)| in\b| and\b|$)", after)
                or (generic_head and re.match(r" [a-z]", after))
                # sites.place_before_paren: "Integrated Cancer Center Lakeport (ICL, ...)".
                or (after.startswith(" (") and _base(toks[last + 1]) not in _NOT_PLACE_AFTER)
            )
            and toks[last + 1][:1].isupper()
            and not _ROLE_TOKEN.fullmatch(toks[last + 1])
            # sites.title_not_place: "... of X University Dr. Liu, chairman of ...": a
            # person's title after the head starts the next name, it is no place.
            and toks[last + 1] not in _PERSON_TITLES
        ):
            last += 1
    # sites.trial_unit: the unit's field and city after it ("... Unit Oncology Lakeport").
    if _base(toks[last]) in _TRIAL_UNIT_LAST and _base(toks[last]) not in _HEADS:
        while (
            last + 1 < stop
            and last + 1 - heads[-1] <= 3
            and toks[last + 1][:1].isupper()
            # "... Trials Unit Head Professor Jane Roe": a role or title starts a person.
            and not _ROLE_TOKEN.fullmatch(toks[last + 1])
            and toks[last + 1] not in _PERSON_TITLES
        ):
            last += 1
    # "Cleveland Clinic Abu Dhabi": a branch named by the city or emirate after the head.
    # sites.generic_name_city: "University Hospitals Leuven", "University Hospital Basel": a
    # generic name is told apart by the one capitalised word (its city) after it.
    if (
        last + 1 < len(toks)
        and _base(toks[last]) in _HEADS
        and (
            " ".join(toks[last + 1 :]) in _TRAILING_PLACES
            or (
                toks[first:last] == ["University"]
                and len(toks) == last + 2
                and re.fullmatch(r"[A-Z][a-zà-ÿ]{2,}", toks[last + 1])
                and toks[last + 1] not in _NOT_PLACE_AFTER | _PERSON_TITLES
            )
        )
    ):
        after = part[-1].string[part[-1].end() : part[-1].end() + 4]
        if re.match(r"(?:[,;)]|\.(?:\s|$)| [a-z]|$)", after):
            last = len(toks) - 1
    return part[first].start(), part[last].end()


#: Words after a head that are no place: generic site words, units, heads.
_NOT_PLACE_AFTER = _GENERIC_OWN | _HEADS | set(_V["site_unit_words"]) | _CONNECT


_MEETING_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:\d{4}\s+)?(?:[^\W\d_a-z][\w-]*\s+){0,3}"
    r"(?:Meeting|Sessions?|Congress|Conference|Symposium|Summit|Forum)\b"
)


#: Between two names of one site: "X, which is also known as the Y", "X (also known as Y".
_ALSO_KNOWN_AS_BEFORE = re.compile(
    r"\s*[,(]\s*(?:which is\s+|that is\s+)?(?:also\s+)?(?:known as|called)\s+(?:the\s+)?\Z"
)


_ROLE_TOKEN = re.compile(
    r"Director|Head|Chair|Chairman|Professor|President|Dean|Chief|Fellow|Member|Researcher|"
    r"Investigator|Physician|Surgeon|Scientist|Lead|Founder|Consultant|[A-Z][a-z]+ologist"
)
#: A word that may stand before the role ("Medical Oncologist", "Senior Scientist").
_ROLE_ADJECTIVE = {"Medical", "Clinical", "Senior", "Attending", "Associate", "Assistant"}


def _named_institution(name: str) -> bool:
    """A name with a site head that does not start with one ("Peking Union Medical College",
    not "Institute of Hematology"): one side of a joint name."""
    words = name.split()
    return len(words) >= 3 and words[0] not in _HEADS and bool(_ANY_HEAD.search(name))


def find_sites(doc: Doc) -> tuple[list[Mention], list[SiteLink]]:
    """Site mentions and their nesting, in named steps: names in the sentences with a head
    word, their abbreviations, campus units, coordinated and known short names, one name
    for "X, also known as Y" and "A & B", links between neighbours, units named by a bare
    head, then later short references."""
    text = doc.text
    mentions, links = _named_sites(doc)
    _abbreviation_forms(doc, mentions)
    _abbreviation_prefixed_units(text, mentions)
    _short_form_first(text, mentions)
    mentions, links = _campus_units(text, mentions, links)
    _campus_names(text, mentions)
    _official_the(doc, mentions)
    mentions.extend(_coordinated_universities(text))
    mentions.extend(_acronym_city_universities(text, mentions))
    mentions.extend(_apposition_sites(text, mentions))
    mentions.extend(_known_short_names(text, mentions))
    _acronym_owners(text, mentions, links)
    _acronym_prefixed_units(mentions, links)
    ordered = sorted((m for m in mentions if m.start >= 0), key=lambda m: m.start)
    _also_known_as(text, ordered)
    _slash_names(text, ordered)
    _joint_names(ordered)
    _neighbour_links(text, ordered, links)
    _bare_head_units(text, ordered, mentions, links)
    _donor_name_references(mentions)
    mentions.extend(_short_references(text, mentions))
    mentions.extend(_first_word_references(text, mentions))
    _generic_references(mentions)
    return mentions, links


def _named_sites(doc: Doc) -> tuple[list[Mention], list[SiteLink]]:
    """Site names in the sentences that hold a head word, split into chunks, and the links
    within them ("X's Y": possessive; a site inside a longer one)."""
    text = doc.text
    mentions: list[Mention] = []
    links: list[SiteLink] = []
    # Only sentences with a head word can name a site (cheap filter before tokenizing).
    windows = sorted({doc.sentence_at(h.start()) for h in finditer(text, _ANY_HEAD_CUE)})
    chunks = [c for s, e in windows for c in _chunks(text, s, e)]
    for chunk in chunks:
        prev: Mention | None = None
        prev_how = ""
        for part, how in _split(chunk):
            span = _span_of(part, owner=how == "owner")
            if not span:
                prev = None
                continue
            s, e = span
            if _MEETING_AFTER.match(text, e) or _SOCIETY.match(text[s:e]):
                prev = None
                continue  # "the X College of Y's Annual Meeting": a society's conference
            s = _field_list_start(text, s)
            owner = _PLACE_OR_REGULATOR_OWNER.match(text, s, e)
            if owner and owner.group(1) in _REGULATORS:
                prev = None
                continue  # sites.regulator_unit: "the FDA’s Center for Drug Evaluation and ..."
            if owner:
                s = owner.end()  # sites.place_possessive: "Australia’s Royal Melbourne Hospital"
            if _AGENCY_NAME.search(text, s, e):
                prev = None
                continue  # sites.agency_name: "National Institute for Health and Care Excellence"
            surface = re.sub(r"['’]s?$", "", text[s:e])
            e = s + len(surface)
            kind = "network" if how == "owner" else _kind(surface)
            site = Mention("Site", s, e, surface, surface, (), {"kind": kind})
            mentions.append(site)
            if prev is not None and prev_how in {"possessive", "owner"}:
                site.forms = (text[prev.start : e],)
                links.append(SiteLink(site, prev, "possessive"))
            inner = _inner(doc, site, mentions)
            links.extend(inner or _unit_of_institution(site, mentions))
            prev, prev_how = site, how
    return mentions, links


#: A country, a city or a regulator owning the name after it ("Australia’s X Hospital",
#: "Brisbane's X Hospital", "the FDA’s Center for ..."): the place is no part of the site's
#: name; a regulator's unit is no site.
_REGULATORS = set(_V["site_regulator_owners"])
_OWNER_PLACES = {*_V["trial_countries"], *_V["site_trailing_places"], *_V["site_possessive_places"]}
_OWNER_NAMES = "|".join(sorted(map(re.escape, _OWNER_PLACES | _REGULATORS), key=len, reverse=True))
_PLACE_OR_REGULATOR_OWNER = re.compile(rf"({_OWNER_NAMES})['’]s\s+")
#: A health-technology or regulatory agency whose name holds a site head ("Institute").
_AGENCY_NAME = re.compile(r"\bfor Health and Care Excellence\b|\bEvaluation and Research\b")
#: sites.field_list: "National Eye, Ear, and Skin Institute": organs or fields listed with
#: commas before the head's first word belong to the name (the commas end no name there).
_FIELD_WORDS = {
    w.lower() for key in ("disease_coordinated_sites", "site_unit_words") for w in _V[key]
} | set(_V["site_field_words"])
_FIELD_LIST_BEFORE = re.compile(r"((?:[^\W\d_a-z][a-z]+,? )+)(?:and|&) ")


#: sites.field_list: "Heart, Vascular & Thoracic Institute": field words listed before one
#: whose "&" the site's name holds.
_FIELD_AND_IN_NAME = re.compile(r"[^\W\d_a-z][a-z]+ (?:and|&) ")
_FIELD_COMMAS_BEFORE = re.compile(r"(?:[^\W\d_a-z][a-z]+, )+$")


def _field_words_start(m: re.Match) -> int:
    """The start of the field words that end the match (all of them, or none)."""
    words = list(re.finditer(r"[^\s,]+", m.group(0)))
    k = len(words)
    while k > 0 and words[k - 1].group(0).lower() in _FIELD_WORDS:
        k -= 1
    return m.start() + words[k].start() if k < len(words) else m.end()


def _field_list_start(text: str, s: int) -> int:
    """Where a site whose first word is a field starts when a field list leads to it (with
    one name word before the list: "National")."""
    first = text[s : s + 40].split(" ", 1)[0]
    if first.lower() not in _FIELD_WORDS:
        return s
    m = next(
        (m for m in _FIELD_LIST_BEFORE.finditer(text, max(0, s - 80), s) if m.end() == s), None
    )
    if m is None and _FIELD_AND_IN_NAME.match(text, s):
        # "Heart, Vascular & Thoracic Institute": the list's conjunction is inside the name.
        m = _FIELD_COMMAS_BEFORE.search(text, max(0, s - 60), s)
        return _field_words_start(m) if m else s
    if m is None or "," not in m.group(1):
        return s
    words = list(re.finditer(r"[^\s,]+", m.group(1)))
    k = len(words)
    while k > 0 and words[k - 1].group(0).lower() in _FIELD_WORDS:
        k -= 1
    if k == len(words):
        return s
    if k > 0 and words[k - 1].group(0) not in _LEAD_STRIP:
        k -= 1  # "National Heart, Lung, and Blood Institute"
    return m.start(1) + words[k].start()


def _abbreviation_forms(doc: Doc, mentions: list[Mention]) -> None:
    """ "University of California, San Francisco (UCSF)": the defined long form is the name,
    its short form an alias ("Walter and Eliza Hall Institute (WEHI)")."""
    text = doc.text
    for site in mentions:
        for a in doc.abbreviations_by("long_start", site.start):
            if a.long_end == site.end and a.short not in site.forms:
                site.forms = (*site.forms, a.short)
            elif a.long_end > site.end and "\n" not in a.long:
                if re.fullmatch(r"[,\s]+(?:[^\W\d_a-z][\w’'-]*\s*)+", text[site.end : a.long_end]):
                    site.end, site.text, site.name = a.long_end, a.long, a.long
                    site.forms = (*site.forms, a.short)


#: sites.abbreviation_prefix: "National Institute for Health Research (NIHR) Eastvale
#: Clinical Research Facility": a body's long form and abbreviation before a unit's own name
#: brand the unit (named "NIHR Eastvale Clinical Research Facility"); the body, a funder or
#: network, is not where the research is done.
_PREFIXED_UNIT_HEADS = set(_V["site_prefixed_unit_heads"]) | _HEADS
_PREFIX_ABBR = re.compile(
    rf"\s*\(([{UPPER}][\w&-]{{1,11}})\)\s+((?:[{UPPER}][\w’'-]*\s+){{0,5}}[{UPPER}][\w’'-]*)"
)


def _abbreviation_prefixed_units(text: str, mentions: list[Mention]) -> None:
    """The site becomes the prefixed unit when a run of capitalised words ending in a unit or
    site head follows its abbreviation (see the pattern above)."""
    prefixed: dict[int, int] = {}
    for site in mentions:
        m = _PREFIX_ABBR.match(text, site.end)
        if m is None or m.group(2).split()[-1] not in _PREFIXED_UNIT_HEADS:
            continue
        prefixed[m.end()] = site.start
        full = text[site.start : m.end()]
        site.end = m.end()
        site.text = full
        site.name = f"{m.group(1)} {m.group(2)}"
        site.forms = (full,)
        site.props = {**site.props, "kind": _kind(m.group(2))}
    # The unit's own words found alone (sites.trial_unit) are that unit: one mention.
    mentions[:] = [m for m in mentions if prefixed.get(m.end, m.start) >= m.start]


def _short_form_first(text: str, mentions: list[Mention]) -> None:
    """ "WEHI (Walter and Eliza Hall Institute)": the short form written first, when it is the
    name's initials."""
    for site in mentions:
        short = _SHORT_BEFORE.search(text, max(0, site.start - 12), site.start)
        if short and text[site.end : site.end + 1] == ")":
            initials = "".join(w[0] for w in site.text.split() if w[:1].isupper())
            if short.group(1) == initials and short.group(1) not in site.forms:
                site.forms = (*site.forms, short.group(1))


def _also_known_as(text: str, ordered: list[Mention]) -> None:
    """ "X, which is also known as the Y": one site (X the longest site ending there)."""
    longest_ending = {}
    for m in ordered:
        longest_ending.setdefault(m.end, m)
    for b in ordered:
        known = _ALSO_KNOWN_AS_BEFORE.search(text, max(0, b.start - 80), b.start)
        a = longest_ending.get(known.start()) if known else None
        if a is not None and a is not b:
            b.forms = (*b.forms, b.text)
            b.name = a.name


#: sites.slash_name: "National Cancer Centre/Eastvale Cancer Hospital": two names of one
#: institution joined by a slash (a centre that is also a hospital, a new and an old name).
_SLASH_GAP = re.compile(r"\s?/\s?")


def _slash_names(text: str, ordered: list[Mention]) -> None:
    """ "A/B" where both are sites: B is another name of A (one institution, not two)."""
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.end < b.start and _SLASH_GAP.fullmatch(text, a.end, b.start):
            b.forms = (*b.forms, b.text)
            b.name = a.name


def _joint_names(ordered: list[Mention]) -> None:
    """ "A & B" where both are named institutions: one institution under a joint name."""
    for site in ordered:
        sides = site.name.split(" & ")
        if len(sides) == 2 and all(_named_institution(side) for side in sides):
            site.forms = (*site.forms, *sides)


#: sites.under: the gap of "X at/under/of/part of/a unit of Y" ("the National Institute of X
#: (NIX) under the National Institutes of Y": an abbreviation may sit between the unit and its
#: connector).
_UNDER_GAP = re.compile(
    r"(?:\s*\([A-Z][\w&-]{1,12}\))?"
    r",?\s+(?:at|under|affiliated (?:to|with)|of|part of|(?:which|that) is (?:part of|"
    r"affiliated (?:to|with))|a (?:member|unit|part|division|campus) of)\s+(?:the\s+)?"
    # "part of Japan's National Cancer Center": the owner's country is no part of its name.
    r"(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?['’]s\s+)?"
)


#: sites.academy_parent: "X Hospital, Chinese Academy of Medical Sciences": an academy of
#: sciences owns its institutes and hospitals as a university does.
_ACADEMY = re.compile(r"\bAcadem(?:y|ies)\b")


def _neighbour_links(text: str, ordered: list[Mention], links: list[SiteLink]) -> None:
    """ "X at Y", "X, part of the Y system": X PART_OF Y (sites.under); "Huashan Hospital,
    Fudan University": a hospital, centre or institute in apposition to a university."""
    linked = {(id(ln.child), id(ln.parent)) for ln in links}
    for a, b in zip(ordered, ordered[1:], strict=False):
        if _UNDER_GAP.fullmatch(text[a.end : b.start]) or _SYSTEM_OR_CITY_GAP.fullmatch(
            text, a.end, b.start
        ):
            if (id(a), id(b)) not in linked:
                links.append(SiteLink(a, b, "at"))
                linked.add((id(a), id(b)))
        elif (
            text[a.end : b.start] == ", "
            and a.props.get("kind") in {"hospital", "centre", "institute"}
            and (b.props.get("kind") in {"university", "network"} or _ACADEMY.search(b.name))
        ):
            links.append(SiteLink(a, b, "at"))


def _bare_head_units(
    text: str, ordered: list[Mention], mentions: list[Mention], links: list[SiteLink]
) -> None:
    """ "the Hospital, National Center of X": a bare head in apposition is a unit of X."""
    for b in list(ordered):
        m = re.search(
            r"\b(?:[Tt]he\s+)(Hospital|Clinic|Research Institute)\s*,\s+$",
            text[max(0, b.start - 40) : b.start],
        )
        if m:
            s = b.start - (len(text[max(0, b.start - 40) : b.start]) - m.start(1))
            surface = text[s : b.end]
            unit = Mention("Site", s, b.end, surface, surface, (), {"kind": "hospital"})
            mentions.append(unit)
            links.append(SiteLink(unit, b, "unit"))


#: A place word of a coordinated university name ("Oxford", "Tsinghua", "Sun Yat-sen").
_PLACE = r"[^\W\d_a-z][\w’'-]+(?: [^\W\d_a-z][\w’'-]+)?"
#: sites.plural_head: "the Universities of Oxford and Cambridge" (head first), "Peking and
#: Tsinghua universities" (head last): one university per place word.
_UNIVERSITIES_OF = re.compile(
    rf"\b[Uu]niversities of ({_PLACE})((?:, {_PLACE})*),? (?:and|&) ({_PLACE})\b"
)
_PLACES_UNIVERSITIES = re.compile(
    rf"(?<![\w-])({_PLACE})((?:, {_PLACE})*),? (?:and|&) ({_PLACE}) [Uu]niversities\b"
)
_LISTED_PLACE = re.compile(_PLACE)


#: sites.university_acronym_city: "FAU Erlangen-Nuremberg", "LMU Munich", "TU Lakeport": a
#: university's acronym (ending in its U: Universität, Universiteit, University) and its city,
#: the name ending there; not the EU, an ICU or a GPU (site_not_university_acronyms).
_NOT_UNI_ACRONYMS = set(_V["site_not_university_acronyms"])
_ACRONYM_CITY = re.compile(
    rf"(?<![\w&.’'-])([{UPPER}]{{1,4}}U) ([{UPPER}][a-zà-ÿ]+(?:-[{UPPER}][a-zà-ÿ]+)?)"
    r"(?=[,;)]|\.(?:\s|$)| in\b| and\b| \(|\s*$)",
    re.M,
)


def _acronym_city_universities(text: str, mentions: list[Mention]) -> list[Mention]:
    """Universities named by acronym and city (see the pattern above), outside found sites."""
    taken = None
    out = []
    for m in _ACRONYM_CITY.finditer(text):
        city = m.group(2)
        if m.group(1) in _NOT_UNI_ACRONYMS or city in _NOT_PLACE_AFTER | _NON_PLACE_WORDS:
            continue
        taken = taken or Claimed(len(text), ((x.start, x.end) for x in mentions))
        if taken.overlaps(m.start(), m.end()):
            continue
        name = m.group(0)
        out.append(Mention("Site", m.start(), m.end(), name, name, (), {"kind": "university"}))
    return out


#: sites.apposition_kind: "conducted at CMAX, one of Lakeland's leading clinical research
#: centers", "at Vireo, a teaching hospital in ...": a name the apposition after it calls a
#: hospital, research centre or university (site_apposition_nouns) is a site.
_APPOSITION_NOUNS = "|".join(
    sorted((re.escape(n) for n in _V["site_apposition_nouns"]), key=len, reverse=True)
)
_APPOSITION = re.compile(
    r",\s+(?:one\s+of\s+(?:the\s+)?|an?\s+|the\s+)"
    r"(?:(?!(?:at|in|of|from|with|who|which|that|and|or|by|for|to|is|was|its|their)\s)"
    r"[\w’'-]+\s+){0,4}?"
    rf"(?:{_APPOSITION_NOUNS})s?(?=[,.;:)]|\s+(?:in|on|at|of|with|that|which|where|and|for)\b)"
)
_NAME_BEFORE_COMMA = re.compile(
    rf"(?<![\w&’'.-])((?:[{UPPER}][\w&’'-]*\s+){{0,3}}[{UPPER}][\w&’'-]*)\Z"
)


def _apposition_sites(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names an apposition calls a site (see the patterns above), when no site is there yet."""
    if "," not in text:
        return []
    ends = {m.end for m in mentions}
    out = []
    for a in _APPOSITION.finditer(text):
        if a.start() in ends:
            continue
        n = _NAME_BEFORE_COMMA.search(text, max(0, a.start() - 60), a.start())
        if n is None:
            continue
        words = n.group(1).split()
        while words and (words[0] in _LEAD_STRIP or words[0] in _NON_PLACE_WORDS):
            words = words[1:]
        if not words or any(w in _PERSON_TITLES for w in words):
            continue
        name = " ".join(words)
        s = a.start() - len(name)
        if text[s : a.start()] != name:
            continue
        out.append(Mention("Site", s, a.start(), name, name, (), {"kind": _kind(name)}))
    return out


def _coordinated_universities(text: str) -> list[Mention]:
    """One site per place word of a plural head (see the patterns above); the place word
    alone is no name of the site, so it is not searched for again (`_item_only`)."""
    if "niversities" not in text:
        return []
    out = []
    forms = ((_UNIVERSITIES_OF, "University of {}"), (_PLACES_UNIVERSITIES, "{} University"))
    for rx, form in forms:
        for m in rx.finditer(text):
            spans = [m.span(1), *_listed_spans(m, 2), m.span(3)]
            words = [text[a:b] for a, b in spans]
            if any(w in _NON_PLACE_WORDS for p in words for w in p.split()):
                continue
            for (a, b), place in zip(spans, words, strict=True):
                props = {"kind": "university", "_item_only": True}
                out.append(Mention("Site", a, b, place, form.format(place), (), props))
    return out


def _listed_spans(m: re.Match, group: int) -> list[tuple[int, int]]:
    base = m.start(group)
    return [(base + p.start(), base + p.end()) for p in _LISTED_PLACE.finditer(m.group(group))]


#: Capitalised words that are no place of a university ("the Top and Best universities").
_NON_PLACE_WORDS = set(_V["not_person_name_words"]) | _HEADS


#: sites.known_short_name: institutions the news names by an acronym or a short name alone
#: ("UCLA", "KAIST", "MD Anderson", "Dana-Farber"): names that stand for nothing else.
_KNOWN_SHORT = list(_V["site_known_short_names"])
_KNOWN_SHORT_SET = set(_KNOWN_SHORT)
_NOT_BEFORE_KNOWN = re.compile(r"[\w&.’'-]")
#: A possessive may follow ("OHSU's cancer group"); another letter after an apostrophe not.
#: sites.known_short_compound: "a UCLA-led trial", "the UCL-sponsored study": a hyphen and a
#: lower-case word after the name leave it whole (a code "UCL-123" or name "UCL-Acme" do not).
_NOT_AFTER_KNOWN = re.compile(r"[\w&]|-(?![a-z]+(?![\w-]))|['’](?!s?(?!\w))")


@lru_cache(maxsize=1)
def _known_matcher() -> ahocorasick_rs.AhoCorasick:
    """One automaton for the fixed list, built once (not per document)."""
    return ahocorasick_rs.AhoCorasick(
        _KNOWN_SHORT, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )


def _known_short_names(text: str, mentions: list[Mention]) -> list[Mention]:
    hits = _known_matcher().find_matches_as_indexes(text)  # leftmost, not overlapping
    taken = Claimed(len(text), ((m.start, m.end) for m in mentions)) if hits else None
    out = []
    for idx, start, end in hits:
        if start > 0 and _NOT_BEFORE_KNOWN.match(text, start - 1):
            continue
        if _NOT_AFTER_KNOWN.match(text, end) or taken.overlaps(start, end):
            continue  # inside a longer word or site name ("MD Anderson Cancer Center")
        taken.add(start, end)
        short = _KNOWN_SHORT[idx]
        out.append(Mention("Site", start, end, short, short, (), {"kind": _kind(short)}))
    return out


#: sites.acronym_possessive: "URMC's Heart Research Center", "UCLA's Jonsson Cancer Center": an
#: institution's acronym in the possessive before a unit's name gives two sites, the unit PART_OF
#: the institution (GUIDELINES: "Y's X"), when the acronym is that of a site of the text (its
#: defined short form or initials) or a known short name; "FDA's Oncology Center" stays whole.
_ACRONYM = rf"[{UPPER}][{UPPER}&]{{1,7}}"
_ACRONYM_POSSESSIVE = re.compile(rf"({_ACRONYM})['’]s\s+(?=[{UPPER}])")
_ACRONYM_FORM = re.compile(_ACRONYM)


def _acronym_owners(text: str, mentions: list[Mention], links: list[SiteLink]) -> None:
    """Split "ACRONYM's Unit" (see the pattern above) into the owner and the unit."""
    heads = [(m, _ACRONYM_POSSESSIVE.match(m.text)) for m in mentions]
    heads = [(m, a) for m, a in heads if a is not None]
    if not heads:
        return
    owners: dict[str, Mention] = {}
    for m in mentions:
        for form in (*m.forms, *_short_forms(m.name)[:1]):
            if _ACRONYM_FORM.fullmatch(form):
                owners.setdefault(form, m)
    for m, a in heads:
        acronym = a.group(1)
        owner = owners.get(acronym)
        if owner is None and acronym not in _KNOWN_SHORT_SET:
            continue
        name = owner.name if owner is not None else acronym
        props = dict(owner.props) if owner is not None else {"kind": _kind(acronym)}
        parent = Mention("Site", m.start, m.start + len(acronym), acronym, name, (), props)
        m.forms = (*m.forms, m.text)
        m.start += a.end()
        m.text = m.name = text[m.start : m.end]
        m.props = {**m.props, "kind": _kind(m.text)}
        mentions.append(parent)
        links.append(SiteLink(m, parent, "possessive"))


#: sites.acronym_prefix_unit: "UCL Cancer Institute" in a text that also names "UCL" alone (a
#: "UCL-sponsored trial"): the unit named after its institution's acronym is PART_OF it, and the
#: institution is a site of its own (GUIDELINES: the parent named beside its unit). An acronym
#: only written inside the unit's name ("UCSF Multiple Sclerosis Center") stays in the name.
_ACRONYM_PREFIX = re.compile(rf"({_ACRONYM}) (?=[{UPPER}][a-z])")


def _acronym_prefixed_units(mentions: list[Mention], links: list[SiteLink]) -> None:
    """Link "ACRONYM Unit ..." to the site named by that acronym alone (see above)."""
    alone: dict[str, Mention] = {}
    for m in mentions:
        if _ACRONYM_FORM.fullmatch(m.text):
            alone.setdefault(m.text, m)
    if not alone:
        return
    for m in list(mentions):
        a = _ACRONYM_PREFIX.match(m.text)
        owner = alone.get(a.group(1)) if a else None
        toks = m.text.split()
        # ("UNSW Sydney" has two words: the head is looked for among the words there are)
        if owner is None or not any(_head_ok(toks, k) for k in range(1, min(6, len(toks)))):
            continue
        end = m.start + len(a.group(1))
        parent = Mention("Site", m.start, end, a.group(1), owner.name, (), dict(owner.props))
        mentions.append(parent)
        links.append(SiteLink(m, parent, "unit"))


def _generic_references(mentions: list[Mention]) -> None:
    """sites.generic_reference: "the Cancer Center's growth", "the Medical Center" after
    "Lakeside Comprehensive Cancer Center": a name made only of generic site words is the one
    named site of the text that ends with it (left alone when none or several do); a cancer
    centre named without its "Comprehensive" designation is the same centre."""
    # "UVX Cancer Center" for "UVX Comprehensive Cancer Center": the designation dropped.
    full_of = {m.name.replace(" Comprehensive ", " "): m.name for m in mentions}
    for m in mentions:
        full = full_of.get(m.name)
        if full and full != m.name:
            m.forms = (*m.forms, m.text)
            m.name = full
    named = {m.name for m in mentions if not _all_generic(m.name)}
    for m in mentions:
        if not _all_generic(m.name):
            continue
        owners = {n for n in named if n.endswith(" " + m.name)}
        if len(owners) == 1:
            m.forms = (*m.forms, m.text)
            m.name = owners.pop()


def _donor_name_references(mentions: list[Mention]) -> None:
    """A site named by the short form of one named after a person ("Lurie Children's Hospital"
    beside "Ann & Robert H. Lurie Children's Hospital of X", `_donor_forms`) is that site."""
    owners: dict[str, set[str]] = {}
    for m in mentions:
        for form in _donor_forms(m.name):
            owners.setdefault(form, set()).add(m.name)
    if not owners:
        return
    for m in mentions:
        full = owners.get(m.name, set())
        if len(full) == 1:
            m.forms = (*m.forms, m.text)
            m.name = next(iter(full))


def _all_generic(name: str) -> bool:
    words = re.sub(r"^[Tt]he\s+", "", name).split()
    return bool(words) and all(w in _GENERIC_OWN for w in words)


#: sites.campus_comma: "University of Texas, Austin Comprehensive Cancer Center": a campus
#: name after the comma and a unit head make one site with the university before it.
_UNIVERSITY_OF_PLACE = re.compile(r"University of [^\W\d_a-z][\w-]+(?: [^\W\d_a-z][\w-]+)?")
_CAMPUS_UNIT = re.compile(
    r"(?P<place>[^\W\d_a-z][\w-]+(?: [^\W\d_a-z][\w-]+)?) "
    r"(?:Comprehensive Cancer Center|Comprehensive Cancer Centre|Cancer Center|Cancer Centre|"
    r"Medical Center|Medical Centre|Health Science Center|School of Medicine)"
)


def _campus_units(
    text: str, mentions: list[Mention], links: list[SiteLink]
) -> tuple[list[Mention], list[SiteLink]]:
    """Join "University of X" and ", <campus> <unit>" right after it into one site."""
    by_start = {m.start: m for m in mentions}
    gone: set[int] = set()
    for a in mentions:
        b = by_start.get(a.end + 2)
        if b is None or text[a.end : b.start] != ", " or id(a) in gone:
            continue
        unit = _CAMPUS_UNIT.fullmatch(b.text)
        if not (_UNIVERSITY_OF_PLACE.fullmatch(a.text) and unit):
            continue
        if any(w in _HEADS for w in unit.group("place").split()):
            continue  # "University of X, Children's Hospital Medical Center": two sites
        a.end = b.end
        a.text = a.name = text[a.start : b.end]
        a.forms = (*a.forms, *b.forms)
        gone.add(id(b))
    if not gone:
        return mentions, links
    kept = [m for m in mentions if id(m) not in gone]
    return kept, [ln for ln in links if id(ln.child) not in gone and id(ln.parent) not in gone]


#: sites.campus_name: a multi-campus university names its campus after a comma, "at" or an
#: unspaced dash ("University of California, Riverside", "University of Texas at Tyler",
#: "University of Wisconsin–Parkside"): the campus is part of the site's name. The campus is
#: one to three capitalised words that end the run (no head word follows).
_CAMPUS_SYSTEMS = set(_V["site_campus_systems"])
_CAMPUS_AFTER = re.compile(
    r"(?:,\s+|\s+at\s+|–)([^\W\d_a-z][^\W\d_A-Z][\w'’-]*(?:\s[^\W\d_a-z][^\W\d_A-Z][\w'’-]*){0,2})"
    r"(?![\w'’-])(?!\s+[^\W\d_a-z])"
)


def _campus_names(text: str, mentions: list[Mention]) -> None:
    """Extend "University of <State>" by its campus (see the pattern above)."""
    for site in mentions:
        if re.sub(r"^[Tt]he\s+", "", site.text) not in _CAMPUS_SYSTEMS:
            continue
        m = _CAMPUS_AFTER.match(text, site.end)
        if not m or any(_base(w) in _HEADS or w in _PERSON_TITLES for w in m.group(1).split()):
            continue
        site.end = m.end()
        site.text = site.name = text[site.start : site.end]


#: sites.official_the: "at The University of Texas ...": a capital "The" inside a sentence is
#: part of the institution's official name, kept as an alias (the name drops it).
_THE_BEFORE = re.compile(r"(?<=[a-z,] )The $")


def _official_the(doc: Doc, mentions: list[Mention]) -> None:
    text = doc.text
    for site in mentions:
        if site.start >= 4 and _THE_BEFORE.search(text, site.start - 6, site.start):
            form = "The " + site.text
            if form not in site.forms and doc.sentence_at(site.start)[0] < site.start - 4:
                site.forms = (*site.forms, form)


#: "X in Wuhan, part of the Y": a city between a site and its parent; "the Y system at Z":
#: a system or network word after the child.
_SYSTEM_OR_CITY_GAP = re.compile(
    r"\s+in\s+[^\W\d_a-z][\w-]*(?:\s+[^\W\d_a-z][\w-]*)?,\s+(?:(?:which|that) is\s+)?"
    r"(?:part|a (?:member|unit|part|division|campus)) of\s+(?:the\s+)?"
    r"|\s+(?:system|network|campus|group)\s+(?:at|of)\s+(?:the\s+)?"
)


def _short_forms(name: str) -> list[str]:
    """Undefined short forms a text uses for a site named in full: the initials ("UTHSC",
    "U of M" for "University of M...") and the distinctive words before the head ("MD
    Anderson" in "University of Texas MD Anderson Cancer Center"), two words or more."""
    words = name.split()
    caps = [w for w in words if w[:1].isupper()]
    out = []
    if len(caps) >= 2 and all(w.isalpha() or w in _OF_AND for w in words):
        out.append("".join(w[0] for w in caps))
        if len(words) == 3 and words[0] == "University" and words[1] == "of":
            out.append(f"U of {words[2][0]}")
    run: list[str] = []
    runs = []
    after_of = False
    for w in [*words, "of"]:
        if w[:1].isupper() and w not in _HEADS and w not in _SHORT_MODIFIERS and w != "The":
            run.append(w)
            continue
        if run:
            runs.append(run[1:] if after_of else run)  # "of Texas MD Anderson": not the place
        run = []
        after_of = w == "of"
    for r in runs:
        if (len(r) >= 2 or (r and _HYPHENED_NAME.fullmatch(r[0]))) and len(r) < len(words):
            out.append(" ".join(r))
    return out + _school_forms(words) + _donor_forms(name)


#: sites.short_form_school: "the Miller School" for "University of X Miller School of Medicine",
#: "Kessel College" for "Kessel College of Medicine": a school or college named after a person
#: or place is shortened to that word and its head (the field after "of" left out).
_SCHOOL_HEADS = {"School", "College"}


def _school_forms(words: list[str]) -> list[str]:
    out = []
    for k in range(1, len(words) - 1):
        own = words[k - 1]
        if (
            words[k] in _SCHOOL_HEADS
            and words[k + 1] == "of"
            and own.isalpha()
            and own[:1].isupper()
            and own not in _GENERIC_OWN | _HEADS | _SHORT_MODIFIERS | _CONNECT
            and len(words) > 3
        ):
            out.append(f"{own} {words[k]}")
    return out


_INITIAL_WORD = re.compile(rf"[{UPPER}]\.")
_CHILDRENS = {"Children's", "Children’s"}


def _donor_forms(name: str) -> list[str]:
    """sites.short_form_donor_name: an institution named after a person ("Ann & Robert H. Lurie
    Children's Hospital of X", "H. Lee Moffitt Cancer Center") is shortened to the surname and
    the rest ("Lurie Children's Hospital", "Moffitt Cancer Center"); a children's hospital to
    its own words and "Children's" ("Lurie Children's", "Eastvale Children's")."""
    words = name.split()
    initials = [k for k, w in enumerate(words) if _INITIAL_WORD.fullmatch(w)]
    first = initials[-1] + 1 if initials else 0
    out = []
    if initials:
        stop = next((k for k in range(first, len(words)) if words[k] in _OF_AND), len(words))
        for j in range(first, stop):
            if words[j] in _GENERIC_OWN or not any(w in _HEADS for w in words[j + 1 : stop]):
                break
            out.append(" ".join(words[j:stop]))
            if stop < len(words):
                out.append(" ".join(words[j:]))
    kids = next((k for k, w in enumerate(words) if w in _CHILDRENS), None)
    if (
        kids is not None
        and words[kids + 1 : kids + 2] == ["Hospital"]
        and any(w not in _GENERIC_OWN for w in words[first:kids])
        and "&" not in words[first:kids]
    ):
        out.append(" ".join(words[first : kids + 1]))
    return [f for f in out if f != name]


#: sites.short_form_hyphened: one distinctive word may stand for the site when it joins two
#: names by a hyphen ("Dana-Farber" for "Dana-Farber Cancer Institute"); a plain word ("Mayo")
#: is too ambiguous alone.
_HYPHENED_NAME = re.compile(r"[A-Z][a-z]+-[A-Z][a-z]+")


def _short_references(text: str, mentions: list[Mention]) -> list[Mention]:
    """The later bare short forms of a site named in full, as mentions of that site."""
    forms = [(site, _short_forms(site.name)) for site in mentions]
    # Every short form found in one pass; a form already looked for finds nothing new.
    found = occurrences(
        text, (f for _, shorts in forms for f in shorts), _NOT_BEFORE_SHORT, _NOT_AFTER_SHORT
    )
    taken = Claimed(len(text), ((m.start, m.end) for m in mentions)) if found else None
    done: set[str] = set()
    out: list[Mention] = []
    for site, shorts in forms:
        for short in shorts:
            if short == site.name or short in done:
                continue
            done.add(short)
            for start, end in leftmost_matches(found[short]):
                if taken.overlaps(start, end):
                    continue
                taken.add(start, end)
                props = dict(site.props)
                out.append(Mention("Site", start, end, short, site.name, (short,), props))
    return out


#: sites.first_word_reference: "the study at Salvia", "colleagues from Dunmore": after an
#: institution named in full ("Salvia Royal Hospital", "Dunmore University"), its first word
#: alone after "at"/"from" names it (the way news writes "at Stanford", "from Mayo"). Only a
#: distinctive word of one named site, never followed by another capitalised word or a
#: possessive; no alias and not searched again (a bare city word elsewhere is the city).
_AT_WORD = re.compile(rf"\b(?:at|from)\s+([{UPPER}][\w-]+)(?![\w’'-])(?!\s+[{UPPER}])")
_NOT_FIRST_WORDS = (
    _GENERIC_OWN | _HEADS | _LEAD_STRIP | _HEAD_FIRST | set(_V["not_person_name_words"])
)


def _first_word_references(text: str, mentions: list[Mention]) -> list[Mention]:
    firsts: dict[str, list[Mention]] = {}
    for site in mentions:
        words = site.name.split()
        if len(words) >= 2 and words[0] not in _NOT_FIRST_WORDS and words[0].isalpha():
            firsts.setdefault(words[0], []).append(site)
    if not firsts:
        return []
    taken = Claimed(len(text), ((m.start, m.end) for m in mentions))
    out = []
    for m in _AT_WORD.finditer(text):
        sites = firsts.get(m.group(1), [])
        if len({s.name for s in sites}) != 1 or m.start(1) < min(s.start for s in sites):
            continue
        if taken.overlaps(m.start(1), m.end(1)):
            continue
        site = sites[0]
        props = {**site.props, "_item_only": True}
        out.append(Mention("Site", m.start(1), m.end(1), m.group(1), site.name, (), props))
    return out


#: What may not stand before / after a site's short form ("U of M" inside a longer name).
_NOT_BEFORE_SHORT = re.compile(r"[\w&.’'-]")
_NOT_AFTER_SHORT = re.compile(r"[\w&’'-]|\s+[^\W\d_a-z]")


def _inner(doc: Doc, site: Mention, mentions: list[Mention]) -> list[SiteLink]:
    """A parent inside the name: "X Hospital of Y University", "Y University X Hospital"."""
    text = site.text
    out = []
    m = re.search(
        # sites.health_system: "X Cancer Institute of Y Health System" nests like a university.
        r"\b(?:of|at)\s+(?:the\s+)?((?:[^\W\d_a-z][\w\-’']*\s+)*?(?:University|College|"
        r"Institutes?|Academy|Health System|Healthcare System)"
        r"(?:\s+of\s+[^\W\d_a-z][\w\-]*(?:\s+(?:(?:and|&)\s+)?[^\W\d_a-z][\w\-]*)*)?)$",
        text,
    )
    own = text[: m.start()] if m else ""
    if (
        m
        and m.start(1) > 0
        and _ANY_HEAD.search(own)
        and not own.rstrip().endswith("Academy")
        # "University of X College of Medicine": the first "of" belongs to the university.
        and not re.fullmatch(r"(?:The\s+)?University\s+", own)
    ):
        s = site.start + m.start(1)
        kind = "network" if m.group(1).endswith("System") else "university"
        parent = Mention("Site", s, site.end, m.group(1), m.group(1), (), {"kind": kind})
        mentions.append(parent)
        out.append(SiteLink(site, parent, "of"))
        # "Ruijin Hospital of Y University": a hospital with a name of its own stands alone.
        own_name = own.strip()
        own_words = own_name.split()
        if (
            re.search(r"\b(?:Hospital|Institute|Clinic|Infirmary|Center|Centre|College)$", own_name)
            # sites.field_named_unit: "Institute of Hematology & Blood Diseases Hospital of the
            # Y Academy": an own name with an of-field that ends in a head of its own.
            and (" of " not in own_name or _ANY_HEAD.search(own_name.rsplit(" of ", 1)[1]))
            and any(w not in _GENERIC_OWN for w in own_words[:-1])
        ):
            site.forms = (*site.forms, site.name)
            site.end = site.start + len(own_name)
            site.text = site.name = own_name
            site.props = {**site.props, "kind": _kind(own_name)}
    # "Mayo Clinic Alzheimer's Disease Research Center": a centre of the clinic.
    m = re.match(
        r"((?:[^\W\d_a-z][\w\-]*\s+)+(?:Clinic|Hospital|Institute|University))\s+(?=[^\W\d_a-z])",
        text,
    )
    if (
        m
        and m.group(1).endswith("University")
        and re.fullmatch(r"(?:Medical|Health Sciences?) Cent(?:er|re)", text[m.end() :])
    ):
        # "Utrecht University Medical Center": one site, like "X University Hospital";
        # sites.health_sciences_center: "X State University Health Sciences Center" too.
        m = None
    # sites.branch_place: "Melanoma Institute Australia" is one site: the centre needs a
    # head of its own after the parent's name.
    if (
        m
        and _kind(text) in {"centre", "institute"}
        and m.group(1) != text
        and _ANY_HEAD.search(text, m.end())
    ):
        parent = Mention(
            "Site",
            site.start,
            site.start + len(m.group(1)),
            m.group(1),
            m.group(1),
            (),
            {"kind": _kind(m.group(1))},
        )
        mentions.append(parent)
        # A university only named inside the centre's name is not where the person works.
        how = "inner" if m.group(1).endswith("University") else "unit"
        out.append(SiteLink(site, parent, how))
    # sites.university_in_hospital_name: "Pusan National University Yangsan Hospital", "X State
    # University Teaching Hospital": a university named only inside a hospital's name is no site
    # of its own (GUIDELINES: optional; annotators leave it out); named alone, it is found alone.
    return out


_OF_SPLIT = re.compile(r" of (?:the )?")


def _unit_of_institution(site: Mention, mentions: list[Mention]) -> list[SiteLink]:
    """sites.unit_of_institution: "MS Centre Rivertown of Rivertown UMC", "Heart Institute of
    Eastvale Clinic", "Centro Clinico X of Fondazione Y IRCCS": a unit with a name and head of
    its own "of" a named institution are two sites, the unit PART_OF the institution (GUIDELINES:
    "X of Y"). Not a place tail ("Children's Hospital of Chicago", "University of X"), not a
    generic unit ("Second Affiliated Hospital of Y", kept whole)."""
    for m in _OF_SPLIT.finditer(site.text):
        own, parent = site.text[: m.start()], site.text[m.end() :]
        unit = _unit_name(own.split())
        generic = not unit and _generic_centre(own.split())
        if not ((unit or generic) and _institution_name(parent.split())):
            continue
        s = site.start + m.end()
        par = Mention("Site", s, site.end, parent, parent, (), {"kind": _kind(parent)})
        mentions.append(par)
        if generic:  # the unit keeps its whole name: "Clinical Research Center" alone is none
            return [SiteLink(site, par, "at")]
        site.forms = (*site.forms, site.name)
        site.end = site.start + len(own)
        site.text = site.name = own
        site.props = {**site.props, "kind": _kind(own)}
        return [SiteLink(site, par, "at")]
    return []


def _unit_name(toks: list[str]) -> bool:
    """A unit's own name: a head after a word of its own, or a head-first name, ending at most
    one place word after its last head, with a word that is not generic."""
    heads = [k for k in range(len(toks)) if _head_ok(toks, k)]
    head_first = bool(toks) and toks[0] in _HEAD_FIRST and "of" not in toks
    if not heads or "of" in toks[heads[-1] :]:
        return False
    if not head_first and (heads[-1] == 0 or len(toks) - heads[-1] > 2):
        return False
    return any(_base(w) not in _GENERIC_OWN | _HEADS | _CONNECT for w in toks)


def _generic_centre(toks: list[str]) -> bool:
    """sites.generic_centre_of: "Clinical Research Center of Y Cancer Hospital": a centre
    named only by generic words is a unit of the institution after "of", named in full (a
    generic hospital, "Second Affiliated Hospital of Y", is a hospital of its own)."""
    return (
        len(toks) >= 2
        and toks[-1] in {"Center", "Centre"}
        and all(_base(w) in _GENERIC_OWN for w in toks)
    )


def _institution_name(toks: list[str]) -> bool:
    """An institution's name with a head word of its own, not a bare place or a lone head."""
    return (
        len(toks) >= 2
        and toks[0][:1].isupper()
        and any(_head_ok(toks, k) for k in range(len(toks)))
        and not _all_generic(" ".join(toks))
    )


def _kind(name: str) -> str:
    words = re.findall(r"[A-Za-z]+", name.split(" of ")[0])
    for w in reversed(words):
        if w in {"Hospital", "Hospitals", "Infirmary", "Klinikum", "Polyclinic"}:
            return "hospital"
        if w in {"Clinic"}:
            return "hospital"
        if w in {"Center", "Centre"}:
            return "centre"
        if w in {"Institute", "Institutes"}:
            return "institute"
        if w in {"University", "College", "School", "Campus", "Universität", "Université"}:
            return "university"
        if w in {"Network", "System"}:
            return "network"
    return "institute"
