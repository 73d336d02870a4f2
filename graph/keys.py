"""The lookup keys of an entity: what `(:NameKey)-[:NAMES]->` links, and resolution joins on.

Why in one place: the writer, the migration and resolution must agree on them, or a node
written today would not meet the node a migrated graph holds. Every key is a name folded by
`ontology.name_key`, plus a few type-specific forms, each a rule that generalizes:

- codes of drugs and targets without their punctuation ("AMG 451" = "AMG-451" = "amg451",
  "Bcl-2" = "BCL2"): a name with a digit is a code or symbol, and writers punctuate them freely;
- a company's id core: the extractor keys companies on their name without legal suffixes
  and corporate words ("Roche Group" -> roche), so the core meets the plain name elsewhere;
- a company's canonical name from the company name lexicon (graph/data/company_names.json):
  regional names, the company's own abbreviation and former names of one company
  ("MSD" = "Merck Sharp & Dohme" = "Merck & Co.", "BeiGene" -> "BeOne Medicines"), which
  share no key otherwise or only a short form that never joins on its own;
- diseases in American spelling ("generalised" = "generalized", "leukaemia" = "leukemia",
  "tumour" = "tumor"): British and American texts name the same disease;
- a disease's name folded (`disease_fold`): eponym possessives, hyphens and other
  punctuation as spaces ("Crohn's disease" = "Crohn disease", "non-small-cell" = "non-small
  cell"), the spelling of one name;
- a disease's canonical name from the disease name lexicon (graph/data/disease_names.json):
  synonyms, renamed diseases and an infection named by its pathogen ("myositis" =
  "idiopathic inflammatory myopathy", "NASH" -> "MASH", "SARS-CoV-2 infection" = "COVID-19"),
  never a class with its member ("eczema" / "atopic dermatitis") nor a disease with its subtype;
- a disease's name without the state qualifiers before it (`without_state_qualifiers`):
  words that say how severe, how far along or how well controlled one patient's disease is
  ("compensated cirrhosis" -> "cirrhosis", "moderately to severely active ulcerative colitis"
  -> "ulcerative colitis"), the annotation guidelines' qualifier variants ("grade 2 glioma" is
  "glioma"). Words that say which kind of disease it is (a biomarker, an organ, "chronic",
  "relapsing") make a subtype, its own node, and are not dropped ("liver fibrosis",
  "chronic migraine" keep their own keys only);
- a disease's or target's name without an abbreviation defined inside it
  (`without_inline_abbreviation`: "gastroesophageal junction (GEJ) adenocarcinoma" ->
  "gastroesophageal junction adenocarcinoma", "glucagon-like peptide-1 (GLP-1) receptor"):
  a text defines the short form where it first writes the name, other texts write the name
  alone;
- a trial's registry id and acronym (one trial, one node);
- external identifiers of drugs and targets (HGNC:..., ChEMBL...), strong keys by nature.
  Disease xrefs are not keys: a subtype may carry its parent's MeSH term.

`ligand_keys` names the keys of a receptor that are its ligand ("amylin" beside "amylin
receptor"): a document may write a receptor by its ligand's name ("GLP-1 agonists"), but the
ligand is a molecule of its own (the annotation guidelines make it a Target apart), so
resolution does not join a receptor to another node on them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from graph import ontology

TRIAL_KEY_PROPERTIES = ("registryId", "acronym")
_XREF_LABELS = frozenset({"Drug", "Target"})
_CODE_LABELS = frozenset({"Drug", "Target"})


#: British -> American spellings of medical words (the same folds the extractor's disease
#: key makes, plus -ise/-ised -> -ize/-ized).
_SPELLING = (
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"(?<=[a-z])ae(?=m)|\bae|(?<=h)ae|(?<=p)ae(?=d)|(?<=c)ae(?=c)"), "e"),
    (re.compile(r"\boe(?=[sd])|(?<=rh)oe|(?<=c)oe(?=l)"), "e"),
    (re.compile(r"(?<=[a-z]{3})is(?=(?:e|ed|ing|ation)\b)"), "iz"),
)


def american(key: str) -> str:
    """A key in American spelling: "generalised myasthenia gravis" -> "generalized ..."."""
    for pattern, replacement in _SPELLING:
        key = pattern.sub(replacement, key)
    return key


def trial_keys(props: Mapping[str, Any]) -> list[str]:
    """A trial's identity keys: its registry id and its acronym, folded like every name key."""
    values = [props.get(p) for p in TRIAL_KEY_PROPERTIES]
    return [k for v in values if isinstance(v, str) and (k := ontology.name_key(v))]


#: What follows a ligand's name in its receptor's: "receptor", perhaps with the ligand's
#: abbreviation before it ("... polypeptide (gip) receptor") and a subunit after it.
_RECEPTOR_TAIL = re.compile(r"[\W_]+(?:\(?[\w-]{1,8}\)?\s+)?receptors?(?:\s+\w+)?")


