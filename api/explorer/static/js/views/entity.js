// An entity's page: properties, external ids, the neighbourhood picture, a table of the same
// relationships (the keyboard and screen-reader way to the same facts) and the evidence panel.

import { getConfig, gql, typeInfo } from "../api.js";
import { announce, documentHref, entityHref, errorBox, formatDate, h, propertyLabel, relWords } from "../dom.js";
import { evidenceItems } from "../evidence.js";
import { drawGraph, legend } from "../graph.js";
import { cypher, linksOut } from "../links.js";
import { edgeEvidenceQuery, entityQuery, extraProperties } from "../queries.js";
import { entityHeader, subNav } from "./common.js";

/** Most neighbours per relationship field drawn in the picture. */
export function neighbourLimit() {
  return Math.min(30, getConfig().maxPageSize);
}

/** Links out for the external ids we know how to resolve; others are shown as text. */
const XREF_LINKS = {
  HGNC: (id) => `https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:${id}`,
  MESH: (id) => `https://meshb.nlm.nih.gov/record/ui?ui=${id}`,
  DRUGBANK: (id) => `https://go.drugbank.com/drugs/${id}`,
};

function xrefItem(xref) {
  const [prefix, ...rest] = xref.split(":");
  const make = XREF_LINKS[prefix.toUpperCase()];
  const local = rest.join(":");
  return h("li", {}, make && local ? h("a", { href: make(local), rel: "noopener", target: "_blank" }, xref) : xref);
}

function propertiesSection(label, node) {
  const rows = extraProperties(label)
    .filter((p) => node[p.name] !== null && node[p.name] !== undefined && !(Array.isArray(node[p.name]) && !node[p.name].length))
    .map((p) => [
      h("dt", { title: p.description }, propertyLabel(p.name)),
      h("dd", {}, Array.isArray(node[p.name]) ? node[p.name].join(", ") : String(node[p.name])),
    ]);
  return h(
    "section",
    { class: "card", "aria-labelledby": "props-title" },
    h("h2", { id: "props-title" }, "Properties"),
    rows.length ? h("dl", { class: "props" }, rows) : h("p", { class: "muted" }, "No other properties recorded."),
    h("h3", {}, "External ids"),
    node.xrefs.length ? h("ul", { class: "xrefs" }, node.xrefs.map(xrefItem)) : h("p", { class: "muted" }, "None recorded."),
    h("p", { class: "muted small" }, `Id: ${node.id}`),
  );
}

/** Relationship rows of the entity: one per (field, other node). */
function relationshipRows(label, node) {
  const rows = [];
  for (const rel of typeInfo(label).relationships) {
    for (const edge of node[rel.field] || []) {
      rows.push({ rel, other: edge.node, props: Object.fromEntries(rel.edgeProperties.map((p) => [p, edge[p]])) });
    }
  }
  return rows;
}

function pictureData(label, node, rows) {
  const nodes = new Map([[node.id, { id: node.id, name: node.name, type: label }]]);
  const edges = [];
  rows.forEach((row, index) => {
    nodes.set(row.other.id, { id: row.other.id, name: row.other.name, type: row.other.__typename });
    const out = row.rel.direction === "out";
    const action = row.props.action ? ` (${row.props.action})` : "";
    edges.push({
      id: `e${index}`,
      source: out ? node.id : row.other.id,
      target: out ? row.other.id : node.id,
      relType: row.rel.relType,
      label: relWords(row.rel.relType) + action,
      row,
    });
  });
  return { nodes: [...nodes.values()], edges };
}

async function showEvidence(panel, label, node, row) {
  const first = getConfig().maxPageSize;
  const sentence = factSentence(node, row);
  panel.replaceChildren(h("h2", { id: "evidence-title", tabindex: "-1" }, "Evidence"), h("p", { class: "muted" }, "Loading…"));
  panel.setAttribute("aria-busy", "true");
  panel.dataset.state = "loading";
  const started = performance.now();
  const query = edgeEvidenceQuery(label, row.rel.field);
  const variables = { id: node.id, first };
  try {
    const data = await gql(query, variables);
    const edge = (data.node?.edges || []).find((e) => e.node.id === row.other.id);
    const items = evidenceItems(edge)
      .slice()
      .sort((a, b) => String(b.document?.publishedAt || "").localeCompare(String(a.document?.publishedAt || "")));
    panel.replaceChildren(
      h("h2", { id: "evidence-title", tabindex: "-1" }, `Evidence: ${sentence}`),
      h("p", { class: "muted small" }, `${items.length} supporting ${items.length === 1 ? "document" : "documents"}`),
      h(
        "ol",
        { class: "evidence-list" },
        items.map((item) =>
          h(
            "li",
            { class: "evidence-item" },
            h("blockquote", {}, item.sentence || "(no sentence recorded)"),
            h(
              "p",
              { class: "evidence-source" },
              item.document
                ? [h("a", { href: documentHref(item.document.id) }, item.document.title || item.document.source), " · ",
                    h("time", { datetime: item.document.publishedAt || "" }, formatDate(item.document.publishedAt))]
                : `document ${item.documentId} (deleted)`,
            ),
          ),
        ),
      ),
      linksOut({ query, variables, cypherText: cypher.edge(label, node.id, row.rel, row.other.id) }),
    );
    announce(`Evidence for ${sentence}: ${items.length} sentences`);
  } catch (error) {
    panel.replaceChildren(h("h2", { id: "evidence-title", tabindex: "-1" }, "Evidence"), errorBox(error));
  }
  panel.removeAttribute("aria-busy");
  panel.dataset.ms = String(Math.round(performance.now() - started));
  panel.dataset.state = "ready";
  panel.querySelector("#evidence-title").focus();
}

