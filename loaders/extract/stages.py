"""Declared extraction stages: named steps with typed inputs and outputs over one state.

Why: the pipeline order is data (`pipeline.STAGES`), so each step can be run, timed and
tested alone, and a new step is one line in the list. A stage reads fields of `State`
by name and writes its result to named fields; a test checks each stage function's
type hints against the field types it reads and writes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from loaders.extract.context import Doc
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.relations import Index, RelList
from loaders.extract.sites import SiteLink


@dataclass
class Resolved:
    """What resolution hands to the relation rules besides the entities.

    `role_people`: people found by a title or role (not only by a repeated name);
    `mechanism_targets`: target mentions written with a mechanism ("anti-X", "X inhibitor");
    `companies`: every company mention; `site_links`: nesting links whose two sites survived.
    """

    entities: list[Entity] = field(default_factory=list)
    role_people: list[Mention] = field(default_factory=list)
    mechanism_targets: list[Mention] = field(default_factory=list)
    companies: list[Mention] = field(default_factory=list)
    site_links: list[SiteLink] = field(default_factory=list)


@dataclass
class TrialFindings:
    """The trials of a document and the facts about them."""

    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass
class State:
    """Everything the stages read and write for one document."""

    text: str
    source: str
    doc: Doc | None = None
    drugs: list[Mention] = field(default_factory=list)
    companies: list[Mention] = field(default_factory=list)
    sites: list[Mention] = field(default_factory=list)
    site_links: list[SiteLink] = field(default_factory=list)
    people: list[Mention] = field(default_factory=list)
    diseases: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    resolved: Resolved | None = None
    index: Index | None = None
    relations: list[Relation] = field(default_factory=RelList)
    trials: TrialFindings | None = None
    result: dict | None = None


@dataclass(frozen=True)
class Stage:
    """One step: `run(*state[inputs])` -> state[outputs].

    One output gets the return value; several get the items of a returned tuple. With
    `adds`, the (single) output list is extended instead of replaced: the relation rules
    each add their facts to `relations`, and later rules read the earlier ones.
    """

    name: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    run: Callable[..., Any]
    adds: bool = False

    def apply(self, state: State) -> None:
        """Run this stage alone on `state` (its inputs must already be there)."""
        value = self.run(*(getattr(state, name) for name in self.inputs))
        if self.adds:
            getattr(state, self.outputs[0]).extend(value)
        elif len(self.outputs) == 1:
            setattr(state, self.outputs[0], value)
        else:
            for name, item in zip(self.outputs, value, strict=True):
                setattr(state, name, item)


def run_stages(
    state: State, stages: Sequence[Stage], timings: dict[str, float] | None = None
) -> State:
    """Apply `stages` in order; add each one's CPU seconds to `timings` when given."""
    for stage in stages:
        if timings is None:
            stage.apply(state)
            continue
        start = time.process_time()  # CPU time: other processes on the machine do not count
        stage.apply(state)
        timings[stage.name] = timings.get(stage.name, 0.0) + time.process_time() - start
    return state


def timing_lines(timings: dict[str, float]) -> list[str]:
    """A table of CPU seconds and share of the total per stage, in stage order."""
    total = sum(timings.values()) or 1e-9
    width = max((len(name) for name in timings), default=5)
    lines = [f"{name:<{width}}  {s:8.3f} s  {100 * s / total:5.1f}%" for name, s in timings.items()]
    return [*lines, f"{'total':<{width}}  {total:8.3f} s"]
