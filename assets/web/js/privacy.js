// The personal-data page (privasi.html, admins; docs/privacy.md): one person's records found by
// phone, name, application or complaint number, downloaded as JSON or erased on their request
// (POST /privacy/search, POST /privacy/export, POST /privacy/erase); the log of staff reads of
// personal data, filtered and paged (GET /privacy/access-log); the retention periods in force
// (GET /settings) and the anonymisation run at once (POST /privacy/anonymise).
"use strict";

import "../i18n-privasi.js"; // its texts, before any module uses them
import { ApiError, api, requireLogin } from "./api.js";
import {
  applyI18n, askDialog, byId, el, errorDetail, errorText, formatClock, formatDate, officeOffsetMinutes,
  setupHeader, setupOfflineBanner, showMessage, syncClock, t, tf,
} from "./ui.js";

const PER_PAGE = 25;
const state = { user: null, records: [], log: null, page: 1, tab: "person", settings: null };

function showTab(tab) {
  state.tab = tab;
  for (const name of ["person", "log", "retention"]) {
    byId("tab-" + name).setAttribute("aria-selected", String(name === tab));
    byId("panel-" + name).hidden = name !== tab;
  }
  if (tab === "log") loadLog().catch(() => {});
  if (tab === "retention") loadRetention().catch(() => {});
  history.replaceState(null, "", "#" + tab);
}

const say = (id, kind, text, detail) => showMessage(byId(id), kind, text, detail);
const fail = (id) => (e) => say(id, "error", errorText(e), errorDetail(e));

// ---- One person's records ----

async function search(event) {
  event.preventDefault();
  const by = byId("search-by").value;
  const q = byId("search-q").value.trim();
  try {
    const data = await api.post("/privacy/search", { by, q });
    state.records = data.records;
    renderRecords();
    say("person-message", data.records.length ? "" : "info", data.records.length ? "" : t("priv.none"));
  } catch (e) {
    state.records = [];
    renderRecords();
    fail("person-message")(e);
  }
}

function renderRecords() {
  const body = byId("person-body");
  body.replaceChildren(
    ...state.records.map((r, i) =>
      el(
        "tr",
        { dataset: { record: r.kind + "-" + r.id } },
        el("td", {}, el("input", { type: "checkbox", id: "pick-" + i, checked: !r.erased, "aria-label": r.number })),
        el("td", {}, t("priv.kind." + r.kind)),
        el("td", {}, r.number),
        el("td", {}, r.erased ? el("em", {}, t("priv.erased")) : r.name ?? "–"),
        el("td", {}, r.phone ?? "–"),
        el("td", {}, r.state),
        el("td", {}, formatDate(r.at)),
      ),
    ),
  );
  byId("person-table").hidden = state.records.length === 0;
  byId("person-actions").hidden = state.records.length === 0;
}

function picked() {
  return state.records.filter((_, i) => byId("pick-" + i).checked).map((r) => ({ kind: r.kind, id: r.id }));
}

async function exportPicked() {
  const records = picked();
  if (!records.length) return say("person-message", "error", t("priv.pick_first"));
  try {
    const data = await api.post("/privacy/export", { records }, { retry: false });
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "data-pribadi.json" });
    document.body.append(link);
    link.click();
    link.remove();
    say("person-message", "ok", tf("priv.exported_done", { n: records.length }));
  } catch (e) {
    fail("person-message")(e);
  }
}

async function erasePicked() {
  const records = picked();
  if (!records.length) return say("person-message", "error", t("priv.pick_first"));
  const reason = byId("erase-reason").value.trim();
  if (!reason) {
    byId("erase-reason").focus();
    return say("person-message", "error", t("priv.reason_first"));
  }
  const ok = await askDialog(byId("dlg-erase"), () => {
    byId("dlg-erase-text").textContent = tf("priv.erase_confirm", { n: records.length });
  });
  if (!ok) return;
  try {
    await api.post("/privacy/erase", { records, reason }, { retry: false });
    say("person-message", "ok", tf("priv.erased_done", { n: records.length }));
    state.records = state.records.map((r) => (records.some((x) => x.kind === r.kind && x.id === r.id) ? { ...r, erased: true, name: null, phone: null } : r));
    renderRecords();
  } catch (e) {
    fail("person-message")(e);
  }
}

// ---- The access log ----

// A date input (office-local day) as ms since 1970; `end`: the next midnight.
function dayMs(value, end) {
  if (!value) return "";
  const [y, m, d] = value.split("-").map(Number);
  return Date.UTC(y, m - 1, d + (end ? 1 : 0)) - officeOffsetMinutes() * 60000;
}

