"""DEVELOPS from deal sentences: every party of a licence, a collaboration or a sale."""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.phrases import (
    COORD_GAP,
    NOT_DEAL_DRUG,
    other_products_item,
    semicolon_parts,
)
from loaders.extract.relations.story_drugs import main_drugs

#: Words of ownership, licensing and co-development: every party named is behind the drug.
_DEAL_CUE = re.compile(
    r"\b(?:licen[sc]\w*|rights|co-develop\w*|co-commerciali[sz]\w*|jointly|develops|"
    r"developing|commerciali[sz]\w*|markets|marketed|manufactures|discovered|engineered|"
    r"originally developed|acquired|acquisition|collaborat\w*|partnership|royalt\w+|tie-up|"
    r"(?:transferred|transfers|transferring)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}technology|"
    # develops.deal_transfer: Korean and Chinese deal news ("signed a contract to transfer the
    # technology of X to B", "a technology transfer agreement for X", "A exported X with B").
    r"transfer\s+(?:the\s+)?(?:[\w-]+\s+){0,2}technology|technology\s+(?:transfer|export)\w*|"
    r"export(?:ed|ing)|"
    r"holds? (?:the )?(?:global |worldwide |exclusive )?(?:rights|licen[cs]e)|"
    # develops.access_rights: "Other candidates that B will gain access to include X and Y".
    r"gain(?:s|ed)? access)\b",
    re.I,
)


#: "Evopoint's Claudin 18.2 ADC": a deal for an unnamed product, not the story's drug.
_PRODUCT_NOUNS = "|".join(vocabulary()["drug_nouns"])
_UNNAMED_PRODUCT = re.compile(r"['’]s?\s+(?:[\w.-]+\s+){0,3}(?:" + _PRODUCT_NOUNS + r")\b", re.I)


#: develops.deal_not_story_drug: a deal sentence that names no drug is about the story's one
#: drug only when it is about one product of one deal: not when it counts or pluralises its
#: own products ("licensed three types of cell therapy to B", "a package of metabolic drugs
#: licensed to B", "the right to license programs developed under the collaboration"; "these
#: candidates", "both drugs" refer back and stay), nor when it lists three or more companies
#: ("A, B, C and D have signed licence agreements", "firms, including A, B and C, posted ...").
_SEVERAL_PRODUCTS = re.compile(
    r"\b(?:"
    + "|".join(w.replace(" ", r"\s+") for w in vocabulary()["several_products_nouns"])
    + r")\b",
    re.I,
)
_REFERS_BACK = re.compile(
    r"\b(?:these|those|both|the|such|said)\s+(?:(?!(?:to|of|for|with|by)\s)[\w-]+\s+){0,2}$", re.I
)
#: "any such program", "each future product": products of a deal not yet named.
_ANY_PRODUCT = re.compile(
    r"\b(?:any|each|every|such|future|additional|other)\s+(?:such\s+|future\s+)?"
    r"(?:program|programme|product|candidate|compound|asset|molecule)s?\b",
    re.I,
)
#: relations.deal_unnamed_object: "licensing a small-molecule KRAS inhibitor from B", "acquire
#: an oral GLP-1 candidate", "an option on one of the proposed drug candidates": the deal is
#: for a product the sentence describes but does not name (or one of several), not for the
#: story's drug, which may be a rival the story compares it with.
_UNNAMED_DEAL_OBJECT = re.compile(
    r"\b(?:licen[sc](?:e|es|ed|ing)|in-licen[sc]\w*|acquir(?:e|es|ed|ing)|bought|buys?|"
    r"buying|rights\s+to)\s+an?\s+(?:[\w/.-]+\s+){0,5}?(?:"
    + _PRODUCT_NOUNS
    + r")s?\b|\bone\s+of\s+(?:the|its|their|several)\s+(?:[\w-]+\s+){0,3}?(?:"
    + _PRODUCT_NOUNS
    + r"|programs?|programmes?|assets?)s?\b",
    re.I,
)
#: develops.deal_commercial_agent: "Commercialisation in China, under the brand name X, is
#: managed by B", "sales in Japan will be handled by B": B markets the story's drug.
_COMMERCIAL_AGENT = re.compile(
    r"\b(?:commerciali[sz]ation|marketing|distribution|sales|promotion)\b[^.;]{0,80}?\b"
    r"(?:managed|handled|led|run|carried out|conducted|undertaken|marketed|commerciali[sz]ed|"
    r"sold|distributed|promoted)\s+by\b",
    re.I,
)
#: A trademark sign marks a product the sentence names ("its cell therapy Acmecell®").
_MARKED_PRODUCT = re.compile(r"\w[®™]")
_COMPANY_GROUP_LIST = re.compile(
    r"\b(?:companies|firms|drugmakers|developers|biotechs|players|makers)\b,?\s+"
    r"(?:including|such as|like|among them)\s+$",
    re.I,
)


