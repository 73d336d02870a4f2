"""Document metadata read from the text: title, publication date, DOI."""

from __future__ import annotations

import hashlib
from datetime import date

from loaders.extract import fastre as re
from loaders.extract.text import finditer_at

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>[A-Z][a-z]{2,8})\.?"
_DATE_MDY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b")
_DATE_DMY = re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b")
_DATE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>\]]+)")


_BOILERPLATE = re.compile(
    r"^[ \t【\[]*(?:Related (?:Articles|Content|News|Stories|Posts|Reading)|You May Also Like|"
    r"Recommended(?: for You| Articles| Reading)?|More (?:from|News|Stories)\b.*|Most Popular|"
    r"Trending(?: Now)?|Latest News|Sign up for\b.*|Subscribe to\b.*|Share this article|"
    r"About Using Articles|Tags?:.*|Topics?:.*|Forward[- ]Looking Statements?.*|"
    r"Cautionary (?:Note|Statement).*|Safe Harbor.*|(?:Media|Investors?) (?:Contacts?|Relations|"
    r"Enquiries|Inquiries).*|Contacts?|References|Disclosures?|Sources?)[ \t】\]:]*$",
    re.M | re.I,
)


def content_end(text: str) -> int:
    """Where the article ends and site furniture (related links, sign-ups) begins.

    Only a heading in the second half of the text counts, so a "Read more"
    line in the middle of an article never cuts it short.
    """
    for m in _BOILERPLATE.finditer(text):
        if m.start() > len(text) * 0.4:
            return m.start()
    return len(text)


def document_id(text: str) -> str:
    """The content hash that identifies a document across loads."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_title(text: str) -> str:
    """The first non-empty line, which is the headline in news items."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:300]
    return ""


def _to_date(m: re.Match) -> date | None:
    month = m.group("month")
    month_no = int(month) if month.isdigit() else _MONTHS.get(month.lower())
    if not month_no:
        return None
    try:
        return date(int(m.group("year")), month_no, int(m.group("day")))
    except ValueError:
        return None


#: A run of digits: a day-first or ISO date starts at the first digit of one (after \b), so
#: those patterns are tried only there, not at every character (text.finditer_at).
_DIGITS = re.compile(r"\d+")


def read_date(text: str) -> str | None:
    """The first full calendar date in the text (news datelines come first)."""
    found: list[tuple[int, date]] = []
    digits = [m.start() for m in _DIGITS.finditer(text)]
    for matches in (
        _DATE_MDY.finditer(text),
        finditer_at(_DATE_DMY, text, digits),
        finditer_at(_DATE_ISO, text, digits),
    ):
        for m in matches:
            d = _to_date(m)
            if d:
                found.append((m.start(), d))
                break
    return min(found)[1].isoformat() if found else None


def _occurrences(text: str, word: str) -> list[int]:
    out = []
    i = text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def read_doi(text: str) -> str | None:
    """The first DOI cited, without trailing punctuation."""
    # Every DOI starts "10." (after \b): the pattern is tried only where that occurs.
    m = next(finditer_at(_DOI, text, _occurrences(text, "10.")), None)
    return m.group(1).rstrip(".,;)") if m else None
