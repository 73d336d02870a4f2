"""TARGETS: which drug a mechanism phrase ("a PD-1 inhibitor", "targets HER2") belongs to."""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.relations.phrases import (
    INDEFINITE_BEFORE,
    PRIOR_CLASS,
    PRODUCT_NOUN,
    named_companies,
    named_later_drug,
    other_products_item,
    semicolon_parts,
    starts_next_item,
)
from loaders.extract.relations.story_drugs import main_drugs

#: targets.apposition_after_names: "inn (short, also known as AB-1/CD-2) (Brand®), a TROP2
#: ADC": the apposition follows every parenthesis of other names, and a name inside the first
#: parenthesis ("AB-1" above) is the same drug.
_NAMES_PARENS = r"(?:[^()]*\))?(?:\s*\([^()]*\))*"
_APPOSITION = re.compile(_NAMES_PARENS + r"\s*(?:,|\s(?:is|was|are))\s+(?:a|an|the)?\b[^,;]*$")
#: "cisplatin, gemcitabine and a PD-1 inhibitor": the class is its own item of the list.
_LISTED_CLASS = re.compile(
    # ", another X inhibitor" is an apposition to the drug before it, not an item of a list.
    r"(?:\b(?:and|or|plus|with|versus|vs\.?|than)\s+(?:a|an|another)|,\s+(?:a|an))\s+"
    r"(?:[\w-]+\s+){0,2}$"
)
_STRICT_APPOSITION = re.compile(
    _NAMES_PARENS + r"\s*(?:,|\s(?:is|was|are))\s+(?:a|an|the)\b[^,;]*$"
)
#: "the approved CDK4/6 inhibitors palbociclib, ribociclib and abemaciclib".
#: targets.owned_members: each member may carry its maker ("X inhibitors Acme's Brand (inn) and
#: Beta's Brand2 (inn2)"); the brand's INN in parentheses is the same member.
_DRUG_LIST_GAP = re.compile(
    r"\)?\s*(?:\(\w+\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)?\s*"
    r"(?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2}['’]s\s+)?"
)
_SAME_MEMBER_GAP = re.compile(r"\s*\(\s*")


#: Between a mechanism and the drug it names: a drug noun, then the name ("anti-PD-1 mAb X",
#: "a PD-1 antibody, X,"): the drug after it, not one before it in a list.
_CLASS_THEN_DRUG = re.compile(
    r"(?:\s+(?:monoclonal\s+|bispecific\s+|humanized\s+)?(?:mAbs?|antibod(?:y|ies)|ADCs?|"
    r"antibody[- ]drug conjugates?|bispecifics?|inhibitors?|agonists?|antagonists?|blockers?|"
    r"degraders?|siRNA|candidates?|drugs?)(?:\s*\([\w-]+\))?)?\s*,?\s*"
)


