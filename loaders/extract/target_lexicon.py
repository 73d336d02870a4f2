"""Targets found through a gene/protein lexicon where a mechanism cue ties them to a drug.

The rule-based finder in `targets.py` knows mechanism phrases but needs a
symbol-shaped token right beside them. Analysts also write "binds site IV of
HER2", "silences APOC3", "binds both EGFR and HER3", "a BCMA-directed therapy",
"an EGFR×HER3 bispecific". Here a symbol counts when it is a known human
gene/protein (HGNC approved, alias or previous symbol, compiled by
scripts/build_lexicon.py, or one of a few curated protein names HGNC does not
use) AND a mechanism cue links it to the drug: a verb before it in the same
clause, a "-targeted/-directed" suffix, or a bispecific "A×B" pair. A symbol
named as a biomarker ("EGFR-mutant", "HER2-positive", "PD-L1 expression")
stays out.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache

from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.cues import Cue, finditer
from loaders.extract.lexicon import DATA, lexicon
from loaders.extract.model import Mention

#: Protein names drug makers use that are not HGNC symbols (generic, not per article).
_CURATED: list[tuple[str, str, str]] = [
    (r"[Cc]laudin[- ]?18\.2|CLDN18\.2", "claudin 18.2", "HGNC:2039"),
    (r"[Cc]laudin[- ]?6|CLDN6", "claudin 6", "HGNC:2048"),
    (r"apolipoprotein ?\(a\)|[Aa]po\(a\)", "apolipoprotein(a)", "HGNC:6667"),
    (r"lipoprotein ?\(a\)|Lp\(a\)", "apolipoprotein(a)", "HGNC:6667"),
    (r"RSV (?:fusion \(F\) |F |fusion )protein|F protein", "RSV F protein", ""),
    (r"TROP-?2|Trop-?2", "TROP2", "HGNC:11530"),
    (r"CD3", "CD3", "HGNC:1674"),
    (r"GLP-1", "GLP-1", "HGNC:4324"),
    (r"B7-H3|B7-H4", "", ""),
    (r"[Nn]ectin-4", "nectin-4", "HGNC:19688"),
    (r"transthyretin|TTR", "transthyretin", "HGNC:12405"),
    # Full protein names written without a symbol (enzymes, complement, clotting proteins).
    (r"plasma kallikrein", "plasma kallikrein", "HGNC:6371"),
    (r"complement (?:component )?C1s", "C1s", "HGNC:1247"),
    (r"complement (?:component )?C3", "C3", "HGNC:1318"),
    (r"complement (?:component )?C5", "C5", "HGNC:1331"),
    (r"antithrombin(?: III)?", "antithrombin", "HGNC:775"),
    (r"tissue factor pathway inhibitor", "TFPI", "HGNC:11760"),
    (r"transferrin receptor(?: 1)?", "transferrin receptor 1", "HGNC:11763"),
    (r"phosphodiesterase[- ]?3|PDE3", "phosphodiesterase 3", ""),
    (r"phosphodiesterase[- ]?4|PDE4", "phosphodiesterase 4", ""),
    (r"phosphodiesterase[- ]?5|PDE5", "phosphodiesterase 5", ""),
    (r"Bruton(?:['’]s)? tyrosine kinase", "BTK", "HGNC:1133"),
    (r"tumou?r necrosis factor(?:[- ]alpha|[- ]α)?", "TNF", "HGNC:11892"),
    (r"(?:beta|β)-amyloid|amyloid[- ](?:beta|β)", "amyloid beta", "HGNC:620"),
]
_CURATED_RE = re.compile("|".join(f"(?:{p})" for p, _, _ in _CURATED))
_CURATED_ONE = [(re.compile(p + "$"), n, x) for p, n, x in _CURATED]


@lru_cache
def hgnc_symbols() -> dict[str, list[str]]:
    """Symbol as written -> [approved symbol, HGNC id] (empty when the file is absent)."""
    path = DATA / "targets.hgnc.json.gz"
    if not path.is_file():
        return {}
    return json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))["symbols"]


@lru_cache
def lexicon_forms() -> frozenset[str]:
    """Every name and alias of a known Target in the lexicon, lower-cased: the full protein
    names ("glucagon-like peptide-1 receptor") a rule may extend a short match to."""
    return frozenset(
        f.lower() for e in lexicon().entries if e.type == "Target" for f in (e.name, *e.aliases)
    )


def curated_name_at(text: str, start: int) -> tuple[int, str] | None:
    """(end, canonical name) of the curated full protein name that starts at `start`."""
    m = _CURATED_RE.match(text, start)
    if m is None:
        return None
    known = lookup(m.group(0))
    return (m.end(), known[0]) if known else None


def lookup(token: str) -> tuple[str, str] | None:
    """(canonical name, xref) of a known target symbol or curated protein name."""
    for rx, name, xref in _CURATED_ONE:
        if rx.match(token):
            return (name or token, xref)
    hit = hgnc_symbols().get(token)
    return (token, hit[1]) if hit else None


#: A candidate token: a symbol (HER3, PD-L1, IL-17A, FcRn) or a curated protein name.
_TOKEN = re.compile(
    r"(?<![\w-])(" + _CURATED_RE.pattern + r"|[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![\w])"
)
#: Mechanism verbs and nouns whose object (within the clause) is what the drug acts on.
_CUE = re.compile(
    # The lookahead (first letters of the alternatives) only lets the engine skip other words.
    r"\b(?=(?i:[abdeiklnrst]))"
    r"(?i:binds?|binding to|targets|targeting|targeted against|directed (?:against|at|to)|"
    r"(?:designed|engineered|intended|developed) to (?:target|bind|block|inhibit|degrade|"
    r"activate|silence|neutrali[sz]e|stimulate|clear|remove)|activates|activating|stimulates|"
    r"inhibits|inhibiting|blocks|blocking|silenc(?:es|e|ing)|knocks? down|knocking down|"
    r"acts? on|acting on|recogni[sz]es|recogni[sz]ing|engages|engaging|neutrali[sz]es|"
    r"degrades|lowers (?:production of|levels of|the production of)?|"
    # "dramatically lowered levels of a harmful particle known as Lp(a)", "reduces levels of X".
    r"(?:lower(?:ed|ing)|reduc(?:es|ed|ing|e)) (?:the )?(?:production|levels?|concentrations?) of|"
    r"(?:ant)?agonist (?:of|at)|inhibitor of|antibody (?:to|against)|against)\b"
)
#: Every match of _CUE starts with one of these words: it is tried only there.
_CUE_WORDS = Cue(
    ["bind", "target", "directed", "designed", "engineered", "intended", "developed", "inhibit"]
    + ["block", "silenc", "knock", "act", "recogni", "engag", "neutrali", "degrades", "lower"]
    + ["reduc"]
    + ["agonist", "antagonist", "antibody", "against"],
    ignore_case=True,
    pattern=_CUE,
    lead=0,
)
_ACTION_OF = {
    "agonist": "agonist",
    "antagonist": "antagonist",
    "inhibit": "inhibitor",
    "block": "blocker",
    "silenc": "silencer",
    "knock": "silencer",
    "degrad": "degrader",
    "activat": "agonist",
    "stimulat": "agonist",
    "neutrali": "antagonist",
    "bind": "binder",
}
#: Where a cue's object ends: a new clause, the population, a comparison.
_STOP = re.compile(
    r"[.;:!?]|\b(?:in|for|with|who|which|that|while|whereas|patients?|people|adults?|but|than|"
    r"versus|vs|compared|and (?:is|was|has|had|will|can|may|could|reduce[sd]?|lower(?:s|ed)?))\b"
)
#: A biomarker use of a symbol: "EGFR-mutant", "HER2-positive", "PD-L1 expression".
_BIOMARKER_AFTER = re.compile(
    r"(?:-| )(?:mutant|mutated|mutations?|positive|negative|expressing|expression|low|high|"
    r"amplified|amplification|altered|alterations?|driven|rearranged|fusions?|status|"
    r"levels?|deficient|overexpressing|variants?|[A-Z]\d+[A-Z])\b"
)
#: The symbol before "-directed", also closing its abbreviation: "antigen 2 (TROP2)-directed".
_TOKEN_BEFORE = re.compile("(" + _CURATED_RE.pattern + r"|[A-Za-z][A-Za-z0-9-]*)(\)?)$")
_SUFFIX = re.compile(r"[-– ](?:targeted|targeting|directed|specific)\b")
_SUFFIX_CUE = Cue(["targeted", "targeting", "directed", "specific"], pattern=_SUFFIX, lead=1)
_FULL_NAME_CLASS = re.compile(
    r"(" + "|".join(p for p, _, _ in _CURATED if " " in p) + r") (inhibitor|antagonist|agonist|"
    r"blocker|degrader|antibody)s?\b"
)
_FULL_NAME_CLASS_CUE = Cue(
    ["inhibitor", "antagonist", "agonist", "blocker", "degrader", "antibody"],
    pattern=_FULL_NAME_CLASS,
)
_PAIR = re.compile(r"(?<![\w-])([A-Za-z0-9-]{2,12}?)\s?[×xX/]\s?([A-Za-z0-9-]{2,12})(?![\w])")


def _make(
    doc: Doc, start: int, end: int, mech: tuple[int, int], action: str | None
) -> Mention | None:
    text = doc.text[start:end]
    known = lookup(text)
    if known is None or _BIOMARKER_AFTER.match(doc.text, end):
        return None
    name, xref = known
    forms: tuple[str, ...] = ()
    rec = re.match(r" receptors?\b", doc.text[end : end + 12])
    if rec and not name.endswith("receptor"):
        end += len(" receptor")
        forms, name = (text,), f"{name} receptor"
    elif name != text:
        forms = (text,)
    props: dict = {"_mech": mech}
    if action:
        props["_action"] = action
    if xref:
        props["xrefs"] = [xref]
    return Mention("Target", start, end, doc.text[start:end], name, forms, props)


def _action(cue: str) -> str | None:
    low = cue.lower()
    return next((a for k, a in _ACTION_OF.items() if k in low), None)


#: target_mentions.full_name_object: "silences apolipoprotein C-III", "binds tumor necrosis
#: factor alpha", "targets the neonatal Fc receptor": a protein's full name (two words or
#: more, known to the lexicon) right after the cue.
_OBJECT_WORDS = re.compile(r"\s*(?:(?:to|the|both|human)\s+)*((?:[\w/()'’-]+ ?){1,8})")
_WORD_END = re.compile(r"[\w)]+(?= |$)")


def _full_name_after(
    doc: Doc, pos: int, limit: int, mech: tuple[int, int], action: str | None
) -> Mention | None:
    m = _OBJECT_WORDS.match(doc.text, pos, limit)
    if m is None:
        return None
    known = lexicon_forms()
    run = m.group(1)
    ends = [w.end() for w in _WORD_END.finditer(run)]
    for e in reversed(ends):  # the longest known name first
        words = run[:e]
        if " " in words and words.lower() in known:
            start = m.start(1)
            props: dict = {"_mech": (mech[0], start + e)}
            if action:
                props["_action"] = action
            return Mention("Target", start, start + e, words, words, (), props)
    return None


def find_lexicon_targets(doc: Doc) -> list[Mention]:
    """Known targets tied to a mechanism cue (see the module docstring)."""
    text = doc.text
    out: list[Mention] = []
    for cue in finditer(text, _CUE_WORDS):
        end = cue.end()
        stop = _STOP.search(text, end, min(len(text), end + 90))
        limit = stop.start() if stop else min(len(text), end + 90)
        # target_mentions.downstream_effect: "binds to ST2, reducing the production of
        # downstream Th2 cytokines (IL-4, IL-5)": what the blocked pathway lowers is no target.
        downstream = text.find(" downstream ", end - 1, limit)
        limit = limit if downstream < 0 else downstream
        action = _action(cue.group(0))
        items = []
        full = _full_name_after(doc, end, limit, (cue.start(), 0), action)
        if full is not None:
            items.append(full)
            end = full.end
        for tok in _TOKEN.finditer(text, end, limit):
            m = _make(doc, tok.start(1), tok.end(1), (cue.start(), tok.end(1)), action)
            if m is not None:
                items.append(m)
        # "both the GIP and GLP-1 receptors": the shared head names each a receptor.
        if len(items) > 1:
            last = items[-1]
            if last.name.endswith("receptor") and text[last.end : last.end + 1] == "s":
                for t in items[:-1]:
                    if not t.name.endswith("receptor"):
                        t.forms = (t.name, *t.forms)
                        t.name = f"{t.name} receptor"
        out.extend(items)
    # "a BCMA-directed therapy", "claudin 18.2-targeted"
    for suf in finditer(text, _SUFFIX_CUE):
        before = text[max(0, suf.start() - 30) : suf.start()]
        tok = _TOKEN_BEFORE.search(before)
        if tok:
            s = suf.start() - len(tok.group(0))
            m = _make(doc, s, s + len(tok.group(1)), (s, suf.end()), None)
            if m is not None:
                out.append(m)
    # target_mentions.full_name_class: "its Bruton's tyrosine kinase inhibitor", "a tumor
    # necrosis factor blocker": a curated full protein name right before an action noun.
    for hit in finditer(text, _FULL_NAME_CLASS_CUE):
        action = None if hit.group(2) == "antibody" else hit.group(2)  # an antibody only binds
        m = _make(doc, hit.start(1), hit.end(1), (hit.start(), hit.end()), action)
        if m is not None:
            out.append(m)
    # target_mentions.bispecific_pair: "an EGFR×HER3 bispecific", "a PD-1/VEGF bispecific",
    # "a HER2×CD3 T-cell engager".
    for pair in _PAIR.finditer(text):
        window = text[max(0, pair.start() - 30) : pair.end() + 40].lower()
        if not any(w in window for w in ("bispecific", "dual", "engager")):  # T-cell engager
            continue
        for g in (1, 2):
            m = _make(doc, pair.start(g), pair.end(g), (pair.start(), pair.end()), None)
            if m is not None:
                out.append(m)
    return out
