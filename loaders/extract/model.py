"""The small data types passed between extraction steps."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Mention:
    """One typed span of the text, with the name it stands for.

    `name` is the surface form cleaned up (qualifiers dropped, suffixes cut);
    `forms` are extra surface forms that belong to the same entity (e.g. the
    long form of an abbreviation); `props` are entity properties found here.
    """

    type: str
    start: int
    end: int
    text: str
    name: str
    forms: tuple[str, ...] = ()
    props: dict = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class Entity:
    """One real-world thing of a document, after merging its mentions."""

    id: str
    type: str
    name: str
    aliases: list[str]
    properties: dict
    mentions: list[Mention]


@dataclass
class Relation:
    """A typed fact between two entities, with the sentence that says it."""

    type: str
    source: Entity
    target: Entity
    sentence: tuple[int, int]
    properties: dict = field(default_factory=dict)
    #: The dotted name of the rule that found it ("develops.possessive"), shown as evidence.
    rule: str = ""
