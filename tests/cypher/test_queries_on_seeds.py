"""The example queries answer analysts' questions about the two seed documents.

The seed articles are read from the shared corpus at test time (never copied into the
repo), loaded through the real extractor and loader, and every file in queries/ is run on
the result. The folder can be moved with KG_SEED_CORPUS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from config.settings import PROJECT_ROOT, Settings
from graph.schema import ensure_schema
from kg.cypher_runner import run_cypher
from loaders.pipeline import load_paths

QUERIES = PROJECT_ROOT / "queries"
DATABASE = "neo4j"
NMOSD = "neuromyelitis optica spectrum disorder"
BAT_DOC = "bat4406f-nmosd-trial-termination.txt"
SEED_NAMES = sorted([BAT_DOC, "batoclimab-nmosd-add-on.txt"])

Rows = list[dict[str, Any]]


def _by(rows: Rows, column: str) -> dict[Any, dict[str, Any]]:
    return {row[column]: row for row in rows}


def _pipeline(rows: Rows) -> None:
    bat = _by(rows, "drug")["BAT4406F"]
    assert bat["company"] == "Bio-Thera Solutions"
    assert bat["targets"] == ["CD20"]
    assert NMOSD in bat["diseases"]
    assert bat["highestPhase"] == "PHASE_2_3"


def _anti_cd20(rows: Rows) -> None:
    assert [r["drug"] for r in rows] == ["BAT4406F"]
    assert rows[0]["companies"] == ["Bio-Thera Solutions"]


def _fcrn(rows: Rows) -> None:
    assert [(r["target"], r["drug"]) for r in rows] == [("FcRn", "batoclimab")]


def _nmosd_drugs(rows: Rows) -> None:
    drugs = _by(rows, "drug")
    assert {"BAT4406F", "batoclimab"} <= set(drugs)
    assert drugs["BAT4406F"]["companies"] == ["Bio-Thera Solutions"]
    assert drugs["batoclimab"]["targets"] == ["FcRn"]


def _fudan_trials(rows: Rows) -> None:
    [trial] = [r for r in rows if "BAT4406F" in r["drugs"]]
    assert trial["investigators"] == ["Chen Xiangjun"]
    assert trial["phase"] == "PHASE_2_3"


def _nmosd_investigators(rows: Rows) -> None:
    people = _by(rows, "investigator")
    assert {"Chen Xiangjun", "Wei Qiu"} <= set(people)
    assert "Huashan Hospital" in people["Chen Xiangjun"]["sites"]
    assert people["Wei Qiu"]["drugs"] == ["batoclimab"]


def _cd20_evidence(rows: Rows) -> None:
    [row] = [r for r in rows if r["relationship"] == "TARGETS"]
    assert "anti-CD20" in row["evidence"]
    assert row["source"].endswith(BAT_DOC)
    assert "BAT4406F" in row["document"]


def _bat_neighbours(rows: Rows) -> None:
    names = {r["coMentioned"] for r in rows}
    assert {"Bio-Thera Solutions", "CD20", "Chen Xiangjun", NMOSD} <= names
    assert "batoclimab" not in names


def _all_changed(rows: Rows) -> None:
    assert len(rows) == 2
    [bat] = [r for r in rows if r["source"].endswith(BAT_DOC)]
    assert "BAT4406F TARGETS CD20" in bat["facts"]


def _nothing(rows: Rows) -> None:
    assert rows == []


def _site_parents(rows: Rows) -> None:
    sites = _by(rows, "site")
    assert sites["Huashan Hospital"]["partOf"] == ["Fudan University"]
    third = "Third Affiliated Hospital of Sun Yat-Sen University"
    assert sites[third]["partOf"] == ["Sun Yat-Sen University"]


def _cd20_companies(rows: Rows) -> None:
    assert _by(rows, "target")["CD20"]["companies"] == [
        {"company": "Bio-Thera Solutions", "drugs": ["BAT4406F"]}
    ]


def _phase_2_3(rows: Rows) -> None:
    trials = _by(rows, "phase")["PHASE_2_3"]["trials"]
    assert any("BAT4406F" in t["drugs"] for t in trials)


def _search_nmosd(rows: Rows) -> None:
    assert (rows[0]["label"], rows[0]["name"]) == ("Disease", NMOSD)


def _path(rows: Rows) -> None:
    [row] = rows
    assert row["hops"] == 3
    assert row["names"][0] == "Bio-Thera Solutions" and row["names"][-1] == "batoclimab"
    assert row["names"][2] == NMOSD


def _top_mentioned(rows: Rows) -> None:
    assert (rows[0]["name"], rows[0]["documents"]) == (NMOSD, 2)


def _nmosd_documents(rows: Rows) -> None:
    assert sorted(Path(r["source"]).name for r in rows) == SEED_NAMES
    assert rows[0]["mentions"] >= rows[1]["mentions"]


CASES: list[tuple[str, dict[str, Any], Callable[[Rows], None]]] = [
    ("company_pipeline", {"company": "Bio-Thera Solutions"}, _pipeline),
    ("drugs_by_target", {"target": "CD20"}, _anti_cd20),
    ("drugs_by_target", {"target": "neonatal Fc receptor"}, _fcrn),
    ("drugs_for_disease", {"disease": "NMOSD"}, _nmosd_drugs),
    ("trials_at_site", {"site": "Fudan University"}, _fudan_trials),
    ("investigators_of_disease", {"disease": "NMOSD"}, _nmosd_investigators),
    ("fact_evidence", {"fromName": "BAT4406F", "toName": "CD20"}, _cd20_evidence),
    ("co_mentioned_entities", {"name": "BAT4406F", "limit": 50}, _bat_neighbours),
    ("changed_since", {"since": "2000-01-01"}, _all_changed),
    ("changed_since", {"since": "2999-01-01"}, _nothing),
    ("sites_and_parents", {}, _site_parents),
    ("companies_sharing_target", {"minCompanies": 1}, _cd20_companies),
    ("companies_sharing_target", {"minCompanies": 2}, _nothing),
    ("trials_by_phase", {}, _phase_2_3),
    ("search_entities", {"text": "neuromyelitis", "limit": 5}, _search_nmosd),
    ("search_entities", {"text": "NMOSD", "limit": 5}, _search_nmosd),
    ("connection_path", {"fromName": "Bio-Thera Solutions", "toName": "batoclimab"}, _path),
    ("most_mentioned_entities", {"limit": 5}, _top_mentioned),
    ("documents_mentioning", {"name": "NMOSD"}, _nmosd_documents),
]


def test_every_query_file_has_a_seed_case() -> None:
    assert {path.stem for path in QUERIES.glob("*.cypher")} == {name for name, _, _ in CASES}


@pytest.fixture(scope="module")
def seed_graph(neo4j_server, module_driver: neo4j.Driver, seed_dir: Path) -> Iterator[neo4j.Driver]:
    """The seed documents loaded into an otherwise empty database, once: the queries only read."""
    settings = Settings(
        _env_file=None,
        neo4j_uri=neo4j_server.uri,
        neo4j_user=neo4j_server.user,
        neo4j_password=neo4j_server.password,
    )
    ensure_schema(module_driver, DATABASE)
    seed_files = sorted(str(p) for p in seed_dir.glob("*.txt"))
    summary = load_paths(module_driver, settings, seed_files)
    assert summary.ok and summary.loaded == len(SEED_NAMES), summary.failures
    module_driver.execute_query("CALL db.awaitIndexes(60)", database_=DATABASE)
    yield module_driver


@pytest.mark.parametrize(
    ("name", "params", "check"), CASES, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(CASES)]
)
def test_query_answers_on_seeds(
    seed_graph: neo4j.Driver, name: str, params: dict[str, Any], check: Callable[[Rows], None]
) -> None:
    query = (QUERIES / f"{name}.cypher").read_text(encoding="utf-8")
    result = run_cypher(seed_graph, query, params, database=DATABASE)
    check(result.records())
