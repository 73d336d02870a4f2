"""Render the graph model (graph/ontology.py) as docs/model.md and docs/model.svg.

Analysts writing Cypher need the labels, properties and relationship types in
front of them; generating both the page and the picture from the ontology
keeps them true, and a test compares the committed files with a fresh
rendering so a model change without `kg docs` is caught. The SVG is written
by hand-rolled, deterministic Python so no system tool is needed to draw it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from graph import ontology as o

MODEL_MD = "model.md"
MODEL_SVG = "model.svg"

# --------------------------------------------------------------------------- markdown


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _property_table(props: Iterable[o.Property], key: str | None) -> list[str]:
    lines = [
        "| property | type | required | description |",
        "|---|---|---|---|",
    ]
    for p in props:
        name = f"`{p.name}`" + (" (key)" if p.name == key else "")
        required = "yes" if p.required else ""
        lines.append(f"| {name} | {p.type} | {required} | {_md_cell(p.description)} |")
    return lines


def _end_text(label: str) -> str:
    if label == o.ENTITY_LABEL:
        return f"`{o.ENTITY_LABEL}` (any of {', '.join(o.ENTITY_LABELS)})"
    return f"`{label}`"


def render_markdown() -> str:
    """The model reference page, derived entirely from graph/ontology.py."""
    fact = next(r for r in o.RELATIONSHIP_TYPES if r.has_provenance)
    mentions = [r for r in o.RELATIONSHIP_TYPES if not r.has_provenance]
    phases = ", ".join(f"`{p.value}`" for p in o.Phase)
    out: list[str] = [
        "# The graph model",
        "",
        "<!-- Generated from graph/ontology.py by `kg docs`; do not edit by hand. -->",
        "",
        "This page lists every node label, property and relationship type of the knowledge",
        "graph. It is generated from `graph/ontology.py`, the single definition of the model;",
        "after changing the ontology run `kg docs` to regenerate this page and the picture.",
        "",
        f"![Schema: labels as boxes, relationship types as arrows]({MODEL_SVG})",
        "",
        "## Conventions",
        "",
        f"- Every node has a unique key property `{o.KEY}`; entity ids look like",
        "  `<prefix>:<normalized name>`, e.g. `drug:...` (prefixes listed per label below).",
        f"- Every entity node also carries the label `{o.ENTITY_LABEL}`"
        f" ({', '.join(o.ENTITY_LABELS)}),",
        f"  so `MATCH (e:{o.ENTITY_LABEL})` spans all of them. `Document` is not an entity.",
        f"- The full-text index `{o.FULLTEXT_INDEX}` covers `name` and `aliases` of every"
        f" `{o.ENTITY_LABEL}`:",
        f"  `CALL db.index.fulltext.queryNodes('{o.FULLTEXT_INDEX}', $text) YIELD node, score`.",
        "- Match on `name` for display names; names are normalized (no legal suffix such as",
        '  "Inc."), other spellings are in `aliases`.',
        f"- Phases (`Trial.phase`, `Drug.highestPhase`) use one vocabulary: {phases}.",
        "",
        "## Node labels",
        "",
        "| label | entity | id prefix | description |",
        "|---|---|---|---|",
    ]
    for n in o.NODE_TYPES:
        entity = "yes" if n.is_entity else "no"
        out.append(
            f"| [`{n.label}`](#{n.label.lower()}) | {entity} | `{n.id_prefix}` | "
            f"{_md_cell(n.description)} |"
        )
    for n in o.NODE_TYPES:
        labels = f":{n.label}:{o.ENTITY_LABEL}" if n.is_entity else f":{n.label}"
        out += ["", f"### {n.label}", "", f"{n.description} Labels: `{labels}`.", ""]
        out += _property_table(n.properties, o.KEY)
    out += [
        "",
        "## Relationship types",
        "",
        "| relationship | from | to | properties | description |",
        "|---|---|---|---|---|",
    ]
    for r in o.RELATIONSHIP_TYPES:
        props = ", ".join(f"`{p.name}`" for p in r.properties)
        out.append(
            f"| [`{r.type}`](#{r.type.lower()}) | {_end_text(r.start)} | {_end_text(r.end)} "
            f"| {props} | {_md_cell(r.description)} |"
        )
    for r in o.RELATIONSHIP_TYPES:
        end = o.ENTITY_LABEL if r.end == o.ENTITY_LABEL else r.end
        out += [
            "",
            f"### {r.type}",
            "",
            f"`(:{r.start})-[:{r.type}]->(:{end})`: {r.description}",
            "",
        ]
        out += _property_table(r.properties, None)
    out += [
        "",
        "## Provenance: where every fact comes from",
        "",
        f"Every fact relationship ({', '.join(f'`{t}`' for t in o.FACT_RELATIONSHIP_TYPES)})"
        " keeps only",
        f"aggregates of its support: `{o.SUPPORT_COUNT}` (how many documents state it),"
        f" `{o.FIRST_SEEN}` and",
        f"`{o.LAST_SEEN}` (earliest and latest publication date of those documents). The"
        " evidence itself is",
        f"one `{o.SUPPORTS}` relationship per (document, fact), from the `Document` to the"
        " fact's start entity:",
        "",
        f"`(:Document)-[:{o.SUPPORTS} {{{o.FACT}, sentence, rule, publishedAt}}]->(start)`",
        "",
        f"where `{o.FACT}` is the fact's key `TYPE|startId|endId` (indexed). So writing the"
        " 5,000th",
        "supporting document costs what the first did, and the evidence of a fact is an"
        " index seek.",
        f"Deleting a document removes its `{o.SUPPORTS}` records and recounts the aggregates;"
        " a fact",
        "left with no supporting document is removed with it.",
        "",
    ]
    out += _property_table(o.EVIDENCE_RELATIONSHIP.properties, None)
    out += [
        "",
        "## Name lookups",
        "",
        f"Every entity has `{o.KEYS}`: its name and aliases case-folded with whitespace"
        " collapsed, and for",
        f"each key a `(:{o.NAME_KEY_LABEL} {{key}})-[:{o.NAMES}]->(entity)`"
        f" (`{o.NAME_KEY_LABEL}.key` is unique). Finding an",
        "entity by name or alias is then an index seek, whatever the size of the graph:",
        "",
        "```cypher",
        f"MATCH (:{o.NAME_KEY_LABEL} {{key: 'zx-101'}})-[:{o.NAMES}]->(d:Drug) RETURN d.name",
        "```",
        "",
    ]
    for m in mentions:
        props = ", ".join(p.name for p in m.properties)
        out += [
            f"`(:{m.start})-[:{m.type} {{{props}}}]->(:{o.ENTITY_LABEL})` records that a document",
            "names an entity: "
            + "; ".join(
                f"`{p.name}`, {p.description[0].lower()}{p.description[1:].rstrip('.')}"
                for p in m.properties
            )
            + ".",
            "It is not a fact and has no evidence list; use it for co-mentions and for",
            '"which documents talk about X". Deleting the document takes back the names only it',
            "gave an entity that stays.",
            "",
        ]
    others = ", ".join(f"`{t}`" for t in o.FACT_RELATIONSHIP_TYPES if t != fact.type)
    out += [
        f"Reading the evidence of one fact in Cypher, newest first (here: which documents say"
        f" that a `{fact.start}`",
        f"`{fact.type}` a `{fact.end}`; {others} work the same way):",
        "",
        "```cypher",
        f"MATCH (a:{fact.start} {{name: $fromName}})"
        f"-[r:{fact.type}]->(b:{fact.end} {{name: $toName}})",
        f"MATCH (doc:Document)-[s:{o.SUPPORTS} {{{o.FACT}: type(r) + '|' + a.{o.KEY} + '|' +"
        f" b.{o.KEY}}}]->(a)",
        "RETURN doc.title, doc.source, doc.publishedAt, s.sentence AS sentence",
        "ORDER BY doc.publishedAt DESC",
        "```",
        "",
        "Which documents mention an entity, most mentions first:",
        "",
        "```cypher",
        f"MATCH (doc:Document)-[m:MENTIONS]->(e:{o.ENTITY_LABEL} {{name: $name}})",
        "RETURN doc.title, m.count ORDER BY m.count DESC",
        "```",
        "",
        "More example queries are in `queries/` (see `docs/cypher.md`).",
        "",
    ]
    for log in o.LOG_NODE_TYPES:
        out += [
            f"## The curation log: `{log.label}`",
            "",
            f"{log.description} One `(:{log.label})` node per decision of `kg curate` or a",
            "`curate*` mutation (see `docs/curation.md`). It has no entity label: it is not",
            "knowledge, so no search, list or GraphQL entity type shows it (`curationLog` does).",
            "",
        ]
        out += _property_table(log.properties, o.KEY)
        out.append("")
    state = o.GRAPH_STATE_NODE_TYPE
    out += [
        f"## The graph's state: `{state.label}`",
        "",
        f"{state.description} When the rules that derive lookup keys change, the next",
        "`kg load`, `kg delete`, `kg init` or `kg migrate` gives every entity today's keys and",
        "merges the nodes that now name one thing, once (see `docs/loading.md`).",
        "",
    ]
    out += _property_table(state.properties, o.KEY)
    out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------- picture

#: Where each label sits in the picture (column, row); a presentation choice only.
#: Labels the ontology gains later are placed automatically after these.
_PREFERRED_CELLS: dict[str, tuple[int, int]] = {
    "Company": (0, 0),
    "Drug": (1, 0),
    "Target": (2, 0),
    "Trial": (1, 1),
    "Disease": (2, 1),
    "Investigator": (0, 2),
    "Site": (1, 2),
}

_FONT = "Helvetica, Arial, sans-serif"
_BOX_W = 220
_CELL_W = 390
_ROW_GAP = 150
_MARGIN = 50
_LINE_H = 15
_HEADER_H = 28
_CHARS_PER_LINE = 32


@dataclass(frozen=True)
class _Box:
    label: str
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


def _wrap(words: list[str], width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current}, {word}" if current else word
        if current and len(candidate) > width:
            lines.append(current + ",")
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _own_properties(node: o.NodeType) -> list[str]:
    common = {o.KEY, "name", "aliases", "xrefs"}
    return [p.name for p in node.properties if p.name not in common or not node.is_entity]


def _entity_cells() -> dict[str, tuple[int, int]]:
    cells = {lbl: c for lbl, c in _PREFERRED_CELLS.items() if lbl in o.ENTITY_LABELS}
    taken = set(cells.values())
    free = ((col, row) for row in range(100) for col in range(3) if (col, row) not in taken)
    for label in o.ENTITY_LABELS:
        if label not in cells:
            cells[label] = next(free)
    return cells


def _box_height(lines: int) -> float:
    return _HEADER_H + 10 + lines * _LINE_H if lines else _HEADER_H + 4


def _layout() -> tuple[dict[str, _Box], tuple[float, float, float, float], float, float]:
    cells = _entity_cells()
    lines_of = {
        label: tuple(_wrap(_own_properties(o.node_type(label)), _CHARS_PER_LINE)) for label in cells
    }
    cols = max(c for c, _ in cells.values()) + 1
    rows = max(r for _, r in cells.values()) + 1
    row_h = [
        max(
            (_box_height(len(lines_of[lbl])) for lbl, (_, r) in cells.items() if r == row),
            default=_HEADER_H,
        )
        for row in range(rows)
    ]
    row_top = [_MARGIN + 60 + sum(row_h[:row]) + row * _ROW_GAP for row in range(rows)]
    boxes: dict[str, _Box] = {}
    for label, (col, row) in cells.items():
        h = _box_height(len(lines_of[label]))
        x = _MARGIN + 30 + col * _CELL_W
        y = row_top[row] + (row_h[row] - h) / 2
        boxes[label] = _Box(label, x, y, _BOX_W, h, lines_of[label])
    group_w = cols * _CELL_W - (_CELL_W - _BOX_W) + 60 + 80  # room for a self-loop on the right
    group_h = row_top[-1] + row_h[-1] + 40 - _MARGIN
    group = (_MARGIN, _MARGIN, group_w, group_h)
    y = group[1] + group[3] + 110
    for n in o.NODE_TYPES:
        if n.is_entity:
            continue
        lines = tuple(_wrap(_own_properties(n), _CHARS_PER_LINE + 30))
        w = _BOX_W + 190
        boxes[n.label] = _Box(
            n.label, group[0] + (group[2] - w) / 2, y, w, _box_height(len(lines)), lines
        )
        y += _box_height(len(lines)) + 40
    width = group[0] + group[2] + _MARGIN
    height = y + 50
    return boxes, group, width, height


def _border_point(box: _Box, toward_x: float, toward_y: float) -> tuple[float, float]:
    """Where the line from the box centre toward a point leaves the box."""
    dx, dy = toward_x - box.cx, toward_y - box.cy
    if dx == 0 and dy == 0:
        return box.cx, box.cy
    scale = min(
        (box.w / 2) / abs(dx) if dx else math.inf,
        (box.h / 2) / abs(dy) if dy else math.inf,
    )
    return box.cx + dx * scale, box.cy + dy * scale


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 12,
    weight: str = "normal",
    anchor: str = "middle",
    fill: str = "#222",
) -> str:
    return (
        f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-family="{_FONT}" font-size="{size}" '
        f'font-weight="{weight}" text-anchor="{anchor}" fill="{fill}">{escape(text)}</text>'
    )


def _edge_label(x: float, y: float, names: list[str]) -> list[str]:
    out = []
    width = max(len(n) for n in names) * 7.2 + 12
    height = len(names) * 15 + 6
    out.append(
        f'<rect x="{_fmt(x - width / 2)}" y="{_fmt(y - height / 2)}" '
        f'width="{_fmt(width)}" height="{_fmt(height)}" rx="4" fill="#fff" '
        'stroke="#8aa" stroke-width="0.8"/>'
    )
    for i, name in enumerate(names):
        ty = y - height / 2 + 15 + i * 15
        out.append(_text(x, ty, name, size=12, weight="bold", fill="#14505c"))
    return out


def _rel_caption(rel: o.RelationshipType) -> str:
    aggregates = (o.SUPPORT_COUNT, o.FIRST_SEEN, o.LAST_SEEN)
    extra = [p.name for p in rel.properties if p.name not in aggregates]
    return f"{rel.type} {{{', '.join(extra)}}}" if extra else rel.type


def render_svg() -> str:
    """The schema picture: a box per label, an arrow per relationship type."""
    boxes, group, width, height = _layout()
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(width)}" '
        f'height="{_fmt(height)}" viewBox="0 0 {_fmt(width)} {_fmt(height)}">',
        "<title>pharma-kg graph model (generated from graph/ontology.py)</title>",
        "<defs>",
        '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
        'markerHeight="9" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#14505c"/></marker>',
        "</defs>",
        f'<rect x="0" y="0" width="{_fmt(width)}" height="{_fmt(height)}" fill="#fff"/>',
    ]
    gx, gy, gw, gh = group
    parts.append(
        f'<rect x="{_fmt(gx)}" y="{_fmt(gy)}" width="{_fmt(gw)}" height="{_fmt(gh)}" '
        'rx="14" fill="#f6f9fb" stroke="#7a8b99" stroke-width="1.5" '
        'stroke-dasharray="8 5"/>'
    )
    parts.append(
        _text(
            gx + 14,
            gy + 24,
            f":{o.ENTITY_LABEL}  (every box in this frame; "
            f"full-text index {o.FULLTEXT_INDEX} on name, aliases)",
            size=13,
            weight="bold",
            anchor="start",
            fill="#4a5a68",
        )
    )

    edges: dict[tuple[str, str], list[str]] = {}
    for rel in o.RELATIONSHIP_TYPES:
        edges.setdefault((rel.start, rel.end), []).append(_rel_caption(rel))
    lines: list[str] = []
    labels: list[str] = []
    for (start, end), names in edges.items():
        a = boxes[start]
        if end == o.ENTITY_LABEL:
            x1, y1 = a.cx, a.y
            x2, y2 = a.cx, gy + gh
            lines.append(
                f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" '
                f'y2="{_fmt(y2)}" stroke="#14505c" stroke-width="1.6" '
                'marker-end="url(#arrow)"/>'
            )
            labels += _edge_label(x1, (y1 + y2) / 2, names)
        elif start == end:
            x0, y0 = a.x + a.w, a.cy - 18
            x3, y3 = a.x + a.w, a.cy + 18
            lines.append(
                f'<path d="M{_fmt(x0)},{_fmt(y0)} C{_fmt(x0 + 70)},{_fmt(y0 - 30)} '
                f'{_fmt(x3 + 70)},{_fmt(y3 + 30)} {_fmt(x3)},{_fmt(y3)}" fill="none" '
                'stroke="#14505c" stroke-width="1.6" marker-end="url(#arrow)"/>'
            )
            labels += _edge_label(x0 + 95, a.cy, names)
        else:
            b = boxes[end]
            x1, y1 = _border_point(a, b.cx, b.cy)
            x2, y2 = _border_point(b, a.cx, a.cy)
            lines.append(
                f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" '
                f'y2="{_fmt(y2)}" stroke="#14505c" stroke-width="1.6" '
                'marker-end="url(#arrow)"/>'
            )
            labels += _edge_label((x1 + x2) / 2, (y1 + y2) / 2, names)
    parts += lines

    for box in boxes.values():
        parts.append(
            f'<rect x="{_fmt(box.x)}" y="{_fmt(box.y)}" width="{_fmt(box.w)}" '
            f'height="{_fmt(box.h)}" rx="8" fill="#e3f1f4" stroke="#14505c" '
            'stroke-width="1.5"/>'
        )
        if box.lines:
            parts.append(
                f'<line x1="{_fmt(box.x)}" y1="{_fmt(box.y + _HEADER_H)}" '
                f'x2="{_fmt(box.x + box.w)}" y2="{_fmt(box.y + _HEADER_H)}" '
                'stroke="#14505c" stroke-width="1"/>'
            )
        parts.append(_text(box.cx, box.y + 19, box.label, size=15, weight="bold"))
        for i, line in enumerate(box.lines):
            parts.append(
                _text(
                    box.x + 10,
                    box.y + _HEADER_H + 17 + i * _LINE_H,
                    line,
                    size=11,
                    anchor="start",
                    fill="#333",
                )
            )
    parts += labels
    parts.append(
        _text(
            gx,
            height - 20,
            f"Every node: {o.KEY} (unique key). Every entity: "
            f"name, aliases, xrefs. Every relationship except MENTIONS: "
            f"{o.SUPPORT_COUNT}, {o.FIRST_SEEN}, {o.LAST_SEEN}; evidence: "
            f"(:Document)-[:{o.SUPPORTS}]->(start).",
            size=12,
            anchor="start",
            fill="#4a5a68",
        )
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------- files


def rendered_files() -> dict[str, str]:
    """File name (inside docs/) -> the content it should have."""
    return {MODEL_MD: render_markdown(), MODEL_SVG: render_svg()}


def write_docs(docs_dir: Path) -> list[Path]:
    """Write the model page and picture into `docs_dir`; returns the files written."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in rendered_files().items():
        path = docs_dir / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def stale_docs(docs_dir: Path) -> list[Path]:
    """The files in `docs_dir` that are missing or differ from a fresh rendering."""
    stale = []
    for name, content in rendered_files().items():
        path = docs_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            stale.append(path)
    return stale
