// The documents behind an entity, newest first, with the facts each one supports.

import { getConfig, gql, typeInfo } from "../api.js";
import { documentHref, entityHref, h, relWords } from "../dom.js";
import { evidenceItems } from "../evidence.js";
import { cypher, linksOut } from "../links.js";
import { timelineQuery } from "../queries.js";
import { entityHeader, subNav } from "./common.js";

/** For each document id, the facts of this entity that it supports. */
function factsByDocument(label, node) {
  const facts = new Map();
  for (const rel of typeInfo(label).relationships) {
    for (const edge of node[rel.field] || []) {
      for (const item of evidenceItems(edge)) {
        if (!facts.has(item.documentId)) facts.set(item.documentId, []);
        facts.get(item.documentId).push({ rel, other: edge.node });
      }
    }
  }
  return facts;
}

/** "ANCHOR-1 evaluates brivanacept" or "Ingrid Solberg leads ANCHOR-1": the fact as a sentence. */
function factItem(node, fact) {
  const other = h("a", { href: entityHref(fact.other.__typename, fact.other.id) }, fact.other.name);
  const verb = ` ${relWords(fact.rel.relType)} `;
  return fact.rel.direction === "out" ? h("li", {}, node.name, verb, other) : h("li", {}, other, verb, node.name);
}

export async function renderTimeline(main, { label, id }) {
  const query = timelineQuery(label);
  const variables = { id, first: getConfig().maxPageSize };
  const data = await gql(query, variables);
  const node = data.node;
  if (!node) {
    main.append(h("h1", {}, "Not found"));
    return { title: "Not found" };
  }
  const facts = factsByDocument(label, node);
  const cut = node.mentionedIn.length >= variables.first;
  // Newest first as the API sends them (orderBy: NEWEST; undated documents last).
  const entries = node.mentionedIn.map((m) => ({ doc: m.node, count: m.count, facts: facts.get(m.node.id) || [] }));
  main.append(
    entityHeader(label, node),
    subNav(label, node, "timeline"),
    h(
      "section",
      { class: "card", "aria-labelledby": "timeline-title" },
      h("h2", { id: "timeline-title" }, `Timeline: ${entries.length} ${entries.length === 1 ? "document" : "documents"}, newest first`),
      cut
        ? h("p", { class: "notice", role: "note" },
            `More documents mention ${node.name}; these are the newest ${variables.first}. Open the Cypher below for all of them.`)
        : null,
      entries.length
        ? h("ol", { class: "timeline", id: "timeline" }, entries.map((entry) =>
            h("li", { class: "timeline-entry" },
              h("time", { datetime: entry.doc.publishedAt || "" }, entry.doc.publishedAt || "no date"),
              h("div", {},
                h("a", { href: documentHref(entry.doc.id), class: "card-title" }, entry.doc.title || entry.doc.source),
                h("p", { class: "muted small" }, `Mentions ${node.name} ${entry.count} ${entry.count === 1 ? "time" : "times"}; ${entry.doc.source}`),
                entry.facts.length
                  ? h("ul", { class: "facts", "aria-label": "Facts this document supports" }, entry.facts.map((fact) =>
                      factItem(node, fact)))
                  : h("p", { class: "muted small" }, "Adds no relationship of this entity."),
              ),
            )))
        : h("p", { class: "muted" }, "No document mentions this entity."),
    ),
    linksOut({ query, variables, cypherText: cypher.timeline(label, id) }),
  );
  return { title: `${node.name}: timeline` };
}