def ligand_keys(keys: Iterable[str]) -> set[str]:
    """The keys among `keys` (one node's) that name the ligand of a receptor the node also
    names: "amylin" beside "amylin receptor", "gip" beside "gip receptor"."""
    keys = set(keys)
    return {
        k
        for k in keys
        for other in keys
        if other.startswith(k) and _RECEPTOR_TAIL.fullmatch(other, len(k)) is not None
    }


def compact(key: str) -> str:
    """A code's key without punctuation or spaces: "amg 451" -> "amg451"."""
    return re.sub(r"[\W_]+", "", key)


_COMPANY_NAMES = Path(__file__).parent / "data" / "company_names.json"
#: Legal suffixes a company name is written with or without ("Co" and "Company" stay:
#: "Merck & Co." is a name, not "Merck" with a suffix).
_LEGAL_SUFFIXES = frozenset(
    "inc ltd corp corporation llc plc ag sa gmbh limited incorporated bv nv se kk spa srl "
    "as ab oy asa aps pte pty lp llp".split()
)
_DOTTED_SUFFIX = re.compile(r"\b(?:a/s|s\.a\.|s\.p\.a\.|n\.v\.|b\.v\.|s\.r\.l\.)")


def company_fold(name: str) -> str:
    """A company name as the lexicon compares it: case, punctuation, "&" and legal suffixes
    folded ("Merck & Co., Inc." -> "merck and co", "Italfarmaco S.p.A." -> "italfarmaco")."""
    text = _DOTTED_SUFFIX.sub(lambda m: re.sub(r"[./]", "", m.group(0)), name.casefold())
    words = re.sub(r"[^\w\s]|_", " ", text.replace("&", " and ")).split()
    if words[:1] == ["the"]:
        words = words[1:]
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


_DISEASE_NAMES = Path(__file__).parent / "data" / "disease_names.json"
_POSSESSIVE = re.compile(r"(?<=\w)['’]s?(?=\s|$)")


def disease_fold(name: str) -> str:
    """A disease name as the disease lexicon compares it: case, British spelling, eponym
    possessives and punctuation folded ("Crohn's Disease" -> "crohn disease", "Non-Small-Cell
    Lung Cancer" -> "non small cell lung cancer", "Graves' orbitopathy" -> "graves orbitopathy")."""
    text = _POSSESSIVE.sub("", ontology.name_key(name).replace("’", "'"))
    return american(" ".join(re.sub(r"[^\w\s]|_", " ", text).split()))


@cache
def _disease_lexicon() -> dict[str, Any]:
    return json.loads(_DISEASE_NAMES.read_text(encoding="utf-8"))


@cache
def disease_canonical_names() -> dict[str, str]:
    """Folded disease name -> the lookup key of its group's canonical name (the lexicon)."""
    out: dict[str, str] = {}
    for group in _disease_lexicon()["groups"]:
        canonical = ontology.name_key(group[0])
        for name in group:
            out[disease_fold(name)] = canonical
    return out


@cache
def _state_qualifiers() -> tuple[frozenset[str], ...]:
    spec = _disease_lexicon()["state_qualifiers"]
    return (
        frozenset(disease_fold(w) for w in spec["words"]),
        frozenset(spec["joiners"]),
        frozenset(disease_fold(p) for p in spec["part_of_name"]),
        frozenset(disease_fold(g) for g in spec["generic"]),
        frozenset(spec["subtype_words"]),
    )


def without_state_qualifiers(name: str) -> str | None:
    """A disease's folded name without the state qualifiers before it ("compensated cirrhosis"
    -> "cirrhosis"), or None when it has none, when what is left is no disease of its own
    ("active disease"), when the words are part of the name ("severe combined
    immunodeficiency"), or when what is left names a subtype ("advanced HER2-positive breast
    cancer", perhaps an alias of "breast cancer": its key must not join the subtype's node)."""
    phrases, joiners, part_of_name, generic, subtype_words = _state_qualifiers()
    folded = disease_fold(name)
    if any(folded == p or folded.startswith(p + " ") for p in part_of_name):
        return None
    words = folded.split()

    def qualifier_at(i: int) -> int:
        """How many words of a state qualifier start at word i (0: none)."""
        return max((n for n in range(1, 4) if " ".join(words[i : i + n]) in phrases), default=0)

    i = 0
    while i < len(words) - 1:
        n = qualifier_at(i)
        if not n and i > 0 and words[i] in joiners:
            n = qualifier_at(i + 1) and 1 + qualifier_at(i + 1)
        if not n:
            break
        i += n
    rest = " ".join(words[i:])
    if i == 0 or not rest or rest in generic or subtype_words.intersection(words[i:]):
        return None
    return rest


