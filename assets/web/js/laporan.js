// The performance report for supervisors and heads of office: queue figures as cards, a
// day-by-day trend and per-service waits against their targets as charts (Chart.js from
// Debian, served by the queue-server), a weekday × hour heatmap of arrivals and waits, tables
// per service, counter, staff member and day with CSV/XLSX downloads, the files, survey and
// complaint figures, and a print layout for the monthly report. Definitions: docs/metrics.md.
"use strict";

import { ApiError, API_BASE, api, requireLogin, session } from "./api.js";
import { applyI18n, byId, el, errorText, lang, setupHeader, setupOfflineBanner, t, tf } from "./ui.js";

const RANGES = { today: "rep.range_today", week: "rep.range_week", month: "rep.range_month", pick_month: "rep.range_pick_month", custom: "rep.range_custom" };
const state = { office: null, services: [], counters: [], report: null, charts: [] };

// ---------------------------------------------------------------------------------------------
// Numbers as Indonesians read them: decimal comma, percentages without a space.

const locale = () => (lang() === "id" ? "id-ID" : "en-GB");
function figure(value, places = 1) {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: places, maximumFractionDigits: places }).format(value);
}
const whole = (n) => (n === null || n === undefined ? "–" : new Intl.NumberFormat(locale()).format(n));
const share = (v) => (v === null || v === undefined ? "–" : figure(v * 100, 1) + "%");
const minutes = (v) => (v === null || v === undefined ? "–" : figure(v, 1) + " " + t("rep.min"));
const named = (item) => (lang() === "id" ? item.name : item.name_en || item.name);

// ---------------------------------------------------------------------------------------------
// The range asked for, as office-local dates (YYYY-MM-DD).

function isoDate(d) {
  return d.toISOString().slice(0, 10);
}
function addDays(iso, days) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}
function monthEnd(yearMonth) {
  const [y, m] = yearMonth.split("-").map(Number);
  return isoDate(new Date(Date.UTC(y, m, 0)));
}
function monthLabel(yearMonth) {
  const [y, m] = yearMonth.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(), { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}
function dateLabel(iso) {
  return new Intl.DateTimeFormat(locale(), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(iso + "T00:00:00Z"));
}

function chosenRange() {
  const today = state.office.local_date;
  const kind = byId("range").value;
  if (kind === "today") return { from: today, to: today };
  if (kind === "week") {
    const weekday = (new Date(today + "T00:00:00Z").getUTCDay() + 6) % 7; // Monday = 0
    return { from: addDays(today, -weekday), to: today };
  }
  if (kind === "month") return { from: today.slice(0, 8) + "01", to: today };
  if (kind === "pick_month") {
    const month = byId("month").value;
    const end = monthEnd(month);
    return { from: month + "-01", to: end < today ? end : today };
  }
  return { from: byId("from").value, to: byId("to").value };
}

function query(range) {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  for (const name of ["service", "counter", "staff"]) if (byId(name).value) params.set(name, byId(name).value);
  return params.toString();
}

// Checked here so the message is ours and in the user's language; the server checks again.
function rangeProblem(range) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to)) return t("rep.bad_date");
  if (range.from > range.to) return t("rep.from_after_to");
  return "";
}

// ---------------------------------------------------------------------------------------------
// Rendering

function card(label, value, note, attrs = {}) {
  return el("div", { class: "rep-card", ...attrs }, el("span", { class: "rep-card-label" }, label), el("span", { class: "rep-card-value" }, value), note ? el("span", { class: "rep-card-note" }, note) : null);
}

