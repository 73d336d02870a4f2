"""`kg cypher` and `kg docs` as a user runs them (through Typer's CliRunner, real Neo4j)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import neo4j
from typer.testing import CliRunner

from graph import model_docs
from graph.local_server import free_port
from kg.cli import app

SEED = (
    "CREATE (:Company:Entity {id: 'company:acme', name: 'Acme Bio'})"
    "-[:DEVELOPS {docIds: ['d1'], evidence: ['Acme Bio develops AB-7.']}]->"
    "(:Drug:Entity {id: 'drug:ab-7', name: 'AB-7', highestPhase: 'PHASE_2'})"
)


def _count(driver: neo4j.Driver, label: str) -> int:
    query = f"MATCH (n:{label}) RETURN count(n) AS n"
    return driver.execute_query(query).records[0]["n"]


def test_read_query_prints_a_table(driver, runner: CliRunner, cli_env) -> None:
    driver.execute_query(SEED)
    result = runner.invoke(
        app,
        ["cypher", "MATCH (c:Company)-[:DEVELOPS]->(d) RETURN c.name AS company, d.name AS drug"],
        env=cli_env,
    )
    assert result.exit_code == 0, result.output
    assert "company" in result.stdout and "drug" in result.stdout
    assert "Acme Bio" in result.stdout and "AB-7" in result.stdout
    assert "1 row" in result.stderr


def test_json_output_is_one_object_per_row(driver, runner: CliRunner, cli_env) -> None:
    driver.execute_query(SEED)
    result = runner.invoke(
        app,
        ["cypher", "--json", "UNWIND [1, 2] AS i MATCH (d:Drug) RETURN i, d.name AS drug"],
        env=cli_env,
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [{"i": 1, "drug": "AB-7"}, {"i": 2, "drug": "AB-7"}]


def test_csv_output_has_a_header(driver, runner: CliRunner, cli_env) -> None:
    driver.execute_query(SEED)
    result = runner.invoke(
        app,
        ["cypher", "--csv", "MATCH (d:Drug) RETURN d.name AS drug, d.highestPhase AS phase"],
        env=cli_env,
    )
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [["drug", "phase"], ["AB-7", "PHASE_2"]]


def test_write_needs_the_write_flag(driver, runner: CliRunner, cli_env) -> None:
    create = "CREATE (:Company:Entity {id: 'company:zeta', name: 'Zeta'})"
    refused = runner.invoke(app, ["cypher", create], env=cli_env)
    assert refused.exit_code == 1
    assert refused.stderr.strip().startswith("error: ")
    assert "--write" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "Traceback" not in refused.output
    assert _count(driver, "Company") == 0

    accepted = runner.invoke(app, ["cypher", "--write", create], env=cli_env)
    assert accepted.exit_code == 0, accepted.output
    assert "nodes_created=1" in accepted.stderr
    assert _count(driver, "Company") == 1


def test_parameters_from_p_options(driver, runner: CliRunner, cli_env) -> None:
    driver.execute_query(SEED)
    result = runner.invoke(
        app,
        [
            "cypher",
            "--json",
            "MATCH (c:Company {name: $company})-[:DEVELOPS]->(d) "
            "RETURN d.name AS drug, $n * 2 AS twice",
            "-p",
            "company=Acme Bio",
            "-p",
            "n=21",
        ],
        env=cli_env,
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"drug": "AB-7", "twice": 42}


def test_statement_from_file_and_from_stdin(
    driver, runner: CliRunner, cli_env, tmp_path: Path
) -> None:
    driver.execute_query(SEED)
    query = tmp_path / "q.cypher"
    query.write_text("// the drugs\nMATCH (d:Drug) RETURN d.name AS drug;\n", encoding="utf-8")
    from_file = runner.invoke(app, ["cypher", "--json", "-f", str(query)], env=cli_env)
    assert from_file.exit_code == 0, from_file.output
    assert json.loads(from_file.stdout) == {"drug": "AB-7"}

    from_stdin = runner.invoke(
        app, ["cypher", "--csv", "-"], input="MATCH (d:Drug) RETURN d.name AS drug", env=cli_env
    )
    assert from_stdin.exit_code == 0, from_stdin.output
    assert from_stdin.stdout.splitlines() == ["drug", "AB-7"]


def test_syntax_error_is_one_line_and_fails(driver, runner: CliRunner, cli_env) -> None:
    result = runner.invoke(app, ["cypher", "MATCH (n RETURN n"], env=cli_env)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: Cypher syntax error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_unreachable_server_is_one_line_and_fails(runner: CliRunner, cli_env) -> None:
    env = {**cli_env, "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}"}
    result = runner.invoke(app, ["cypher", "RETURN 1"], env=env)
    assert result.exit_code == 1
    assert env["NEO4J_URI"] in result.stderr
    assert "not reachable" in result.stderr or "cannot reach" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_docs_writes_and_checks_the_model_files(runner: CliRunner, tmp_path: Path) -> None:
    written = runner.invoke(app, ["docs", "--out", str(tmp_path)])
    assert written.exit_code == 0, written.output
    assert (tmp_path / "model.md").read_text(encoding="utf-8") == model_docs.render_markdown()
    assert (tmp_path / "model.svg").read_text(encoding="utf-8") == model_docs.render_svg()
    assert runner.invoke(app, ["docs", "--check", "--out", str(tmp_path)]).exit_code == 0

    (tmp_path / "model.svg").write_text("<svg/>", encoding="utf-8")
    stale = runner.invoke(app, ["docs", "--check", "--out", str(tmp_path)])
    assert stale.exit_code == 1
    assert "model.svg" in stale.stderr and "kg docs" in stale.stderr
