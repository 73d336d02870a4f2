"""`re` with the same matches, faster for patterns that do not begin with a literal.

Why: `search`/`finditer` skip ahead to the places where a match may start only when a
pattern begins with a literal, a character class or a branch of literals: the compiled
pattern then carries the set of its possible first characters, and the engine tests each
character of the text against that set before it tries the pattern. A pattern that begins
with a zero-width test (`\\b`, `(?<![\\w-])`), an optional group, a case-blind word or a branch
of classes gets no such set, and is tried in full at every character of the text. Most of
the extractor's whole-text and per-sentence scans begin that way.

`compile` works out the set of characters a match can begin with from the parsed pattern
(the first character consumed on every path, past zero-width tests and optional items,
with every case variant of a case-blind letter) and adds it to the compiled pattern's
optimisation header, the place the engine reads it from. The pattern's own code is not
changed: a position whose character is outside the set is one where the pattern cannot
match, so skipping it changes nothing (`match`/`fullmatch` do not read the set at all). A
set is added only when it is known to hold every possible first character and leaves out
enough of ordinary text to pay; otherwise the pattern is compiled exactly as `re` does. The
compiled pattern keeps its source (`.pattern`), flags and groups.
tests/extract/test_fastre.py compares every pattern given a set while extracting the corpus
with `re`'s own compilation, on the corpus texts and on edge cases.

Rule modules import this module as `re` (`from loaders.extract import fastre as re`); the
other names are `re`'s own.
"""

from __future__ import annotations

import _sre
import re as _re
from re import _compiler, _parser  # the engine's own parser and code generator
from re import _constants as _c

# `re`'s own names, for callers that use this module as `re`.
Pattern = _re.Pattern
Match = _re.Match
error = _re.error
escape = _re.escape
A = ASCII = _re.ASCII
I = IGNORECASE = _re.IGNORECASE  # noqa: E741
M = MULTILINE = _re.MULTILINE
S = DOTALL = _re.DOTALL
U = UNICODE = _re.UNICODE
X = VERBOSE = _re.VERBOSE


def __getattr__(name: str):
    """Any other name is `re`'s own."""
    return getattr(_re, name)


#: Compiled patterns by (source, flags): rule modules call `re.search(str, ...)` in loops.
_CACHE: dict[tuple[str, int], Pattern] = {}
_MAXCACHE = 4096
#: Patterns given a first-character set, by (source, flags) (for the equivalence test).
REWRITTEN: dict[tuple[str, int], Pattern] = {}


def compile(pattern, flags=0) -> Pattern:  # noqa: A001  (re.compile's name)
    """`re.compile(pattern, flags)`, with a first-character set when one can be given."""
    if isinstance(pattern, Pattern):
        return _re.compile(pattern, flags)
    flags = int(flags)
    key = (pattern, flags)
    found = _CACHE.get(key)
    if found is not None:
        return found
    try:
        compiled, rewritten = _compile(pattern, flags)
    except Exception:  # a bad pattern (re raises its own error), or other engine internals
        compiled, rewritten = _re.compile(pattern, flags), False
    if rewritten:
        REWRITTEN[key] = compiled
    if len(_CACHE) >= _MAXCACHE:  # the oldest goes (per-name patterns are made per document)
        oldest = next(iter(_CACHE))
        del _CACHE[oldest]
        REWRITTEN.pop(oldest, None)
    _CACHE[key] = compiled
    return compiled


# The module-level functions look the compiled pattern up first (the rule modules call
# them in loops: about 27,000 calls per 76 articles), and compile only when it is missing.


def search(pattern, string, flags=0):
    try:
        return _CACHE[pattern, flags].search(string)
    except KeyError:
        return compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    try:
        return _CACHE[pattern, flags].match(string)
    except KeyError:
        return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    try:
        return _CACHE[pattern, flags].fullmatch(string)
    except KeyError:
        return compile(pattern, flags).fullmatch(string)


def finditer(pattern, string, flags=0):
    try:
        return _CACHE[pattern, flags].finditer(string)
    except KeyError:
        return compile(pattern, flags).finditer(string)


def findall(pattern, string, flags=0):
    try:
        return _CACHE[pattern, flags].findall(string)
    except KeyError:
        return compile(pattern, flags).findall(string)


def sub(pattern, repl, string, count=0, flags=0):
    try:
        return _CACHE[pattern, flags].sub(repl, string, count)
    except KeyError:
        return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    try:
        return _CACHE[pattern, flags].subn(repl, string, count)
    except KeyError:
        return compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    try:
        return _CACHE[pattern, flags].split(string, maxsplit)
    except KeyError:
        return compile(pattern, flags).split(string, maxsplit)


def plain(pattern: Pattern) -> Pattern:
    """The same pattern compiled by `re` itself, without any rewrite (for tests)."""
    return _re.compile(pattern.pattern, pattern.flags)


# --- the first-character set ----------------------------------------------------------

#: Share (percent) of ordinary English text taken by its most common characters. A set is
#: added only when the characters it leaves out make at least `_MIN_LEFT_OUT` percent of
#: such text: a set holding nearly every letter and the space skips almost nothing, and
#: the test of each character is then extra work (measured on eval/: sets that leave out
#: a fifth of the text make a whole-text scan 2-15% faster, most far more; the space
#: alone, 0-12%).
_COMMON = {
    " ": 18,
    "e": 10,
    "t": 7.5,
    "a": 6.5,
    "o": 6.2,
    "i": 5.7,
    "n": 5.6,
    "s": 5.2,
    "h": 4.8,
    "r": 4.8,
    "d": 3.4,
    "l": 3.2,
    "c": 2.2,
    "u": 2.2,
    "m": 2,
    "w": 1.9,
    "f": 1.8,
    "g": 1.6,
    "y": 1.6,
    "p": 1.5,
    "b": 1.2,
    "v": 0.8,
    "k": 0.6,
}
_COMMON_CODES = {ord(ch): share for ch, share in _COMMON.items()}
_MIN_LEFT_OUT = 20
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_AT_START = [(_c.AT, _c.AT_BEGINNING), (_c.AT, _c.AT_BEGINNING_STRING)]
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT}