function renderCards(r) {
  const q = r.totals;
  const a = r.applications || {};
  const s = r.skm || {};
  const c = r.complaints || {};
  byId("cards").replaceChildren(
    card(t("rep.issued"), whole(q.issued), tf("rep.served_n", { n: whole(q.served) }), { dataset: { card: "issued" } }),
    card(t("rep.mean_wait"), minutes(q.wait.mean), tf("rep.median_p90", { median: minutes(q.wait.median), p90: minutes(q.wait.p90) }), { dataset: { card: "wait" } }),
    card(t("rep.within_target"), share(q.within_target_share), t("rep.within_target_note"), { dataset: { card: "within_target" } }),
    card(t("rep.mean_service"), minutes(q.service.mean), tf("rep.walk_note", { walk: minutes(q.walk.mean) }), { dataset: { card: "service" } }),
    card(t("rep.in_office"), minutes(q.in_office.mean), null, { dataset: { card: "in_office" } }),
    card(t("rep.no_show_rate"), share(q.no_show_rate), tf("rep.no_show_n", { n: whole(q.no_show) }), { dataset: { card: "no_show" } }),
    card(t("rep.unserved"), whole(q.unserved_at_close), t("rep.unserved_note"), { dataset: { card: "unserved" } }),
    card(t("rep.files_within"), share(a.within_standard_share), tf("rep.files_within_note", { n: whole(a.finished_within_standard), of: whole(a.finished) }), { dataset: { card: "files_within" } }),
    card(t("rep.overdue_now"), whole(a.overdue_now), null, { dataset: { card: "overdue" } }),
    card(t("rep.ikm"), s.ikm_converted === null || s.ikm_converted === undefined ? "–" : figure(s.ikm_converted, 2) + (s.grade ? " (" + s.grade + ")" : ""), tf("rep.responses_n", { n: whole(s.responses) }), { dataset: { card: "ikm" } }),
    card(t("rep.complaints_on_time"), share(c.within_60_days_share), tf("rep.complaints_note", { n: whole(c.answered_within_60_days), of: whole(c.received) }), { dataset: { card: "complaints" } }),
  );
}

// A table from column definitions [label key, value(row), numeric?] and rows.
function fillTable(table, columns, rows, emptyKey = "rep.no_rows") {
  const head = el("thead", {}, el("tr", {}, columns.map(([key, , numeric]) => el("th", { class: numeric ? "num" : null, scope: "col" }, t(key)))));
  const body = el("tbody");
  if (!rows.length) body.append(el("tr", {}, el("td", { colspan: columns.length, class: "muted" }, t(emptyKey))));
  for (const row of rows) body.append(el("tr", {}, columns.map(([, value, numeric]) => el("td", { class: numeric ? "num" : null }, value(row)))));
  table.replaceChildren(head, body);
}

const QUEUE_COLUMNS = [
  ["rep.col_issued", (x) => whole(x.issued), true],
  ["rep.col_served", (x) => whole(x.served), true],
  ["rep.col_mean_wait", (x) => minutes(x.wait.mean), true],
  ["rep.col_p90_wait", (x) => minutes(x.wait.p90), true],
  ["rep.col_mean_service", (x) => minutes(x.service.mean), true],
  ["rep.col_no_show", (x) => share(x.no_show_rate), true],
  ["rep.col_unserved", (x) => whole(x.unserved_at_close), true],
  ["rep.col_within_target", (x) => share(x.within_target_share), true],
];

function renderTables(r) {
  fillTable(byId("services-table"), [["rep.col_service", (x) => named(x)], ["rep.col_target", (x) => minutes(x.target_wait_minutes), true], ...QUEUE_COLUMNS], r.services);
  fillTable(byId("counters-table"), [["rep.col_counter", (x) => x.name || tf("rep.counter_n", { n: x.number })], ...QUEUE_COLUMNS], r.counters);
  fillTable(
    byId("staff-table"),
    [
      ["rep.col_staff", (x) => x.name],
      ["rep.col_served", (x) => whole(x.served), true],
      ["rep.col_per_hour", (x) => figure(x.served_per_hour, 1), true],
      ["rep.col_mean_service", (x) => minutes(x.mean_service_minutes), true],
      ["rep.col_open", (x) => minutes(x.open_minutes), true],
      ["rep.col_idle", (x) => minutes(x.idle_minutes), true],
      ["rep.col_pauses", (x) => (x.pauses && x.pauses.length ? x.pauses.map((p) => tf("rep.pause_item", { reason: t("pause.reason." + p.reason_code), n: p.count, min: figure(p.minutes, 0) })).join("; ") : "–")],
    ],
    r.staff,
  );
  fillTable(
    byId("days-table"),
    [
      ["rep.col_date", (x) => dateLabel(x.date)],
      ["rep.col_issued", (x) => whole(x.issued), true],
      ["rep.col_served", (x) => whole(x.served), true],
      ["rep.col_no_show_n", (x) => whole(x.no_show), true],
      ["rep.col_mean_wait", (x) => minutes(x.mean_wait_minutes), true],
      ["rep.col_within_target", (x) => share(x.within_target_share), true],
    ],
    r.days,
  );
}

