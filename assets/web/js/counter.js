// Counter console: choose a counter, open it, call / recall / serve / finish / transfer
// tickets, pause and resume, with the waiting list and today's figures kept live from the
// event stream. The chosen counter survives reloads and server outages (sessionStorage); after
// a new login the console returns to the counter the user still operates. A counter someone
// else operates is shown read-only until the user takes it over, after confirming.
"use strict";

import { loketLang } from "../i18n.js";
import { ApiError, api, connection, requireLogin } from "./api.js";
import { openRegistration } from "./register.js";
import { EventStream } from "./sse.js";
import {
  applyI18n, askDialog, byId, coalesce, el, errorDetail, errorText, formatClock, formatDuration,
  pauseReasonText, priorityText, serverNow, serviceName, setupHeader, setupOfflineBanner, showMessage, syncClock, t,
  tf,
} from "./ui.js";
import { findPickupApplication, renderPickup, setPickup, submitPickup } from "./counter-pickup.js";
import { COUNTER_KEY, state } from "./counter-state.js";

// The service of registration at the counter (the pickup service is in counter-pickup.js).
const REGISTRATION_SERVICE = "pendaftaran";

// ---------------------------------------------------------------------------------------------
// Data

async function loadReference() {
  const [services, permits, office] = await Promise.all([
    api.get("/services"),
    api.get("/permits").catch(() => ({ permits: [] })),
    api.get("/office"),
  ]);
  state.services = new Map(services.services.map((s) => [s.id, s]));
  state.permits = new Map(permits.permits.map((p) => [p.id, p.name]));
  syncClock(office);
  byId("office").textContent = office.name;
}

async function refreshChooser() {
  const data = await api.get("/counters");
  state.counters = data.counters;
  renderChooser();
}

async function refreshCounter() {
  const n = state.number;
  if (!n) return;
  const actionsBefore = state.actions;
  try {
    const [counter, waiting, stats] = await Promise.all([
      api.get(`/counters/${n}`),
      api.get(`/counters/${n}/waiting`),
      api.get(`/counters/${n}/stats`),
    ]);
    if (state.number !== n) return; // the counter changed meanwhile
    if (state.busy || state.actions !== actionsBefore) {
      // A button's request ran meanwhile: this read may predate it; read again.
      refreshSoon();
      return;
    }
    if (state.counter && !heldByOther(state.counter) && heldByOther(counter)) {
      say(() => ({ kind: "warn", text: tf("takeover.lost", { counter: counter.name, name: counter.staff }) }));
    }
    state.counter = counter;
    state.waiting = waiting.tickets;
    state.waitingFetchedAt = Date.now();
    state.stats = stats;
    state.loaded = true;
    findPickupApplication().catch(() => {});
  } catch (e) {
    if (e instanceof ApiError && (e.code === "unknown_counter" || e.status === 404)) {
      // The counter was removed from the settings: choose again.
      chooseCounter(null);
      return;
    }
    throw e;
  }
  renderConsole();
}

const refreshSoon = coalesce(async () => {
  if (state.number) await refreshCounter();
  else await refreshChooser();
}, 120);

function onEvent(event) {
  if (event.type === "settings.changed") {
    loadReference().then(refreshSoon, () => {});
    return;
  }
  if (event.type.startsWith("ticket.") || event.type.startsWith("counter.")) refreshSoon();
}

// ---------------------------------------------------------------------------------------------
// Registration at the counter, with the ticket being served when it is one for registration

async function register() {
  const cur = state.counter && state.counter.current;
  const ticket = cur && cur.service === REGISTRATION_SERVICE && cur.counter === state.number ? cur : null;
  await openRegistration({ ticket, returnTo: "counter.html" });
}

// ---------------------------------------------------------------------------------------------
// Rendering

// An open or paused counter is operated by the staff member who opened it.
function heldByOther(counter) {
  return !!(counter && counter.state !== "closed" && counter.staff && state.user && counter.staff !== state.user.name);
}

function servicesText(ids) {
  return ids.map((id) => serviceName(state.services.get(id)) || id).join(", ");
}

function counterStateText(counter) {
  if (counter.state === "paused") {
    const reason = pauseReasonText(counter);
    return t("counter.state.paused") + (reason ? ": " + reason : "");
  }
  return t("counter.state." + counter.state);
}

