"""The mention index the relation rules share, and the list they add relations to.

`Index` answers "which entities share this span" (and counts "the drug", "the company"
as mentions of the story's drug and company); `add_relation` adds each fact once, named by
the first rule that found it.
"""

from __future__ import annotations

import bisect

from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.cues import Cue, finditer
from loaders.extract.model import Entity, Mention, Relation

_THE_DRUG = re.compile(
    # anaphora.the_drug: "the oral therapy", "the subcutaneous drug" name the route too; "the
    # treatment" only as the subject of what a drug does ("The treatment has shown promise").
    r"\b(?:[Tt]he|[Ii]ts) (?:(?:new|novel|investigational|experimental|oral|injectable|"
    r"subcutaneous|intravenous|inhaled|topical) )?"
    r"(?:drug|therapy|candidate|antibody|medicine|molecule|product|compound|"
    r"conjugate|asset|ADC|bispecific|agent|cell therapy|"
    # anaphora.the_drug: general news calls an oral drug "the pill" ("whether the pill helped
    # patients with X").
    r"pill|tablet|capsule|"
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

#: anaphora.other_owner: "Acme's new combination drug": a company's product described, not named.
_OWNED_PRODUCT_AFTER = re.compile(
    r"(?:['’]s?|‘s)\s+(?:[\w-]+\s+){0,3}?(?:drug|therapy|candidate|medicine|product|antibiotic|"
    r"vaccine|treatment|asset|molecule|antibody|injection|formulation)s?\b"
    r"(?!\s+(?:applications?|development|discovery|pipeline|portfolio|programs?|class|classes|"
    r"candidates?|business|sales|division|unit|makers?|developers?)\b)"
)

#: "Acme's Brand rival", "a Brand competitor": the drug named is the one rivalled, not the story's.
RIVAL_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?[\s-]+(?:rival|rivals|competitor|competitors|challenger|"
    r"follow-on|follow-up|copycat|biosimilar|biosimilars|me-too)\b",
    re.I,
)


#: index.headline_end: a first line longer than this is the lead paragraph, not a headline.
_HEADLINE_MAX = 300


def headline_end(text: str) -> int:
    """Where the headline ends: the first line, unless it is a paragraph (an "Editor's note"
    that opens with the standard of care names drugs no headline would): then no headline."""
    if "\n" not in text.strip():
        return len(text)
    end = text.find("\n")
    return end if len(text[:end].strip()) <= _HEADLINE_MAX else 0


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
        title_end = headline_end(text)

        def top(etype: str) -> Entity | None:
            cands = [e for e in self.entities if e.type == etype]
            if not cands:
                return None
            return max(
                cands,
                key=lambda e: (
                    len(e.mentions)
                    + 3
                    * any(
                        m.start < title_end and not RIVAL_AFTER.match(text, m.end)
                        for m in e.mentions
                    )
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
                if etype == "Drug" and self._other_owners_paragraph(m.start(), e):
                    continue  # anaphora.other_owner
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

    def _other_owners_paragraph(self, pos: int, main: Entity) -> bool:
        """anaphora.other_owner: in a round-up, "the drug" in a paragraph that never names the
        main drug but describes another company's product before it ("B's new combination
        drug addresses X. B has teamed up with C to sell the drug") is that product, not the
        main drug: when no sentence that names the main drug names that company."""
        text = self.doc.text
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if any(start <= m.start < end for m in main.mentions):
            return False
        owners = {
            id(c)
            for cm, c in self.in_span("Company", start, pos)
            if _OWNED_PRODUCT_AFTER.match(text, cm.end)
        }
        if not owners:
            return False
        for m in main.mentions:
            s_start, s_end = self.doc.sentence_at(m.start)
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.start)
            line_end = len(text) if line_end < 0 else line_end
            span = (max(s_start, line_start), min(s_end, line_end))
            if any(id(c) in owners for _, c in self.in_span("Company", *span)):
                return False
        return True

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
        new = [e for e in named.values() if min(x.start for x in e.mentions) >= p_start]
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


def add_relation(
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