def disease_parent_keys(name: str, keys: Iterable[str]) -> set[str]:
    """The keys among `keys` (one disease node's) that name the parent of the node's `name`:
    its name with the words that say which kind of disease it is left out ("small cell lung
    cancer" of "extensive-stage small-cell lung cancer", "lung cancer" of "non-small cell lung
    cancer", "cirrhosis" of "MASH cirrhosis"). A text may write a subtype by its parent's
    name once it has said which one it means, but the parent is a disease of its own: such a
    key names the node in its document and never joins it to the parent's node. The name
    without state qualifiers only ("cirrhosis" of "compensated cirrhosis") is the same
    disease, not a parent."""
    full = disease_fold(name)
    same = without_state_qualifiers(full)
    out = set()
    for key in keys:
        folded = disease_fold(key)
        if folded != full and folded != same and full.endswith(" " + folded):
            out.add(key)
    return out


@cache
def company_canonical_names() -> dict[str, str]:
    """Folded company name -> the lookup key of its group's canonical name (the lexicon)."""
    data = json.loads(_COMPANY_NAMES.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for group in data["groups"]:
        canonical = ontology.name_key(group[0])
        for name in group:
            out[company_fold(name)] = canonical
    return out


#: A parenthesis inside a name (text follows it), with the space before it.
_INLINE_PARENTHESIS = re.compile(r"\s*\([^()]*\)(?=\s*\S)")
_INLINE_ABBREVIATION_LABELS = frozenset({"Disease", "Target"})


def without_inline_abbreviation(name: str) -> str:
    """`name` without a parenthesis inside it ("gastroesophageal junction (GEJ)
    adenocarcinoma" -> "gastroesophageal junction adenocarcinoma"); a parenthesis at the end
    is left alone (it may be the whole point: "Factor VIII (FVIII)" is handled as an alias)."""
    return _INLINE_PARENTHESIS.sub("", name)


def lookup_keys(
    label: str, entity_id: str, names: Iterable[str], props: Mapping[str, Any] | None = None
) -> list[str]:
    """Every key of a `label` entity with this id, names (name and aliases) and properties."""
    props = props or {}
    names = list(names)
    if label in _INLINE_ABBREVIATION_LABELS:
        names += [short for n in names if n and (short := without_inline_abbreviation(n)) != n]
    keys = {k for k in map(ontology.name_key, names) if k}
    if label in _CODE_LABELS:
        keys |= {c for k in list(keys) if any(ch.isdigit() for ch in k) and (c := compact(k))}
    if label == "Disease":
        keys |= {american(k) for k in list(keys)}
        # Every key folds to one of `folded` (and stripped names are already folded), so the
        # lexicon is asked once per folded name, not once per key folded again.
        folded = {disease_fold(k) for k in keys}
        folded |= {s for k in folded if (s := without_state_qualifiers(k))}
        keys |= folded
        lexicon = disease_canonical_names()
        keys |= {c for k in folded if (c := lexicon.get(k))}
    if label == "Company" and ":" in entity_id:
        core = ontology.name_key(entity_id.split(":", 1)[1].replace("-", " "))
        if core:
            keys.add(core)
    if label == "Company":
        lexicon = company_canonical_names()
        keys |= {c for k in list(keys) if (c := lexicon.get(company_fold(k)))}
    if label == "Trial":
        keys.update(trial_keys(props))
    if label in _XREF_LABELS:
        keys |= {ontology.name_key(x) for x in props.get("xrefs") or () if isinstance(x, str)}
    return sorted(k for k in keys if k)


#: The properties `lookup_keys` reads (a trial's registry id and acronym, xrefs).
KEY_PROPERTIES = (*TRIAL_KEY_PROPERTIES, "xrefs")


def lookup_keys_cached(
    label: str, entity_id: str, names: Iterable[str], props: Mapping[str, Any] | None = None
) -> list[str]:
    """`lookup_keys`, remembered: a loader meets the same company, target or disease, by the
    same names, in thousands of documents, and folding its names again each time was a
    sixth of the writer's Python time. Keyed on exactly what `lookup_keys` reads."""
    props = props or {}
    relevant = tuple(
        (p, tuple(v) if isinstance(v, list) else v)
        for p in KEY_PROPERTIES
        if (v := props.get(p)) is not None
    )
    names = tuple(names)
    try:
        return list(_lookup_keys(label, entity_id, names, relevant))
    except TypeError:  # a value that cannot be a cache key (the model allows none today)
        return lookup_keys(label, entity_id, names, props)


@lru_cache(maxsize=65536)
def _lookup_keys(
    label: str, entity_id: str, names: tuple[str, ...], props: tuple[tuple[str, Any], ...]
) -> tuple[str, ...]:
    return tuple(
        lookup_keys(
            label, entity_id, names, {p: list(v) if isinstance(v, tuple) else v for p, v in props}
        )
    )