#: develops.rival_players: companies a deal sentence names as the field the buyer joins or
#: competes with ("Acme is joining other players in this space like A, B and C", "rivals such
#: as A and B", "competing with A", "joining the likes of A and B") are not
#: parties to the deal: the first of a coordinated run after one of these words.
_RIVAL_BEFORE = re.compile(
    r"\b(?:(?:other|rival|competing)\s+(?:[\w-]+\s+){0,2}?(?:players|companies|firms|drugmakers|"
    r"developers|biotechs|makers|pharmas?|entrants|groups)|rivals?|competitors?|"
    r"compet(?:e|es|ed|ing)\s+(?:with|against)|the likes of|the ranks of|ahead of|"
    r"trail(?:s|ing)?|unlike)\b(?:\s+(?:in|on|across)\s+(?:this|the|that)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:space|field|market|race|area|class))?,?\s+(?:(?:such as|like|including|among them|"
    r"notably|from)\s+)?(?:the\s+)?$",
    re.I,
)


def _rival_companies(text: str, sent: tuple[int, int], comps: list) -> set[int]:
    """develops.rival_players (see `_RIVAL_BEFORE`): the ids of the sentence's rival companies."""
    out: set[int] = set()
    run_rival, prev_end = False, None
    for cm, c in sorted(comps, key=lambda r: r[0].start):
        joined = prev_end is not None and COORD_GAP.fullmatch(text, prev_end, cm.start)
        if not joined:
            window = max(sent[0], cm.start - 90)
            run_rival = _RIVAL_BEFORE.search(text, window, cm.start) is not None
        if run_rival:
            out.add(id(c))
        prev_end = cm.end
    return out


def _not_story_drug(index: Index, sent: tuple[int, int], comps: list, main: Entity) -> bool:
    """develops.deal_not_story_drug (see `_SEVERAL_PRODUCTS`): the sentence's deal is not about
    the story's drug."""
    text = index.doc.text
    if any(sent[0] <= m.start < sent[1] for m in main.mentions):
        return False  # "drugs known as GLP-1 agonists, including X": the story's drug is named
    words = text[sent[0] : sent[1]]
    if _MARKED_PRODUCT.search(words) or _ANY_PRODUCT.search(words):
        return True  # a product named here ("Acmecell®", "any such program"): not the story's
    if _UNNAMED_DEAL_OBJECT.search(words):  # relations.deal_unnamed_object
        return True  # a product named here ("Acmecell®", "any such program"): not the story's
    for m in _SEVERAL_PRODUCTS.finditer(text, sent[0], sent[1]):
        if not _REFERS_BACK.search(text, max(sent[0], m.start() - 50), m.start()):
            return True
    ordered = sorted(comps, key=lambda r: r[0].start)
    run = 1
    for (am, a), (bm, b) in zip(ordered, ordered[1:], strict=False):
        if a is not b and COORD_GAP.fullmatch(text, am.end, bm.start):
            run += 1
            if run >= 3:
                return True
        elif a is not b:
            run = 1
    first = ordered[0][0]
    return _COMPANY_GROUP_LIST.search(text, max(sent[0], first.start - 60), first.start) is not None


def _deal_list(text: str, drugs: list[tuple[Mention, Entity]]) -> list[Entity]:
    """develops.deal_list: the drugs of a deal sentence when they are one coordinated list
    ("the technology of X and Y", "licensed A's X, Y and Z"), else none (several deals)."""
    out: list[Entity] = [drugs[0][1]]
    prev_end = drugs[0][0].end
    for dm, d in drugs[1:]:
        gap = text[prev_end : dm.start]
        if d is out[-1] and re.fullmatch(r"\s*\(", gap):
            prev_end = max(prev_end, dm.end)  # "X (Brand)": the same drug
            continue
        if not COORD_GAP.fullmatch(gap):
            return []
        if d not in out:
            out.append(d)
        prev_end = dm.end
    return out


