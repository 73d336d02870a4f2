"""Phrases and sentence parts that rules of several relationship types read.

Kept in one place so that TARGETS, INDICATED_FOR and DEVELOPS agree on what a prior-therapy
class, a deal's partner drug or a product named later is.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Entity, Mention
from loaders.extract.relations.index import Index

#: "after EGFR inhibitor failure", "progressed on a PD-1 inhibitor": a prior therapy class.
PRIOR_CLASS = re.compile(
    r"\b(?:after|following|progressed on|progression on|progressing on|failure of|failed|"
    r"resistant to|refractory to|pretreated with|previously treated with|prior|previous|"
    r"(?:previously |had |have )received|intolerant (?:of|to)|exposed to|"
    # relations.prior_class: "eligible to receive a PARP inhibitor": a therapy the patients could
    # get, not what the study drug acts on.
    r"eligible (?:to receive|for)|candidates for|"
    # "participants will be required to receive anti-PD-1 treatment", "must have received a
    # PD-1 inhibitor": a background or entry therapy of the study, not the study drug's.
    r"(?:required|needs?|need|must)\s+(?:to\s+)?(?:have\s+)?(?:be\s+)?receiv(?:e|ed|ing))\s+"
    # "at least one line of anti-CD20 or BTK inhibitor therapy": each class of the list.
    r"(?:(?:a|an|the|one|two|three|or|more|at least|prior|previous|[\w]+-generation|"
    r"lines? of|courses? of|"
    r"(?:anti-?)?[\w-]+(?:\s+(?:inhibitors?|antibod(?:y|ies)))?,?\s+(?:or|and))"
    r"\s+){0,4}$",
    re.I,
)


#: relations.broad_class: "solid tumors", "advanced cancers", "blood cancers": a class of
#: diseases, not one disease; a specific disease named for the same drug or study is preferred.
_BROAD_CLASSES = {w.casefold() for w in vocabulary()["disease_broad_classes"]}
_BROAD_MODIFIERS = {w.casefold() for w in vocabulary()["disease_broad_class_modifiers"]}


def broad_class(disease: Entity) -> bool:
    """relations.broad_class: the disease's name, without stage and course words, is a class
    of diseases ("advanced solid tumors"), not one disease."""
    words = [w for w in disease.name.casefold().split() if w not in _BROAD_MODIFIERS]
    return " ".join(words) in _BROAD_CLASSES


def named_companies(index: Index, span: tuple[int, int]) -> list[tuple[Mention, Entity]]:
    """The companies a span names (not "the company", which stands for the main one)."""
    return [
        (cm, c)
        for cm, c in index.in_span("Company", *span)
        if cm.text.casefold() in {n.casefold() for n in (c.name, *c.aliases)}
    ]


#: develops.partner_descriptor: the partner after a few describing words ("developed with UK
#: pharma major X", "in partnership with U.S. drugmaker X"), not a funder ("with support from").
_PARTNER_DESCRIPTOR = (
    r"(?:(?!(?:from|by|of|at|in|for|and|or|its|their|support|funding|grants?)\s)"
    r"(?:[a-z][\w-]*|[A-Z]{2,3}|U\.S\.|U\.K\.)\s+){0,4}"
)
PARTNER = re.compile(
    r"\b(?:licen[sc]e[sd]?|rights|in-licensed|acquired|sublicensed)\s+(?:\w+\s+){0,3}?from\s+"
    r"(?:the\s+)?$|\b(?:in\s+)?(?:collaboration|partnership|co-development|alliance)\s+with\s+"
    r"(?:the\s+)?"
    + _PARTNER_DESCRIPTOR
    + r"$|\bpartnered\s+with\s+"
    + _PARTNER_DESCRIPTOR
    + r"$|\bco-developed\s+(?:with|by)\s+$|\b(?:being|jointly|co-)\s*developed\s+(?:jointly\s+)?"
    r"with\s+(?:the\s+)?" + _PARTNER_DESCRIPTOR + r"$"
)


#: develops.described_maker: "developed by pharmaceutical company X", "a drug from the
#: pharmaceutical firm X", "X is a drug from global pharmaceutical corporations A and B", "by US
#: drugmaker X": a few describing words and a kind of company (company_kind_nouns_after_
#: nationality) between "by"/"from" and the maker's name.
_COMPANY_KINDS = "|".join(
    re.escape(n) for n in vocabulary()["company_kind_nouns_after_nationality"]
)
COMPANY_DESCRIBED = r"(?:(?:[\w.-]+\s+){0,3}?(?:" + _COMPANY_KINDS + r")\s+)?"


#: Between two coordinated drug names: ", ", " and ", ", and ", "(brand)" after the first.
COORD_GAP = re.compile(r"\)?(?:\s*\([^)]{1,30}\))?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")


PRODUCT_NOUN = (
    r"(?:drug|therapy|candidate|medicine|asset|antibody|conjugate|ADC|inhibitor|vaccine|"
    r"treatment|analog|analogue)s?"
)
#: relations.unnamed_product_item: an item of a list that is a product described but not named
#: ("we cover a new oral IL-23 inhibitor for psoriasis, X's win in Y, and ..."): its mechanism
#: and its disease are not those of a drug named in the next item. `INDEFINITE_BEFORE` ends
#: right before the mechanism ("a new oral "), `INDEFINITE_PRODUCT_FOR` right before the
#: disease ("a new oral IL-23 inhibitor for ").
INDEFINITE_BEFORE = re.compile(
    r"\b(?:[Aa]n?|[Aa]nother)\s+(?:(?!(?:of|for|in|with)\s)[\w-]+\s+){0,3}$"
)
INDEFINITE_PRODUCT_FOR = re.compile(
    r"\b(?:[Aa]n?|[Aa]nother)\s+(?:(?!(?:of|for|in|with|and)\s)[\w/-]+\s+){0,5}?"
    + r"(?:"
    + PRODUCT_NOUN
    + r"|(?:agonist|antagonist|blocker|degrader|pill|peptide)s?)"
    + r"\s+(?:for|in|to treat|against)\s+(?:[\w-]+\s+){0,2}$"
)
#: The words between an unnamed product and a drug that starts the next item: a comma, with
#: no "called"/"named" that would name the product ("a new IL-23 inhibitor, called X").
_NEXT_ITEM_GAP = re.compile(r"[^;:()]*,\s+(?:and\s+)?")
_NAMING_WORDS = re.compile(r"\b(?:called|named|dubbed|known as|namely|branded)\b")


def starts_next_item(text: str, end: int, drug_start: int) -> bool:
    """relations.unnamed_product_item: the drug at `drug_start` begins the list item after an
    unnamed product that ends at `end`."""
    return _NEXT_ITEM_GAP.fullmatch(text, end, drug_start) is not None and not _NAMING_WORDS.search(
        text, end, drug_start
    )


#: relations.unnamed_deal_product: a deal round-up's item is for a product it describes but
#: does not name ("an option and licence agreement for a first-in-class B7H3/PTK7-targeting
#: ADC project", "the rights to a bispecific ADC from A").
_DEAL_FOR_UNNAMED = re.compile(
    r"\b(?:rights|agreement|licen[cs]e|deal|option|collaboration|partnership)\b[^.;\n]{0,80}?"
    r"\b(?:for|to|of|on|over)\s+(?:the\s+)?(?:global\s+|worldwide\s+|exclusive\s+)?"
    r"(?:(?:development|production|manufacturing|commerciali[sz]ation|and|,)\s*){0,6}"
    r"(?:rights\s+(?:for|to|of)\s+)?an?\s+(?:[\w/.-]+\s+){0,6}?(?:"
    + PRODUCT_NOUN
    + r"|projects?|programs?|programmes?|molecules?|bispecifics?|degraders?)\b",
    re.I,
)


def paragraph_at(text: str, pos: int) -> tuple[int, int]:
    """The line (a paragraph of a news text, an item of a round-up) that holds `pos`."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _own_line(index: Index, m: Mention) -> tuple[int, int]:
    """The sentence of a mention, cut at the ends of its line."""
    sent = index.doc.sentence_at(m.start)
    par = paragraph_at(index.doc.text, m.start)
    return max(sent[0], par[0]), min(sent[1], par[1])


