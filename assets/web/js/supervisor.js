// Supervisor floor view: every counter, each service's line and longest wait, printer
// problems, today's tickets with reactivate / move / cancel, and a live activity feed.
"use strict";

import { loketLang } from "../i18n.js";
import { ApiError, api, connection, requireLogin } from "./api.js";
import { clockLabel, officeLongDate } from "./apps.js";
import { EventStream } from "./sse.js";
import {
  applyI18n, askDialog, byId, coalesce, el, errorDetail, errorText, formatClock, formatDuration,
  minutesSince, officeZone, pauseReasonText, priorityText, serverNow, serviceName, setupHeader, setupOfflineBanner,
  showMessage, hasText, syncClock, t, tf,
} from "./ui.js";

const FEED_MAX = 30;
const PRINT_PROBLEMS = new Set(["failed", "not_printed", "printed_with_warning"]);
const ACTIVE = new Set(["waiting", "called", "serving", "no_show"]);
const STATE_ORDER = { serving: 0, called: 1, waiting: 2, no_show: 3, done: 4, cancelled: 5 };

const state = {
  user: null,
  counters: [],
  services: [], // GET /services summaries
  serviceById: new Map(),
  tickets: [],
  feed: [], // {at, type, payload}
  busyTicket: "", // ticket number with a request in flight
  warnings: [], // GET /applications/warnings
  appStats: null, // GET /applications/stats
};

// ---------------------------------------------------------------------------------------------
// Data

async function loadOffice() {
  const office = await api.get("/office");
  syncClock(office);
  byId("office").textContent = office.name;
}

async function refresh() {
  const [counters, services, tickets] = await Promise.all([
    api.get("/counters"),
    api.get("/services"),
    api.get("/tickets"),
  ]);
  state.counters = counters.counters;
  state.services = services.services;
  state.serviceById = new Map(services.services.map((s) => [s.id, s]));
  state.tickets = tickets.tickets;
  render();
}
const refreshSoon = coalesce(refresh, 150);

// Files near or past their due date, with the automatic-approval (fiktif positif) risk, and the
// year's berkas belum lengkap rate.
async function refreshApplications() {
  const [warnings, stats] = await Promise.all([api.get("/applications/warnings"), api.get("/applications/stats")]);
  state.warnings = warnings.warnings;
  state.appStats = stats;
  renderWarnings();
}
const refreshApplicationsSoon = coalesce(refreshApplications, 300);

function renderWarnings() {
  const s = state.appStats;
  const stats = byId("app-stats");
  if (s) {
    const total = s.incomplete_visits + s.registered;
    const rate = s.incomplete_rate === null || s.incomplete_rate === undefined ? null : Math.round(s.incomplete_rate * 1000) / 10;
    stats.replaceChildren(
      el("span", {}, total ? tf("sup.incomplete_rate", { rate: String(rate).replace(".", loketLang() === "en" ? "." : ",") + " %", visits: s.incomplete_visits, total }) : t("sup.incomplete_none")),
      el("br"),
      el("span", {}, tf("sup.open_overdue", { n: s.open_overdue })),
    );
  }
  const list = byId("warnings");
  list.replaceChildren();
  if (!state.warnings.length) {
    list.append(el("li", { class: "muted" }, t("sup.no_warnings")));
    return;
  }
  for (const w of state.warnings) {
    // The risk in words with the date written out; the server's sentence when there is no date.
    const serverRisk = w.risk ? (loketLang() === "en" && w.risk.text_en ? w.risk.text_en : w.risk.text) : "";
    const risk = w.clock && w.clock.due ? tf("sup.risk", { date: officeLongDate(w.clock.due) }) : serverRisk;
    list.append(
      el(
        "li",
        { class: "warning-item", dataset: { number: w.number } },
        el(
          "div",
          {},
          el("a", { href: "papan-berkas.html?id=" + w.id, class: "ticket-no" }, w.number),
          " ",
          el("span", { class: "pill clock-" + w.clock.state }, clockLabel(w.clock.state)),
          el("div", { class: "small clamp-2", title: w.step ? w.step.activity : null }, w.permit.name + (w.step ? " · " + tf("sup.warning_step", { number: w.step.number, activity: w.step.activity }) : "")),
          el("div", { class: "small" }, tf("sup.warning_due", { date: officeLongDate(w.clock.due) })),
          risk ? el("div", { class: "risk" }, risk) : null,
        ),
      ),
    );
  }
}