def deals(index: Index, rels: list[Relation]) -> list[Relation]:
    """ "A licensed it to B", "A and B are developing it jointly", "B markets the product":
    in a sentence about a deal or development, every company is behind its one drug."""
    doc = index.doc
    text = doc.text
    out: list[Relation] = RelList()
    mains = main_drugs(index, rels)
    parties = _Parties()
    for sent in (c for s in doc.sentences for c in semicolon_parts(text, s)):
        comps = index.in_span("Company", *sent)
        if not comps or not _DEAL_CUE.search(text, sent[0], sent[1]):
            continue
        rivals = _rival_companies(text, sent, comps)
        comps = [(cm, c) for cm, c in comps if id(c) not in rivals]
        if not comps:
            continue
        parties.note(comps)
        drugs = [
            (dm, d)
            for dm, d in index.in_span("Drug", *sent)
            if not NOT_DEAL_DRUG.search(text, max(sent[0], dm.start - 30), dm.start)
            or _PROGRAMS_INCLUDING.search(text, max(sent[0], dm.start - 60), dm.start)
        ]
        ids = {id(d) for _, d in drugs}
        listed = _deal_list(text, drugs) if len(ids) > 1 else []
        if len(ids) > 1 and not listed:
            _rights_to_several(text, sent, comps, drugs, out, parties)
            continue
        if listed:
            for _, c in comps:  # develops.deal_list: "transfer X and Y to B"
                for d in listed:
                    add_relation(out, "develops.deal_list", c, d, sent)
            for d in listed:  # "B gains rights to X and Y": B's partner develops them too
                parties.note_grant(text, sent, comps, d)
            continue
        rule = "develops.deal"
        if drugs:
            drug = drugs[0][1]
        elif (
            len(mains) == 1
            and not _UNNAMED_PRODUCT.search(text, sent[0], sent[1])
            and not _not_story_drug(index, sent, comps, mains[0])
            and not other_products_item(index, sent[0], mains[0])
        ):
            # "A licensed rights outside Europe to B": the drug of the story
            drug = mains[0]
            if not re.search(r"\b(?:licen[sc]\w*|rights)\b", text[sent[0] : sent[1]], re.I):
                if not _COMMERCIAL_AGENT.search(text, sent[0], sent[1]):
                    continue
                rule = "develops.deal_commercial_agent"
        else:
            continue
        for _, c in comps:
            add_relation(out, rule, c, drug, sent)
        parties.note_grant(text, sent, comps, drug)
    parties.add_counterparties(out)
    return out


#: develops.deal_counterparty: "B has been granted an exclusive licence to develop X", "B will
#: also receive an option to license rights for Y": the one company of the sentence receives
#: the rights; the company that granted them is its partner in the story's deal.
_RECEIVES_RIGHTS = re.compile(
    r"\b(?:receive[sd]?|receiving|obtain(?:s|ed)?|gain(?:s|ed)?|secure[sd]?|been granted|"
    r"(?:is|was|be|were|are)\s+granted|gets?|got)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:option|rights?|licen[cs]es?|access)\b",
    re.I,
)
#: develops.programs_including: "licenses to four of A's programs, including X": the
#: programs listed after "including" are the deal's (a comparator "such as"/"including" a
#: drug after other nouns is not).
_PROGRAMS_INCLUDING = re.compile(
    r"\b(?:programs?|programmes?|candidates?|assets?|compounds?|molecules?|therapeutics),?\s+"
    r"including\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: A possessive right after a company: "four of Arrowhead's programs".
_OWNER_AFTER = re.compile(r"['’]s?\s")


def _rights_to_several(
    text: str, sent: tuple[int, int], comps: list, drugs: list, out: list, parties: _Parties
) -> None:
    """develops.rights_to_several: "B gains rights to two candidates, X and Y, and an option
    on a program, Z": the one company of the sentence receives rights to every drug named
    after the cue (its partner in the story's deal is behind them too)."""
    cue = _RECEIVES_RIGHTS.search(text, sent[0], sent[1])
    if cue is None:
        return
    before = {id(c): c for cm, c in comps if cm.end <= cue.start()}
    # "B will obtain licenses to four of A's programs, including X and Y": after the cue, a
    # company only owns the programs B receives (a possessive); it grants them.
    after = [(cm, c) for cm, c in comps if cm.end > cue.start()]
    if len(before) != 1 or not all(_OWNER_AFTER.match(text, cm.end) for cm, _ in after):
        return
    receiver = next(iter(before.values()))
    for dm, d in drugs:
        if dm.start > cue.end():
            add_relation(out, "develops.rights_to_several", receiver, d, sent)
            for _, owner in after:
                add_relation(out, "develops.rights_to_several", owner, d, sent)
            parties.note_grant(text, sent, comps, d)


class _Parties:
    """The parties of the story's deals (develops.deal_counterparty): which companies a deal
    sentence names together, and the drugs one company alone receives rights to."""

    def __init__(self) -> None:
        self.partners: dict[int, dict[int, Entity]] = {}
        self.grants: list[tuple[Entity, Entity, tuple[int, int]]] = []

    def note(self, comps: list) -> None:
        """The companies of one deal sentence are each other's partners."""
        named = {id(c): c for _, c in comps}
        if len(named) < 2:
            return
        for i in named:
            self.partners.setdefault(i, {}).update({j: o for j, o in named.items() if j != i})

    def note_grant(self, text: str, sent: tuple[int, int], comps: list, drug: Entity) -> None:
        """A sentence whose one company receives rights to the drug."""
        if len({id(c) for _, c in comps}) == 1 and _RECEIVES_RIGHTS.search(text, sent[0], sent[1]):
            self.grants.append((comps[0][1], drug, sent))

    def add_counterparties(self, out: list[Relation]) -> None:
        """The one partner of a company that receives rights develops the drug too."""
        for c, drug, sent in self.grants:
            others = self.partners.get(id(c), {})
            if len(others) == 1:
                (p,) = others.values()
                add_relation(out, "develops.deal_counterparty", p, drug, sent)
