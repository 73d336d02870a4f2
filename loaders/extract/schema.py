"""Access to graph/ontology.py (type names, id prefixes, property names).

Temporary shim: the ontology module at the skeleton commit defines a method
named `property` inside NodeType before using the `@property` decorator, so
importing it raises TypeError. Until the lead fixes that, load the same file
with that one method renamed, so the ontology stays the single source of truth.
"""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path


def _load() -> types.ModuleType:
    try:
        return importlib.import_module("graph.ontology")
    except TypeError:
        sys.modules.pop("graph.ontology", None)
        path = Path(__file__).resolve().parents[2] / "graph" / "ontology.py"
        source = path.read_text(encoding="utf-8").replace(
            "def property(self, name: str)", "def property_named(self, name: str)"
        )
        module = types.ModuleType("graph.ontology")
        module.__file__ = str(path)
        sys.modules["graph.ontology"] = module
        exec(compile(source, str(path), "exec"), module.__dict__)  # noqa: S102
        return module


ontology = _load()
node_type = ontology.node_type
relationship_type = ontology.relationship_type
Phase = ontology.Phase
