"""An affiliation line ("Dept of X, University of Y, 01100 City, Italy.") to a Site.

Why a heuristic: bibliographic affiliations are free-form strings. The
institution is the last comma-separated part that names an institution (a
department comes before its university); the country is the last part and the
city the one before it, without postcodes, e-mail addresses or US state codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_INSTITUTION = re.compile(
    r"(?i)\b(?:universit\w*|universidad|universidade|università|hospital\w*|hôpital|ospedale|"
    r"klinik\w*|clinic\w*|institut\w*|istituto|college|school of medicine|medical school|"
    r"cent(?:er|re)|foundation|fundaci[oó]n|academy|laborator(?:y|ies)|"
    r"research council|ministry|agency|charité|karolinska|inserm|cnrs)\b"
)
_SUB_UNIT = re.compile(
    r"(?i)^(?:(?:the\s+)?(?:dep(?:artment|t\.?)|dipartimento|departamento|division|unit|section|"
    r"service|laboratory|lab|program(?:me)?|group|chair|faculty|school)\b)"
)
_EMAIL = re.compile(r"\S+@\S+")
_COUNTRY_ALIASES = {
    "usa": "United States",
    "u.s.a": "United States",
    "us": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "u.k": "United Kingdom",
    "england": "United Kingdom",
    "scotland": "United Kingdom",
    "wales": "United Kingdom",
    "northern ireland": "United Kingdom",
    "the netherlands": "Netherlands",
    "p.r. china": "China",
    "pr china": "China",
    "people's republic of china": "China",
    "korea": "South Korea",
    "republic of korea": "South Korea",
}
_NOT_CITY = {"scotland", "england", "wales", "northern ireland"}


@dataclass(frozen=True)
class Affiliation:
    """The institution an affiliation names, with its city and country when given."""

    institution: str
    city: str | None
    country: str | None


def _parts(text: str) -> list[str]:
    text = _EMAIL.sub("", text).strip().rstrip(".;").strip()
    return [p.strip(" .;") for p in text.split(",") if p.strip(" .;")]


def _without_postcode(part: str) -> str:
    words = [w for w in part.split() if not any(c.isdigit() for c in w)]
    return " ".join(words).strip("- ")


def _country(part: str) -> str | None:
    name = _without_postcode(part)
    if not name or len(name) > 40:
        return None
    return _COUNTRY_ALIASES.get(name.lower().rstrip("."), name)


def parse_affiliation(text: str) -> Affiliation | None:
    """The affiliation's institution, city and country; None when no part names an institution."""
    parts = _parts(text)
    if not parts:
        return None
    named = [i for i, p in enumerate(parts) if _INSTITUTION.search(p) and not _SUB_UNIT.match(p)]
    named = named or [i for i, p in enumerate(parts) if _INSTITUTION.search(p)]
    if not named:
        return None
    index = named[-1]
    institution = _without_postcode(parts[index]) or parts[index]
    rest = parts[index + 1 :]
    country = _country(rest[-1]) if rest else None
    city = None
    for part in reversed(rest[:-1]):
        candidate = _without_postcode(part)
        if not candidate or candidate.lower() in _NOT_CITY:
            continue
        if re.fullmatch(r"[A-Z]{2}", candidate):  # a US state or province code
            continue
        city = candidate
        break
    return Affiliation(institution, city, country)


def site_kind(name: str) -> str | None:
    """The ontology's Site.kind for an institution's name, when the name says it."""
    low = name.lower()
    for word, kind in (
        ("hospital", "hospital"),
        ("hôpital", "hospital"),
        ("ospedale", "hospital"),
        ("clinic", "hospital"),
        ("klinik", "hospital"),
        ("universit", "university"),
        ("college", "university"),
        ("institut", "institute"),
        ("istituto", "institute"),
        ("center", "centre"),
        ("centre", "centre"),
    ):
        if word in low:
            return kind
    return None
