// The public complaint page (pengaduan.html, docs/complaints-web.md): send a complaint
// (anonymous unless the consent box is ticked) and follow it by its tracking number
// (?lacak=ADU-XXXX-XXXX). No login. Indonesian first with English beneath; every string from
// /i18n.js, every text from the server or the applicant set with textContent.
"use strict";

import { TEXT } from "../i18n.js";
import { formatLongDate, newKey } from "./apps.js";

const $ = (id) => document.getElementById(id);
const ID = TEXT.id;
const EN = TEXT.en;
const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
const TEXT_MIN = 10;
const TEXT_MAX = 2000;
const FIELDS = ["category", "text", "consent", "name", "contact"];

let office = null;
let idempotencyKey = newKey();
// Days a complainant's name and contact are kept after closing: the office's setting, 90 until known.
let contactRetentionDays = 90;

// Indonesian, with its English beneath.
function both(node, textId, textEn) {
  const en = document.createElement("span");
  en.className = "en";
  en.lang = "en";
  en.textContent = textEn;
  node.replaceChildren(textId, en);
  return node;
}
function say(node, key, vars = {}) {
  return both(node, fill(ID[key] ?? key, vars), fill(EN[key] ?? ID[key] ?? key, vars));
}
function plain(key) {
  return (ID[key] ?? key) + " / " + (EN[key] ?? key);
}

