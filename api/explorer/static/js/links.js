// "Go deeper" links: the same view as GraphiQL (the GraphQL the page sent) and as Neo4j
// Browser (equivalent Cypher). Browser links cannot carry query parameters, so values are
// written as escaped Cypher string literals; labels and types come from config.json (the model).

import { getConfig, typeInfo } from "./api.js";
import { h } from "./dom.js";

/** A Cypher string literal for `value`: quotes and backslashes escaped. */
export function cypherString(value) {
  return `'${String(value).replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

function arrow(rel, relVar = "r") {
  const inner = `[${relVar}:${rel.relType}]`;
  return rel.direction === "out" ? `-${inner}->` : `<-${inner}-`;
}

export function graphiqlHref(query, variables) {
  const url = new URL(getConfig().graphiqlEndpoint);
  url.searchParams.set("q", query);
  if (variables && Object.keys(variables).length) {
    url.searchParams.set("variables", JSON.stringify(variables, null, 2));
  }
  return url.href;
}

export function neo4jHref(cypher) {
  const base = getConfig().neo4jBrowserUrl;
  if (!base) return null;
  const url = new URL(base);
  url.searchParams.set("cmd", "edit");
  url.searchParams.set("arg", cypher);
  return url.href;
}

export const cypher = {
  neighbourhood(label, id) {
    const types = [...new Set(typeInfo(label).relationships.map((rel) => rel.relType))];
    return `MATCH (n:${label} {id: ${cypherString(id)}})-[r:${types.join("|")}]-(m)\nRETURN n, r, m`;
  },
  edge(label, id, rel, otherId) {
    return (
      `MATCH (n:${label} {id: ${cypherString(id)}})${arrow(rel)}(m:${rel.other} {id: ${cypherString(otherId)}})\n` +
      "MATCH (d:Document)-[s:SUPPORTS {fact: type(r) + '|' + startNode(r).id + '|' + endNode(r).id}]->()\n" +
      "RETURN s.sentence AS sentence, s.rule AS rule, d.title AS document, d.publishedAt AS date\n" +
      "ORDER BY date DESC"
    );
  },
  timeline(label, id) {
    return (
      `MATCH (d:Document)-[m:MENTIONS]->(n:${label} {id: ${cypherString(id)}})\n` +
      "RETURN d.publishedAt AS date, d.title AS title, m.count AS mentions\n" +
      "ORDER BY date DESC"
    );
  },
  landscape(label, id, drugsRel, companiesRel) {
    return (
      `MATCH (n:${label} {id: ${cypherString(id)}})${arrow(drugsRel)}(d:Drug)\n` +
      `OPTIONAL MATCH (d)${arrow(companiesRel, "")}(c:Company)\n` +
      "OPTIONAL MATCH (doc:Document)-[:MENTIONS]->(d)\n" +
      "RETURN d.name AS drug, collect(DISTINCT c.name) AS companies,\n" +
      "       d.highestPhase AS highestPhase, max(doc.publishedAt) AS latestNews\n" +
      "ORDER BY drug"
    );
  },
  pipeline(label, id, drugsRel) {
    return (
      `MATCH (n:${label} {id: ${cypherString(id)}})${arrow(drugsRel)}(d:Drug)\n` +
      "RETURN d.highestPhase AS phase, collect(d.name) AS drugs\n" +
      "ORDER BY phase"
    );
  },
  path(fromId, toId, maxHops, factTypes) {
    return (
      `MATCH (a:Entity {id: ${cypherString(fromId)}}), (b:Entity {id: ${cypherString(toId)}})\n` +
      `MATCH p = shortestPath((a)-[:${factTypes.join("|")}*..${maxHops}]-(b))\n` +
      "RETURN p"
    );
  },
  document(id) {
    return `MATCH (d:Document {id: ${cypherString(id)}})-[m:MENTIONS]->(e)\nRETURN d, m, e`;
  },
};

/** Every fact relationship type of the model (for path Cypher). */
export function factRelTypes() {
  const types = new Set();
  for (const info of Object.values(getConfig().types)) {
    for (const rel of info.relationships) types.add(rel.relType);
  }
  return [...types].sort();
}

/** The links bar of a view, with the query texts behind a disclosure for copying. */
export function linksOut({ query, variables, cypherText }) {
  const browser = cypherText ? neo4jHref(cypherText) : null;
  return h(
    "aside",
    { class: "links-out", "aria-label": "Open this view in other tools" },
    h("a", { href: graphiqlHref(query, variables), target: "_blank", rel: "noopener", class: "button" },
      "Open in GraphiQL"),
    browser
      ? h("a", { href: browser, target: "_blank", rel: "noopener", class: "button" }, "Open in Neo4j Browser")
      : null,
    h(
      "details",
      {},
      h("summary", {}, "Show the queries"),
      h("h3", {}, "GraphQL"),
      h("pre", { class: "code", "data-kind": "graphql" }, query),
      variables ? h("pre", { class: "code" }, JSON.stringify(variables, null, 2)) : null,
      cypherText ? h("h3", {}, "Cypher") : null,
      cypherText ? h("pre", { class: "code", "data-kind": "cypher" }, cypherText) : null,
    ),
  );
}
