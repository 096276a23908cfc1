// Complaint triage in the staff console (pengaduan-staf.html, docs/complaints-web.md): the list
// with filters and days left to the 60-day due date, the due-soon reminders, one complaint's
// details (name and contact only here; the server logs each read) with its actions, notes and
// history, recording a complaint that came by box, phone, SMS, in person or letter, and the
// SP4N-LAPOR! CSV. complaint.* events keep it current.
"use strict";

import { ApiError, api, connection, requireLogin, roleAtLeast, session } from "./api.js";
import { formatLongDate, newKey, officeLongDate } from "./apps.js";
import { EventStream } from "./sse.js";
import {
  applyI18n, byId, coalesce, el, errorText, lang, setupHeader, setupOfflineBanner, showMessage, syncClock, t, tf,
} from "./ui.js";

const STATES = ["diterima", "diverifikasi", "diproses", "selesai", "ditolak"];
const FINAL = new Set(["selesai", "ditolak"]);
const NEXT = { diterima: "diverifikasi", diverifikasi: "diproses" };

const state = {
  user: null,
  categories: [],
  channels: [],
  contactRetentionDays: 90, // the office's privacy setting, from GET /complaints/categories
  list: [],
  openId: null,
  detail: null,
  staff: new Set(), // usernames to offer when assigning
  reminders: [], // complaint.due_soon events seen live: {complaint, kind}
  busy: false,
  recordKey: "",
};