// Weekday × hour: the cell's shade grows with its value, the number is always written.
function renderHeat(table, heat, values, format, captionKey) {
  const max = Math.max(0, ...values.flat().filter((v) => v !== null && v !== undefined));
  const weekdays = new Intl.DateTimeFormat(locale(), { weekday: "short", timeZone: "UTC" });
  const head = el("thead", {}, el("tr", {}, el("th", { scope: "col" }, ""), heat.hours.map((h) => el("th", { scope: "col" }, String(h).padStart(2, "0")))));
  const body = el("tbody");
  heat.weekdays.forEach((weekday, i) => {
    // ISO weekday 1 = Monday; 2024-01-01 was a Monday.
    const name = weekdays.format(new Date(Date.UTC(2024, 0, weekday)));
    body.append(
      el(
        "tr",
        {},
        el("th", { scope: "row" }, name),
        heat.hours.map((h, j) => {
          const v = values[i] ? values[i][j] : null;
          const level = v && max ? Math.min(5, Math.ceil((v / max) * 5)) : 0;
          return el("td", { class: "rep-heat-" + level, title: `${name} ${String(h).padStart(2, "0")}.00: ${format(v)}` }, v === null || v === undefined || v === 0 ? "" : format(v));
        }),
      ),
    );
  });
  table.replaceChildren(el("caption", {}, t(captionKey)), head, body);
}

function renderFiles(r) {
  const a = r.applications || {};
  const s = r.skm || {};
  const c = r.complaints || {};
  const list = byId("files");
  list.replaceChildren();
  const add = (key, value) => list.append(el("dt", {}, t(key)), el("dd", {}, value));
  add("rep.f_registered", whole(a.registered));
  add("rep.f_finished", whole(a.finished));
  add("rep.f_within", share(a.within_standard_share));
  add("rep.f_median_days", a.median_working_days === null || a.median_working_days === undefined ? "–" : tf("rep.days_n", { n: figure(a.median_working_days, 1) }));
  add("rep.f_overdue", whole(a.overdue_now));
  add("rep.f_incomplete", tf("rep.incomplete_value", { rate: share(a.incomplete_rate), n: whole(a.incomplete_visits) }));
  add("rep.f_ikm", s.ikm_converted === null || s.ikm_converted === undefined ? "–" : `${figure(s.ikm_converted, 2)} (${s.grade} · ${lang() === "id" ? s.grade_name : s.grade_name_en})`);
  add("rep.f_responses", whole(s.responses));
  add("rep.f_complaints", tf("rep.complaints_value", { received: whole(c.received), answered: whole(c.answered), on_time: share(c.within_60_days_share) }));
}

function destroyCharts() {
  for (const chart of state.charts) chart.destroy();
  state.charts = [];
}

