"""DEVELOPS rules that read a whole sentence: verbs, units, parenthesised makers, "its ...".

Each rule takes the sentence's companies and drugs and adds what one phrase shape says.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Relation
from loaders.extract.relations.index import RelList, add_relation
from loaders.extract.relations.phrases import COORD_GAP

#: After a company's name: an optional parenthesis, a description set off by commas
#: (develops.described_subject: "Basilea, a Switzerland-based biopharma listed on SIX, markets
#: X"), a relative pronoun (develops.which_verb: "Acme, which markets X"), then adverbs ("also",
#: "now", ...).
_AFTER_COMPANY = (
    r"(?:\s*\([^)]{1,40}\))?(?:,\s+(?:a|an)\s+[^,;.()]{3,80},)?"
    r"(?:,\s+(?:which|who)\b)?\s+(?:(?:"
    + "|".join(re.escape(a) for a in vocabulary()["company_commerce_adverbs"])
    + r")\s+)*"
)


def _phrases(key: str, gap: str) -> str:
    """The vocabulary's phrases under `key`, longest first, with `gap` between their words."""
    words = sorted(vocabulary()[key], key=len, reverse=True)
    return "(?:" + "|".join(re.escape(v).replace(r"\ ", gap) for v in words) + ")"


_COMMERCE_VERB = re.compile(
    _AFTER_COMPANY
    + _phrases("company_commerce_verbs", r"\s+(?:also\s+|already\s+|now\s+)?")
    + r"\b"
)
#: develops.approval_to_market: "A got the regulator's approval to market X", "A received
#: permission to manufacture and market X": the company that wins the right to sell the drug.
_APPROVAL_TO_MARKET = re.compile(
    _AFTER_COMPANY
    + _phrases("company_approval_verbs", r"\s+")
    + r"\s+(?:(?:the|a|an|its|final|formal|marketing|regulatory)\s+)*"
    + r"(?:[\w-]+['’]s\s+|[A-Z][\w-]*\s+)?"  # "the CDSCO approval", "the regulator's nod"
    + r"(?:"
    + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in vocabulary()["company_approval_nouns"])
    + r")\s+to\s+(?:"
    + "|".join(vocabulary()["company_approval_purposes"])
    + r")(?:,?\s+(?:and|or)\s+(?:"
    + "|".join(vocabulary()["company_approval_purposes"])
    + r"))?\b"
)
#: develops.portfolio_led_by: "Acme, which has three clinical-stage ADC candidates led by X",
#: "Acme has a pipeline including X and Y", "Acme's pipeline is headed by X": the company's
#: portfolio, named by what leads or fills it.
_PORTFOLIO_LED_BY = re.compile(
    r"(?:\s*\([^)]{1,40}\))?(?:,\s+(?:which|that)\b)?\s+(?:now\s+|also\s+|currently\s+)?"
    r"(?:has|have|owns|holds|boasts)\s+(?:[\w,-]+\s+){0,6}?(?:candidates|programs|programmes|"
    r"assets|drugs|products|therapies|medicines|pipeline|portfolio)\s+(?:(?:is|are)\s+)?"
    r"(?:led|headed|headlined|spearheaded)\s+by\b|"
    r"(?:\s*\([^)]{1,40}\))?(?:,\s+(?:which|that)\b)?\s+(?:now\s+|also\s+|currently\s+)?"
    r"(?:has|have|owns|holds|boasts)\s+(?:[\w,-]+\s+){0,6}?(?:pipeline|portfolio)\s+"
    r"(?:including|includes|that includes|such as|of)\b"
)
#: Between the verb and its object drug: a few words, one apposition comma ("its peptide, X").
_VERB_OBJECT_GAP = re.compile(r"[^\S\n]+(?:[\w/'’-]+[^\S\n]+){0,6}?(?:[\w/'’-]+,[^\S\n]+)?")
#: relations.not_compared: "A aims to develop a pill as powerful as X", "a drug similar to X":
#: a drug the object is measured against is not the object.
_NOT_OBJECT_GAP = re.compile(
    r"\b(?:versus|against|than|with|plus|after|like|rival|competitor|as\s+[\w-]+\s+as|"
    r"(?:similar|comparable|equivalent|superior|inferior|akin)\s+to|rivall?ing|matching)\b",
    re.I,
)
_WHICH_BEFORE = re.compile(r"(?:\s*\([^)]{1,40}\))?,\s+(?:which|that)\s+$")
_IS_A = re.compile(r"\s+(?:is|was|remains)\s+(?:a|an)\s+$")
_PRODUCT_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(vocabulary()["drug_nouns"]) + r")\b", re.I
)


_ANAPHOR_START = re.compile(r"(?:[Tt]he|[Tt]his|[Ii]ts)\s")