const name = (item) => (item ? (lang() === "en" && item.name_en ? item.name_en : item.name) : "–");
// Staff read "Ditolak" where the applicant reads the gentler "Tidak dapat diproses".
const stateLabel = (s) => (s === "ditolak" ? t("adus.rejected") : t("adu.state." + s));
// "2026-12-05" -> "05-12-2026" in lists; written out in words in the details.
function shortDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day || "");
  return m ? `${m[3]}-${m[2]}-${m[1]}` : "–";
}
// "05-12-2026" (as typed) -> "2026-12-05", or "" when it is no date.
function isoDay(text) {
  const m = /^\s*(\d{1,2})-(\d{1,2})-(\d{4})\s*$/.exec(text || "");
  if (!m) return "";
  const iso = `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  const d = new Date(iso + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : "";
}
function longDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day || "");
  return m ? formatLongDate(Date.UTC(+m[1], +m[2] - 1, +m[3]), 0, "", lang(), false) : "–";
}
// A note's time (milliseconds) in the office's zone, or a history day ("2026-12-05"), in words.
function stamp(value) {
  if (typeof value === "number") return officeLongDate(value, true);
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2})[:.](\d{2}))?/.exec(String(value || ""));
  if (!m) return String(value || "–");
  return longDay(m[1]) + (m[2] ? (lang() === "en" ? " at " : " pukul ") + m[2] + "." + m[3] : "");
}

function daysPill(c) {
  if (FINAL.has(c.state)) return el("span", { class: "pill days-closed" }, "–");
  if (c.overdue || c.days_left < 0) {
    return el("span", { class: "pill days-overdue" }, tf("adus.overdue_by", { n: Math.abs(c.days_left || 0) }));
  }
  const cls = c.days_left <= 7 ? "days-soon" : "days-ok";
  return el("span", { class: "pill " + cls }, tf("adus.days_left", { n: c.days_left }));
}

// ---------------------------------------------------------------------------------------------
// List

function query() {
  const q = new URLSearchParams();
  if (byId("f-state").value) q.set("state", byId("f-state").value);
  if (byId("f-category").value) q.set("category", byId("f-category").value);
  if (byId("f-overdue").checked) q.set("overdue", "true");
  if (byId("f-mine").checked) q.set("assigned", "me");
  const s = q.toString();
  return s ? "?" + s : "";
}

async function refreshList() {
  const r = await api.get("/complaints" + query());
  state.list = r.complaints || [];
  for (const c of state.list) if (c.assignee) state.staff.add(c.assignee.username);
  renderList();
  renderReminders();
}
const refreshSoon = coalesce(refreshList, 300);

function renderList() {
  const body = byId("list-body");
  body.replaceChildren();
  if (!state.list.length) {
    body.append(el("tr", {}, el("td", { colspan: 7, class: "muted" }, t("adus.empty"))));
    return;
  }
  for (const c of state.list) {
    body.append(
      el(
        "tr",
        { class: c.id === state.openId ? "selected" : null, dataset: { id: c.id, number: c.tracking_number }, onclick: () => openDetail(c.id) },
        el("td", {}, el("button", { type: "button", class: "link-button ticket-no" }, c.tracking_number)),
        el("td", {}, name(c.category), el("div", { class: "small muted" }, t("adus.channel." + c.channel))),
        el("td", {}, stateLabel(c.state)),
        el("td", { class: "nowrap" }, shortDay(c.received_on)),
        el("td", {}, daysPill(c)),
        el("td", {}, c.assignee ? c.assignee.name || c.assignee.username : "–"),
        el("td", { class: "excerpt small" }, c.excerpt || ""),
      ),
    );
  }
}

// Open complaints with 14 days or less left or past due, the most urgent first, and the live
// reminders the server sent meanwhile.
function renderReminders() {
  const list = byId("reminders");
  list.replaceChildren();
  const urgent = state.list
    .filter((c) => !FINAL.has(c.state) && (c.overdue || c.days_left <= 14))
    .sort((a, b) => a.days_left - b.days_left);
  const seen = new Set(urgent.map((c) => c.id));
  for (const r of state.reminders) {
    if (!seen.has(r.complaint.id) && !FINAL.has(r.complaint.state)) {
      urgent.push(r.complaint);
      seen.add(r.complaint.id);
    }
  }
  if (!urgent.length) {
    list.append(el("li", { class: "muted" }, t("adus.no_reminders")));
    return;
  }
  for (const c of urgent) {
    list.append(
      el(
        "li",
        { class: "warning-item", dataset: { number: c.tracking_number } },
        el("button", { type: "button", class: "link-button ticket-no", onclick: () => openDetail(c.id) }, c.tracking_number),
        " ",
        daysPill(c),
        " ",
        el("span", { class: "small" }, name(c.category) + " · " + stateLabel(c.state) + " · " + tf("adus.due", { date: shortDay(c.due_on) })),
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// One complaint

async function openDetail(id) {
  state.openId = id;
  renderList();
  try {
    state.detail = await api.get("/complaints/" + id);
    renderDetail();
  } catch (e) {
    showMessage(byId("list-message"), "error", errorText(e));
  }
}

function fact(label, value) {
  return [el("dt", {}, label), el("dd", {}, value)];
}

function renderDetail() {
  const c = state.detail;
  const box = byId("detail");
  if (!c) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  byId("detail-title").textContent = c.tracking_number;
  byId("facts").replaceChildren(
    ...fact(t("adus.state"), stateLabel(c.state)),
    ...fact(t("adus.category"), name(c.category)),
    ...fact(t("adus.channel"), t("adus.channel." + c.channel)),
    ...fact(t("adus.received"), longDay(c.received_on)),
    ...fact(t("adus.due_on"), el("span", {}, longDay(c.due_on), " ", daysPill(c))),
    ...fact(t("adus.assignee"), c.assignee ? (c.assignee.name || c.assignee.username) + " (" + c.assignee.username + ")" : "–"),
  );
  byId("d-text").textContent = c.text || "";
  const personal = byId("d-personal");
  if (c.name || c.contact) {
    personal.hidden = false;
    personal.replaceChildren(
      el("div", { class: "small muted" }, t("adus.personal_logged")),
      el("div", {}, t("adus.name") + ": ", el("strong", {}, c.name || "–")),
      el("div", {}, t("adus.contact") + ": ", el("strong", {}, c.contact || "–")),
    );
  } else {
    personal.hidden = false;
    personal.replaceChildren(el("div", { class: "small muted" }, t("adus.anonymous")));
  }
  const answer = byId("d-answer");
  answer.replaceChildren();
  if (c.reply) answer.append(el("h3", {}, t("adus.reply")), el("p", { class: "adu-usertext", id: "d-reply" }, c.reply));
  if (c.rejection_reason) {
    answer.append(el("h3", {}, t("adus.reason")), el("p", { class: "adu-usertext", id: "d-reason" }, c.rejection_reason));
  }
  renderActions(c);
  const notes = byId("d-notes");
  notes.replaceChildren();
  if (!(c.notes || []).length) notes.append(el("li", { class: "muted" }, t("adus.no_notes")));
  for (const n of c.notes || []) {
    notes.append(el("li", {}, el("div", { class: "small muted" }, (n.staff ? n.staff.name : "–") + " · " + stamp(n.at)), el("div", { class: "adu-usertext" }, n.text)));
  }
  const history = byId("d-history");
  history.replaceChildren();
  for (const h of c.history || []) {
    history.append(el("li", {}, stamp(h.on) + " — " + stateLabel(h.state) + (h.staff && h.staff.name ? " (" + h.staff.name + ")" : "")));
  }
}

function renderActions(c) {
  const box = byId("d-actions");
  box.replaceChildren();
  if (FINAL.has(c.state)) {
    box.append(el("p", { class: "muted small" }, t("adus.final")));
    return;
  }
  const row = el("div", { class: "row" });
  if (NEXT[c.state]) {
    const to = NEXT[c.state];
    row.append(el("button", { type: "button", class: "primary", id: "act-" + to, onclick: () => transition({ to }) }, t("adus.to." + to)));
  }
  box.append(row);
  if (roleAtLeast(state.user, "supervisor")) {
    const options = [...state.staff].sort().map((u) => el("option", { value: u }));
    box.append(
      el(
        "div",
        { class: "row" },
        el("label", { class: "field inline" }, t("adus.assign_to"),
          el("input", { id: "assign-user", list: "staff-list", autocomplete: "off", value: c.assignee ? c.assignee.username : "" })),
        el("datalist", { id: "staff-list" }, options),
        el("button", { type: "button", id: "assign", onclick: assign }, t("adus.assign")),
      ),
    );
  }
  if (c.state === "diproses") {
    box.append(
      el("label", { for: "reply-text" }, t("adus.reply_label")),
      el("textarea", { id: "reply-text", maxlength: 4000 }),
      el("div", { class: "field-error", id: "reply-error", hidden: true }),
      el("div", { class: "row" }, el("button", { type: "button", class: "primary", id: "act-selesai", onclick: finish }, t("adus.to.selesai"))),
    );
  }
  box.append(
    el("label", { for: "reason-text" }, t("adus.reason_label")),
    el("textarea", { id: "reason-text", maxlength: 1000 }),
    el("div", { class: "field-error", id: "reason-error", hidden: true }),
    el("div", { class: "row" }, el("button", { type: "button", class: "danger", id: "act-ditolak", onclick: reject }, t("adus.to.ditolak"))),
  );
}

// The server's own sentence in the page's language, with the field named by its label rather
// than its JSON key ("Isian 'reply': …" -> "Tanggapan: …").
const FIELD_LABELS = { reply: "adus.reply", reason: "adus.reason", text: "adus.text", category: "adus.category",
  channel: "adus.channel", name: "adus.name", contact: "adus.contact", consent: "adus.consent_short", username: "adus.assignee" };
function serverText(e) {
  if (!(e instanceof ApiError) || !e.details) return errorText(e);
  const own = lang() === "id" ? e.details.message_id : e.details.message;
  if (!own) return errorText(e);
  const rest = /'[^']*':\s*(.*)$/s.exec(own);
  return rest && FIELD_LABELS[e.field] ? t(FIELD_LABELS[e.field]) + ": " + rest[1] : own;
}

// An action's answer is the fresh detail; its error goes next to the field it names.
async function act(path, body, errorBox) {
  if (state.busy) return;
  state.busy = true;
  showMessage(byId("detail-message"), "", "");
  if (errorBox) errorBox.hidden = true;
  try {
    state.detail = await api.post(path, body, { retry: false });
    renderDetail();
    showMessage(byId("detail-message"), "ok", t("adus.saved"));
    refreshSoon();
  } catch (e) {
    const text = serverText(e);
    if (errorBox && e instanceof ApiError && e.field) {
      errorBox.textContent = text;
      errorBox.hidden = false;
    } else {
      showMessage(byId("detail-message"), "error", text);
    }
    if (e instanceof ApiError && e.status === 409) openDetail(state.openId);
  } finally {
    state.busy = false;
  }
}

function transition(body, errorBox) {
  return act(`/complaints/${state.openId}/transition`, body, errorBox);
}
function finish() {
  transition({ to: "selesai", reply: byId("reply-text").value }, byId("reply-error"));
}
function reject() {
  transition({ to: "ditolak", reason: byId("reason-text").value }, byId("reason-error"));
}
function assign() {
  act(`/complaints/${state.openId}/assign`, { username: byId("assign-user").value.trim() }, null);
}
async function addNote() {
  await act(`/complaints/${state.openId}/notes`, { text: byId("note-text").value }, byId("note-error"));
  if (byId("note-error").hidden) byId("note-text").value = "";
}

// ---------------------------------------------------------------------------------------------
// Recording a complaint that came by another channel

function openRecord() {
  state.recordKey = newKey();
  byId("record-form").reset();
  byId("r-personal").hidden = true;
  for (const node of byId("record-form").querySelectorAll(".field-error")) node.hidden = true;
  byId("r-message").hidden = true;
  recordCount();
  byId("dlg-record").showModal();
}
function recordCount() {
  byId("r-count").textContent = tf("adus.count", { n: [...byId("r-text").value.trim()].length });
}
async function saveRecord(event) {
  event.preventDefault();
  for (const node of byId("record-form").querySelectorAll(".field-error")) node.hidden = true;
  byId("r-message").hidden = true;
  const body = { channel: byId("r-channel").value, category: byId("r-category").value, text: byId("r-text").value };
  if (byId("r-consent").checked) {
    body.consent = true;
    if (byId("r-name").value.trim()) body.name = byId("r-name").value;
    if (byId("r-contact").value.trim()) body.contact = byId("r-contact").value;
  }
  try {
    const r = await api.post("/complaints", body, { retry: false, headers: { "Idempotency-Key": state.recordKey } });
    byId("dlg-record").close();
    showMessage(byId("list-message"), "ok", tf("adus.recorded", { number: r.tracking_number }));
    await refreshList();
  } catch (e) {
    const text = serverText(e);
    const slot = e instanceof ApiError && e.field ? byId("r-err-" + e.field) : null;
    if (slot) {
      if (e.field === "name" || e.field === "contact") byId("r-personal").hidden = false;
      slot.textContent = text;
      slot.hidden = false;
    } else {
      showMessage(byId("r-message"), "error", text);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// SP4N-LAPOR! export: fetched with the session's token and saved as a file.

async function exportCsv() {
  const from = isoDay(byId("exp-from").value);
  const to = isoDay(byId("exp-to").value);
  const message = byId("export-message");
  if (!from || !to || from > to) return showMessage(message, "error", t("adus.export_range"));
  try {
    const res = await fetch(`/api/v1/complaints/export.csv?from=${from}&to=${to}`, {
      headers: { Authorization: "Bearer " + session.token },
      cache: "no-store",
    });
    if (!res.ok) {
      let error = {};
      try {
        error = (await res.json()).error || {};
      } catch {
        error = {};
      }
      throw new ApiError(res.status, error.code || "http_" + res.status, error.message, error.field, error);
    }
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: `pengaduan-lapor-${from}-${to}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    showMessage(message, "ok", t("adus.exported"));
  } catch (e) {
    showMessage(message, "error", errorText(e));
  }
}

