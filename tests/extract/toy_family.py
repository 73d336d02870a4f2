"""A toy entity family, written the way a new entity type's module is: medical devices.

It is the "one family module" of tests/extract/test_toy_family.py: the ontology entry
(`DEVICE_TYPE`), the finder and the `Family` that binds them. Nothing else of the project
knows about devices.
"""

from __future__ import annotations

import re

from graph.ontology import KEY, NodeType, Property
from loaders.extract.context import Doc
from loaders.extract.family import Family
from loaders.extract.model import Mention
from loaders.extract.text import key

DEVICE_TYPE = NodeType(
    "Device",
    "A medical device a drug is given with (a test's toy entity type).",
    (
        Property(KEY, "string", "Canonical key.", required=True),
        Property("name", "string", "Display name.", required=True),
        Property("aliases", "string[]", "Other surface forms."),
    ),
    id_prefix="device",
)

#: A small word list: device kinds, singular or plural, hyphenated or not.
_DEVICES = re.compile(
    r"\b(?:auto-?injector|infusion pump|inhaler|pre-?filled pen|on-?body injector)s?\b", re.I
)


def find_devices(doc: Doc) -> list[Mention]:
    """Every device word of the text, named in lower case."""
    return [
        Mention("Device", m.start(), m.end(), m.group(0), m.group(0).lower())
        for m in _DEVICES.finditer(doc.text)
    ]


def device_key(name: str) -> str:
    """Singular and plural, with or without a hyphen, are one device."""
    return key(name).removesuffix("s")


def device_name(group: list[Mention]) -> str:
    """The shortest name the text gives: the singular, unhyphenated one when it is there."""
    return min((m.name for m in group), key=lambda name: (len(name), name))


DEVICES = Family(
    "Device",
    priority=0,
    find=find_devices,
    key=device_key,
    canonical=device_name,
    id_key=device_key,
)