class _Unknown(Exception):
    """The set of first characters cannot be bounded (or would not pay)."""


def _compile(source: str, flags: int) -> tuple[Pattern, bool]:
    """The pattern compiled as `re` does (parsed once, the same code), and with a
    first-character set in its header when `re` finds none and one can be given; and
    whether it got one."""
    tree = _parser.parse(source, flags)
    code = _compiler._code(tree, flags)
    state = tree.state
    chars = _first_chars(tree, code, state.flags | flags)
    if chars is not None:
        code = _with_first_chars(code, *chars)
    indexgroup = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    compiled = _sre.compile(
        source, flags | state.flags, code, state.groups - 1, state.groupdict, tuple(indexgroup)
    )
    return compiled, chars is not None


def _first_chars(tree, code: list, flags: int) -> tuple[set[int], bool] | None:
    """(ASCII characters, any non-ASCII?) a match can begin with, when worth a set."""
    if flags & _c.SRE_FLAG_LOCALE or tree.getwidth()[0] == 0:
        return None  # an empty match has no first character
    if tree.data and tree.data[0] in _AT_START:
        return None  # `^...`: the engine tries the start of the text only
    if code[0] != _c.INFO or code[2] & (_c.SRE_INFO_PREFIX | _c.SRE_INFO_CHARSET):
        return None  # `re` skips ahead by itself
    try:
        chars, non_ascii, nullable = _first(tree.data, flags)
    except _Unknown:
        return None
    if nullable or sum(v for k, v in _COMMON_CODES.items() if k not in chars) < _MIN_LEFT_OUT:
        return None
    return chars, non_ascii


def _with_first_chars(code: list, chars: set[int], non_ascii: bool) -> list:
    """`code` with its optimisation header (INFO, skip, flags, min, max) replaced by one
    that also holds the set: a bitmap of the first 256 characters, then every character
    above them when non-ASCII ones may begin a match."""
    bits = bytearray(256)
    for ch in chars:
        bits[ch] = 1
    if non_ascii:
        bits[0x80:] = b"\x01" * 0x80
    header = [_c.INFO, 0, _c.SRE_INFO_CHARSET, code[3], code[4], _c.CHARSET]
    header += _compiler._mk_bitmap(bits)
    if non_ascii:
        header += [_c.RANGE, 0x100, 0x10FFFF]
    header.append(_c.FAILURE)
    header[1] = len(header) - 1
    return header + code[1 + code[1] :]


def _first(items, flags: int) -> tuple[set[int], bool, bool]:
    """(characters, any non-ASCII?, can be empty?) of what `items` can begin with: the
    first character consumed on any path, zero-width tests skipped."""
    chars: set[int] = set()
    non_ascii = False
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.SUBPATTERN:
            c, n, nullable = _first(av[3].data, _compiler._combine_flags(flags, av[1], av[2]))
        elif op is _c.ATOMIC_GROUP:
            c, n, nullable = _first(av.data, flags)
        elif op is _c.BRANCH:
            c, n, nullable = set(), False, False
            for alt in av[1]:
                c2, n2, e2 = _first(alt.data, flags)
                c |= c2
                n |= n2
                nullable |= e2
        elif op in _REPEATS:
            lo, hi, body = av
            if hi == 0:
                continue
            c, n, nullable = _first(body.data, flags)
            nullable |= lo == 0
        else:
            c, n = _one_char(op, av, flags)
            nullable = False
        chars |= c
        non_ascii |= n
        if not nullable:
            return chars, non_ascii, False
    return chars, non_ascii, True


def _one_char(op, av, flags: int) -> tuple[set[int], bool]:
    """(ASCII characters, any non-ASCII?) one item consuming one character can match."""
    if op is _c.LITERAL and not flags & _c.SRE_FLAG_IGNORECASE:
        return ({av}, False) if av < 0x80 else (set(), True)
    if op is _c.IN and not flags & _c.SRE_FLAG_IGNORECASE and _plain_set(av):
        chars: set[int] = set()
        non_ascii = False
        for iop, iav in av:
            lo, hi = (iav, iav) if iop is _c.LITERAL else iav
            chars.update(range(lo, min(hi, 0x7F) + 1))
            non_ascii |= hi >= 0x80
        return chars, non_ascii
    if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY):
        # Anything else (case-blind, negated, categories): ask the engine which ASCII
        # characters the item matches, and allow every non-ASCII one.
        return _ascii_matches(op, av, flags), True
    raise _Unknown(op)


def _plain_set(av) -> bool:
    return all(iop is _c.LITERAL or iop is _c.RANGE for iop, _ in av)


#: ASCII characters each single-character item matches, by (op, item, flags).
_ASCII_CACHE: dict[tuple, frozenset[int]] = {}
_ASCII = [chr(i) for i in range(0x80)]


def _ascii_matches(op, av, flags: int) -> frozenset[int]:
    key = (op, repr(av), flags)
    found = _ASCII_CACHE.get(key)
    if found is None:
        tree = _parser.SubPattern(_parser.State(), [(op, av)])
        tree.state.flags = flags
        code = _compiler._code(tree, flags)
        one = _sre.compile(None, flags, code, 0, {}, ())
        found = _ASCII_CACHE[key] = frozenset(
            i for i, ch in enumerate(_ASCII) if one.match(ch) is not None
        )
    return found