// ---------------------------------------------------------------------------------------------

function onEvent(event) {
  if (!event.type || !event.type.startsWith("complaint.")) return;
  const p = event.payload || {};
  if (event.type === "complaint.due_soon" && p.complaint) {
    state.reminders = state.reminders.filter((r) => r.complaint.id !== p.complaint.id);
    state.reminders.unshift({ complaint: p.complaint, kind: p.kind });
    showMessage(byId("list-message"), p.kind === "overdue" ? "error" : "warn",
      tf("adus.reminder." + (p.kind === "overdue" ? "overdue" : p.kind === "7_days" ? "seven" : "fourteen"), { number: p.complaint.tracking_number }));
  }
  refreshSoon();
  // Another person's change to the complaint on screen: read it again (not after our own).
  if (p.complaint && p.complaint.id === state.openId && !state.busy && event.type === "complaint.changed") {
    setTimeout(() => {
      if (!state.busy && state.openId === p.complaint.id) openDetail(state.openId);
    }, 500);
  }
}

function fillFilters() {
  const select = (node, first, items) => {
    const keep = node.value;
    node.replaceChildren(el("option", { value: "" }, first), ...items.map(([v, label]) => el("option", { value: v }, label)));
    node.value = keep;
  };
  select(byId("f-state"), t("adus.all"), STATES.map((s) => [s, stateLabel(s)]));
  select(byId("f-category"), t("adus.all"), state.categories.map((c) => [c.id, name(c)]));
  select(byId("r-category"), t("adus.choose"), state.categories.map((c) => [c.id, name(c)]));
  select(byId("r-channel"), t("adus.choose"), state.channels.map((c) => [c.id, name(c)]));
}

