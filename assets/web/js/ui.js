// Shared page helpers for the staff console: translated text (every string is in /i18n.js),
// DOM building without innerHTML, the page header, the "server unreachable" banner, error
// messages, and times in the office's time zone.
"use strict";

import { TEXT, loketLang, t } from "../i18n.js";
import { ApiError, connection, logout, roleAtLeast, setServerClock } from "./api.js";

export { t };
export const lang = loketLang;

export function hasText(key) {
  return key in TEXT.id;
}

// t() with {placeholders} filled in.
export function tf(key, vars = {}) {
  return t(key).replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

// Sets the text of every element carrying data-i18n (text), data-i18n-placeholder,
// data-i18n-aria-label or data-i18n-title below root.
export function applyI18n(root = document) {
  document.documentElement.lang = lang();
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll("[data-i18n-placeholder]")) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  for (const node of root.querySelectorAll("[data-i18n-aria-label]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nAriaLabel));
  }
  for (const node of root.querySelectorAll("[data-i18n-title]")) node.title = t(node.dataset.i18nTitle);
}

// el("td", {class: "x", dataset: {n: 1}, onclick: f}, "text", child...)
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    // Through the CSSOM: the Content-Security-Policy refuses a style="" attribute (docs/https.md).
    else if (key === "style") node.style.cssText = String(value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

// The field an error names ("name", "hours.monday[0]", "services[1].prefix") in the user's
// language: "Nama pengguna", "Jam layanan Senin", "Layanan ke-2 · Huruf".
export function fieldLabel(field) {
  if (!field) return "";
  const own = (key) => (hasText("field." + key) ? t("field." + key) : key);
  const hours = /^hours\.(\w+)(?:\[\d+\])?$/.exec(field);
  if (hours) return tf("field.hours_of", { day: hasText("day." + hours[1]) ? t("day." + hours[1]) : hours[1] });
  const item = /^(services|counters|holidays)\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (item) {
    const row = tf("field." + item[1] + "_row", { n: Number(item[2]) + 1 });
    return item[3] ? row + " · " + own(item[1] + "." + item[3]) : row;
  }
  return own(field);
}

// The readable text for an error, always in the user's language: the text for its code
// (err.<code>, with {field} named), otherwise a generic one. The server's own message is
// English for logs and is never shown in place of a translation.
export function errorText(error) {
  if (error instanceof ApiError) {
    const field = fieldLabel(error.field);
    if (hasText("err." + error.code)) return tf("err." + error.code, { field });
    return field ? tf("err.unknown_at", { code: error.code, field }) : tf("err.unknown", { code: error.code });
  }
  return t("err.unknown_local");
}

// The field at fault as a detail line, when the text for the code does not name it already.
export function errorDetail(error) {
  if (!(error instanceof ApiError) || !error.field) return "";
  if (hasText("err." + error.code) && t("err." + error.code).includes("{field}")) return "";
  if (!hasText("err." + error.code)) return "";
  return tf("err.field_is", { field: fieldLabel(error.field) });
}

// ---------------------------------------------------------------------------------------------
// Office time: the server's clock and the office's UTC offset (WIB/WITA/WIT), so timers and
// clock times agree with the server whatever the PC's own clock and zone say.

const clock = { skewMs: 0, offsetMinutes: 7 * 60, zone: "WIB" };

export function syncClock(office) {
  if (typeof office.now === "number") {
    clock.skewMs = office.now - Date.now();
    setServerClock(office.now);
  }
  if (typeof office.utc_offset_minutes === "number") clock.offsetMinutes = office.utc_offset_minutes;
  if (office.time_zone) clock.zone = office.time_zone;
  // Parts of a page that drew times before the office's zone was known draw them again.
  if (typeof document !== "undefined") document.dispatchEvent(new Event("loket:office-clock"));
}
export function serverNow() {
  return Date.now() + clock.skewMs;
}
export function officeZone() {
  return clock.zone;
}
export function officeOffsetMinutes() {
  return clock.offsetMinutes;
}
// "14.05" in office time (PUEBI writes clock times with a dot).
export function formatClock(ms, withSeconds = false) {
  if (ms === null || ms === undefined) return "–";
  const d = new Date(ms + clock.offsetMinutes * 60000);
  const pad = (n) => String(n).padStart(2, "0");
  const text = pad(d.getUTCHours()) + "." + pad(d.getUTCMinutes());
  return withSeconds ? text + "." + pad(d.getUTCSeconds()) : text;
}
// "2026-11-23" in office time.
export function formatDate(ms) {
  if (ms === null || ms === undefined) return "–";
  return new Date(ms + clock.offsetMinutes * 60000).toISOString().slice(0, 10);
}
// "4:07" or "1:02:09" for a duration.
export function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n) => String(n).padStart(2, "0");
  return h > 0 ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
}
export function minutesSince(ms) {
  return Math.max(0, Math.floor((serverNow() - ms) / 60000));
}

