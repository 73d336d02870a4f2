// Pieces every entity view shares: the heading and the navigation between its views.

import { fieldTo } from "../queries.js";
import { entityHref, h, pathHref } from "../dom.js";

/** Which analyst view an entity type has: a drug landscape, a pipeline, or none. */
export function landscapeKind(label) {
  if (label === "Company" && fieldTo(label, "Drug")) return "pipeline";
  if ((label === "Target" || label === "Disease") && fieldTo(label, "Drug")) return "landscape";
  return null;
}

export function entityHeader(label, node) {
  return h(
    "header",
    { class: "entity-header" },
    h("p", { class: "type-badge" }, h("span", { class: `swatch type-${label}`, "aria-hidden": "true" }), label),
    h("h1", { id: "page-title", tabindex: "-1" }, node.name),
    node.aliases && node.aliases.length ? h("p", { class: "aliases" }, `Also known as: ${node.aliases.join(", ")}`) : null,
  );
}

export function subNav(label, node, current) {
  const kind = landscapeKind(label);
  const items = [
    ["overview", "Overview", entityHref(label, node.id)],
    kind ? [kind, kind === "pipeline" ? "Pipeline by phase" : "Drug landscape", entityHref(label, node.id, kind)] : null,
    ["timeline", "Timeline", entityHref(label, node.id, "timeline")],
    ["path", "Find a path from here", pathHref(node.name)],
  ].filter(Boolean);
  return h(
    "nav",
    { class: "sub-nav", "aria-label": `${node.name} views` },
    h("ul", {}, items.map(([key, text, href]) =>
      h("li", {}, h("a", { href, "aria-current": key === current ? "page" : null }, text)))),
  );
}