async function loadLog() {
  const params = new URLSearchParams({ page: String(state.page), per_page: String(PER_PAGE) });
  const add = (name, value) => value !== "" && params.set(name, String(value));
  add("user", byId("log-user").value.trim());
  add("kind", byId("log-kind").value);
  add("action", byId("log-action").value);
  add("number", byId("log-number").value.trim());
  add("from", dayMs(byId("log-from").value, false));
  add("to", dayMs(byId("log-to").value, true));
  try {
    state.log = await api.get("/privacy/access-log?" + params.toString());
    say("log-message", "", "");
  } catch (e) {
    fail("log-message")(e);
    return;
  }
  renderLog();
}

function detailText(entry) {
  if (entry.action === "read") return entry.detail;
  try {
    const d = JSON.parse(entry.detail || "{}");
    if (d.reason) return d.reason;
    if (d.by) return t("priv.by." + d.by);
    if (entry.action === "anonymise") return tf("priv.run_done", { phones: d.application_phones, apps: d.applications, complaints: d.complaints, events: d.events });
  } catch {
    // not JSON: shown as it is
  }
  return entry.detail;
}

function renderLog() {
  const log = state.log;
  if (!log) return;
  byId("log-body").replaceChildren(
    ...log.entries.map((e) =>
      el(
        "tr",
        {},
        el("td", {}, formatDate(e.at) + " " + formatClock(e.at, true)),
        el("td", {}, e.user),
        el("td", {}, t("priv.action." + e.action)),
        el("td", {}, e.kind ? t("priv.kind." + e.kind) + " " + (e.number ?? "#" + e.record_id) : "–"),
        el("td", {}, e.fields.join(", ") || "–"),
        el("td", {}, detailText(e)),
      ),
    ),
  );
  const pages = Math.max(1, Math.ceil(log.total / log.per_page));
  byId("log-page").textContent = tf("priv.page", { page: log.page, pages, total: log.total });
  byId("log-prev").disabled = log.page <= 1;
  byId("log-next").disabled = log.page >= pages;
}

// ---- Retention ----

async function loadRetention() {
  state.settings = await api.get("/settings");
  const p = state.settings.privacy || {};
  byId("retention-body").replaceChildren(
    ...["application_phone_days", "application_name_days", "complaint_contact_days"].map((key) =>
      el("tr", {}, el("th", { scope: "row" }, t("field.privacy." + key)), el("td", { class: "num", dataset: { retention: key } }, p[key] === undefined ? "–" : tf("priv.days", { n: p[key] }))),
    ),
  );
}

async function runNow() {
  try {
    const c = await api.post("/privacy/anonymise", {}, { retry: false });
    say("retention-message", "ok", tf("priv.run_done", { phones: c.application_phones, apps: c.applications, complaints: c.complaints, events: c.events }));
  } catch (e) {
    fail("retention-message")(e);
  }
}

function renderAll() {
  applyI18n();
  document.title = t("priv.title") + " · " + t("app.name");
  renderRecords();
  renderLog();
  if (state.tab === "retention") loadRetention().catch(() => {});
}

async function init() {
  applyI18n();
  document.title = t("priv.title") + " · " + t("app.name");
  setupOfflineBanner(() => {});
  state.user = await requireLogin("admin");
  setupHeader(state.user, "privasi.html", renderAll);
  const office = await api.get("/office").catch(() => null);
  if (office) {
    syncClock(office);
    byId("office").textContent = office.name;
  }
  for (const name of ["person", "log", "retention"]) byId("tab-" + name).addEventListener("click", () => showTab(name));
  byId("search-form").addEventListener("submit", search);
  byId("export").addEventListener("click", exportPicked);
  byId("erase").addEventListener("click", erasePicked);
  byId("log-form").addEventListener("submit", (e) => {
    e.preventDefault();
    state.page = 1;
    loadLog();
  });
  byId("log-prev").addEventListener("click", () => {
    state.page = Math.max(1, state.page - 1);
    loadLog();
  });
  byId("log-next").addEventListener("click", () => {
    state.page += 1;
    loadLog();
  });
  byId("run-now").addEventListener("click", runNow);
  const hash = location.hash.slice(1);
  showTab(["person", "log", "retention"].includes(hash) ? hash : "person");
}

init().catch((e) => {
  if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) console.error(e);
});
