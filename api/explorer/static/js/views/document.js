// One document: where it came from, what it names, and its text.

import { getConfig, gql } from "../api.js";
import { entityHref, h } from "../dom.js";
import { cypher, linksOut } from "../links.js";
import { documentQuery } from "../queries.js";
import { groupByType } from "../search.js";

/** Only web addresses become links: a stored url is the source's word, not ours to trust. */
function webLink(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}

/** Long author lists (PubMed records have dozens) end in "et al." after the first ten. */
function authorLine(authors) {
  return authors.length > 10 ? `${authors.slice(0, 10).join(", ")} et al. (${authors.length})` : authors.join(", ");
}

export async function renderDocument(main, { id }) {
  const query = documentQuery();
  const variables = { id, first: getConfig().maxPageSize };
  const data = await gql(query, variables);
  const doc = data.document;
  if (!doc) {
    main.append(h("h1", {}, "Not found"), h("p", {}, "This document is not in the graph (it may have been deleted)."));
    return { title: "Not found" };
  }
  const groups = groupByType(doc.mentions);
  main.append(
    h("header", { class: "entity-header" },
      h("p", { class: "type-badge" }, h("span", { class: "swatch type-Document", "aria-hidden": "true" }), "Document"),
      h("h1", { id: "page-title", tabindex: "-1" }, doc.title || doc.source)),
    h("section", { class: "card", "aria-labelledby": "doc-props" },
      h("h2", { id: "doc-props" }, "About"),
      h("dl", { class: "props" },
        h("dt", {}, "Published"), h("dd", {}, doc.publishedAt || "no date"),
        h("dt", {}, "Source"), h("dd", {}, doc.source),
        webLink(doc.url) ? [h("dt", {}, "Original"), h("dd", {}, h("a", { href: doc.url, rel: "noopener noreferrer" }, doc.url))] : null,
        doc.journal ? [h("dt", {}, "Journal"), h("dd", {}, doc.journal)] : null,
        doc.pmid ? [h("dt", {}, "PMID"), h("dd", {}, doc.pmid)] : null,
        doc.doi ? [h("dt", {}, "DOI"), h("dd", {}, doc.doi)] : null,
        doc.authors && doc.authors.length ? [h("dt", {}, "Authors"), h("dd", {}, authorLine(doc.authors))] : null,
        doc.format ? [h("dt", {}, "Read as"), h("dd", {}, doc.format)] : null,
        h("dt", {}, "Loaded"), h("dd", {}, doc.loadedAt || ""))),
    h("section", { class: "card", "aria-labelledby": "doc-mentions" },
      h("h2", { id: "doc-mentions" }, `Names ${doc.mentions.length} entities`),
      [...groups].map(([type, hits]) => h("div", { class: "mention-group" },
        h("h3", {}, h("span", { class: `swatch type-${type}`, "aria-hidden": "true" }), type),
        h("ul", { class: "inline-list" }, hits.map((m) =>
          h("li", {}, h("a", { href: entityHref(type, m.node.id) }, m.node.name), ` ×${m.count}`)))))),
    doc.text ? h("details", { class: "card" }, h("summary", {}, "Full text"), h("pre", { class: "doc-text" }, doc.text)) : null,
    linksOut({ query, variables, cypherText: cypher.document(id) }),
  );
  return { title: doc.title || "Document" };
}
