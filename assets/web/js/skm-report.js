// The SKM report (PermenPANRB 14/2017) for supervisors and admins: per element NRR, weighted
// NRR and converted value, the IKM and its grade, the sample check, the respondent profile,
// the follow-up plan (editable here), the suggestions, downloads, and a print layout ready to
// sign (docs/skm.md).
"use strict";

import { ApiError, API_BASE, api, requireLogin, session } from "./api.js";
import { applyI18n, byId, el, errorText, lang, setupHeader, setupOfflineBanner, t, tf } from "./ui.js";

// Period kinds and follow-up states with their label keys.
const KINDS = { semester: "skm.kind_semester", quarter: "skm.kind_quarter", month: "skm.kind_month", year: "skm.kind_year" };
const STATUSES = { direncanakan: "skm.status_direncanakan", berjalan: "skm.status_berjalan", selesai: "skm.status_selesai" };
const ROMAN = ["I", "II", "III", "IV"];

const state = { office: null, services: [], permits: [], elements: [], report: null };

// Figures as the report prints them: decimal comma in Indonesian, fixed places.
function figure(value, places) {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(lang() === "id" ? "id-ID" : "en-GB", { minimumFractionDigits: places, maximumFractionDigits: places }).format(value);
}
const whole = (n) => new Intl.NumberFormat(lang() === "id" ? "id-ID" : "en-GB").format(n);
const named = (item) => (lang() === "id" ? item.name : item.name_en || item.name);