#: relations.not_own_mechanism: a mechanism the sentence denies the drug ("inhibits HER2
#: without inhibiting EGFR", "while sparing EGFR", "does not bind CD16"), a partner class of a
#: regimen with no drug named after it ("in combination with JAK inhibitor therapy", "plus
#: PD-1 blockade"), or a class the patients resist ("for EGFR-TKI-resistant NSCLC", "BTK
#: inhibitor-refractory CLL", "PD-1 inhibitor-naive patients") is none of the drug's targets.
_DENIED_BEFORE = re.compile(
    r"\b(?:without|sparing|spares|spare|(?<!only )(?:not|never)(?!\s+only\b))\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)
_PARTNER_BEFORE = re.compile(
    r"\b(?:in combination with|combined with|plus|added to|on top of|together with|"
    r"alongside|along with)\s+(?:(?:standard|background|approved|an?|the)\s+)?"
    # relations.coordinated_partner: "alongside ACE/ARB therapy and SGLT2 inhibitors".
    r"(?:[\w/-]+\s+(?:[\w/-]+\s+)?(?:and|or)\s+)?$",
    re.I,
)
_RESISTED_AFTER = re.compile(
    r"\s*[-–]?\s*(?:resistant|refractory|resistance|pretreated|experienced|naive|naïve|"
    r"intolerant)\b",
    re.I,
)


def _not_own_mechanism(index: Index, sent, ms: int, me: int, before: str) -> bool:
    """relations.not_own_mechanism (see `_DENIED_BEFORE`)."""
    text = index.doc.text
    if _DENIED_BEFORE.search(before) or _RESISTED_AFTER.match(text, me):
        return True
    if not _PARTNER_BEFORE.search(before):
        return False
    # "in combination with the PD-1 inhibitor tislelizumab": the class names the drug after it.
    return not any(
        dm.start >= me and _CLASS_THEN_DRUG.fullmatch(text, me, dm.start)
        for dm, _ in index.in_span("Drug", me, sent[1])
    )


def targets(index: Index, target_mentions: list[Mention]) -> list[Relation]:
    """Each mechanism phrase to the listed members of its class noun, else the nearest drug
    of its sentence, else (`_fallback`) a drug named later or the main drug."""
    rels: list[Relation] = RelList()
    doc = index.doc
    text = doc.text
    fallback: list[Mention] = []
    for tm in target_mentions:
        t = index.of(tm)
        if t is None or "_mech" not in tm.props:
            continue
        ms, me = tm.props["_mech"]
        sent = doc.sentence_at(ms)
        props = {"action": tm.props["_action"]} if "_action" in tm.props else {}
        before = re.sub(r"(?:[\w-]+/)+$", "", text[max(sent[0], ms - 80) : ms])  # "PD-1/"
        if _not_a_drugs_mechanism(index, tm, sent, before):
            continue
        listed = bool(_LISTED_CLASS.search(before))
        drugs = index.in_span("Drug", *sent)
        members, rule = _class_members(text, tm, drugs), "targets.class_members"
        if not members:
            members, rule = _members_before(text, ms, me, drugs), "targets.class_members_before"
        if members:
            for d in members:
                add_relation(rels, rule, d, t, sent, props)
            continue
        pair = _apposed_pair(text, ms, me, drugs)
        for d in pair:
            add_relation(rels, "targets.pair_apposition", d, t, sent, props)
        if pair:
            continue
        unnamed = INDEFINITE_BEFORE.search(before) is not None
        nearest = _nearest_drug(text, ms, me, drugs, listed, unnamed)
        if nearest is not None:
            add_relation(rels, "targets.nearest_drug", nearest, t, sent, props)
        elif not listed and not (unnamed and _next_item_drug(text, me, drugs)):
            fallback.append(tm)
    if fallback:
        _fallback(index, fallback, rels)
    _target_named_products(index, rels)
    _stem_named_targets(index, rels)
    return rels


#: targets.stem_target: "menin inhibitors ... ziftomenib, enzomenib and bleximenib": an INN
#: whose stem means a mechanism (-menib: menin inhibitor, -parib: PARP inhibitor) acts on that
#: target, when the text names the target and gives the drug no other one.
_STEM_TARGETS = {
    stem: {t.casefold() for t in targets}
    for stem, targets in vocabulary()["inn_stem_targets"].items()
}


def _stem_named_targets(index: Index, rels: list[Relation]) -> None:
    targeted = {r.source.id for r in rels if r.type == "TARGETS"}
    named = [t for t in index.entities if t.type == "Target"]
    if not named:
        return
    for d in index.entities:
        if d.type != "Drug" or d.id in targeted or " " in d.name:
            continue
        stem = next((s for s in _STEM_TARGETS if d.name.lower().endswith(s)), None)
        if stem is None:
            continue
        for t in named:
            if {t.name.casefold(), *(a.casefold() for a in t.aliases)} & _STEM_TARGETS[stem]:
                sent = index.doc.sentence_at(d.mentions[0].start)
                add_relation(rels, "targets.stem_target", d, t, sent)


#: targets.target_noun: "Roivant's TL1A drug Telavant", "PRA023, a TL1A programme": a target
#: the text names elsewhere, used as the modifier of a product noun right before or after the
#: drug's name, is the drug's target (no mechanism word needed).
_PRODUCT_NOUN = r"(?:" + PRODUCT_NOUN + r"|(?:programme|program|mAb|molecule|compound)s?)"
_NOUN_THEN_DRUG = re.compile(r"\s+" + _PRODUCT_NOUN + r"(?:\s+candidate)?,?\s+")
_DRUG_THEN_APPOSITION = re.compile(
    r"(?:\s*\([^()]{1,40}\))?,\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?"
)
_NOUN_AFTER = re.compile(r"\s+" + _PRODUCT_NOUN + r"\b")


def _target_named_products(index: Index, rels: list[Relation]) -> None:
    """targets.target_noun (see `_NOUN_THEN_DRUG`)."""
    text = index.doc.text
    for sent in index.doc.sentences:
        found = index.in_span("Target", *sent)
        if not found:
            continue
        drugs = index.in_span("Drug", *sent)
        for tm, t in found:
            if not _NOUN_AFTER.match(text, tm.end):
                continue
            for dm, d in drugs:
                if (dm.start > tm.end and _NOUN_THEN_DRUG.fullmatch(text, tm.end, dm.start)) or (
                    dm.end < tm.start and _DRUG_THEN_APPOSITION.fullmatch(text, dm.end, tm.start)
                ):
                    add_relation(rels, "targets.target_noun", d, t, sent)


def _not_a_drugs_mechanism(index: Index, tm: Mention, sent: tuple[int, int], before: str) -> bool:
    """A prior-therapy class (also before the class's abbreviation), a mechanism the
    sentence denies the drug (relations.not_own_mechanism) or a combination's two."""
    text = index.doc.text
    ms, me = tm.props["_mech"]
    if PRIOR_CLASS.search(before):
        return True  # a class of earlier treatment, not what the drug acts on
    if _not_own_mechanism(index, sent, ms, me, before):
        return True
    abbr = index.doc.abbreviation_defined_at(tm.start)
    if (
        abbr is not None
        and abbr.long_start < tm.start
        and PRIOR_CLASS.search(text, max(sent[0], abbr.long_start - 80), abbr.long_start)
    ):
        return True  # "progression on tyrosine kinase inhibitors (EGFR-TKIs)"
    # "a MET/EGFR inhibitor combination": two drugs, not said which is which
    return bool(re.match(r"\s+(?:combination|combo|regimen|doublet)\b", text[me : me + 20]))


def _class_members(text: str, tm: Mention, drugs: list) -> list[Entity]:
    """targets.class_members: a plural class noun followed by its members ("CDK4/6
    inhibitors A, B and C"): each member."""
    me = tm.props["_mech"][1]
    if not (re.search(r"s\b", text[me - 1 : me + 1]) and tm.props.get("_action")):
        return []
    members = []
    # targets.class_members_including: "oral JAK inhibitors including A, B and C", "X
    # inhibitors such as A and B", "the X antagonists, namely A and B", "X inhibitors: A, B".
    lead = _MEMBERS_LEAD.match(text, me)
    pos = lead.end() if lead else me
    for dm, d in drugs:
        if dm.start < pos:
            continue
        if members and d is members[-1] and _SAME_MEMBER_GAP.fullmatch(text, pos, dm.start):
            pos = dm.end  # "Brand (inn)": one member under two names
            continue
        if not _DRUG_LIST_GAP.fullmatch(text, pos, dm.start):
            break
        members.append(d)
        pos = dm.end
    return members


_MEMBERS_LEAD = re.compile(
    r"\s*(?:,\s*)?(?:(?:including|such\s+as|like|namely|notably|e\.g\.,?|i\.e\.,?)\s+|:\s*)"
)

#: targets.class_members_before: "A (a), B (b) and C (c) – all IL-13 inhibitors –", "A and
#: B, both PD-1 antibodies", "A, B and C (all JAK inhibitors)", "A and B are both EGFR
#: inhibitors": a plural class set off after a list by "all"/"both"/"each" describes every
#: drug of the list.
_ALL_BEFORE_CLASS = re.compile(
    r"(?:\)?\s*(?:,|[–—]|--|\s-|\()\s*|\s+(?:are|were)\s+)(?:all|both|each|all\s+(?:of\s+)?(?:them|which|three|"
    r"four|five)(?:\s+(?:are|being))?|which\s+are\s+all)\s+(?:(?:approved|marketed|oral|"
    r"injectable|biologic|investigational|selective|potent)\s+)*$"
)


def _members_before(text: str, ms: int, me: int, drugs: list) -> list[Entity]:
    """targets.class_members_before (see `_ALL_BEFORE_CLASS`): the drugs of the list that
    ends right before the "all"/"both" cue, read backwards over list gaps."""
    if text[me - 1 : me] != "s":
        return []
    cue = _ALL_BEFORE_CLASS.search(text, max(0, ms - 60), ms)
    if cue is None:
        return []
    before = [(dm, d) for dm, d in drugs if dm.end <= cue.start() + 1]
    members: list[Entity] = []
    pos = cue.start()
    for dm, d in reversed(before):
        gap_end = pos
        if members and d is members[-1] and _SAME_MEMBER_GAP.fullmatch(text, dm.end, gap_end):
            pos = dm.start  # "Brand (inn)": one member under two names
            continue
        if not (
            _PAREN_CLOSE.fullmatch(text, dm.end, gap_end)
            or (members and _DRUG_LIST_GAP.fullmatch(text, dm.end, gap_end))
        ):
            break
        if d not in members:
            members.append(d)
        pos = dm.start
        owner = _OWNER_BEFORE.search(text, max(0, pos - 40), pos)
        if owner:
            pos = owner.start()  # "Acme's Brand": the maker belongs to the member
    return members if len(members) >= 2 else []


_PAREN_CLOSE = re.compile(r"\)?\s*")
_OWNER_BEFORE = re.compile(r"(?<![\w&.-])[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2}['’]s\s+$")


#: targets.pair_apposition: "than Brand and Brand2, the amyloid antibodies sold by ...": a
#: plural class set off after two coordinated drugs describes both.
_PAIR_APPOSED = re.compile(r"\s*,\s+(?:the|two|both)\s+(?:[\w-]+\s+){0,3}")
_PAIR_AND = re.compile(r"\s+and\s+")


def _apposed_pair(text: str, ms: int, me: int, drugs: list) -> list[Entity]:
    if text[me - 1 : me] != "s":
        return []
    for (am, a), (bm, b) in zip(drugs, drugs[1:], strict=False):
        if (
            a is not b
            and _PAIR_AND.fullmatch(text, am.end, bm.start)
            and _PAIR_APPOSED.fullmatch(text, bm.end, ms)
        ):
            return [a, b]
    return []


def _next_item_drug(text: str, me: int, drugs: list) -> bool:
    """relations.unnamed_product_item: a drug of the sentence starts the list item after the
    unnamed product ("a new oral IL-23 inhibitor for psoriasis, X's win in Y"): the product
    is described, not named, and is no drug of the document's."""
    return any(
        dm.start >= me
        and not _CLASS_THEN_DRUG.fullmatch(text, me, dm.start)
        and starts_next_item(text, me, dm.start)
        for dm, _ in drugs
    )


def _nearest_drug(
    text: str, ms: int, me: int, drugs: list, listed: bool, unnamed: bool = False
) -> Entity | None:
    """targets.nearest_drug: the drug closest to the mechanism phrase; an apposition ("X, an
    oral KRAS inhibitor") or a drug noun before the name ("anti-PD-1 mAb X") counts as
    nearest, a drug across "and"/"versus" or starting a new list item as farther. `unnamed`:
    the phrase describes "a/an" product, and a drug starting the next list item is not it
    (relations.unnamed_product_item)."""
    best = None
    for dm, d in drugs:
        if dm.end <= ms:
            dist = len(text[dm.end : ms])
            between = text[dm.end : ms]
            if listed and not _STRICT_APPOSITION.match(between):
                continue
            if re.search(r"\b(?:and|versus|vs|compared)\b", between) and dist > 6:
                dist += 40
            if _APPOSITION.match(between):
                dist = 0  # "X, an oral KRAS inhibitor" / "X is an anti-CD20 antibody"
        elif dm.start >= me:
            if listed:
                continue
            dist = len(text[me : dm.start])
            if _CLASS_THEN_DRUG.fullmatch(text, me, dm.start):
                dist = -1  # "anti-PD-1 mAb serplulimab", "its PD-1 antibody, BAT1308,"
            elif unnamed and starts_next_item(text, me, dm.start):
                continue  # relations.unnamed_product_item
            elif _other_owner(text, ms, me, dm.start):
                continue  # relations.other_owner
            elif re.match(r"\s*(?:,|and\b|or\b)", text[me : dm.start]):
                dist += 40  # "..., and Y": Y starts a new item
        else:
            dist = 0
        if best is None or dist < best[0]:
            best = (dist, d)
    return best[1] if best is not None else None


#: A name's possessive ("Zealand's", "Roche’s").
_OWNER = re.compile(r"\b([A-Z][\w-]*)['’]s?\s")


def _other_owner(text: str, ms: int, me: int, drug_start: int) -> bool:
    """relations.other_owner: "Zealand's long-acting amylin analogue with Roche's portfolio,
    including CT-388": a mechanism owned by one name does not describe a drug after another
    name's possessive."""
    owner = _OWNER.search(text, max(0, ms - 60), ms)
    if owner is None:
        return False
    return any(o.group(1) != owner.group(1) for o in _OWNER.finditer(text, me, drug_start))


def _fallback(index: Index, fallback: list[Mention], rels: list[Relation]) -> None:
    """A mechanism with no drug in its sentence: targets.named_later (the product the text
    names afterwards), else targets.main_drug_fallback (the document's main drug)."""
    doc = index.doc
    text = doc.text
    mains = main_drugs(index, rels)
    # relations.fallback_unbound: in a roundup, a mechanism a sentence gives another company
    # ("Beta advances a dual GLP-1/GIP agonist": no sentence names Beta with the main drug)
    # that another sentence ties to a named drug ("Beta's lead candidate B, a dual GLP-1/GIP
    # agonist") is that drug's, not also the main drug's.
    bound = {r.target.id for r in rels if r.type == "TARGETS"}
    beside_main = {
        c.id
        for d in mains[:1]
        for m in d.mentions
        for _, c in named_companies(index, doc.sentence_at(m.start))
    }
    for tm in fallback:
        t = index.of(tm)
        later = named_later_drug(index, tm)
        if later is not None:
            add_relation(rels, "targets.named_later", later, t, doc.sentence_at(tm.start))
            continue
        plural = _PLURAL_CLASS_AFTER.match(text, tm.end)
        if plural:
            # targets.class_plural: "SGLT2 inhibitors are the only treatment ...", unless the
            # class's abbreviation names a drug later (targets.class_abbreviation).
            for d, sent in _class_abbreviation_drugs(index, plural.end()):
                add_relation(rels, "targets.class_abbreviation", d, t, sent)
            continue
        previous = _definite_anaphor(index, tm)
        if previous is not None:
            add_relation(rels, "targets.definite_anaphor", previous, t, doc.sentence_at(tm.start))
            continue
        part = next(p for p in semicolon_parts(text, doc.sentence_at(tm.start)) if tm.start < p[1])
        others = named_companies(index, part)
        if t.id in bound and others and not any(c.id in beside_main for _, c in others):
            continue
        if mains and other_products_item(index, tm.start, mains[0]):
            continue  # relations.unnamed_deal_product: "a HER2/TROP2-targeting ADC from A"
        if _other_partner_product(index, tm, beside_main):
            continue
        for d in mains[:1]:
            props = {"action": tm.props["_action"]} if "_action" in tm.props else {}
            add_relation(rels, "targets.main_drug_fallback", d, t, doc.sentence_at(tm.start), props)


#: targets.class_plural: a mechanism in the plural with no drug in its sentence ("SGLT2
#: inhibitors are the only treatment", "GLP-1 agonists linked to lower risk") speaks of the
#: class, not of the story's drug.
_PLURAL_CLASS_AFTER = re.compile(
    r"\)?[\s-]*(?:receptor\s+)?(?:inhibitors|agonists|antagonists|blockers|antibodies|degraders|"
    r"modulators|analogues|analogs)\b"
)


_CLASS_ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Za-z]{1,5}?)s?\)")


