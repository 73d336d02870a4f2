// Small DOM and wording helpers. Data is only ever inserted as text, never as HTML.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function entityHref(type, id, view = "") {
  const tail = view ? `/${view}` : "";
  return `#/entity/${encodeURIComponent(type)}/${encodeURIComponent(id)}${tail}`;
}

export function documentHref(id) {
  return `#/document/${encodeURIComponent(id)}`;
}

export function pathHref(from = "", to = "", hops = 4) {
  const params = new URLSearchParams({ from, to, hops: String(hops) });
  return `#/path?${params}`;
}

/** "PHASE_2_3" -> "Phase 2/3"; the vocabulary is Open Targets' clinical stages. */
export function phaseLabel(phase) {
  if (!phase) return "Unknown";
  const special = { PRECLINICAL: "Preclinical", APPROVAL: "Approved", EARLY_PHASE_1: "Early phase 1" };
  if (special[phase]) return special[phase];
  const match = /^PHASE_(\d)(?:_(\d))?$/.exec(phase);
  if (!match) return phase;
  return match[2] ? `Phase ${match[1]}/${match[2]}` : `Phase ${match[1]}`;
}

/** "SPONSORED_BY" -> "sponsored by". */
export function relWords(relType) {
  return relType.toLowerCase().replaceAll("_", " ");
}

/** "highestPhase" -> "Highest phase". */
export function propertyLabel(name) {
  const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatDate(value) {
  return value || "no date";
}

export function announce(text) {
  const region = document.getElementById("announcer");
  region.textContent = "";
  // A separate task, so screen readers notice the change even when the text repeats.
  setTimeout(() => { region.textContent = text; }, 50);
}

export function errorBox(error) {
  return h("div", { class: "error", role: "alert" }, `Could not load this view: ${error.message}`);
}
