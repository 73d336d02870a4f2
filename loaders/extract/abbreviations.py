"""Abbreviation definitions: "long form (SF)", after Schwartz & Hearst (2003).

An abbreviation defined in the text becomes an alias of whatever entity its
long form names, and every later use of the short form is a mention of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.extract import fastre as re

#: "(SF)", also with quotes inside the brackets: ("SF").
_PAREN = re.compile(r"\([\"“]?([^()\"“”]{1,12})[\"”]?\)")
#: Greek letters in a short form stand for the spelled-out word: PPARα <- "... alpha".
_GREEK = str.maketrans({"α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "κ": "k"})


@dataclass(frozen=True)
class Abbreviation:
    short: str
    long: str
    long_start: int
    long_end: int
    short_start: int
    short_end: int


def _is_short_form(s: str) -> bool:
    return (
        2 <= len(s) <= 10
        and any(c.isalpha() for c in s)
        and s[0].isalnum()
        and len(s.split()) <= 2
        and any(c.isupper() for c in s)
    )


def _best_long_form(short: str, candidate: str) -> int | None:
    """Start index in `candidate` of the shortest long form matching `short`, or None."""
    s = short.lower().translate(_GREEK)
    c = candidate.lower()
    si = len(s) - 1
    li = len(c) - 1
    while si >= 0:
        ch = s[si]
        if not ch.isalnum():
            si -= 1
            continue
        while li >= 0 and (c[li] != ch or (si == 0 and li > 0 and c[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    li += 1
    # Extend to the start of the word.
    while li > 0 and candidate[li - 1].isalnum():
        li -= 1
    return li


def _initials_long_form(short: str, candidate: str) -> int | None:
    """Fallback for letters out of order ("neonatal Fc receptor (FcRn)").

    The fewest last words whose initials all occur in the short form and whose
    letters cover every letter of the short form.
    """
    letters = {c for c in short.lower() if c.isalpha()}
    first = short[0].lower() if short[0].isupper() else ""
    words = candidate.split(" ")
    for k in range(1, min(len(words), len(short) + 1) + 1):
        chosen = words[-k:]
        initials = {w[0].lower() for w in chosen if w}
        body = " ".join(chosen).lower()
        # The short form's first capital starts one of the words: one word that merely holds
        # its letters ("cardiomyopathy" for "ATTR CM") is no long form of it ("nAMD"'s
        # lower-case prefix may stand for a word outside the window); abbreviations.first_capital.
        if first and first not in initials:
            continue
        if initials <= letters | set("0123456789") and letters <= set(body):
            if k > 1 or len(chosen[0]) > len(short):
                return len(candidate) - len(" ".join(chosen))
    return None


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every "long form (SF)" pair whose letters line up."""
    out: list[Abbreviation] = []
    for m in _PAREN.finditer(text):
        short = m.group(1).strip()
        if not _is_short_form(short):
            continue
        # Up to min(|SF| + 5, 2|SF|) words before the parenthesis, same clause.
        max_words = min(len(short) + 5, 2 * len(short))
        left = text[max(0, m.start() - 200) : m.start()]
        left = re.split(r"[\n;:()\[\]]|,\s(?=[a-z]+\s)", left)[-1]
        words = left.rstrip().split(" ")
        window = " ".join(words[-max_words:]).strip()
        if not window:
            continue
        idx = _best_long_form(short, window)
        if idx is None:
            idx = _initials_long_form(short, window)
        if idx is None:
            continue
        long = window[idx:].strip(" ,")
        if not long or long.lower() == short.lower() or len(long) <= len(short):
            continue
        if long.split()[0].lower() in {"the", "a", "an", "and", "or", "of", "in", "with"}:
            continue
        long_end = m.start()
        while long_end > 0 and text[long_end - 1].isspace():
            long_end -= 1  # the long form ends before the spaces ahead of "("
        long_start = long_end - len(long)
        if text[long_start:long_end] != long:
            continue
        out.append(
            Abbreviation(short, long, long_start, long_end, m.start(1), m.start(1) + len(short))
        )
    return out
