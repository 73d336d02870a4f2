# ruff: noqa: UP031  (regexes are built with %-formatting: str.format braces clash with {m,n})
"""Clinical trials: registry ids, acronyms, phase, design, size, sites, countries, status.

A trial is named by its registry id (NCT..., ChiCTR..., CTR..., EudraCT) or
its acronym ("the HERCULES trial", "RC48-C016 study"); a trial the text does
not name is identified by its drug and phase, so the same trial read in two
documents gets one id.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from graph.ontology import Phase
from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.cues import Cue, finditer
from loaders.extract.text import occurrences
from loaders.extract.wordlists import vocabulary

_V = vocabulary()

_REGISTRY = re.compile(
    r"\b(NCT\d{8}|ChiCTR[-\w]*\d{6,}|CTR\d{8}|ISRCTN\d{6,}|jRCT\w{8,}|EudraCT\s*(?:No\.?\s*)?"
    r"\d{4}-\d{6}-\d{2}|\d{4}-\d{6}-\d{2}|CTRI/\d{4}/\d+/\d+)\b"
)
_ACRONYM = re.compile(
    r"\b([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\s+(?:\([^)]{3,30}\)\s+)?"
    r"(?:(?:clinical|pivotal|Phase\s+\S+|phase\s+\S+|global|registrational)\s+)*"
    r"(?:trial|study|studies|Trial|Study)\b"
)
_ACRONYM_BEFORE = re.compile(
    r"\b([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?:\s*\([^)]{3,30}\))?,\s+(?:a|an|the)\s+"
    r"(?:[\w-]+,?\s+){0,6}?"
    r"(?:trial|study)\b"
)
_PHASE = re.compile(
    r"\b[Pp]hase\s+(I{1,3}V?|IV|[1-4])([ab])?(?:\s*(?:/|-|and|to)\s*(?:[Pp]hase\s+)?(I{1,3}V?|IV|[1-4])[ab]?)?\b"
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_DESIGN = re.compile(
    r"\b(randomi[sz]ed|double-blind|single-blind|open-label|placebo-controlled|multicent(?:er|re)|"
    r"multi-cent(?:er|re)|single-arm|active-controlled|crossover|dose-escalation|pivotal|"
    r"non-inferiority|head-to-head)\b",
    re.I,
)
_ENROLL = re.compile(
    r"\b(?:enroll(?:ed|s|ing)?|enrol(?:led|s)?|randomi[sz]ed|included|recruited|will enroll)\s+"
    r"(?:a total of\s+|approximately\s+|about\s+)?(\d[\d,]*)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:patients|participants|subjects|adults|people|volunteers|children)\b|\(n\s*=\s*(\d[\d,]*)\)",
    re.I,
)
_SITES = re.compile(
    r"\b(?:at|across|in)\s+(\d+)\s+(?:clinical\s+|study\s+|research\s+)?(?:sites|centers|centres|hospitals)\b"
)
_STATUS = [
    (re.compile(r"\bearly termination|terminated early|stopped early\b", re.I), "terminated early"),
    (re.compile(r"\bterminated\b", re.I), "terminated"),
    (
        re.compile(
            r"\bfirst patient (?:has been )?dosed|dos(?:ed|es) (?:the )?first patient\b", re.I
        ),
        "ongoing",
    ),
    (re.compile(r"\bcompleted\b", re.I), "completed"),
    (re.compile(r"\bongoing|recruiting|enrolling\b", re.I), "ongoing"),
]
#: Words every match of each status pattern contains (loaders/extract/cues.py), by the
#: pattern's text (an edited pattern loses its cue and is always searched): a status whose
#: words the document lacks is not looked for in the trial's sentences (each is a
#: case-blind search starting with \b, which the regex engine tries at every character).
_STATUS_WORDS = {
    r"\bearly termination|terminated early|stopped early\b": ["early"],
    r"\bterminated\b": ["terminated"],
    r"\bfirst patient (?:has been )?dosed|dos(?:ed|es) (?:the )?first patient\b": [
        "dosed",
        "doses",
    ],
    r"\bcompleted\b": ["completed"],
    r"\bongoing|recruiting|enrolling\b": ["ongoing", "recruiting", "enrolling"],
}
_STATUS_CUES = {
    p: Cue(_STATUS_WORDS[p.pattern], ignore_case=True, pattern=p)
    for p, _ in _STATUS
    if p.pattern in _STATUS_WORDS
}
_OUTCOME = re.compile(
    r"\b(?:met (?:its|the) primary endpoint|statistically significant"
    r"|positive (?:topline|interim|top-line)|failed to meet|did not meet)",
    re.I,
)
_COUNTRIES = list(_V["trial_countries"])
_COUNTRY_RE = re.compile(
    r"(?<![\w.])(%s)(?!\w)"
    % "|".join(re.escape(c) for c in sorted(_COUNTRIES, key=len, reverse=True))
)
_NOT_ACRONYMS = set(_V["trial_not_acronyms"])


@dataclass
class TrialMention:
    start: int
    end: int
    acronym: str | None = None
    registry: str | None = None


@dataclass
class TrialInfo:
    mentions: list[TrialMention] = field(default_factory=list)
    acronym: str | None = None
    registry: str | None = None
    props: dict = field(default_factory=dict)

    @property
    def label(self) -> str | None:
        return self.acronym or self.registry


def phase_of(text: str) -> tuple[str, str] | None:
    """(Phase vocabulary value, phase as written) of the first phase in `text`."""
    m = _PHASE.search(text)
    if not m:
        return None

    def num(s: str) -> int:
        return _ROMAN.get(s.upper(), 0) if not s.isdigit() else int(s)

    a = num(m.group(1))
    b = num(m.group(3)) if m.group(3) else None
    if b and b != a:
        value = {(1, 2): Phase.PHASE_1_2, (2, 3): Phase.PHASE_2_3}.get((a, b))
    else:
        value = None
    if value is None:
        value = {1: Phase.PHASE_1, 2: Phase.PHASE_2, 3: Phase.PHASE_3, 4: Phase.PHASE_4}.get(a)
    return (value.value if value else None), m.group(0)


def _is_acronym(token: str, taken: set[str]) -> bool:
    if token in _NOT_ACRONYMS or token in taken or re.fullmatch(r"[IVX]+[ab]?", token):
        return False
    uppers = sum(c.isupper() for c in token)
    return uppers >= 3 or (uppers >= 2 and any(c.isdigit() for c in token))


_WORD_OR_HYPHEN = re.compile(r"[\w-]")
_TRIAL_WORD = re.compile(r"\b(?:trial|study|studies|Trial|Study)\b")
_TRIAL_WORD_CUE = Cue(["trial", "stud", "Trial", "Study"], pattern=_TRIAL_WORD, lead=0)


def find_trials(doc: Doc, taken: set[str]) -> list[TrialInfo]:
    """Named trials of the document, most mentioned first; `taken` are other entities' names."""
    text = doc.text
    found: dict[str, TrialInfo] = {}
    for m in _REGISTRY.finditer(text):
        reg = re.sub(r"^EudraCT\s*(?:No\.?\s*)?", "", m.group(1))
        found.setdefault(reg, TrialInfo(registry=reg)).mentions.append(
            TrialMention(m.start(), m.end(), registry=reg)
        )
    acronyms: list[tuple[str, int, int]] = []
    for kw in finditer(text, _TRIAL_WORD_CUE):
        lo = max(0, kw.start() - 160)
        for pattern in (_ACRONYM, _ACRONYM_BEFORE):
            for m in pattern.finditer(text, lo, kw.end()):
                if m.end() == kw.end() and _is_acronym(m.group(1), taken):
                    acronyms.append((m.group(1), m.start(1), m.end(1)))
    names = {a for a, _, _ in acronyms}
    spans = occurrences(text, names, _WORD_OR_HYPHEN, _WORD_OR_HYPHEN)
    for name in names:
        info = found.setdefault(name, TrialInfo(acronym=name))
        for start, end in spans[name]:
            info.mentions.append(TrialMention(start, end, acronym=name))
    # An acronym with its registry id beside it: one trial.
    for name in names:
        for reg in [k for k, v in found.items() if v.registry and not v.acronym]:
            info = found[name]
            reg_starts = sorted(rm.start for rm in found[reg].mentions)
            for tm in info.mentions:
                lo = bisect.bisect_left(reg_starts, tm.end)
                hi = bisect.bisect_right(reg_starts, tm.end + 30)
                if any("(" in text[tm.end : s] for s in reg_starts[lo:hi]):
                    info.registry = reg
            if info.registry == reg:
                info.mentions.extend(found.pop(reg).mentions)
                break
    # trials.glued_acronym: an acronym whose every occurrence is glued to a hyphen ("ILD" in
    # "(ACRONYM -ILD study)") names no trial on its own (it has no mention: no crash).
    trials = sorted(
        (t for t in found.values() if t.mentions),
        key=lambda t: (-len(t.mentions), t.mentions[0].start),
    )
    for t in trials:
        t.props = describe(doc, [(m.start, m.end) for m in t.mentions])
    return trials


