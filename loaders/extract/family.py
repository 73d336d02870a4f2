"""The entity-family interface: what resolution asks a family instead of branching on labels.

A family is one entity label of the ontology and everything the extractor needs to know to
turn its mentions into entities: how they are found (`find`, the run of its stage), which
wins where mentions of two families overlap (`priority`), when two names are one entity
(`key`), which name an entity shows (`canonical`), what its id is made of (`id_key`) and
whether its mentions may nest (`nests`) or keep their name as written (`fold_name`).

Adding an entity type is one ontology entry (graph/ontology.py), one module that declares
its `Family`, and one line in the stage list (`Stage.finding(FAMILY, inputs)` in
loaders/extract/pipeline.py::STAGES); tests/extract/test_toy_family.py does exactly that.
The built-in families are declared in loaders/extract/families.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph.ontology import node_type
from loaders.extract.model import Mention
from loaders.extract.text import key, words_key


def longest_name(group: list[Mention]) -> str:
    """The default display name of an entity: the longest name its mentions give."""
    return max((m.name for m in group), key=len)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a cache key, cheaply
class Family:
    """One entity family (see the module docstring)."""

    #: The ontology label of its entities.
    label: str
    #: Where mentions of different families overlap with the same length, the higher wins.
    priority: int
    #: Its mention finder: the run of its stage, reading the state fields the stage names.
    find: Callable[..., Any]
    #: Names with equal keys are one entity of the document.
    key: Callable[[str], str] = key
    #: The display name of an entity, from its group of mentions.
    canonical: Callable[[list[Mention]], str] = longest_name
    #: The part of the id after the ontology's id prefix, from the display name.
    id_key: Callable[[str], str] = words_key
    #: Mentions of this family may lie inside one another (an institute inside a university).
    nests: bool = False
    #: The display name is Unicode-folded (quotes, dashes, white space) rather than as written.
    fold_name: bool = True

    def make_id(self, name: str) -> str:
        """`<ontology id prefix>:<id key>`: the same thing read in two documents, one id."""
        return f"{node_type(self.label).id_prefix}:{self.id_key(name)}"
