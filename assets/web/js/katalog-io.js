// The catalog editor's export and import of the whole catalog in the catalog format
// (loket-catalog/1, docs/catalog-editing.md).
"use strict";

import { ApiError, api } from "./api.js";
import { catalogErrorText } from "./catalog-text.js";
import { byId, el, showMessage, tf } from "./ui.js";
import { confirmDiscard, openPermit } from "./katalog-editor.js";
import { loadList } from "./katalog-list.js";
import { state } from "./katalog-state.js";

export async function exportCatalog() {
  const message = byId("io-message");
  try {
    const data = await api.get("/catalog/export", { retry: false });
    const blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: "katalog-izin.json" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    showMessage(message, "ok", tf("cat.exported", { n: data.permits.length }));
  } catch (e) {
    showMessage(message, "error", catalogErrorText(e));
  }
}

// Every permit of the file is checked first (each against POST /catalog/preview, and ids
// against each other) so the user sees every mistake at once; the import itself stores all
// or nothing (the server checks them all again).
export async function importCatalog(file) {
  const message = byId("io-message");
  const list = byId("import-errors");
  list.replaceChildren();
  list.hidden = true;
  if (!(await confirmDiscard())) return;
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch (e) {
    showMessage(message, "error", tf("cat.import_not_json", { file: file.name }), String(e.message || e));
    return;
  }
  const errors = [];
  const permits = doc && Array.isArray(doc.permits) ? doc.permits : null;
  if (!doc || typeof doc !== "object" || doc.format !== "loket-catalog/1") {
    errors.push(new ApiError(400, "invalid_format", "", "format"));
  } else if (!permits || !permits.length) {
    errors.push(new ApiError(400, "no_permits", "", "permits"));
  } else {
    showMessage(message, "info", tf("cat.import_checking", { n: permits.length }));
    const seen = new Map();
    for (let i = 0; i < permits.length; i++) {
      const p = permits[i];
      try {
        await api.post("/catalog/preview", { permit: p }, { retry: false });
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 400) {
          showMessage(message, "error", catalogErrorText(e));
          return;
        }
        errors.push(new ApiError(400, e.code, e.message, `permits[${i}]` + (e.field ? "." + e.field : ""), { id: p && p.id }));
        continue;
      }
      if (seen.has(p.id)) errors.push(new ApiError(400, "duplicate_permit_id", "", `permits[${i}].id`, { id: p.id }));
      seen.set(p.id, i);
    }
  }
  if (errors.length) {
    showMessage(message, "error", tf("cat.import_refused", { file: file.name, n: errors.length }));
    list.replaceChildren(
      ...errors.map((e) => el("li", {}, catalogErrorText(e), e.details.id ? el("span", { class: "muted" }, " (" + e.details.id + ")") : null)),
    );
    list.hidden = false;
    return;
  }
  try {
    const out = await api.post("/catalog/import", doc, { retry: false, timeoutMs: 30000 });
    showMessage(message, "ok", tf("cat.imported", out));
    state.dirty = false;
    await loadList();
    if (state.id) await openPermit(state.id, { force: true });
  } catch (e) {
    showMessage(message, "error", tf("cat.import_failed", { error: catalogErrorText(e) }));
  }
}