/** "Halvorsen Pharma develops brivanacept": the fact in its own direction, for labels. */
function factSentence(node, row) {
  const [start, end] = row.rel.direction === "out" ? [node.name, row.other.name] : [row.other.name, node.name];
  return `${start} ${relWords(row.rel.relType)} ${end}`;
}

function relationshipTable(node, rows, onEvidence) {
  if (!rows.length) return h("p", { class: "muted" }, "No relationships recorded.");
  return h(
    "table",
    { class: "data-table", id: "relationships-table" },
    h("caption", { class: "visually-hidden" }, "Relationships of this entity, as drawn in the picture"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Relationship"), h("th", { scope: "col" }, "Entity"),
      h("th", { scope: "col" }, "Type"), h("th", { scope: "col" }, "Evidence"))),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          {},
          h("td", {}, (row.rel.direction === "out" ? "→ " : "← ") + relWords(row.rel.relType) + (row.props.action ? ` (${row.props.action})` : "")),
          h("td", {}, h("a", { href: entityHref(row.other.__typename, row.other.id) }, row.other.name)),
          h("td", {}, h("span", { class: `swatch type-${row.other.__typename}`, "aria-hidden": "true" }), row.other.__typename),
          h("td", {}, h("button", { type: "button", class: "link-button", onclick: () => onEvidence(row) },
            h("span", { class: "visually-hidden" }, `Evidence: ${factSentence(node, row)}`),
            h("span", { "aria-hidden": "true" }, "Show evidence"))),
        ),
      ),
    ),
  );
}

export async function renderEntity(main, { label, id }) {
  const limit = neighbourLimit();
  const query = entityQuery(label);
  const variables = { id, first: limit };
  const data = await gql(query, variables);
  const node = data.node;
  if (!node) {
    main.append(h("h1", {}, "Not found"), h("p", {}, `No ${label} with id ${id}.`));
    return { title: "Not found" };
  }
  const rows = relationshipRows(label, node);
  const picture = pictureData(label, node, rows);
  const truncated = typeInfo(label).relationships.some((rel) => (node[rel.field] || []).length >= limit);
  const evidencePanel = h("section", { id: "evidence-panel", class: "card evidence-panel", "aria-labelledby": "evidence-title", "aria-live": "polite" },
    h("h2", { id: "evidence-title", tabindex: "-1" }, "Evidence"),
    h("p", { class: "muted" }, "Click a line in the picture, or a “Show evidence” button in the table, to read the sentences that state the fact."));
  const onEvidence = (row) => showEvidence(evidencePanel, label, node, row);
  const graphBox = h("div", {
    id: "graph",
    class: "graph",
    role: "img",
    "aria-label": `Neighbourhood of ${node.name}: ${picture.nodes.length} entities and ${picture.edges.length} relationships, listed in the table below.`,
  });
  const types = [...new Set(picture.nodes.map((n) => n.type))];
  main.append(
    entityHeader(label, node),
    subNav(label, node, "overview"),
    h(
      "div",
      { class: "entity-grid" },
      h("div", { class: "side" }, propertiesSection(label, node), evidencePanel),
      h(
        "section",
        { class: "card picture", "aria-labelledby": "graph-title" },
        h("h2", { id: "graph-title" }, "Neighbourhood"),
        h("p", { class: "muted small", id: "graph-caption" },
          `${picture.nodes.length} entities · ${picture.edges.length} relationships` +
          (truncated ? ` (first ${limit} per relationship)` : "") +
          ". Click an entity to open it, a line to read its evidence; scroll to zoom, drag to pan."),
        graphBox,
        legend(types),
      ),
    ),
    h("section", { class: "card", "aria-labelledby": "rels-title" }, h("h2", { id: "rels-title" }, "Relationships"), relationshipTable(node, rows, onEvidence)),
    linksOut({ query, variables, cypherText: cypher.neighbourhood(label, id) }),
  );
  drawGraph(graphBox, { nodes: picture.nodes, edges: picture.edges, focusId: node.id }, {
    onNode: (clicked) => {
      if (clicked.id !== node.id) window.location.hash = entityHref(clicked.type, clicked.id);
    },
    onEdge: (edge) => onEvidence(edge.row),
  });
  return { title: `${node.name} (${label})` };
}
