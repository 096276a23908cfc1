// The catalog editor's list of permits: search by name, abbreviation or id (accents and case
// ignored), filter by category and by retired.
"use strict";

import { api } from "./api.js";
import { byId, el, showMessage, t, tf } from "./ui.js";
import { state } from "./katalog-state.js";

// What choosing a permit does (the editor's openPermit, wired by katalog.js): the editor
// renders this list, so the list is told rather than importing the editor back.
let openHandler = () => {};
export function onOpenPermit(handler) {
  openHandler = handler;
}

function folded(text) {
  return String(text || "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

function matches(p, query) {
  const hay = folded([p.name, p.short_name, p.permit_id, p.category].join(" "));
  return folded(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

export async function loadList() {
  const data = await api.get("/catalog/permits");
  state.permits = data.permits;
  renderCategories();
  renderList();
}

export function renderCategories() {
  const select = byId("filter-category");
  const current = select.options.length ? select.value : "*";
  const categories = [...new Set(state.permits.map((p) => p.category).filter(Boolean))].sort();
  select.replaceChildren(
    el("option", { value: "*" }, t("cat.category_all")),
    ...categories.map((c) => el("option", { value: c }, c)),
    el("option", { value: "" }, t("cat.category_none")),
  );
  select.value = [...select.options].some((o) => o.value === current) ? current : "*";
  const list = byId("category-list");
  if (list) list.replaceChildren(...categories.map((c) => el("option", { value: c })));
}

export function renderList() {
  const query = byId("search").value;
  const category = byId("filter-category").value;
  const which = byId("filter-state").value;
  const shown = state.permits.filter(
    (p) =>
      matches(p, query) &&
      (category === "*" || (p.category || "") === category) &&
      (which === "all" || (which === "retired") === p.retired),
  );
  const list = byId("permit-list");
  list.replaceChildren();
  for (const p of shown) {
    const open = el(
      "button",
      {
        type: "button",
        class: "cat-permit" + (p.permit_id === state.id ? " selected" : ""),
        "aria-current": p.permit_id === state.id ? "true" : null,
        dataset: { id: p.permit_id },
        onclick: () => openHandler(p.permit_id),
      },
      el(
        "span",
        { class: "cat-permit-name" },
        p.name,
        p.short_name && !p.name.includes(p.short_name) ? el("span", { class: "muted" }, " (" + p.short_name + ")") : null,
      ),
      el(
        "span",
        { class: "cat-permit-meta" },
        el("code", {}, p.permit_id),
        " · ",
        p.category || t("cat.category_none"),
        " · ",
        tf("cat.version_n", { n: p.version }),
        p.retired ? el("span", { class: "pill closed" }, t("cat.retired")) : null,
      ),
    );
    list.append(el("li", {}, open));
  }
  if (!shown.length) list.append(el("li", { class: "empty" }, t("cat.none_found")));
  showMessage(byId("list-message"), "info", "");
}
