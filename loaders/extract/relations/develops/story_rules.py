"""DEVELOPS rules that read across sentences or the facts already found.

Partners of the story's drug, buyers, money raised, "following A, B and C", a product named
later, "the biotech's X" and "the drugmaker" as a deal's other party.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.cues import Cue, finditer
from loaders.extract.drugs import CODE
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Entity, Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.phrases import (
    COORD_GAP,
    NOT_DEAL_DRUG,
    NOW_CALLED,
    PARTNER,
    PRODUCT_NOUN,
    named_companies,
)
from loaders.extract.relations.story_drugs import main_drugs

_STORY_ANAPHOR = re.compile(r"\b(?:[Tt]he (?:company|drug|drugmaker|firm)|[Ii]t|[Ii]ts)\b")


def partner_of_story(index: Index, rels: list[Relation]) -> None:
    """develops.partner_of_story: "In partnership with B, the company previously won approval
    for the same indications": a partner named in a sentence that names no drug but speaks of
    the company or the drug works on the document's one main drug, when another company of
    the text already develops it."""
    doc = index.doc
    text = doc.text
    mains = main_drugs(index, rels)
    if len(mains) != 1:
        return
    main = mains[0]
    developers = {id(r.source) for r in rels if r.type == "DEVELOPS" and r.target is main}
    if not developers:
        return
    for sent in doc.sentences:
        comps = index.in_span("Company", *sent)
        if not comps or index.in_span("Drug", *sent):
            continue
        if not _STORY_ANAPHOR.search(text, sent[0], sent[1]):
            continue
        for cm, c in comps:
            if id(c) in developers:
                continue
            if PARTNER.search(text, max(sent[0], cm.start - 80), cm.start):
                add_relation(rels, "develops.partner_of_story", c, main, sent)


#: develops.acquirer: "A has acquired B", "A's $4bn takeover of B", "A plans to acquire biotech
#: B", "A paid $1.8bn for B", "the assets A picked up": A owns what B develops.
_ACQUIRE_CUE = re.compile(
    r"\b(?:acquir(?:e|es|ed|ing)|acquisition of|takeover of|buyout of|bought|buys|"
    r"buy(?:ing|s)?\s+out|to\s+buy|"
    r"purchase of|purchased|picked up|paid\s+(?:\S+\s+){1,3}?for)\s",
    re.I,
)
_ACQUIRE_WORDS = Cue(
    ["acquir", "acquisition", "takeover", "buyout", "bought", "buys", "purchase", "picked up"]
    + ["paid"],
    ignore_case=True,
    pattern=_ACQUIRE_CUE,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+$")


def acquirers(index: Index, rels: list[Relation]) -> None:
    """develops.acquirer (see _ACQUIRE_CUE): the company written last before the cue buys the
    first one after it (not "B was acquired by A": passives are left alone)."""
    doc = index.doc
    if not doc.has(_ACQUIRE_WORDS):
        return
    text = doc.text
    owned: dict[int, list[Entity]] = {}
    for r in rels:
        if r.type == "DEVELOPS":
            owned.setdefault(id(r.source), []).append(r.target)
    its_facts: dict[tuple[int, int], list[Relation]] = {}
    for r in rels:  # develops.acquired_its reads these per sentence
        if r.type == "DEVELOPS" and r.rule in _ITS_RULES:
            its_facts.setdefault(r.sentence, []).append(r)
    for m in finditer(text, _ACQUIRE_WORDS):
        if _PASSIVE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        sent = doc.sentence_at(m.start())
        comps = named_companies(index, sent)
        buyer = [c for cm, c in comps if cm.end <= m.start()][-1:]
        bought = [c for cm, c in comps if cm.start >= m.end()][:1]
        if not buyer or not bought or buyer[0] is bought[0]:
            continue
        for d in owned.get(id(bought[0]), []):
            add_relation(rels, "develops.acquirer", buyer[0], d, sent)
        _acquired_its(index, rels, its_facts.get(sent, []), buyer[0], bought[0])
        _gained_assets(index, rels, sent, m.end(), buyer[0], bought[0])


#: develops.acquired_asset: "A agreed to acquire B, gaining access to X", "..., adding X to its
#: portfolio", "acquire B and its pipeline, including X": what the buyer gains by the purchase
#: is what the bought company develops.
_GAINS = re.compile(
    r"\b(?:gain(?:s|ing)?|secur(?:es|ing)|obtain(?:s|ing)?)\s+(?:access|rights?)\s+to\s+|"
    r"\badd(?:s|ing)\s+|"
    # "acquire B and its neuroscience pipeline – including antipsychotic X"
    r"\band\s+its\s+(?:[\w-]+\s+){0,3}?(?:pipeline|portfolio|assets|programs|programmes)"
    r"\s*[-–—,]?\s*including\s+",
    re.I,
)


def _gained_assets(
    index: Index, rels: list[Relation], sent: tuple[int, int], cue_end: int, buyer, bought
) -> None:
    """develops.acquired_asset (see `_GAINS`): the drugs named right after the gain."""
    text = index.doc.text
    gain = _GAINS.search(text, cue_end, sent[1])
    if gain is None:
        return
    for dm, d in index.in_span("Drug", gain.end(), sent[1]):
        if dm.start - gain.end() > 60:
            break
        for c in (buyer, bought):
            add_relation(rels, "develops.acquired_asset", c, d, sent)


#: develops.code_prefix: "Verve-102", "VRTX-801": a code whose letters are a company's name
#: (or a short form of it) in the text is that company's.
def code_prefix_owners(index: Index, rels: list[Relation]) -> None:
    """develops.code_prefix (see above): codes (drugs.CODE) whose letters name a company."""
    companies: dict[str, Entity] = {}
    for e in index.entities:
        if e.type == "Company":
            for name in (e.name, *e.aliases):
                companies.setdefault(name.split()[0].lower(), e)
    if not companies:
        return
    for d in index.entities:
        if d.type != "Drug":
            continue
        for name in (d.name, *d.aliases):
            m = CODE.fullmatch(name)
            owner = companies.get(m.group(1).lower()) if m and len(m.group(1)) >= 3 else None
            if owner is not None:
                sentence = index.doc.sentence_at(d.mentions[0].start)
                add_relation(rels, "develops.code_prefix", owner, d, sentence)
                break


def acquired_pipelines(index: Index, rels: list[Relation]) -> list[Relation]:
    """develops.acquirer again, after the stages that read pipeline lists and deals: "A will
    acquire B ... B's pipeline includes X and Y": A owns X and Y too. Returns the new facts."""
    merged: list[Relation] = RelList()
    for r in rels:
        merged.seen.setdefault((r.type, id(r.source), id(r.target)), r)
        merged.append(r)
    known = len(merged)
    acquirers(index, merged)
    return merged[known:]


