# ruff: noqa: UP031  (regexes are built with %-formatting: str.format braces clash with {m,n})
"""From mentions to entities: overlaps, merging of surface forms, canonical names and ids.

Ids are `<ontology id_prefix>:<normalized key>` so the same thing read in two
documents gets the same id: codes and symbols drop punctuation
("BAT-4406F" = "BAT4406F"), companies drop legal suffixes, diseases drop
grade/stage qualifiers and plurals, people ignore the order of name parts.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Mapping
from functools import lru_cache

from graph.keys import company_canonical_names, company_fold
from graph.ontology import node_type
from loaders.extract import fastre as re
from loaders.extract.companies import developer_institutes
from loaders.extract.context import Doc
from loaders.extract.cues import Cue, finditer
from loaders.extract.diseases import disease_key
from loaders.extract.drugs import CODE, ESTER_WORDS, PAYLOAD_STEMS
from loaders.extract.family import Family
from loaders.extract.lexicon import lexicon, vocabulary
from loaders.extract.model import Entity, Mention
from loaders.extract.text import Spans, find_all_many, fold, key, words_key

_STEMS = tuple(vocabulary()["inn_stems"])
_CORP_WORDS = set(vocabulary()["company_words"]) | set(vocabulary()["legal_suffixes"])
_ORG_RE = re.compile(
    r"(?:[^\W\d_a-z][\w’'&-]*\s+(?:(?:of|for|the|on|and|in|In|&)\s+)*){1,8}?"
    r"(?:Committee|Society|Association|Congress|Conference|Meeting|Foundation|Academy|Journal|"
    r"Council|Network|Alliance|Federation|Board|Catalog|Summit|Symposium|Forum)\b"
    r"(?:\s+(?:of|on|for|in|In)\s+(?:the\s+)?[^\W\d_a-z][\w’'&-]*"
    r"(?:\s+(?:(?:and|&|of|for|in|In|the)\s+)?[^\W\d_a-z][\w’'&-]*)*)?"
)


@lru_cache(maxsize=65536)
def _ekey(etype: str, name: str) -> str:
    """The built-in families' keys (loaders/extract/families.py): names with equal keys are
    one entity."""
    if etype == "Disease":
        return disease_key(name)
    if etype == "Investigator":
        words = [key(w) for w in fold(name).split()]
        # resolve.middle_initial: "Stephen J. Nicholls" and "Stephen Nicholls" are one person
        # (a middle initial is dropped when a given name and a surname remain).
        full = [w for w in words if len(w) > 1]
        return "".join(sorted(full if len(full) >= 2 else words))
    if etype == "Company":
        return "".join(company_core_words(name))
    return key(name)


#: Corporate words proper ("Pharma", "Biologics"), whose kind tells two companies apart.
_COMPANY_HEADS = frozenset(
    word
    for phrase in vocabulary()["company_words"]
    for word in words_key(phrase).split("-")
    if word
)
#: Words that may end a company's name without telling companies apart: legal suffixes,
#: corporate words ("Pharma", "Biologics") and a few generic tails ("Company", "Sciences").
_COMPANY_TAIL_WORDS = frozenset(
    word
    for phrase in (
        *vocabulary()["legal_suffixes"],
        *vocabulary()["company_words"],
        *vocabulary()["company_generic_tails"],
    )
    for word in words_key(phrase).split("-")
    if word
)


def company_core_words(name: str) -> list[str]:
    """A company's name without a leading "the" and trailing legal or corporate words.

    Why: news writes "Astellas", "Astellas Pharma" and "Astellas Pharma Inc." for one
    company; keying on the core makes them one entity in a document and one node across
    documents, whatever order the documents arrive in. At least one word always stays.
    """
    words = re.sub(r"^the\s+", "", name, flags=re.I).split()
    while len(words) > 1 and words_key(words[-1]) in _COMPANY_TAIL_WORDS:
        words.pop()  # whole words only: "Kelun-Biotech" keeps its "Biotech"
    return words_key(" ".join(words)).split("-")


_ORG_KW = re.compile(
    r"\b(?:Committee|Society|Association|Congress|Conference|Meeting|Foundation|Academy|Journal|"
    r"Council|Network|Alliance|Federation|Board|Catalog|Summit|Symposium|Forum)\b"
)
_ORG_CUE = Cue(
    "Committee Society Association Congress Conference Meeting Foundation Academy Journal "
    "Council Network Alliance Federation Board Catalog Summit Symposium Forum".split(),
    pattern=_ORG_KW,
    lead=0,
)


@lru_cache(maxsize=64)
def org_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Names of conferences, societies, journals: disease words inside them are not diseases."""
    out = []
    lines = set()
    for kw in finditer(text, _ORG_CUE):
        lo = text.rfind("\n", 0, kw.start()) + 1
        hi = text.find("\n", kw.end())
        hi = len(text) if hi < 0 else hi
        if (lo, hi) in lines:
            continue
        lines.add((lo, hi))
        out.extend(
            (m.start(), m.end()) for m in _ORG_RE.finditer(text, max(lo, kw.start() - 300), hi)
        )
    return tuple(sorted(set(out)))