// "2026-12-05" -> "Sabtu, 5 Desember 2026" (and the English).
function dayMs(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || "");
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}
function dateBoth(node, day) {
  const ms = dayMs(day);
  if (ms === null) return node.replaceChildren("–");
  return both(node, formatLongDate(ms, 0, "", "id", false), formatLongDate(ms, 0, "", "en", false));
}
// Today in the office's time zone, as a UTC-midnight time like dayMs().
function officeToday() {
  const offset = office && typeof office.utc_offset_minutes === "number" ? office.utc_offset_minutes : 7 * 60;
  const now = office && typeof office.now === "number" ? office.now + (Date.now() - office.fetchedAt) : Date.now();
  const d = new Date(now + offset * 60000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

async function call(method, path, body, headers = {}) {
  const init = { method, cache: "no-store", headers: { Accept: "application/json", ...headers } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch("/api/v1" + path, init);
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  return { status: res.status, data, retryAfter: res.headers.get("Retry-After") };
}

// ---------------------------------------------------------------------------------------------
// Sending

function updateCounter() {
  const n = [...$("text").value.trim()].length;
  const node = $("text-count");
  say(node, "adu.counter", { n, max: TEXT_MAX, min: TEXT_MIN });
  node.className = "counter" + (n > 0 && (n < TEXT_MIN || n > TEXT_MAX) ? " bad" : "");
}

function clearErrors() {
  for (const f of FIELDS) {
    $("err-" + f).hidden = true;
    $(f).removeAttribute("aria-invalid");
  }
  $("send-error").hidden = true;
}

// The server's error next to the field it names (message_id in Indonesian, message in English).
function showServerError(status, data, retryAfter) {
  const error = (data && data.error) || {};
  let textId = error.message_id || ID["adu.err.generic"];
  let textEn = error.message || EN["adu.err.generic"];
  if (status === 429 || error.code === "rate_limited") {
    const seconds = Number(error.retry_after_seconds || (data && data.retry_after_seconds) || retryAfter || 0);
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    textId = fill(ID["adu.err.rate_limited"], { minutes });
    textEn = fill(EN["adu.err.rate_limited"], { minutes });
  }
  const field = FIELDS.includes(error.field) ? error.field : "";
  // The server names the field by its JSON key ("Isian 'text': …"); the applicant reads the
  // label they see on the form instead.
  if (field) {
    const idRest = /'[^']*':\s*(.*)$/s.exec(textId);
    const enRest = /'[^']*':\s*(.*)$/s.exec(textEn);
    if (idRest) textId = ID["adu.field." + field] + ": " + idRest[1];
    if (enRest) textEn = EN["adu.field." + field] + ": " + enRest[1];
  }
  if (field === "name" || field === "contact") $("personal").hidden = false;
  const box = field ? $("err-" + field) : $("send-error");
  both(box, textId, textEn);
  box.hidden = false;
  if (field) {
    const input = $(field);
    input.setAttribute("aria-invalid", "true");
    (field === "category" ? input.querySelector("input") : input).focus();
  }
}

async function send(event) {
  event.preventDefault();
  clearErrors();
  const button = $("send");
  const chosen = document.querySelector("input[name=category]:checked");
  const body = { category: chosen ? chosen.value : "", text: $("text").value };
  if ($("consent").checked) {
    body.consent = true;
    if ($("name").value.trim()) body.name = $("name").value;
    if ($("contact").value.trim()) body.contact = $("contact").value;
  }
  button.disabled = true;
  button.textContent = plain("adu.sending");
  try {
    // The same key on a retried click: the server keeps one complaint.
    const r = await call("POST", "/complaints", body, { "Idempotency-Key": idempotencyKey });
    if (r.status === 200 || r.status === 201) {
      showSent(r.data);
    } else {
      showServerError(r.status, r.data, r.retryAfter);
    }
  } catch {
    both($("send-error"), ID["adu.err.offline"], EN["adu.err.offline"]);
    $("send-error").hidden = false;
  }
  button.disabled = false;
  button.textContent = plain("adu.send");
}

function showSent(reply) {
  $("send-form").hidden = true;
  $("sent").hidden = false;
  $("tracking").textContent = reply.tracking_number;
  const due = dayMs(reply.due_on);
  const vars = {
    due_id: due === null ? "–" : formatLongDate(due, 0, "", "id", false),
    due_en: due === null ? "–" : formatLongDate(due, 0, "", "en", false),
  };
  both($("sent-due"), fill(ID["adu.sent_due"], vars), fill(EN["adu.sent_due"], vars));
  $("sent-track").href = "?lacak=" + encodeURIComponent(reply.tracking_number) + "#lacak";
  $("sent-track").onclick = (e) => {
    e.preventDefault();
    $("track-number").value = reply.tracking_number;
    track(reply.tracking_number);
  };
  $("sent").scrollIntoView();
}

function again() {
  idempotencyKey = newKey();
  $("send-form").reset();
  $("personal").hidden = true;
  $("sent").hidden = true;
  $("send-form").scrollIntoView();
  $("send-form").hidden = false;
  clearErrors();
  updateCounter();
}

// ---------------------------------------------------------------------------------------------
// Tracking

function stateName(state) {
  return [ID["adu.state." + state] ?? state, EN["adu.state." + state] ?? state];
}

async function track(number) {
  const wanted = number.replace(/\s+/g, "");
  $("track-error").hidden = true;
  $("track-result").hidden = true;
  if (!wanted) {
    say($("track-error"), "adu.track_empty");
    $("track-error").hidden = false;
    return;
  }
  try {
    const r = await call("GET", "/complaints/track/" + encodeURIComponent(wanted));
    if (r.status === 200) return showTracked(r.data);
    say($("track-error"), r.status === 404 || r.status === 400 ? "adu.track_not_found" : "adu.err.generic");
  } catch {
    say($("track-error"), "adu.err.offline");
  }
  $("track-error").hidden = false;
}

function showTracked(c) {
  $("t-number").textContent = c.tracking_number;
  const state = $("t-state");
  state.className = "state " + c.state;
  both(state, c.state_name || stateName(c.state)[0], c.state_name_en || stateName(c.state)[1]);
  say($("l-t-category"), "adu.category");
  both($("t-category"), c.category ? c.category.name : "–", c.category ? c.category.name_en : "–");
  say($("l-t-received"), "adu.received_on");
  dateBoth($("t-received"), c.received_on);
  say($("l-t-due"), "adu.due_on");
  const due = $("t-due");
  dateBoth(due, c.due_on);
  const closed = !!c.closed_on;
  const dueMs = dayMs(c.due_on);
  due.className = "";
  if (!closed && dueMs !== null) {
    const days = Math.round((dueMs - officeToday()) / 86400000);
    const key = days < 0 ? "adu.days_overdue" : days === 0 ? "adu.days_today" : "adu.days_left";
    const line = document.createElement("span");
    line.className = "days";
    say(line, key, { n: Math.abs(days) });
    due.append(line);
    if (days < 0) due.className = "overdue";
  }
  $("l-t-closed").hidden = !closed;
  $("t-closed").hidden = !closed;
  if (closed) {
    say($("l-t-closed"), "adu.closed_on");
    dateBoth($("t-closed"), c.closed_on);
  }
  const answer = c.reply || c.rejection_reason || "";
  $("t-answer").hidden = !answer;
  say($("l-t-answer"), c.reply ? "adu.reply" : "adu.rejection_reason");
  $("t-answer-text").textContent = answer;
  say($("l-t-text"), "adu.your_text");
  $("t-text").textContent = c.text || "";
  say($("l-t-history"), "adu.history");
  const list = $("t-history");
  list.replaceChildren();
  for (const h of c.history || []) {
    const item = document.createElement("li");
    const ms = dayMs(String(h.on || "").slice(0, 10));
    const [nameId, nameEn] = stateName(h.state);
    const whenId = ms === null ? String(h.on || "") : formatLongDate(ms, 0, "", "id", false);
    const whenEn = ms === null ? String(h.on || "") : formatLongDate(ms, 0, "", "en", false);
    both(item, whenId + " — " + nameId, whenEn + " — " + nameEn);
    list.append(item);
  }
  $("track-result").hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Start

function labels() {
  document.documentElement.lang = "id";
  document.title = plain("adu.title");
  say($("title"), "adu.title");
  $("tab-send").textContent = plain("adu.send_title");
  $("tab-track").textContent = plain("adu.track_title");
  say($("send-title"), "adu.send_title");
  say($("send-intro"), "adu.send_intro");
  say($("l-category"), "adu.category");
  say($("l-text"), "adu.text");
  say($("l-consent"), "adu.consent");
  say($("consent-why"), "adu.consent_why", { days: contactRetentionDays });
  say($("l-name"), "adu.name");
  say($("l-contact"), "adu.contact");
  say($("anonymous-note"), "adu.anonymous_note");
  $("send").textContent = plain("adu.send");
  say($("sent-title"), "adu.sent_title");
  say($("l-tracking"), "adu.tracking_number");
  say($("sent-hint"), "adu.sent_hint");
  $("print").textContent = plain("adu.print");
  $("sent-track").textContent = plain("adu.track_this");
  $("again").textContent = plain("adu.again");
  say($("track-title"), "adu.track_title");
  say($("l-track-number"), "adu.track_label");
  $("track-go").textContent = plain("adu.track_go");
  updateCounter();
}

function showCategories(reply) {
  // Radio cards rather than a drop-down: on a phone a drop-down cuts the labels short.
  const box = $("categories");
  box.replaceChildren();
  for (const c of reply.categories || []) {
    const label = document.createElement("label");
    label.className = "choice";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = "category";
    input.value = c.id;
    const text = document.createElement("span");
    both(text, c.name, c.name_en);
    label.append(input, text);
    box.append(label);
  }
  const lapor = reply.lapor;
  if (lapor) {
    say($("lapor-title"), "adu.lapor_title");
    both($("lapor-text"), lapor.text || "", lapor.text_en || "");
    const link = $("lapor-url");
    // Only a web address is made a link; anything else is shown as text.
    link.textContent = String(lapor.url || "").replace(/^https?:\/\//, "");
    if (/^https:\/\//.test(lapor.url || "")) link.href = lapor.url;
    $("lapor-sms").textContent = fill(ID["adu.lapor_sms"], { sms: lapor.sms || "" }) + " / " + fill(EN["adu.lapor_sms"], { sms: lapor.sms || "" });
    $("lapor").hidden = false;
  }
}

async function start() {
  labels();
  $("text").addEventListener("input", updateCounter);
  $("consent").addEventListener("change", () => {
    $("personal").hidden = !$("consent").checked;
  });
  $("send-form").addEventListener("submit", send);
  $("print").addEventListener("click", () => window.print());
  $("again").addEventListener("click", again);
  $("track-form").addEventListener("submit", (e) => {
    e.preventDefault();
    track($("track-number").value);
  });
  const wanted = new URLSearchParams(location.search).get("lacak");
  try {
    const [o, categories] = await Promise.all([call("GET", "/office"), call("GET", "/complaints/categories")]);
    if (o.status === 200) {
      office = o.data;
      office.fetchedAt = Date.now();
      if (office.name) $("office").textContent = office.name;
    }
    if (categories.status === 200) {
      // The office's own retention of a complainant's contact (privacy settings).
      if (Number.isInteger(categories.data.contact_retention_days)) {
        contactRetentionDays = categories.data.contact_retention_days;
        say($("consent-why"), "adu.consent_why", { days: contactRetentionDays });
      }
      showCategories(categories.data);
    }
    else throw new Error("HTTP " + categories.status);
  } catch {
    say($("send-error"), "adu.err.offline");
    $("send-error").hidden = false;
  }
  if (wanted) {
    $("kirim").before($("lacak"));
    $("track-number").value = wanted;
    await track(wanted);
    $("lacak").scrollIntoView();
  }
}
start();