#: The rules that read "its X" as the sentence's first company's.
_ITS_RULES = ("develops.its_product", "develops.its_drug")


def _acquired_its(
    index: Index, rels: list[Relation], facts: list[Relation], buyer: Entity, bought: Entity
) -> None:
    """develops.acquired_its: "A agreed to buy out B ..., contingent on approval of its gene
    therapy X", "A acquired B and its candidate X": the "its" after the bought company is
    the bought company's too (the buyer, the sentence's first company, already has X)."""
    if not facts:
        return
    sent = facts[0].sentence
    bought_in = index.in_span("Company", *sent)
    first_bought = min((m.start for m, c in bought_in if c is bought), default=sent[1])
    drugs = index.in_span("Drug", *sent)
    for r in facts:
        if r.source is not buyer:
            continue
        if any(first_bought < dm.start for dm, d in drugs if d is r.target):
            add_relation(rels, "develops.acquired_its", bought, r.target, sent)


#: develops.funds_use: "A closed its $60 million series A, with the funds to be used to develop
#: X", "A has raised $90 million. Proceeds will be used to ... advance X": the company that
#: raised the money develops what it pays for (not a partner drug after "with", "plus").
_FUNDS_USE = re.compile(
    r"\b(?:funds|proceeds|financing|capital|money)\b[^.;]{0,30}?\b(?:will|would|to|is|are)\s+"
    r"(?:be\s+)?used\s+(?:to|for)\b",
    re.I,
)
_FUNDS_USE_CUE = Cue(
    ["funds", "proceeds", "financing", "capital", "money"], ignore_case=True, pattern=_FUNDS_USE
)
#: The sentence before names the raise ("has raised $90 million in a series C financing").
_RAISE = re.compile(
    r"\b(?:rais(?:ed|es|ing)|financing|funding|series [A-F]\b|round|IPO|offering|closed)", re.I
)