// "Loket sedang istirahat: Salat" where the current ticket would be.
function pausedHint(counter) {
  const reason = pauseReasonText(counter);
  return reason ? tf("counter.paused_hint_reason", { reason }) : t("counter.paused_hint");
}

function renderChooser() {
  const list = byId("counter-cards");
  list.replaceChildren();
  for (const c of state.counters) {
    const by = c.staff && c.state !== "closed" ? tf("counter.opened_by", { name: c.staff }) : "";
    list.append(
      el(
        "button",
        {
          type: "button",
          class: "counter-card",
          dataset: { counter: c.number },
          onclick: () => pickCounter(c.number),
          "aria-keyshortcuts": c.number <= 9 ? String(c.number) : null,
        },
        el("span", { class: "name" }, c.name),
        el("span", { class: "services" }, servicesText(c.services)),
        el("span", { class: "pill " + c.state, title: counterStateText(c) }, counterStateText(c)),
        by ? el("span", { class: "services" }, by) : null,
        c.number <= 9 ? el("kbd", { "aria-hidden": "true" }, String(c.number)) : null,
      ),
    );
  }
}

function renderCurrent() {
  const cur = state.counter && state.counter.current;
  const number = byId("cur-number");
  const stateLine = byId("cur-state");
  const facts = byId("cur-facts");
  const note = byId("cur-note");
  if (!cur) {
    const c = state.counter;
    number.className = "big-number none";
    number.textContent = !c
      ? t("counter.not_open_hint")
      : c.state === "open"
        ? t("counter.no_current")
        : c.state === "paused"
          ? pausedHint(c)
          : t("counter.not_open_hint");
    number.title = c && c.state === "paused" ? number.textContent : "";
    stateLine.replaceChildren();
    byId("cur-timer").textContent = "";
    facts.textContent = "";
    note.hidden = true;
    return;
  }
  number.className = "big-number";
  number.textContent = cur.number;
  number.title = "";
  const pieces = [el("span", { class: "pill " + cur.state }, t("ticket.state." + cur.state))];
  if (cur.state === "called") pieces.push(el("span", {}, tf("counter.call_count", { n: cur.call_count })));
  if (cur.priority) pieces.push(el("span", { class: "pill priority" }, priorityText(cur.priority)));
  stateLine.replaceChildren(...pieces);
  const bits = [serviceName(state.services.get(cur.service)) || cur.service];
  if (cur.permit_id) bits.push(state.permits.get(cur.permit_id) || cur.permit_id);
  bits.push(tf("counter.issued_at", { time: formatClock(cur.issued_at) }));
  facts.textContent = bits.join(" · ");
  if (cur.note) {
    note.textContent = t("counter.note") + ": " + cur.note;
    note.hidden = false;
  } else {
    note.hidden = true;
  }
  renderTimer();
}

function renderTimer() {
  const cur = state.counter && state.counter.current;
  const timer = byId("cur-timer");
  if (!cur) {
    timer.textContent = "";
    return;
  }
  const since = cur.state === "serving" ? cur.started_at : cur.called_at;
  const label = cur.state === "serving" ? t("counter.serving_for") : t("counter.called_for");
  timer.textContent = since ? label + " " + formatDuration(serverNow() - since) : "";
}

function renderWaiting() {
  const body = byId("waiting-body");
  body.replaceChildren();
  byId("waiting-count").textContent = String(state.waiting.length);
  if (!state.waiting.length) {
    body.append(el("tr", {}, el("td", { colspan: 4, class: "empty" }, t("counter.nobody_waiting"))));
    return;
  }
  const extra = Math.floor((Date.now() - state.waitingFetchedAt) / 60000);
  for (const w of state.waiting) {
    body.append(
      el(
        "tr",
        { dataset: { ticket: w.number } },
        el(
          "td",
          {},
          el("span", { class: "ticket-no" }, w.number),
          w.priority ? [" ", el("span", { class: "pill priority", title: t("priority.label") }, priorityText(w.priority))] : null,
        ),
        el("td", {}, serviceName(state.services.get(w.service)) || w.service, w.note ? el("div", { class: "permit-cell", title: w.note }, "✎ " + w.note) : null),
        el("td", { title: w.permit_name || "" }, el("span", { class: "permit-text" }, w.permit_name || "–")),
        el("td", { class: "num" }, tf("common.minutes_short", { n: w.waited_minutes + extra })),
      ),
    );
  }
}

