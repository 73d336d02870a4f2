"""A seeded generator of synthetic drug-development news, skewed the way real news is.

Why: the scale benchmark (benchmarks/bench_scale.py, docs/scale.md) needs hundreds of thousands
of documents whose entities recur like a real feed's: a few companies, targets, diseases, sites
and investigators appear in a large share of items, most appear rarely. Every entity is drawn
from a Zipf-like distribution (weight of rank r is 1 / r**s) over a pool of made-up names, and
facts stay consistent across documents (a drug always has the same developer, target and
indication), so popular facts gather support from many documents, as the store must handle.

The text is written from varied sentence templates that the project's extractor understands
(checked with `kg extract`; the test asserts the planned entities come out), with a dateline,
news-length paragraphs and filler sentences that name nothing. Document `i` of seed `s` is the
same text on every run and machine: it is a pure function of (s, i), so blocks can be generated
independently and memory stays flat.

Run:
  .venv/bin/python benchmarks/gen_corpus.py --documents 1000 --texts /tmp/corpus
  .venv/bin/python benchmarks/gen_corpus.py --documents 1000 --jsonl /tmp/corpus.jsonl
The second form writes, line by line, exactly what `kg extract` prints for those texts
(the project's extractor runs in-process, in --workers processes).
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]

#: Zipf exponent of every draw: 1.1 puts about a fifth of all picks on the top few names.
ZIPF_S = 1.1
FIRST_DATE = date(2022, 1, 3)
DOCUMENTS_PER_DAY = 100  # 100k documents span a little under three years

# ----------------------------------------------------------------------------- name pools
_ONSETS = (
    "Al", "Bel", "Cor", "Dal", "El", "Fen", "Gal", "Hal", "Is", "Jor", "Kel", "Lun", "Mar",
    "Nor", "Or", "Pel", "Quil", "Ros", "Sel", "Tor", "Ul", "Val", "Wen", "Xan", "Yel", "Zan",
)  # fmt: skip
_MIDDLES = ("a", "e", "i", "o", "u", "ar", "en", "ir", "on", "um", "al", "ev")
_CODAS = (
    "dra", "mira", "vex", "tria", "nova", "gen", "quor", "thys", "lumen", "dyne", "cera",
    "vant", "lis", "ro", "zen", "tis",
)  # fmt: skip
_COMPANY_SUFFIXES = (
    "Therapeutics", "Pharma", "Biosciences", "Biotherapeutics", "Pharmaceuticals", "Bio",
)  # fmt: skip
_LEGAL = ("Inc.", "Ltd.", "AG", "Co., Ltd.", "S.A.", "plc")
_INN_STARTS = (
    "ta", "ve", "so", "ri", "ni", "lo", "ma", "pe", "du", "ze", "ka", "fo", "gi", "bre",
    "cla", "dro", "fra", "gro", "pra", "tre", "vo", "xa", "yo", "zu",
)  # fmt: skip
_INN_MIDS = ("ro", "li", "ta", "ne", "vo", "sa", "mi", "du", "ga", "pe", "ri", "fo", "ze")
_INN_EXTRA = ("", "xi", "ba", "cu")
#: A check syllable after the start, chosen by a weighted sum of the other parts modulo 29
#: (a prime above every part's size): two drugs whose parts differ in one place differ in the
#: check syllable too. Real INNs are chosen to differ in more than one letter, and the extractor
#: reads two names one letter apart in one text as one drug misspelled (drugs.misspelled_inn).
_INN_CHECKS = (
    "ba", "be", "bi", "bo", "da", "de", "di", "do", "fa", "fe", "fi", "ka", "ke", "ki", "ko",
    "la", "le", "lo", "na", "ni", "no", "pa", "pi", "po", "sa", "si", "so", "va", "vi",
)  # fmt: skip
#: Drug classes: INN stem, how the text names the mechanism, targets the class draws from.
_ANTIBODY = ("lumab", "antibody")
_INHIBITOR = ("tinib", "inhibitor")
_FUSION = ("cept", "fusion")
ANTIBODY_TARGETS = (
    "IL-23", "IL-17A", "CD20", "CD19", "PD-1", "PD-L1", "HER2", "TSLP", "FcRn", "IL-4R",
    "TNF", "IL-6", "CD38", "BCMA", "CGRP", "IL-13", "IL-31", "CD40", "TROP2", "VEGF-A",
)  # fmt: skip
INHIBITOR_TARGETS = (
    "JAK1", "BTK", "KRAS", "EGFR", "TYK2", "ALK", "MET", "FGFR4", "CDK4", "PI3K",
    "BRAF", "MEK1", "SYK", "IRAK4", "RIPK1", "ROS1", "RET", "FLT3", "IDH1", "PARP1",
)  # fmt: skip
FUSION_TARGETS = ("IL-1", "BAFF", "APRIL", "IL-17A", "VEGF-A", "TGF-beta")
DISEASES = (
    "plaque psoriasis", "rheumatoid arthritis", "ulcerative colitis", "atopic dermatitis",
    "non-small cell lung cancer", "systemic lupus erythematosus", "multiple myeloma",
    "Crohn's disease", "hepatocellular carcinoma", "multiple sclerosis", "breast cancer",
    "myasthenia gravis", "asthma", "psoriatic arthritis", "idiopathic pulmonary fibrosis",
    "diffuse large B-cell lymphoma", "chronic lymphocytic leukemia", "migraine",
    "ankylosing spondylitis", "hidradenitis suppurativa", "melanoma", "glioblastoma",
    "prostate cancer", "ovarian cancer", "pancreatic cancer", "gastric cancer",
    "colorectal cancer", "acute myeloid leukemia", "lupus nephritis", "chronic kidney disease",
    "heart failure", "Alzheimer's disease", "Parkinson's disease", "sickle cell disease",
    "cystic fibrosis", "Duchenne muscular dystrophy", "amyotrophic lateral sclerosis",
    "alopecia areata", "bullous pemphigoid", "eosinophilic esophagitis",
)  # fmt: skip
_PLACE_STARTS = (
    "North", "East", "West", "South", "Lake", "River", "Oak", "Elm", "Ash", "Stone", "Red",
    "Green", "Fair", "Glen", "Mill", "Brook", "Hill", "Wood", "Bridge", "Ridge", "Clear",
    "Silver", "Maple", "Cedar",
)  # fmt: skip
_PLACE_ENDS = ("ford", "wick", "ham", "ton", "field", "dale", "bury", "mont", "haven", "port")
_SITE_HEADS = (
    "University Hospital", "Medical Center", "Cancer Institute", "General Hospital",
    "Heart Institute", "Children's Hospital",
)  # fmt: skip
_FIRST_NAMES = (
    "Maren", "Tobias", "Ingrid", "Helena", "Rafael", "Amira", "Jonas", "Priya", "Lukas",
    "Sofia", "Daniel", "Yuki", "Elena", "Marcus", "Leila", "Henrik", "Clara", "Mateo",
    "Nadia", "Oliver", "Astrid", "Samuel", "Irene", "Viktor", "Hannah", "Adrian", "Miriam",
    "Felix", "Teresa", "Gabriel", "Alma", "Simon", "Beatrice", "Julian", "Ines", "Stefan",
)  # fmt: skip
_LAST_NAMES = (
    "Kowalczyk", "Lindqvist", "Solberg", "Marsh", "Okafor", "Brennan", "Haddad", "Moreau",
    "Castellano", "Nakamura", "Petrov", "Albrecht", "Varga", "Oduya", "Lindgren", "Sandoval",
    "Novak", "Fischer", "Tanaka", "Whitfield", "Costa", "Ferreira", "Halvorsen", "Bergstrom",
    "Romano", "Dubois", "Kessler", "Navarro", "Lehmann", "Rasmussen", "Ivanova", "Mendes",
    "Achterberg", "Vasquez", "Holloway", "Engstrom", "Marchetti", "Ostrowski", "Delacroix",
    "Pellegrini", "Rutherford", "Szabo", "Kaminski", "Thorsen", "Valdez", "Weston",
)  # fmt: skip

#: Pool sizes: many names exist, few are popular (the Zipf draw decides how often each appears).
COMPANIES = 2000
DRUGS_PER_COMPANY = 6
SITES = len(_PLACE_STARTS) * len(_PLACE_ENDS) * len(_SITE_HEADS)  # 1,440
INVESTIGATORS = len(_FIRST_NAMES) * len(_LAST_NAMES)  # 1,656


def company_name(rank: int) -> str:
    """Company of popularity `rank` (0 = most popular); distinct for every rank < COMPANIES."""
    onset, middle, coda, suffix = (
        rank % 26,
        (rank // 26) % 12,
        (rank // 312) % 16,
        (rank * 7 + rank // 26) % 6,
    )
    return f"{_ONSETS[onset]}{_MIDDLES[middle]}{_CODAS[coda]} {_COMPANY_SUFFIXES[suffix]}"


@dataclass(frozen=True)
class Drug:
    """A drug of the pool: its INN, code name, class, target and lead indication never change."""

    inn: str
    code: str
    kind: str  # "antibody" | "inhibitor" | "fusion"
    target: str
    disease: str
    company: str


@cache
def _weights(size: int) -> list[float]:
    return list(accumulate(1.0 / (rank + 1) ** ZIPF_S for rank in range(size)))


def zipf_rank(rng: random.Random, size: int) -> int:
    """A rank in [0, size) with probability proportional to 1 / (rank + 1) ** ZIPF_S."""
    cumulative = _weights(size)
    return bisect.bisect_right(cumulative, rng.random() * cumulative[-1])


def _stable_rng(*key: object) -> random.Random:
    """A generator seeded by `key` alone: the same on every run and Python version."""
    digest = hashlib.sha256(repr(key).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


@cache
def drug(seed: int, company_rank: int, slot: int) -> Drug:
    """Drug `slot` of a company's pipeline; its facts are fixed by (seed, company, slot)."""
    rng = _stable_rng(seed, "drug", company_rank, slot)
    number = company_rank * DRUGS_PER_COMPANY + slot
    kind = rng.choices(("antibody", "inhibitor", "fusion"), weights=(5, 4, 1))[0]
    stem = {"antibody": _ANTIBODY, "inhibitor": _INHIBITOR, "fusion": _FUSION}[kind][0]
    # The number in mixed radix (24 x 13 x 13 x 4 > COMPANIES x DRUGS_PER_COMPANY) spells
    # a distinct INN for every drug of the pool; the check syllable keeps any two of them
    # more than one letter apart (a company's drugs have consecutive numbers).
    starts, mids = len(_INN_STARTS), len(_INN_MIDS)
    parts = (
        number % starts,
        (number // starts) % mids,
        (number // (starts * mids) + 5) % mids,
        (number // (starts * mids * mids)) % len(_INN_EXTRA),
    )
    check = sum(weight * part for weight, part in zip((1, 3, 7, 11), parts, strict=True))
    inn = (
        _INN_STARTS[parts[0]]
        + _INN_CHECKS[check % len(_INN_CHECKS)]
        + _INN_MIDS[parts[1]]
        + _INN_MIDS[parts[2]]
        + _INN_EXTRA[parts[3]]
        + stem
    )
    pool = {"antibody": ANTIBODY_TARGETS, "inhibitor": INHIBITOR_TARGETS}.get(kind, FUSION_TARGETS)
    company = company_name(company_rank)
    prefix = "".join(word[0] for word in company.split()).upper() + company[1].upper()
    return Drug(
        inn=inn,
        code=f"{prefix}-{100 + number}",
        kind=kind,
        target=pool[zipf_rank(rng, len(pool))],
        disease=DISEASES[zipf_rank(rng, len(DISEASES))],
        company=company,
    )


def site_name(rank: int) -> str:
    place = _PLACE_STARTS[rank % 24] + _PLACE_ENDS[(rank // 24) % 10]
    return f"{place} {_SITE_HEADS[(rank // 240) % 6]}"


def investigator(rank: int) -> tuple[str, str]:
    """(name, home site) of investigator `rank`; the home site is popular too, but not only."""
    first = _FIRST_NAMES[rank % len(_FIRST_NAMES)]
    last = _LAST_NAMES[(rank // len(_FIRST_NAMES) + rank) % len(_LAST_NAMES)]
    home = zipf_rank(_stable_rng("home", rank), SITES)
    return f"{first} {last}", site_name(home)


# ----------------------------------------------------------------------------- a document
@dataclass(frozen=True)
class DocumentPlan:
    """What document `index` is about, before it is written out as text."""

    index: int
    published: date
    company: str
    drug: Drug
    phase: int
    trial: str  # acronym
    registry_id: str
    enrollment: int
    site_count: int
    lead: tuple[str, str]  # (investigator, site)
    other: tuple[str, str]  # a second investigator at another site
    second_drug: Drug  # another pipeline drug of the company
    variant: int  # which template of each slot the text uses

    @property
    def source(self) -> str:
        return f"synthetic/{self.index // 1000:04d}/{self.index:07d}.txt"

    @property
    def planned_ids(self) -> dict[str, set[str]]:
        """Entity names the extractor must find, by type (what the test checks)."""
        return {
            "Company": {self.company},
            "Drug": {self.drug.inn, self.second_drug.inn},
            "Target": {self.drug.target, self.second_drug.target},
            "Disease": {self.drug.disease, self.second_drug.disease},
            "Site": {self.lead[1], self.other[1]},
            "Investigator": {self.lead[0], self.other[0]},
        }


def plan_document(seed: int, index: int) -> DocumentPlan:
    """Draw document `index`: company, drug, trial, people; a pure function of (seed, index)."""
    rng = _stable_rng(seed, "document", index)
    company_rank = zipf_rank(rng, COMPANIES)
    main = drug(seed, company_rank, zipf_rank(rng, DRUGS_PER_COMPANY))
    second = drug(seed, company_rank, zipf_rank(rng, DRUGS_PER_COMPANY))
    if second.inn == main.inn:
        second = drug(seed, company_rank, (DRUGS_PER_COMPANY - 1) - zipf_rank(rng, 2))
    if second.inn == main.inn:
        second = drug(seed, company_rank, (DRUGS_PER_COMPANY - 3))
    phase = rng.choices((1, 2, 3), weights=(3, 4, 3))[0]
    trial_rng = _stable_rng(seed, "trial", main.inn, phase)
    acronym = f"{main.inn[:4].upper()}{trial_rng.choice(('ARC', 'LUX', 'NOVA', 'PATH'))}-{phase}"
    lead_rank = zipf_rank(rng, INVESTIGATORS)
    other_rank = zipf_rank(rng, INVESTIGATORS)
    if other_rank == lead_rank:
        other_rank = (lead_rank + 1 + rng.randrange(INVESTIGATORS - 1)) % INVESTIGATORS
    lead, other = investigator(lead_rank), investigator(other_rank)
    if other[1] == lead[1]:  # two different sites, so both appear in the text
        other = (other[0], site_name((SITES - 1) - zipf_rank(rng, 50)))
    return DocumentPlan(
        index=index,
        published=FIRST_DATE + timedelta(days=index // DOCUMENTS_PER_DAY),
        company=main.company,
        drug=main,
        phase=phase,
        trial=acronym,
        registry_id=f"NCT0{trial_rng.randrange(5_000_000, 7_000_000):07d}",
        enrollment=rng.randrange(24, 900),
        site_count=rng.randrange(3, 120),
        lead=lead,
        other=other,
        second_drug=second,
        variant=rng.randrange(1 << 30),
    )


_HEADLINES = (
    "{company} Reports Phase {phase} Data for {Inn} in {Disease}",
    "{company} Announces Topline Results from Phase {phase} {trial} Study of {Inn}",
    "{company} Doses First Patient in Phase {phase} Trial of {Inn} for {Disease}",
    "{company} Presents New {Inn} Data at Medical Meeting",
)
_LEADS = (
    "{city}, {dateline} -- {company}, {legal} today announced results from {trial} "
    "({registry}), a randomized Phase {phase} trial of {inn} ({code}), {mechanism}, "
    "in adults with {disease}.",
    "{city}, {dateline} -- {company}, {legal} today reported that {trial} ({registry}), "
    "a Phase {phase} study of {inn} ({code}), {mechanism}, in patients with {disease}, "
    "met its primary endpoint.",
    "{city}, {dateline} -- {company}, {legal} today announced that the first patient has "
    "been dosed in {trial} ({registry}), a Phase {phase} trial of {inn} ({code}), "
    "{mechanism}, in patients with {disease}.",
)
_SITES = (
    "The study enrolled {enrollment} patients at {site_count} sites and was led by "
    "Dr. {lead} of {lead_site}.",
    "The trial is conducted at {lead_site} and is led by {lead}, MD, of {lead_site}. "
    "It will enroll {enrollment} patients at {site_count} centers.",
    "{enrollment} patients took part at {site_count} sites. The principal investigator is "
    "Professor {lead} of {lead_site}.",
)
_QUOTES = (
    '"These results support moving {inn} into the next phase of development," said {lead}, '
    "principal investigator of {trial}.",
    '"Patients with {disease} still need better options, and {inn} may offer one," said '
    "{lead}, MD, lead investigator of {trial}.",
    '"We are encouraged by what we have seen so far," said Dr. {lead}.',
)
_OTHER_SITES = (
    "Additional centers included {other_site}, where Professor {other} led enrollment.",
    "Dr. {other} of {other_site} also enrolled patients in the study.",
)
_PIPELINES = (
    "{company} is also developing {inn2}, {mechanism2}, for {disease2}.",
    "The company's pipeline also includes {inn2}, {mechanism2}, in development for {disease2}.",
)
_FILLERS = (
    "Patients were randomized to one of two doses or placebo for 24 weeks.",
    "The safety profile was consistent with earlier studies, and no new signals were seen.",
    "Treatment-related adverse events were mostly mild or moderate.",
    "Full results will be presented at an upcoming scientific congress.",
    "The company expects to report further data in the second half of the year.",
    "Secondary endpoints included quality of life and time to relapse.",
    "Enrollment was completed ahead of schedule.",
    "Discontinuations due to adverse events were rare in all groups.",
    "The data will be discussed with regulators before the next study begins.",
    "An open-label extension will follow patients for up to two years.",
    "Dose selection for later studies will draw on these data.",
    "Pharmacokinetic results supported dosing once every four weeks.",
    "Response rates were higher at the top dose than at the lower one.",
    "The study met all key secondary endpoints at week 52.",
    "Most patients chose to continue treatment after the main study ended.",
    "Investigators also collected biomarker samples at every visit.",
    "A subgroup analysis by age and region showed consistent effects.",
    "Injection-site reactions were the most common side effect.",
)
_CITIES = ("BOSTON", "CAMBRIDGE, Mass.", "SAN DIEGO", "BASEL, Switzerland", "LONDON", "OSLO")
_ABOUT = (
    "About {company}\n{company}, {legal} is a clinical-stage biotechnology company focused on "
    "immune-mediated and oncologic diseases."
)


def _mechanism(d: Drug) -> str:
    if d.kind == "antibody":
        return f"an anti-{d.target} monoclonal antibody"
    if d.kind == "inhibitor":
        return f"an oral {d.target} inhibitor"
    return f"a {d.target} antagonist fusion protein"


def _title(phrase: str) -> str:
    return " ".join(w if w[:1].isupper() else w.capitalize() for w in phrase.split())


def render(plan: DocumentPlan) -> str:
    """The news text of `plan`: headline, dateline lead, trial, quote, pipeline, boilerplate."""
    rng = random.Random(plan.variant)
    day = plan.published
    dateline = f"{day:%B} {day.day}, {day.year}" if rng.random() < 0.7 else f"{day.day} {day:%B %Y}"
    values = {
        "company": plan.company,
        "legal": rng.choice(_LEGAL),
        "inn": plan.drug.inn,
        "Inn": plan.drug.inn.capitalize(),
        "code": plan.drug.code,
        "mechanism": _mechanism(plan.drug),
        "disease": plan.drug.disease,
        "Disease": _title(plan.drug.disease),
        "phase": plan.phase,
        "trial": plan.trial,
        "registry": plan.registry_id,
        "enrollment": plan.enrollment,
        "site_count": plan.site_count,
        "lead": plan.lead[0],
        "lead_site": plan.lead[1],
        "other": plan.other[0],
        "other_site": plan.other[1],
        "inn2": plan.second_drug.inn,
        "mechanism2": _mechanism(plan.second_drug),
        "disease2": plan.second_drug.disease,
        "city": rng.choice(_CITIES),
        "dateline": dateline,
    }
    fillers = rng.sample(_FILLERS, rng.randrange(5, 11))
    paragraphs = [
        rng.choice(_HEADLINES),
        rng.choice(_LEADS),
        " ".join([rng.choice(_SITES), *fillers[:2]]),
        rng.choice(_QUOTES),
        " ".join([rng.choice(_OTHER_SITES), *fillers[2:5]]),
        " ".join(fillers[5:]),
        rng.choice(_PIPELINES),
        _ABOUT,
    ]
    text = "\n\n".join(p.format(**values) for p in paragraphs if p)
    # A release number makes every text (and so every document id) distinct.
    return f"{text}\n\nRelease number {plan.index:07d}.\n"


# ----------------------------------------------------------------------------- output
def documents(seed: int, start: int, count: int) -> Iterator[tuple[str, str]]:
    """(source, text) of documents start .. start+count-1, one at a time."""
    for index in range(start, start + count):
        plan = plan_document(seed, index)
        yield plan.source, render(plan)


def _extract_line(item: tuple[str, str]) -> str:
    from loaders.extract import extract_text

    source, text = item
    return json.dumps(extract_text(text, source), ensure_ascii=False)


def write_extractions(seed: int, start: int, count: int, out: IO[str], workers: int = 1) -> int:
    """Write `kg extract` lines of documents start.. to `out`, streamed; returns lines written."""
    if str(ROOT) not in sys.path:  # run as a script: the project's packages are beside us
        sys.path.insert(0, str(ROOT))
    items = documents(seed, start, count)
    written = 0
    if workers <= 1:
        lines: Iterator[str] = map(_extract_line, items)
        for line in lines:
            out.write(line + "\n")
            written += 1
        return written
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for line in pool.imap(_extract_line, items, chunksize=32):
            out.write(line + "\n")
            written += 1
    return written


def write_texts(seed: int, start: int, count: int, folder: Path) -> int:
    """Write documents start.. as text files under `folder` (1,000 per subfolder)."""
    written = 0
    for source, text in documents(seed, start, count):
        path = folder / source.removeprefix("synthetic/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--start", type=int, default=0, help="index of the first document")
    parser.add_argument("--seed", type=int, default=1)
    output = parser.add_mutually_exclusive_group(required=True)
    output.add_argument("--texts", type=Path, help="folder for text files")
    output.add_argument("--jsonl", help="file for `kg extract` lines ('-' = stdout)")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (--jsonl)")
    args = parser.parse_args(argv)
    if args.texts is not None:
        write_texts(args.seed, args.start, args.documents, args.texts)
    elif args.jsonl == "-":
        write_extractions(args.seed, args.start, args.documents, sys.stdout, args.workers)
    else:
        with open(args.jsonl, "w", encoding="utf-8") as out:
            write_extractions(args.seed, args.start, args.documents, out, args.workers)


if __name__ == "__main__":
    main()