def funds_use(index: Index, rels: list[Relation]) -> None:
    """develops.funds_use (see `_FUNDS_USE`): the company before the cue in its sentence, else
    the first company of the sentence before when that one names the raise."""
    doc = index.doc
    if not doc.has(_FUNDS_USE_CUE):
        return
    text = doc.text
    for m in finditer(text, _FUNDS_USE_CUE):
        sent = doc.sentence_at(m.start())
        owner = [c for _, c in named_companies(index, (sent[0], m.start()))][:1]
        if not owner and sent[0] > 0:
            prev = doc.sentence_at(sent[0] - 1)
            if _RAISE.search(text, prev[0], prev[1]):
                owner = [c for _, c in named_companies(index, prev)][:1]
        for dm, d in index.in_span("Drug", m.end(), sent[1]) if owner else []:
            if (dm.start, dm.end, "Drug") not in index.owner:
                continue  # "the drug": an anaphor, not a name
            if NOT_DEAL_DRUG.search(text, max(sent[0], dm.start - 40), dm.start):
                continue  # "to develop X with Brand": a partner drug
            add_relation(rels, "develops.funds_use", owner[0], d, sent)


#: develops.nth_following: "X is Acme's fourth antibody approved, following A, B and C", "the
#: company's fifth internally developed medicine to reach the market, following the success of
#: A, B and C": the drugs after "following" are the owner's earlier products.
_NTH_FOLLOWING = re.compile(
    # Starts at the possessive (a quote the regex engine skips to), the owner is read before it.
    r"['’]s?\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+"
    r"(?:[\w-]+\s+){0,6}?(?:drug|medicine|product|therapy|antibody|treatment|biosimilar|"
    r"innovative drug|molecule)s?\b[^.;]{0,80}?,?\s+following\s+(?:the\s+(?:success|approvals?|"
    r"launch(?:es)?)\s+of\s+)?"
)
_NTH_OWNER = re.compile(
    r"(?:\b([Tt]he company|[Tt]he group)|"
    r"(?<![\w-])([^\W\d_a-z][\w&.-]*(?: [^\W\d_a-z][\w&.-]*){0,3}))$"
)
_NTH_FOLLOWING_CUE = Cue(["following"], pattern=_NTH_FOLLOWING)


def nth_following(index: Index, rels: list[Relation]) -> None:
    """develops.nth_following (see `_NTH_FOLLOWING`): the owner of the nth product develops
    the products listed after "following"."""
    doc = index.doc
    if not doc.has(_NTH_FOLLOWING_CUE):
        return
    text = doc.text
    companies = [e for e in index.entities if e.type == "Company"]
    if not companies:
        return
    main = max(companies, key=lambda e: len(e.mentions))
    for m in _NTH_FOLLOWING.finditer(text):
        sent = doc.sentence_at(m.start())
        who = _NTH_OWNER.search(text, max(sent[0], m.start() - 60), m.start())
        if who is None:
            continue
        if who.group(1):
            owner = main
        else:
            named = [c for cm, c in index.in_span("Company", who.start(2), who.end(2) + 1)]
            if not named:
                continue
            owner = named[-1]
        pos, last = m.end(), None
        for dm, d in index.in_span("Drug", m.end(), sent[1]):
            if dm.start < pos:
                continue
            if d is last and dm.start - pos <= 3:
                pos = dm.end  # "fruquintinib (Elunate)", "TYVA® (sintilimab": one drug's names
                continue
            if not _FOLLOWING_GAP.fullmatch(text, pos, dm.start):
                break
            add_relation(rels, "develops.nth_following", owner, d, sent)
            pos, last = dm.end, d


#: Between the drugs listed after "following": a brand's parenthesis, commas, "and".
_FOLLOWING_GAP = re.compile(
    r"(?:[ \w]{0,20}\))?(?:[®™]?\s*\([^()]{0,60}\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+)?\s*"
    r"(?:[A-Z]+[®™]?\s*\()?"
)
#: "A and B's TROP2-directed antibody-drug conjugate": whose the unnamed product is.
_OWNERS_PRODUCT = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,4}?" + PRODUCT_NOUN + r"\b")


_PARTNER_HYPHEN = re.compile(r"-(?:partnered|licensed|co-developed)\b")


def named_later(index: Index, rels: list[Relation]) -> None:
    """develops.named_later: "A and B's TROP2-directed conjugate won approval. ... for the
    drug, now called X": the companies whose unnamed product the text describes develop X,
    the name it gets later."""
    doc = index.doc
    text = doc.text
    for dm, d in index.in_span("Drug", 0, len(text)):
        if not NOW_CALLED.search(text, max(0, dm.start - 50), dm.start):
            continue
        sent = doc.sentence_at(dm.start)
        prev = doc.sentence_at(max(0, sent[0] - 1))
        comps = index.in_span("Company", prev[0], dm.start)
        owners = []
        for k, (cm, c) in enumerate(comps):
            own = _OWNERS_PRODUCT.match(text, cm.end)
            if own is None or index.in_span("Drug", cm.end, own.end()):
                continue
            owners = [c]
            # "A's B-partnered analog": the partner written inside the description.
            owners += [
                o
                for om, o in comps[k + 1 :]
                if om.start < own.end() and _PARTNER_HYPHEN.match(text, om.end)
            ]
            # "A and B's": the companies joined to the possessive one.
            for om, o in reversed(comps[:k]):
                if not re.fullmatch(r"\s*(?:,|and|&)\s*", text[om.end : cm.start]):
                    break
                owners.append(o)
                cm = om
        for c in owners:
            add_relation(rels, "develops.named_later", c, d, sent)


