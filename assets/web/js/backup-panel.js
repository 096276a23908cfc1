// The admin page's backup section (GET /backups, POST /backups; docs/backups.md): the last
// backup (time, file, size, done or failed with the reason), the last good one when the last
// failed, where copies go and when the next is due; "Cadangkan sekarang" starts one and the
// section follows it until it is done. Its words: backup.* in i18n.js.
"use strict";

import { ApiError, api } from "./api.js";
import { byId, el, errorDetail, errorText, formatClock, formatDate, lang, officeZone, showMessage, t, tf } from "./ui.js";

let status = null;
let timer = null;

const when = (ms) => tf("backup.at", { date: formatDate(ms), time: formatClock(ms) });
const trigger = (text) => (text.startsWith("admin ") ? text.slice(6) : t("backup.trigger." + text));

function size(bytes) {
  const locale = lang() === "id" ? "id-ID" : "en-GB";
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024) + " KB";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(mb) + " MB";
}

function render() {
  const facts = byId("backup-facts");
  const button = byId("backup-now");
  byId("backup-title").textContent = t("backup.title");
  if (!status) {
    button.textContent = t("backup.now");
    return;
  }
  const last = status.last;
  const message = byId("backup-message");
  if (!last) showMessage(message, "info", t("backup.none"));
  else if (last.ok) showMessage(message, "ok", tf("backup.last_ok", { when: when(last.finished_at) }));
  else showMessage(message, "error", tf("backup.last_failed", { when: when(last.finished_at) }), last.error);
  const rows = [];
  const add = (key, value) => rows.push(el("dt", {}, t(key)), el("dd", {}, value));
  if (last && last.ok) {
    add("backup.file", last.file);
    add("backup.size", size(last.size_bytes));
  }
  if (last) add("backup.by", trigger(last.trigger));
  if (last && !last.ok && status.last_ok) {
    add("backup.good", when(status.last_ok.finished_at) + " · " + status.last_ok.file + " · " + size(status.last_ok.size_bytes));
  }
  add("backup.folder", status.folder);
  let schedule = t("backup.unscheduled");
  if (status.scheduled && status.daily_at) {
    schedule = tf("backup.daily", { time: status.daily_at.replace(":", "."), zone: officeZone() || "" });
  } else if (status.scheduled && status.interval_minutes) {
    schedule = tf("backup.every", { n: status.interval_minutes });
  }
  add("backup.schedule", schedule);
  if (status.next_at) add("backup.next", when(status.next_at));
  add("backup.keep", status.keep_days ? tf("backup.keep_days", { n: status.keep, days: status.keep_days }) : tf("backup.keep_n", { n: status.keep }));
  facts.replaceChildren(...rows);
  button.disabled = status.running;
  button.textContent = t(status.running ? "backup.running" : "backup.now");
}

async function load() {
  clearTimeout(timer);
  try {
    status = await api.get("/backups", { retry: false });
    render();
  } catch (e) {
    if (e instanceof ApiError && e.status === 503) showMessage(byId("backup-message"), "warn", t("backup.unavailable"));
    else if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) console.error(e);
    if (e instanceof ApiError && e.status !== 0) return;
  }
  // While a copy runs, follow it closely; otherwise refresh now and then (a scheduled copy).
  timer = setTimeout(load, status && status.running ? 1000 : 30000);
}

async function backUpNow() {
  const button = byId("backup-now");
  button.disabled = true;
  try {
    status = await api.post("/backups", {}, { retry: false });
    render();
    showMessage(byId("backup-message"), "info", t("backup.started"));
  } catch (e) {
    showMessage(byId("backup-message"), "error", errorText(e), errorDetail(e));
    button.disabled = false;
  }
  setTimeout(load, 1000);
}

if (byId("backup-panel")) {
  byId("backup-now").addEventListener("click", backUpNow);
  // The language switch re-renders the page's own parts; this section follows it.
  byId("lang")?.addEventListener("click", () => setTimeout(render, 0));
  // Its times are office times: drawn again once the page has read the office's zone.
  document.addEventListener("loket:office-clock", render);
  render();
  load();
}