async function seedFeed() {
  // The last calls, so the feed is not empty after a reload.
  const display = await api.get("/display?recent=10");
  state.feed = display.recent_calls.slice().sort((a, b) => b.id - a.id).slice(0, FEED_MAX);
  renderFeed();
}

// A ticket printed fine is no news; print problems and everything else go to the feed.
function worthFeeding(event) {
  if (event.type !== "ticket.print_status") return true;
  const ticket = (event.payload && event.payload.ticket) || {};
  return PRINT_PROBLEMS.has(ticket.print_status);
}

function onEvent(event) {
  if (event.type === "settings.changed") loadOffice().catch(() => {});
  if (event.type.startsWith("application.")) refreshApplicationsSoon();
  if (worthFeeding(event) && !state.feed.some((e) => e.id === event.id)) {
    state.feed.unshift(event);
    state.feed.length = Math.min(state.feed.length, FEED_MAX);
    renderFeed();
  }
  refreshSoon();
}

// ---------------------------------------------------------------------------------------------
// Rendering

function svcName(id) {
  return serviceName(state.serviceById.get(id)) || id;
}

function counterName(number) {
  const c = state.counters.find((x) => x.number === number);
  return c ? c.name : tf("common.counter_n", { n: number });
}

function renderCounters() {
  const grid = byId("counter-grid");
  grid.replaceChildren();
  for (const c of state.counters) {
    const cur = c.current;
    let stateText = t("counter.state." + c.state);
    const reason = c.state === "paused" ? pauseReasonText(c) : "";
    if (reason) stateText += ": " + reason;
    const lines = [el("div", { class: "line" }, c.services.map(svcName).join(", "))];
    if (c.state !== "closed" && c.staff) lines.push(el("div", { class: "line" }, tf("counter.opened_by", { name: c.staff })));
    if (c.since) lines.push(el("div", { class: "line" }, tf("sup.since", { time: formatClock(c.since), duration: formatDuration(serverNow() - c.since) })));
    let serving;
    if (cur) {
      const since = cur.state === "serving" ? cur.started_at : cur.called_at;
      serving = [
        el("div", { class: "serving", dataset: { current: cur.number } }, cur.number),
        el(
          "div",
          { class: "line" },
          el("span", { class: "pill " + cur.state }, t("ticket.state." + cur.state)),
          " ",
          tf("sup.current_since", { time: formatClock(since), minutes: minutesSince(since) }),
        ),
      ];
    } else {
      const paused = c.state === "paused" && (reason ? tf("counter.paused_hint_reason", { reason }) : t("counter.paused_hint"));
      serving = [el("div", { class: "serving none", title: paused || null }, c.state === "open" ? t("sup.idle") : paused || "–")];
    }
    grid.append(
      el(
        "article",
        { class: "sup-counter " + c.state, dataset: { counter: c.number }, "aria-label": c.name },
        el("div", { class: "head" }, el("span", { class: "name" }, c.name), el("span", { class: "pill " + c.state, title: stateText }, stateText)),
        serving,
        lines,
      ),
    );
  }
}

function renderServices() {
  const body = byId("services-body");
  body.replaceChildren();
  for (const s of state.services) {
    const waiting = state.tickets.filter((x) => x.state === "waiting" && x.service === s.id);
    const longest = waiting.length ? Math.max(...waiting.map((x) => minutesSince(x.issued_at))) : null;
    body.append(
      el(
        "tr",
        { dataset: { service: s.id } },
        el("td", {}, el("strong", {}, serviceName(s)), " ", el("span", { class: "muted" }, "(" + s.prefix + ")")),
        el("td", { class: "num" }, String(s.waiting)),
        el("td", { class: "num" + (longest !== null && longest >= 30 ? " long-wait" : "") }, longest === null ? "–" : tf("common.minutes_short", { n: longest })),
        el("td", { class: "num" }, String(s.open_counters)),
        el("td", { class: "num" }, s.estimate_minutes === null ? "–" : tf("common.minutes_short", { n: s.estimate_minutes })),
      ),
    );
  }
}

