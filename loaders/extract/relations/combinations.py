"""A combination product: its developer develops its parts, and it inherits their targets.

One rule, two relationship types (DEVELOPS and TARGETS): both come from one phrase.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.model import Relation
from loaders.extract.relations.index import Index, RelList, add_relation


def combinations(index: Index, rels: list[Relation]) -> list[Relation]:
    """ "P, a combination of A and B": who develops P develops A and B; P acts on the
    components' targets."""
    from loaders.extract.drugs import COMBO_PRODUCT, COMBO_PRODUCT_CUE

    text = index.doc.text
    out: list[Relation] = RelList()
    for m in COMBO_PRODUCT.finditer(text) if index.doc.has(COMBO_PRODUCT_CUE) else ():
        sent = index.doc.sentence_at(m.start())
        product = next((d for dm, d in index.in_span("Drug", m.start(1), m.end(1))), None)
        if product is None:
            continue
        parts, pos = [], m.end()
        for dm, d in index.in_span("Drug", m.end(), sent[1]):
            if not re.fullmatch(r"\s*(?:,\s*|and\s+|,\s*and\s+)?(?:the\s+)?", text[pos : dm.start]):
                break
            if d is not product:
                parts.append(d)
            pos = dm.end
        if not parts:
            continue
        for r in list(rels):
            if r.type == "DEVELOPS" and r.target is product:
                for d in parts:
                    add_relation(out, "develops.combination_part", r.source, d, sent)
            elif r.type == "TARGETS" and r.source in parts:
                add_relation(
                    out, "targets.combination_product", product, r.target, r.sentence, r.properties
                )
    return out
