// The catalog editor's history of a permit: its versions, each with who saved it and why, and a
// readable diff of any two of them (GET /catalog/permits/{id}/versions and /diff).
"use strict";

import { api } from "./api.js";
import { catalogErrorText, fieldWords, pointerToPath } from "./catalog-text.js";
import { byId, el, formatClock, formatDate, showMessage, t, tf } from "./ui.js";
import { state } from "./katalog-state.js";

// What a version's restore button does (the editor's restore, wired by katalog.js): the editor
// reloads this history, so the history is told rather than importing the editor back.
let restoreHandler = () => {};
export function onRestoreVersion(handler) {
  restoreHandler = handler;
}

export async function loadHistory() {
  if (!state.id) return;
  const message = byId("history-message");
  try {
    state.versions = (await api.get(`/catalog/permits/${encodeURIComponent(state.id)}/versions`)).versions;
  } catch (e) {
    showMessage(message, "error", catalogErrorText(e));
    return;
  }
  showMessage(message, "info", "");
  const body = byId("versions-body");
  body.replaceChildren();
  for (const v of state.versions) {
    const newest = v.version === state.versions[0].version;
    body.append(
      el(
        "tr",
        { dataset: { version: String(v.version) } },
        el("td", { class: "num" }, String(v.version)),
        el("td", {}, t("cat.change." + v.change), v.retired ? el("span", { class: "pill closed" }, t("cat.retired")) : null),
        el("td", {}, v.saved_by),
        el("td", { class: "nowrap" }, formatDate(v.saved_at) + " " + formatClock(v.saved_at)),
        el("td", {}, v.note),
        el(
          "td",
          {},
          el(
            "div",
            { class: "row-actions" },
            v.version > 1
              ? el("button", { type: "button", dataset: { act: "diff" }, onclick: () => showDiff(v.version - 1, v.version) }, t("cat.diff_prev"))
              : null,
            newest ? null : el("button", { type: "button", dataset: { act: "restore" }, onclick: () => restoreHandler(v.version) }, t("cat.restore")),
          ),
        ),
      ),
    );
  }
  const options = () => state.versions.map((v) => el("option", { value: String(v.version) }, tf("cat.version_n", { n: v.version })));
  const from = byId("diff-from");
  const to = byId("diff-to");
  from.replaceChildren(...options());
  to.replaceChildren(...options());
  to.value = String(state.versions[0].version);
  from.value = String(state.versions[Math.min(1, state.versions.length - 1)].version);
}

// A value of a diff as text: plain texts as they are, a list item or object by its fields.
function valueText(value, path) {
  if (value === undefined || value === null) return "—";
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return value.map((v) => valueText(v, path)).join("; ");
  return Object.entries(value)
    .map(([k, v]) => fieldWords(path.replace(/\[\d+\]$/, "[0]") + "." + k).split(" · ").pop() + ": " + valueText(v, path + "." + k))
    .join("; ");
}

export async function showDiff(from, to) {
  if (from !== undefined) {
    byId("diff-from").value = String(from);
    byId("diff-to").value = String(to);
  }
  const a = byId("diff-from").value;
  const b = byId("diff-to").value;
  const box = byId("diff");
  try {
    const data = await api.get(`/catalog/permits/${encodeURIComponent(state.id)}/diff?from=${a}&to=${b}`);
    const rows = data.changes.map((c) => {
      const path = pointerToPath(c.path);
      return el(
        "tr",
        { dataset: { path } },
        el("th", { scope: "row" }, fieldWords(path)),
        el("td", {}, t("cat.op." + c.op)),
        el("td", { class: "before" }, valueText(c.before, path)),
        el("td", { class: "after" }, c.op === "remove" ? "—" : valueText(c.value, path)),
      );
    });
    box.replaceChildren(
      el("h3", {}, tf("cat.diff_title", { from: a, to: b })),
      rows.length
        ? el(
            "table",
            { class: "compact-table" },
            el("thead", {}, el("tr", {}, el("th", {}, t("cat.diff_field")), el("th", {}, t("cat.diff_op")), el("th", {}, t("cat.diff_before")), el("th", {}, t("cat.diff_after")))),
            el("tbody", {}, ...rows),
          )
        : el("p", { class: "muted" }, t("cat.diff_none")),
    );
  } catch (e) {
    box.replaceChildren(el("p", { class: "message error" }, catalogErrorText(e)));
  }
}