function renderAll() {
  document.title = t("adus.title") + " · " + t("app.name");
  // The office's own retention of a complainant's contact (privacy settings).
  byId("r-consent-text").textContent = tf("adus.consent", { days: state.contactRetentionDays });
  fillFilters();
  renderList();
  renderReminders();
  renderDetail();
}

async function init() {
  applyI18n();
  document.title = t("adus.title") + " · " + t("app.name");
  setupOfflineBanner(() => refreshSoon());
  state.user = await requireLogin("staff");
  setupHeader(state.user, "pengaduan-staf.html", renderAll);
  const [office, categories, health] = await Promise.all([api.get("/office"), api.get("/complaints/categories"), api.get("/health")]);
  syncClock(office);
  byId("office").textContent = office.name;
  state.categories = categories.categories || [];
  state.channels = categories.channels_staff || [];
  if (Number.isInteger(categories.contact_retention_days)) state.contactRetentionDays = categories.contact_retention_days;
  byId("r-consent-text").textContent = tf("adus.consent", { days: state.contactRetentionDays });
  fillFilters();
  // Only an admin may list accounts; a supervisor types the user name (offered from the
  // assignees already seen).
  if (roleAtLeast(state.user, "admin")) {
    try {
      const users = await api.get("/users");
      for (const u of users.users || []) if (!u.disabled) state.staff.add(u.name);
    } catch {
      // the list stays the assignees seen
    }
  }
  if (roleAtLeast(state.user, "supervisor")) {
    byId("export-box").hidden = false;
    const today = new Date(Date.now() + (office.utc_offset_minutes ?? 420) * 60000).toISOString().slice(0, 10);
    byId("exp-from").value = shortDay(today.slice(0, 8) + "01");
    byId("exp-to").value = shortDay(today);
  } else {
    byId("f-mine").checked = true;
  }
  for (const id of ["f-state", "f-category", "f-overdue", "f-mine"]) byId(id).addEventListener("change", refreshSoon);
  byId("record-open").addEventListener("click", openRecord);
  byId("record-cancel").addEventListener("click", () => byId("dlg-record").close());
  byId("record-form").addEventListener("submit", saveRecord);
  byId("r-text").addEventListener("input", recordCount);
  byId("r-consent").addEventListener("change", () => {
    byId("r-personal").hidden = !byId("r-consent").checked;
  });
  byId("note-add").addEventListener("click", addNote);
  byId("export").addEventListener("click", exportCsv);
  const wanted = new URLSearchParams(location.search).get("id");
  await refreshList();
  if (wanted) openDetail(Number(wanted) || wanted);
  new EventStream({ lastEventId: health.last_event_id, onEvent }).start();
  setInterval(() => {
    if (connection.online) refreshSoon();
  }, 60000);
}

init().catch((e) => {
  if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) console.error(e);
});
