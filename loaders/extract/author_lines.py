# ruff: noqa: UP031  (regexes are built with %-formatting: str.format braces clash with {m,n})
"""The author line of a journal article or abstract: every name on it is an Investigator.

people.author_line: "Jane A. Smith, MD, PhD1, Wei Zhang2; Tomas Nowak3 and Priya Raman4" or
"Ana Berg 1 Li Wen 2 Omar Haddad 3": a line made only of person names, each perhaps with
degrees and affiliation markers (digits, superscripts, *, †, #), separated by commas,
semicolons, "and", or by the markers alone when the page ran the names together. The whole
line must parse that way and every name must look like a person's, so a title-case headline
or a list of companies is never read as authors.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.extract import fastre as re
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Mention

_V = vocabulary()
_U = "A-ZÀ-ÖØ-Þ"
_L = "a-zß-öø-ÿ"
#: One name part: Smith, McDonald, O'Brien, Jean-Luc, Min-jun, Müller.
_PART = rf"[{_U}](?:[{_L}]*[{_U}][{_L}]+|['’][{_U}][{_L}]+|[{_L}]+)(?:-[{_U}{_L}][{_L}]+)?"
#: A given name or initials: "Jane", "A.", "Y. C.", "J.-P.", "L" (PubMed writes initials bare).
_GIVEN = rf"(?:{_PART}|[{_U}]\.(?:\s?-?[{_U}]\.)*|[{_U}]{{1,2}}(?=\s))"
_PARTICLES = r"(?:van|von|de|der|den|da|di|du|del|dos|le|la|ter|ten)"
_DEGREES = "|".join(sorted((re.escape(d) for d in _V["person_degrees"]), key=len, reverse=True))
#: Affiliation markers after a name: "1", "1,2", "2-4", "¹²", "*", "†", "#", "a,b" is too
#: ambiguous with initials and is left out.
_MARK = r"(?:[0-9¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§¶#]+(?:\s?[,–-]\s?(?=[0-9¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§¶#])[0-9¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§¶#]+)*)"
#: One author: a name, its degrees, its markers.
_AUTHOR = re.compile(
    r"(?P<name>%s(?:\s+%s){0,2}(?:\s+%s){0,2}\s+%s)"
    r"(?P<degrees>,?\s+(?:%s)(?:,?\s*(?:%s))*(?![a-z]))?(?:\s?(?P<mark>%s))?"
    % (_GIVEN, _GIVEN, _PARTICLES, _PART, _DEGREES, _DEGREES, _MARK)
)
#: Between two authors; after a marker the names may simply follow each other.
_SEPARATOR = re.compile(r"\s*[,;]+\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+|\s*&\s*")
_LOOSE_SEPARATOR = re.compile(r"\s*")
#: "Authors: ...": a label before the list ("By ..." is a journalist's byline: no label).
_LABEL = re.compile(r"\s*(?:(?:Authors?|Investigators)\s*:?\s+)?")
_END = re.compile(r"\s*[,;]*\s*(?:et\s+al\.?)?\s*\.?\s*$")
#: An initial in a name ("Jane A. Smith", "Edward L Korn"): names, not headline words.
_INITIAL = re.compile(r"(?:^|\s)[%s]{1,2}\.?(?:\s|$)" % _U)
_NOT_NAMES = (
    set(_V["not_person_name_words"])
    | set(_V["not_person_name_institution_words"])
    | set(_V["not_person_name_unit_words"])
    | set(_V["company_words"])
    | set(_V["not_companies"])
    | set(_V["person_titles"])
    | set(_V["site_heads"])
    | set(_V["author_line_not_name_words"])
    | set(_V["calendar_words"])
)


@dataclass
class _Author:
    start: int
    end: int
    marked: bool  # an affiliation marker or a degree follows the name


def _parse(line: str) -> tuple[list[_Author], bool] | None:
    """The authors, and whether a label starts the line, when the whole line is an author
    list; else None."""
    label = _LABEL.match(line)
    pos = label.end()
    authors: list[_Author] = []
    while True:
        m = _AUTHOR.match(line, pos)
        if not m:
            return None
        authors.append(_Author(m.start("name"), m.end("name"), bool(m["mark"] or m["degrees"])))
        pos = m.end()
        if _END.match(line, pos):
            return authors, label.end() > label.start() and bool(line[: label.end()].strip())
        sep = _SEPARATOR.match(line, pos)
        if sep is None and m["mark"]:
            sep = _LOOSE_SEPARATOR.match(line, pos)
        if sep is None:
            return None
        pos = sep.end()


def _is_name(name: str) -> bool:
    return not any(w.rstrip(".") in _NOT_NAMES for w in name.split())


def _convincing(line: str, authors: list[_Author], labelled: bool) -> bool:
    """Names on a line of their own could still be a title-case headline: a list is an author
    line when a marker or degree follows a name, a label starts it, or it is long (three names
    with an initial among them, or four names)."""
    if labelled or any(a.marked for a in authors):
        return True
    with_initial = any(_INITIAL.search(line[a.start : a.end]) for a in authors)
    return len(authors) >= 4 or (len(authors) >= 3 and with_initial)


#: Where an author line can start: at a line's start, two capitalised words (or a label).
_LINE_START = re.compile(
    r"(?m)^(?=[ \t]*(?:(?:Authors?|Investigators)\s*:?\s+)?[%s][\w.'’-]*\s+[%s])" % (_U, _U)
)


def _line_authors(line: str) -> list[_Author] | None:
    """The authors of `line` when the whole line reads as an author line; else None."""
    if len(line) > 3000:
        return None
    parsed = _parse(line)
    if not parsed or len(parsed[0]) < 2 or not _convincing(line, *parsed):
        return None
    authors = parsed[0]
    if not all(_is_name(line[a.start : a.end]) for a in authors):
        return None
    return authors


def find_author_lines(text: str) -> list[Mention]:
    """Investigators named on an author line (see the module docstring)."""
    out: list[Mention] = []
    for head in _LINE_START.finditer(text):
        start = head.start()
        end = text.find("\n", start)
        line = text[start : len(text) if end < 0 else end]
        authors = _line_authors(line)
        if authors is None:
            continue
        names = [line[a.start : a.end] for a in authors]
        for a, name in zip(authors, names, strict=True):
            clean = re.sub(r"\s+", " ", name)
            out.append(Mention("Investigator", start + a.start, start + a.end, name, clean))
    return out


def on_author_line(text: str, pos: int) -> bool:
    """Whether `pos` lies on a line that reads as an author line.

    Why: an author's institution is given by the affiliation list the markers point to, so a
    rule that guesses a person's site from the rest of the document must leave authors alone.
    """
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : len(text) if end < 0 else end]
    return _LINE_START.match(line) is not None and _line_authors(line) is not None