def other_products_item(index: Index, pos: int, main: Entity) -> bool:
    """relations.unnamed_deal_product: the paragraph at `pos` is a round-up item about a product
    it describes but does not name (`_DEAL_FOR_UNNAMED`), and it never names the main drug nor
    a company named beside the main drug: its deal, its mechanism are not the main drug's."""
    text = index.doc.text
    par = paragraph_at(text, pos)
    if any(par[0] <= m.start < par[1] for m in main.mentions):
        return False
    if _DEAL_FOR_UNNAMED.search(text, par[0], par[1]) is None:
        return False
    beside_main = {
        c.id for m in main.mentions for _, c in named_companies(index, _own_line(index, m))
    }
    return not any(c.id in beside_main for _, c in named_companies(index, par))


#: "..., the drug, now called X": a product described first and named afterwards.
NOW_CALLED = re.compile(
    r"\b[Tt]he\s+" + PRODUCT_NOUN + r",?\s+(?:now|later|since|newly)?\s*(?:called|named|dubbed|"
    r"branded|known as)\s+$"
)


def named_later_drug(index: Index, tm: Mention) -> Entity | None:
    """The drug a "TROP2-directed conjugate" is named as in its or the next sentence ("the
    drug, now called X"), when no drug is named in between."""
    text = index.doc.text
    desc = re.compile(
        r"[-\s](?:directed|targeting|targeted|based)\s+(?:[\w-]+\s+){0,3}?" + PRODUCT_NOUN + r"\b"
    ).match(text, tm.end)
    if desc is None:
        return None
    sent = index.doc.sentence_at(tm.start)
    nxt = index.doc.sentence_at(min(len(text) - 1, sent[1] + 1))
    for dm, d in index.in_span("Drug", desc.end(), max(sent[1], nxt[1])):
        if re.match(r"(?:the|this|its)\s", text[dm.start : dm.end]):
            continue  # "the drug": a reference back, not a name
        if NOW_CALLED.search(text, max(0, dm.start - 50), dm.start):
            return d
        return None
    return None


#: A drug named as a partner or comparator of the deal's drug.
NOT_DEAL_DRUG = re.compile(
    r"(?:combination with|combined with|plus|versus|vs\.?|compared (?:with|to)|alongside|"
    r"added to|on top of|than|such as|including|with|"
    # relations.not_compared: "a pill as powerful as X", "a drug similar to X".
    r"as [\w-]+ as|(?:similar|comparable|akin|equivalent) to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


def semicolon_parts(text: str, sent: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of a sentence between semicolons ("A licenses B's X; C files for Y")."""
    out, start = [], sent[0]
    for m in re.finditer(r";\s+", text[sent[0] : sent[1]]):
        out.append((start, sent[0] + m.start()))
        start = sent[0] + m.end()
    out.append((start, sent[1]))
    return out
