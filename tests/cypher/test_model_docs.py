"""docs/model.md and docs/model.svg describe the ontology, and are kept in sync with it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from config.settings import PROJECT_ROOT
from graph import model_docs, ontology

DOCS = PROJECT_ROOT / "docs"


def test_committed_model_docs_are_up_to_date() -> None:
    stale = model_docs.stale_docs(DOCS)
    names = ", ".join(str(p.relative_to(PROJECT_ROOT)) for p in stale)
    assert not stale, f"{names} out of date with graph/ontology.py: run `kg docs` and commit"


def test_model_page_lists_every_label_property_and_relationship() -> None:
    page = model_docs.render_markdown()
    for node in ontology.NODE_TYPES:
        section = page.split(f"\n### {node.label}\n", 1)[1].split("\n### ", 1)[0]
        for prop in node.properties:
            assert f"| `{prop.name}`" in section, (node.label, prop.name)
            assert prop.description.replace("|", "\\|") in section
    for rel in ontology.RELATIONSHIP_TYPES:
        end = ontology.ENTITY_LABEL if rel.end == ontology.ENTITY_LABEL else rel.end
        assert f"`(:{rel.start})-[:{rel.type}]->(:{end})`" in page
        section = page.split(f"\n### {rel.type}\n", 1)[1].split("\n## ", 1)[0]
        for prop in rel.properties:
            assert f"| `{prop.name}`" in section, (rel.type, prop.name)


def test_model_page_explains_provenance_with_a_runnable_evidence_query() -> None:
    page = model_docs.render_markdown()
    assert f"`{ontology.SUPPORT_COUNT}`" in page and f"[:{ontology.SUPPORTS} {{" in page
    assert "s.sentence AS sentence" in page
    assert f"db.index.fulltext.queryNodes('{ontology.FULLTEXT_INDEX}'" in page
    assert "(model.svg)" in page


def test_picture_is_valid_svg_naming_every_label_and_relationship() -> None:
    svg = model_docs.render_svg()
    root = ET.fromstring(svg)
    texts = {"".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")}
    for node in ontology.NODE_TYPES:
        assert node.label in texts
    captions = " ".join(texts)
    for rel in ontology.RELATIONSHIP_TYPES:
        assert rel.type in captions
    assert model_docs.render_svg() == svg, "the picture must be deterministic"


def test_stale_docs_reports_an_edited_file(tmp_path) -> None:
    model_docs.write_docs(tmp_path)
    assert model_docs.stale_docs(tmp_path) == []
    (tmp_path / model_docs.MODEL_MD).write_text("# hand edit\n", encoding="utf-8")
    assert model_docs.stale_docs(tmp_path) == [tmp_path / model_docs.MODEL_MD]
