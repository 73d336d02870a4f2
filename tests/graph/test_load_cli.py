"""`kg init`, `kg load` and `kg delete` as a user runs them (plain output: not a terminal)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest
from graph_checks import duplicates, snapshot
from typer.testing import CliRunner

from config.settings import Settings, get_settings
from kg.cli import app

STORY = (
    "Calderon Therapeutics Expands Velmotamab Program\n\n"
    "BOSTON, April 2, 2026 -- Calderon Therapeutics, Inc. said velmotamab, an anti-CD19 "
    "antibody, will also be studied in myasthenia gravis.\n"
)


@pytest.fixture
def kg(driver: neo4j.Driver, settings: Settings, monkeypatch: pytest.MonkeyPatch):
    """Run `kg ...` against the test server; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.neo4j_password or "")
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(app, list(args))
        return result.exit_code, result.stdout, result.stderr

    yield run
    get_settings.cache_clear()


def test_init_creates_the_schema(kg, driver: neo4j.Driver):
    code, out, _ = kg("init")
    assert code == 0 and "Schema ready" in out
    names = [r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name").records]
    assert "entity_names" in names


def test_load_reports_each_document_and_a_summary(kg, tmp_path: Path, driver: neo4j.Driver):
    (tmp_path / "calderon.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, out, err = kg("load", str(tmp_path))
    assert code == 1, "a failed document makes the exit status non-zero"
    assert "failed" in err and "empty.txt" in err and "empty file" in err
    assert "loaded" in err and "calderon.txt" in err
    assert "Documents: 1 loaded, 0 unchanged, 0 replaced, 1 failed" in out
    assert driver.execute_query("MATCH (d:Document) RETURN count(d)").records[0][0] == 1

    code, out, _ = kg("load", str(tmp_path / "calderon.txt"))
    assert code == 0
    assert "Documents: 0 loaded, 1 unchanged" in out
    assert "Created 0 nodes and 0 relationships." in out


def test_delete_by_path_and_unknown_document(kg, tmp_path: Path, driver: neo4j.Driver):
    story = tmp_path / "calderon.txt"
    story.write_text(STORY, encoding="utf-8")
    assert kg("load", str(story))[0] == 0
    code, out, _ = kg("delete", str(story))
    assert code == 0 and out.startswith("Deleted document ")
    assert driver.execute_query("MATCH (n) RETURN count(n)").records[0][0] == 0
    code, _, err = kg("delete", str(story))
    assert code == 1 and "no document with id or source" in err


def test_two_kg_load_processes_at_once_build_one_graph(
    driver: neo4j.Driver, settings: Settings, tmp_path: Path
):
    """Two real `kg load` processes on overlapping folders give the graph one process gives."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    overlap = tmp_path / "overlap"
    overlap.mkdir()
    for path in sorted(examples.glob("*.txt"))[:2]:
        (overlap / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password or "",
    }

    def start_load(folder: Path) -> subprocess.Popen:
        command = [sys.executable, "-m", "kg.cli", "load", str(folder)]
        return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def without_load_details(graph: tuple[list, list]) -> tuple[list, int]:
        """Nodes minus when/where each document was loaded from, and the number of facts."""
        nodes, rels = graph
        volatile = {"loadedAt", "source"}
        return [(lb, {k: v for k, v in p.items() if k not in volatile}) for lb, p in nodes], len(
            rels
        )

    loaders = [start_load(examples), start_load(overlap)]
    for loader in loaders:
        output, _ = loader.communicate(timeout=300)
        assert loader.returncode == 0, output
    assert duplicates(driver) == {"nodes": [], "relationships": [], "support": []}
    concurrent = without_load_details(snapshot(driver))

    driver.execute_query("MATCH (n) DETACH DELETE n")
    single = start_load(examples)
    assert single.wait(timeout=300) == 0
    assert without_load_details(snapshot(driver)) == concurrent