def company_verbs(
    text: str, sent: tuple[int, int], comps: list, drugs: list, rels: list[Relation]
) -> None:
    """develops.company_verb_object, .which_company_verb, .company_product: the company is the
    subject of a commercial or development verb whose object is the drug: "A and B market X", "A
    is also testing X and Y", "A sells a version of X", "X, which A sells as Brand"; and "X is
    an A product". develops.approval_to_market: "A got the approval to market X"."""
    for i, (cm, c) in enumerate(comps):
        # "X is an Acme product".
        before = [(dm, d) for dm, d in drugs if dm.end <= cm.start]
        if before and _IS_A.fullmatch(text, before[-1][0].end, cm.start):
            if _PRODUCT_AFTER.match(text, cm.end):
                add_relation(rels, "develops.company_product", c, before[-1][1], sent)
            continue
        verb = _COMMERCE_VERB.match(text, cm.end, sent[1])
        rule = "develops.company_verb_object"
        if not verb:
            verb = _APPROVAL_TO_MARKET.match(text, cm.end, sent[1])
            rule = "develops.approval_to_market"
        if not verb:
            verb = _PORTFOLIO_LED_BY.match(text, cm.end, sent[1])
            rule = "develops.portfolio_led_by"
        if not verb:
            continue
        # The subjects: this company and those joined to it ("A and B market X").
        subjects = [c]
        j = i
        while j > 0 and re.fullmatch(
            r"\s+and\s+|,\s+(?:and\s+)?", text[comps[j - 1][0].end : comps[j][0].start]
        ):
            subjects.append(comps[j - 1][1])
            j -= 1
        # "X, which A sells as Brand": the object is the drug before "which".
        if before and _WHICH_BEFORE.fullmatch(text, before[-1][0].end, comps[j][0].start):
            for s_ in subjects:
                add_relation(rels, "develops.which_company_verb", s_, before[-1][1], sent)
            continue
        after = [(dm, d) for dm, d in drugs if dm.start >= verb.end()]
        if not after:
            continue
        dm, d = after[0]
        gap = text[verb.end() : dm.start]
        if len(gap) > 70 or not _VERB_OBJECT_GAP.fullmatch(gap):
            continue
        if _ANAPHOR_START.match(cm.text) and _ANAPHOR_START.match(dm.text):
            continue  # "The company will evaluate the asset": two guesses, in a roundup wrong
        if any(verb.end() <= om.start < dm.start for om, _ in comps):
            continue
        if _NOT_OBJECT_GAP.search(gap):
            continue
        objects = [d]
        prev_end, last = dm.end, d
        for om, o in after[1:]:
            g = text[prev_end : om.start]
            if o is last and re.fullmatch(r"\s*\(", g):
                prev_end = om.end
                continue
            if not COORD_GAP.fullmatch(g):
                break
            objects.append(o)
            prev_end, last = om.end, o
        for s_ in subjects:
            for o in objects:
                add_relation(rels, rule, s_, o, sent)


_UNIT_OF = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,4}?(?:unit|division|subsidiary|business|arm|affiliate)\b,?"
)


def units(text: str, sent: tuple[int, int], comps: list, drugs: list, rels: list[Relation]) -> None:
    """develops.unit_of_parent: "Genzyme, Acme's rare disease unit, developed X": the unit develops
    what the sentence gives its parent (the possessive points at the unit, not the drug)."""
    for i, (cm, c) in enumerate(comps[:-1]):
        pm, p = comps[i + 1]
        if not re.fullmatch(r",\s+(?:the\s+)?", text[cm.end : pm.start]):
            continue
        if not _UNIT_OF.match(text, pm.end):
            continue
        for _, d in drugs:
            if (rels.seen if isinstance(rels, RelList) else {}).get(("DEVELOPS", id(p), id(d))):
                add_relation(rels, "develops.unit_of_parent", c, d, sent)


#: What may stand between the makers listed in a drug's parentheses: "and", ",", "'s", "/".
_MAKER_GLUE = re.compile(
    r"(?:\s|,|;|/|&|\band\b|['’]s\b|\b(?:Inc|Ltd|plc|AG|SA|Co|Corp|LLC|GmbH)\b\.?)*"
)


def paren_makers(
    text: str, sent: tuple[int, int], comps: list, drugs: list, rels: list[Relation]
) -> None:
    """develops.paren_makers: "dupilumab (Sanofi and Regeneron)", "adagrasib (A's B)": every
    company that makes up a drug's parenthesis develops that drug (a parent "A's" as well as
    its unit B)."""
    for dm, d in drugs:
        m = re.match(r"(?:\s*\([^()]{1,40}\))?\s*\(([^()]{1,120})\)", text[dm.end : sent[1]])
        if not m:
            continue
        lo, hi = dm.end + m.start(1), dm.end + m.end(1)
        inside = sorted(
            (cm for cm, _ in comps if cm.start >= lo and cm.end <= hi), key=lambda x: x.start
        )
        if len(inside) < 2:
            continue
        pos, ok = lo, True
        for cm in inside:
            if not _MAKER_GLUE.fullmatch(text, pos, cm.start):
                ok = False
                break
            pos = cm.end
        if ok and _MAKER_GLUE.fullmatch(text, pos, hi):
            for cm, c in comps:
                if cm in inside:
                    add_relation(rels, "develops.paren_makers", c, d, sent)


