"""`kg curate` as a curator runs it, against a real Neo4j: each decision shows in the graph,
survives a reload of the same documents and a `kg load` of new ones that would undo it, and
`kg curate undo` gives back the graph as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import neo4j
import pytest
from graph_checks import duplicates
from typer.testing import CliRunner

from config.settings import Settings, get_settings
from kg.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "sources" / "samples"

# Our own invented news items. The extractor gives "Calderon Therapeutics" and "Calderon Bio"
# one company id (same core word): the split case.
STORY_A = (
    "Calderon Therapeutics Expands Velmotamab Program\n\n"
    "BOSTON, April 2, 2026 -- Calderon Therapeutics, Inc. said velmotamab, an anti-CD19 "
    "antibody, will also be studied in myasthenia gravis.\n"
)
STORY_A2 = (
    "Velmotamab Update\n\n"
    "BOSTON, June 9, 2026 -- Calderon Therapeutics, Inc. said velmotamab, an anti-CD19 "
    "antibody, showed early activity in myasthenia gravis and will be studied in myositis.\n"
)
STORY_B = (
    "Calderon Bio Starts Trial\n\n"
    "BOSTON, May 2, 2026 -- Calderon Bio said its drug trelimab, an anti-CD20 antibody, "
    "entered a phase 2 trial in lupus.\n"
)
STORY_B2 = (
    "Calderon Bio Expands Trial\n\n"
    "BOSTON, July 2, 2026 -- Calderon Bio said its drug trelimab, an anti-CD20 antibody, "
    "will be studied at more sites.\n"
)

CALDERON = "company:calderon"
DEVELOPS_A = "DEVELOPS|company:calderon|drug:velmotamab"


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


@pytest.fixture
def docs(tmp_path: Path, kg):
    """Write a story to a file and `kg load` it; `docs.drop(name)` runs `kg delete`."""

    class Docs:
        loaded: dict[str, None] = {}

        def load(self, name: str, text: str) -> None:
            self.loaded[name] = None
            path = tmp_path / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            code, out, err = kg("load", str(path))
            assert code == 0, out + err

        def drop(self, name: str) -> None:
            self.loaded.pop(name, None)
            code, out, err = kg("delete", str(tmp_path / f"{name}.txt"))
            assert code == 0, out + err

        def reload(self, name: str, text: str) -> None:
            self.drop(name)
            self.load(name, text)

        def without_decisions(self, driver: neo4j.Driver) -> tuple[list, list]:
            """What the loaded documents give with no decision: the graph an undo must leave."""
            driver.execute_query("MATCH (n) DETACH DELETE n")
            for name in list(self.loaded):
                code, out, err = kg("load", str(tmp_path / f"{name}.txt"))
                assert code == 0, out + err
            return knowledge(driver)

    return Docs()


def curate(kg, *args: str) -> str:
    """Run `kg curate ...`, expect success; returns the decision id it printed."""
    code, out, err = kg("curate", *args, "--who", "alice", "--why", "checked the sources")
    assert code == 0, out + err
    return out.split(":")[0]


def knowledge(driver: neo4j.Driver) -> tuple[list, list]:
    """The graph minus the curation log and load times: what an undo must give back.

    Lists compare as sets: the order of a node's aliases records which document came first.
    """
    skip = {"loadedAt", "loadToken"}

    def props(found: dict) -> dict:
        return {
            k: sorted(v) if isinstance(v, list) else v for k, v in found.items() if k not in skip
        }

    nodes = driver.execute_query(
        "MATCH (n) WHERE NOT n:Curation RETURN labels(n) AS labels, properties(n) AS props "
        "ORDER BY n.id, n.key"
    ).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.key) AS a, type(r) AS t, b.id AS b, "
        "properties(r) AS props ORDER BY a, t, b, coalesce(r.fact, '')"
    ).records
    return (
        [(sorted(r["labels"]), props(r["props"])) for r in nodes],
        [r.data() for r in rels],
    )


def node(driver: neo4j.Driver, entity_id: str) -> dict | None:
    records = driver.execute_query(
        "MATCH (n:Entity {id: $id}) RETURN properties(n) AS p, "
        "[(k:NameKey)-[:NAMES]->(n) | k.key] AS keys",
        id=entity_id,
    ).records
    if not records:
        return None
    return {**records[0]["p"], "nameKeys": sorted(records[0]["keys"])}


def fact_evidence(driver: neo4j.Driver, key: str) -> tuple[int, list[str]]:
    """(how many fact relationships have this key, ids of the documents supporting it)."""
    rel_type, start, end = key.split("|")
    facts = driver.execute_query(
        f"MATCH ({{id: $a}})-[r:{rel_type}]->({{id: $b}}) RETURN count(r) AS n", a=start, b=end
    ).records[0]["n"]
    docs = driver.execute_query(
        "MATCH (d:Document)-[:SUPPORTS {fact: $key}]->() RETURN d.title AS t ORDER BY t", key=key
    ).records
    return facts, [r["t"] for r in docs]


def clean(driver: neo4j.Driver) -> None:
    assert duplicates(driver) == {"nodes": [], "relationships": [], "support": []}


def test_merge_joins_two_nodes_keeps_them_one_after_reloads_and_new_documents_and_undoes(
    kg, docs, driver: neo4j.Driver
):
    docs.load("a", STORY_A)
    docs.load("b", STORY_B)
    assert node(driver, "drug:velmotamab") and node(driver, "drug:trelimab")

    decision = curate(kg, "merge", "Drug", "velmotamab", "drug:trelimab")
    kept = "drug:trelimab"  # graph.merge keeps the shorter id
    assert node(driver, "drug:velmotamab") is None
    assert {"velmotamab", "trelimab"} <= set(node(driver, kept)["keys"])
    assert fact_evidence(driver, f"DEVELOPS|company:calderon|{kept}")[1] == [
        "Calderon Bio Starts Trial",
        "Calderon Therapeutics Expands Velmotamab Program",
    ]
    clean(driver)

    docs.reload("a", STORY_A)
    docs.load("a2", STORY_A2)  # names the absorbed drug again
    assert node(driver, "drug:velmotamab") is None
    assert fact_evidence(driver, f"INDICATED_FOR|{kept}|disease:myositis")[0] == 1
    assert fact_evidence(driver, f"DEVELOPS|company:calderon|{kept}")[1] == [
        "Calderon Bio Starts Trial",
        "Calderon Therapeutics Expands Velmotamab Program",
        "Velmotamab Update",
    ]
    clean(driver)

    code, out, err = kg("curate", "undo", decision)
    assert code == 0 and "3 documents rebuilt" in out, out + err
    assert node(driver, "drug:velmotamab") and "velmotamab" not in node(driver, kept)["keys"]
    assert knowledge(driver) == docs.without_decisions(driver)


def test_reject_deletes_the_fact_keeps_it_out_of_reloads_and_new_documents_and_undoes(
    kg, docs, driver: neo4j.Driver
):
    docs.load("a", STORY_A)
    before = knowledge(driver)
    assert fact_evidence(driver, DEVELOPS_A)[0] == 1

    decision = curate(kg, "reject", DEVELOPS_A)
    assert fact_evidence(driver, DEVELOPS_A) == (0, [])
    assert node(driver, "drug:velmotamab") and node(driver, CALDERON), "the ends stay"

    docs.reload("a", STORY_A)
    docs.load("a2", STORY_A2)  # states the rejected fact again
    assert fact_evidence(driver, DEVELOPS_A) == (0, [])
    assert node(driver, "disease:myositis"), "the new document's other facts are written"
    clean(driver)

    code, out, _ = kg("curate", "undo", decision, "--who", "bob")
    assert code == 0 and "2 documents rebuilt" in out
    assert fact_evidence(driver, DEVELOPS_A) == (
        1,
        ["Calderon Therapeutics Expands Velmotamab Program", "Velmotamab Update"],
    )
    assert knowledge(driver) == docs.without_decisions(driver)
    docs.drop("a2")
    assert knowledge(driver) == before
    clean(driver)


def test_alias_add_survives_the_node_being_deleted_and_recreated_and_undoes(
    kg, docs, driver: neo4j.Driver
):
    docs.load("a", STORY_A)
    before = knowledge(driver)

    decision = curate(kg, "alias", "add", "Company", CALDERON, "CLDX Holdings")
    assert "CLDX Holdings" in node(driver, CALDERON)["aliases"]
    assert "cldx holdings" in node(driver, CALDERON)["nameKeys"]

    docs.drop("a")
    assert node(driver, CALDERON) is None, "its only document went, and the node with it"
    docs.load("a", STORY_A)
    docs.load("b", STORY_B)  # a new document naming the company differently
    found = node(driver, CALDERON)
    assert "CLDX Holdings" in found["aliases"] and "cldx holdings" in found["keys"]
    clean(driver)

    code, out, err = kg("curate", "undo", decision)
    assert code == 0, out + err
    assert "CLDX Holdings" not in node(driver, CALDERON)["aliases"]
    assert "cldx holdings" not in node(driver, CALDERON)["nameKeys"]
    assert before != (undone := knowledge(driver)), "b was loaded since"
    assert undone == docs.without_decisions(driver)


def test_deleting_a_document_takes_back_its_names_but_never_a_curators_alias(
    kg, docs, driver: neo4j.Driver
):
    docs.load("a", STORY_A)
    docs.load("b", STORY_B)
    assert "Calderon Bio" in node(driver, CALDERON)["aliases"]  # only b names it so
    curate(kg, "alias", "add", "Company", CALDERON, "CLDX Holdings")

    docs.drop("b")
    found = node(driver, CALDERON)
    assert "Calderon Bio" not in found["aliases"] and "calderon bio" not in found["nameKeys"]
    assert "CLDX Holdings" in found["aliases"] and "cldx holdings" in found["nameKeys"]
    clean(driver)


def test_alias_remove_keeps_the_name_off_after_reloads_and_new_documents_and_undoes(
    kg, docs, driver: neo4j.Driver
):
    docs.load("a", STORY_A)
    assert "Calderon" in node(driver, CALDERON)["aliases"]

    decision = curate(kg, "alias", "remove", "Company", "Calderon Therapeutics", "calderon")
    found = node(driver, CALDERON)
    assert "Calderon" not in found["aliases"] and "calderon" not in found["nameKeys"]
    assert driver.execute_query("MATCH (k:NameKey {key: 'calderon'}) RETURN k").records == []

    docs.reload("a", STORY_A)
    docs.load("b", STORY_B)  # names the company "Calderon" again
    found = node(driver, CALDERON)
    assert "Calderon" not in found["aliases"] and found["name"] != "Calderon"
    assert "calderon" not in found["keys"] and "Calderon Bio" in found["aliases"]
    clean(driver)

    code, out, err = kg("curate", "undo", decision)
    assert code == 0, out + err
    assert "Calderon" in node(driver, CALDERON)["aliases"]
    assert knowledge(driver) == docs.without_decisions(driver)


def test_split_moves_a_name_and_its_facts_to_a_new_node_for_good_and_undoes(
    kg, docs, driver: neo4j.Driver
):
    docs.load("a", STORY_A)
    docs.load("b", STORY_B)
    assert "Calderon Bio" in node(driver, CALDERON)["aliases"]

    code, out, err = kg(
        "curate", "split", "Company", CALDERON, "--names", "Calderon Bio", "--who", "alice"
    )
    assert code == 0, out + err
    decision = out.split(":")[0]
    new_id = driver.execute_query(
        "MATCH (c:Curation {id: $id}) RETURN c.newId AS id", id=decision
    ).records[0]["id"]
    assert new_id.startswith("company:") and new_id != CALDERON
    assert "Calderon Bio" not in node(driver, CALDERON)["aliases"]
    assert node(driver, new_id)["name"] == "Calderon Bio"
    assert fact_evidence(driver, f"DEVELOPS|{new_id}|drug:trelimab")[0] == 1
    assert fact_evidence(driver, "DEVELOPS|company:calderon|drug:trelimab")[0] == 0
    assert fact_evidence(driver, DEVELOPS_A)[0] == 1, "the other documents' facts stay"

    docs.reload("b", STORY_B)
    docs.load("b2", STORY_B2)  # a new document under the split name
    assert node(driver, new_id)["name"] == "Calderon Bio"
    assert "Calderon Bio" not in node(driver, CALDERON)["aliases"]
    assert fact_evidence(driver, f"DEVELOPS|{new_id}|drug:trelimab")[1] == [
        "Calderon Bio Expands Trial",
        "Calderon Bio Starts Trial",
    ]
    clean(driver)

    code, out, err = kg("curate", "undo", decision)
    assert code == 0, out + err
    assert node(driver, new_id) is None
    assert knowledge(driver) == docs.without_decisions(driver)


def test_split_refuses_names_the_node_does_not_have_and_all_of_its_names(
    kg, docs, driver: neo4j.Driver
):
    docs.load("a", STORY_A)
    before = knowledge(driver)
    code, _, err = kg("curate", "split", "Company", CALDERON, "--names", "Nortegen")
    assert code == 1 and "not names of company:calderon" in err
    code, _, err = kg(
        "curate",
        "split",
        "Company",
        CALDERON,
        "--names",
        "Calderon",
        "Calderon Therapeutics",
        "Calderon Therapeutics, Inc.",
    )
    assert code == 1 and "every name" in err
    code, _, err = kg("curate", "merge", "Spaceship", "a", "b")
    assert code == 1 and "not an entity label" in err
    code, _, err = kg("curate", "reject", "DEVELOPS|company:calderon|drug:nothing")
    assert code == 1 and "no fact" in err
    code, _, err = kg("curate", "undo", "c-00000000")
    assert code == 1 and "no curation decision" in err
    assert knowledge(driver) == before, "a refused decision changes nothing"


def test_log_lists_decisions_with_who_when_why_and_state(kg, docs, driver: neo4j.Driver):
    docs.load("a", STORY_A)
    first = curate(kg, "alias", "add", "Company", CALDERON, "CLDX Holdings")
    second = curate(kg, "reject", DEVELOPS_A)
    code, out, err = kg("curate", "undo", first, "--who", "bob")
    assert code == 0, out + err

    code, out, _ = kg("curate", "log")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [second, first], "newest first"
    assert "reject" in lines[0] and DEVELOPS_A in lines[0] and "by alice" in lines[0]
    assert "[active]" in lines[0] and "why: checked the sources" in lines[0]
    assert "alias-add" in lines[1] and "'CLDX Holdings'" in lines[1]
    assert "[undone by bob at " in lines[1]

    code, out, _ = kg("curate", "log", "--json", "--active")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [second]
    assert rows[0]["who"] == "alice" and rows[0]["active"] is True and rows[0]["at"]

    code, _, err = kg("curate", "undo", first)
    assert code == 1 and "already undone" in err


def test_undo_of_a_structured_record_needs_its_file_and_says_which(
    kg, driver: neo4j.Driver, tmp_path: Path
):
    record = tmp_path / "NCT05894239.json"
    shutil.copy(SAMPLES / "NCT05894239.json", record)
    code, out, err = kg("load", str(record))
    assert code == 0, out + err
    before = knowledge(driver)
    roche = "company:hoffmann-la-roche"
    decision = curate(kg, "alias", "add", "Company", roche, "Roche")

    code, _, err = kg("curate", "undo", decision)
    assert code == 1
    assert "https://clinicaltrials.gov/study/NCT05894239" in err and "--sources" in err
    assert "Roche" in node(driver, roche)["aliases"], "nothing changed"

    code, out, err = kg("curate", "undo", decision, "--sources", str(tmp_path))
    assert code == 0, out + err
    assert knowledge(driver) == before


def test_apply_redoes_decisions_a_load_that_read_them_too_early_undid(
    kg, docs, driver: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
):
    import graph.writer

    docs.load("a", STORY_A)
    curate(kg, "reject", DEVELOPS_A)
    curate(kg, "alias", "remove", "Company", CALDERON, "Calderon")
    # A loader that read the (then empty) log before these decisions writes a new story.
    with monkeypatch.context() as early:
        early.setattr(graph.writer, "curate_batch", lambda tx, batch, *_: batch)
        docs.load("a2", STORY_A2)
    assert fact_evidence(driver, DEVELOPS_A)[0] == 1
    assert "Calderon" in node(driver, CALDERON)["aliases"]

    code, out, err = kg("curate", "apply")
    assert code == 0, out + err
    assert "2 decisions re-applied" in out and "deleted DEVELOPS|company:calderon" in out
    assert fact_evidence(driver, DEVELOPS_A) == (0, [])
    assert "Calderon" not in node(driver, CALDERON)["aliases"]
    clean(driver)
    code, out, _ = kg("curate", "apply")
    assert "0 decisions re-applied" in out
