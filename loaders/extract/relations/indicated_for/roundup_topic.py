"""INDICATED_FOR from a round-up's announced topic ("Advances in X ...; 5 studies follow").

A conference preview or a list article names its disease once, in its title or lead, and then
goes item by item through drugs whose own sentences seldom repeat it.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.cues import Cue
from loaders.extract.model import Entity, Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.indicated_for.clauses import MODIFIER_AFTER

#: indicated_for.roundup_topic: the lead says items follow ("snapshots of 5 studies follow",
#: "trials to watch", "here are", "below") ...
_ITEMS_FOLLOW = re.compile(r"\b(?:follows?|to watch|here are|below|round-?up|at a glance)\b", re.I)
_ITEMS_WORDS = Cue(
    ["follow", "to watch", "here are", "below", "roundup", "round-up", "at a glance"],
    ignore_case=True,
    pattern=_ITEMS_FOLLOW,
)
#: ... and names its one disease as the subject ("Advances in X", "trials in X", "X research").
_TOPIC_BEFORE = re.compile(
    r"\b(?:advances|developments|progress|updates?|news|trials|studies|data|drugs|therapies|"
    r"treatments)\s+(?:in|for)\s+(?:the\s+)?$",
    re.I,
)
_TOPIC_AFTER = re.compile(
    r"\s+(?:pharmacotherapy|drug development|research|treatment landscape|therapeutics|field)\b",
    re.I,
)
#: The lead: the title and the first paragraph after it.
_LEAD_LINES = 2


def roundup_topic(index: Index, rels: list[Relation]) -> list[Relation]:
    """indicated_for.roundup_topic: a lead that says items follow and names one disease as its
    subject gives that disease to each drug of the document no other fact gives one."""
    doc = index.doc
    text = doc.text
    out: list[Relation] = RelList()
    lines = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text)][:_LEAD_LINES]
    if not lines:
        return out
    lead = (lines[0][0], lines[-1][1])
    if not (doc.has_in(_ITEMS_WORDS, *lead) and _ITEMS_FOLLOW.search(text, *lead)):
        return out
    topics = {
        x.id: x
        for xm, x in index.in_span("Disease", *lead)
        if _TOPIC_BEFORE.search(text, max(lead[0], xm.start - 30), xm.start)
        or _TOPIC_AFTER.match(text, xm.end)
    }
    if len(topics) != 1:
        return out
    (topic,) = topics.values()
    indicated = {r.source.id for r in rels if r.type == "INDICATED_FOR"}
    parts_only = _named_parts_only(index)
    for dm, d in index.in_span("Drug", lead[1], len(text)):
        if d.id in indicated or d.id in parts_only or MODIFIER_AFTER.match(text, dm.end):
            continue
        if (dm.start, dm.end, "Drug") not in index.owner:
            continue  # "the drug": an anaphor, not a drug the round-up names
        add_relation(out, "indicated_for.roundup_topic", d, topic, doc.sentence_at(dm.start))
    return out


#: Between a combination product's cue ("P combines", "P, a combination of") and each part: a
#: comma or "and", then a few describing words ("the long-acting amylin analogue A").
_PART_GAP = re.compile(
    r"(?:,?\s*(?:and|with|plus)\s+|,\s*)?(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,6}?"
)


def _named_parts_only(index: Index) -> set[str]:
    """relations.combination_part_only: the drugs named only as parts of a named combination
    product ("P combines the amylin analogue A and the GLP-1 agonist B"): the round-up's topic
    is the product's, not that of a part the text never names on its own."""
    from loaders.extract.drugs import COMBO_PRODUCT, COMBO_PRODUCT_CUE

    doc = index.doc
    text = doc.text
    if not doc.has(COMBO_PRODUCT_CUE):
        return set()
    slots: set[tuple[int, int]] = set()
    for m in COMBO_PRODUCT.finditer(text):
        if not index.in_span("Drug", m.start(1), m.end(1)):
            continue  # the product is no drug of the document
        pos = m.end()
        for dm, _ in index.in_span("Drug", m.end(), doc.sentence_at(m.start())[1]):
            if not _PART_GAP.fullmatch(text, pos, dm.start):
                break
            slots.add((dm.start, dm.end))
            pos = dm.end
    parts: dict[str, Entity] = {}
    for start, end in slots:
        for _, d in index.in_span("Drug", start, end):
            parts[d.id] = d
    return {i for i, d in parts.items() if all((m.start, m.end) in slots for m in d.mentions)}
