// The public status page of a ticket (/s/{token}, status.html), reached from the ticket's QR
// code: number, state, people ahead and the estimate, refreshed while the page is open. A file
// of its own so the page runs under the Content-Security-Policy (no inline script).
"use strict";

import { TEXT, loketLang, t } from "../i18n.js";
const token = location.pathname.split("/").pop();
let last = null;

function render() {
  document.documentElement.lang = loketLang();
  document.title = t("status.title");
  document.getElementById("title").textContent = t("status.title");
  document.getElementById("lang").textContent = t("lang.switch");
  const complaint = document.getElementById("complaint");
  const complaintEn = document.createElement("small");
  complaintEn.lang = "en";
  complaintEn.textContent = TEXT.en["status.complaint"];
  complaint.replaceChildren(TEXT.id["status.complaint"], complaintEn);
  if (!last) return;
  const s = last;
  const lang = loketLang();
  document.getElementById("card").hidden = false;
  document.getElementById("office").textContent = s.office.name;
  document.getElementById("number").textContent = s.number;
  const state = document.getElementById("state");
  state.className = "state " + s.state;
  let text = t("status.state." + s.state);
  if ((s.state === "called" || s.state === "serving") && s.counter) text += " " + s.counter.name;
  state.textContent = text;
  document.getElementById("l-service").textContent = t("status.service");
  document.getElementById("service").textContent = s.service ? (lang === "en" ? s.service.name_en : s.service.name) : "";
  const waiting = s.state === "waiting";
  document.getElementById("l-ahead").textContent = t("status.ahead");
  // people_ahead counts priority tickets as the ratio rule calls them (docs/metrics.md).
  const nobodyAhead = waiting && s.people_ahead === 0;
  document.getElementById("ahead").textContent = !waiting ? "–"
      : nobodyAhead ? t("status.nobody_ahead") : String(s.people_ahead);
  document.getElementById("l-estimate").textContent = t("status.estimate");
  document.getElementById("estimate").textContent = !waiting ? "–"
      : s.estimate_minutes === null ? t("status.unknown_estimate")
      : s.estimate_minutes === 0 ? t("status.called_soon")
      : "± " + s.estimate_minutes + " " + t("status.minutes");
  const hasPermit = !!s.permit;
  document.getElementById("l-permit").hidden = !hasPermit;
  document.getElementById("permit").hidden = !hasPermit;
  if (hasPermit) {
    document.getElementById("l-permit").textContent = t("status.permit");
    document.getElementById("permit").textContent = s.permit.name;
  }
  document.getElementById("updated").textContent = t("status.updated");
  // Once the visit is finished the applicant may rate it (docs/skm.md).
  const survey = document.getElementById("survey");
  survey.hidden = s.state !== "done";
  survey.href = "/survey.html?token=" + encodeURIComponent(token);
  survey.replaceChildren(TEXT.id["status.survey"]);
  const english = document.createElement("small");
  english.lang = "en";
  english.textContent = TEXT.en["status.survey"];
  survey.append(english);
}

function showMessage(key) {
  const box = document.getElementById("message");
  box.textContent = t(key);
  box.hidden = false;
}

async function refresh() {
  try {
    const res = await fetch("/api/v1/tickets/status/" + encodeURIComponent(token), { cache: "no-store" });
    if (res.status === 404) { showMessage("status.not_found"); document.getElementById("card").hidden = true; return; }
    if (!res.ok) throw new Error("HTTP " + res.status);
    last = await res.json();
    document.getElementById("message").hidden = true;
    render();
  } catch (e) {
    showMessage("status.offline");
  }
}

document.getElementById("lang").addEventListener("click", () => {
  localStorage.setItem("loket.lang", loketLang() === "id" ? "en" : "id");
  render();
});
render();
refresh();
setInterval(refresh, 10000);
