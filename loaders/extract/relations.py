"""Relations from sentence patterns and document structure.

Each function takes the resolved entities (with their mentions) and returns
Relation objects carrying the sentence that supports them.
"""

from __future__ import annotations

import bisect

from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.cues import Cue, finditer
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.sites import SiteLink
from loaders.extract.text import Spans

_NEG_LEAD = re.compile("|".join(re.escape(c) for c in vocabulary()["lead_negative_cues"]), re.I)
#: Words every match of the pattern above contains (loaders/extract/cues.py).
_NEG_LEAD_CUE = Cue(vocabulary()["lead_negative_cues"], ignore_case=True, pattern=_NEG_LEAD)


_THE_DRUG = re.compile(
    # anaphora.the_drug: "the oral therapy", "the subcutaneous drug" name the route too; "the
    # treatment" only as the subject of what a drug does ("The treatment has shown promise").
    r"\b(?:[Tt]he|[Ii]ts) (?:(?:new|novel|investigational|experimental|oral|injectable|"
    r"subcutaneous|intravenous|inhaled|topical) )?"
    r"(?:drug|therapy|candidate|antibody|medicine|molecule|product|compound|"
    r"conjugate|asset|ADC|bispecific|agent|cell therapy|"
    r"treatment(?= (?:has|had|is|was|showed|shows|demonstrated|achieved|produced|reduced|works)\b))"
    r"\b(?! class| classes| development| discovery|-based|-like|-derived)"
)
_THE_COMPANY = re.compile(r"\b[Tt]he [Cc]ompany\b(?!['’]s)")
_THE_CLASS = re.compile(
    r"\b[Tt]he ([A-Z][A-Za-z0-9]*[A-Z0-9][\w-]*) (?:inhibitor|antibody|agonist|antagonist|"
    r"degrader|blocker|ADC|bispecific)\b(?!s| class)"
)
_THE_CLASS_CUE = Cue(["The ", "the "], pattern=_THE_CLASS, lead=0)
#: Where a match of each can start (loaders/extract/cues.py): tried only there.
_ANAPHOR_CUES = {
    _THE_DRUG: Cue(["The ", "the ", "Its ", "its "], pattern=_THE_DRUG, lead=0),
    _THE_COMPANY: Cue(
        ["The company", "the company", "The Company", "the Company"], pattern=_THE_COMPANY, lead=0
    ),
}


class Index:
    """Where each entity is mentioned, to find what shares a sentence."""

    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        self.entities = entities
        self.owner: dict[tuple[int, int, str], Entity] = {}
        self._by_type: dict[str, list[tuple[int, Mention, Entity]]] = {}
        for e in entities:
            for m in e.mentions:
                self.owner[(m.start, m.end, e.type)] = e
                self._by_type.setdefault(e.type, []).append((m.start, m, e))
        for rows in self._by_type.values():
            rows.sort(key=lambda r: r[0])
        self._starts = {t: [r[0] for r in rows] for t, rows in self._by_type.items()}

    def add_anaphora(self) -> None:
        """ "the drug", "the company": the drug and the company the document is about.

        They count for relations in their sentence but are not entity mentions.
        """
        text = self.doc.text
        title_end = text.find("\n") if "\n" in text.strip() else len(text)

        def top(etype: str) -> Entity | None:
            cands = [e for e in self.entities if e.type == etype]
            if not cands:
                return None
            return max(
                cands,
                key=lambda e: len(e.mentions)
                + 3
                * any(
                    m.start < title_end and not _RIVAL_AFTER.match(text, m.end)
                    for m in e.mentions
                ),
            )

        for etype, pattern in (("Drug", _THE_DRUG), ("Company", _THE_COMPANY)):
            e = top(etype)
            if e is None:
                continue
            rows = self._by_type.setdefault(etype, [])
            named_at = {r[0] for r in rows}
            for m in finditer(text, _ANAPHOR_CUES[pattern]):
                if m.end() + re.match(r",?\s*", text[m.end() : m.end() + 4]).end() in named_at:
                    continue  # "The drug, DT-2216, ...": the apposition names it
                ref = self._newly_named_before(m.start(), e) if etype == "Drug" else None
                ref = ref or e
                rows.append(
                    (m.start(), Mention(etype, m.start(), m.end(), m.group(0), ref.name), ref)
                )
            if etype == "Drug":
                rows.extend(self._class_anaphora(e, named_at))
            rows.sort(key=lambda r: r[0])
            self._starts[etype] = [r[0] for r in rows]

    def _class_anaphora(self, main: Entity, named_at: set[int]) -> list[tuple]:
        """anaphora.the_class: "trials of the BCL2 inhibitor in A, B and C": "the <target>
        <drug class>" names the drug named last before it (in its sentence or the one before),
        else the main drug, when a sentence that names that drug names the target too (and no
        drug name follows the phrase)."""
        text = self.doc.text
        matches = list(finditer(text, _THE_CLASS_CUE))
        if not matches:
            return []
        by_symbol: dict[str, list[Entity]] = {}
        for e in self.entities:
            if e.type == "Target":
                for name in {e.name, *e.aliases}:
                    by_symbol.setdefault(name, []).append(e)
        sentences_of: dict[int, list[tuple[int, int]]] = {}  # per drug, its sentences, sorted
        out = []
        for m in matches:
            targets = by_symbol.get(m.group(1))
            if not targets:
                continue
            if m.end() + re.match(r",?\s*", text[m.end() : m.end() + 4]).end() in named_at:
                continue  # "the PD-1 inhibitor pembrolizumab": the name follows
            s_start, _ = self.doc.sentence_at(m.start())
            p_start = self.doc.sentence_at(s_start - 1)[0] if s_start > 0 else s_start
            recent = [
                e
                for dm, e in self.in_span("Drug", p_start, m.start())
                if (dm.start, dm.end, "Drug") in self.owner
            ]
            ref = recent[-1] if recent else main
            if id(ref) not in sentences_of:
                spans = {self.doc.sentence_at(x.start) for x in ref.mentions}
                sentences_of[id(ref)] = sorted(spans)
            if _any_in_sentences(sentences_of[id(ref)], targets):
                anaphor = Mention("Drug", m.start(), m.end(), m.group(0), ref.name)
                out.append((m.start(), anaphor, ref))
        return out

    def _newly_named_before(self, pos: int, main: Entity) -> Entity | None:
        """anaphora.newly_named: "... a second candidate, known as AB-123. The drug is a Polθ
        inhibitor": a sentence that starts with "The drug" right after one that names another
        drug for the first time (and not the main one) is about that drug."""
        text = self.doc.text
        s_start, _ = self.doc.sentence_at(pos)
        if text[s_start:pos].strip() or s_start == 0:
            return None
        p_start, p_end = self.doc.sentence_at(max(0, s_start - 1))
        named = {
            id(e): e
            for m, e in self.in_span("Drug", p_start, p_end)
            if (m.start, m.end, "Drug") in self.owner  # a name, not an earlier anaphor
        }
        if id(main) in named:
            return None
        new = [
            e for e in named.values() if min(x.start for x in e.mentions) >= p_start
        ]
        return new[0] if len(new) == 1 else None

    def of(self, m: Mention) -> Entity | None:
        return self.owner.get((m.start, m.end, m.type))

    def starts_at(self, etype: str, pos: int) -> bool:
        """Some mention of the type starts at pos."""
        starts = self._starts.get(etype, [])
        i = bisect.bisect_left(starts, pos)
        return i < len(starts) and starts[i] == pos

    def in_span(self, etype: str, start: int, end: int) -> list[tuple[Mention, Entity]]:
        rows = self._by_type.get(etype, [])
        i = bisect.bisect_left(self._starts.get(etype, []), start)
        out = []
        while i < len(rows) and rows[i][0] < end:
            _, m, e = rows[i]
            if m.end <= end:
                out.append((m, e))
            i += 1
        return out


def _any_in_sentences(sentences: list[tuple[int, int]], targets: list[Entity]) -> bool:
    """Whether a mention of one of the targets lies in one of the sorted sentences."""
    starts = [s for s, _ in sentences]
    for t in targets:
        for tm in t.mentions:
            i = bisect.bisect_right(starts, tm.start) - 1
            if i >= 0 and tm.start < sentences[i][1]:
                return True
    return False


class RelList(list):
    """A list of relations that remembers which (type, from, to) it holds."""

    def __init__(self, *args):
        super().__init__(*args)
        self.seen: dict[tuple[str, int, int], Relation] = {}


def rule_type(rule: str) -> str:
    """The relationship type a rule creates: its name's first part ("develops.possessive")."""
    return rule.split(".", 1)[0].upper()


def _rel(
    rels: list[Relation],
    rule: str,
    a: Entity,
    b: Entity,
    sentence: tuple[int, int],
    props: dict | None = None,
) -> None:
    """Add the fact `rule` finds between a and b once; the first rule to find it names it."""
    if a is b:
        return
    rtype = rule_type(rule)
    seen = (
        rels.seen
        if isinstance(rels, RelList)
        else {(r.type, id(r.source), id(r.target)): r for r in rels}
    )
    found = seen.get((rtype, id(a), id(b)))
    if found is not None:
        for k, v in (props or {}).items():
            found.properties.setdefault(k, v)
        return
    r = Relation(rtype, a, b, sentence, dict(props or {}), rule)
    seen[(rtype, id(a), id(b))] = r
    rels.append(r)


def main_drugs(index: Index, relations: list[Relation]) -> list[Entity]:
    """The drugs the document is about: mentioned most, in the title, with a stated mechanism."""
    drugs = [e for e in index.entities if e.type == "Drug"]
    if not drugs:
        return []
    title_end = index.doc.text.find("\n") if "\n" in index.doc.text.strip() else len(index.doc.text)
    with_target = {r.source.id for r in relations if r.type == "TARGETS"}
    with_company = {r.target.id for r in relations if r.type == "DEVELOPS"}

    def score(e: Entity) -> float:
        s = len(e.mentions)
        s += 3 if any(m.start < title_end for m in e.mentions) else 0
        s += 4 if e.id in with_target else 0
        s += 2 if e.id in with_company else 0
        return s

    best = max(score(e) for e in drugs)
    return [e for e in drugs if score(e) >= 0.75 * best]


#: Words before a drug that make it a comparator, a prior or background therapy or a
#: competitor, not what the study evaluates.
_NOT_STUDY_BEFORE = re.compile(
    r"\b(?:versus|vs\.?|compared (?:with|to)|than|placebo|beats?|beating|outperform(?:s|ed)?|"
    r"superior to|non-?inferior to|over|against|previously treated with|after|"
    r"following|prior|progressed on|failed|such as|including|like|rivals?|competitors?|"
    r"competing|already approved|approved (?:drugs?|therapies|treatments|medicines)|"
    r"standard(?:-of-care| of care)?|instead of|switched from|currently available|"
    r"existing|marketed|dominated by|other)\b[^.;()]{0,40}$",
    re.I,
)
_NOT_STUDY_AFTER = re.compile(
    r"[^\S\n]*\([^()]{1,60}\),\s+(?:already\s+)?approved\b|"  # "X (Maker), approved for"
    r"[^.;]{0,40}?\b(?:rival|competitor|competes|competing|already (?:approved|on the market|"
    r"dominate)|is (?:already )?approved|was approved (?:in|for) \d{4}|comparator|control arm)",
    re.I,
)
#: A sentence that says what a study tests.
_STUDY_SENT = re.compile(r"\b(?:trial|study|studies|results|data|phase|cohort|arm)\b", re.I)


