"""DEVELOPS when the document names one company: it develops the main drugs nobody does.

A stage of its own, after every other DEVELOPS rule: it reads which drugs have a developer.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.model import Entity, Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.story_drugs import main_drugs, study_context


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
        story_sponsors(index, rels, out)
        return out
    developed = {r.target.id for r in rels if r.type == "DEVELOPS"}
    c = companies[0]
    for d in _beside_company(index, c, main_drugs(index, rels)):
        if d.id in developed:
            continue
        if not study_context(index.doc, min(d.mentions, key=lambda m: m.start)):
            continue  # develops.only_company_not_rival: introduced as a rival or comparator
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


#: develops.story_sponsors: the companies that announce, present or sell the story's drug
#: without naming it beside them: "A and B today announced topline results from the trial",
#: "trial data presented by A and B", "a drug being commercialized by A and B", "A reported
#: a 4.6-point improvement", "A and B plan to launch a second trial of X".
_SPONSOR_AFTER = re.compile(
    r"(?:[^\S\n]*\([^()]{1,120}\))?,?\s+(?:(?:today|also|jointly|recently|have|has|will)\s+)*"
    r"(?:announced|announce|announces|reported|reports|presented|presents|shared|unveiled|"
    r"revealed|disclosed|plans?\s+to|intends?\s+to)\b"
)
_SPONSOR_BEFORE = re.compile(
    r"\b(?:commerciali[sz]ed|co-commerciali[sz]ed|developed|co-developed|presented|marketed|"
    r"sponsored|reported|announced)\s+(?:jointly\s+)?by\s+(?:the\s+)?$"
)
_SPONSOR_GLUE = re.compile(r"(?:[^\S\n]*\([^()]{1,120}\))?(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")


def story_sponsors(index: Index, rels: list[Relation], out: list[Relation]) -> None:
    """develops.story_sponsors (see `_SPONSOR_AFTER`): when the story's one main drug has no
    developer, the companies written as announcers, presenters or sellers (subject or "by"
    agent, alone or joined by "and") develop it, unless they already develop another drug of
    the text (then they are rivals or partners named for their own product)."""
    doc, text = index.doc, index.doc.text
    developed = {r.target.id for r in rels if r.type == "DEVELOPS"}
    makers = {r.source.id for r in rels if r.type == "DEVELOPS"}
    orphans = [
        d for d in main_drugs(index, rels) if d.id not in developed and not _always_partner(text, d)
    ]
    if len(orphans) != 1:
        return
    main = orphans[0]
    for sent in doc.sentences:
        comps = index.in_span("Company", *sent)
        for group, start, end in _company_groups(text, comps):
            if not _sponsor_position(index, sent, start, end, main):
                continue
            for c in group:
                if c.id not in makers:
                    add_relation(out, "develops.story_sponsors", c, main, sent)


#: "X plus Y", "X in combination with Y": Y is the regimen's partner drug.
_PARTNER_BEFORE = re.compile(
    r"\b(?:plus|with|combination with|combined with|added to|and)[^\S\n]+"
    r"(?:[\w-]+[®™]?[^\S\n]*\(?[^\S\n]*){0,2}$",
    re.I,
)


def _always_partner(text: str, d: Entity) -> bool:
    """Every mention of the drug follows "plus/with": the partner of the story's drug."""
    return all(_PARTNER_BEFORE.search(text, max(0, m.start - 40), m.start) for m in d.mentions)


def _company_groups(text: str, comps: list) -> list[tuple[list[Entity], int, int]]:
    """Runs of companies joined by "and", commas or "&" (a parenthesis after each allowed),
    each with the start of its first mention and the end of its last."""
    groups: list[tuple[list[Entity], int, int]] = []
    for cm, c in comps:
        if groups and _SPONSOR_GLUE.fullmatch(text, groups[-1][2], cm.start):
            groups[-1][0].append(c)
            groups[-1] = (groups[-1][0], groups[-1][1], cm.end)
        else:
            groups.append(([c], cm.start, cm.end))
    return groups


def _sponsor_position(
    index: Index, sent: tuple[int, int], start: int, end: int, main: Entity
) -> bool:
    """The group announces or presents (subject before the verb, or agent after "by"), and
    the rest of the sentence names no drug but the main one."""
    text = index.doc.text
    if not (
        _SPONSOR_AFTER.match(text, end, sent[1])
        or _SPONSOR_BEFORE.search(text, max(sent[0], start - 40), start)
    ):
        return False
    return all(d is main for _, d in index.in_span("Drug", end, sent[1]))
