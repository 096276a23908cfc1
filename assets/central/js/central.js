// The province dashboard: every office's today (refreshed every 30 s), each office's figures
// for a month with CSV/XLSX downloads, and one office's days as a chart and a table. Talks to
// loket-central's API (docs/scale.md) with the token of the signed-in province account.
import { TEXT } from "./central-i18n.js";

const REFRESH_MS = 30000;
const STALE_MS = 30 * 60000;
const byId = (id) => document.getElementById(id);

let lang = sessionStorage.getItem("loket-central-lang") === "en" ? "en" : "id";
let token = sessionStorage.getItem("loket-central-token") || "";
let refreshTimer = 0;
let chart = null;
let openOffice = null; // {code, name}
let lastToday = null;
let lastFigures = null;

function t(key, values = {}) {
  const text = TEXT[lang][key] ?? TEXT.id[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

const locale = () => (lang === "id" ? "id-ID" : "en-GB");
function number(value, digits = 0) {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
const percent = (share) => (share === null || share === undefined ? "–" : number(share * 100, 1) + " %");
// The survey index as the office publishes it: two decimals and its grade letter.
const surveyIndex = (skm) => (skm.ikm === null ? "–" : `${number(skm.ikm, 2)} (${skm.grade})`);
// Working days: whole as a median of whole days is, one decimal otherwise.
const workingDays = (value) => (value === null || value === undefined ? "–" : number(value, Number.isInteger(value) ? 0 : 1));
const incomplete = (files) => `${number(files.incomplete_visits)} (${percent(files.incomplete_rate)})`;
const minutes = (value) => (value === null || value === undefined ? "–" : t("minutes", { n: number(value, 1) }));
// Clock times as Indonesian writes them: 22.50 (a dot), also in English for one look.
function clock(ms) {
  const d = new Date(ms);
  return String(d.getHours()).padStart(2, "0") + "." + String(d.getMinutes()).padStart(2, "0");
}
function dateText(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(), { weekday: "short", day: "numeric", month: "short" }).format(new Date(y, m - 1, d));
}

function el(tag, { text, className, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
}

// ---------------------------------------------------------------------------------------------
// API

class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super((lang === "en" ? e.message_en : e.message) || e.message || `HTTP ${status}`);
    this.status = status;
    this.field = e.field || "";
  }
}

async function api(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch("/api/v1" + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

function showProblem(message) {
  const p = byId("problem");
  p.textContent = message || "";
  p.hidden = !message;
}

// A request that failed: a lost session goes back to the sign-in form, anything else shows.
function failed(e) {
  if (e instanceof ApiError && e.status === 401) {
    signOut(t("session_ended"));
    return;
  }
  showProblem(e instanceof ApiError ? e.message : t("unreachable"));
}

// ---------------------------------------------------------------------------------------------
// Language

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t("title") + " · Loket";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  if (lastToday) renderToday(lastToday);
  if (lastFigures) renderFigures(lastFigures);
  if (openOffice && openOffice.data) renderOffice(openOffice.data);
  const who = byId("who");
  if (who.dataset.name) who.textContent = t("signed_in_as", { name: who.dataset.name });
}

// ---------------------------------------------------------------------------------------------
// Sign-in

function signOut(message) {
  token = "";
  sessionStorage.removeItem("loket-central-token");
  clearInterval(refreshTimer);
  byId("dashboard").hidden = true;
  byId("login-section").hidden = false;
  byId("logout").hidden = true;
  byId("who").textContent = "";
  delete byId("who").dataset.name;
  const error = byId("login-error");
  error.textContent = message || "";
  error.hidden = !message;
  byId("username").focus();
}

async function signedIn(user) {
  byId("login-section").hidden = true;
  byId("dashboard").hidden = false;
  byId("logout").hidden = false;
  byId("who").dataset.name = user.name;
  byId("who").textContent = t("signed_in_as", { name: user.name });
  const month = byId("month");
  if (!month.value) {
    const now = new Date();
    month.value = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
  }
  await Promise.all([loadToday(), loadFigures()]);
  clearInterval(refreshTimer);
  refreshTimer = setInterval(loadToday, REFRESH_MS);
}

byId("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const username = byId("username").value.trim();
  const password = byId("password").value;
  const error = byId("login-error");
  if (!username || !password) {
    error.textContent = t("login_missing");
    error.hidden = false;
    return;
  }
  const button = event.submitter || byId("login-form").querySelector("button");
  button.disabled = true;
  try {
    const reply = await api("/auth/login", { method: "POST", body: { username, password } });
    token = reply.token;
    sessionStorage.setItem("loket-central-token", token);
    byId("password").value = "";
    error.hidden = true;
    await signedIn(reply.user);
  } catch (e) {
    error.textContent = e instanceof ApiError ? e.message : t("unreachable");
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
});

byId("logout").addEventListener("click", async () => {
  try {
    await api("/auth/logout", { method: "POST" });
  } catch {
    // signed out here whatever the server says
  }
  signOut("");
});

byId("lang").addEventListener("click", () => {
  lang = lang === "id" ? "en" : "id";
  sessionStorage.setItem("loket-central-lang", lang);
  applyLanguage();
});

// ---------------------------------------------------------------------------------------------
// Today

async function loadToday() {
  try {
    lastToday = await api("/today");
    showProblem("");
    renderToday(lastToday);
  } catch (e) {
    failed(e);
  }
}

function officeButton(office) {
  return el("button", {
    text: office.name,
    className: "link",
    attrs: { type: "button", "data-office": office.code, title: t("open_office", { name: office.name }) },
  });
}

function renderToday(data) {
  const body = byId("today-body");
  body.replaceChildren();
  if (data.offices.length === 0) {
    body.append(el("tr", {}, [el("td", { text: t("no_offices"), attrs: { colspan: "7" } })]));
  }
  const now = Date.now();
  for (const o of data.offices) {
    const last = o.last_event_at;
    const stale = last !== null && now - last > STALE_MS;
    const lastCell = el("td", {
      text: last === null ? t("no_data") : stale ? t("stale", { time: clock(last) }) : clock(last),
      className: stale || last === null ? "warn" : "",
    });
    const counters = number(o.counters_open) + (o.counters_paused ? " · " + t("paused", { n: o.counters_paused }) : "");
    body.append(
      el("tr", { attrs: { "data-code": o.code } }, [
        el("th", { attrs: { scope: "row" } }, [officeButton(o)]),
        el("td", { text: number(o.waiting), className: "num" }),
        el("td", { text: minutes(o.longest_wait_minutes), className: "num" }),
        el("td", { text: counters, className: "num" }),
        el("td", { text: number(o.issued), className: "num" }),
        el("td", { text: number(o.served), className: "num" }),
        lastCell,
      ]),
    );
  }
  byId("today-updated").textContent = t("updated_at", { time: clock(now) });
}

// ---------------------------------------------------------------------------------------------
// A month's figures

function monthRange() {
  const value = byId("month").value;
  if (!/^\d{4}-\d{2}$/.test(value)) return null;
  const [y, m] = value.split("-").map(Number);
  const last = new Date(y, m, 0).getDate();
  return { from: `${value}-01`, to: `${value}-${String(last).padStart(2, "0")}` };
}

async function loadFigures() {
  const range = monthRange();
  const error = byId("range-error");
  if (!range) {
    error.textContent = t("month_required");
    error.hidden = false;
    return;
  }
  error.hidden = true;
  try {
    lastFigures = await api(`/figures?from=${range.from}&to=${range.to}`);
    renderFigures(lastFigures);
    if (openOffice) await loadOffice(openOffice.code, openOffice.name);
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      error.textContent = e.message;
      error.hidden = false;
    } else {
      failed(e);
    }
  }
}

function renderFigures(data) {
  const body = byId("figures-body");
  body.replaceChildren();
  if (data.offices.length === 0) {
    body.append(el("tr", {}, [el("td", { text: t("no_offices"), attrs: { colspan: "15" } })]));
  }
  for (const o of data.offices) {
    body.append(
      el("tr", { attrs: { "data-code": o.code } }, [
        el("th", { attrs: { scope: "row" } }, [officeButton(o)]),
        el("td", { text: number(o.issued), className: "num" }),
        el("td", { text: number(o.served), className: "num" }),
        el("td", { text: percent(o.no_show_rate), className: "num" }),
        el("td", { text: minutes(o.wait.mean), className: "num" }),
        el("td", { text: minutes(o.wait.p90), className: "num" }),
        el("td", { text: percent(o.within_target_share), className: "num" }),
        el("td", { text: number(o.applications.registered), className: "num" }),
        el("td", { text: percent(o.applications.within_standard_share), className: "num" }),
        el("td", {
          text: number(o.applications.overdue_now),
          className: "num" + (o.applications.overdue_now > 0 ? " warn" : ""),
        }),
        el("td", { text: workingDays(o.applications.median_working_days), className: "num" }),
        el("td", { text: incomplete(o.applications), className: "num" }),
        el("td", { text: `${number(o.complaints.received)} (${number(o.complaints.closed)})`, className: "num" }),
        el("td", { text: number(o.survey_responses), className: "num" }),
        el("td", { text: surveyIndex(o.skm), className: "num", attrs: { title: o.skm.grade_name ? (lang === "id" ? o.skm.grade_name : o.skm.grade_name_en) : "" } }),
      ]),
    );
  }
  // The index over every respondent of every office in the month, and every office's files.
  const files = data.applications;
  byId("figures-foot").replaceChildren(
    el("tr", {}, [
      el("th", { text: t("all_respondents", { n: number(data.skm.respondents) }), attrs: { scope: "row", colspan: "14" } }),
      el("td", { text: surveyIndex(data.skm), className: "num" }),
    ]),
    el("tr", { attrs: { id: "figures-files" } }, [
      el("th", {
        text: t("all_offices_files", {
          finished: number(files.finished),
          days: workingDays(files.median_working_days),
          incomplete: number(files.incomplete_visits),
          rate: percent(files.incomplete_rate),
        }),
        attrs: { scope: "row", colspan: "15" },
      }),
    ]),
  );
}

byId("range-form").addEventListener("submit", (event) => {
  event.preventDefault();
  loadFigures();
});

// Downloads go through fetch (the token is a header, not a cookie) and a blob link.
async function download(format) {
  const range = monthRange();
  if (!range) return;
  try {
    const res = await fetch(`/api/v1/figures.${format}?from=${range.from}&to=${range.to}&lang=${lang}`, {
      headers: { Authorization: "Bearer " + token },
    });
    if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
    const name = (res.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
    const link = el("a", { attrs: { href: URL.createObjectURL(await res.blob()), download: name ? name[1] : `figures.${format}` } });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (e) {
    failed(e);
  }
}
byId("export-csv").addEventListener("click", () => download("csv"));
byId("export-xlsx").addEventListener("click", () => download("xlsx"));

// ---------------------------------------------------------------------------------------------
// One office, day by day

async function loadOffice(code, name) {
  const range = monthRange();
  if (!range) return;
  try {
    const data = await api(`/offices/${encodeURIComponent(code)}/days?from=${range.from}&to=${range.to}`);
    openOffice = { code, name, data };
    renderOffice(data);
  } catch (e) {
    failed(e);
  }
}

function renderOffice(data) {
  const section = byId("office-section");
  section.hidden = false;
  byId("office-title").textContent = data.name;
  const body = byId("office-body");
  body.replaceChildren();
  for (const d of data.days) {
    body.append(
      el("tr", {}, [
        el("th", { text: dateText(d.date), attrs: { scope: "row" } }),
        el("td", { text: number(d.issued), className: "num" }),
        el("td", { text: number(d.served), className: "num" }),
        el("td", { text: number(d.no_show), className: "num" }),
        el("td", { text: minutes(d.wait_mean), className: "num" }),
        el("td", { text: percent(d.within_target_share), className: "num" }),
      ]),
    );
  }
  renderOfficeFacts(data);
  renderOfficeStaff(data.staff);
  renderHeatmap(byId("office-arrivals"), data.heatmap, data.heatmap.arrivals, (n) => number(n));
  renderHeatmap(byId("office-waits"), data.heatmap, data.heatmap.mean_wait_minutes, (m) => (m === null ? "–" : number(m, 1)));
  if (!window.Chart) return;
  if (chart) chart.destroy();
  chart = new window.Chart(byId("office-chart"), {
    type: "bar",
    data: {
      labels: data.days.map((d) => Number(d.date.slice(8))),
      datasets: [
        { label: t("chart_issued"), data: data.days.map((d) => d.issued), backgroundColor: "#9db8d6", yAxisID: "y" },
        { label: t("chart_served"), data: data.days.map((d) => d.served), backgroundColor: "#0b4f8a", yAxisID: "y" },
        {
          type: "line",
          label: t("chart_wait"),
          data: data.days.map((d) => d.wait_mean),
          borderColor: "#b45309",
          backgroundColor: "#b45309",
          yAxisID: "wait",
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, position: "left" },
        wait: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } },
      },
    },
  });
}

// The office's files and the stages left waiting at close, over the month.
function renderOfficeFacts(data) {
  const files = data.applications;
  const facts = [
    ["registered", number(files.registered)],
    ["finished", number(files.finished)],
    ["working_days", workingDays(files.median_working_days)],
    ["incomplete", incomplete(files)],
    ["unserved", number(data.unserved_at_close)],
  ];
  byId("office-facts").replaceChildren(
    ...facts.map(([key, value]) => el("div", { attrs: { "data-fact": key } }, [el("dt", { text: t("fact_" + key) }), el("dd", { text: value })])),
  );
}

// Each person's counter time, service and pauses per reason (their codes: notes stay at the
// office).
function renderOfficeStaff(staff) {
  const body = byId("office-staff-body");
  body.replaceChildren();
  if (staff.length === 0) body.append(el("tr", {}, [el("td", { text: t("no_staff"), attrs: { colspan: "8" } })]));
  const reasons = (p) =>
    p.pauses.map((x) => t("pause_item", { reason: t("pause_" + x.reason_code), n: number(x.count), minutes: minutes(x.minutes) })).join("; ") || "–";
  for (const p of staff) {
    body.append(
      el("tr", { attrs: { "data-staff": p.name } }, [
        el("th", { text: p.name, attrs: { scope: "row" } }),
        el("td", { text: number(p.served), className: "num" }),
        el("td", { text: p.served_per_hour === null ? "–" : number(p.served_per_hour, 2), className: "num" }),
        el("td", { text: minutes(p.mean_service_minutes), className: "num" }),
        el("td", { text: minutes(p.open_minutes), className: "num" }),
        el("td", { text: minutes(p.idle_minutes), className: "num" }),
        el("td", { text: t("pauses", { n: number(p.pause_count), minutes: minutes(p.pause_minutes) }), className: "num" }),
        el("td", { text: reasons(p) }),
      ]),
    );
  }
}

// Weekdays (Monday first) by hours, each cell shaded by its share of the largest value.
function renderHeatmap(table, heatmap, rows, format) {
  const weekday = new Intl.DateTimeFormat(locale(), { weekday: "short" });
  const head = el("tr", {}, [el("th", { text: t("heatmap_day"), attrs: { scope: "col" } })]);
  for (const h of heatmap.hours) head.append(el("th", { text: String(h).padStart(2, "0") + ".00", className: "num", attrs: { scope: "col" } }));
  const largest = Math.max(0, ...rows.flat().filter((v) => v !== null));
  const body = el("tbody");
  heatmap.weekdays.forEach((day, i) => {
    const row = el("tr", {}, [el("th", { text: weekday.format(new Date(2024, 0, day)), attrs: { scope: "row" } })]);
    rows[i].forEach((value) => {
      const cell = el("td", { text: format(value), className: "num" });
      if (value && largest > 0) cell.style.backgroundColor = `rgba(11, 79, 138, ${(0.08 + 0.5 * (value / largest)).toFixed(2)})`;
      row.append(cell);
    });
    body.append(row);
  });
  table.replaceChildren(el("thead", {}, [head]), body);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-office]");
  if (!button) return;
  loadOffice(button.dataset.office, button.textContent).then(() => byId("office-section").scrollIntoView());
});
byId("office-close").addEventListener("click", () => {
  byId("office-section").hidden = true;
  openOffice = null;
});

// ---------------------------------------------------------------------------------------------

applyLanguage();
if (token) {
  api("/me")
    .then(signedIn)
    .catch(() => signOut(""));
} else {
  signOut("");
}
