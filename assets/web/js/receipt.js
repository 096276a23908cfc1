// The printable page after a registration (tanda-terima.html): the receipt of a complete file
// (number, permit, applicant, date, the service promise with the due date, a QR code to the
// public status page drawn by the server, pickup) or, for an incomplete one, the list of what
// to bring. A5 by default, A4 on request (@page size). The data is the registration answer
// the counter left in sessionStorage.
"use strict";

import { api } from "./api.js";
import { appErrorText, formatLongDate, newKey } from "./apps.js";
import { RECEIPT_KEY } from "./register.js";
import { applyI18n, byId, el, errorDetail, lang, showMessage, syncClock, t, tf } from "./ui.js";

const PAPER_KEY = "loket.paper";
let data = null;
let office = null;
let counterPrinter = null; // { number } of the clerk's counter when it has a receipt printer
// The server waits for the printer at most about 11 s (its timeouts), then answers.
const COUNTER_PRINT_TIMEOUT_MS = 15000;

function longDate(ms) {
  return formatLongDate(ms, office ? office.utc_offset_minutes : 7 * 60, office ? office.time_zone : "", lang());
}

function pick(pair) {
  if (!pair) return "";
  return lang() === "en" && pair.text_en ? pair.text_en : pair.text;
}

function render() {
  applyI18n();
  byId("lang").textContent = t("lang.switch");
  if (!data) return;
  if (data.result === "registered") {
    const r = data.receipt;
    document.title = t("receipt.title") + " " + r.number;
    byId("receipt").hidden = false;
    byId("r-office").textContent = r.office.name;
    byId("r-number").textContent = r.number;
    byId("r-permit").textContent = r.permit.name;
    byId("r-applicant").textContent = r.applicant_name;
    byId("r-business").textContent = r.business_name || "";
    byId("r-business").hidden = byId("r-business-label").hidden = !r.business_name;
    byId("r-date").textContent = longDate(r.registered_at);
    // The due date in words ("Senin, 14 Desember 2026 pukul 16.00"); the server's sentence
    // where there is none (a clock starting at a later step, or no standard).
    const standard = data.application && data.application.clock && data.application.clock.standard;
    const hasDue = r.due !== null && r.due !== undefined;
    // replaceChildren() would write a null as the text "null": only the parts that apply.
    byId("r-promise").replaceChildren(
      ...[
        hasDue ? el("strong", {}, tf("receipt.due", { date: longDate(r.due) })) : el("span", {}, pick(r.promise)),
        hasDue && standard ? el("br") : null,
        hasDue && standard ? el("span", { class: "small" }, tf("receipt.standard", { amount: standard.amount, unit: standard.unit })) : null,
      ].filter(Boolean),
    );
    const url = new URL(r.status_url, location.href);
    byId("r-qr").src = "/api/v1/qr.svg?path=" + encodeURIComponent(url.pathname + url.search);
    byId("r-qr").alt = t("receipt.qr_alt");
    byId("r-check").textContent = pick(r.status_check);
    byId("r-url").textContent = url.href;
    byId("r-pickup").textContent = pick(r.pickup);
    byId("r-foot").textContent = tf("receipt.foot", { by: data.application ? data.application.registered_by : "" });
  } else {
    const b = data.to_bring;
    document.title = pick({ text: b.title, text_en: b.title_en });
    byId("to-bring").hidden = false;
    byId("b-office").textContent = office ? office.name : "";
    byId("b-title").textContent = lang() === "en" && b.title_en ? b.title_en : b.title;
    byId("b-permit").textContent = b.permit || (data.visit && data.visit.permit.name) || "";
    byId("b-date").textContent = longDate(data.visit ? data.visit.at : Date.now());
    byId("b-visit").textContent = data.visit ? String(data.visit.id) : "–";
    byId("b-text").textContent = pick(b);
    byId("b-items").replaceChildren(...b.items.map((item) => el("li", {}, item)));
  }
}

// The clerk's open counter, if it has a receipt printer; the button shows only then.
async function findCounterPrinter() {
  try {
    const me = await api.get("/auth/me", { retry: false, allow401: true });
    if (me.counter === null || me.counter === undefined) return null;
    const counter = await api.get(`/counters/${me.counter}`, { retry: false, allow401: true });
    return counter.printer ? { number: counter.number } : null;
  } catch {
    return null; // not logged in, or the server away: the page still prints on paper
  }
}

async function printOnCounter() {
  const button = byId("print-counter");
  const box = byId("print-outcome");
  button.disabled = true;
  showMessage(box, "info", t("receipt.printing"));
  try {
    // A new key per click: a second click is a reprint the clerk asked for.
    const r = await api.post(
      `/applications/${data.application.id}/receipt/print`,
      { counter: counterPrinter.number, idempotency_key: newKey() },
      { retry: false, timeoutMs: COUNTER_PRINT_TIMEOUT_MS },
    );
    const text = lang() === "en" && r.message_en ? r.message_en : r.message;
    const kind = r.result === "printed" ? "ok" : r.result === "printed_with_warning" ? "warn" : "error";
    showMessage(box, kind, text);
  } catch (e) {
    showMessage(box, "error", appErrorText(e), errorDetail(e));
  } finally {
    button.disabled = false;
  }
}

function setPaper(size) {
  const paper = size === "A4" ? "A4" : "A5";
  localStorage.setItem(PAPER_KEY, paper);
  byId("paper").value = paper;
  // A stylesheet of the server's, not a <style> text: the Content-Security-Policy allows no
  // inline style (docs/https.md).
  byId("page-size").href = paper === "A4" ? "css/page-a4.css" : "css/page-a5.css";
  document.body.dataset.paper = paper;
}

async function init() {
  try {
    data = JSON.parse(sessionStorage.getItem(RECEIPT_KEY) || "null");
  } catch {
    data = null;
  }
  setPaper(localStorage.getItem(PAPER_KEY) || "A5");
  byId("paper").onchange = () => setPaper(byId("paper").value);
  byId("print").onclick = () => window.print();
  byId("back").onclick = () => location.assign((data && data.return_to) || "counter.html");
  byId("lang").onclick = () => {
    localStorage.setItem("loket.lang", lang() === "id" ? "en" : "id");
    render();
  };
  if (!data) {
    applyI18n();
    byId("lang").textContent = t("lang.switch");
    byId("message").textContent = t("receipt.none");
    byId("message").hidden = false;
    return;
  }
  try {
    office = await api.get("/office");
    syncClock(office);
  } catch {
    office = null;
  }
  render();
  if (data.result === "registered" && data.application) {
    counterPrinter = await findCounterPrinter();
    byId("print-counter").hidden = !counterPrinter;
    byId("print-counter").onclick = () => printOnCounter();
  }
}

init();