export function serviceName(service) {
  if (!service) return "";
  return lang() === "en" && service.name_en ? service.name_en : service.name;
}

export function priorityText(priority) {
  return priority ? t("priority." + priority) : "";
}

// A paused counter's reason in the reader's language: its code's label, then its note. A
// counter event recorded before the codes has only its text.
export function pauseReasonText(counter) {
  const note = (counter && counter.pause_reason) || "";
  if (!counter || !counter.pause_reason_code) return note;
  const label = t("pause.reason." + counter.pause_reason_code);
  return note ? label + " — " + note : label;
}

// ---------------------------------------------------------------------------------------------
// Page frame

// Every staff page has an empty <header class="topbar"> (data-clock: with the supervisor's
// clock); its contents and the "server unreachable" banner after it are built here, once for
// all pages, before the page's own script runs (modules run in import order).
function buildTopbar() {
  const header = document.querySelector("header.topbar");
  if (!header || header.childElementCount) return;
  const parts = [
    el("span", { class: "brand", dataset: { i18n: "app.name" } }, t("app.name")),
    el("span", { class: "office", id: "office" }),
    el("nav", { id: "nav", "aria-label": "Menu" }),
    "clock" in header.dataset ? el("span", { class: "who", id: "clock", "aria-hidden": "true" }) : null,
    el("span", { class: "who", id: "who" }),
    el("button", { id: "lang", type: "button" }),
    el("button", { id: "logout", type: "button", dataset: { i18n: "nav.logout" } }, t("nav.logout")),
  ];
  // DOM append() would write a null as the text "null".
  header.append(...parts.filter(Boolean));
  if (!byId("offline")) {
    const print = header.classList.contains("no-print") ? " no-print" : "";
    header.after(el("div", { id: "offline", class: "offline-banner" + print, role: "alert", hidden: true }));
  }
}
// Node imports this module in the tests (formatClock): no document there.
if (typeof document !== "undefined") buildTopbar();

// Fills the header: user, links to the pages this role may open, language switch, logout.
// onLanguage() is called after the language changed so the page can render again.
export function setupHeader(user, current, onLanguage) {
  const nav = byId("nav");
  if (nav) {
    nav.replaceChildren();
    const pages = [
      ["counter.html", "nav.counter", "staff"],
      ["papan-berkas.html", "nav.board", "staff"],
      ["pengaduan-staf.html", "nav.complaints", "staff"],
      ["supervisor.html", "nav.supervisor", "supervisor"],
      ["laporan.html", "nav.report", "supervisor"],
      ["laporan-skm.html", "nav.skm_report", "supervisor"],
      ["katalog.html", "nav.catalog", "admin"],
      ["admin.html", "nav.admin", "admin"],
      ["privasi.html", "nav.privacy", "admin"],
    ];
    for (const [href, key, role] of pages) {
      if (!roleAtLeast(user, role)) continue;
      nav.append(
        el("a", { href, "aria-current": href === current ? "page" : null, dataset: { i18n: key } }, t(key)),
      );
    }
  }
  const who = byId("who");
  if (who) who.textContent = user.name + " · " + t("role." + user.role);
  const langButton = byId("lang");
  if (langButton) {
    langButton.textContent = t("lang.switch");
    langButton.onclick = () => {
      localStorage.setItem("loket.lang", lang() === "id" ? "en" : "id");
      applyI18n();
      setupHeader(user, current, onLanguage);
      if (onLanguage) onLanguage();
    };
  }
  const out = byId("logout");
  if (out) out.onclick = () => logout();
}