function renderStats() {
  const s = state.stats;
  byId("stat-served").textContent = s ? String(s.served) : "–";
  byId("stat-noshow").textContent = s ? String(s.no_shows) : "–";
  byId("stat-average").textContent =
    s && s.average_service_minutes !== null
      ? tf("common.minutes_short", { n: s.average_service_minutes.toLocaleString(loketLang() === "en" ? "en" : "id", { maximumFractionDigits: 1 }) })
      : "–";
}

// Which actions the counter's state allows now.
function allowedActions() {
  const c = state.counter;
  const allowed = new Set();
  if (!c) return allowed;
  const cur = c.current;
  if (c.state === "closed") allowed.add("open");
  if (c.state === "open" && !cur) ["call-next", "call-number", "pause", "close"].forEach((a) => allowed.add(a));
  if (c.state === "paused") ["resume", "close"].forEach((a) => allowed.add(a));
  // Finish from "called" too: the server records the start at the call time.
  if (cur && cur.state === "called") ["recall", "start", "finish", "no-show", "transfer"].forEach((a) => allowed.add(a));
  if (cur && cur.state === "serving") ["finish", "transfer"].forEach((a) => allowed.add(a));
  return allowed;
}

const ACTION_LABELS = {
  "call-next": "action.call_next",
  recall: "action.recall",
  start: "action.start",
  finish: "action.finish",
  "no-show": "action.no_show",
  transfer: "action.transfer",
  "call-number": "action.call_number",
  pause: "action.pause",
  resume: "action.resume",
};

function renderButtons() {
  const other = heldByOther(state.counter);
  const allowed = other ? new Set() : allowedActions();
  const usable = !state.busy && connection.online && state.loaded;
  for (const button of document.querySelectorAll("#actions button")) {
    const action = button.dataset.action;
    button.replaceChildren(el("span", {}, t(ACTION_LABELS[action])), el("kbd", { "aria-hidden": "true" }, button.dataset.key));
    button.setAttribute("aria-keyshortcuts", button.dataset.key);
    button.disabled = !(usable && allowed.has(action));
  }
  const open = byId("btn-open");
  open.replaceChildren(el("span", {}, t("counter.open")), el("kbd", { "aria-hidden": "true" }, open.dataset.key));
  open.setAttribute("aria-keyshortcuts", open.dataset.key);
  open.hidden = !allowed.has("open");
  open.disabled = !usable;
  byId("btn-take-over").hidden = !other;
  byId("btn-take-over").disabled = !usable;
  const holder = byId("counter-holder");
  holder.hidden = !other;
  holder.textContent = other ? tf("takeover.held_by", { name: state.counter.staff }) : "";
  byId("btn-close").hidden = !state.counter || state.counter.state === "closed";
  byId("btn-close").disabled = !(usable && allowed.has("close"));
  byId("btn-change").disabled = state.busy;
}

function renderConsole() {
  const c = state.counter;
  if (!c) return;
  byId("counter-name").textContent = c.name;
  const pill = byId("counter-state");
  pill.className = "pill " + c.state;
  pill.textContent = counterStateText(c);
  pill.title = counterStateText(c);
  byId("counter-services").textContent = servicesText(c.services);
  document.title = c.name + " · " + t("app.name");
  renderCurrent();
  renderWaiting();
  renderStats();
  renderButtons();
  renderPickup();
  const reg = byId("btn-register");
  reg.hidden = !c.services.includes(REGISTRATION_SERVICE) || heldByOther(c);
  const cur = c.current;
  reg.textContent = cur && cur.service === REGISTRATION_SERVICE ? tf("reg.open_ticket", { number: cur.number }) : t("reg.open_no_ticket");
}

function renderAll() {
  applyI18n();
  if (state.number) renderConsole();
  else renderChooser();
  if (lastMessage && !byId("message").hidden) say(lastMessage);
}

// ---------------------------------------------------------------------------------------------
// Actions

// The message line under the buttons. make() builds {kind, text, detail} in the language in
// use, so a language switch can say it again.
let lastMessage = null;
function say(make) {
  lastMessage = make;
  const m = make();
  showMessage(byId("message"), m.kind, m.text, m.detail || "");
}
const sayError = (e) =>
  say(() => {
    const own = ownershipText(e);
    return { kind: "error", text: own || errorText(e), detail: own ? "" : errorDetail(e) };
  });

