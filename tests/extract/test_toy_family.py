"""Adding an entity type is one ontology entry, one family module and one line in the stage
list: a toy family of devices (tests/extract/toy_family.py) is found, resolved, checked by
the extraction model and written to a real Neo4j, with no edit anywhere else."""

from __future__ import annotations

import neo4j
import pytest

from graph import ontology
from graph.extraction_model import ExtractionError, parse_extraction
from graph.schema import ensure_schema
from graph.writer import write_extraction
from loaders.extract.pipeline import STAGES, extract_document
from loaders.extract.stages import Stage

from .toy_family import DEVICE_TYPE, DEVICES

TEXT = (
    "Orvane Pharma said its drug ORV-12, an anti-CD20 antibody, will be given with an "
    "autoinjector in patients with lupus nephritis. Two auto-injectors and an infusion pump "
    "were compared; the infusion pumps were preferred by nurses.\n"
)

#: The stage list with the family's one line, before resolution.
WITH_DEVICES = [
    *STAGES[: [s.name for s in STAGES].index("resolve")],
    Stage.finding(DEVICES),
    *STAGES[[s.name for s in STAGES].index("resolve") :],
]


@pytest.fixture
def devices_in_the_model():
    with ontology.extended(node_types=(DEVICE_TYPE,)):
        yield
    assert "Device" not in ontology.ENTITY_LABELS  # the model is as it was


def _of(result: dict, label: str) -> dict[str, dict]:
    return {e["id"]: e for e in result["entities"] if e["type"] == label}


def test_the_extractor_finds_and_resolves_the_new_family(devices_in_the_model):
    result = extract_document(TEXT, "toy.txt", stages=WITH_DEVICES)
    devices = _of(result, "Device")
    assert set(devices) == {"device:autoinjector", "device:infusionpump"}
    # The family's own key: singular, plural and hyphenated forms are one device.
    assert len(devices["device:autoinjector"]["mentions"]) == 2
    assert len(devices["device:infusionpump"]["mentions"]) == 2
    assert "auto-injectors" in devices["device:autoinjector"]["aliases"]
    # The other families read the text as they do without devices.
    without = extract_document(TEXT, "toy.txt")
    assert [e for e in result["entities"] if e["type"] != "Device"] == without["entities"]
    assert result["relations"] == without["relations"]


def test_the_extraction_model_follows_the_ontology(devices_in_the_model):
    result = extract_document(TEXT, "toy.txt", stages=WITH_DEVICES)
    model = parse_extraction(result, from_extractor=True)
    assert {e.name for e in model.entities if e.type == "Device"} == {
        "autoinjector",
        "infusion pump",
    }


def test_without_its_ontology_entry_the_new_type_is_refused():
    with ontology.extended(node_types=(DEVICE_TYPE,)):
        result = extract_document(TEXT, "toy.txt", stages=WITH_DEVICES)
    with pytest.raises(ExtractionError, match="unknown label 'Device'"):
        parse_extraction(result)


def test_the_writer_writes_the_new_family(driver: neo4j.Driver, devices_in_the_model):
    ensure_schema(driver, "neo4j")
    result = extract_document(TEXT, "toy.txt", stages=WITH_DEVICES)
    assert write_extraction(driver, "neo4j", result).status == "loaded"
    rows = driver.execute_query(
        "MATCH (:Document {source: 'toy.txt'})-[m:MENTIONS]->(d:Device:Entity) "
        "RETURN d.id AS id, d.name AS name, m.count AS count ORDER BY id"
    ).records
    assert [(r["id"], r["name"], r["count"]) for r in rows] == [
        ("device:autoinjector", "autoinjector", 2),
        ("device:infusionpump", "infusion pump", 2),
    ]
    unique = driver.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes WHERE labelsOrTypes = ['Device'] RETURN count(*)"
    ).records[0][0]
    assert unique == 1  # the schema comes from the ontology too
    drugs = driver.execute_query("MATCH (d:Drug) RETURN d.id AS id").records
    assert [r["id"] for r in drugs] == ["drug:orv12"]
