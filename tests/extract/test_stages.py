"""The stage list is data: every stage is typed against the state, runs alone and is timed."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import types
import typing
from pathlib import Path

import pytest

from loaders.extract import extract_text
from loaders.extract.pipeline import STAGES
from loaders.extract.stages import Stage, State, run_stages

ROOT = Path(__file__).resolve().parents[2]
FIELDS = typing.get_type_hints(State)
for _label in {n.partition(".")[2] for s in STAGES for n in (*s.inputs, *s.outputs)} - {""}:
    FIELDS[f"mentions.{_label}"] = typing.get_args(FIELDS["mentions"])[1]  # list[Mention]
TEXT = (
    "Acme Therapeutics Announces Phase 2 Results for Zelvatrimab\n"
    "Acme Therapeutics' zelvatrimab, an anti-BAFF-R antibody, improved outcomes in patients "
    "with systemic lupus erythematosus, said Dr. Helena Marsh of Westbridge General Hospital.\n"
)


def _required(annotation: object) -> object:
    """`X | None` -> X: a stage's input must be there when it runs."""
    if isinstance(annotation, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


@pytest.mark.parametrize("stage", STAGES, ids=lambda s: s.name)
def test_stage_function_types_match_the_state_fields_it_reads_and_writes(stage: Stage):
    hints = typing.get_type_hints(stage.run)
    returns = hints.pop("return")
    params = list(hints.values())
    assert params == [_required(FIELDS[name]) for name in stage.inputs]
    if len(stage.outputs) == 1:
        assert returns == _required(FIELDS[stage.outputs[0]])
    else:
        assert returns == tuple[tuple(_required(FIELDS[n]) for n in stage.outputs)]


def test_every_stage_reads_only_what_an_earlier_stage_wrote():
    written = {"text", "source", "relations", "families"}
    for stage in STAGES:
        missing = set(stage.inputs) - written
        assert not missing, f"{stage.name} reads {missing} before any stage writes it"
        written |= set(stage.outputs)
        written |= {"mentions"} if any(n.startswith("mentions.") for n in stage.outputs) else set()
    assert STAGES[-1].outputs == ("result",)
    assert len({s.name for s in STAGES}) == len(STAGES)


def test_a_stage_runs_alone_on_a_state_given_its_inputs():
    by_name = {s.name: s for s in STAGES}
    state = State(TEXT, "t.txt")
    by_name["document"].apply(state)
    by_name["drugs"].apply(state)
    assert {m.name for m in state.mentions["Drug"]} == {"zelvatrimab"}
    assert list(state.mentions) == ["Drug"]  # nothing else ran


def test_timings_name_every_stage_and_change_no_output():
    timings: dict[str, float] = {}
    assert extract_text(TEXT, "t.txt", timings) == extract_text(TEXT, "t.txt")
    assert list(timings) == [s.name for s in STAGES]
    assert all(seconds >= 0 for seconds in timings.values())


def test_run_stages_stops_where_the_list_stops():
    state = run_stages(State(TEXT, "t.txt"), STAGES[:3])
    assert state.mentions["Company"] and state.result is None


def test_kg_extract_timings_go_to_stderr_and_json_stays_clean(tmp_path: Path):
    doc = tmp_path / "acme.txt"
    doc.write_text(TEXT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", "--timings", str(doc)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert json.loads(proc.stdout)["document"]["source"] == str(doc)
    stage_names = [line.split()[0] for line in proc.stderr.splitlines()]
    assert stage_names == [s.name for s in STAGES] + ["total"]


def test_extraction_leaves_the_garbage_collector_as_it_found_it():
    # The collector is paused during one extraction (a speed measure); the process's setting
    # must come back, including when the caller had turned it off itself.
    assert gc.isenabled()
    first = extract_text(TEXT, "a.txt")
    assert gc.isenabled()
    gc.disable()
    try:
        assert extract_text(TEXT, "a.txt") == first
        assert not gc.isenabled()
    finally:
        gc.enable()