// The periods of a kind from the current one back over three years, newest first.
function periodOptions(kind, today) {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out = [];
  for (let y = year; y >= year - 2; y--) {
    if (kind === "year") out.push([String(y), tf("skm.year_n", { y })]);
    if (kind === "semester") for (let s = y === year ? (month > 6 ? 2 : 1) : 2; s >= 1; s--) out.push([`${y}-S${s}`, tf("skm.semester_n", { n: ROMAN[s - 1], y })]);
    if (kind === "quarter") for (let q = y === year ? Math.ceil(month / 3) : 4; q >= 1; q--) out.push([`${y}-Q${q}`, tf("skm.quarter_n", { n: ROMAN[q - 1], y })]);
    if (kind === "month")
      for (let m = y === year ? month : 12; m >= 1; m--) {
        const label = new Intl.DateTimeFormat(lang() === "id" ? "id-ID" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
        out.push([`${y}-${String(m).padStart(2, "0")}`, label]);
      }
  }
  return out;
}

function fillPeriods() {
  const kind = byId("period-kind").value;
  byId("period-key").replaceChildren(...periodOptions(kind, state.office.local_date).map(([key, label]) => el("option", { value: key }, label)));
}

function query() {
  const params = new URLSearchParams({ period: byId("period-key").value });
  if (byId("service").value) params.set("service", byId("service").value);
  if (byId("permit").value) params.set("permit", byId("permit").value);
  return params.toString();
}

// ---------------------------------------------------------------------------------------------
// Rendering

function definition(list, term, value, attrs = {}) {
  list.append(el("dt", {}, term), el("dd", attrs, value));
}

function renderIndex(r) {
  const rows = byId("element-rows");
  rows.replaceChildren();
  const weakest = new Set(r.weakest || []);
  const elements = r.index ? r.index.elements : state.elements.map((e) => ({ ...e, score_sum: null, nrr: null, weighted_nrr: null, converted: null, grade: null }));
  elements.forEach((e, i) => {
    rows.append(
      el(
        "tr",
        { class: weakest.has(e.id) ? "skm-weak" : null, dataset: { element: e.id } },
        el("td", {}, String(i + 1)),
        el("td", {}, named(e), weakest.has(e.id) ? el("span", { class: "skm-weak-tag" }, " · " + t("skm.weak")) : null),
        el("td", { class: "num" }, e.score_sum === null ? "–" : whole(e.score_sum)),
        el("td", { class: "num", dataset: { figure: "nrr" } }, figure(e.nrr, 4)),
        el("td", { class: "num", dataset: { figure: "weighted" } }, figure(e.weighted_nrr, 4)),
        el("td", { class: "num", dataset: { figure: "converted" } }, figure(e.converted, 2)),
        el("td", {}, e.grade ?? "–"),
      ),
    );
  });
  byId("ikm-total").textContent = r.index ? figure(r.index.ikm, 4) : "–";
  const summary = byId("summary");
  summary.replaceChildren();
  definition(summary, t("skm.respondents"), whole(r.respondents), { id: "respondents" });
  if (r.index) {
    definition(summary, t("skm.ikm"), figure(r.index.ikm, 4), { id: "ikm" });
    definition(summary, t("skm.ikm_converted"), figure(r.index.converted, 2), { id: "ikm-converted" });
    definition(summary, t("skm.grade"), `${r.index.grade} (${lang() === "id" ? r.index.quality : r.index.quality_en})`, { id: "grade" });
    definition(summary, t("skm.weakest"), (r.weakest || []).map(elementName).join("; "), { id: "weakest" });
  } else {
    definition(summary, t("skm.ikm"), t("skm.no_responses"), { id: "ikm" });
  }
}

function renderSample(r) {
  const list = byId("sample");
  list.replaceChildren();
  const s = r.sample || { population: r.population, required: 0, responses: r.respondents, reached: true };
  definition(list, t("skm.population"), whole(s.population), { id: "population" });
  definition(list, t("skm.required"), whole(s.required), { id: "required" });
  definition(list, t("skm.respondents"), whole(s.responses));
  definition(list, t("skm.reached"), s.reached ? t("skm.yes") : t("skm.no"), { id: "reached", class: s.reached ? "" : "skm-weak" });
}

function renderProfile(r) {
  const p = r.profile || {};
  const box = byId("profile");
  box.replaceChildren();
  const serviceName = (id) => {
    const s = state.services.find((x) => x.id === id);
    return s ? named(s) : id;
  };
  const groups = [
    ["skm.sex", p.sex || []],
    ["skm.age", p.age || []],
    ["skm.education", p.education || []],
    ["skm.occupation", p.occupation || []],
    ["skm.services", (p.services || []).map((s) => ({ label: serviceName(s.id), label_en: serviceName(s.id), count: s.count }))],
  ];
  for (const [key, items] of groups) {
    box.append(
      el(
        "table",
        { class: "skm-table skm-small" },
        el("thead", {}, el("tr", {}, el("th", {}, t(key)), el("th", { class: "num" }, t("skm.count")))),
        el("tbody", {}, items.map((o) => el("tr", {}, el("td", {}, lang() === "id" ? o.label : o.label_en || o.label), el("td", { class: "num" }, whole(o.count))))),
      ),
    );
  }
}

function elementName(id) {
  const e = state.elements.find((x) => x.id === id);
  return e ? named(e) : id;
}

function renderFollowUps(r) {
  const rows = byId("follow-up-rows");
  rows.replaceChildren();
  if (!r.follow_ups.length) rows.append(el("tr", {}, el("td", { colspan: 7 }, t("skm.no_follow_ups"))));
  for (const f of r.follow_ups) {
    rows.append(
      el(
        "tr",
        { dataset: { followUp: f.id } },
        el("td", {}, elementName(f.element)),
        el("td", { class: "skm-text" }, f.action),
        el("td", {}, f.owner),
        el("td", {}, formatDate(f.deadline)),
        el("td", {}, lang() === "id" ? f.status_label : f.status_label_en),
        el("td", { class: "num" }, whole(f.percent_done) + "%"),
        el("td", { class: "no-print" }, el("button", { type: "button", class: "edit-follow-up", onclick: () => editFollowUp(f) }, t("skm.edit"))),
      ),
    );
  }
}

function renderSuggestions(r) {
  const list = byId("suggestions");
  list.replaceChildren(...(r.suggestions.length ? r.suggestions.map((s) => el("li", { class: "skm-text" }, s)) : [el("li", { class: "muted" }, t("skm.no_suggestions"))]));
}

function formatDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(lang() === "id" ? "id-ID" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

function render() {
  const r = state.report;
  if (!r) return;
  byId("report").hidden = false;
  byId("report-office").textContent = r.office.name;
  byId("report-period").textContent = t("skm.period") + ": " + (lang() === "id" ? r.period_label : r.period_label_en);
  byId("report-service").textContent = t("skm.service") + ": " + (r.service ? named(r.service) : t("skm.all_services"));
  byId("report-permit").hidden = !r.permit;
  byId("report-permit").textContent = r.permit ? t("skm.permit") + ": " + r.permit.name : "";
  renderIndex(r);
  renderSample(r);
  renderProfile(r);
  renderFollowUps(r);
  renderSuggestions(r);
  // A new plan starts at the weakest element, the one it is most likely about.
  if (!byId("fu-id").value && !byId("fu-action").value) byId("fu-element").value = (r.weakest || [])[0] || state.elements[0].id;
  byId("sign-place-date").textContent = tf("skm.sign_place_date", { date: formatDate(state.office.local_date) });
  byId("sign-role").textContent = tf("skm.sign_head", { office: r.office.name });
}

async function load() {
  byId("message").textContent = t("skm.loading");
  try {
    state.report = await api.get("/survey/report?" + query());
    byId("message").textContent = "";
    render();
  } catch (err) {
    byId("message").textContent = errorText(err);
  }
}

// ---------------------------------------------------------------------------------------------
// Follow-up plan

function editFollowUp(f) {
  byId("fu-id").value = f ? f.id : "";
  byId("fu-element").value = f ? f.element : (state.report.weakest || [])[0] || state.elements[0].id;
  byId("fu-action").value = f ? f.action : "";
  byId("fu-owner").value = f ? f.owner : "";
  byId("fu-deadline").value = f ? f.deadline : "";
  byId("fu-status").value = f ? f.status : "direncanakan";
  byId("fu-percent").value = f ? f.percent_done : 0;
  byId("fu-error").textContent = "";
  if (f) byId("fu-action").focus();
}

async function saveFollowUp(event) {
  event.preventDefault();
  const id = byId("fu-id").value;
  const body = {
    element: byId("fu-element").value,
    action: byId("fu-action").value.trim(),
    owner: byId("fu-owner").value.trim(),
    deadline: byId("fu-deadline").value,
    status: byId("fu-status").value,
    percent_done: Number(byId("fu-percent").value),
  };
  try {
    if (id) await api.put("/survey/follow-ups/" + id, body);
    else await api.post("/survey/follow-ups", { ...body, period: state.report.period });
    editFollowUp(null);
    await load();
  } catch (err) {
    byId("fu-error").textContent = errorText(err);
  }
}

// ---------------------------------------------------------------------------------------------
// Downloads: the routes need the staff session, which a plain link would not send.

async function download(extension) {
  try {
    const response = await fetch(`${API_BASE}/survey/report.${extension}?${query()}`, { headers: { Authorization: "Bearer " + session.token } });
    if (!response.ok) throw new ApiError(response.status, "download_failed", response.statusText);
    const blob = await response.blob();
    const link = el("a", { href: URL.createObjectURL(blob), download: `ikm-${byId("period-key").value}${byId("service").value ? "-" + byId("service").value : ""}${byId("permit").value ? "-" + byId("permit").value : ""}.${extension}` });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (err) {
    byId("message").textContent = errorText(err);
  }
}

function fillStatic() {
  const kind = byId("period-kind");
  const chosen = kind.value || "semester";
  kind.replaceChildren(...Object.entries(KINDS).map(([k, key]) => el("option", { value: k, selected: k === chosen }, t(key))));
  const service = byId("service");
  const current = service.value;
  service.replaceChildren(el("option", { value: "" }, t("skm.all_services")), ...state.services.map((s) => el("option", { value: s.id, selected: s.id === current }, named(s))));
  const permit = byId("permit");
  const currentPermit = permit.value;
  permit.replaceChildren(el("option", { value: "" }, t("skm.all_permits")), ...state.permits.map((p) => el("option", { value: p.id, selected: p.id === currentPermit }, p.name)));
  byId("fu-element").replaceChildren(...state.elements.map((e) => el("option", { value: e.id }, named(e))));
  byId("fu-status").replaceChildren(...Object.entries(STATUSES).map(([s, key]) => el("option", { value: s }, t(key))));
}

async function main() {
  const user = await requireLogin("supervisor");
  applyI18n();
  setupOfflineBanner();
  const [office, services, questions, permits] = await Promise.all([api.get("/office"), api.get("/services"), api.get("/survey/questions"), api.get("/permits")]);
  state.office = office;
  state.services = services.services || services;
  state.permits = permits.permits;
  state.elements = questions.elements;
  byId("office").textContent = office.name;
  setupHeader(user, "laporan-skm.html", () => {
    const key = byId("period-key").value;
    fillStatic();
    fillPeriods();
    byId("period-key").value = key;
    render();
  });
  fillStatic();
  fillPeriods();
  byId("period-kind").addEventListener("change", fillPeriods);
  byId("choose").addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  byId("print").addEventListener("click", () => window.print());
  byId("csv").addEventListener("click", () => download("csv"));
  byId("xlsx").addEventListener("click", () => download("xlsx"));
  byId("follow-up-form").addEventListener("submit", saveFollowUp);
  byId("fu-cancel").addEventListener("click", () => editFollowUp(null));
  await load();
}

main().catch((err) => {
  if (!(err instanceof ApiError && (err.status === 401 || err.status === 403))) byId("message").textContent = String(err.message || err);
});