def describe(doc: Doc, spans: list[tuple[int, int]]) -> dict:
    """Trial properties read from the sentences that mention the trial (or the whole text)."""
    text = doc.text
    sentences = sorted({doc.sentence_at(s) for s, _ in spans}) if spans else doc.sentences
    body = " ".join(text[s:e] for s, e in sentences)
    props: dict = {}
    ph = phase_of(body) or (doc.once(phase_of) if not spans or len(sentences) < 2 else None)
    if ph and ph[0]:
        props["phase"], props["phaseText"] = ph
    design = []
    for m in _DESIGN.finditer(body):
        d = m.group(1).lower().replace("randomised", "randomized")
        if d not in design:
            design.append(d)
    if design:
        props["design"] = design
    m = _ENROLL.search(body) or doc.once(_ENROLL.search)
    if m:
        props["enrollment"] = int((m.group(1) or m.group(2)).replace(",", ""))
    m = _SITES.search(body) or doc.once(_SITES.search)
    if m:
        props["siteCount"] = int(m.group(1))
    for pattern, status in _STATUS:
        cue = _STATUS_CUES.get(pattern)
        if (cue is None or doc.has(cue)) and pattern.search(body):
            props["status"] = status
            break
    countries = []
    present = set(_COUNTRY_RE.findall(body))
    for c in (c for c in _COUNTRIES if c in present):
        name = {"US": "United States", "U.S.": "United States", "UK": "United Kingdom"}.get(c, c)
        if name not in countries:
            countries.append(name)
    if countries:
        props["countries"] = countries
    m = _OUTCOME.search(body)
    if m:
        left = max(body.rfind(". ", 0, m.start()) + 1, body.rfind("\n", 0, m.start()) + 1, 0)
        right = body.find(".", m.end())
        right = len(body) if right < 0 else right
        props["outcome"] = " ".join(body[left:right].split())[:300]
    return props