// Refusals about who operates the counter, naming the holder.
function ownershipText(e) {
  if (!(e instanceof ApiError)) return "";
  const holder = (e.details && e.details.holder && e.details.holder.name) || "";
  if (e.code === "counter_taken_by_other") return tf("takeover.refused_taken", { name: holder });
  if (e.code === "takeover_needs_supervisor") return tf("takeover.refused_logged_in", { name: holder });
  return "";
}

// Runs one server action: every button disabled until it answers (a double click never sends
// two requests), the result applied at once, then a fresh read in the background.
async function act(run, success) {
  if (state.busy) return;
  state.busy = true;
  renderButtons();
  try {
    const result = await run();
    state.actions++;
    applyResult(result);
    say(() => {
      const out = success(result);
      return typeof out === "string" ? { kind: "ok", text: out } : out;
    });
  } catch (e) {
    state.actions++;
    sayError(e);
  } finally {
    state.busy = false;
    renderConsole();
    refreshSoon();
  }
}

// A reply carries the ticket (ticket actions) or the counter (open/pause/...).
function applyResult(result) {
  if (!result || !state.counter) return;
  if ("ticket" in result) {
    const ticket = result.ticket;
    if (!ticket) return;
    if (result.application) setPickup(ticket.id, result.application);
    if ((ticket.state === "called" || ticket.state === "serving") && ticket.counter === state.number) {
      state.counter.current = ticket;
    } else if (state.counter.current && state.counter.current.id === ticket.id) {
      state.counter.current = null;
    }
  } else if (result.number === state.number && result.state) {
    state.counter = result;
  }
}

const post = (path, body) => api.post(`/counters/${state.number}/${path}`, body, { retry: false });

const actions = {
  "call-next": () =>
    act(
      () => post("call-next"),
      (r) => (r.ticket ? tf("msg.called", { number: r.ticket.number }) : { kind: "info", text: t("msg.nobody_waiting") }),
    ),
  recall: () => act(() => post("recall"), (r) => tf("msg.recalled", { number: r.ticket.number, n: r.ticket.call_count })),
  start: () => act(() => post("start"), (r) => tf("msg.started", { number: r.ticket.number })),
  finish: () => act(() => post("finish"), (r) => tf("msg.finished", { number: r.ticket.number })),
  "no-show": () => act(() => post("no-show"), (r) => tf("msg.no_show", { number: r.ticket.number })),
  transfer: async () => {
    const cur = state.counter && state.counter.current;
    if (!cur) return;
    const values = await askDialog(byId("dlg-transfer"), () => {
      byId("dlg-transfer-ticket").textContent = tf("transfer.ticket", { number: cur.number, service: serviceName(state.services.get(cur.service)) });
      const select = byId("transfer-service");
      select.replaceChildren(
        ...[...state.services.values()]
          .filter((s) => s.id !== cur.service)
          .map((s) => el("option", { value: s.id }, serviceName(s) + " (" + s.prefix + ")")),
      );
    });
    if (!values) return;
    const body = { service: values.service };
    if (values.note && values.note.trim()) body.note = values.note.trim();
    await act(
      () => post("transfer", body),
      (r) => tf("msg.transferred", { number: r.ticket.number, service: serviceName(state.services.get(r.ticket.service)) }),
    );
  },
  "call-number": async () => {
    const values = await askDialog(byId("dlg-call-number"));
    if (!values) return;
    const number = values.number.trim().toUpperCase();
    await act(() => post("call", { number }), (r) => tf("msg.called", { number: r.ticket.number }));
  },
  pause: async () => {
    const values = await askDialog(byId("dlg-pause"));
    if (!values) return;
    // Each choice's value is its label's key, "pause.reason.<code>" (the codes of
    // shared/include/domain/loket/pause_reason.hpp); the note is optional whatever the code.
    const code = (values.choice || "pause.reason.break").replace("pause.reason.", "");
    const body = { reason_code: code };
    if ((values.note || "").trim()) body.note = values.note.trim();
    await act(() => post("pause", body), (c) => tf("msg.paused", { reason: pauseReasonText(c) }));
  },
  resume: () => act(() => post("resume"), () => t("msg.resumed")),
  "take-over": async () => {
    const c = state.counter;
    if (!heldByOther(c)) return;
    const confirmed = await askDialog(byId("dlg-take-over"), () => {
      byId("dlg-take-over-text").textContent = tf("takeover.question", { counter: c.name, name: c.staff });
    });
    if (!confirmed) return;
    await act(() => post("take-over"), () => tf("msg.taken_over", { counter: c.name }));
  },
  open: () => act(() => post("open"), () => t("msg.opened")),
  close: () => act(() => post("close"), () => t("msg.closed")),
};