def study_context(doc: Doc, m: Mention) -> bool:
    """False when the words around a drug mention make it a comparator, prior therapy or
    competitor ("versus X", "previously treated with X", "X, a rival ...")."""
    sent = doc.sentence_at(m.start)
    before = doc.text[max(sent[0], m.start - 60) : m.start]
    return not (_NOT_STUDY_BEFORE.search(before) or _NOT_STUDY_AFTER.match(doc.text, m.end))


def study_drugs(index: Index, relations: list[Relation]) -> list[Entity]:
    """The drugs a study of the document evaluates: main drugs with at least one mention
    that is not a comparator, prior therapy or competitor, ranked on those mentions only;
    plus drugs given with them in the study arm ("X plus Y")."""
    doc = index.doc
    text = doc.text
    mains = main_drugs(index, relations)
    title_end = text.find("\n") if "\n" in text.strip() else len(text)

    def own(m: Mention) -> bool:
        return study_context(doc, m)

    scores = {}
    for e in mains:
        kept = [m for m in e.mentions if own(m)]
        if not kept:
            continue
        scores[e.id] = len(kept) + (3 if any(m.start < title_end for m in kept) else 0)
    if not scores:
        return mains
    best = max(scores.values())
    out = [e for e in mains if scores.get(e.id, 0) >= 0.6 * best]
    ids = {e.id for e in out}
    drugs = [e for e in index.entities if e.type == "Drug" and e.id not in ids]
    chosen = Spans((o.start, o.end) for x in out for o in x.mentions)
    for e in drugs:  # "X plus Y" / "X in combination with Y" in a study sentence
        for m in e.mentions:
            sent = doc.sentence_at(m.start)
            if not _STUDY_SENT.search(text, sent[0], sent[1]):
                continue
            before = text[max(sent[0], m.start - 40) : m.start]
            link = re.search(
                r"(\S+)\s+(?:plus|and|with|in combination with|combined with)\s+$", before
            )
            pos = m.start - len(before) + link.end(1) if link else -1
            if link and chosen.containing(pos, pos) and own(m):
                out.append(e)
                chosen = Spans((o.start, o.end) for x in out for o in x.mentions)
                break
    return out


_APPOSITION = re.compile(r"(?:\s*\([^)]*\))?\s*(?:,|\s(?:is|was|are))\s+(?:a|an|the)?\b[^,;]*$")


#: "after EGFR inhibitor failure", "progressed on a PD-1 inhibitor": a prior therapy class.
_PRIOR_CLASS = re.compile(
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
#: "cisplatin, gemcitabine and a PD-1 inhibitor": the class is its own item of the list.
_LISTED_CLASS = re.compile(
    # ", another X inhibitor" is an apposition to the drug before it, not an item of a list.
    r"(?:\b(?:and|or|plus|with|versus|vs\.?|than)\s+(?:a|an|another)|,\s+(?:a|an))\s+"
    r"(?:[\w-]+\s+){0,2}$"
)
_STRICT_APPOSITION = re.compile(
    r"(?:\s*\([^)]*\))?\s*(?:,|\s(?:is|was|are))\s+(?:a|an|the)\b[^,;]*$"
)
#: "the approved CDK4/6 inhibitors palbociclib, ribociclib and abemaciclib".
_DRUG_LIST_GAP = re.compile(r"\s*(?:\(\w+\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)?\s*")


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
    r"alongside|along with)\s+(?:(?:standard|background|approved|an?|the)\s+)?$",
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


def _named_companies(index: Index, span: tuple[int, int]) -> list[tuple[Mention, Entity]]:
    """The companies a span names (not "the company", which stands for the main one)."""
    return [
        (cm, c)
        for cm, c in index.in_span("Company", *span)
        if cm.text.casefold() in {n.casefold() for n in (c.name, *c.aliases)}
    ]


def targets(index: Index, target_mentions: list[Mention]) -> list[Relation]:
    """Each mechanism phrase to the nearest drug of its sentence."""
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
        if _PRIOR_CLASS.search(before):
            continue  # a class of earlier treatment, not what the drug acts on
        if _not_own_mechanism(index, sent, ms, me, before):
            continue
        abbr = doc.abbreviation_defined_at(tm.start)
        if abbr is not None and abbr.long_start < tm.start and _PRIOR_CLASS.search(
            text, max(sent[0], abbr.long_start - 80), abbr.long_start
        ):
            continue  # "progression on tyrosine kinase inhibitors (EGFR-TKIs)"
        listed = bool(_LISTED_CLASS.search(before))
        if re.match(r"\s+(?:combination|combo|regimen|doublet)\b", text[me : me + 20]):
            continue  # "a MET/EGFR inhibitor combination": two drugs, not said which is which
        drugs = index.in_span("Drug", *sent)
        # A plural class noun followed by its members: each member.
        if re.search(r"s\b", text[me - 1 : me + 1]) and tm.props.get("_action"):
            members = []
            pos = me
            for dm, d in drugs:
                if dm.start < me:
                    continue
                if not _DRUG_LIST_GAP.fullmatch(text, pos, dm.start):
                    break
                members.append(d)
                pos = dm.end
            if members:
                for d in members:
                    _rel(rels, "targets.class_members", d, t, sent, props)
                continue
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
                elif re.match(r"\s*(?:,|and\b|or\b)", text[me : dm.start]):
                    dist += 40  # "..., and Y": Y starts a new item
            else:
                dist = 0
            if best is None or dist < best[0]:
                best = (dist, d)
        if best is not None:
            _rel(rels, "targets.nearest_drug", best[1], t, sent, props)
        elif not listed:
            fallback.append(tm)
    if fallback:
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
            for _, c in _named_companies(index, doc.sentence_at(m.start))
        }
        for tm in fallback:
            t = index.of(tm)
            later = _named_later_drug(index, tm)
            if later is not None:
                _rel(rels, "targets.named_later", later, t, doc.sentence_at(tm.start))
                continue
            part = next(
                p for p in _semicolon_parts(text, doc.sentence_at(tm.start)) if tm.start < p[1]
            )
            others = _named_companies(index, part)
            if t.id in bound and others and not any(c.id in beside_main for _, c in others):
                continue
            for d in mains[:1]:
                props = {"action": tm.props["_action"]} if "_action" in tm.props else {}
                _rel(rels, "targets.main_drug_fallback", d, t, doc.sentence_at(tm.start), props)
    return rels


#: Where one clause of a sentence ends and another begins ("..., and survodutide ...").
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|but|while|whereas|although|though|even though|despite|yet)\s+|"
    r"\s+(?:and|but)\s+(?:is|was|are|were|has|have|will)\b"
)
#: A drug name used as a modifier ("a belotecan-derived payload") is not the drug itself.
_MODIFIER_AFTER = re.compile(r"-(?:derived|based|containing|like|class|related|resistant|naive)\b")
#: The disease is an adverse event or a rate, not an indication.
_AE_AFTER = re.compile(
    r"\s*(?:\([^)]{1,20}\)\s*)?(?:dominated|predominated|occurred|was reported|were reported|"
    r"(?:was|were) (?:the )?most (?:common|frequent)|led to|rates?\b|"
    r"(?:was|were) (?:common|frequent|seen|observed|uncommon|rare|manageable)\b)"
)
#: "the reference centre for X and Y", "the X Foundation": a disease in a description of a place.
_INSTITUTION_FOR = re.compile(
    r"\b(?:cent(?:re|er)|clinic|unit|department|division|institute|programme|program|society|"
    r"foundation|association|network)\s+(?:for|of|on)\s+(?:[\w'’-]+\s+){0,5}$",
    re.I,
)


_THE_STUDY = re.compile(r"\b(?:[Tt]he|[Tt]his) (?:[\w-]+ ){0,3}(?:study|trial)\b")
_STUDIED_IN = re.compile(
    r"\b(?:enrolled|enrolling|enrols|enrolls|recruited|recruiting|treated|randomi[sz]ed)\s+"
    r"(?:\d+\s+|approximately \d+\s+|about \d+\s+)?"
    r"(?:patients|adults|people|participants|children|subjects|individuals)\s+with\s+"
    r"(?:[\w-]+\s+){0,3}$"
)


#: A sentence about a study's patients or cohorts ("In the X cohort, three patients with Y
#: remained in remission", "the cohorts covered the three forms of the disease: A, B and C").
_STUDY_CUE = re.compile(
    r"\b(?:trial|study|studies|cohorts?|arms?|enrol(?:ls?|s|led|ling|l?ment)?|dosed|dosing|"
    r"infusion|"
    r"treated|received|remission|responded|responses?|improved|achieved|reached|"
    r"normali[sz]ed)\b",
    re.I,
)
#: Words every match of _STUDY_CUE contains: a sentence without one is not searched.
_STUDY_WORDS = Cue(
    "trial stud cohort arm enrol dos infusion treated received remission respon improved "
    "achieved reached normali".split(),
    ignore_case=True,
    pattern=_STUDY_CUE,
)
#: The disease is the population of the study: "patients with X", "three with X", "forms of
#: the disease: X".
_POPULATION_WITH = re.compile(
    r"(?:\b(?:patients|people|adults|children|participants|subjects|those|\w+ (?:had|have))|"
    r"\b\d+|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve))\s+"
    # "patients suffering from severe infections, including X": the list names the population.
    r"(?:[\w-]+\s+){0,2}?(?:with|suffering from|affected by)\s+(?:[\w-]+\s+){0,3}"
    r"(?:[\w-]+,?\s+(?:including|such as)\s+)?$|"
    r"\b(?:forms|types|subtypes) of the disease:\s+(?:[\w-]+(?:,|\s+and)?\s+){0,12}$|"
    # indicated_for.study_population: "may also recruit cancer patients such as X", "enrol
    # patients including those with X".
    r"\b(?:patients|participants|people|adults|children|subjects)\s+(?:such as|including|like)"
    r"\s+(?:those\s+(?:with|who have)\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: indicated_for.study_focus: "The trial, which focuses on X", "This trial ... will involve
#: various X patients": what a study sentence that names no drug is about.
_STUDY_FOCUS = re.compile(
    r"\b(?:trial|study|studies)\b[^.;:]{0,60}?\b(?:focus(?:es|ed|ing)?\s+on|"
    r"involv(?:e|es|ed|ing))\s+(?:[\w/-]+\s+){0,3}$",
    re.I,
)


#: "A Phase 3 study in X", "registrational studies in X", "intends to develop the pill for X".
_STUDY_IN = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|Phase\s+(?:[1-3]|I{1,3})(?:[ab]|/(?:[1-3]|I{1,3}))?|"
    r"programs?|programmes?|cohorts?|"
    r"develop(?:ing)?\s+(?:the|this|its)\s+(?:[\w-]+\s+)?(?:pill|drug|therapy|candidate|"
    r"antibody|medicine|asset|molecule))\s+(?:in|for)\s+(?:[\w,-]+\s+){0,3}$",
    re.I,
)
_DISEASE_LIST_GAP = re.compile(r"(?:\s*\([^()]{1,20}\))?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")


#: relations.serial_list: "improved A, B, and C rates in patients with X": the ", and" before
#: the last item of a list with a serial comma (the item before it one or two words, not an
#: apposition such as "X, an siRNA, and Y, a peptide for Z") ends no clause.
_SERIAL_ITEM = re.compile(r",\s+(?!(?:a|an|the)\s)(?:[\w-]+\s+)?[\w-]+$", re.I)


#: relations.roundup_item: a sentence that lists a meeting's or a centre's items ("updates include
#: a trial of X, an artificial intelligence model to predict responses in A, and Phase II data
#: on immunotherapy in B"): a comma before an item noun with "on/of/to" ("data on", "model to",
#: "analysis of") starts another item, and a disease of another item is not the drug's.
_ROUNDUP_ITEM = re.compile(
    r",\s+(?:and\s+)?(?!(?:in|from|with|at|on|for|of|by|as|after|during|which|who)\s)"
    r"(?:[\w/-]+\s+){0,5}?(?:data|model|analys[ie]s|stud(?:y|ies)|trials?|updates?|results|"
    r"findings)\s+(?:on|of|to)\s"  # lower case: "the Clinical Trials on X meeting" is a name
)


