// The graph picture (Cytoscape.js, vendored): nodes coloured and shaped by type, edges labelled.
// Colour is never the only cue: each type also has its own shape, and the legend names both.

import cytoscape from "../vendor/cytoscape-3.34.4.esm.min.mjs";
import { h, relWords } from "./dom.js";

// Okabe-Ito colours (readable with colour-vision deficiencies), one shape per type.
export const TYPE_STYLE = {
  Drug: { colour: "#0072B2", shape: "ellipse" },
  Target: { colour: "#D55E00", shape: "diamond" },
  Company: { colour: "#009E73", shape: "round-rectangle" },
  Site: { colour: "#CC79A7", shape: "barrel" },
  Investigator: { colour: "#E69F00", shape: "triangle" },
  Disease: { colour: "#882255", shape: "hexagon" },
  Trial: { colour: "#56B4E9", shape: "tag" },
  Document: { colour: "#777777", shape: "rectangle" },
};
const MAX_FIT_ZOOM = 1.15;
const FALLBACK = { colour: "#999999", shape: "ellipse" };

export function styleOf(type) {
  return TYPE_STYLE[type] || FALLBACK;
}

const STYLESHEET = [
  {
    selector: "node",
    style: {
      "background-color": (ele) => styleOf(ele.data("type")).colour,
      shape: (ele) => styleOf(ele.data("type")).shape,
      label: "data(label)",
      width: 26,
      height: 26,
      "font-size": 13,
      "font-family": "system-ui, sans-serif",
      color: "#1d2330",
      "text-valign": "bottom",
      "text-margin-y": 4,
      "text-wrap": "ellipsis",
      "text-max-width": 140,
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": 2,
    },
  },
  { selector: "node.focus", style: { width: 40, height: 40, "font-weight": "bold", "border-width": 3, "border-color": "#1d2330" } },
  {
    selector: "edge",
    style: {
      width: 2,
      "line-color": "#9aa3b2",
      "target-arrow-color": "#9aa3b2",
      "target-arrow-shape": "triangle",
      "curve-style": "bezier",
      label: "data(label)",
      "font-size": 11,
      color: "#3b4252",
      "text-rotation": "autorotate",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.9,
      "text-background-padding": 2,
    },
  },
  { selector: "edge.selected", style: { width: 4, "line-color": "#1d2330", "target-arrow-color": "#1d2330" } },
  { selector: "node:active, edge:active", style: { "overlay-opacity": 0.15 } },
];

/**
 * Draw `nodes` ({id, name, type}) and `edges` ({id, source, target, relType, ...}) into
 * `container`; `onNode(node)` and `onEdge(edge)` receive the original objects on click/tap.
 */
export function drawGraph(container, { nodes, edges, focusId = null, layout = "concentric" }, { onNode, onEdge }) {
  const byNodeId = new Map(nodes.map((node) => [node.id, node]));
  const byEdgeId = new Map(edges.map((edge) => [edge.id, edge]));
  const cy = cytoscape({
    container,
    elements: [
      ...nodes.map((node) => ({
        data: { id: node.id, label: node.name, type: node.type },
        classes: node.id === focusId ? "focus" : "",
      })),
      ...edges.map((edge) => ({
        data: { id: edge.id, source: edge.source, target: edge.target, label: edge.label || relWords(edge.relType) },
      })),
    ],
    style: STYLESHEET,
    layout: layoutOptions(layout, focusId),
    minZoom: 0.3,
    maxZoom: 3,
    wheelSensitivity: 0.3,
  });
  // A small neighbourhood would be blown up to fill the box; keep text at a readable size.
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM);
    cy.center();
  }
  cy.on("tap", "node", (event) => onNode && onNode(byNodeId.get(event.target.id())));
  cy.on("tap", "edge", (event) => {
    cy.edges().removeClass("selected");
    event.target.addClass("selected");
    if (onEdge) onEdge(byEdgeId.get(event.target.id()));
  });
  container.dataset.nodeCount = String(cy.nodes().length);
  container.dataset.edgeCount = String(cy.edges().length);
  // For tests and the browser console: the live Cytoscape instance of the shown picture
  // (a picture of a view the user already left is never the one exposed).
  if (container.isConnected) window.explorer = { ...(window.explorer || {}), cy };
  return cy;
}

function layoutOptions(name, focusId) {
  if (name === "line") {
    return { name: "grid", rows: 1, padding: 40, avoidOverlap: true };
  }
  return {
    name: "concentric",
    concentric: (node) => (node.id() === focusId ? 2 : 1),
    levelWidth: () => 1,
    minNodeSpacing: 110,
    padding: 30,
    animate: false,
  };
}

/** The legend: each type's colour and shape, in words too. */
export function legend(types) {
  return h(
    "ul",
    { class: "legend", "aria-label": "Legend" },
    types.map((type) =>
      h("li", {}, h("span", { class: `swatch type-${type}`, "aria-hidden": "true" }), `${type} (${styleOf(type).shape.replace("-", " ")})`),
    ),
  );
}
