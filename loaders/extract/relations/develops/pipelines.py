"""DEVELOPS from pipeline and portfolio lists ("Its pipeline includes A, B and C")."""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.cues import Cue
from loaders.extract.model import Entity, Relation
from loaders.extract.relations.index import Index, RelList, add_relation

#: "Its pipeline includes A, B and C", "The company's portfolio comprises ...".
PIPELINE_CUE = re.compile(
    r"\b(?:[Ii]ts|[Tt]he [Cc]ompany['’]s|[^\W\d_a-z][\w&.-]*(?: [^\W\d_a-z][\w&.-]*)*['’]s?)\s+"
    r"(?:[\w-]+\s+){0,3}(?:pipeline|portfolio|product candidates|candidates|programs|"
    r"programmes|assets)\s+"
    # develops.pipeline: "acquired B's portfolio of Factor XIa inhibitors, including A and C".
    r"(?:of\s+(?:[\w-]+\s+){0,5}?[\w-]+,?\s+)?"
    r"(?:includes?|including|comprises|consists of|features|spans|"
    r"also includes|contains|is led by)\b|\b(?:pipeline|portfolio)\s*:"
)
_PIPELINE_WORDS = Cue(
    ["pipeline", "portfolio", "candidates", "programs", "programmes", "assets"],
    pattern=PIPELINE_CUE,
)
_LICENSED_TO = re.compile(
    r"\s*\((?:[^()]{0,40}?[,;]\s*)?(?:licensed|out-licensed|partnered|sublicensed)\s+(?:to|with)\s+"
)


def pipelines(index: Index) -> list[Relation]:
    """ "About Acme ... Its pipeline includes A, B (licensed to Beta) and C": Acme develops
    every listed drug and a licensee develops its drug too."""
    doc = index.doc
    text = doc.text
    out: list[Relation] = RelList()
    prev_company = None
    for sent in doc.sentences:
        comps = index.in_span("Company", *sent)
        cue, owner = _pipeline_cue(index, sent, comps, prev_company)
        if cue:
            for dm, d in index.in_span("Drug", cue.end(), sent[1]):
                if owner is not None:
                    add_relation(out, "develops.pipeline", owner, d, sent)
                lic = _LICENSED_TO.match(text, dm.end)
                if lic:
                    for cm, c in comps:
                        if cm.start == lic.end():
                            add_relation(out, "develops.pipeline_licensee", c, d, sent)
        for cm, c in comps:
            # "Acme has six commercial products in China, including X and Y".
            has = _HAS_PRODUCTS.match(text, cm.end)
            if has and has.end() <= sent[1]:
                for _, d in index.in_span("Drug", has.end(), sent[1]):
                    add_relation(out, "develops.has_products", c, d, sent)
        if comps:
            prev_company = comps[0][1]
    return out


#: develops.pipeline: "the Acme pipeline including X", "the platform-based pipeline including
#: X" with the company named before it in the sentence ("X, CEO of Acme, said the ...").
#: Also "Acme ..., with additional pipeline candidates including X and Y".
_THE_PIPELINE = re.compile(
    r"\b(?:[Tt]he|with)\s+(?:[\w&.-]+\s+){0,3}?(?:pipeline|portfolio)"
    r"(?:\s+(?:candidates|assets|programs|programmes|products|drugs))?\s+(?:includes?|including|"
    r"comprises|features|contains|is led by|such as)\b"
)


def _pipeline_cue(index: Index, sent, comps, prev_company: Entity | None):
    """The pipeline phrase of a sentence and its owner: the company named last before it,
    else (for "Its pipeline", "Acme's portfolio") the previous sentence's company."""
    text = index.doc.text
    if not index.doc.has(_PIPELINE_WORDS):
        return None, None
    cue = PIPELINE_CUE.search(text, sent[0], sent[1])
    if cue is None:
        cue = _THE_PIPELINE.search(text, sent[0], sent[1])
        if cue is None or not any(cm.end <= cue.start() for cm, _ in comps):
            return None, None
    before = [(cm, c) for cm, c in comps if cm.end <= cue.end()]
    return cue, (before[-1][1] if before else prev_company)


#: "<Company> has/markets six (commercial) products (in China), including ...".
_HAS_PRODUCTS = re.compile(
    r"\s+(?:now\s+|already\s+)?(?:has|markets|sells|owns|holds)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:products|drugs|medicines|therapies|candidates|assets|programs|programmes|brands)\b"
    r"[^.;:]{0,40}?,?\s+(?:including|such as|among them)\s+"
)
