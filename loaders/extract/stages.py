"""Declared extraction stages: named steps with typed inputs and outputs over one state.

Why: the pipeline order is data (`pipeline.STAGES`), so each step can be run, timed and
tested alone, and a new step is one line in the list. A stage reads fields of `State`
by name and writes its result to named fields; a test checks each stage function's
type hints against the field types it reads and writes.

Mentions are kept per label (`State.mentions`, addressed as "mentions.<Label>"), so a new
entity family needs no new field: its stage (`Stage.finding(family, inputs)`) writes
`mentions.<its label>` and records the family, and resolution reads every family's
mentions and asks each family how to rank, group and name them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from loaders.extract.context import Doc
from loaders.extract.family import Family
from loaders.extract.model import Entity, Mention, Relation
from loaders.extract.relations.index import Index, RelList
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
    #: Each family's mentions by label, in the order the families' stages ran.
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    #: The families whose stages ran, by label: resolution asks them.
    families: dict[str, Family] = field(default_factory=dict)
    site_links: list[SiteLink] = field(default_factory=list)
    resolved: Resolved | None = None
    index: Index | None = None
    relations: list[Relation] = field(default_factory=RelList)
    trials: TrialFindings | None = None
    result: dict | None = None

    def get(self, name: str) -> Any:
        """A field, or one family's mentions for "mentions.<Label>" (none yet: empty)."""
        field_name, _, label = name.partition(".")
        if label:
            return getattr(self, field_name).get(label, [])
        return getattr(self, name)

    def set(self, name: str, value: Any) -> None:
        field_name, _, label = name.partition(".")
        if label:
            getattr(self, field_name)[label] = value
        else:
            setattr(self, name, value)


@dataclass(frozen=True)
class Stage:
    """One step: `run(*state[inputs])` -> state[outputs].

    One output gets the return value; several get the items of a returned tuple. With
    `adds`, the (single) output list is extended instead of replaced: the relation rules
    each add their facts to `relations`, and later rules read the earlier ones. A name
    "mentions.<Label>" is one family's mentions. A `family` stage (`Stage.finding`) also
    records its family in `families`, for resolution.
    """

    name: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    run: Callable[..., Any]
    adds: bool = False
    family: Family | None = None

    @classmethod
    def finding(
        cls,
        family: Family,
        inputs: tuple[str, ...] = ("doc",),
        also: tuple[str, ...] = (),
        name: str | None = None,
    ) -> Stage:
        """The stage of a family: `family.find(*inputs)` -> its mentions (then `also`).

        Named after the label ("Toy" -> "toys") unless `name` is given."""
        return cls(
            name or f"{family.label.lower()}s",
            inputs,
            (f"mentions.{family.label}", *also),
            family.find,
            family=family,
        )

    def apply(self, state: State) -> None:
        """Run this stage alone on `state` (its inputs must already be there)."""
        value = self.run(*(state.get(name) for name in self.inputs))
        if self.family is not None:
            state.families[self.family.label] = self.family
        if self.adds:
            state.get(self.outputs[0]).extend(value)
        elif len(self.outputs) == 1:
            state.set(self.outputs[0], value)
        else:
            for name, item in zip(self.outputs, value, strict=True):
                state.set(name, item)


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
