// The start page: what the graph holds, a few names of each type to begin from.

import { entityLabels, getConfig, gql } from "../api.js";
import { documentHref, entityHref, h } from "../dom.js";
import { linksOut } from "../links.js";
import { overviewQuery } from "../queries.js";

const PER_TYPE = 8;

export async function renderOverview(main) {
  const config = getConfig();
  const query = overviewQuery(PER_TYPE);
  const data = await gql(query);
  const cards = entityLabels().map((label) => {
    const page = data[config.types[label].list];
    return h("section", { class: "card overview-card", "aria-labelledby": `ov-${label}` },
      h("h2", { id: `ov-${label}` }, h("span", { class: `swatch type-${label}`, "aria-hidden": "true" }), `${label} `,
        h("span", { class: "count" }, `(${page.totalCount})`)),
      h("ul", {}, page.edges.map((e) => h("li", {}, h("a", { href: entityHref(label, e.node.id) }, e.node.name)))),
      page.totalCount > page.edges.length ? h("p", { class: "muted small" }, "…use the search box for the rest.") : null);
  });
  const docs = data.documents;
  main.append(
    h("h1", { id: "page-title", tabindex: "-1" }, "What the graph knows"),
    h("p", { class: "lead" }, "Search a drug, target, company, site, investigator, disease or trial above, or start from one of these."),
    h("div", { class: "overview-grid" }, cards,
      h("section", { class: "card overview-card", "aria-labelledby": "ov-Document" },
        h("h2", { id: "ov-Document" }, h("span", { class: "swatch type-Document", "aria-hidden": "true" }), "Documents ",
          h("span", { class: "count" }, `(${docs.totalCount})`)),
        h("ul", {}, docs.edges.map((e) => h("li", {}, h("a", { href: documentHref(e.node.id) }, e.node.title || e.node.source)))))),
    linksOut({ query, variables: null }),
  );
  return { title: "Overview" };
}
