// Start-up and the hash router: #/, #/entity/<Type>/<id>[/landscape|pipeline|timeline],
// #/document/<id>, #/path?from=&to=&hops=. Hash routes keep every view linkable with one page.

import { apiTiming, loadConfig } from "./api.js";
import { announce, entityHref, errorBox, h } from "./dom.js";
import { attachSearch } from "./search.js";
import { renderDocument } from "./views/document.js";
import { renderEntity } from "./views/entity.js";
import { renderLandscape, renderPipeline } from "./views/landscape.js";
import { renderOverview } from "./views/overview.js";
import { renderPath } from "./views/path.js";
import { renderTimeline } from "./views/timeline.js";

const main = document.getElementById("main");
let navigation = 0;

function parseRoute(hash) {
  const [pathPart, queryPart = ""] = hash.replace(/^#/, "").split("?");
  const parts = pathPart.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(queryPart);
  if (parts[0] === "entity" && parts.length >= 3) {
    const [, label, id, view = "overview"] = parts;
    const views = { overview: renderEntity, landscape: renderLandscape, pipeline: renderPipeline, timeline: renderTimeline };
    return views[view] ? { name: `entity-${view}`, render: (el) => views[view](el, { label, id }) } : null;
  }
  if (parts[0] === "document" && parts[1]) return { name: "document", render: (el) => renderDocument(el, { id: parts[1] }) };
  if (parts[0] === "path") return { name: "path", render: (el) => renderPath(el, params) };
  if (parts.length === 0) return { name: "overview", render: (el) => renderOverview(el) };
  return null;
}

async function show(firstLoad = false) {
  const ticket = ++navigation;
  const started = performance.now();
  apiTiming.reset();
  const route = parseRoute(window.location.hash);
  main.setAttribute("aria-busy", "true");
  main.dataset.state = "loading";
  let title = "Explorer";
  const loading = h("p", { class: "loading" }, "Loading…");
  const view = h("div", { class: "view" });
  main.replaceChildren(loading, view);
  try {
    if (!route) {
      view.append(h("h1", { id: "page-title", tabindex: "-1" }, "Page not found"), h("p", {}, h("a", { href: "#/" }, "Back to the overview")));
    } else {
      // Views render into the attached container: Cytoscape measures it to lay out a picture.
      const result = await route.render(view);
      title = result?.title || title;
    }
  } catch (error) {
    view.append(errorBox(error));
  }
  if (ticket !== navigation) return; // a newer navigation won
  loading.remove();
  document.title = `${title} · Explorer`;
  main.dataset.view = route ? route.name : "not-found";
  main.dataset.ms = String(Math.round(performance.now() - started));
  main.dataset.apiMs = String(Math.round(apiTiming.ms));
  main.dataset.state = "ready";
  main.removeAttribute("aria-busy");
  if (!firstLoad) {
    const heading = document.getElementById("page-title");
    if (heading) heading.focus();
    announce(title);
  }
}

async function start() {
  try {
    await loadConfig();
  } catch (error) {
    main.replaceChildren(errorBox(error));
    main.removeAttribute("aria-busy");
    return;
  }
  const input = document.getElementById("search-input");
  attachSearch(input, document.getElementById("search-results"), (node) => {
    input.value = "";
    window.location.hash = entityHref(node.__typename, node.id);
  });
  window.addEventListener("hashchange", () => show());
  show(true);
}

start();
