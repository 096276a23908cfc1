// The catalog editor (katalog.html, admins): lists the office's permits (search by name,
// abbreviation or id; filter by category and by retired), opens one into a form with every
// field of the catalog format (docs/catalog.schema.json), shows it as the kiosk will (POST
// /catalog/preview, as the user types), saves it as a new version against the version it was
// opened at, and creates, duplicates, retires and restores permits; history with a readable
// diff of two versions; export and import in the catalog format. The server checks every
// document; its refusals are shown next to the field they name (catalog-text.js). Rules:
// docs/catalog-editing.md.
// The parts are modules by feature (katalog-*.js); this entry starts the page and wires them.
"use strict";

import { ApiError, api, requireLogin } from "./api.js";
import { catalogErrorText } from "./catalog-text.js";
import { applyI18n, byId, setupHeader, setupOfflineBanner, showMessage, syncClock } from "./ui.js";
import { duplicate, newPermit, openPermit, restore, retire, save, showEditor, showTab } from "./katalog-editor.js";
import { renderForm } from "./katalog-form.js";
import { loadHistory, onRestoreVersion, showDiff } from "./katalog-history.js";
import { exportCatalog, importCatalog } from "./katalog-io.js";
import { loadList, onOpenPermit, renderCategories, renderList } from "./katalog-list.js";
import { schedulePreview } from "./katalog-preview.js";
import { state } from "./katalog-state.js";

// The list and the history call into the editor, which imports them: given here, not imported.
onOpenPermit(openPermit);
onRestoreVersion(restore);

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
