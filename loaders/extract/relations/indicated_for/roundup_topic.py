"""INDICATED_FOR from a round-up's announced topic ("Advances in X ...; 5 studies follow").

A conference preview or a list article names its disease once, in its title or lead, and then
goes item by item through drugs whose own sentences seldom repeat it.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.cues import Cue
from loaders.extract.model import Relation
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
    for dm, d in index.in_span("Drug", lead[1], len(text)):
        if d.id in indicated or MODIFIER_AFTER.match(text, dm.end):
            continue
        if (dm.start, dm.end, "Drug") not in index.owner:
            continue  # "the drug": an anaphor, not a drug the round-up names
        add_relation(out, "indicated_for.roundup_topic", d, topic, doc.sentence_at(dm.start))
    return out