class _Occupancy:
    """Which kept mentions cover each character of the text, in the order they were kept.

    The first one per position sits in an array and later ones (nested sites) in a dict, so
    a free stretch is claimed with one slice assignment instead of one list per character
    (a long document has millions of characters inside mentions).
    """

    def __init__(self, size: int, nesting: frozenset[str] = frozenset()) -> None:
        self.nesting = nesting  # the labels whose mentions may nest (Family.nests)
        self.kept: list[Mention] = []
        self.any = bytearray(size)
        self.first = array("i", [-1]) * size
        self.more: dict[int, list[int]] = {}

    def claim(self, m: Mention) -> None:
        i = len(self.kept)
        self.kept.append(m)
        n = m.end - m.start
        if self.any.find(1, m.start, m.end) < 0:
            self.first[m.start : m.end] = array("i", [i]) * n
        else:
            for pos in range(m.start, m.end):
                if self.first[pos] < 0:
                    self.first[pos] = i
                else:
                    self.more.setdefault(pos, []).append(i)
        self.any[m.start : m.end] = b"\x01" * n

    def first_clash(self, m: Mention) -> Mention | None:
        """The first kept mention (by position, then age) that `m` may not overlap; mentions
        of a nesting family (sites) may lie inside one another."""
        seen: set[int] = set()
        pos = self.any.find(1, m.start, m.end)
        while pos >= 0:
            for i in (self.first[pos], *self.more.get(pos, ())):
                if i in seen:
                    continue
                seen.add(i)
                k = self.kept[i]
                if m.type == k.type and m.type in self.nesting:
                    continue
                return k
            pos = self.any.find(1, pos + 1, m.end)
        return None


def drop_overlaps(
    mentions: list[Mention], text: str, families: Mapping[str, Family]
) -> list[Mention]:
    """Keep the longest mention where types disagree (equal lengths: the family of higher
    priority); sites may nest; orgs swallow diseases."""
    orgs = Spans(org_spans(text))
    mentions = [
        m
        for m in mentions
        if not (
            m.type in {"Disease", "Target"}
            and m.text[:1].isupper()
            and not m.text.isupper()
            and orgs.containing(m.start, m.end)
        )
    ]
    mentions = _retype_developer_institutes(mentions, text)
    priority = {label: family.priority for label, family in families.items()}
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), -priority[m.type], m.start))
    nesting = frozenset(label for label, family in families.items() if family.nests)
    occupancy = _Occupancy(len(text) + 1, nesting)
    for m in ordered:
        k = occupancy.first_clash(m)
        if k is not None:
            if m.type == k.type and (m.start, m.end) == (k.start, k.end):
                k.forms = tuple(dict.fromkeys((*k.forms, m.name, *m.forms)))
                k.props = {**m.props, **k.props}
        else:
            occupancy.claim(m)
    return sorted(occupancy.kept, key=lambda m: m.start)


def _retype_developer_institutes(mentions: list[Mention], text: str) -> list[Mention]:
    """resolve.institute_developer: the site finder's institute that the text says develops,
    makes or licenses a product, and never names as a workplace, is a Company
    (companies.institute_developer), at every place it is named."""
    sites = [m for m in mentions if m.type == "Site"]
    names = developer_institutes(text, sites, [m for m in mentions if m.type == "Drug"])
    if not names:
        return mentions
    return [
        Mention("Company", m.start, m.end, m.text, m.name, m.forms)
        if m.type == "Site" and m.text in names
        else m
        for m in mentions
    ]


