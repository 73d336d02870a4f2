// "How is A connected to B": the `path` query, drawn, with the evidence of each hop.

import { gql } from "../api.js";
import { announce, documentHref, entityHref, h, pathHref, relWords } from "../dom.js";
import { evidenceItems } from "../evidence.js";
import { drawGraph } from "../graph.js";
import { cypher, factRelTypes, linksOut } from "../links.js";
import { pathQuery } from "../queries.js";
import { attachSearch } from "../search.js";

const MAX_HOPS = 6;

function endField(id, labelText, value) {
  const input = h("input", {
    id,
    name: id,
    type: "text",
    value,
    autocomplete: "off",
    required: true,
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": `${id}-results`,
  });
  const list = h("div", { id: `${id}-results`, class: "combo-list", role: "listbox", "aria-label": `${labelText} suggestions`, hidden: true });
  attachSearch(input, list, (node) => {
    input.value = node.name;
    input.dataset.id = node.id;
  });
  return h("div", { class: "field combo" }, h("label", { for: id }, labelText), input, list);
}

function hopItem(rel, index) {
  const items = evidenceItems(rel);
  return h(
    "li",
    { class: "hop" },
    h("h3", {}, `Hop ${index + 1}: `,
      h("a", { href: entityHref(rel.start.__typename, rel.start.id) }, rel.start.name),
      ` ${relWords(rel.type)}${rel.action ? ` (${rel.action})` : ""} `,
      h("a", { href: entityHref(rel.end.__typename, rel.end.id) }, rel.end.name)),
    h("ol", { class: "evidence-list" }, items.map((item) =>
      h("li", { class: "evidence-item" },
        h("blockquote", {}, item.sentence || "(no sentence recorded)"),
        h("p", { class: "evidence-source" },
          item.document
            ? [h("a", { href: documentHref(item.document.id) }, item.document.title || item.document.source), " · ",
                h("time", { datetime: item.document.publishedAt || "" }, item.document.publishedAt || "no date")]
            : `document ${item.documentId} (deleted)`)))),
  );
}

export async function renderPath(main, params) {
  const from = params.get("from") || "";
  const to = params.get("to") || "";
  const hops = Math.min(MAX_HOPS, Math.max(1, Number(params.get("hops")) || 4));
  const hopsSelect = h("select", { id: "path-hops", name: "hops" },
    Array.from({ length: MAX_HOPS }, (_, i) => h("option", { value: i + 1, selected: i + 1 === hops }, String(i + 1))));
  const form = h(
    "form",
    { class: "card path-form", id: "path-form", "aria-labelledby": "page-title" },
    endField("path-from", "From", from),
    endField("path-to", "To", to),
    h("div", { class: "field" }, h("label", { for: "path-hops" }, "At most hops"), hopsSelect),
    h("button", { type: "submit", class: "button primary" }, "Find path"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const a = form.querySelector("#path-from");
    const b = form.querySelector("#path-to");
    window.location.hash = pathHref(a.dataset.id || a.value.trim(), b.dataset.id || b.value.trim(), hopsSelect.value);
  });
  main.append(
    h("h1", { id: "page-title", tabindex: "-1" }, "How is A connected to B?"),
    h("p", { class: "muted" }, "The shortest chain of facts between two entities, each hop with the sentences that state it."),
    form,
  );
  if (!from || !to) return { title: "Path" };

  const query = pathQuery();
  const variables = { from, to, maxHops: hops };
  const data = await gql(query, variables);
  const path = data.path;
  const result = h("section", { class: "card", id: "path-result", "aria-labelledby": "path-title" });
  main.append(result);
  if (!path) {
    result.append(h("h2", { id: "path-title" }, "Not connected"),
      h("p", {}, `No chain of at most ${hops} facts links “${from}” and “${to}”.`));
    main.append(linksOut({ query, variables }));
    announce("No path found");
    return { title: "Path: not connected" };
  }
  const names = path.nodes.map((n) => n.name).join(" → ");
  const graphBox = h("div", { id: "graph", class: "graph graph-path", role: "img", "aria-label": `Path: ${names}; each hop is listed below.` });
  result.append(
    h("h2", { id: "path-title" }, `${path.length} ${path.length === 1 ? "hop" : "hops"}: ${names}`),
    graphBox,
    h("ol", { class: "hops", id: "path-hops-list" }, path.relationships.map(hopItem)),
  );
  const first = path.nodes[0];
  const last = path.nodes[path.nodes.length - 1];
  for (const [inputId, end] of [["path-from", first], ["path-to", last]]) {
    const input = form.querySelector(`#${inputId}`);
    input.value = end.name;
    input.dataset.id = end.id;
  }
  main.append(linksOut({ query, variables, cypherText: cypher.path(first.id, last.id, hops, factRelTypes()) }));
  drawGraph(
    graphBox,
    {
      nodes: path.nodes.map((n) => ({ id: n.id, name: n.name, type: n.__typename })),
      edges: path.relationships.map((rel, i) => ({
        id: `hop${i}`, source: rel.start.id, target: rel.end.id, relType: rel.type, index: i,
      })),
      layout: "line",
    },
    {
      onNode: (clicked) => { window.location.hash = entityHref(clicked.type, clicked.id); },
      onEdge: (edge) => {
        const item = result.querySelectorAll(".hop")[edge.index];
        item.scrollIntoView({ block: "nearest" });
        item.querySelector("h3").setAttribute("tabindex", "-1");
        item.querySelector("h3").focus();
      },
    },
  );
  announce(`Path found: ${path.length} hops`);
  return { title: `Path: ${names}` };
}
