// Analyst views: a target's or disease's drugs (sortable table), a company's pipeline by phase.

import { getConfig, gql } from "../api.js";
import { entityHref, h, phaseLabel } from "../dom.js";
import { cypher, linksOut } from "../links.js";
import { fieldTo, landscapeNewsQuery, landscapeQuery, pipelineQuery } from "../queries.js";
import { entityHeader, subNav } from "./common.js";

function phaseRank(phase) {
  const index = getConfig().phases.indexOf(phase);
  return index < 0 ? -1 : index;
}

/** The furthest stage of the drug: its own highestPhase or the phase of any trial of it. */
export function highestPhase(drug) {
  const phases = [drug.highestPhase, ...(drug.trials || []).map((t) => t.node.phase)];
  let best = null;
  for (const phase of phases) {
    if (phase && phaseRank(phase) > phaseRank(best)) best = phase;
  }
  return best;
}

function latestDate(documents) {
  let latest = null;
  for (const mention of documents || []) {
    const date = mention.node.publishedAt;
    if (date && (!latest || date > latest)) latest = date;
  }
  return latest;
}

const COLUMNS = [
  { key: "drug", label: "Drug", value: (r) => r.drug.name.toLowerCase() },
  { key: "companies", label: "Company", value: (r) => r.companies.map((c) => c.name).join(", ").toLowerCase() },
  { key: "phase", label: "Highest phase", value: (r) => phaseRank(r.phase) },
  { key: "action", label: "Action", value: (r) => (r.action || "").toLowerCase(), optional: true },
  { key: "latest", label: "Latest news", value: (r) => r.latest || "" },
];

/** A table whose column headers are buttons that sort it; aria-sort tells which and how. */
function sortableTable(rows, columns, initial) {
  let sortKey = initial.key;
  let ascending = initial.ascending;
  const table = h("table", { class: "data-table sortable", id: "landscape-table" });
  const caption = h("caption", {}, "Drugs; choose a column heading to sort by it.");

  function cell(column, row) {
    if (column.key === "drug") return h("a", { href: entityHref("Drug", row.drug.id) }, row.drug.name);
    if (column.key === "companies") {
      return row.companies.length
        ? row.companies.flatMap((c, i) => [i ? ", " : "", h("a", { href: entityHref("Company", c.id) }, c.name)])
        : h("span", { class: "muted" }, "unknown");
    }
    if (column.key === "phase") return h("span", { class: `phase phase-${row.phase || "none"}` }, phaseLabel(row.phase));
    if (column.key === "action") return row.action || "";
    if (row.latest === undefined) return h("span", { class: "muted" }, "loading…");
    return row.latest ? h("time", { datetime: row.latest }, row.latest) : h("span", { class: "muted" }, "no date");
  }

  function draw() {
    const column = columns.find((c) => c.key === sortKey);
    const sorted = rows.slice().sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = x < y ? -1 : x > y ? 1 : a.drug.name.localeCompare(b.drug.name);
      return ascending ? order : -order;
    });
    const head = h("tr", {}, columns.map((c) => {
      const state = c.key === sortKey ? (ascending ? "ascending" : "descending") : "none";
      return h(
        "th",
        { scope: "col", "aria-sort": state },
        h("button", {
          type: "button",
          class: "sort-button",
          "data-column": c.key,
          onclick: () => {
            ascending = c.key === sortKey ? !ascending : c.key !== "phase" && c.key !== "latest";
            sortKey = c.key;
            draw();
            table.querySelector(`button[data-column="${c.key}"]`).focus();
          },
        }, c.label, h("span", { class: "sort-mark", "aria-hidden": "true" }, state === "ascending" ? " ▲" : state === "descending" ? " ▼" : "")),
      );
    }));
    table.replaceChildren(
      caption,
      h("thead", {}, head),
      h("tbody", {}, sorted.map((row) => h("tr", {}, columns.map((c) => h("td", {}, cell(c, row)))))),
    );
  }

  draw();
  return { table, draw };
}

/** Fill in the latest-news column once its (slower) query answers; the table is usable before. */
async function fillLatestNews(label, id, rows, table, draw) {
  const started = performance.now();
  table.setAttribute("aria-busy", "true");
  try {
    const data = await gql(landscapeNewsQuery(label), { id, first: getConfig().maxPageSize });
    const byId = new Map((data.node?.drugs || []).map((edge) => [edge.node.id, latestDate(edge.node.latest)]));
    for (const row of rows) row.latest = byId.get(row.drug.id) ?? null;
  } catch {
    for (const row of rows) row.latest = null;
  }
  const focused = document.activeElement?.dataset?.column;
  draw();
  if (focused) table.querySelector(`button[data-column="${focused}"]`)?.focus();
  table.removeAttribute("aria-busy");
  table.dataset.newsMs = String(Math.round(performance.now() - started));
  table.dataset.news = "ready";
}

