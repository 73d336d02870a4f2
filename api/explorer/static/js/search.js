// Type-ahead over names and aliases (the `search` query), results grouped by type.
// ARIA combobox pattern: focus stays in the input, aria-activedescendant marks the option.

import { gql } from "./api.js";
import { h } from "./dom.js";
import { searchQuery } from "./queries.js";

const DEBOUNCE_MS = 150;
const MIN_CHARS = 2;
const RESULTS = 20;

/** Which alias matched, when the name itself does not contain the typed text. */
function matchedAlias(node, text) {
  const needle = text.trim().toLowerCase();
  if (node.name.toLowerCase().includes(needle)) return null;
  return node.aliases.find((alias) => alias.toLowerCase().includes(needle)) || null;
}

/** Hits grouped by type, groups in order of their best hit. */
export function groupByType(hits) {
  const groups = new Map();
  for (const hit of hits) {
    const type = hit.node.__typename;
    if (!groups.has(type)) groups.set(type, []);
    groups.get(type).push(hit);
  }
  return groups;
}

/**
 * Attach a type-ahead to `input` and `listbox`; `onChoose(node)` runs on Enter or click.
 * Returns nothing; everything lives in the closures and the DOM.
 */
export function attachSearch(input, listbox, onChoose) {
  let timer = null;
  let options = [];
  let active = -1;
  let latest = 0;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    options.forEach((option, i) => option.el.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].el.id);
      options[index].el.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    const option = options[index];
    if (!option) return;
    close();
    onChoose(option.node, input);
  }

  function render(hits, text) {
    listbox.replaceChildren();
    options = [];
    if (!hits.length) {
      listbox.append(h("div", { class: "combo-empty", role: "presentation" }, `No match for “${text}”`));
    }
    for (const [type, group] of groupByType(hits)) {
      const headerId = `${listbox.id}-group-${type}`;
      const groupEl = h(
        "div",
        { role: "group", "aria-labelledby": headerId, class: "combo-group", "data-type": type },
        h("div", { id: headerId, class: "combo-group-label", role: "presentation" }, type),
      );
      for (const hit of group) {
        const index = options.length;
        const alias = matchedAlias(hit.node, text);
        const el = h(
          "div",
          {
            id: `${listbox.id}-option-${index}`,
            role: "option",
            class: "combo-option",
            "aria-selected": "false",
            "data-id": hit.node.id,
            "data-type": type,
          },
          h("span", { class: `swatch type-${type}`, "aria-hidden": "true" }),
          h("span", { class: "option-name" }, hit.node.name),
          alias ? h("span", { class: "option-alias" }, ` also “${alias}”`) : null,
        );
        el.addEventListener("mousedown", (event) => event.preventDefault());
        el.addEventListener("click", () => choose(index));
        options.push({ el, node: hit.node });
        groupEl.append(el);
      }
      listbox.append(groupEl);
    }
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    setActive(options.length ? 0 : -1);
  }

  async function run(text) {
    const ticket = ++latest;
    try {
      const { query } = searchQuery();
      const data = await gql(query, { q: text, first: RESULTS });
      if (ticket === latest) render(data.search, text);
    } catch (error) {
      if (ticket !== latest) return;
      listbox.replaceChildren(h("div", { class: "combo-empty", role: "presentation" }, error.message));
      listbox.hidden = false;
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    delete input.dataset.id;
    if (text.length < MIN_CHARS) {
      latest++;
      close();
      return;
    }
    timer = setTimeout(() => run(text), DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden && options.length > 0;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      setActive((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      setActive((active - 1 + options.length) % options.length);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      close();
    }
  });

  input.addEventListener("blur", () => setTimeout(close, 100));
}
