"""PART_OF: a site inside another (a centre of a university), from the site finder's links."""

from __future__ import annotations

from loaders.extract.model import Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.sites import SiteLink


def part_of(index: Index, links: list[SiteLink]) -> list[Relation]:
    rels: list[Relation] = RelList()
    for link in links:
        if link.how == "inner":
            continue  # "Y University X Hospital" is one name: the university is no parent
        a, b = index.of(link.child), index.of(link.parent)
        if a is not None and b is not None:
            add_relation(rels, "part_of.site_link", a, b, index.doc.sentence_at(link.child.start))
    return rels
