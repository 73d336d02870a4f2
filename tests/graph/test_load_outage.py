"""When Neo4j stays unreachable, a load stops after the driver's bounded retry, with a summary."""

from __future__ import annotations

from pathlib import Path

import neo4j

from config.settings import Settings
from loaders.pipeline import load_paths
from loaders.progress import summary_lines


def test_a_load_against_an_unreachable_database_stops_cleanly(settings: Settings, tmp_path: Path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Story {name}: Zentra Biologics develops ZX-101.\n", "utf-8")
    # Nothing listens on port 9; retry for one second instead of the default thirty.
    with neo4j.GraphDatabase.driver(
        "bolt://127.0.0.1:9", auth=("neo4j", "x"), max_transaction_retry_time=1.0
    ) as nowhere:
        summary = load_paths(nowhere, settings, [str(tmp_path)], batch_size=10)
    assert summary.stopped and "could not reach Neo4j" in summary.stopped
    assert not summary.ok and summary.loaded == 0
    lines = summary_lines(summary)
    assert lines[-1].startswith("Stopped early: could not reach Neo4j")
