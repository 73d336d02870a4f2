"""The scale benchmark's corpus generator: reproducible, skewed like news, extractable.

The benchmark's numbers are only comparable between runs if the same seed gives the same
documents, and only meaningful if entities recur the way the generator claims and the extractor
actually finds them in the text.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from loaders.extract import extract_text
from loaders.extract.drugs import _one_edit as one_edit  # the misspelling rule's own test

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "gen_corpus.py"


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("gen_corpus", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("gen_corpus", None)


def test_same_seed_same_documents_and_a_block_does_not_depend_on_where_it_starts(gen):
    first = list(gen.documents(seed=7, start=0, count=40))
    assert first == list(gen.documents(seed=7, start=0, count=40))
    assert list(gen.documents(seed=7, start=25, count=15)) == first[25:]
    other_seed = list(gen.documents(seed=8, start=0, count=40))
    assert sum(a != b for a, b in zip(first, other_seed, strict=True)) >= 35
    texts = [text for _, text in first]
    assert len(set(texts)) == len(texts)  # distinct texts, so distinct document ids


def test_a_few_entities_appear_in_a_large_share_of_documents_most_in_few(gen):
    documents = 3000
    seen: dict[str, Counter[str]] = {}
    for index in range(documents):
        for entity_type, names in gen.plan_document(1, index).planned_ids.items():
            seen.setdefault(entity_type, Counter()).update(names)
    for entity_type in ("Company", "Site", "Investigator", "Target", "Disease"):
        counts = seen[entity_type]
        top_share = counts.most_common(1)[0][1] / documents
        assert top_share >= 0.10, (entity_type, top_share)
    # ...and a long tail: hundreds of companies and investigators, most of them rare.
    for entity_type in ("Company", "Investigator"):
        counts = seen[entity_type]
        assert len(counts) >= 300, (entity_type, len(counts))
        assert sum(1 for c in counts.values() if c <= 2) >= len(counts) / 2


def test_the_extractor_finds_the_planned_entities_and_the_date(gen):
    for index in range(0, 400, 20):
        plan = gen.plan_document(3, index)
        extraction = extract_text(gen.render(plan), plan.source)
        assert extraction["document"]["publishedAt"] == plan.published.isoformat()
        for entity_type, planned in plan.planned_ids.items():
            found = {
                form.lower()
                for entity in extraction["entities"]
                if entity["type"] == entity_type
                for form in (entity["name"], *entity["aliases"])
            }
            assert {name.lower() for name in planned} <= found, (index, entity_type)
        facts = {(r["type"], r["from"]["name"], r["to"]["name"]) for r in extraction["relations"]}
        assert ("DEVELOPS", plan.company, plan.drug.inn) in facts
        assert ("LEADS", plan.lead[0], plan.trial) in facts


def test_jsonl_output_is_what_kg_extract_prints_one_line_per_document(gen):
    out = io.StringIO()
    assert gen.write_extractions(seed=2, start=10, count=3, out=out) == 3
    lines = out.getvalue().splitlines()
    expected = [extract_text(text, source) for source, text in gen.documents(2, 10, 3)]
    assert [json.loads(line) for line in lines] == expected


def test_no_two_drugs_of_the_pool_are_one_letter_apart(gen):
    # Real INNs differ by more than a letter, and the extractor reads two names one letter
    # apart in one text as one drug misspelled: a pool with such pairs merges a company's
    # two drugs in the graph, and the benchmark then times merges no real corpus asks for.
    names = sorted(
        {
            gen.drug(1, company, slot).inn
            for company in range(gen.COMPANIES)
            for slot in range(gen.DRUGS_PER_COMPANY)
        }
    )
    assert len(names) == gen.COMPANIES * gen.DRUGS_PER_COMPANY
    by_deletion: dict[str, set[str]] = {}
    for name in names:
        for variant in {name, *(name[:i] + name[i + 1 :] for i in range(len(name)))}:
            by_deletion.setdefault(variant, set()).add(name)
    close = {
        (a, b)
        for group in by_deletion.values()
        for a in group
        for b in group
        if a < b and one_edit(a, b)
    }
    assert not close, sorted(close)[:5]


def test_a_company_s_second_drug_is_an_entity_of_its_own(gen):
    for index in range(120):
        plan = gen.plan_document(1, index)
        extraction = extract_text(gen.render(plan), plan.source)
        drugs = {
            entity["name"].lower(): {alias.lower() for alias in entity["aliases"]}
            for entity in extraction["entities"]
            if entity["type"] == "Drug"
        }
        for inn in (plan.drug.inn, plan.second_drug.inn):
            assert inn in drugs, (index, inn, drugs)
        assert plan.second_drug.inn not in drugs[plan.drug.inn], index
