"""`kg init`, `kg load` and `kg delete` as a user runs them (plain output: not a terminal)."""

from __future__ import annotations

import json
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
    # Nothing of the document is left; only the record of which name rules keyed the graph.
    assert (
        driver.execute_query("MATCH (n) WHERE NOT n:GraphState RETURN count(n)").records[0][0] == 0
    )
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


def _children(pid: int) -> list[int]:
    """Pids whose parent is `pid` (read from /proc: the extraction workers and helpers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigkill_of_a_parallel_load_leaves_no_workers_and_a_rerun_gives_the_clean_graph(
    driver: neo4j.Driver, settings: Settings, tmp_path: Path
):
    """SIGKILL `kg load --workers 2` mid-load: its workers die too; rerunning completes it."""
    import signal
    import time

    examples = Path(__file__).resolve().parents[2] / "examples"
    folder = tmp_path / "docs"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples.glob("*.txt"))]
    for i in range(12):  # enough documents that the load is still running when killed
        (folder / f"{i:02d}.txt").write_text(f"{texts[i % len(texts)]}\nCopy {i}.\n", "utf-8")
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password or "",
    }
    command = [sys.executable, "-m", "kg.cli", "load", "--workers", "2", "--batch-size", "2"]
    loader = subprocess.Popen(
        [*command, str(folder)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(workers) < 2:  # wait until the workers run
        workers = _children(loader.pid)
        time.sleep(0.2)
    assert len(workers) >= 2, "the loader never started its extraction workers"
    loader.send_signal(signal.SIGKILL)
    loader.wait(timeout=30)
    deadline = time.monotonic() + 60  # a worker still starting up exits once it notices
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived the killed loader"

    rerun = subprocess.run([*command, str(folder)], env=env, capture_output=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert duplicates(driver) == {"nodes": [], "relationships": [], "support": []}
    killed_then_rerun = snapshot(driver)
    driver.execute_query("MATCH (n) DETACH DELETE n")
    clean = subprocess.run([*command, str(folder)], env=env, capture_output=True, timeout=600)
    assert clean.returncode == 0

    def stable(graph: tuple[list, list]) -> tuple[list, list]:
        nodes, rels = graph
        return [(lb, {k: v for k, v in p.items() if k != "loadedAt"}) for lb, p in nodes], rels

    assert stable(snapshot(driver)) == stable(killed_then_rerun)


def test_load_writes_precomputed_extractions(kg, tmp_path: Path, driver: neo4j.Driver):
    """`kg extract` output loads with --extractions; again it is unchanged; a bad line fails."""
    from loaders.pipeline import extract_document

    story = tmp_path / "calderon.txt"
    story.write_text(STORY, encoding="utf-8")
    extraction = extract_document(STORY, str(story))
    lines = tmp_path / "extractions.jsonl"
    lines.write_text(json.dumps(extraction) + "\n", encoding="utf-8")
    code, out, _ = kg("load", "--extractions", str(lines))
    assert code == 0 and "Documents: 1 loaded" in out
    from_extractions = snapshot(driver)

    code, out, _ = kg("load", "--extractions", str(lines))
    assert code == 0 and "Documents: 0 loaded, 1 unchanged" in out
    assert snapshot(driver) == from_extractions

    bad = json.loads(json.dumps(extraction))
    bad["document"].update(id="not-loaded-yet", source="bad.txt")
    bad["entities"][0]["type"] = "Gene"
    lines.write_text(f'{{"document": {{}}}}\nnot json\n{json.dumps(bad)}\n', encoding="utf-8")
    code, out, err = kg("load", "--extractions", str(lines))
    assert code == 1 and "3 failed" in out and "not a JSON extraction" in err
    # Each failure names the document (else its line) and the field, without a stack trace.
    assert "extractions.jsonl:1: document 'id' must be a non-empty string" in err
    assert f"bad.txt: entity #0 (Gene {bad['entities'][0]['name']!r}) has unknown label" in err
    assert "Traceback" not in err

    driver.execute_query("MATCH (n) DETACH DELETE n")
    assert kg("load", str(story))[0] == 0  # the same graph as extracting the file here

    def facts(graph: tuple[list, list]) -> tuple[list, list]:
        nodes, rels = graph
        volatile = {"loadedAt"}
        return [(lb, {k: v for k, v in p.items() if k not in volatile}) for lb, p in nodes], rels

    assert facts(snapshot(driver)) == facts(from_extractions)


def test_a_graph_keyed_under_older_name_rules_is_rekeyed_and_joined_once(
    kg, tmp_path: Path, driver: neo4j.Driver
):
    """A user upgrades: their graph was keyed by older rules, which did not know that "MSD"
    and "Merck Sharp & Dohme" are one company. The next `kg load` gives every entity today's
    keys and joins the two nodes, without a reload, and only the first time."""
    from graph.migrate import name_rules_fingerprint

    assert kg("init")[0] == 0
    driver.execute_query(
        "CREATE (:Company:Entity {id: 'company:msd', name: 'MSD', aliases: [], keys: ['msd']}) "
        "CREATE (:Company:Entity {id: 'company:merck-sharp-dohme', name: 'Merck Sharp & Dohme', "
        "aliases: [], keys: ['merck sharp & dohme']}) "
        "MERGE (s:GraphState {id: 'names'}) SET s.rules = 'older rules'"
    )
    story = tmp_path / "calderon.txt"
    story.write_text(STORY, encoding="utf-8")
    code, _, err = kg("load", str(story))
    assert code == 0
    assert "name rules changed" in err and "1 nodes merged" in err
    companies = driver.execute_query("MATCH (c:Company) RETURN c.id ORDER BY c.id").records
    assert [r[0] for r in companies] == ["company:calderon", "company:msd"]
    rules = driver.execute_query("MATCH (s:GraphState {id: 'names'}) RETURN s.rules").records
    assert rules[0][0] == name_rules_fingerprint()
    code, _, err = kg("load", str(story))
    assert code == 0 and "name rules changed" not in err