class _UnionFind:
    """Union-find whose members may carry keys that must stay apart: a union that would put
    two keys of one `apart` pair into one set is refused (resolve.company_apart)."""

    def __init__(self, apart: set[frozenset[str]] | None = None) -> None:
        self.parent: dict[int, int] = {}
        self.apart = apart or set()
        self.keys: dict[int, set[str]] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def mark(self, x: int, k: str) -> None:
        """Record that member `x` carries key `k` (only keys of an `apart` pair matter)."""
        self.keys.setdefault(self.find(x), set()).add(k)

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        ka, kb = self.keys.get(ra, set()), self.keys.get(rb, set())
        if ka and kb and any(frozenset((x, y)) in self.apart for x in ka for y in kb):
            return
        self.parent[ra] = rb
        if ka:
            self.keys.setdefault(rb, set()).update(self.keys.pop(ra))


#: "trastuzumab deruxtecan" is a conjugate, another drug than the bare antibody
#: "trastuzumab" (unlike "efgartigimod alfa", which is efgartigimod).
_CONJUGATE_PARTNER = re.compile(r"(?i)(?:%s|xetan)$" % PAYLOAD_STEMS)


def _forms(m: Mention) -> list[str]:
    return [m.name, m.text, *m.forms]


def group_mentions(
    mentions: list[Mention], pairs: list[tuple[Mention, Mention]], families: Mapping[str, Family]
) -> list[list[Mention]]:
    """Mentions of one type that share a key (their family's) or are paired "A (B)" are one
    entity."""
    apart = _companies_apart(mentions)
    uf = _UnionFind(apart)
    apart_keys = {k for pair in apart for k in pair}
    by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        uf.find(i)
        if apart_keys and m.type == "Company":
            for f in _forms(m):
                if _ekey("Company", f) in apart_keys:
                    uf.mark(i, _ekey("Company", f))
        key_of = families[m.type].key
        for f in _forms(m):
            k = (m.type, key_of(f))
            if not k[1]:
                continue
            if k in by_key:
                uf.union(i, by_key[k])
            else:
                by_key[k] = i
    # INN base names: "efgartigimod" is "efgartigimod alfa and hyaluronidase".
    # Company short names: "Akeso" is "Akeso Biopharma" (resolve.company_short_name: when the
    # longer name's second word is a distinctive one, only if the text writes the short name
    # alone: "Acme Pharma" and "Acme Wanlin (Jiangsu) Pharma" are two companies, "Acme
    # Pharmaceuticals" and "Acme Pharmaceutical Technology Co." one).
    alone = {
        _ekey("Company", m.text) for m in mentions if m.type == "Company" and " " not in m.text
    }
    for i, m in enumerate(mentions):
        if m.type in {"Drug", "Company"}:
            words = m.name.split()
            first = words[0]
            if len(words) > 1 and (
                m.type == "Company"
                or (first.lower().endswith(_STEMS) and not _CONJUGATE_PARTNER.search(words[1]))
                # resolve.inn_ester: "ceftobiprole medocaril" is a form of ceftobiprole.
                or words[1].lower() in ESTER_WORDS
            ):
                k = (m.type, _ekey(m.type, first))
                if k in by_key and (
                    m.type == "Drug" or k[1] in alone or not _distinctive(words[1])
                ):
                    uf.union(i, by_key[k])
            # "Lilly" is "Eli Lilly", "Hengrui" is "Jiangsu Hengrui Pharmaceuticals"; not when
            # both are written with corporate heads of different kinds ("Harbin Lumen
            # Biologics" beside "Lumen Pharmaceutical Group", resolve.company_other_head).
            if m.type == "Company" and len(words) > 1:
                for w in words[1:]:
                    if w[:1].isupper() and len(w) >= 3 and w not in _CORP_WORDS:
                        k = (m.type, _ekey(m.type, w))
                        if k in by_key and _heads_agree(m.name, mentions[by_key[k]].name):
                            uf.union(i, by_key[k])
    _union_initials(mentions, uf)
    _union_lexicon_names(mentions, uf)
    index = {id(m): i for i, m in enumerate(mentions)}
    for a, b in pairs:
        if id(a) in index and id(b) in index and a.type == b.type:
            uf.union(index[id(a)], index[id(b)])
    groups: dict[int, list[Mention]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault(uf.find(i), []).append(m)
    return list(groups.values())


#: resolve.company_initials: "4DMT" beside "4D Molecular Therapeutics", "ZBI" beside "Zenith
#: Bio Innovations": a capitals-only company name spelled by another company's word initials
#: (a digit-led word keeps its digits and capital: "4D") is that company.
_INITIAL = re.compile(r"(?<![\w])(?:\d+[A-Z]?|[A-Z])")
_CAPITALS_NAME = re.compile(r"[A-Z0-9&]{3,6}")


def _union_initials(mentions: list[Mention], uf: _UnionFind) -> None:
    """Unite each capitals-only company name with the company whose initials spell it."""
    by_initials: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.type == "Company" and len(m.name.split()) > 1:
            by_initials.setdefault("".join(_INITIAL.findall(m.name.replace("-", " "))), i)
    for i, m in enumerate(mentions):
        if m.type == "Company" and _CAPITALS_NAME.fullmatch(m.name):
            j = by_initials.get(m.name)
            if j is not None and j != i:
                uf.union(i, j)


def _union_lexicon_names(mentions: list[Mention], uf: _UnionFind) -> None:
    """resolve.company_lexicon: "GSK" and "GlaxoSmithKline", "MSD" and "Merck & Co." in one
    text are one company: names of one group of the company name lexicon
    (graph/data/company_names.json, which joins them across documents too)."""
    canonical = company_canonical_names()
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.type != "Company":
            continue
        for f in _forms(m):
            group = canonical.get(company_fold(f)) if f.strip() else None
            if group is None:
                continue
            if group in first:
                uf.union(i, first[group])
            else:
                first[group] = i


def _companies_apart(mentions: list[Mention]) -> set[frozenset[str]]:
    """resolve.company_apart: the pairs of company keys the text says are two companies (a
    subsidiary and its named parent: companies.py marks both mentions with `_apart`)."""
    out: set[frozenset[str]] = set()
    for m in mentions:
        if m.type != "Company":
            continue
        for other in m.props.get("_apart", ()):
            a, b = _ekey("Company", m.name), _ekey("Company", other)
            if a and b and a != b:
                out.add(frozenset((a, b)))
    return out


def _corporate_head(name: str) -> str:
    """The first corporate word after a company's core ("Pharmaceutical" of "Lumen
    Pharmaceutical Group"), folded to its first four letters so "Pharma" and
    "Pharmaceuticals" agree; "" when the name has none."""
    words = re.sub(r"^the\s+", "", name, flags=re.I).split()
    core = len(company_core_words(name))
    tail = [words_key(w) for w in words[core:]] if core < len(words) else []
    heads = [w for w in tail if w and w not in _GENERIC_COMPANY_WORDS and w in _COMPANY_HEADS]
    return heads[0][:4] if heads else ""


def _heads_agree(longer: str, shorter: str) -> bool:
    """Whether two company names may be one company by a shared word: not when each ends in
    a corporate word and the words are of different kinds (Biologics / Pharmaceutical)."""
    a, b = _corporate_head(longer), _corporate_head(shorter)
    return not a or not b or a == b


_GENERIC_COMPANY_WORDS = {
    words_key(w)
    for key_name in ("company_shortenable_words", "company_group_words", "company_descriptor_words")
    for w in vocabulary()[key_name]
}


def _distinctive(word: str) -> bool:
    """A capitalised word of a company's name that is neither corporate nor generic."""
    k = words_key(word)
    return word[:1].isupper() and k not in _COMPANY_TAIL_WORDS and k not in _GENERIC_COMPANY_WORDS


def _is_inn(name: str) -> bool:
    return name[:1].islower() and name.split()[0].endswith(_STEMS)


def _is_code(name: str) -> bool:
    return CODE.fullmatch(name) is not None


def _canonical(etype: str, group: list[Mention]) -> str:
    """The built-in families' display names (loaders/extract/families.py)."""
    names = [m.name for m in group]
    if etype == "Drug":
        # drugs.misspelled_inn: a misspelled spelling never names the drug.
        names = [m.name for m in group if not m.props.get("_misspelled")] or names
        inns = [n for n in names if _is_inn(n)]
        # An INN recognised from its sentence rather than its stem ("X is an oral ...").
        inns = inns or [
            m.name for m in group if m.props.get("_inn_shape") and not m.props.get("_misspelled")
        ]
        if inns:
            return max(inns, key=lambda n: (len(n), n))
        # drugs.antigen_adjuvant: "M72/AS01E" names the product, "M72" only its antigen.
        products = [m.name for m in group if m.props.get("_product")]
        if products:
            return products[0]
        codes = [n for n in names if _is_code(n)]
        if codes:
            return codes[0]
        return names[0]
    if etype == "Company":
        return max(
            names, key=lambda n: (len(n.split()) if len(n.split()) <= 4 else 0, -names.index(n))
        )
    if etype == "Target":
        lex = [m.props["_lexname"] for m in group if "_lexname" in m.props]
        if lex:
            return lex[0]
        return min(names, key=lambda n: (len(n), n))
    if etype == "Disease":
        lex = [m.props["_lexname"] for m in group if "_lexname" in m.props]
        if lex:
            return lex[0]
        defined = [
            m.name for m in group if any(f.isupper() or f[1:] != f[1:].lower() for f in m.forms)
        ]
        return defined[0] if defined else min(names, key=len)
    if etype == "Site":
        return min(names, key=lambda n: names.index(n))
    return max(names, key=len)


_QUALIFIER = re.compile(r"(?i)\b(?:grade|stage)\s+[0-9IVX]+(?:\s*[-–/]\s*[0-9IVX]+)?\b")


def make_id(etype: str, name: str) -> str:
    """The id of a built-in label's entity named `name` (also for records and curation)."""
    return f"{node_type(etype).id_prefix}:{id_key(etype, name)}"


@lru_cache(maxsize=65536)  # pure, and asked again for every mention of a name
def id_key(etype: str, name: str) -> str:
    """The built-in families' ids after the prefix (loaders/extract/families.py)."""
    if etype in {"Drug", "Target"} and (_is_code(name) or " " not in name):
        return key(name)
    if etype == "Disease":
        return words_key(_QUALIFIER.sub(" ", name))
    if etype == "Investigator":
        return "-".join(sorted(words_key(name).split("-")))
    if etype == "Company":
        return "-".join(company_core_words(name))
    return words_key(name)


@lru_cache
def _lexicon_keys() -> dict[tuple[str, str], object]:
    known: dict[tuple[str, str], object] = {}
    for e in lexicon().entries:
        for f in (e.name, *e.aliases):
            known.setdefault((e.type, _ekey(e.type, f)), e)
    return known


def attach_lexicon(mentions: list[Mention]) -> None:
    """Give target/disease mentions their lexicon name and identifiers when known."""
    known = _lexicon_keys()
    for m in mentions:
        if m.type not in {"Target", "Disease"}:
            continue
        # "IL-23 receptor" must not become the ligand "IL-23" through its short text.
        for f in [m.name, *(f for f in m.forms if not m.name.startswith(f))]:
            e = known.get((m.type, _ekey(m.type, f)))
            if e is not None:
                m.props["_lexname"] = e.name
                m.forms = tuple(dict.fromkeys((*m.forms, e.name)))
                if e.xrefs:
                    m.props["xrefs"] = list(e.xrefs)
                if m.type == "Target":
                    sym = next(
                        (a for a in (e.name, *e.aliases) if re.fullmatch(r"[A-Z0-9]+", a)), None
                    )
                    if sym:
                        m.props["symbol"] = sym
                break


def propagate(doc: Doc, groups: list[list[Mention]]) -> list[Mention]:
    """Find every other occurrence of each entity's surface forms in the text."""
    extra = []
    lowered = doc.text.lower()
    plans = [_search_plan(group) for group in groups]
    hits_of = find_all_many(
        doc.text, [needle for plan in plans for _, needles in plan for needle in needles], lowered
    )
    for group, plan in zip(groups, plans, strict=True):
        etype = group[0].type
        canonical = group[0].name
        seen = {(m.start, m.end) for m in group}
        spans = sorted((m.start, m.end) for m in group)
        starts = [s for s, _ in spans]
        longest = max(e - s for s, e in spans)

        def overlaps(s: int, e: int, spans=spans, starts=starts, longest=longest) -> bool:
            i = bisect.bisect_left(starts, s - longest)
            while i < len(spans) and spans[i][0] < e:
                if s < spans[i][1]:
                    return True
                i += 1
            return False

        for _, needles in plan:
            hits = [span for needle in needles for span in hits_of[needle]]
            for s, e in hits:
                if overlaps(s, e):
                    continue  # already a mention of this entity, perhaps a shorter one
                if (s, e) not in seen:
                    seen.add((s, e))
                    extra.append(Mention(etype, s, e, doc.text[s:e], canonical))
    return extra


def _search_plan(group: list[Mention]) -> list[tuple[str, list[tuple[str, bool]]]]:
    """Per surface form of the group, the (needle, case-sensitive) searches that find it again."""
    etype = group[0].type
    # diseases.organ_list: "breast" in "breast, lung, and gastric cancers" is found only there.
    forms = {m.text for m in group if not m.props.get("_item_only")}
    forms |= {f for m in group for f in m.forms}
    plan = []
    for form in forms:
        if len(form) < 2 or (etype == "Investigator" and len(form.split()) < 2):
            continue
        if etype == "Site" and re.search(r"['’]s?\s", form):
            continue  # "Y's X" names two sites; each is found on its own
        case_sensitive = (
            len(form) <= 6
            or etype in {"Company", "Investigator"}
            or (sum(c.isupper() for c in form) >= 2)
        )
        needles = [(form, case_sensitive)]
        if case_sensitive and form[:1].islower() and etype == "Drug":
            # "sac-TMT" starts a sentence as "Sac-TMT".
            needles.append((form[:1].upper() + form[1:], True))
        plan.append((form, needles))
    return plan


def _disease_words(name: str) -> list[str]:
    # "non-relapsing" is one word: "relapsing multiple sclerosis" does not abbreviate
    # "non-relapsing secondary progressive multiple sclerosis".
    return re.findall(r"[a-z0-9]+", re.sub(r"\bnon ", "non", disease_key_words(name)))


def disease_key_words(name: str) -> str:
    """Lower case, hyphens as spaces, plural head made singular: 'cancers' -> 'cancer'."""
    s = fold(name).lower().replace("-", " ")
    return re.sub(r"(cancer|tumour|tumor|disease|disorder|oma)s\b", r"\1", s)


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


#: What lies between two items of a list of diseases, after and before the mention.
_GAP_AFTER_ITEM = re.compile(r"\)?,?\s+(?:and|or)\s+|\)?,\s+")
_GAP_BEFORE_ITEM = re.compile(r",?\s+(?:and|or)\s+|,\s+")
#: Every character the two gaps can hold besides white space (keep in step with them):
#: only span ends/starts within such a run beside the mention are tried.
_GAP_CHARS = frozenset("),andor")


def _gap_char(c: str) -> bool:
    return c in _GAP_CHARS or c.isspace()


def _coordinated(text: str, m: Mention, ends: list[int], starts: list[int]) -> bool:
    """The mention is an item of a list of diseases ("A, B and C"); `ends` and `starts`
    are the sorted ends and starts of the disease spans."""
    lo = m.start
    while lo > 0 and _gap_char(text[lo - 1]):
        lo -= 1
    for i in range(bisect.bisect_left(ends, lo), bisect.bisect_right(ends, m.start)):
        if _GAP_AFTER_ITEM.fullmatch(text, ends[i], m.start):
            return True
    hi = m.end
    while hi < len(text) and _gap_char(text[hi]):
        hi += 1
    for i in range(bisect.bisect_left(starts, m.end), bisect.bisect_right(starts, hi)):
        if _GAP_BEFORE_ITEM.fullmatch(text, m.end, starts[i]):
            return True
    return False


def merge_shorthand_diseases(
    groups: list[list[Mention]], text: str | None = None
) -> list[list[Mention]]:
    """A disease named once in a shorter form ("lung cancer" in a headline, "biliary cancers")
    beside the one longer disease it abbreviates and that the text keeps naming
    ("non-small cell lung cancer") is that disease, not a second one."""
    diseases = [g for g in groups if g[0].type == "Disease"]
    words = {id(g): _disease_words(_canonical("Disease", g)) for g in diseases}
    spans = {(m.start, m.end) for g in diseases for m in g}
    ends = sorted({e for _, e in spans})
    starts = sorted({s for s, _ in spans})
    merged: set[int] = set()
    for short in diseases:
        sw = words[id(short)]
        n_short = len({(m.start, m.end) for m in short})
        if n_short > 2 or not sw:
            continue
        if text is not None and any(_coordinated(text, m, ends, starts) for m in short):
            continue  # "for CAA and Alzheimer's disease": a named indication of its own
        longer = [
            g
            for g in diseases
            if g is not short
            and id(g) not in merged
            and len(words[id(g)]) > len(sw)
            and words[id(g)][-1] == sw[-1]
            and _subsequence(sw, words[id(g)])
        ]
        if len(longer) != 1 or len({(m.start, m.end) for m in longer[0]}) <= max(n_short, 1):
            continue
        _absorb(longer[0], short, _canonical("Disease", longer[0]))
        merged.add(id(short))
    return [g for g in groups if id(g) not in merged]


def _absorb(group: list[Mention], short: list[Mention], name: str) -> None:
    """Move the mentions of `short` into `group` under `name`, keeping what they said as a
    form (an alias of the entity)."""
    for m in short:
        m.forms = tuple(dict.fromkeys((*m.forms, m.name)))
        m.name = name
        m.props.pop("_lexname", None)
    group.extend(short)


#: A target's head noun written alone: a protein's lower-case name, not a symbol or a code.
_HEAD_NOUN = re.compile(r"[a-z]{5,}")


def merge_head_noun_targets(groups: list[list[Mention]]) -> list[list[Mention]]:
    """A target written by its head noun alone ("kallikrein inhibitors") beside the one target
    the text names in full with a word before that noun ("plasma kallikrein") is that
    target, not a second one: a text names the molecule once in full and then by its noun.

    Only a lower-case word of five letters or more (a protein noun such as kallikrein or
    elastase; a symbol or code like "C5" or "IL-6" names its own molecule) and only when a
    single full name ends in it ("tissue kallikrein" beside "plasma kallikrein" leaves the
    noun alone)."""
    targets = [g for g in groups if g[0].type == "Target"]
    names = {id(g): _canonical("Target", g) for g in targets}
    merged: set[int] = set()
    for short in targets:
        noun = names[id(short)]
        if not _HEAD_NOUN.fullmatch(noun):
            continue
        longer = [
            g
            for g in targets
            if g is not short
            and id(g) not in merged
            and (words := names[id(g)].split())
            and len(words) == 2
            and words[1] == noun
            and words[0].isalpha()
        ]
        if len(longer) != 1:
            continue
        _absorb(longer[0], short, names[id(longer[0])])
        merged.add(id(short))
    return [g for g in groups if id(g) not in merged]


def build_entities(groups: list[list[Mention]], families: Mapping[str, Family]) -> list[Entity]:
    """One entity per group, with its family's canonical name and id, aliases and
    properties."""
    entities = []
    for group in groups:
        etype = group[0].type
        family = families[etype]
        name = family.canonical(group)
        name = fold(name) if family.fold_name else name
        aliases = []
        for m in group:
            # A list item ("breast" of "breast, lung, and gastric cancers") is no alias.
            texts = () if m.props.get("_item_only") else (m.text,)
            for f in (m.name, *texts, *m.forms):
                f = " ".join(f.split())
                if len(f) > 1 and f != name and f not in aliases:
                    aliases.append(f)
        allowed = node_type(etype).property_names
        props: dict = {}
        for m in group:
            for k, v in m.props.items():
                if k in allowed and k not in props:
                    props[k] = v
        mentions = sorted({(m.start, m.end): m for m in group}.values(), key=lambda m: m.start)
        entities.append(Entity(family.make_id(name), etype, name, aliases, props, mentions))
    return entities