function ticketActions(x) {
  const busy = state.busyTicket === x.number || !connection.online;
  const buttons = [];
  if (x.state === "no_show") {
    buttons.push(el("button", { type: "button", disabled: busy, dataset: { act: "reactivate" }, onclick: () => reactivate(x) }, t("sup.reactivate")));
  }
  if (["waiting", "called", "serving"].includes(x.state)) {
    buttons.push(el("button", { type: "button", disabled: busy, dataset: { act: "move" }, onclick: () => move(x) }, t("sup.move")));
  }
  if (["waiting", "called", "serving", "no_show"].includes(x.state)) {
    buttons.push(el("button", { type: "button", class: "danger", disabled: busy, dataset: { act: "cancel" }, onclick: () => cancel(x) }, t("sup.cancel")));
  }
  return el("div", { class: "row-actions" }, buttons);
}

function printCell(x) {
  if (x.print_status === "printed") return el("span", { class: "muted" }, t("print.printed"));
  if (PRINT_PROBLEMS.has(x.print_status)) {
    return el("span", { class: "pill bad", title: x.print_problem || "" }, t("print." + x.print_status));
  }
  return el("span", { class: "muted" }, t("print." + x.print_status));
}

function renderTickets() {
  const body = byId("tickets-body");
  body.replaceChildren();
  const filter = byId("ticket-filter").value;
  const query = byId("ticket-search").value.trim().toUpperCase().replace(/[^A-Z0-9]/g, "");
  const rows = state.tickets
    .filter((x) => filter === "all" || ACTIVE.has(x.state))
    .filter((x) => !query || x.number.replace("-", "").includes(query))
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.arrival_at - b.arrival_at || a.id - b.id);
  if (!rows.length) {
    body.append(el("tr", {}, el("td", { colspan: 8, class: "empty" }, t("sup.no_tickets"))));
    return;
  }
  for (const x of rows) {
    const end = x.finished_at ?? serverNow();
    const waited = x.state === "waiting" ? minutesSince(x.issued_at) : Math.floor((end - x.issued_at) / 60000);
    body.append(
      el(
        "tr",
        { dataset: { ticket: x.number, state: x.state } },
        el("td", {}, el("span", { class: "ticket-no" }, x.number), x.priority ? [" ", el("span", { class: "pill priority" }, priorityText(x.priority))] : null),
        el("td", {}, svcName(x.service), x.note ? el("div", { class: "permit-cell", title: x.note }, "✎ " + x.note) : null),
        el("td", {}, el("span", { class: "pill " + x.state }, t("ticket.state." + x.state))),
        el("td", {}, x.counter ? counterName(x.counter) : "–"),
        el("td", {}, formatClock(x.issued_at)),
        el("td", { class: "num" }, tf("common.minutes_short", { n: waited })),
        el("td", {}, printCell(x)),
        el("td", {}, ticketActions(x)),
      ),
    );
  }
}

function renderProblems() {
  const list = byId("problems");
  list.replaceChildren();
  const problems = state.tickets.filter((x) => PRINT_PROBLEMS.has(x.print_status)).sort((a, b) => b.issued_at - a.issued_at);
  if (!problems.length) {
    list.append(el("li", { class: "muted no-problems" }, t("sup.no_printer_problems")));
    return;
  }
  for (const x of problems) {
    list.append(
      el(
        "li",
        { dataset: { ticket: x.number } },
        el("time", {}, formatClock(x.issued_at)),
        el("span", {}, x.number + " · " + t("print." + x.print_status) + (x.print_problem ? " — " + x.print_problem : "")),
      ),
    );
  }
}

// One line of the activity feed for an event.
function feedText(e) {
  const p = e.payload || {};
  const ticket = p.ticket || {};
  const counter = p.counter || {};
  const vars = {
    number: ticket.number || "",
    counter: counter.name || (counter.number ? tf("common.counter_n", { n: counter.number }) : ""),
    service: p.service ? serviceName(p.service) : "",
    // Who acted: every counter action's event names the staff member.
    staff: (p.staff && p.staff.name) || counter.staff || "",
    previous: (p.previous_staff && p.previous_staff.name) || "",
    reason: pauseReasonText(counter) || ticket.note || "",
    status: ticket.print_status ? t("print." + ticket.print_status) : "",
    name: p.saved_by || "",
    application: (p.application && p.application.number) || "",
    complaint: (p.complaint && p.complaint.tracking_number) || "",
  };
  const key = "feed." + e.type;
  let line = hasText(key) ? tf(key, vars) : e.type;
  if (e.type === "counter.taken_over") {
    if (p.forced) line += " " + tf("feed.forced", vars);
  } else if (p.staff && p.staff.name && e.type !== "counter.opened") {
    line += " · " + tf("feed.by", vars);
  }
  return line;
}

