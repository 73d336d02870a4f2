"""INDICATED_FOR (and DEVELOPS) for a product named only by its owner and disease.

"Acme's obesity drug": the sentence names no drug, so the fact goes to the owner's main drug.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.model import Entity, Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.story_drugs import main_drugs

#: indicated_for.owned_product: a sentence that names no drug but an owner's product by its
#: disease ("Acme's obesity drug shows 10% weight loss", "Acme reported that its experimental
#: obesity treatment ...", "an investigational oral obesity drug"): the owner's drug of the story.
_PRODUCT_AFTER_DISEASE = re.compile(
    r"\s+(?:drugs?|drug candidates?|treatments?|therap(?:y|ies)|medicines?|candidates?|pills?|"
    r"shots?|injections?|assets?|portfolio|programs?|programmes?)\b"
)
_OWNER_BEFORE_DISEASE = re.compile(
    r"(?:(?P<poss>['’]s?)|\b(?P<its>[Ii]ts|[Tt]heir)|\b(?:[Aa]n?|[Tt]he)(?=\s+(?:experimental|"
    r"investigational)\b))\s+(?:(?:experimental|investigational|oral|injectable|novel|lead|"
    r"leading|new|once-weekly|weekly|once-daily|daily|potential|first|home-grown|"
    r"next-generation)\s+){0,3}$"
)


def product_indications(index: Index, rels: list[Relation]) -> list[Relation]:
    """indicated_for.owned_product (see `_OWNER_BEFORE_DISEASE`): the drug is the one main drug
    its owner develops (the possessive company, or the sentence's company before "its"; the
    document's one main drug after "an experimental"); develops.owned_product: an owner no
    fact ties to a drug develops the document's one drug without a developer."""
    doc = index.doc
    text = doc.text
    out: list[Relation] = RelList()
    mains = main_drugs(index, rels)
    for sent in doc.sentences:
        if index.in_span("Drug", *sent):
            continue
        for xm, x in index.in_span("Disease", *sent):
            if not _PRODUCT_AFTER_DISEASE.match(text, xm.end):
                continue
            owner = _OWNER_BEFORE_DISEASE.search(text, max(sent[0], xm.start - 80), xm.start)
            if owner is None:
                continue
            comps = index.in_span("Company", sent[0], owner.start() + 1)
            if owner.group("poss"):
                comps = [(cm, c) for cm, c in comps if cm.end == owner.start()]
                if not comps:
                    continue  # "Novo's diabetes drug": an owner not found as a company
            elif not owner.group("its"):
                comps = []
            company = comps[-1][1] if comps else None
            drugs = _owned_main_drugs(index, rels, mains, company)
            if len(drugs) == 1:
                add_relation(out, "indicated_for.owned_product", drugs[0], x, sent)
                if company is not None:  # "Acme's obesity drug": Acme's, if no one else's
                    add_relation(out, "develops.owned_product", company, drugs[0], sent)
    return out


def _owned_main_drugs(
    index: Index, rels: list[Relation], mains: list[Entity], company: Entity | None
) -> list:
    """The main drugs the company develops; no company: the story's one main drug; a company
    no fact ties to any drug: the document's one drug nobody is known to develop."""
    if company is None:
        return mains if len(mains) == 1 else []
    developers: dict[int, list[Entity]] = {}
    for r in rels:
        if r.type == "DEVELOPS":
            developers.setdefault(id(r.target), []).append(r.source)
    if any(company in found for found in developers.values()):
        return [d for d in mains if company in developers.get(id(d), [])]
    return [e for e in index.entities if e.type == "Drug" and id(e) not in developers]