function chooseCounter(number) {
  state.number = number;
  state.counter = null;
  state.loaded = false;
  state.waiting = [];
  state.stats = null;
  state.pickup = null;
  if (number) sessionStorage.setItem(COUNTER_KEY, String(number));
  else sessionStorage.removeItem(COUNTER_KEY);
  byId("chooser").hidden = !!number;
  byId("console").hidden = !number;
  byId("message").hidden = true;
  lastMessage = null;
  if (number) {
    renderButtons();
    return refreshCounter().catch(sayError);
  }
  document.title = t("counter.choose") + " · " + t("app.name");
  return refreshChooser().catch(() => {});
}

// A counter chosen from the list: one someone else operates is taken over only after the
// user confirmed ("Loket 1 sedang dibuka oleh siti. Ambil alih?"); cancelled, it stays read-only.
async function pickCounter(number) {
  await chooseCounter(number);
  if (state.number === number && heldByOther(state.counter)) await actions["take-over"]();
}

function setupKeys() {
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
    if (document.querySelector("dialog[open]")) return;
    const target = e.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
    const key = e.key.length === 1 ? e.key.toUpperCase() : "";
    if (!key) return;
    if (!state.number) {
      // The chooser: a counter's number picks it.
      const card = /^[1-9]$/.test(key) ? document.querySelector(`#counter-cards [data-counter="${key}"]`) : null;
      if (card) {
        e.preventDefault();
        card.click();
      }
      return;
    }
    const open = byId("btn-open");
    const button = document.querySelector(`#actions button[data-key="${key}"]`) || (open.dataset.key === key && !open.hidden ? open : null);
    if (!button) return;
    e.preventDefault();
    if (!button.disabled) button.click();
  });
}

async function init() {
  applyI18n();
  // The banner first: a reload while the server is away shows it at once.
  setupOfflineBanner(() => {
    renderButtons();
    loadReference().catch(() => {});
    refreshSoon();
  });
  state.user = await requireLogin("staff");
  setupHeader(state.user, "counter.html", renderAll);
  connection.addEventListener("down", () => renderButtons());
  for (const button of document.querySelectorAll("#actions button")) {
    button.addEventListener("click", () => actions[button.dataset.action]());
  }
  byId("btn-open").addEventListener("click", () => actions.open());
  byId("btn-take-over").addEventListener("click", () => actions["take-over"]());
  byId("btn-close").addEventListener("click", () => actions.close());
  byId("btn-change").addEventListener("click", () => chooseCounter(null));
  byId("btn-register").addEventListener("click", () => register().catch(sayError));
  byId("pickup-form").addEventListener("submit", submitPickup);
  byId("pickup-form").addEventListener("input", () => {
    byId("pickup-message").hidden = true;
  });
  setupKeys();

  const health = await api.get("/health");
  await loadReference();
  new EventStream({ lastEventId: health.last_event_id, onEvent }).start();
  // This tab's counter, unless it is no longer the user's while another one is: after a new
  // login the console returns to the counter the user still operates.
  const held = state.user.counter;
  const stored = state.number;
  await chooseCounter(stored || held || null);
  const mine = state.counter && state.counter.state !== "closed" && state.counter.staff === state.user.name;
  if (held && !mine && state.number !== held) await chooseCounter(held);
  if (held && stored !== held && state.number === held && state.counter) {
    say(() => ({ kind: "info", text: tf("counter.returned", { counter: state.counter.name }) }));
  }
  setInterval(renderTimer, 500);
  // Minutes waited move on without events; a quiet re-read twice a minute keeps them right.
  setInterval(() => {
    if (connection.online) refreshSoon();
  }, 30000);
}

init().catch((e) => {
  if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) console.error(e);
});