def _other_item(text: str, a: int, b: int) -> bool:
    """relations.roundup_item: the stretch between two mentions starts another listed item."""
    return "," in text[a:b] and _ROUNDUP_ITEM.search(text, a, b) is not None


def _clauses(text: str, sent: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    start = sent[0]
    for m in _CLAUSE_BREAK.finditer(text, sent[0], sent[1]):
        if m.group(0).startswith(",") and _SERIAL_ITEM.search(text, start, m.start()):
            continue
        out.append((start, m.start()))
        start = m.start()
    out.append((start, sent[1]))
    return out


#: "It is also being studied in A, B and C": the pronoun is the previous sentence's drug.
#: indicated_for.it_is_indicated: "It is indicated as a monotherapy for ... X", "This drug is
#: being evaluated for patients with X", "It's being evaluated in five trials for people with X".
_IT_STUDIED = re.compile(
    r"\s*(?:It|The (?:drug|therapy|medicine|candidate|antibody|company))\s+(?:is|was|has been|"
    r"will be|are)\s+(?:also\s+)?(?:being\s+)?(?:studied|evaluated|explored|investigated|tested|"
    r"developed|expanding)\s+(?:in|for|into|as a treatment for)\b"
)
_IT_INDICATED = re.compile(
    r"\s*(?:It|This (?:drug|therapy|medicine|candidate|antibody|treatment|product))\s*"
    r"(?:is|was|['’]s|has been|will be)\s+(?:also\s+)?(?:being\s+|currently\s+)?"
    r"(?:indicated|approved|studied|evaluated|investigated|tested)\s+(?:as|for|in)\b"
)


_WITH_OR_WITHOUT = re.compile(r",?\s+with or without\s+(?:[\w-]+\s+){0,2}$")


def _comorbidities(index: Index) -> set[tuple[int, int]]:
    """Conditions of the population, not indications: "adults with obesity, with or without
    type 2 diabetes" makes obesity primary; the disease after "with or without", and those
    joined to the primary one ("participants with obesity and hypertension or dyslipidemia"),
    are inclusion criteria."""
    text = index.doc.text
    diseases = index.in_span("Disease", 0, len(text))
    primary = set()
    out = set()
    for xm, _ in diseases:
        window = max(0, xm.start - 40)
        # The literal words first: the regex (with its backtracking tail) only where they occur.
        if "with or without" in text[window : xm.start] and _WITH_OR_WITHOUT.search(
            text, window, xm.start
        ):
            out.add((xm.start, xm.end))
            prev = [(m, e) for m, e in diseases if m.end <= xm.start and xm.start - m.end < 40]
            if prev:
                primary.add(prev[-1][1].id)
    if not primary:
        return out
    ordered = sorted(diseases, key=lambda r: r[0].start)
    for (am, a), (bm, _) in zip(ordered, ordered[1:], strict=False):
        gap = text[am.end : bm.start]
        if a.id in primary and re.fullmatch(r"\s+(?:and|or|and/or)\s+", gap):
            out.add((bm.start, bm.end))
        elif (am.start, am.end) in out and re.fullmatch(r"\s*(?:,|or|and|and/or)\s*", gap):
            if a.id not in primary:
                out.add((bm.start, bm.end))
    return out


#: relations.adverse_list: every item of a list an adverse-event phrase introduces ("adverse
#: events related to the study drug, the most common of which were A, B, and C", "the most
#: common side effects were A (50%), B (42%) and C"), not only the first one or two words on.
_AE_LIST = re.compile(
    r"\b(?:adverse (?:events?|reactions?|effects?)|side[- ]effects?|AEs|TEAEs|toxicit(?:y|ies))"
    r"\b[^.;]{0,80}?\b(?:were|was|included|include|including|such as|like)\s*:?\s+"
    r"(?:[^,;.()]{1,40}(?:\s*\([^()]{1,30}\))?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$"
)
_AE_WORDS = ("adverse", "side effect", "side-effect", "AEs", "toxicit")


def _adverse_list(text: str, sent_start: int, pos: int) -> bool:
    """relations.adverse_list (see `_AE_LIST`): the literal words first, the pattern only where
    one occurs."""
    lo = max(sent_start, pos - 260)
    window = text[lo:pos]
    if not any(w in window for w in _AE_WORDS):
        return False
    return _AE_LIST.search(text, lo, pos) is not None


def indicated_for(index: Index) -> list[Relation]:
    """A drug and a disease named in the same clause (else the same sentence)."""
    rels: list[Relation] = RelList()
    text = index.doc.text
    prev_drug = None
    comorbid = _comorbidities(index)
    mains_once: list[list[Entity]] = []  # main_drugs(index, []), computed at most once
    for sent in index.doc.sentences:
        it = _IT_STUDIED.match(text, sent[0])
        rule = "indicated_for.it_is_studied_in"
        if it is None and not index.in_span("Drug", *sent):
            it, rule = _IT_INDICATED.match(text, sent[0]), "indicated_for.it_is_indicated"
        if it and prev_drug is not None:
            for xm, x in index.in_span("Disease", it.end(), sent[1]):
                if not _AE_AFTER.match(text, xm.end):
                    _rel(rels, rule, prev_drug, x, sent)
        sent_drugs = index.in_span("Drug", *sent)
        if sent_drugs:
            prev_drug = sent_drugs[0][1]
        drugs = [
            (dm, d)
            for dm, d in index.in_span("Drug", *sent)
            if not _MODIFIER_AFTER.match(text, dm.end)
        ]
        diseases = index.in_span("Disease", *sent)
        if not drugs:
            # "The Phase 1 study enrolled adults with X": the study of the main drug.
            if diseases and _THE_STUDY.search(text, sent[0], sent[1]):
                if not mains_once:
                    mains_once.append(main_drugs(index, []))
                mains = mains_once[0]
                for xm, x in diseases:
                    if _STUDIED_IN.search(text, max(sent[0], xm.start - 40), xm.start):
                        for d in mains[:1]:
                            _rel(rels, "indicated_for.study_enrolled", d, x, sent)
            if (
                diseases
                and index.doc.has_in(_STUDY_WORDS, *sent)
                and _STUDY_CUE.search(text, sent[0], sent[1])
            ):
                if not mains_once:
                    mains_once.append(main_drugs(index, []))
                prev_end, prev_rule = -1, ""
                for xm, x in diseases:
                    if (xm.start, xm.end) in comorbid or _AE_AFTER.match(text, xm.end):
                        prev_end = -1
                        continue
                    before = text[max(sent[0], xm.start - 60) : xm.start]
                    rule = ""
                    if _NOT_INDICATION.search(before):
                        rule = ""
                    elif _POPULATION_WITH.search(before):
                        rule = "indicated_for.study_population"
                    elif _STUDY_IN.search(before):
                        rule = "indicated_for.study_in"  # "A Phase 3 study in X is enrolling"
                    elif _STUDY_FOCUS.search(text, max(sent[0], xm.start - 110), xm.start):
                        rule = "indicated_for.study_focus"
                    elif prev_end >= 0 and _DISEASE_LIST_GAP.fullmatch(text, prev_end, xm.start):
                        rule = prev_rule  # "enrolled patients with A, B and C"
                    if rule:
                        for d in mains_once[0][:1]:
                            _rel(rels, rule, d, x, sent)
                    prev_end, prev_rule = (xm.end, rule) if rule else (-1, "")
            continue
        paired = _pair_drugs(text, drugs, diseases)
        clauses = _clauses(text, sent)
        for xm, x in diseases:
            before = text[sent[0] : xm.start]
            cue = _INDICATION_CUE.search(before)
            after = cue is None and _INDICATION_AFTER.match(text, xm.end) is not None
            if not (cue or after) or _NOT_INDICATION.search(before[-60:]):
                continue  # "Atrial fibrillation was less frequent with X": an adverse event
            if _adverse_list(text, sent[0], xm.start):
                continue  # relations.adverse_list: "the most common of which were A, B and C"
            # "X, a gastroesophageal reflux drug": the disease is the drug's modifier.
            rule = "indicated_for.disease_modifier" if after else "indicated_for.same_clause"
            if _AE_AFTER.match(text, xm.end) or _INSTITUTION_FOR.search(before[-90:]):
                continue
            if (xm.start, xm.end) in comorbid:
                continue
            clause = next((c for c in clauses if c[0] <= xm.start < c[1]), sent)
            own = [(dm, d) for dm, d in drugs if clause[0] <= dm.start < clause[1]]
            chosen = paired[id(xm)]
            if own and len(clauses) > 1:
                clause_diseases = [(m, e) for m, e in diseases if clause[0] <= m.start < clause[1]]
                chosen = _pair_drugs(text, own, clause_diseases)[id(xm)]
            elif len(clauses) > 1:
                # "X is tested with Y ... and is also studied in Z": the subject, not the partner.
                partners = {
                    id(d)
                    for dm, d in drugs
                    if _NOT_DEAL_DRUG.search(text, max(sent[0], dm.start - 30), dm.start)
                }
                chosen = [d for d in chosen if id(d) not in partners]
            for d in chosen:
                if all(
                    _other_item(text, min(dm.end, xm.end), max(dm.start, xm.start))
                    for dm, o in drugs
                    if o is d
                ):
                    continue  # relations.roundup_item
                _rel(rels, rule, d, x, sent)
            for d in _coordinated_subjects(text, clauses, clause, xm, drugs, diseases):
                _rel(rels, "indicated_for.coordinated_subjects", d, x, sent)
    _topic_indications(index, rels)
    _indication_statements(index, rels)
    return rels


#: A finite verb: a clause with one says something of its own ("A is approved, and B ...").
_FINITE_VERB = re.compile(
    r"\b(?:is|was|are|were|has|have|had|will|would|can|could|may|might|should|did|does|do|"
    r"\w+ed)\b",
    re.I,
)
_PLURAL_PREDICATE = re.compile(
    r"\b(?:are|were|have been|remain)\s+(?:(?:already|both|also|now|each|all|currently)\s+)*"
    r"(?:approved|indicated|used|cleared|authori[sz]ed|filed|marketed|sold|available|licensed|"
    r"being (?:studied|tested|developed|evaluated))\b",
    re.I,
)


def _coordinated_subjects(text: str, clauses, clause, xm: Mention, drugs, diseases) -> list:
    """ "A, an anti-X antibody, and B, an oral Y inhibitor, are approved for Z": the ", and"
    that ends A's stretch joins two subjects of one plural verb, not two clauses. A is
    approved for Z too when its stretch has no verb and no disease of its own."""
    i = clauses.index(clause) if clause in clauses else -1
    if i <= 0 or not re.match(r",\s+and\s+", text[clause[0] : clause[0] + 8]):
        return []
    if not _PLURAL_PREDICATE.search(text, clause[0], xm.start):
        return []
    out = []
    while i > 0:
        prev = clauses[i - 1]
        if any(prev[0] <= m.start < prev[1] for m, _ in diseases):
            break
        own = [(dm, d) for dm, d in drugs if prev[0] <= dm.start < prev[1]]
        if not own:
            break
        bare = re.sub(r"\([^()]*\)", " ", text[prev[0] : prev[1]])
        if _FINITE_VERB.search(bare):
            break
        out.extend(d for _, d in own)
        if not re.match(r",\s+and\s+", text[prev[0] : prev[0] + 8]):
            break
        i -= 1
    return out


#: "In the field of X, ...", "an overview of notable X research": the paragraph is about X.
_TOPIC_BEFORE = re.compile(
    r"\b(?:(?:in|within) the (?:field|area|space|world|landscape) of|overview of|"
    r"(?:advances|developments|progress|updates?) in)\s+(?:(?:the|notable|new|recent|key|"
    r"latest)\s+)*$",
    re.I,
)
_TOPIC_AFTER = re.compile(
    r"(?:\s*(?:\[[^\]\n]{1,20}\]|\([^)\n]{1,20}\)))?\s+(?:treatment\s+)?(?:paradigm|landscape|"
    r"research|field|space)\b"
)


def _topic_indications(index: Index, rels: list[Relation]) -> None:
    """A paragraph that announces one disease as its subject ("In the field of X", "an
    overview of X research", as an interviewed expert does) is about the drugs it names: each
    is used or studied for X."""
    text = index.doc.text
    for par in re.finditer(r"[^\n]+", text):
        topics = {
            x.id: x
            for xm, x in index.in_span("Disease", par.start(), par.end())
            if _TOPIC_BEFORE.search(text, max(par.start(), xm.start - 40), xm.start)
            or _TOPIC_AFTER.match(text, xm.end)
        }
        if len(topics) != 1:
            continue
        (x,) = topics.values()
        sent = index.doc.sentence_at(par.start())
        for dm, d in index.in_span("Drug", par.start(), par.end()):
            if not _MODIFIER_AFTER.match(text, dm.end):
                _rel(rels, "indicated_for.paragraph_topic", d, x, sent)


#: indicated_for.indication_statement: a sentence that names no drug but lists the indications
#: of the drug named last ("The proposed indications are A, B and C", "It will be developed in
#: indications such as A and B", "plans to pursue A indications", "It was filed with a proposed
#: indication ... for the treatment of patients with A"). `_INDICATIONS_ARE` opens the list;
#: a disease right before "indication(s)" is one too.
_INDICATIONS_ARE = re.compile(
    r"\bindications?\s*(?::|(?:is|are|were|will be|would be|include|includes|including|"
    r"such as|comprise|cover)\b)|"
    r"\b(?:proposed|initial|first|lead|target(?:ed)?|planned|intended|potential|new)\s+"
    r"indications?\b[^.;]{0,80}?\b(?:for|in)\b",
    re.I,
)
_INDICATION_WORDS = Cue(["indication"], ignore_case=True, pattern=_INDICATIONS_ARE)
_BEFORE_INDICATION = re.compile(r"(?:\s*\([^()]{1,20}\))?\s+indications?\b", re.I)
#: The end of an indication list: a relative clause or a new clause.
_NEGATED = re.compile(r"\b(?:no|not|never|none|without|n['’]t)\b", re.I)
_LIST_END = re.compile(r";|,?\s+(?:which|that|who|where|while|because|but)\b|\s+-\s+")


def _indication_statements(index: Index, rels: list[Relation]) -> None:
    """indicated_for.indication_statement (see `_INDICATIONS_ARE`): the diseases a sentence
    without a drug lists as indications belong to the drug of the nearest earlier sentence."""
    doc = index.doc
    if not doc.has(_INDICATION_WORDS):
        return
    text = doc.text
    prev_drug = None
    for sent in doc.sentences:
        drugs = index.in_span("Drug", *sent)
        if drugs:
            prev_drug = drugs[0][1]
            continue
        if prev_drug is None or not doc.has_in(_INDICATION_WORDS, *sent):
            continue
        diseases = index.in_span("Disease", *sent)
        listed = []
        for m in _INDICATIONS_ARE.finditer(text, sent[0], sent[1]):
            end = _LIST_END.search(text, m.end(), sent[1])
            stop = end.start() if end else sent[1]
            listed += [(xm, x) for xm, x in diseases if m.end() <= xm.start < stop]
        listed += [(xm, x) for xm, x in diseases if _BEFORE_INDICATION.match(text, xm.end)]
        for xm, x in listed:
            before = text[max(sent[0], xm.start - 60) : xm.start]
            if _AE_AFTER.match(text, xm.end) or _NOT_INDICATION.search(before):
                continue
            if _NEGATED.search(text, sent[0], xm.start):
                continue  # "it has no products approved for A indications"
            _rel(rels, "indicated_for.indication_statement", prev_drug, x, sent)


#: A sentence about the arms of a trial or the drugs already used for the disease.
_ARM_CUE = re.compile(
    r"\b(?:randomi[sz]ed|assigned|investigator['’]s choice|control arm|comparator|versus|"
    r"compared (?:with|to)|non-?inferior(?:ity)? to|superior(?:ity)? to|alternative to|"
    r"standard(?:-of-care| of care| therapy| treatment)|already approved|"
    r"approved in this (?:space|setting|indication)|combined with|in combination with|plus|"
    r"added to|on top of|each combined|"
    # indicated_for.comparator_arm, regimen partners: "given alongside A and B", "along with
    # CAPOX", "a combination (regimen) of A and B", "a chemotherapy combination that includes A"
    # (_REGIMEN_CUE: only the drugs after these words).
    r"alongside|along with|together with|combination of|"
    r"(?:combination|regimen)\s+(?:that\s+|which\s+)?(?:includes|including|consisting of))\b",
    re.I,
)
_REGIMEN_CUE = re.compile(
    r"\b(?:alongside|along with|together with|combination of|"
    r"(?:combination|regimen)\s+(?:that\s+|which\s+)?(?:includes|including|consisting of))\b",
    re.I,
)
#: Words every match of _ARM_CUE contains: a sentence without one is not searched.
_ARM_WORDS = Cue(
    "randomi assigned choice control comparator versus compared inferior superior alternative "
    "standard already approved combined combination plus added top alongside along together "
    "regimen".split(),
    ignore_case=True,
    pattern=_ARM_CUE,
)


def _arm_cue_before(text: str, sent: tuple[int, int], dm: Mention) -> bool:
    """Some arm cue of the sentence is not a regimen word, or one comes before the drug."""
    return any(
        not _REGIMEN_CUE.fullmatch(c.group(0)) or c.end() <= dm.start
        for c in _ARM_CUE.finditer(text, sent[0], sent[1])
    )


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
                _rel(out, "indicated_for.owned_product", drugs[0], x, sent)
                if company is not None:  # "Acme's obesity drug": Acme's, if no one else's
                    _rel(out, "develops.owned_product", company, drugs[0], sent)
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


def comparators(index: Index, rels: list[Relation]) -> list[Relation]:
    """Drugs of the trial arms and of the standard of care, in a sentence that names no
    disease, are used for the disease of the study: the main drug's first indication."""
    doc = index.doc
    text = doc.text
    out: list[Relation] = RelList()
    mains = main_drugs(index, rels)
    if not mains:
        return out
    main_ids = {m.id for m in mains}
    targets = [r for r in rels if r.type == "INDICATED_FOR" and r.source.id in main_ids]
    if not targets:
        return out
    counts: dict[str, int] = {}
    for r in targets:
        counts[r.target.id] = len(r.target.mentions)
    disease = max((r.target for r in targets), key=lambda e: counts[e.id])
    indicated = {r.source.id for r in rels if r.type == "INDICATED_FOR"}
    for sent in doc.sentences:
        if index.in_span("Disease", *sent) or not (
            doc.has_in(_ARM_WORDS, *sent) and _ARM_CUE.search(text, sent[0], sent[1])
        ):
            continue
        if all(
            re.match(r"\s+(?:a\s+|the\s+)?placebo\b", text[c.end() : c.end() + 20])
            for c in _ARM_CUE.finditer(text, sent[0], sent[1])
        ):
            continue  # "X beat ... versus placebo": X is tested, not a comparator
        for dm, d in index.in_span("Drug", *sent):
            if d.id in main_ids or d.id in indicated or _MODIFIER_AFTER.match(text, dm.end):
                continue
            if not _arm_cue_before(text, sent, dm):
                continue  # "A and B, alongside X": only what comes after a regimen word
            if _PRIOR_CLASS.search(text[max(sent[0], dm.start - 60) : dm.start]):
                continue  # a therapy the patients had before
            _rel(out, "indicated_for.comparator_arm", d, disease, sent)
    _disease_anaphors(index, disease, out)
    return out


#: "approved for the same disease", "markets X for the condition": the disease the document is
#: about ("relapsing forms of the disease" may be a subtype of it: not read).
_DISEASE_ANAPHOR = re.compile(
    r"\b(?:approved|indicated|used|cleared|authori[sz]ed|filed|marketed|markets|sold|sells|"
    r"licensed|available|studied|tested|treatment)(?:[^\S\n]+[\w()-]+){0,6}?[^\S\n]+"
    r"(?:in|for|to treat)\s+"
    r"(?:the|this|that)\s+(?:same\s+)?"
    r"(?:disease|condition|disorder|indication|setting|illness|cancer|tumou?r type)\b",
    re.I,
)
#: Its first words: the pattern is tried only where one starts (a whole-text case-blind \b
#: scan cost ~190 us per eval article).
_DISEASE_ANAPHOR_CUE = Cue(
    "approved indicated used cleared authori filed marketed markets sold sells licensed "
    "available studied tested treatment".split(),
    ignore_case=True,
    pattern=_DISEASE_ANAPHOR,
    lead=0,
)


def _disease_anaphors(index: Index, disease: Entity, out: list[Relation]) -> None:
    """A drug "approved for the same setting" or marketed "for the disease", in a clause
    that names no disease, is for the disease of the document (the main drug's)."""
    text = index.doc.text
    for cue in finditer(text, _DISEASE_ANAPHOR_CUE):
        sent = index.doc.sentence_at(cue.start())
        clause = next(
            (c for c in _clauses(text, sent) if c[0] <= cue.start() < c[1]), sent
        )
        if index.in_span("Disease", *clause):
            continue
        for dm, d in index.in_span("Drug", clause[0], cue.end()):
            if _MODIFIER_AFTER.match(text, dm.end) or _PRIOR_CLASS.search(
                text[max(sent[0], dm.start - 60) : dm.start]
            ):
                continue
            _rel(out, "indicated_for.disease_anaphor", d, disease, sent)


def _pair_drugs(text: str, drugs, diseases) -> dict[int, list[Entity]]:
    """Which drugs of a sentence go with which disease.

    One drug or one disease: every pair. Several of each ("A for X, and B for Y"):
    the drugs written since the previous disease, shared across "X or Y".
    """
    everything = {id(xm): [d for _, d in drugs] for xm, _ in diseases}
    if len({id(d) for _, d in drugs}) < 2 or len({id(x) for _, x in diseases}) < 2:
        return everything
    # "X (XA)" is one place in the sentence.
    spans: list[tuple[int, int, list]] = []
    for xm, x in diseases:
        if (
            spans
            and spans[-1][2][-1][1] is x
            and re.fullmatch(r"\s*\(", text[spans[-1][1] : xm.start])
        ):
            start, _, members = spans[-1]
            spans[-1] = (start, xm.end + 1, [*members, (xm, x)])
        else:
            spans.append((xm.start, xm.end, [(xm, x)]))
    out: dict[int, list[Entity]] = {}
    prev_end = -1
    prev: list[Entity] = []
    for i, (start, end, members) in enumerate(spans):
        own = [d for dm, d in drugs if prev_end <= dm.start and dm.end <= start]
        if not own and prev:
            own = prev  # no drug since the previous disease: the same drugs ("X, including Y")
        if not own and prev_end < 0:
            own = [d for dm, d in drugs if dm.start >= end]
        if i == len(spans) - 1:
            own = own + [d for dm, d in drugs if dm.start >= end and d not in own]
        for xm, _ in members:
            out[id(xm)] = own
        prev_end, prev = end, own
    return out


_INDICATION_CUE = re.compile(
    r"\b(?:for|in|with|treat\w*|against|patients|people|adults|children|indicat\w*|approv\w*|"
    r"therap\w*|candidate|study|trial|like|targets|targeting|"
    # indicated_for.same_clause: "a topical product intended to prevent X", "designed to
    # reverse X": what the product is meant to do names its indication.
    r"(?:intended|designed|meant)\s+(?:to\s+(?:treat|prevent|reduce|reverse|slow|halt|cure)|"
    r"as\s+(?:a\s+)?(?:treatment|therapy)|for)|"
    r"prevent(?:s|ing)?\s+(?:or\s+|and/or\s+)?(?:treat|reduce|reverse|slow|halt))\b",
    re.I,
)
#: "a gastroesophageal reflux drug", "the phase 2 X study": the disease names what it is for.
_INDICATION_AFTER = re.compile(
    r"\s+(?:drugs?|treatments?|therap(?:y|ies)|medicines?|candidates?|vaccines?|studies|study|"
    r"trials?|programs?|programmes?)\b"
)
_NOT_INDICATION = re.compile(
    r"\b(?:due to|risk of|rates? of|incidence of|cases? of|events? of|history of|reports? of|"
    r"deaths? (?:from|due to|of)|died (?:of|from)|"
    r"experienced|cause[sd]?|causing|developed(?!\s+(?:for|as|by|in)\b)|"
    # indicated_for.not_negated: "which isn't approved to treat X", "is not yet approved for X".
    r"(?:is|are|was|were)(?:n[’']t| not)(?: yet)? (?:approved|indicated|authori[sz]ed)"
    r"(?: to treat| for| in)?|"
    r"(?:side effects?|adverse (?:events?|reactions?|effects?)|toxicit(?:y|ies)|AEs)"
    r"(?:\s+(?:included|include|including|such as|were|was|of|like))?:?)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)


_DEVELOP_VERBS = re.compile(
    r"\b(?:announce[sd]?|reported|presented|said|unveiled|shared|received|submitted|plans|"
    # develops.subject_announces: "A secured FDA approval for X", "A won approval of X".
    r"today|(?:secur(?:ed|es|ing)|w[oi]n(?:s|ning)?|gain(?:ed|s)|obtain(?:ed|s))(?=\s+(?:[\w.-]+\s+)"
    r"{0,3}?(?:approvals?|nods?|clearance|authori[sz]ations?|designations?|rights|licen[cs]es?|"
    r"green light|go-ahead)\b))\b"
)
#: develops.trial_sponsor: the company that starts or reads out a trial of the drug ("A has
#: initiated a Phase 3 trial for X", "A released topline results from its study of X",
#: "A (TICKER) partner B has started a study of X": A and B; "A will present top-line results
#: from its phase 1a trial of X", "A's subsidiary, B, dosed the first patient in a trial of X":
#: A and B).
_TRIAL_SPONSOR_VERBS = re.compile(
    r"\b(?:initiate[sd]|release[sd]|beg[au]n|start(?:s|ed)|launche[sd]|complete[sd]|"
    r"(?:will\s+)?present(?:s|ing)?\s+(?:(?:its|the|new|first|top-?line|interim|final|updated|"
    r"positive|preliminary|full)\s+)*(?:results|data|findings)|"
    r"dos(?:ed|es|ing)\s+(?:the\s+|its\s+)?first\s+(?:patients?|participants?|subjects?))\b"
)


def _subject_rule(text: str, cm: Mention, dm: Mention, comps) -> str | None:
    """develops.subject_announces or develops.trial_sponsor: the company is the subject of an
    announcing verb, or of a verb that starts or reads out a trial, before the drug."""
    if _subject_of_verb(text, cm, dm, comps, _DEVELOP_VERBS):
        return "develops.subject_announces"
    if _subject_of_verb(text, cm, dm, comps, _TRIAL_SPONSOR_VERBS):
        return "develops.trial_sponsor"
    return None


def _subject_of_verb(text: str, cm: Mention, dm: Mention, comps, verbs: re.Pattern) -> bool:
    """The company is (part of) the subject of "announced/reported..." before the drug."""
    verb = verbs.search(text, cm.end, dm.start)
    if not verb:
        return False
    if "respectively" in text[dm.end : dm.end + 120].split(".")[0]:
        return False  # "A and B won approval for X and Y, respectively": pairs by order
    if any(om.start > verb.end() and om.end < dm.start for om, _ in comps):
        return False
    # The first company of the sentence, or one joined to it by "and".
    return comps[0][0] is cm or any(
        # develops.trial_sponsor: "A (TICKER) partner B has initiated ...": B is A's partner.
        re.search(
            r"\b(?:and|partner|subsidiary|unit|affiliate|division),?\s*(?:the\s+)?$",
            text[om.end : cm.start],
        )
        for om, _ in comps
        if om.end <= cm.start
    )


#: Companies listed before the one at hand: "A, B and " (each a capitalised run).
_COMPANY_LIST_BEFORE = (
    r"(?:[^\W\d_a-z][\w&.-]*(?:\s+[^\W\d_a-z][\w&.-]*)*(?:,\s+(?:and\s+)?|\s+and\s+))*"
)
#: "X (Brand) from A", "X, an oral PDE4 inhibitor from A", "X from A and B", "X from P's A".
_DRUG_FROM = re.compile(
    r"(?:\s*\([^)]{1,40}\))?(?:,?\s+(?:\w+\s+)?|,\s+(?:a|an|another|the)\s+"
    r"(?:[\w/-]+\s+){0,6}?)from\s+(?:the\s+)?"
    r"(?:[^\W\d_a-z][\w&.-]*(?:\s+[^\W\d_a-z][\w&.-]*){0,3}['’]s\s+)?" + _COMPANY_LIST_BEFORE
)
#: develops.partner_descriptor: the partner after a few describing words ("developed with UK
#: pharma major X", "in partnership with U.S. drugmaker X"), not a funder ("with support from").
_PARTNER_DESCRIPTOR = (
    r"(?:(?!(?:from|by|of|at|in|for|and|or|its|their|support|funding|grants?)\s)"
    r"(?:[a-z][\w-]*|[A-Z]{2,3}|U\.S\.|U\.K\.)\s+){0,4}"
)
_PARTNER = re.compile(
    r"\b(?:licen[sc]e[sd]?|rights|in-licensed|acquired|sublicensed)\s+(?:\w+\s+){0,3}?from\s+"
    r"(?:the\s+)?$|\b(?:in\s+)?(?:collaboration|partnership|co-development|alliance)\s+with\s+"
    r"(?:the\s+)?" + _PARTNER_DESCRIPTOR + r"$|\bpartnered\s+with\s+" + _PARTNER_DESCRIPTOR
    + r"$|\bco-developed\s+(?:with|by)\s+$|\b(?:being|jointly|co-)\s*developed\s+(?:jointly\s+)?"
    r"with\s+(?:the\s+)?" + _PARTNER_DESCRIPTOR + r"$"
)


_PLACE_POSSESSIVE = re.compile(r"(?<![\w-])[^\W\d_a-z][a-z]+(?:[- ][^\W\d_a-z][a-z]+)?['’]s\s+$")


#: Between two coordinated drug names: ", ", " and ", ", and ", "(brand)" after the first.
_COORD_GAP = re.compile(r"\)?(?:\s*\([^)]{1,30}\))?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")


#: "Acme's Brand rival", "a Brand competitor": the drug named is the one rivalled, not the story's.
_RIVAL_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?[\s-]+(?:rival|rivals|competitor|competitors|challenger|"
    r"follow-on|follow-up|copycat|biosimilar|biosimilars|me-too)\b",
    re.I,
)


def develops(index: Index, company_mentions: list[Mention]) -> list[Relation]:
    """Company-drug links: possessives, "(Brand; Company)", "its X", "by Company"."""
    doc = index.doc
    text = doc.text
    rels: list[Relation] = RelList()
    for sent in doc.sentences:
        comps = index.in_span("Company", *sent)
        drugs = index.in_span("Drug", *sent)
        if not comps or not drugs:
            continue
        for cm, c in comps:
            # "a license from X", "in collaboration with X": X is behind the sentence's drugs.
            # "co-developed with Shenzhen's X": a place's possessive before the partner.
            place = _PLACE_POSSESSIVE.search(text, max(sent[0], cm.start - 30), cm.start)
            end = place.start() if place else cm.start
            if _PARTNER.search(text, max(sent[0], end - 80), end):
                # "The asset was ... X, co-developed with Y": the named drug, not the reference.
                named = [
                    (dm, d)
                    for dm, d in drugs
                    if not re.match(r"(?i:the|this|its)\s", text[dm.start : dm.end])
                ]
                for _, d in named or drugs:
                    _rel(rels, "develops.partner_from", c, d, sent)
                continue
            possessive = bool(_POSSESSIVE_AFTER.match(text, cm.end, cm.end + 16)) or any(
                re.fullmatch(r"\s+and\s+", text[cm.end : om.start])
                and re.match(r"['’]s?\s", text[om.end : om.end + 3])
                for om, _ in comps
            )
            for dm, d in drugs:
                gap = text[cm.end : dm.start] if dm.start >= cm.end else ""
                words = len(gap.split())
                first_after = next((x for x in drugs if x[0].start >= cm.end), None)
                near = words <= 7 and ";" not in gap  # a semicolon starts another story
                if _RIVAL_AFTER.match(text, dm.end):
                    continue  # develops.not_rival: "Acme's Brand rival" is Acme's rival of Brand
                if possessive and first_after and first_after[1] is d and near:
                    _rel(rels, "develops.possessive", c, d, sent)
                    # "Acme's A and B", "Acme's A, B and C": the coordinated drugs too.
                    prev_end, last = dm.end, d
                    for om, o in drugs:
                        if om.start < prev_end:
                            continue
                        gap = text[prev_end : om.start]
                        if o is last and re.fullmatch(r"\s*\(", gap):
                            prev_end = om.end  # "A (Brand), B": the brand of A
                            continue
                        if not _COORD_GAP.fullmatch(gap):
                            break
                        _rel(rels, "develops.possessive_list", c, o, sent)
                        prev_end, last = om.end, o
                elif (
                    dm.end <= cm.start
                    and re.search(r"\b(?:is|was)\s+$", text[max(0, cm.start - 10) : cm.start])
                    and cm.start - dm.end < 40
                    and possessive
                ):
                    _rel(rels, "develops.is_company_s", c, d, sent)
                elif (
                    dm.end <= cm.start
                    and possessive
                    and re.fullmatch(r"(?:\s*\([^)]{1,40}\))?,\s+", text[dm.end : cm.start])
                ):
                    _rel(
                        rels, "develops.apposition_possessive", c, d, sent
                    )  # "osimertinib, Acme's third-generation"
                elif (
                    dm.end <= cm.start
                    and re.fullmatch(r"(?:\s*\([^)]{1,40}\))?\s*\(\s*", text[dm.end : cm.start])
                    and re.match(
                        r"[\s,.]*(?:Inc|Ltd|plc|AG|SA|Co)?\.?\s*\)", text[cm.end : cm.end + 12]
                    )
                ):
                    _rel(
                        rels, "develops.paren_company", c, d, sent
                    )  # "ciltacabtagene autoleucel (J&J)"
                elif (
                    dm.end <= cm.start
                    and cm.start - dm.end < 160
                    and _DRUG_FROM.fullmatch(text, dm.end, cm.start)
                ):
                    _rel(
                        rels, "develops.drug_from", c, d, sent
                    )  # "pegcetacoplan (Empaveli) from Apellis"
                elif dm.end <= cm.start and re.fullmatch(
                    r"[\s(]*[^\W\d_a-z][\w -]*;\s*", text[dm.end : cm.start]
                ):
                    _rel(rels, "develops.brand_semicolon", c, d, sent)
                elif (
                    dm.end <= cm.start and _nearest_drug_before(text, drugs, dm, cm.start)
                ) and re.search(
                    r"\b(?:" + _BY_COMPANY_HEADS + r")\s+"
                    # "marketed in the US as Brand by X", "sold as Brand by X".
                    r"(?:(?:in|outside)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?)?"
                    r"(?:as\s+[^\W\d_a-z][\w-]*\s+)?by\s+(?:the\s+)?"
                    # "developed by China's X", "by Boston-based X", "by Acme's subsidiary X".
                    r"(?:[^\W\d_a-z][\w.]*(?:['’]s|-based)\s+"
                    r"(?:(?:subsidiary|unit|division|affiliate)\s+)?)?"
                    r"(?:[^\W\d_a-z][\w&.-]*(?:\s+[^\W\d_a-z][\w&.-]*)*(?:,\s+(?:and\s+)?|\s+and\s+))*$",
                    text[max(dm.end, cm.start - 90) : cm.start],
                ):
                    _rel(rels, "develops.by_company", c, d, sent)
                elif (
                    dm.start > cm.end
                    and re.search(r"\bits\s+(?:[\w-]+\s+){0,4}$", text[cm.end : dm.start])
                    and cm is comps[0][0]
                ):
                    _rel(rels, "develops.its_drug", c, d, sent)
                elif (
                    dm.start > cm.end
                    and first_after is not None
                    and first_after[1] is d
                    and (rule := _subject_rule(text, cm, dm, comps))
                    and not re.search(r"\b(?:versus|compared|vs\.?)\b", text[cm.end : dm.start])
                    and not re.search(r"\b(?:with|plus|to)\s+$", text[cm.end : dm.start])
                ):
                    _rel(rels, rule, c, d, sent)
        _paren_makers(text, sent, comps, drugs, rels)
        _its_product(text, sent, comps, drugs, rels)
        _units(text, sent, comps, drugs, rels)
        _company_verbs(text, sent, comps, drugs, rels)
    _anaphor_possessives(index, rels)
    _anaphor_counterparty(index, rels)
    _partner_of_story(index, rels)
    _nth_following(index, rels)
    _named_later(index, rels)
    _acquirers(index, rels)
    _funds_use(index, rels)
    return rels


_STORY_ANAPHOR = re.compile(r"\b(?:[Tt]he (?:company|drug|drugmaker|firm)|[Ii]t|[Ii]ts)\b")


def _partner_of_story(index: Index, rels: list[Relation]) -> None:
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
            if _PARTNER.search(text, max(sent[0], cm.start - 80), cm.start):
                _rel(rels, "develops.partner_of_story", c, main, sent)


#: develops.acquirer: "A has acquired B", "A's $4bn takeover of B", "A plans to acquire biotech
#: B", "A paid $1.8bn for B", "the assets A picked up": A owns what B develops.
_ACQUIRE_CUE = re.compile(
    r"\b(?:acquir(?:e|es|ed|ing)|acquisition of|takeover of|buyout of|bought|buys|"
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


def _acquirers(index: Index, rels: list[Relation]) -> None:
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
    for m in finditer(text, _ACQUIRE_WORDS):
        if _PASSIVE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        sent = doc.sentence_at(m.start())
        comps = _named_companies(index, sent)
        buyer = [c for cm, c in comps if cm.end <= m.start()][-1:]
        bought = [c for cm, c in comps if cm.start >= m.end()][:1]
        if not buyer or not bought or buyer[0] is bought[0]:
            continue
        for d in owned.get(id(bought[0]), []):
            _rel(rels, "develops.acquirer", buyer[0], d, sent)


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


def _funds_use(index: Index, rels: list[Relation]) -> None:
    """develops.funds_use (see `_FUNDS_USE`): the company before the cue in its sentence, else
    the first company of the sentence before when that one names the raise."""
    doc = index.doc
    if not doc.has(_FUNDS_USE_CUE):
        return
    text = doc.text
    for m in finditer(text, _FUNDS_USE_CUE):
        sent = doc.sentence_at(m.start())
        owner = [c for _, c in _named_companies(index, (sent[0], m.start()))][:1]
        if not owner and sent[0] > 0:
            prev = doc.sentence_at(sent[0] - 1)
            if _RAISE.search(text, prev[0], prev[1]):
                owner = [c for _, c in _named_companies(index, prev)][:1]
        for dm, d in index.in_span("Drug", m.end(), sent[1]) if owner else []:
            if (dm.start, dm.end, "Drug") not in index.owner:
                continue  # "the drug": an anaphor, not a name
            if _NOT_DEAL_DRUG.search(text, max(sent[0], dm.start - 40), dm.start):
                continue  # "to develop X with Brand": a partner drug
            _rel(rels, "develops.funds_use", owner[0], d, sent)


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


def _nth_following(index: Index, rels: list[Relation]) -> None:
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
            _rel(rels, "develops.nth_following", owner, d, sent)
            pos, last = dm.end, d


#: Between the drugs listed after "following": a brand's parenthesis, commas, "and".
_FOLLOWING_GAP = re.compile(
    r"(?:[ \w]{0,20}\))?(?:[®™]?\s*\([^()]{0,60}\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+)?\s*"
    r"(?:[A-Z]+[®™]?\s*\()?"
)


_BY_COMPANY_VERBS = "|".join(re.escape(v) for v in vocabulary()["by_company_verbs"])
#: develops.by_company: "a third-generation PCSK9 inhibitor by X", "an antibody by X": a drug
#: noun right before "by" names the maker as a verb does.
_BY_COMPANY_HEADS = _BY_COMPANY_VERBS + "|" + "|".join(
    re.escape(n) for n in vocabulary()["drug_nouns"] if n.islower() and len(n) > 3
)
#: develops.possessive: "Merck & Co.'s X", "Acme Inc.'s X": the possessive after a legal suffix
#: the company's name left out.
_POSSESSIVE_AFTER = re.compile(
    r"(?:\s*&\s*Co\.?|,?\s+(?:Inc|Co|Corp|Ltd|plc|AG|SA|LLC)\.?)?['’]s?\s"
)


def _nearest_drug_before(text: str, drugs, dm: Mention, pos: int) -> bool:
    """dm is the drug written last before pos, or one coordinated with it ("A and B, both
    marketed by X"); not an earlier drug of another clause ("A is P's; B is sold by X")."""
    if ";" in text[dm.end : pos]:
        return False
    later = [(om, o) for om, o in drugs if dm.end <= om.start and om.end <= pos]
    prev_end = dm.end
    for om, _ in later:
        gap = text[prev_end : om.start]
        if not (_COORD_GAP.fullmatch(gap) or re.fullmatch(r"\s*[(,]?\s*", gap)):
            return False
        prev_end = om.end
    return True


_COMMERCE_VERB = re.compile(
    r"(?:\s*\([^)]{1,40}\))?\s+(?:(?:"
    + "|".join(re.escape(a) for a in vocabulary()["company_commerce_adverbs"])
    + r")\s+)*(?:"
    + "|".join(
        re.escape(v).replace(r"\ ", r"\s+(?:also\s+|already\s+|now\s+)?")
        for v in sorted(vocabulary()["company_commerce_verbs"], key=len, reverse=True)
    )
    + r")\b"
)
#: Between the verb and its object drug: a few words, one apposition comma ("its peptide, X").
_VERB_OBJECT_GAP = re.compile(r"[^\S\n]+(?:[\w/'’-]+[^\S\n]+){0,6}?(?:[\w/'’-]+,[^\S\n]+)?")
_NOT_OBJECT_GAP = re.compile(
    r"\b(?:versus|against|than|with|plus|after|like|rival|competitor)\b", re.I
)
_WHICH_BEFORE = re.compile(r"(?:\s*\([^)]{1,40}\))?,\s+(?:which|that)\s+$")
_IS_A = re.compile(r"\s+(?:is|was|remains)\s+(?:a|an)\s+$")
_PRODUCT_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(vocabulary()["drug_nouns"]) + r")\b", re.I
)


_ANAPHOR_START = re.compile(r"(?:[Tt]he|[Tt]his|[Ii]ts)\s")


def _company_verbs(text: str, sent, comps, drugs, rels: list[Relation]) -> None:
    """The company is the subject of a commercial or development verb whose object is the
    drug: "A and B market X", "A is also testing X and Y", "A sells a version of X", "X, which
    A sells as Brand"; and "X is an A product"."""
    for i, (cm, c) in enumerate(comps):
        # "X is an Acme product".
        before = [(dm, d) for dm, d in drugs if dm.end <= cm.start]
        if before and _IS_A.fullmatch(text, before[-1][0].end, cm.start):
            if _PRODUCT_AFTER.match(text, cm.end):
                _rel(rels, "develops.company_product", c, before[-1][1], sent)
            continue
        verb = _COMMERCE_VERB.match(text, cm.end, sent[1])
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
                _rel(rels, "develops.which_company_verb", s_, before[-1][1], sent)
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
            if not _COORD_GAP.fullmatch(g):
                break
            objects.append(o)
            prev_end, last = om.end, o
        for s_ in subjects:
            for o in objects:
                _rel(rels, "develops.company_verb_object", s_, o, sent)


_PRODUCT_NOUN = (
    r"(?:drug|therapy|candidate|medicine|asset|antibody|conjugate|ADC|inhibitor|vaccine|"
    r"treatment)s?"
)
#: "..., the drug, now called X": a product described first and named afterwards.
_NOW_CALLED = re.compile(
    r"\bthe\s+" + _PRODUCT_NOUN + r",?\s+(?:now|later|since|newly)?\s*(?:called|named|dubbed|"
    r"branded|known as)\s+$"
)
#: "A and B's TROP2-directed antibody-drug conjugate": whose the unnamed product is.
_OWNERS_PRODUCT = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,4}?" + _PRODUCT_NOUN + r"\b")


def _named_later_drug(index: Index, tm: Mention) -> Entity | None:
    """The drug a "TROP2-directed conjugate" is named as in its or the next sentence ("the
    drug, now called X"), when no drug is named in between."""
    text = index.doc.text
    desc = re.compile(r"[-\s](?:directed|targeting|targeted|based)\s+(?:[\w-]+\s+){0,3}?"
                      + _PRODUCT_NOUN + r"\b").match(text, tm.end)
    if desc is None:
        return None
    sent = index.doc.sentence_at(tm.start)
    nxt = index.doc.sentence_at(min(len(text) - 1, sent[1] + 1))
    for dm, d in index.in_span("Drug", desc.end(), max(sent[1], nxt[1])):
        if re.match(r"(?:the|this|its)\s", text[dm.start : dm.end]):
            continue  # "the drug": a reference back, not a name
        if _NOW_CALLED.search(text, max(0, dm.start - 50), dm.start):
            return d
        return None
    return None


def _named_later(index: Index, rels: list[Relation]) -> None:
    """ "A and B's TROP2-directed conjugate won approval. ... for the drug, now called X": the
    companies whose unnamed product the text describes develop X, the name it gets later."""
    doc = index.doc
    text = doc.text
    for dm, d in index.in_span("Drug", 0, len(text)):
        if not _NOW_CALLED.search(text, max(0, dm.start - 50), dm.start):
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
            # "A and B's": the companies joined to the possessive one.
            for om, o in reversed(comps[:k]):
                if not re.fullmatch(r"\s*(?:,|and|&)\s*", text[om.end : cm.start]):
                    break
                owners.append(o)
                cm = om
        for c in owners:
            _rel(rels, "develops.named_later", c, d, sent)


#: "the private biotech's X", "the Swiss drugmaker's X and Y": the company named just before.
_ANAPHOR_POSSESSIVE = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(re.escape(n) for n in vocabulary()["company_anaphor_nouns"])
    + r")['’]s?\s+(?:(?:[\w-]+\s+){0,3}?(?:drug|candidate|asset|therapy|ADC|antibody),?\s+)?$"
)