def _class_abbreviation_drugs(index: Index, end: int) -> list[tuple[Entity, tuple[int, int]]]:
    """targets.class_abbreviation: "mineralocorticoid receptor antagonists (MRA) ... the
    non-steroidal MRA, finerenone": a drug set off right after the class's abbreviation."""
    text = index.doc.text
    abbr = _CLASS_ABBREVIATION.match(text, end)
    if abbr is None:
        return []
    after = re.compile(r"(?<![\w-])" + re.escape(abbr.group(1)) + r",?\s+$")
    out = []
    for dm, d in index.in_span("Drug", abbr.end(), len(text)):
        if after.search(text, max(0, dm.start - len(abbr.group(1)) - 3), dm.start):
            out.append((d, index.doc.sentence_at(dm.start)))
    return out


#: targets.definite_anaphor: "The deal brings A's Brand (inn) to B. The FDA-approved KRAS
#: inhibitor is used to treat ...": a sentence that opens with "The/This <mechanism phrase>"
#: and names no drug refers back to the one drug of the sentence before.
_DEFINITE_START = re.compile(r"\s*(?:The|This)\s+(?:[\w-]+\s+){0,3}")


def _definite_anaphor(index: Index, tm: Mention) -> Entity | None:
    doc = index.doc
    text = doc.text
    sent = doc.sentence_at(tm.start)
    if sent[0] == 0 or not _DEFINITE_START.fullmatch(text, sent[0], tm.props["_mech"][0]):
        return None
    previous = doc.sentence_at(sent[0] - 1)
    named = {
        d.id: d
        for dm, d in index.in_span("Drug", previous[0], sent[0])
        if not re.match(r"(?:the|this|its)\s", text[dm.start : dm.end])
    }
    return next(iter(named.values())) if len(named) == 1 else None


def _other_partner_product(index: Index, tm: Mention, beside_main: set[str]) -> bool:
    """relations.other_partner_product: "Earlier, A inked a deal with C for an ADC targeting X":
    a product described but not named ("an ADC targeting") in a sentence that names a company
    no sentence of the main drug names is that company's deal, not the main drug."""
    if not beside_main:
        return False  # the main drug's companies are unknown: nothing tells the deals apart
    text = index.doc.text
    ms = tm.props["_mech"][0]
    sent = index.doc.sentence_at(tm.start)
    if not INDEFINITE_BEFORE.search(text, max(sent[0], ms - 80), ms):
        return False
    return any(c.id not in beside_main for _, c in named_companies(index, sent))