export async function renderLandscape(main, { label, id }) {
  const first = getConfig().maxPageSize;
  const query = landscapeQuery(label);
  const variables = { id, first };
  const data = await gql(query, variables);
  const node = data.node;
  if (!node) {
    main.append(h("h1", {}, "Not found"));
    return { title: "Not found" };
  }
  const rows = node.drugs.map((edge) => ({
    drug: edge.node,
    companies: edge.node.companies.map((c) => c.node),
    phase: highestPhase(edge.node),
    action: edge.action,
    latest: undefined, // filled in by fillLatestNews
  }));
  const hasAction = rows.some((r) => r.action);
  const columns = COLUMNS.filter((c) => !c.optional || hasAction);
  const sortable = rows.length ? sortableTable(rows, columns, { key: "phase", ascending: false }) : null;
  main.append(
    entityHeader(label, node),
    subNav(label, node, "landscape"),
    h(
      "section",
      { class: "card", "aria-labelledby": "landscape-title" },
      h("h2", { id: "landscape-title" }, `Drug landscape: ${rows.length} ${rows.length === 1 ? "drug" : "drugs"} for ${node.name}`),
      sortable ? sortable.table : h("p", { class: "muted" }, "No drugs recorded."),
      h("p", { class: "muted small" }, "Highest phase is the furthest clinical stage any document reports for the drug or a trial of it; latest news is the newest document that mentions the drug."),
    ),
    linksOut({ query, variables, cypherText: cypher.landscape(label, id, fieldTo(label, "Drug"), fieldTo("Drug", "Company")) }),
  );
  if (sortable) fillLatestNews(label, id, rows, sortable.table, sortable.draw);
  return { title: `${node.name}: drug landscape` };
}

export async function renderPipeline(main, { label, id }) {
  const config = getConfig();
  const query = pipelineQuery(label);
  const variables = { id, first: config.maxPageSize };
  const data = await gql(query, variables);
  const node = data.node;
  if (!node) {
    main.append(h("h1", {}, "Not found"));
    return { title: "Not found" };
  }
  const byPhase = new Map();
  for (const edge of node.drugs) {
    const phase = highestPhase(edge.node) || "UNKNOWN";
    if (!byPhase.has(phase)) byPhase.set(phase, []);
    byPhase.get(phase).push(edge.node);
  }
  const phases = [...config.phases, "UNKNOWN"].filter((p) => byPhase.has(p));
  const columns = phases.map((phase) => {
    const drugs = byPhase.get(phase).sort((a, b) => a.name.localeCompare(b.name));
    const headingId = `phase-${phase}`;
    return h(
      "section",
      { class: "pipeline-column", "aria-labelledby": headingId, "data-phase": phase },
      h("h3", { id: headingId }, `${phase === "UNKNOWN" ? "Phase not stated" : phaseLabel(phase)} (${drugs.length})`),
      h("ul", {}, drugs.map((drug) =>
        h("li", { class: "pipeline-card" },
          h("a", { href: entityHref("Drug", drug.id), class: "card-title" }, drug.name),
          drug.modality ? h("span", { class: "muted small" }, drug.modality) : null,
          drug.targets.length ? h("span", { class: "small" }, "Targets: ", drug.targets.map((t) => t.node.name).join(", ")) : null,
          drug.diseases.length ? h("span", { class: "small" }, "For: ", drug.diseases.map((d) => d.node.name).join(", ")) : null,
        ))),
    );
  });
  main.append(
    entityHeader(label, node),
    subNav(label, node, "pipeline"),
    h(
      "section",
      { class: "card", "aria-labelledby": "pipeline-title" },
      h("h2", { id: "pipeline-title" }, `Pipeline by phase: ${node.drugs.length} ${node.drugs.length === 1 ? "drug" : "drugs"}`),
      columns.length ? h("div", { class: "pipeline", id: "pipeline" }, columns) : h("p", { class: "muted" }, "No drugs recorded."),
    ),
    linksOut({ query, variables, cypherText: cypher.pipeline(label, id, fieldTo(label, "Drug")) }),
  );
  return { title: `${node.name}: pipeline` };
}
