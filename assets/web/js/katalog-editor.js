// The catalog editor's open permit: opening one or starting a new one, the tabs, saving it as a
// new version against the version it was opened at (a conflict if someone saved in between),
// and duplicating, retiring and restoring it.
"use strict";

import { ApiError, api } from "./api.js";
import { catalogErrorText } from "./catalog-text.js";
import { askDialog, byId, formatClock, formatDate, showMessage, t, tf } from "./ui.js";
import { clearErrors, showFieldError } from "./katalog-errors.js";
import { renderForm } from "./katalog-form.js";
import { loadHistory } from "./katalog-history.js";
import { loadList, renderList } from "./katalog-list.js";
import { renderPreview } from "./katalog-preview.js";
import { state } from "./katalog-state.js";

// ---------------------------------------------------------------------------------------------
// Opening

export async function confirmDiscard() {
  if (!state.dirty) return true;
  return !!(await confirmAction(t("cat.discard_title"), t("cat.discard_text"), t("cat.discard"), false));
}

export async function openPermit(id, { force = false } = {}) {
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

export async function newPermit() {
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

export function showEditor() {
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

export function showTab(tab) {
  state.tab = tab;
  for (const name of ["form", "preview", "history"]) {
    byId("tab-" + name).setAttribute("aria-selected", String(name === tab));
    byId("panel-" + name).hidden = name !== tab;
  }
  if (tab === "history") loadHistory();
}

// ---------------------------------------------------------------------------------------------
// Saving

export async function save() {
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

export async function retire() {
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
export async function restore(version) {
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

export async function duplicate() {
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
