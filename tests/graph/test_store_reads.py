"""Lookups by name or alias are index seeks, and find what the names say (any case, spacing)."""

from __future__ import annotations

from typing import Any

import neo4j
import pytest
from graph_factories import ZENTRA, ZX101, doc_a, doc_b

from graph.reads import GraphReader
from graph.schema import ensure_schema
from graph.writer import write_extraction

DB = "neo4j"


@pytest.fixture
def graph(driver: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(driver, DB)
    write_extraction(driver, DB, doc_a())
    write_extraction(driver, DB, doc_b())
    return driver


class PlanReader(GraphReader):
    """A reader that EXPLAINs each query instead of running it, keeping the plans."""

    def __init__(self, driver: neo4j.Driver) -> None:
        super().__init__(driver, DB, 10.0)
        self.plans: list[dict[str, Any]] = []

    def _read(self, cypher: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        _, summary, _ = self.driver.execute_query("EXPLAIN " + cypher, parameters, database_=DB)
        self.plans.append(summary.plan)
        return []


def operators(plan: dict[str, Any]) -> list[str]:
    found = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        found += operators(child)
    return found


def test_lookup_by_name_or_alias_finds_the_node_in_any_case(graph):
    reader = GraphReader(graph, DB, 10.0)
    for name in ("ZX-101", "zx101", "  Zx101 "):
        found = reader.node_by_name("Drug", name)
        assert found is not None and found["props"]["id"] == ZX101["id"], name
    assert reader.node_by_name("Drug", "Zentra Biologics") is None  # a company, not a drug
    path = reader.shortest_path("zentra biologics, inc.", "LN", 3)
    assert path is not None
    assert [n["props"]["id"] for n in path["nodes"]][0] == ZENTRA["id"]


def test_name_lookups_are_index_seeks_not_label_scans(graph):
    reader = PlanReader(graph)
    reader.node_by_name("Drug", "zx101")
    reader.shortest_path("zentra biologics", "lupus nephritis", 3)
    for plan in reader.plans:
        ops = operators(plan)
        assert not {"NodeByLabelScan", "AllNodesScan"} & set(ops), ops
        assert any(op in ("NodeUniqueIndexSeek", "NodeIndexSeek") for op in ops), ops