function renderFeed() {
  const list = byId("feed");
  list.replaceChildren();
  if (!state.feed.length) {
    list.append(el("li", { class: "muted" }, t("sup.no_activity")));
    return;
  }
  for (const e of state.feed) {
    list.append(el("li", { dataset: { type: e.type } }, el("time", {}, formatClock(e.at, true)), el("span", {}, feedText(e))));
  }
}

function render() {
  renderCounters();
  renderServices();
  renderTickets();
  renderProblems();
  byId("clock").textContent = formatClock(serverNow()) + " " + officeZone();
}

function renderAll() {
  applyI18n();
  document.title = t("nav.supervisor") + " · " + t("app.name");
  render();
  renderFeed();
  renderWarnings();
  if (lastMessage && !byId("sup-message").hidden) say(lastMessage);
}

// ---------------------------------------------------------------------------------------------
// Actions on one ticket

// make() builds {kind, text, detail} in the language in use (said again after a switch).
let lastMessage = null;
function say(make) {
  lastMessage = make;
  const m = make();
  showMessage(byId("sup-message"), m.kind, m.text, m.detail || "");
}

async function ticketAction(x, run, success) {
  if (state.busyTicket) return;
  state.busyTicket = x.number;
  renderTickets();
  try {
    const result = await run();
    say(() => ({ kind: "ok", text: success(result) }));
  } catch (e) {
    say(() => ({ kind: "error", text: errorText(e), detail: errorDetail(e) }));
  } finally {
    state.busyTicket = "";
    await refresh().catch(() => {});
  }
}

function reactivate(x) {
  return ticketAction(
    x,
    () => api.post(`/tickets/${encodeURIComponent(x.number)}/reactivate`, {}, { retry: false }),
    (r) => tf("msg.reactivated", { number: r.ticket.number }),
  );
}

async function cancel(x) {
  const values = await askDialog(byId("dlg-cancel"), () => {
    byId("dlg-cancel-title").textContent = tf("cancel.title", { number: x.number });
  });
  if (!values) return;
  await ticketAction(
    x,
    () => api.post(`/tickets/${encodeURIComponent(x.number)}/cancel`, { reason: values.reason.trim() }, { retry: false }),
    (r) => tf("msg.cancelled", { number: r.ticket.number }),
  );
}

async function move(x) {
  const values = await askDialog(byId("dlg-move"), () => {
    byId("dlg-move-title").textContent = tf("move.title", { number: x.number, service: svcName(x.service) });
    byId("move-service").replaceChildren(
      ...state.services.filter((s) => s.id !== x.service).map((s) => el("option", { value: s.id }, serviceName(s) + " (" + s.prefix + ")")),
    );
  });
  if (!values) return;
  const body = { service: values.service };
  if (values.note && values.note.trim()) body.note = values.note.trim();
  await ticketAction(
    x,
    () => api.post(`/tickets/${encodeURIComponent(x.number)}/transfer`, body, { retry: false }),
    (r) => tf("msg.transferred", { number: r.ticket.number, service: svcName(r.ticket.service) }),
  );
}

// ---------------------------------------------------------------------------------------------

async function init() {
  applyI18n();
  document.title = t("nav.supervisor") + " · " + t("app.name");
  setupOfflineBanner(() => {
    loadOffice().catch(() => {});
    refreshSoon();
  });
  state.user = await requireLogin("supervisor");
  setupHeader(state.user, "supervisor.html", renderAll);
  connection.addEventListener("down", () => renderTickets());
  byId("ticket-filter").addEventListener("change", renderTickets);
  byId("ticket-search").addEventListener("input", renderTickets);
  const health = await api.get("/health");
  await loadOffice();
  await Promise.all([refresh(), seedFeed().catch(() => renderFeed()), refreshApplications().catch(() => {})]);
  new EventStream({ lastEventId: health.last_event_id, onEvent }).start();
  // Durations and waits move on without events.
  setInterval(() => {
    renderCounters();
    renderServices();
    byId("clock").textContent = formatClock(serverNow()) + " " + officeZone();
  }, 15000);
  setInterval(() => {
    if (connection.online) {
      refreshSoon();
      refreshApplicationsSoon();
    }
  }, 60000);
}

init().catch((e) => {
  if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) console.error(e);
});