def _anaphor_possessives(index: Index, rels: list[Relation]) -> None:
    """A drug after "the <descriptor> biotech's" belongs to the last company named before it,
    in that sentence or the one before ("paid $2bn for Acme, on the strength of the private
    biotech's X"); drugs coordinated after it too."""
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
        _rel(rels, "develops.anaphor_possessive", c, d, sent)
        for om, o in drugs[k + 1 :]:
            if not _COORD_GAP.fullmatch(text, dm.end, om.start):
                break
            _rel(rels, "develops.anaphor_possessive", c, o, sent)
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


def _anaphor_counterparty(index: Index, rels: list[Relation]) -> None:
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
                _rel(rels, "develops.anaphor_counterparty", c, d, sent)


_UNIT_OF = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,4}?(?:unit|division|subsidiary|business|arm|affiliate)\b,?"
)


def _units(text: str, sent, comps, drugs, rels: list[Relation]) -> None:
    """ "Genzyme, Acme's rare disease unit, developed X": the unit develops what the
    sentence gives its parent (the possessive points at the unit, not the drug)."""
    for i, (cm, c) in enumerate(comps[:-1]):
        pm, p = comps[i + 1]
        if not re.fullmatch(r",\s+(?:the\s+)?", text[cm.end : pm.start]):
            continue
        if not _UNIT_OF.match(text, pm.end):
            continue
        for _, d in drugs:
            if (rels.seen if isinstance(rels, RelList) else {}).get(("DEVELOPS", id(p), id(d))):
                _rel(rels, "develops.unit_of_parent", c, d, sent)


