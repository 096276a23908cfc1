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
import {
  applyI18n, askDialog, byId, el, formatClock, formatDate, setupHeader, setupOfflineBanner, showMessage, syncClock,
  t, tf,
} from "./ui.js";
import { clearErrors, showFieldError } from "./katalog-errors.js";
import { renderForm } from "./katalog-form.js";
import { loadHistory, onRestoreVersion, showDiff } from "./katalog-history.js";
import { loadList, onOpenPermit, renderCategories, renderList } from "./katalog-list.js";
import { renderPreview, schedulePreview } from "./katalog-preview.js";
import { state } from "./katalog-state.js";

// The list and the history call into the editor, which imports them: given here, not imported.
onOpenPermit(openPermit);
onRestoreVersion(restore);

// ---------------------------------------------------------------------------------------------
// Opening, the form

async function confirmDiscard() {
  if (!state.dirty) return true;
  return !!(await confirmAction(t("cat.discard_title"), t("cat.discard_text"), t("cat.discard"), false));
}

async function openPermit(id, { force = false } = {}) {
  if (!force && !(await confirmDiscard())) return;
  try {
    const data = await api.get("/catalog/permits/" + encodeURIComponent(id));
    state.id = id;
    state.isNew = false;
    state.doc = data.permit;
    state.version = data.version;
    state.dirty = false;
    showEditor();
    renderForm();
    renderPreview(data.preview);
    showMessage(byId("editor-message"), "info", "");
    renderList();
    if (state.tab === "history") loadHistory();
  } catch (e) {
    showMessage(byId("list-message"), "error", catalogErrorText(e));
  }
}

function blankPermit() {
  return {
    id: "",
    name: "",
    short_name: "",
    office: "",
    region: "",
    sop: { number: "", title: "", created: "" },
    legal_basis: [],
    requirements: [{ text: "", source: "" }],
    steps: [{ number: 1, activity: "", actors: [], actor_source: "unmarked", time: "" }],
    service_time: { basis: "not_stated" },
    complaint_channels: [],
    service_hours: [],
    start_service: "pendaftaran",
    start_service_reason: "",
    keywords: [],
  };
}

async function newPermit() {
  if (!(await confirmDiscard())) return;
  state.id = null;
  state.isNew = true;
  state.doc = blankPermit();
  state.version = null;
  state.dirty = false;
  state.versions = [];
  showEditor();
  showTab("form");
  renderForm();
  byId("preview").replaceChildren();
  showMessage(byId("editor-message"), "info", t("cat.new_hint"));
  renderList();
  byId("f-id").focus();
}

function showEditor() {
  byId("editor").hidden = false;
  byId("editor-empty").hidden = true;
  const retired = !!(state.version && state.version.retired);
  byId("editor-title").textContent = state.isNew ? t("cat.new_title") : state.doc.name || state.id;
  byId("editor-version").textContent = state.isNew
    ? t("cat.not_saved_yet")
    : tf(retired ? "cat.version_line_retired" : "cat.version_line", {
        n: state.version.version,
        by: state.version.saved_by,
        date: formatDate(state.version.saved_at),
        time: formatClock(state.version.saved_at),
      });
  byId("duplicate").hidden = state.isNew;
  byId("retire").hidden = state.isNew || retired;
  byId("unretire").hidden = state.isNew || !retired;
  byId("tab-history").disabled = state.isNew;
  byId("save").textContent = state.isNew ? t("cat.create") : t("cat.save");
}

// ---------------------------------------------------------------------------------------------
// Saving

async function save() {
  const message = byId("editor-message");
  const note = byId("save-note").value.trim();
  const button = byId("save");
  button.disabled = true;
  try {
    if (state.isNew) {
      const data = await api.post("/catalog/permits", { permit: state.doc, note }, { retry: false });
      state.dirty = false;
      byId("save-note").value = "";
      await loadList();
      await openPermit(data.version.permit_id, { force: true });
      showMessage(byId("editor-message"), "ok", tf("cat.created", { id: data.version.permit_id }));
    } else {
      const data = await api.put(
        "/catalog/permits/" + encodeURIComponent(state.id),
        { permit: state.doc, base_version: state.version.version, note },
        { retry: false },
      );
      state.version = data.version;
      state.dirty = false;
      byId("save-note").value = "";
      clearErrors();
      showEditor();
      showMessage(message, "ok", tf("cat.saved", { n: data.version.version }));
      await loadList();
      if (state.tab === "history") await loadHistory();
    }
  } catch (e) {
    if (e instanceof ApiError && e.code === "version_conflict") {
      await conflict(e.details.current || {});
    } else {
      const line = e instanceof ApiError && e.status === 400 ? showFieldError(e) : null;
      if (line) showTab("form");
      showMessage(message, "error", tf("cat.not_saved", { error: catalogErrorText(e) }));
      if (line) line.scrollIntoView({ block: "center" });
    }
  } finally {
    button.disabled = false;
  }
}

