// The public performance page (kinerja.html): what the office promises and what it achieved,
// for anyone, without a login and without personal data — today's waiting per service with
// the predicted wait, this month's waits against each service's target, files finished within
// their SOP standard, the satisfaction index and complaints answered within 60 days. The same
// figures are open as JSON at /api/v1/open-data. Refreshed every minute.
"use strict";

import { formatLongDate } from "./apps.js";
import { api } from "./api.js";
import { applyI18n, byId, el, lang, t, tf } from "./ui.js";

const REFRESH_MS = 60000;
let data = null;
let office = null; // for the office's UTC offset
let failed = false;

const locale = () => (lang() === "id" ? "id-ID" : "en-GB");
const figure = (v, places) => new Intl.NumberFormat(locale(), { minimumFractionDigits: places, maximumFractionDigits: places }).format(v);
const share = (v) => (v === null || v === undefined ? "–" : figure(v * 100, 1) + "%");
const minutes = (v) => (v === null || v === undefined ? "–" : tf("open.minutes", { n: figure(v, 0) }));
const named = (s) => (lang() === "id" ? s.name : s.name_en || s.name);

function estimateText(s) {
  if (s.waiting === 0) return t("open.nobody_waiting");
  if (s.predicted_wait_minutes === null || s.predicted_wait_minutes === undefined) return t("open.no_estimate");
  return tf("open.about_minutes", { n: s.predicted_wait_minutes });
}

const FIGURE_LABELS = { files: "open.f_files", ikm: "open.f_ikm", complaints: "open.f_complaints" };
function figureCard(key, value, note) {
  return el("div", { class: "open-figure", dataset: { figure: key } }, el("span", { class: "label" }, t(FIGURE_LABELS[key])), el("span", { class: "value" }, value), note ? el("span", { class: "note" }, note) : null);
}

function render() {
  applyI18n();
  byId("lang").textContent = t("lang.switch");
  document.title = t("open.title") + " · " + (data ? data.office.name : "Loket");
  byId("message").hidden = !failed;
  byId("message").textContent = failed ? t("open.offline") : "";
  if (!data) return;
  byId("office").textContent = data.office.name;
  byId("today").tBodies[0].replaceChildren(
    ...data.today.services.map((s) => el("tr", {}, el("td", {}, named(s)), el("td", { class: "num" }, String(s.waiting)), el("td", { class: "num" }, estimateText(s)))),
  );
  const m = data.month;
  byId("h-month").textContent = tf("open.h_month", { month: new Intl.DateTimeFormat(locale(), { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(m.from + "T00:00:00Z")) });
  byId("month").tBodies[0].replaceChildren(
    ...m.services.map((s) => {
      const late = s.mean_wait_minutes !== null && s.mean_wait_minutes !== undefined && s.mean_wait_minutes > s.target_wait_minutes;
      return el(
        "tr",
        {},
        el("td", {}, named(s)),
        el("td", { class: "num " + (s.mean_wait_minutes === null || s.mean_wait_minutes === undefined ? "" : late ? "late" : "ok") }, minutes(s.mean_wait_minutes)),
        el("td", { class: "num" }, minutes(s.target_wait_minutes)),
        el("td", { class: "num" }, share(s.within_target_share)),
      );
    }),
  );
  const a = m.applications;
  const s = data.skm;
  const c = m.complaints;
  const grade = s.grade ? ` (${s.grade} · ${lang() === "id" ? s.grade_name : s.grade_name_en})` : "";
  byId("figures").replaceChildren(
    a ? figureCard("files", share(a.within_standard_share), tf("open.files_note", { n: a.finished })) : null,
    figureCard("ikm", s.ikm === null || s.ikm === undefined ? "–" : figure(s.ikm, 2), tf("open.ikm_note", { period: lang() === "id" ? s.period.name : s.period.name_en, n: s.respondents }) + grade),
    figureCard("complaints", share(c.within_60_days_share), tf("open.complaints_note", { n: c.answered })),
  );
  const offset = office ? office.utc_offset_minutes : 0;
  byId("updated").textContent = tf("open.updated", { when: formatLongDate(data.generated_at, offset, data.office.time_zone, lang()) });
}

async function load() {
  try {
    if (!office) office = await api.get("/office");
    data = await api.get("/open-data");
    failed = false;
  } catch {
    failed = true;
  }
  render();
}

byId("lang").addEventListener("click", () => {
  localStorage.setItem("loket.lang", lang() === "id" ? "en" : "id");
  render();
});
load();
setInterval(load, REFRESH_MS);