// Shows the banner while the server cannot be reached; calls onBack() when it answers again.
export function setupOfflineBanner(onBack) {
  const banner = byId("offline");
  const show = () => {
    banner.textContent = t("console.offline");
    banner.hidden = false;
    document.body.classList.add("is-offline");
  };
  connection.addEventListener("down", show);
  connection.addEventListener("up", () => {
    banner.hidden = true;
    document.body.classList.remove("is-offline");
    if (onBack) onBack();
  });
  if (!connection.online) show();
}

// A message line (role=status or alert) with an optional detail line.
export function showMessage(node, kind, text, detail = "") {
  node.replaceChildren(el("span", {}, text));
  if (detail) node.append(el("span", { class: "detail" }, detail));
  node.className = "message " + kind;
  node.hidden = !text;
}

// Runs fn() at most once per `ms` and again after the last call (trailing), never two at once.
export function coalesce(fn, ms = 150) {
  let timer = null;
  let running = false;
  let again = false;
  const run = async () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await fn();
    } catch (e) {
      console.error(e);
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(run, ms);
  };
  return schedule;
}

// Checks a dialog's form with our own translated message instead of the browser's (English)
// bubble: the first invalid field gets its data-invalid-text key (e.g. the expected format),
// or "required" when empty, shown in the dialog's .field-error line.
function checkForm(dialog, form) {
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  let note = dialog.querySelector(".field-error");
  const bad = form.querySelector(":invalid:not(fieldset)");
  if (!bad) {
    if (note) note.hidden = true;
    return true;
  }
  if (!note) {
    note = el("div", { class: "field-error", role: "alert" });
    form.querySelector(".actions").before(note);
  }
  if (!note.id) note.id = dialog.id + "-error";
  note.textContent = bad.validity.valueMissing
    ? t("form.required")
    : t(bad.dataset.invalidText || "err.invalid_field");
  note.hidden = false;
  bad.setAttribute("aria-invalid", "true");
  bad.setAttribute("aria-describedby", note.id);
  bad.focus();
  return false;
}

// Wires a <dialog>: returns a Promise of the form's values, or null when cancelled.
export function askDialog(dialog, prepare) {
  return new Promise((resolve) => {
    const form = dialog.querySelector("form");
    form.noValidate = true; // checkForm() says what is wrong, in the user's language
    form.reset();
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    const error = dialog.querySelector(".field-error");
    if (error) error.hidden = true;
    if (prepare) prepare(dialog);
    const finish = (value) => {
      form.onsubmit = null;
      dialog.onclose = null;
      for (const b of dialog.querySelectorAll("[data-cancel]")) b.onclick = null;
      if (dialog.open) dialog.close();
      resolve(value);
    };
    form.onsubmit = (e) => {
      e.preventDefault();
      if (!checkForm(dialog, form)) return;
      finish(Object.fromEntries(new FormData(form).entries()));
    };
    for (const b of dialog.querySelectorAll("[data-cancel]")) b.onclick = () => finish(null);
    dialog.onclose = () => finish(null);
    dialog.showModal();
    const first = dialog.querySelector("[autofocus]") || dialog.querySelector("input, select, textarea");
    if (first) first.focus();
  });
}
