"""DEVELOPS when the document names one company: it develops the main drugs nobody does.

A stage of its own, after every other DEVELOPS rule: it reads which drugs have a developer.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.model import Entity, Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.story_drugs import main_drugs


def only_company_develops(index: Index, rels: list[Relation]) -> list[Relation]:
    """One company in the document and a main drug nobody develops: the company does."""
    text = index.doc.text
    parent = re.compile(r"\b(?:member|part|subsidiary|unit|division|affiliate) of (?:the )?$")
    companies = [
        e
        for e in index.entities
        if e.type == "Company"
        # "X, a member of the Y Group": Y is the parent, not a second developer.
        and not all(parent.search(text, max(0, m.start - 40), m.start) for m in e.mentions)
    ]
    out: list[Relation] = RelList()
    if len(companies) != 1:
        return out
    developed = {r.target.id for r in rels if r.type == "DEVELOPS"}
    c = companies[0]
    for d in _beside_company(index, c, main_drugs(index, rels)):
        if d.id in developed:
            continue
        sent = index.doc.sentence_at(c.mentions[0].start)
        add_relation(out, "develops.only_company", c, d, sent)
    return out


def _beside_company(index: Index, c: Entity, mains: list[Entity]) -> list[Entity]:
    """develops.only_company, several main drugs (a centre's list of trials, an analyst note on
    a partnered drug): the company develops those named in a sentence with it, when any is;
    one company named beside one of several trials is not the maker of all of them."""
    if len(mains) < 2:
        return mains
    sentences = {index.doc.sentence_at(m.start) for m in c.mentions}
    beside = [
        d for d in mains if any(index.doc.sentence_at(m.start) in sentences for m in d.mentions)
    ]
    return beside or mains