function renderCharts(r) {
  destroyCharts();
  if (!window.Chart) {
    byId("message").textContent = t("rep.no_charts");
    return;
  }
  // No animation: printing and screenshots catch the finished chart.
  const common = { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { labels: { font: { size: 14 } } } } };
  state.charts.push(
    new window.Chart(byId("trend-chart"), {
      data: {
        labels: r.days.map((d) => new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(d.date + "T00:00:00Z"))),
        datasets: [
          { type: "bar", label: t("rep.col_issued"), data: r.days.map((d) => d.issued), backgroundColor: "#9fc0e0", yAxisID: "count" },
          { type: "bar", label: t("rep.col_served"), data: r.days.map((d) => d.served), backgroundColor: "#0b4f8a", yAxisID: "count" },
          { type: "line", label: t("rep.col_mean_wait"), data: r.days.map((d) => d.mean_wait_minutes), borderColor: "#b45309", backgroundColor: "#b45309", yAxisID: "minutes", spanGaps: true },
        ],
      },
      options: {
        ...common,
        scales: {
          count: { type: "linear", position: "left", beginAtZero: true, title: { display: true, text: t("rep.axis_tickets") } },
          minutes: { type: "linear", position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: t("rep.axis_minutes") } },
        },
      },
    }),
    new window.Chart(byId("services-chart"), {
      type: "bar",
      data: {
        labels: r.services.map(named),
        datasets: [
          { label: t("rep.col_mean_wait"), data: r.services.map((s) => s.wait.mean), backgroundColor: "#0b4f8a" },
          { label: t("rep.col_p90_wait"), data: r.services.map((s) => s.wait.p90), backgroundColor: "#9fc0e0" },
          { label: t("rep.col_target"), data: r.services.map((s) => s.target_wait_minutes), backgroundColor: "#b45309" },
        ],
      },
      options: { ...common, scales: { y: { beginAtZero: true, title: { display: true, text: t("rep.axis_minutes") } } } },
    }),
  );
}

function render() {
  const r = state.report;
  if (!r) return;
  byId("report").hidden = false;
  byId("report-office").textContent = state.office.name;
  const isWholeMonth = r.from.slice(0, 7) === r.to.slice(0, 7) && r.from.endsWith("-01") && (r.to === monthEnd(r.from.slice(0, 7)) || r.to === state.office.local_date);
  byId("report-range").textContent = isWholeMonth ? tf("rep.month_of", { month: monthLabel(r.from.slice(0, 7)) }) + (r.to !== monthEnd(r.from.slice(0, 7)) ? " " + tf("rep.until", { date: dateLabel(r.to) }) : "") : r.from === r.to ? dateLabel(r.from) : `${dateLabel(r.from)} – ${dateLabel(r.to)}`;
  const filters = [];
  if (byId("service").value) filters.push(t("rep.service") + ": " + byId("service").selectedOptions[0].textContent);
  if (byId("counter").value) filters.push(t("rep.counter") + ": " + byId("counter").selectedOptions[0].textContent);
  if (byId("staff").value) filters.push(t("rep.staff") + ": " + byId("staff").value);
  byId("report-filter").textContent = filters.join(" · ");
  byId("report-filter").hidden = !filters.length;
  renderCards(r);
  renderTables(r);
  renderHeat(byId("heat-arrivals"), r.heatmap, r.heatmap.arrivals, whole, "rep.heat_arrivals");
  renderHeat(byId("heat-wait"), r.heatmap, r.heatmap.mean_wait_minutes, (v) => (v === null || v === undefined ? "–" : figure(v, 0)), "rep.heat_wait");
  renderFiles(r);
  renderCharts(r);
  byId("sign-place-date").textContent = tf("skm.sign_place_date", { date: dateLabel(state.office.local_date) });
  byId("sign-role").textContent = tf("skm.sign_head", { office: state.office.name });
}

async function load() {
  const range = chosenRange();
  const problem = rangeProblem(range);
  if (problem) {
    byId("message").textContent = problem;
    return;
  }
  byId("message").textContent = t("rep.loading");
  try {
    state.report = await api.get("/reports/summary?" + query(range));
    fillStaff();
    byId("message").textContent = "";
    render();
  } catch (err) {
    byId("message").textContent = errorText(err);
  }
}

// ---------------------------------------------------------------------------------------------
// Downloads: the routes need the staff session, which a plain link would not send.

async function download(table, extension) {
  const range = chosenRange();
  const problem = rangeProblem(range);
  if (problem) {
    byId("message").textContent = problem;
    return;
  }
  try {
    const response = await fetch(`${API_BASE}/reports/${table}.${extension}?${query(range)}`, { headers: { Authorization: "Bearer " + session.token } });
    if (!response.ok) {
      let error = {};
      try {
        error = (await response.json()).error || {};
      } catch {
        // not JSON: the status line says enough
      }
      throw new ApiError(response.status, error.code || "download_failed", error.message || response.statusText, error.field, error);
    }
    const blob = await response.blob();
    const disposition = response.headers.get("Content-Disposition") || "";
    const named = /filename="?([^";]+)"?/.exec(disposition);
    const link = el("a", { href: URL.createObjectURL(blob), download: named ? named[1] : `laporan-${table}-${range.from}-${range.to}.${extension}` });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (err) {
    byId("message").textContent = errorText(err);
  }
}

