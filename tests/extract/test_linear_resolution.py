"""Resolution's lookups that keep long documents linear give the answers of a full scan:
which overlapping mention is kept, and whether a disease is an item of a list."""

from __future__ import annotations

import random
import re

from loaders.extract.families import COMPANIES, DISEASES, DRUGS, PEOPLE, SITES, TARGETS
from loaders.extract.model import Mention
from loaders.extract.resolve import _coordinated, drop_overlaps

FAMILIES = {f.label: f for f in (SITES, COMPANIES, DRUGS, DISEASES, TARGETS, PEOPLE)}
TYPES = list(FAMILIES)


def _drop_overlaps_by_scan(mentions: list[Mention], length: int) -> list[Mention]:
    """The rule stated plainly: longest first (then priority, then position); a mention is
    dropped for the first kept one it overlaps, by position then age, unless both are
    sites; an exact duplicate of the same type gives the kept one its forms."""
    priority = {label: f.priority for label, f in FAMILIES.items()}
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), -priority[m.type], m.start))
    kept: list[Mention] = []
    for m in ordered:
        clash = None
        for pos in range(m.start, m.end):
            here = [k for k in kept if k.start <= pos < k.end]
            clash = next((k for k in here if not (m.type == k.type == "Site")), None)
            if clash is not None:
                break
        if clash is None:
            kept.append(m)
        elif m.type == clash.type and (m.start, m.end) == (clash.start, clash.end):
            clash.forms = tuple(dict.fromkeys((*clash.forms, m.name, *m.forms)))
            clash.props = {**m.props, **clash.props}
    return sorted(kept, key=lambda m: m.start)


def _random_mentions(rng: random.Random, length: int) -> list[Mention]:
    out = []
    for i in range(120):
        s = rng.randint(0, length - 1)
        e = min(length, s + rng.randint(1, 25))
        t = rng.choice(TYPES)
        out.append(Mention(t, s, e, "x" * (e - s), f"n{i}", (f"f{i}",), {f"p{i}": i}))
        if i % 8 == 0:  # the same span found twice: the kept one gets the other's forms
            out.append(Mention(t, s, e, "x" * (e - s), f"d{i}", (f"g{i}",), {f"q{i}": i}))
    return out


def _view(mentions: list[Mention]) -> list[tuple]:
    return [(m.type, m.start, m.end, m.name, m.forms, m.props) for m in mentions]


def test_drop_overlaps_keeps_what_a_scan_of_every_kept_mention_keeps():
    rng = random.Random(11)
    text = "y" * 400
    for _ in range(30):
        mentions = _random_mentions(rng, len(text))
        copies = [
            Mention(m.type, m.start, m.end, m.text, m.name, m.forms, dict(m.props))
            for m in mentions
        ]
        assert _view(drop_overlaps(mentions, text, FAMILIES)) == _view(
            _drop_overlaps_by_scan(copies, len(text))
        )


def test_nested_sites_are_kept_and_a_longer_drug_hides_a_disease_inside_it():
    text = "Acme Hospital of Zed University treats lupus with lupuzumab-lupus."
    hospital = Mention("Site", 0, 31, text[0:31], text[0:31])
    university = Mention("Site", 17, 31, text[17:31], text[17:31])
    drug = Mention("Drug", 49, 64, text[49:64], "lupuzumab-lupus")
    inner = Mention("Disease", 59, 64, "lupus", "lupus")
    lupus = Mention("Disease", 39, 44, "lupus", "lupus")
    kept = drop_overlaps([inner, university, drug, lupus, hospital], text, FAMILIES)
    assert [(m.type, m.start) for m in kept] == [
        ("Site", 0),
        ("Site", 17),
        ("Disease", 39),
        ("Drug", 49),
    ]


_BEFORE = re.compile(r"\)?,?\s+(?:and|or)\s+|\)?,\s+")
_AFTER = re.compile(r",?\s+(?:and|or)\s+|,\s+")


def _coordinated_by_scan(text: str, m: Mention, spans: list[tuple[int, int]]) -> bool:
    for s, e in spans:
        if e <= m.start and _BEFORE.fullmatch(text[e : m.start]):
            return True
        if s >= m.end and _AFTER.fullmatch(text[m.end : s]):
            return True
    return False


def test_list_check_looks_where_a_scan_of_every_disease_span_looks():
    rng = random.Random(5)
    pieces = ["lupus", "gout", ", ", " and ", " or ", "), ", " \n and\n ", "  ", " with ", "."]
    for _ in range(200):
        parts = [rng.choice(pieces) for _ in range(14)]
        text = "".join(parts)
        spans = [m.span() for m in re.finditer(r"lupus|gout", text)]
        ends = sorted({e for _, e in spans})
        starts = sorted({s for s, _ in spans})
        for s, e in spans:
            m = Mention("Disease", s, e, text[s:e], text[s:e])
            assert _coordinated(text, m, ends, starts) == _coordinated_by_scan(text, m, spans)
