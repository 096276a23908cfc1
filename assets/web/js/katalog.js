// The catalog editor (katalog.html, admins): lists the office's permits (search by name,
// abbreviation or id; filter by category and by retired), opens one into a form with every
// field of the catalog format (docs/catalog.schema.json), shows it as the kiosk will (POST
// /catalog/preview, as the user types), saves it as a new version against the version it was
// opened at, and creates, duplicates, retires and restores permits; history with a readable
// diff of two versions; export and import in the catalog format. The server checks every
// document; its refusals are shown next to the field they name (catalog-text.js). Rules:
// docs/catalog-editing.md.
"use strict";

import { ApiError, api, requireLogin } from "./api.js";
import { catalogErrorText } from "./catalog-text.js";
import { applyI18n, byId, el, setupHeader, setupOfflineBanner, showMessage, syncClock, tf } from "./ui.js";
import { confirmDiscard, duplicate, newPermit, openPermit, restore, retire, save, showEditor, showTab } from "./katalog-editor.js";
import { renderForm } from "./katalog-form.js";
import { loadHistory, onRestoreVersion, showDiff } from "./katalog-history.js";
import { loadList, onOpenPermit, renderCategories, renderList } from "./katalog-list.js";
import { schedulePreview } from "./katalog-preview.js";
import { state } from "./katalog-state.js";

// The list and the history call into the editor, which imports them: given here, not imported.
onOpenPermit(openPermit);
onRestoreVersion(restore);

// ---------------------------------------------------------------------------------------------
// Export and import

async function exportCatalog() {
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
async function importCatalog(file) {
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

function rerender() {
  renderCategories();
  renderList();
  if (state.doc) {
    showEditor();
    renderForm();
    schedulePreview();
    if (state.tab === "history") loadHistory();
  }
}

async function main() {
  applyI18n();
  state.user = await requireLogin("admin");
  setupHeader(state.user, "katalog.html", rerender);
  setupOfflineBanner(() => loadList().catch(() => {}));
  api.get("/office").then((office) => {
    syncClock(office);
    byId("office").textContent = office.name || "";
  }).catch(() => {});
  byId("search").addEventListener("input", renderList);
  byId("filter-category").addEventListener("change", renderList);
  byId("filter-state").addEventListener("change", renderList);
  byId("new-permit").addEventListener("click", newPermit);
  byId("save").addEventListener("click", save);
  byId("retire").addEventListener("click", retire);
  byId("unretire").addEventListener("click", () => restore());
  byId("duplicate").addEventListener("click", duplicate);
  byId("diff-show").addEventListener("click", () => showDiff());
  byId("export").addEventListener("click", exportCatalog);
  byId("import").addEventListener("click", () => byId("import-file").click());
  byId("import-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (file) await importCatalog(file);
  });
  for (const name of ["form", "preview", "history"]) byId("tab-" + name).addEventListener("click", () => showTab(name));
  window.addEventListener("beforeunload", (e) => {
    if (state.dirty) e.preventDefault();
  });
  await loadList();
  const wanted = new URLSearchParams(location.search).get("izin");
  if (wanted && state.permits.some((p) => p.permit_id === wanted)) await openPermit(wanted);
}

main().catch((e) => {
  if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) {
    console.error(e);
    showMessage(byId("list-message"), "error", catalogErrorText(e));
  }
});