// Someone else saved since this permit was opened: nothing of ours is lost until the user
// chooses to load theirs.
async function conflict(current) {
  const values = await askDialog(byId("dlg-conflict"), () => {
    byId("dlg-conflict-text").textContent = tf("cat.conflict_text", {
      by: current.saved_by || "?",
      n: current.version || "?",
      date: current.saved_at ? formatDate(current.saved_at) : "",
      time: current.saved_at ? formatClock(current.saved_at) : "",
    });
  });
  if (values) {
    await openPermit(state.id, { force: true });
    showMessage(byId("editor-message"), "info", t("cat.conflict_reloaded"));
  } else {
    showMessage(byId("editor-message"), "warn", t("cat.conflict_kept"));
  }
}

// A confirmation with an optional note: the note's text, or null when declined.
async function confirmAction(title, text, verb, withNote = true) {
  const values = await askDialog(byId("dlg-confirm"), () => {
    byId("dlg-confirm-title").textContent = title;
    byId("dlg-confirm-text").textContent = text;
    byId("confirm-ok").textContent = verb;
    byId("dlg-confirm-note-field").hidden = !withNote;
  });
  return values ? values.note ?? "" : null;
}

async function afterChange(data, messageKey) {
  state.dirty = false;
  await loadList();
  await openPermit(data.version.permit_id, { force: true });
  showMessage(byId("editor-message"), "ok", tf(messageKey, { n: data.version.version, id: data.version.permit_id }));
  if (state.tab === "history") await loadHistory();
}

async function retire() {
  if (!(await confirmDiscard())) return;
  const note = await confirmAction(tf("cat.retire_title", { name: state.doc.name }), t("cat.retire_text"), t("cat.retire"));
  if (note === null) return;
  try {
    await afterChange(await api.post(`/catalog/permits/${encodeURIComponent(state.id)}/retire`, { note }, { retry: false }), "cat.retired_msg");
  } catch (e) {
    showMessage(byId("editor-message"), "error", catalogErrorText(e));
  }
}

// Brings a permit back: the newest version that was in force, or a chosen one from history.
async function restore(version) {
  if (!(await confirmDiscard())) return;
  if (version === undefined) {
    const versions = (await api.get(`/catalog/permits/${encodeURIComponent(state.id)}/versions`)).versions;
    const last = versions.find((v) => !v.retired);
    if (!last) return;
    version = last.version;
  }
  const answer = await confirmAction(tf("cat.restore_title", { n: version }), t("cat.restore_text"), t("cat.restore"), false);
  if (answer === null) return;
  try {
    await afterChange(await api.post(`/catalog/permits/${encodeURIComponent(state.id)}/restore`, { version }, { retry: false }), "cat.restored_msg");
  } catch (e) {
    showMessage(byId("editor-message"), "error", catalogErrorText(e));
  }
}

async function duplicate() {
  if (!(await confirmDiscard())) return;
  const values = await askDialog(byId("dlg-duplicate"), () => {
    byId("dup-id").value = state.id + "-salinan";
    byId("dup-name").value = state.doc.name + " (" + t("cat.copy") + ")";
  });
  if (!values) return;
  try {
    const data = await api.post(`/catalog/permits/${encodeURIComponent(state.id)}/duplicate`, values, { retry: false });
    await afterChange(data, "cat.duplicated_msg");
  } catch (e) {
    showMessage(byId("editor-message"), "error", catalogErrorText(e));
  }
}

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

// ---------------------------------------------------------------------------------------------
// Tabs and start

function showTab(tab) {
  state.tab = tab;
  for (const name of ["form", "preview", "history"]) {
    byId("tab-" + name).setAttribute("aria-selected", String(name === tab));
    byId("panel-" + name).hidden = name !== tab;
  }
  if (tab === "history") loadHistory();
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
