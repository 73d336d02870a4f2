"""kg.cypher_runner against the real Neo4j: read-only by default, values made plain."""

from __future__ import annotations

import csv
import io
import json

import neo4j
import pytest

from graph.local_server import free_port
from kg.cypher_runner import (
    CypherResult,
    CypherRunError,
    parse_params,
    run_cypher,
    summary_line,
    to_csv,
    to_json_lines,
)


def _count(driver: neo4j.Driver) -> int:
    return driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]


def test_read_returns_columns_and_plain_values(driver: neo4j.Driver) -> None:
    driver.execute_query(
        "CREATE (:Drug:Entity {id: 'drug:x1', name: 'XB-101', aliases: ['XB101']})"
        "-[:TARGETS {docIds: ['d1'], evidence: ['XB-101 blocks CD99.'], action: 'antagonist'}]"
        "->(:Target:Entity {id: 'target:cd99', name: 'CD99'})"
    )
    result = run_cypher(
        driver,
        "MATCH (d:Drug)-[r:TARGETS]->(t) RETURN d, r, t.name AS target, date('2025-07-02') AS day",
    )
    assert result.columns == ["d", "r", "target", "day"]
    [[drug, rel, target, day]] = result.rows
    assert drug["labels"] == ["Drug", "Entity"]
    assert drug["properties"] == {"id": "drug:x1", "name": "XB-101", "aliases": ["XB101"]}
    assert rel["type"] == "TARGETS" and rel["properties"]["action"] == "antagonist"
    assert target == "CD99"
    assert day == "2025-07-02"


def test_paths_become_nodes_and_relationships(driver: neo4j.Driver) -> None:
    driver.execute_query("CREATE (:Site {name: 'A'})-[:PART_OF]->(:Site {name: 'B'})")
    result = run_cypher(driver, "MATCH p = (:Site)-[:PART_OF]->(:Site) RETURN p")
    [[path]] = result.rows
    assert [n["properties"]["name"] for n in path["nodes"]] == ["A", "B"]
    assert [r["type"] for r in path["relationships"]] == ["PART_OF"]


def test_write_is_refused_by_default_and_nothing_is_written(driver: neo4j.Driver) -> None:
    with pytest.raises(CypherRunError) as caught:
        run_cypher(driver, "CREATE (:Company {id: 'company:acme', name: 'Acme'})")
    assert "--write" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert _count(driver) == 0


def test_write_is_accepted_when_asked_and_reports_changes(driver: neo4j.Driver) -> None:
    result = run_cypher(
        driver, "CREATE (c:Company {id: 'company:acme', name: $name})", {"name": "Acme"}, write=True
    )
    assert result.changes == {"nodes_created": 1, "properties_set": 2, "labels_added": 1}
    assert summary_line(result) == "0 rows; nodes_created=1, properties_set=2, labels_added=1"
    names = driver.execute_query("MATCH (c:Company) RETURN c.name AS n").records
    assert [r["n"] for r in names] == ["Acme"]


def test_parameters_are_json_when_they_parse_else_strings(driver: neo4j.Driver) -> None:
    params = parse_params(
        ["limit=5", 'ids=["a", "b"]', "company=Bio-Thera Solutions", "flag=true", "eq=a=b"]
    )
    assert params == {
        "limit": 5,
        "ids": ["a", "b"],
        "company": "Bio-Thera Solutions",
        "flag": True,
        "eq": "a=b",
    }
    result = run_cypher(driver, "RETURN $limit + 1 AS n, size($ids) AS k, $company AS c", params)
    assert result.rows == [[6, 2, "Bio-Thera Solutions"]]


def test_a_parameter_without_equals_sign_is_rejected() -> None:
    with pytest.raises(CypherRunError, match="not name=value"):
        parse_params(["company"])


def test_missing_parameter_names_it_and_suggests_p(driver: neo4j.Driver) -> None:
    with pytest.raises(CypherRunError) as caught:
        run_cypher(driver, "RETURN $company AS c")
    assert "company" in str(caught.value) and "-p name=value" in str(caught.value)


def test_syntax_error_is_one_line(driver: neo4j.Driver) -> None:
    with pytest.raises(CypherRunError) as caught:
        run_cypher(driver, "MATCH (n RETURN n")
    message = str(caught.value)
    assert message.startswith("Cypher syntax error: ")
    assert "\n" not in message


def test_unreachable_server_is_one_line() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", "x"), connection_timeout=2) as drv:
        with pytest.raises(CypherRunError) as caught:
            run_cypher(drv, "RETURN 1", server=uri)
    assert str(caught.value).startswith(f"cannot reach Neo4j at {uri}")
    assert "\n" not in str(caught.value)


def test_json_lines_and_csv_formats() -> None:
    result = CypherResult(
        ["drug", "targets", "enrollment"],
        [["BAT4406F", ["CD20"], 45], ["batoclimab, 680 mg", [], None]],
    )
    lines = to_json_lines(result).splitlines()
    assert [json.loads(line) for line in lines] == [
        {"drug": "BAT4406F", "targets": ["CD20"], "enrollment": 45},
        {"drug": "batoclimab, 680 mg", "targets": [], "enrollment": None},
    ]
    rows = list(csv.reader(io.StringIO(to_csv(result))))
    assert rows == [
        ["drug", "targets", "enrollment"],
        ["BAT4406F", '["CD20"]', "45"],
        ["batoclimab, 680 mg", "[]", ""],
    ]
