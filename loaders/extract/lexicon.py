"""The shipped vocabulary and lexicon, loaded once, and a fast dictionary matcher.

`vocabulary.json` holds generic word lists the rules use (stems, suffixes,
stoplists); `lexicon.json` (and, when built, `lexicon.compiled.json.gz`) hold
known names of targets and diseases with identifiers. Matching uses one
Aho-Corasick automaton over lower-cased text with whole-word checks; short
symbols and abbreviations must also match case exactly, so "RA" is found but
"ra" is not.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick_rs

from loaders.extract.text import is_word_boundary
from loaders.extract.wordlists import vocabulary

DATA = resources.files("loaders.extract") / "data"


@dataclass(frozen=True)
class LexEntry:
    type: str
    name: str
    aliases: tuple[str, ...]
    xrefs: tuple[str, ...]


@dataclass(frozen=True)
class LexHit:
    entry: LexEntry
    start: int
    end: int
    text: str


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _case_sensitive(form: str) -> bool:
    """Short or mixed-case symbols (RA, FcRn, PD-1) must match their case exactly."""
    letters = [c for c in form if c.isalpha()]
    return len(form) <= 5 or sum(c.isupper() for c in letters) >= 2


class Lexicon:
    """Known names of one or more entity types, matched as whole words."""

    def __init__(self, entries: list[LexEntry]):
        self.entries = entries
        self._forms: list[tuple[str, LexEntry, bool]] = []
        seen: set[str] = set()
        for entry in entries:
            for form in (entry.name, *entry.aliases):
                low = form.lower()
                if len(form) < 2 or (low, entry.type) in seen:
                    continue
                seen.add((low, entry.type))
                self._forms.append((form, entry, _case_sensitive(form)))
        self._matcher = ahocorasick_rs.AhoCorasick(
            [f.lower() for f, _, _ in self._forms],
            matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        )

    def find(self, text: str) -> list[LexHit]:
        """Every whole-word occurrence of a known name."""
        low = _lower_same_length(text)
        hits = []
        for idx, start, end in self._matcher.find_matches_as_indexes(low):
            form, entry, exact = self._forms[idx]
            surface = text[start:end]
            if exact and surface != form:
                continue
            if not is_word_boundary(text, start, end):
                continue
            hits.append(LexHit(entry, start, end, surface))
        return hits


@lru_cache
def _compiled() -> dict:
    compiled = DATA / "lexicon.compiled.json.gz"
    if not compiled.is_file():
        return {}
    return json.loads(gzip.decompress(compiled.read_bytes()).decode("utf-8"))


def _automaton(forms: list[str]) -> ahocorasick_rs.AhoCorasick | None:
    """One leftmost-longest automaton over `forms` (None when there are none)."""
    if not forms:
        return None
    return ahocorasick_rs.AhoCorasick(forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


class BrandLexicon:
    """Drug brand names (compiled by scripts/build_lexicon.py), matched only as
    capitalised ("Keytruda") or upper-case ("KEYTRUDA") whole words."""

    def __init__(self, rows: list[list]):
        self.rows = {}
        for brand, inn, xrefs in rows:
            self.rows[brand] = (inn, tuple(xrefs))
            self.rows[brand.upper()] = (inn, tuple(xrefs))
        self._forms = list(self.rows)
        self._matcher = _automaton(self._forms)

    def find(self, text: str) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
        """(start, end, brand as written, INN, xrefs) for each brand in `text`."""
        if self._matcher is None:
            return []
        out = []
        for idx, start, end in self._matcher.find_matches_as_indexes(text):
            if is_word_boundary(text, start, end):
                form = self._forms[idx]
                inn, xrefs = self.rows[form]
                out.append((start, end, text[start:end], inn, xrefs))
        return out


@lru_cache
def brands() -> BrandLexicon:
    """The compiled brand lexicon (empty when the data file is absent)."""
    return BrandLexicon(_compiled().get("DrugBrand", []))


class GenericLexicon:
    """Generic drug names (INNs) from the compiled lexicon, matched as whole words written
    in lower case, capitalised at a sentence start, or in upper case ("CYCLOPHOSPHAMIDE")."""

    def __init__(self, rows: list[list]):
        self.rows = {name: tuple(xrefs) for name, xrefs in rows}
        self._forms = list(self.rows)
        self._matcher = _automaton(self._forms)

    def find(self, text: str) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
        """(start, end, name as written, generic name, xrefs) for each generic in `text`."""
        if self._matcher is None:
            return []
        low = _lower_same_length(text)
        out = []
        for idx, start, end in self._matcher.find_matches_as_indexes(low):
            surface = text[start:end]
            if not is_word_boundary(text, start, end):
                continue
            if text[end : end + 1] == "-" or text[start - 1 : start] == "-":
                continue  # part of a longer hyphenated name or code
            if not (surface.islower() or surface.isupper() or surface[1:].islower()):
                continue
            name = self._forms[idx]
            out.append((start, end, surface, name, self.rows[name]))
        return out


@lru_cache
def generics() -> GenericLexicon:
    """The compiled generic-name lexicon (empty when the data file is absent), with the
    international spellings of generics it lists only under their US names ("paracetamol",
    "ciclosporin", "rifampicin"): news outside the US writes these."""
    rows = _compiled().get("DrugGeneric", [])
    known = {name for name, _ in rows}
    extra = [[name, []] for name in vocabulary()["generic_spelling_variants"] if name not in known]
    return GenericLexicon(rows + extra)


def _entries() -> list[LexEntry]:
    out = []
    sources = [json.loads((DATA / "lexicon.json").read_text(encoding="utf-8")), _compiled()]
    for data in sources:
        for etype, rows in data.items():
            if etype.startswith("_") or etype in ("DrugBrand", "DrugGeneric"):
                continue
            for name, aliases, xrefs in rows:
                out.append(LexEntry(etype, name, tuple(aliases), tuple(xrefs)))
    return out


@lru_cache
def lexicon() -> Lexicon:
    """The known-names lexicon (built once per process)."""
    return Lexicon(_entries())


def load_all() -> float:
    """Load everything up front; returns nothing useful but the time it took (for benchmarks)."""
    import time

    t0 = time.perf_counter()
    vocabulary()
    lexicon()
    brands()
    generics()
    return time.perf_counter() - t0