function addDownloadButtons() {
  for (const holder of document.querySelectorAll(".rep-downloads")) {
    const table = holder.dataset.table;
    holder.replaceChildren(
      el("button", { type: "button", class: "small", dataset: { download: table + ".csv" }, onclick: () => download(table, "csv") }, "CSV"),
      el("button", { type: "button", class: "small", dataset: { download: table + ".xlsx" }, onclick: () => download(table, "xlsx") }, "XLSX"),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Choices

function fillStatic() {
  const range = byId("range");
  const chosenKind = range.value || "month";
  range.replaceChildren(...Object.entries(RANGES).map(([k, key]) => el("option", { value: k, selected: k === chosenKind }, t(key))));
  const month = byId("month");
  const chosenMonth = month.value;
  const today = state.office.local_date;
  const months = [];
  for (let i = 0, y = Number(today.slice(0, 4)), m = Number(today.slice(5, 7)); i < 24; i++) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    if (--m === 0) {
      m = 12;
      y--;
    }
  }
  month.replaceChildren(...months.map((k) => el("option", { value: k, selected: k === chosenMonth }, monthLabel(k))));
  const service = byId("service");
  const currentService = service.value;
  service.replaceChildren(el("option", { value: "" }, t("rep.all")), ...state.services.map((s) => el("option", { value: s.id, selected: s.id === currentService }, named(s))));
  const counter = byId("counter");
  const currentCounter = counter.value;
  counter.replaceChildren(el("option", { value: "" }, t("rep.all")), ...state.counters.map((c) => el("option", { value: String(c.number), selected: String(c.number) === currentCounter }, c.name || tf("rep.counter_n", { n: c.number }))));
  fillStaff();
  showRangeFields();
}

// The staff list comes from the report itself: whoever served in the range.
function fillStaff() {
  const staff = byId("staff");
  const current = staff.value;
  const names = new Set(state.report ? state.report.staff.map((s) => s.name) : []);
  if (current) names.add(current);
  staff.replaceChildren(el("option", { value: "" }, t("rep.all")), ...[...names].sort().map((n) => el("option", { value: n, selected: n === current }, n)));
}

function showRangeFields() {
  const kind = byId("range").value;
  byId("month-field").hidden = kind !== "pick_month";
  byId("from-field").hidden = kind !== "custom";
  byId("to-field").hidden = kind !== "custom";
  if (kind === "custom" && !byId("from").value) {
    const { from, to } = { from: state.office.local_date.slice(0, 8) + "01", to: state.office.local_date };
    byId("from").value = from;
    byId("to").value = to;
  }
}

async function main() {
  const user = await requireLogin("supervisor");
  applyI18n();
  setupOfflineBanner();
  const [office, services, counters] = await Promise.all([api.get("/office"), api.get("/services"), api.get("/counters")]);
  state.office = office;
  state.services = services.services || services;
  state.counters = counters.counters || counters;
  byId("office").textContent = office.name;
  setupHeader(user, "laporan.html", () => {
    fillStatic();
    render();
  });
  fillStatic();
  addDownloadButtons();
  byId("range").addEventListener("change", () => {
    showRangeFields();
    load();
  });
  byId("month").addEventListener("change", load);
  byId("choose").addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  byId("print").addEventListener("click", () => window.print());
  byId("visits-csv").addEventListener("click", () => download("visits", "csv"));
  byId("visits-xlsx").addEventListener("click", () => download("visits", "xlsx"));
  // Charts drawn for the screen's width would be cut or stretched on A4: redraw at print size.
  window.addEventListener("beforeprint", () => {
    for (const chart of state.charts) chart.resize();
  });
  await load();
}

main().catch((err) => {
  if (!(err instanceof ApiError && (err.status === 401 || err.status === 403))) byId("message").textContent = String(err.message || err);
});