#: "the private biotech's X", "the Swiss drugmaker's X and Y": the company named just before.
_ANAPHOR_POSSESSIVE = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(re.escape(n) for n in vocabulary()["company_anaphor_nouns"])
    + r")['’]s?\s+(?:(?:[\w-]+\s+){0,3}?(?:drug|candidate|asset|therapy|ADC|antibody),?\s+)?"
    # develops.anaphor_possessive: "the drug developer's liver cancer drug, a combination of A
    # and B": the owner's regimen, each of its drugs.
    r"(?:(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:combination|regimen|pairing)\s+of\s+)?$"
)


def anaphor_possessives(index: Index, rels: list[Relation]) -> None:
    """develops.anaphor_possessive: a drug after "the <descriptor> biotech's" belongs to the last
    company named before it, in that sentence or the one before ("paid $2bn for Acme, on the
    strength of the private biotech's X"); drugs coordinated after it too."""
    doc = index.doc
    text = doc.text
    drugs = index.in_span("Drug", 0, len(text))
    for k, (dm, d) in enumerate(drugs):
        cue = _ANAPHOR_POSSESSIVE.search(text, max(0, dm.start - 90), dm.start)
        if cue is None:
            continue
        sent = doc.sentence_at(dm.start)
        prev = doc.sentence_at(max(0, sent[0] - 1))
        comps = index.in_span("Company", prev[0], cue.start())
        if not comps:
            continue
        c = comps[-1][1]
        add_relation(rels, "develops.anaphor_possessive", c, d, sent)
        for om, o in drugs[k + 1 :]:
            if not COORD_GAP.fullmatch(text, dm.end, om.start):
                break
            add_relation(rels, "develops.anaphor_possessive", c, o, sent)
            dm = om


#: develops.anaphor_counterparty: "A expects an upfront payment from B. The British-Swedish
#: drugmaker is paying for exclusive rights to A's X": the company a deal sentence calls "the
#: <descriptor> drugmaker/group" buys or licenses another's drug; it is the one company named
#: just before that is not the drug's owner ("thanks to B's double dip, where the UK group
#: licensed A's X and Y": B).
_ANAPHOR_SUBJECT = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(re.escape(n) for n in vocabulary()["company_anaphor_nouns"] if n != "company")
    + r")\s+(?!['’])"
)
_ANAPHOR_DEAL_VERB = re.compile(
    r"(?:(?:is|was|has been|will be|were)\s+)?(?:paying|paid|pays|licen[sc]ed|licen[sc]es|"
    r"licen[sc]ing|acquired|acquires|acquiring|bought|buys|in-licensed|gained|gains|obtained|"
    r"secured|secures|takes|took|won|gets|got)\b"
)


def anaphor_counterparty(index: Index, rels: list[Relation]) -> None:
    """develops.anaphor_counterparty (see `_ANAPHOR_SUBJECT`)."""
    doc = index.doc
    text = doc.text
    owned: dict[tuple[int, int], list[Relation]] = {}
    for r in rels:
        if r.type == "DEVELOPS" and r.rule.startswith("develops.possessive"):
            owned.setdefault(r.sentence, []).append(r)
    for sent, facts in owned.items():
        for m in _ANAPHOR_SUBJECT.finditer(text, sent[0], sent[1]):
            if not _ANAPHOR_DEAL_VERB.match(text, m.end()):
                continue
            owners = {id(r.source) for r in facts}
            drugs = [r.target for r in facts]
            before = [c for _, c in index.in_span("Company", sent[0], m.start())]
            if not before:  # the sentence starts with the anaphor: the sentence before
                prev = doc.sentence_at(max(0, sent[0] - 1))
                before = [c for _, c in index.in_span("Company", prev[0], prev[1])]
            others = {id(c): c for c in before if id(c) not in owners}
            if len(others) != 1:
                continue
            (c,) = others.values()
            for d in drugs:
                add_relation(rels, "develops.anaphor_counterparty", c, d, sent)
