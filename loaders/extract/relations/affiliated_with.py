"""AFFILIATED_WITH: the site a person works at, from the words around their name."""

from __future__ import annotations

import bisect

from loaders.extract import fastre as re
from loaders.extract.author_lines import on_author_line
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.relations.index import Index, RelList, add_relation
from loaders.extract.sites import SiteLink


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
    # affiliated_with.later_role: "Roe, professor of medicine at X, will present": a later
    # reference with a research role set off after it places the person as well.
    titled = [
        m
        for m in all_people
        if (m.start, m.end) not in seen
        and (
            re.search(
                r"\b(?:Professor|Prof\.?|Dr\.?|Doctor)\s+$",
                doc.text[max(0, m.start - 12) : m.start],
            )
            or _ROLE_APPOSITION.match(doc.text, m.end)
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
            add_relation(rels, "affiliated_with.after_name", p, s, sent)
            for link in parents_of.get((sm.start, sm.end), []):
                parent = index.of(link.parent)
                if parent is not None:
                    add_relation(rels, "affiliated_with.parent_site", p, parent, sent)
    _shared_and_possessive_sites(index, all_people, rels)
    # affiliated_with.parent_site: a person of a unit (by any rule above) is the parent's too,
    # where the sentence names the unit as the parent's.
    for r in [r for r in rels if r.type == "AFFILIATED_WITH"]:
        for sm in r.target.mentions:
            if not r.sentence[0] <= sm.start < r.sentence[1]:
                continue
            for link in parents_of.get((sm.start, sm.end), []):
                parent = index.of(link.parent)
                if parent is not None:
                    add_relation(rels, "affiliated_with.parent_site", r.source, parent, r.sentence)
    for pm in all_people:
        # "... dosed at X in Wuhan, part of Y, under principal investigator Z": Z works at X.
        if not UNDER_PI.search(doc.text, max(0, pm.start - 60), pm.start):
            continue
        p = index.of(pm)
        sent = doc.sentence_at(pm.start)
        before = index.in_span("Site", sent[0], pm.start)
        if p is not None and before:
            add_relation(rels, "affiliated_with.under_investigator", p, before[0][1], sent)
    _only_site(index, links, rels)
    del starts
    return rels


def _only_site(index: Index, links: list[SiteLink], rels: list[Relation]) -> None:
    """affiliated_with.only_site: an institution's own news ("researchers at X ... Jane Roe, MD,
    director of Y, will present"): when the document names one institution only (its units and
    parents aside), each investigator placed nowhere else works there. Not the authors of a
    journal author line: their markers point to an affiliation list, which may name
    institutions the site finder did not find."""
    site, rule = _one_institution(index, links), "affiliated_with.only_site"
    if site is None:
        site, rule = _house_institution(index), "affiliated_with.house_institution"
    if site is None:
        return
    placed = {id(r.source) for r in rels if r.type == "AFFILIATED_WITH"}
    text = index.doc.text
    own = {site.name, *site.aliases}
    for e in index.entities:
        if e.type != "Investigator" or id(e) in placed:
            continue
        m = e.mentions[0]
        if on_author_line(text, m.start):
            continue
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
            add_relation(rels, rule, e, own_site, sent)


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


#: affiliated_with.house_institution: "Sylvester physicians will present ...", "Kessel Clinic
#: researchers found ...": the text names a site as the employer of its researchers; when it so
#: names one site only, that is the institution whose news it is (a tip sheet listing "Dr. X is
#: a co-author" under it), and `_only_site` places its unplaced investigators there.
_STAFF_NOUNS = "|".join(vocabulary()["site_staff_nouns"])
_SITE_STAFF = re.compile(r"(?<![\w-])([A-Z][\w&-]*)\s+(?:" + _STAFF_NOUNS + r")\b")


def _house_institution(index: Index) -> Entity | None:
    """The one site named as the employer of the text's researchers (see the pattern above):
    by a mention of it ending right before the noun, or by its name's first word."""
    firsts: dict[str, Entity] = {}
    for e in index.entities:
        if e.type == "Site" and len(e.name.split()) >= 2:
            firsts.setdefault(e.name.split()[0], e)
    found: set[int] = set()
    house = None
    for m in _SITE_STAFF.finditer(index.doc.text):
        end = m.end(1)
        named = [s for sm, s in index.in_span("Site", max(0, end - 120), end) if sm.end == end]
        site = named[-1] if named else firsts.get(m.group(1))
        if site is not None and m.group(1) not in _NOT_HOUSE_WORDS:
            found.add(id(site))
            house = site
    return house if len(found) == 1 else None


_NOT_HOUSE_WORDS = {"The", "the", "Our", "Other", "Some", "Many", "All", "Both", "These", "Those"}


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


_ROLES = "|".join(
    sorted((re.escape(r) for r in vocabulary()["research_roles"]), key=len, reverse=True)
)
_ROLE_APPOSITION = re.compile(
    r",\s+(?!and\s)(?:the\s+|an?\s+)?(?:[A-Za-z0-9-]+\s+){0,3}?(?i:" + _ROLES + r")\b"
)


UNDER_PI = re.compile(
    r"\bunder\s+(?:the\s+)?(?:(?:principal|lead|chief|coordinating)\s+investigator|PI)\s+"
    r"(?:(?:Professor|Prof\.?|Dr\.?|Doctor)\s+)?$"
)


#: "Jane Roe and John Smith from X": the first of a pair shares the second's site.
#: A title or rank that may stand before a listed person's name.
_RANK = r"(?:(?:Professor|Prof\.?|Dr\.?|Doctor|Academician|Director)\s+)?"
_LIST_ITEM_BEFORE = re.compile(rf",\s+{_RANK}$")
#: affiliated_with.shared_site: "A and B from X", "Academician A and Director B from X".
_PAIR_AND = re.compile(rf"\s+and\s+{_RANK}$")
_PAIR_AND_TITLED = re.compile(r"\s+and\s+(?:(?:Professor|Prof\.?|Dr\.?|Doctor)\s+)?")
_BEFORE_SITE = re.compile(r",?\s+(?:of|from|at)\s+(?:the\s+)?")
#: "Northfield University oncologist Jane Roe": a site, then a one-word research role.
_ONE_WORD_ROLES = "|".join(re.escape(r) for r in vocabulary()["research_roles"] if " " not in r)
_SITE_ROLE_BEFORE = re.compile(
    r"\s+(?:(?:senior|lead|principal|chief|staff|research)\s+)?(?:" + _ONE_WORD_ROLES + r")s?\s+"
    r"(?:(?:Professor|Prof\.?|Dr\.?|Doctor)\s+)?$"
)
#: "Jane Roe, MD, Chair of Medicine, and John Smith, ...": two people, each with a role.
_APPOSED_AND = re.compile(r",\s+and\s+(?:(?:Professor|Prof\.?|Dr\.?|Doctor)\s+)?$")
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
        if _LIST_ITEM_BEFORE.search(text, max(0, a.start - 30), a.start):
            continue  # "with A, Professor B and Dr C at X": the last of a list is C's alone
        link = _BEFORE_SITE.match(text, b.end)
        if link is None:
            continue
        pa = index.of(a)
        for sm, site in index.in_span("Site", link.end(), link.end() + 300):
            if pa is not None and sm.start == link.end():
                add_relation(
                    rels, "affiliated_with.shared_site", pa, site, index.doc.sentence_at(a.start)
                )
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
                add_relation(rels, "affiliated_with.shared_apposed_site", pa, site, sent)
            break
    for k, pm in enumerate(all_people):
        p = index.of(pm)
        if p is None:
            continue
        for sm, site in index.in_span("Site", max(0, pm.start - 60), pm.start):
            if _SITE_ROLE_BEFORE.fullmatch(text, sm.end, pm.start):
                sent = index.doc.sentence_at(pm.start)
                add_relation(rels, "affiliated_with.site_role", p, site, sent)
                # "U of S professors A and B": B holds the same role there.
                nxt = all_people[k + 1] if k + 1 < len(all_people) else None
                q = index.of(nxt) if nxt is not None else None
                if q is not None and _PAIR_AND_TITLED.fullmatch(text, pm.end, nxt.start):
                    add_relation(rels, "affiliated_with.site_role", q, site, sent)
        for sm, site in index.in_span("Site", max(0, pm.start - 200), pm.start):
            if _SITE_POSSESSIVE.fullmatch(text, sm.end, pm.start):
                add_relation(
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
                    add_relation(
                        rels,
                        "affiliated_with.site_possessive_pair",
                        q,
                        site,
                        index.doc.sentence_at(pm.start),
                    )