#: develops.its_product: "Acme ... alongside its novel PD-1 antibody, X", "for its a once-daily,
#: oral THR-beta agonist, Brand", "its innovative anti-HER2 antibody-drug conjugate (ADC) X",
#: "its "home-grown" obesity drug X", "several of its drug candidates like A and B": a
#: descriptor phrase that ends in a drug noun between "its" and the drug (the plain "its X" is
#: develops.its_drug); also "X, its lead candidate,". The owner is the sentence's first company.
_ITS_NOUNS = "|".join(sorted(vocabulary()["drug_nouns"], key=len, reverse=True))


def _possessive_product_before(possessive: str) -> re.Pattern:
    """ "<possessive> [own] <up to seven describing words> <drug noun>[,]" right before a drug."""
    return re.compile(
        r"\b" + possessive + r"\s+(?:own\s+)?(?:[\w“”\"'’+/.–—-]+,?\s+){0,7}?"
        r"(?:" + _ITS_NOUNS + r")s?(?:\s*\([^()]{1,15}\))?"
        r"(?:\s*,|\s+(?:like|such\s+as|including|called|named|dubbed))?\s*$",
        re.I,
    )


_ITS_PRODUCT_BEFORE = _possessive_product_before("its")
#: develops.their_product: "Bristol Myers Squibb and Cabaletta Bio are building the case for
#: their CAR T therapy X": a drug noun phrase after "their" belongs to every company of the
#: coordinated subject ("A and B", "A, B and C") right before "their".
_THEIR_PRODUCT_BEFORE = _possessive_product_before("their")
_ITS_PRODUCT_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?,\s+its\s+(?:[\w“”\"'’+/.–—-]+\s+){0,5}?"
    r"(?:" + _ITS_NOUNS + r")\b",
    re.I,
)


def its_product(
    text: str, sent: tuple[int, int], comps: list, drugs: list, rels: list[Relation]
) -> None:
    """develops.its_product (see _ITS_PRODUCT_BEFORE): the sentence's first company develops
    the drug a descriptor phrase after "its" names, and the drugs coordinated with it."""
    if not comps or "its " not in text[sent[0] : sent[1]]:
        return
    owner_m, owner = comps[0]
    for i, (dm, d) in enumerate(drugs):
        its = text.rfind("its ", max(owner_m.end, dm.start - 120), dm.start)
        before = its >= 0 and _ITS_PRODUCT_BEFORE.fullmatch(text, its, dm.start)
        after = dm.start > owner_m.end and _ITS_PRODUCT_AFTER.match(text, dm.end, sent[1])
        if not (before or after):
            continue
        if any(
            owner_m.end <= cm.start < dm.start and text.startswith(("'", "’"), cm.end)
            for cm, _ in comps[1:]
        ):
            continue  # another owner's possessive in between: "Acme's rival, its ..."
        add_relation(rels, "develops.its_product", owner, d, sent)
        prev_end = dm.end
        for om, o in drugs[i + 1 :]:
            if not COORD_GAP.fullmatch(text, prev_end, om.start):
                break
            add_relation(rels, "develops.its_product", owner, o, sent)
            prev_end = om.end


def their_product(
    text: str, sent: tuple[int, int], comps: list, drugs: list, rels: list[Relation]
) -> None:
    """develops.their_product (see _THEIR_PRODUCT_BEFORE): the companies coordinated right
    before "their" ("A and B are ... their X"; not "their respective", not "respectively")."""
    if len(comps) < 2 or "their " not in text[sent[0] : sent[1]]:
        return
    if "respectively" in text[sent[0] : sent[1]]:
        return  # "A and B ... their rival drugs, X and Y, respectively": one each, in order
    for dm, d in drugs:
        their = text.rfind("their ", max(sent[0], dm.start - 120), dm.start)
        if their < 0 or not _THEIR_PRODUCT_BEFORE.fullmatch(text, their, dm.start):
            continue
        before = [(cm, c) for cm, c in comps if cm.end <= their]
        if not before:
            continue
        subject = [before[-1]]
        for cm, c in reversed(before[:-1]):
            if not COORD_GAP.fullmatch(text, cm.end, subject[-1][0].start):
                break
            subject.append((cm, c))
        if len(subject) < 2:
            continue
        for _, c in subject:
            add_relation(rels, "develops.their_product", c, d, sent)
