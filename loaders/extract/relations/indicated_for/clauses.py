"""Where a clause of a sentence ends, and drug names used as modifiers.

INDICATED_FOR pairs a drug with a disease of its own clause; the comparator rules read the
same clause bounds.
"""

from __future__ import annotations

from loaders.extract import fastre as re

#: Where one clause of a sentence ends and another begins ("..., and survodutide ...").
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|but|while|whereas|although|though|even though|despite|yet)\s+|"
    r"\s+(?:and|but)\s+(?:is|was|are|were|has|have|will)\b"
)
#: A drug name used as a modifier ("a belotecan-derived payload") is not the drug itself.
MODIFIER_AFTER = re.compile(r"-(?:derived|based|containing|like|class|related|resistant|naive)\b")


#: relations.serial_list: "improved A, B, and C rates in patients with X": the ", and" before
#: the last item of a list with a serial comma (the item before it one or two words, not an
#: apposition such as "X, an siRNA, and Y, a peptide for Z") ends no clause.
_SERIAL_ITEM = re.compile(r",\s+(?!(?:a|an|the)\s)(?:[\w-]+\s+)?[\w-]+$", re.I)


def clause_spans(text: str, sent: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    start = sent[0]
    for m in _CLAUSE_BREAK.finditer(text, sent[0], sent[1]):
        if m.group(0).startswith(",") and _SERIAL_ITEM.search(text, start, m.start()):
            continue
        out.append((start, m.start()))
        start = m.start()
    out.append((start, sent[1]))
    return out