#: What may stand between the makers listed in a drug's parentheses: "and", ",", "'s", "/".
_MAKER_GLUE = re.compile(
    r"(?:\s|,|;|/|&|\band\b|['’]s\b|\b(?:Inc|Ltd|plc|AG|SA|Co|Corp|LLC|GmbH)\b\.?)*"
)


def _paren_makers(text: str, sent, comps, drugs, rels: list[Relation]) -> None:
    """ "dupilumab (Sanofi and Regeneron)", "adagrasib (A's B)": every company that makes up
    a drug's parenthesis develops that drug (a parent "A's" as well as its unit B)."""
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
                    _rel(rels, "develops.paren_makers", c, d, sent)


#: develops.its_product: "Acme ... alongside its novel PD-1 antibody, X", "for its a once-daily,
#: oral THR-beta agonist, Brand", "its innovative anti-HER2 antibody-drug conjugate (ADC) X",
#: "its "home-grown" obesity drug X", "several of its drug candidates like A and B": a
#: descriptor phrase that ends in a drug noun between "its" and the drug (the plain "its X" is
#: develops.its_drug); also "X, its lead candidate,". The owner is the sentence's first company.
_ITS_NOUNS = "|".join(sorted(vocabulary()["drug_nouns"], key=len, reverse=True))
_ITS_PRODUCT_BEFORE = re.compile(
    r"\bits\s+(?:own\s+)?(?:[\w“”\"'’+/.–—-]+,?\s+){0,7}?"
    r"(?:" + _ITS_NOUNS + r")s?(?:\s*\([^()]{1,15}\))?"
    r"(?:\s*,|\s+(?:like|such\s+as|including|called|named|dubbed))?\s*$",
    re.I,
)
_ITS_PRODUCT_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?,\s+its\s+(?:[\w“”\"'’+/.–—-]+\s+){0,5}?"
    r"(?:" + _ITS_NOUNS + r")\b",
    re.I,
)


def _its_product(text: str, sent, comps, drugs, rels: list[Relation]) -> None:
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
        _rel(rels, "develops.its_product", owner, d, sent)
        prev_end = dm.end
        for om, o in drugs[i + 1 :]:
            if not _COORD_GAP.fullmatch(text, prev_end, om.start):
                break
            _rel(rels, "develops.its_product", owner, o, sent)
            prev_end = om.end


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
                    _rel(out, "develops.combination_part", r.source, d, sent)
            elif r.type == "TARGETS" and r.source in parts:
                _rel(
                    out, "targets.combination_product", product, r.target, r.sentence, r.properties
                )
    return out


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
    r"holds? (?:the )?(?:global |worldwide |exclusive )?(?:rights|licen[cs]e))\b",
    re.I,
)
#: A drug named as a partner or comparator of the deal's drug.
_NOT_DEAL_DRUG = re.compile(
    r"(?:combination with|combined with|plus|versus|vs\.?|compared (?:with|to)|alongside|"
    r"added to|on top of|than|such as|including|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
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
#: A trademark sign marks a product the sentence names ("its cell therapy Acmecell®").
_MARKED_PRODUCT = re.compile(r"\w[®™]")
_COMPANY_GROUP_LIST = re.compile(
    r"\b(?:companies|firms|drugmakers|developers|biotechs|players|makers)\b,?\s+"
    r"(?:including|such as|like|among them)\s+$",
    re.I,
)


def _not_story_drug(index: Index, sent: tuple[int, int], comps: list, main: Entity) -> bool:
    """develops.deal_not_story_drug (see `_SEVERAL_PRODUCTS`): the sentence's deal is not about
    the story's drug."""
    text = index.doc.text
    if any(sent[0] <= m.start < sent[1] for m in main.mentions):
        return False  # "drugs known as GLP-1 agonists, including X": the story's drug is named
    words = text[sent[0] : sent[1]]
    if _MARKED_PRODUCT.search(words) or _ANY_PRODUCT.search(words):
        return True  # a product named here ("Acmecell®", "any such program"): not the story's
    for m in _SEVERAL_PRODUCTS.finditer(text, sent[0], sent[1]):
        if not _REFERS_BACK.search(text, max(sent[0], m.start() - 50), m.start()):
            return True
    ordered = sorted(comps, key=lambda r: r[0].start)
    run = 1
    for (am, a), (bm, b) in zip(ordered, ordered[1:], strict=False):
        if a is not b and _COORD_GAP.fullmatch(text, am.end, bm.start):
            run += 1
            if run >= 3:
                return True
        elif a is not b:
            run = 1
    first = ordered[0][0]
    return _COMPANY_GROUP_LIST.search(text, max(sent[0], first.start - 60), first.start) is not None


def _semicolon_parts(text: str, sent: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of a sentence between semicolons ("A licenses B's X; C files for Y")."""
    out, start = [], sent[0]
    for m in re.finditer(r";\s+", text[sent[0] : sent[1]]):
        out.append((start, sent[0] + m.start()))
        start = sent[0] + m.end()
    out.append((start, sent[1]))
    return out


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
        if not _COORD_GAP.fullmatch(gap):
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
    for sent in (c for s in doc.sentences for c in _semicolon_parts(text, s)):
        comps = index.in_span("Company", *sent)
        if not comps or not _DEAL_CUE.search(text, sent[0], sent[1]):
            continue
        drugs = [
            (dm, d)
            for dm, d in index.in_span("Drug", *sent)
            if not _NOT_DEAL_DRUG.search(text, max(sent[0], dm.start - 30), dm.start)
        ]
        ids = {id(d) for _, d in drugs}
        listed = _deal_list(text, drugs) if len(ids) > 1 else []
        if len(ids) > 1 and not listed:
            continue
        if listed:
            for _, c in comps:  # develops.deal_list: "transfer X and Y to B"
                for d in listed:
                    _rel(out, "develops.deal_list", c, d, sent)
            continue
        if drugs:
            drug = drugs[0][1]
        elif (
            len(mains) == 1
            and re.search(r"\b(?:licen[sc]\w*|rights)\b", text[sent[0] : sent[1]], re.I)
            and not _UNNAMED_PRODUCT.search(text, sent[0], sent[1])
            and not _not_story_drug(index, sent, comps, mains[0])
        ):
            drug = mains[0]  # "A licensed rights outside Europe to B": the drug of the story
        else:
            continue
        for _, c in comps:
            _rel(out, "develops.deal", c, drug, sent)
    return out


#: "Its pipeline includes A, B and C", "The company's portfolio comprises ...".
PIPELINE_CUE = re.compile(
    r"\b(?:[Ii]ts|[Tt]he [Cc]ompany['’]s|[^\W\d_a-z][\w&.-]*(?: [^\W\d_a-z][\w&.-]*)*['’]s?)\s+"
    r"(?:[\w-]+\s+){0,3}(?:pipeline|portfolio|product candidates|candidates|programs|"
    r"programmes|assets)\s+(?:includes?|including|comprises|consists of|features|spans|"
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
                    _rel(out, "develops.pipeline", owner, d, sent)
                lic = _LICENSED_TO.match(text, dm.end)
                if lic:
                    for cm, c in comps:
                        if cm.start == lic.end():
                            _rel(out, "develops.pipeline_licensee", c, d, sent)
        for cm, c in comps:
            # "Acme has six commercial products in China, including X and Y".
            has = _HAS_PRODUCTS.match(text, cm.end)
            if has and has.end() <= sent[1]:
                for _, d in index.in_span("Drug", has.end(), sent[1]):
                    _rel(out, "develops.has_products", c, d, sent)
        if comps:
            prev_company = comps[0][1]
    return out


#: develops.pipeline: "the Acme pipeline including X", "the platform-based pipeline including
#: X" with the company named before it in the sentence ("X, CEO of Acme, said the ...").
_THE_PIPELINE = re.compile(
    r"\b[Tt]he\s+(?:[\w&.-]+\s+){0,3}?(?:pipeline|portfolio)\s+(?:includes?|including|"
    r"comprises|features|contains|is led by)\b"
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


def affiliations(index: Index, people: list[Mention], links: list[SiteLink]) -> list[Relation]:
    """A person and the sites written after their name, up to the next person."""
    doc = index.doc
    rels: list[Relation] = RelList()
    starts = sorted(p.start for p in people)
    all_people = sorted(
        (m for e in index.entities if e.type == "Investigator" for m in e.mentions),
        key=lambda m: m.start,
    )
    # Parents written inside a longer name ("Hospital of X University") are not affiliations.
    nested = {(ln.parent.start, ln.parent.end) for ln in links if ln.how in {"of", "inner"}}
    # "Professor Zhou from X": a titled short reference places the person as well.
    seen = {(p.start, p.end) for p in people}
    titled = [
        m
        for m in all_people
        if (m.start, m.end) not in seen
        and re.search(
            r"\b(?:Professor|Prof\.?|Dr\.?|Doctor)\s+$", doc.text[max(0, m.start - 12) : m.start]
        )
    ]
    starts = sorted(starts + [m.start for m in titled])
    person_starts = [q.start for q in all_people]  # sorted: all_people is
    parents_of: dict[tuple[int, int], list[SiteLink]] = {}
    for link in links:
        if link.how in {"at", "possessive", "unit"}:
            parents_of.setdefault((link.child.start, link.child.end), []).append(link)
    for pm in list(people) + titled:
        p = index.of(pm)
        if p is None:
            continue
        sent = doc.sentence_at(pm.start)
        # The window ends at the next person (listed or mentioned) or the sentence end.
        i = bisect.bisect_right(starts, pm.start)
        j = bisect.bisect_right(person_starts, pm.end)
        nxt = min(
            ([starts[i]] if i < len(starts) else [])
            + ([person_starts[j]] if j < len(person_starts) else [])
            + [sent[1]]
        )
        for sm, s in index.in_span("Site", pm.end, nxt):
            if (sm.start, sm.end) in nested:
                continue
            _rel(rels, "affiliated_with.after_name", p, s, sent)
            for link in parents_of.get((sm.start, sm.end), []):
                parent = index.of(link.parent)
                if parent is not None:
                    _rel(rels, "affiliated_with.parent_site", p, parent, sent)
    _shared_and_possessive_sites(index, all_people, rels)
    for pm in all_people:
        # "... dosed at X in Wuhan, part of Y, under principal investigator Z": Z works at X.
        if not _UNDER_PI.search(doc.text, max(0, pm.start - 60), pm.start):
            continue
        p = index.of(pm)
        sent = doc.sentence_at(pm.start)
        before = index.in_span("Site", sent[0], pm.start)
        if p is not None and before:
            _rel(rels, "affiliated_with.under_investigator", p, before[0][1], sent)
    _only_site(index, links, rels)
    del starts
    return rels


def _only_site(index: Index, links: list[SiteLink], rels: list[Relation]) -> None:
    """affiliated_with.only_site: an institution's own news ("researchers at X ... Jane Roe, MD,
    director of Y, will present"): when the document names one institution only (its units and
    parents aside), each investigator placed nowhere else works there."""
    site = _one_institution(index, links)
    if site is None:
        return
    placed = {id(r.source) for r in rels if r.type == "AFFILIATED_WITH"}
    text = index.doc.text
    own = {site.name, *site.aliases}
    for e in index.entities:
        if e.type != "Investigator" or id(e) in placed:
            continue
        m = e.mentions[0]
        sent = index.doc.sentence_at(m.start)
        # "Prof. A of Hospices Civils de Lyon": placed at an institution not found as a site.
        elsewhere = False
        for other in _PLACED_AT.finditer(text, m.end, sent[1]):
            if _names_no_place(index, other.start(1)):
                continue  # "presented results of HRO761": a drug, not an institution
            words = other.group(1).split()
            if other.group(1) not in own and not {words[0], words[-1]} & _UNIT_WORDS:
                elsewhere = True
                break
        if elsewhere:
            continue
        own_site = _site_named_by_anaphor(index, sent, site)
        if own_site is not None:
            _rel(rels, "affiliated_with.only_site", e, own_site, sent)


def _one_institution(index: Index, links: list[SiteLink]) -> Entity | None:
    """The one institution a document names: its only site, or the one root the others are
    linked to as units ("College of Medicine" PART_OF "X University": X University)."""
    sites = [e for e in index.entities if e.type == "Site"]
    if len(sites) == 1:
        return sites[0]
    parent_of = {id(index.of(ln.child)): index.of(ln.parent) for ln in links}
    roots = [s for s in sites if id(s) not in parent_of]
    if len(roots) != 1:
        return None
    for s in sites:  # every other site reaches the root through its parents
        seen, cur = 0, s
        while id(cur) in parent_of and seen < len(sites):
            cur, seen = parent_of[id(cur)], seen + 1
        if cur is not roots[0]:
            return None
    return roots[0]


#: "in the hospital's hematology department": the institution a person's sentence points to.
_THE_HEAD = re.compile(
    r"\b[Tt]he\s+(hospital|university|institute|college|school|cent(?:er|re)|clinic)\b"
)


def _site_named_by_anaphor(index: Index, sent: tuple[int, int], root: Entity) -> Entity | None:
    """The site of the one institution a sentence means: "the hospital" is the institution's
    hospital (a unit of the root named with that head word, else none); no such noun, the root."""
    heads = {m.group(1).lower() for m in _THE_HEAD.finditer(index.doc.text, sent[0], sent[1])}
    if not heads:
        return root
    sites = [e for e in index.entities if e.type == "Site"]
    named = [e for e in sites if any(h in e.name.lower() for h in heads)]
    return named[0] if len(named) == 1 else None


def _names_no_place(index: Index, pos: int) -> bool:
    """A drug, disease or target mention starts at pos: not where a person works."""
    return any(index.starts_at(label, pos) for label in ("Drug", "Disease", "Target"))


#: "at/of/from <Capitalised name>" after a person: where the text places them.
_PLACED_AT = re.compile(
    r"\b(?:at|of|from)\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+(?:(?:de|di|of|and|for|&)\s+)?[A-Z][\w’'-]*)*)"
)
#: First or last words of a department or unit's name, not of an institution ("director of
#: Head and Neck Surgical Oncology", "Department of Medicine").
_UNIT_WORDS = set(vocabulary()["site_unit_words"])


_UNDER_PI = re.compile(
    r"\bunder\s+(?:the\s+)?(?:(?:principal|lead|chief|coordinating)\s+investigator|PI)\s+"
    r"(?:(?:Professor|Prof\.?|Dr\.?|Doctor)\s+)?$"
)


#: "Jane Roe and John Smith from X": the first of a pair shares the second's site.
_PAIR_AND = re.compile(r"\s+and\s+$")
_PAIR_AND_TITLED = re.compile(r"\s+and\s+(?:(?:Professor|Prof\.?|Dr\.?|Doctor)\s+)?")
_BEFORE_SITE = re.compile(r",?\s+(?:of|from|at)\s+(?:the\s+)?")
#: "Northfield University oncologist Jane Roe": a site, then a one-word research role.
_ONE_WORD_ROLES = "|".join(re.escape(r) for r in vocabulary()["research_roles"] if " " not in r)
_SITE_ROLE_BEFORE = re.compile(
    r"\s+(?:(?:senior|lead|principal|chief|staff|research)\s+)?(?:" + _ONE_WORD_ROLES + r")s?\s+"
    r"(?:(?:Professor|Prof\.?|Dr\.?|Doctor)\s+)?$"
)
#: "Jane Roe, MD, Chair of Medicine, and John Smith, ...": two people, each with a role.
_APPOSED_AND = re.compile(
    r",\s+and\s+(?:(?:Professor|Prof\.?|Dr\.?|Doctor)\s+)?$"
)
#: "X's Professor Jane Roe": a site's possessive right before a (titled) person.
_SITE_POSSESSIVE = re.compile(
    r"['’]s?\s+(?:(?:Professor|Prof\.?|Dr\.?|Doctor|researcher|scientist|investigator)\s+)?"
)


def _shared_and_possessive_sites(
    index: Index, all_people: list[Mention], rels: list[Relation]
) -> None:
    """Affiliations a window after the name misses: a coordinated pair, a site's possessive."""
    text = index.doc.text
    for a, b in zip(all_people, all_people[1:], strict=False):
        if not _PAIR_AND.fullmatch(text, a.end, b.start):
            continue
        link = _BEFORE_SITE.match(text, b.end)
        if link is None:
            continue
        pa = index.of(a)
        for sm, site in index.in_span("Site", link.end(), link.end() + 300):
            if pa is not None and sm.start == link.end():
                _rel(rels, "affiliated_with.shared_site", pa, site, index.doc.sentence_at(a.start))
    for a, b in zip(all_people, all_people[1:], strict=False):
        # "A, MD, Chair of ..., and B, MD, Professor in ..., at X": a site set off by a comma
        # after the second person's role is both people's, when A's own role names no site.
        if b.start - a.end > 250 or not _APPOSED_AND.search(text, a.end, b.start):
            continue
        if index.in_span("Site", a.end, b.start):
            continue
        sent = index.doc.sentence_at(b.start)
        pa = index.of(a)
        if pa is None or index.doc.sentence_at(a.start) != sent:
            continue
        for sm, site in index.in_span("Site", b.end, min(b.end + 250, sent[1])):
            gap = text[b.end : sm.start]
            if re.search(r",\s+(?:at|of)\s+(?:the\s+)?$", gap) and gap.count(",") >= 2:
                _rel(rels, "affiliated_with.shared_apposed_site", pa, site, sent)
            break
    for k, pm in enumerate(all_people):
        p = index.of(pm)
        if p is None:
            continue
        for sm, site in index.in_span("Site", max(0, pm.start - 60), pm.start):
            if _SITE_ROLE_BEFORE.fullmatch(text, sm.end, pm.start):
                _rel(rels, "affiliated_with.site_role", p, site, index.doc.sentence_at(pm.start))
        for sm, site in index.in_span("Site", max(0, pm.start - 200), pm.start):
            if _SITE_POSSESSIVE.fullmatch(text, sm.end, pm.start):
                _rel(
                    rels,
                    "affiliated_with.site_possessive",
                    p,
                    site,
                    index.doc.sentence_at(pm.start),
                )
                # "WEHI's Dr A and Professor B": B is the site's too.
                nxt = all_people[k + 1] if k + 1 < len(all_people) else None
                q = index.of(nxt) if nxt is not None else None
                if q is not None and _PAIR_AND_TITLED.fullmatch(text, pm.end, nxt.start):
                    _rel(
                        rels,
                        "affiliated_with.site_possessive_pair",
                        q,
                        site,
                        index.doc.sentence_at(pm.start),
                    )


def part_of(index: Index, links: list[SiteLink]) -> list[Relation]:
    rels: list[Relation] = RelList()
    for link in links:
        if link.how == "inner":
            continue  # "Y University X Hospital" is one name: the university is no parent
        a, b = index.of(link.child), index.of(link.parent)
        if a is not None and b is not None:
            _rel(rels, "part_of.site_link", a, b, index.doc.sentence_at(link.child.start))
    return rels


def leads_cue_ok(doc: Doc, person: Mention, entity: Entity | None = None) -> bool:
    """False for people the text sets apart from the study ("not involved", "commented"),
    in any sentence that names them ("Dr. Reardon was not involved")."""
    mentions = entity.mentions if entity is not None else [person]
    for s, e in {doc.sentence_at(m.start) for m in mentions}:
        if doc.has(_NEG_LEAD_CUE) and _NEG_LEAD.search(doc.text, s, e):
            return False
    return True


#: leads.speaks_of_study: words of a sentence about a study or a treatment. A person none of
#: whose sentences has one, a drug or a trial's name ("said X, Director of the Institute";
#: "a team led by X made the discovery that ..."; "X will present 'Tumor heterogeneity'")
#: leads no trial of the document's drug.
_STUDY_TALK = re.compile(
    r"\b(?:trials?|stud(?:y|ies)|results?|data|findings|outcomes?|patients?|participants|"
    r"investigators?|investigational|enrol\w*|dos(?:e|es|ed|ing)|efficacy|safety|"
    r"respon(?:se|ses|ded|ders?)|endpoints?|cohorts?|phase|treat(?:ment|ments|ed|ing)|"
    r"therap(?:y|ies)|drugs?|medicines?|candidates?|regimens?|abstracts?|posters?|"
    r"researchers?|tested|testing|evaluat\w*|survival|remission|approv\w*|authors?|"
    # "research" in prose, not in an institution's name ("Therapeutics Research").
    r"presenters?|principal|PI|co-PI|(?-i:research))\b",
    re.I,
)


def _english(text: str) -> bool:
    """Whether the text reads as English (the study words above are English words)."""
    return len(re.findall(r"\b(?:the|and|of|with)\b", text[:20000], re.I)) >= 10


def speaks_of_study(index: Index, entity: Entity) -> bool:
    """Whether some sentence naming the person names a drug or a trial or speaks of a study
    or a treatment (see _STUDY_TALK); always, in a text that is not in English."""
    doc = index.doc
    if not doc.once(_english):
        return True
    for s, e in {doc.sentence_at(m.start) for m in entity.mentions}:
        if index.in_span("Drug", s, e) or _STUDY_TALK.search(doc.text, s, e):
            return True
    return False
