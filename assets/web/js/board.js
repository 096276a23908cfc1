// Back-office work board (papan-berkas.html): open files by current step, with age, due date
// and the SOP clock (colour and a text label), filters by permit, duty, person and clock state,
// and a file's details (steps history, clock, pauses) with the actions on its current step:
// done, returned, rejected, pause / resume, take it, mark ready. Kept live by application.*
// events.
"use strict";

import { ApiError, api, connection, requireLogin, roleAtLeast } from "./api.js";
import { CLOCK_STATES, ageText, appErrorText, clockLabel, newKey, officeLongDate, stateLabel } from "./apps.js";
import { openRegistration } from "./register.js";
import { EventStream } from "./sse.js";
import {
  applyI18n, askDialog, byId, coalesce, el, errorDetail, formatClock, setupHeader, setupOfflineBanner,
  showMessage, syncClock, t, tf,
} from "./ui.js";

const state = {
  user: null,
  duties: [], // [{id, name, stage, stage_en}]
  myDuties: new Set(),
  permits: [],
  board: null, // GET /applications
  open: null, // the file shown in the dialog (details)
  busy: false,
};

// ---------------------------------------------------------------------------------------------
// Data

function query() {
  const q = new URLSearchParams({ limit: "500" });
  const permit = byId("f-permit").value;
  const duty = byId("f-duty").value;
  const assignee = byId("f-mine").checked ? state.user.name : byId("f-assignee").value;
  const clock = byId("f-clock").value;
  if (permit) q.set("permit", permit);
  if (duty) q.set("duty", duty);
  if (assignee) q.set("assignee", assignee);
  if (clock) q.set("clock", clock);
  return q.toString();
}

async function refresh() {
  const board = await api.get("/applications?" + query());
  state.board = board;
  if (board.duties && board.duties.length) state.duties = board.duties;
  render();
}
const refreshSoon = coalesce(refresh, 150);

async function reloadOpen() {
  if (!state.open) return;
  state.open = await api.get(`/applications/${state.open.id}`);
  renderFile();
}
const reloadOpenSoon = coalesce(reloadOpen, 150);

function onEvent(event) {
  if (!event.type.startsWith("application.")) return;
  refreshSoon();
  const app = event.payload && event.payload.application;
  if (state.open && app && app.id === state.open.id && !state.busy) reloadOpenSoon();
}

// ---------------------------------------------------------------------------------------------
// Rendering

function dutyName(id) {
  const d = state.duties.find((x) => x.id === id);
  return d ? d.name : id || "–";
}

function clockPill(clock) {
  const s = clock ? clock.state : "no_standard";
  return el("span", { class: "pill clock-" + s }, clockLabel(s));
}

function fillSelect(select, options, keep) {
  const before = keep ? select.value : "";
  select.replaceChildren(...options.map(([value, label]) => el("option", { value }, label)));
  if (options.some(([v]) => v === before)) select.value = before;
}

function renderFilters() {
  fillSelect(byId("f-permit"), [["", t("board.all")], ...state.permits.map((p) => [p.id, p.short_name || p.name])], true);
  fillSelect(byId("f-duty"), [["", t("board.all")], ...state.duties.map((d) => [d.id, d.name])], true);
  const people = new Set([state.user.name]);
  for (const a of (state.board && state.board.applications) || []) if (a.assignee) people.add(a.assignee);
  const assignee = byId("f-assignee");
  fillSelect(assignee, [["", t("board.all")], ...[...people].sort().map((n) => [n, n])], true);
  fillSelect(byId("f-clock"), [["", t("board.all")], ...CLOCK_STATES.filter((s) => s !== "stopped").map((s) => [s, clockLabel(s)])], true);
}

function groupKey(a) {
  if (a.state === "completed" || a.state === "ready") return "9-" + a.state;
  return `1-${a.permit.id}-${a.step ? a.step.branch + "-" + String(a.step.number).padStart(3, "0") : ""}`;
}

function groupTitle(a) {
  if (a.state === "completed") return t("board.group.completed");
  if (a.state === "ready") return t("board.group.ready");
  const step = a.step;
  return tf("board.group.step", { permit: a.permit.name, number: step ? step.number : "–" });
}

function render() {
  renderFilters();
  const board = state.board;
  if (!board) return;
  const summary = byId("clock-summary");
  summary.replaceChildren(
    ...CLOCK_STATES.filter((s) => s !== "stopped").map((s) =>
      el("span", { class: "pill clock-" + s }, clockLabel(s) + ": " + (board.clocks[s] || 0)),
    ),
    el("span", { class: "muted" }, tf("board.total", { n: board.total })),
  );
  const body = byId("board-body");
  body.replaceChildren();
  if (!board.applications.length) {
    body.append(el("tr", {}, el("td", { colspan: 7, class: "empty" }, t("board.empty"))));
    return;
  }
  const groups = new Map();
  for (const a of board.applications) {
    const key = groupKey(a);
    if (!groups.has(key)) groups.set(key, { title: groupTitle(a), rows: [] });
    groups.get(key).rows.push(a);
  }
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key);
    const activity = g.rows[0].step && g.rows[0].state !== "completed" && g.rows[0].state !== "ready" ? g.rows[0].step.activity : "";
    body.append(
      el(
        "tr",
        { class: "group-row" },
        el(
          "th",
          { colspan: 7, scope: "rowgroup", title: activity || null },
          el("span", { class: "group-title" }, g.title + " (" + g.rows.length + ")"),
          activity ? el("span", { class: "clamp-2 group-activity" }, activity) : null,
        ),
      ),
    );
    for (const a of g.rows) {
      body.append(
        el(
          "tr",
          { class: "app-row clock-row-" + (a.clock ? a.clock.state : ""), dataset: { id: a.id, number: a.number } },
          el("td", {}, el("button", { type: "button", class: "link-button", onclick: () => openFile(a.id) }, a.number)),
          el("td", {}, el("span", { class: "permit-text" }, a.permit.name), a.business_name ? el("div", { class: "muted small" }, a.business_name) : null),
          el("td", {}, a.step ? a.step.duty_name || dutyName(a.step.duty) : stateLabel(a)),
          el("td", {}, a.assignee || "–"),
          el("td", { class: "num" }, ageText(a.age_days)),
          el("td", {}, a.clock && a.clock.due ? officeLongDate(a.clock.due) : "–"),
          el("td", {}, clockPill(a.clock), a.state === "paused" ? el("div", { class: "muted small" }, stateLabel(a)) : null),
        ),
      );
    }
  }
}

function fact(label, value) {
  return [el("dt", {}, label), el("dd", {}, value === null || value === undefined || value === "" ? "–" : value)];
}

function stepActivity(app, number, branch) {
  const w = app.workflow.find((s) => s.number === number && s.branch === branch);
  return w ? w.activity : "";
}

function renderFile() {
  const a = state.open;
  if (!a) return;
  byId("file-title").textContent = tf("file.title", { number: a.number });
  const step = a.step;
  const clock = a.clock || {};
  const facts = byId("file-facts");
  facts.replaceChildren(
    ...fact(t("file.permit"), a.permit.name),
    ...fact(t("file.applicant"), a.applicant ? a.applicant.name : ""),
    ...(a.business_name ? fact(t("file.business"), a.business_name) : []),
    ...fact(t("file.type"), t("reg.type." + a.applicant_type) + (a.by_proxy ? " · " + t("file.proxy") : "")),
    ...fact(t("file.state"), stateLabel(a)),
    ...fact(t("file.step"), step ? el("span", { title: step.activity }, tf("file.step_text", { number: step.number, position: step.index + 1, total: a.steps_total }), el("span", { class: "clamp-3 activity" }, step.activity)) : "–"),
    ...fact(t("file.duty"), step ? step.duty_name || dutyName(step.duty) : "–"),
    ...fact(t("file.assignee"), a.assignee || "–"),
    ...fact(t("file.registered"), officeLongDate(a.registered_at) + " · " + a.registered_by),
    ...fact(t("file.clock"), el("span", {}, clockPill(clock), clock.standard ? " " + tf("file.standard", { amount: clock.standard.amount, unit: clock.standard.unit }) : "")),
    ...fact(t("file.due"), clock.due ? officeLongDate(clock.due) : "–"),
    ...fact(t("file.used"), clock.used_share !== null && clock.used_share !== undefined ? Math.round(clock.used_share * 100) + " %" : "–"),
    ...fact(t("file.needed"), a.needed || ""),
  );
  const steps = byId("file-steps");
  steps.replaceChildren(
    ...a.steps.map((s) =>
      el(
        "tr",
        {},
        el("td", { title: stepActivity(a, s.number, s.branch) }, el("strong", {}, String(s.number)), el("span", { class: "clamp-2" }, stepActivity(a, s.number, s.branch))),
        el("td", {}, officeLongDate(s.started_at, false) + " " + formatClock(s.started_at)),
        el("td", {}, s.action ? t("file.action." + s.action) : t("file.action.current"), s.note ? el("div", { class: "muted small" }, s.note) : null),
        el("td", {}, s.by || "–"),
      ),
    ),
  );
  const pauses = byId("file-pauses");
  pauses.replaceChildren(
    ...(a.pauses.length
      ? a.pauses.map((p) =>
          el(
            "li",
            {},
            el("strong", {}, t("app.pause." + p.reason)),
            " · " + officeLongDate(p.from) + (p.until ? " – " + officeLongDate(p.until) : " · " + t("file.pause_open")),
            p.note ? el("div", { class: "muted small" }, p.note) : null,
          ),
        )
      : [el("li", { class: "muted" }, t("file.no_pauses"))]),
  );
  renderFileActions();
}

function mayAct(a) {
  return roleAtLeast(state.user, "supervisor") || (a.step && state.myDuties.has(a.step.duty));
}

function renderFileActions() {
  const a = state.open;
  const box = byId("file-actions");
  box.replaceChildren();
  const button = (key, action, cls = "") =>
    el("button", { type: "button", class: cls, dataset: { act: action }, disabled: state.busy || !connection.online ? true : null, onclick: () => actions[action]() }, t(key));
  if (a.state === "in_process" && a.step) {
    if (!mayAct(a)) box.append(el("p", { class: "muted" }, tf("file.not_your_duty", { duty: a.step.duty_name || dutyName(a.step.duty) })));
    box.append(button("file.done", "done", "primary"), button("file.returned", "returned"));
    if (a.step.branch !== "ditolak") box.append(button("file.rejected", "rejected", "danger"));
    box.append(button("file.pause", "pause"));
    if (a.assignee !== state.user.name) box.append(button("file.assign_me", "assign"));
  } else if (a.state === "paused") {
    box.append(button("file.resume", "resume", "primary"));
  } else if (a.state === "completed") {
    box.append(button("file.ready", "ready", "primary"));
  } else if (a.state === "ready") {
    box.append(el("p", { class: "muted" }, t("file.waiting_pickup")));
  }
}

// ---------------------------------------------------------------------------------------------
// Actions

function say(kind, text, detail = "") {
  showMessage(byId("file-message"), kind, text, detail);
}

async function act(path, body, success) {
  if (state.busy || !state.open) return;
  state.busy = true;
  renderFileActions();
  const id = state.open.id;
  try {
    const r = await api.post(`/applications/${id}/${path}`, { ...body, idempotency_key: newKey() }, { retry: false });
    say("ok", success(r.application));
    state.open = await api.get(`/applications/${id}`);
  } catch (e) {
    say("error", appErrorText(e), errorDetail(e));
    if (e instanceof ApiError && e.status === 409) state.open = await api.get(`/applications/${id}`).catch(() => state.open);
  } finally {
    state.busy = false;
    renderFile();
    refreshSoon();
  }
}

async function noteFor(titleKey, labelKey, confirmKey) {
  const dialog = byId("dlg-step-note");
  return askDialog(dialog, () => {
    byId("step-note-title").textContent = t(titleKey);
    byId("step-note-label").textContent = t(labelKey);
    byId("step-note-confirm").textContent = t(confirmKey);
  });
}

const actions = {
  done: () => act("steps", { step: state.open.step.number, action: "done" }, (a) => tf("file.msg.done", { number: a.number })),
  returned: async () => {
    const v = await noteFor("file.returned_title", "file.returned_note", "file.returned");
    if (!v) return;
    await act("steps", { step: state.open.step.number, action: "returned", note: v.note.trim() }, (a) => tf("file.msg.returned", { number: a.number }));
  },
  rejected: async () => {
    const v = await noteFor("file.rejected_title", "file.rejected_note", "file.rejected");
    if (!v) return;
    await act("steps", { step: state.open.step.number, action: "rejected", note: v.note.trim() }, (a) => tf("file.msg.rejected", { number: a.number }));
  },
  pause: async () => {
    const v = await askDialog(byId("dlg-app-pause"));
    if (!v) return;
    const body = { reason: v.reason };
    if (v.note && v.note.trim()) body.note = v.note.trim();
    await act("pause", body, (a) => tf("file.msg.paused", { number: a.number }));
  },
  resume: () => act("resume", {}, (a) => tf("file.msg.resumed", { number: a.number })),
  assign: async () => {
    if (state.busy || !state.open) return;
    state.busy = true;
    const id = state.open.id;
    try {
      const r = await api.post(`/applications/${id}/assign`, { assignee: state.user.name }, { retry: false });
      say("ok", tf("file.msg.assigned", { number: r.application.number }));
      state.open = await api.get(`/applications/${id}`);
    } catch (e) {
      say("error", appErrorText(e), errorDetail(e));
    } finally {
      state.busy = false;
      renderFile();
      refreshSoon();
    }
  },
  ready: () => act("ready", {}, (a) => tf("file.msg.ready", { number: a.number })),
};

async function openFile(id) {
  byId("file-message").hidden = true;
  try {
    state.open = await api.get(`/applications/${id}`);
  } catch (e) {
    showMessage(byId("board-message"), "error", appErrorText(e), errorDetail(e));
    return;
  }
  renderFile();
  const dialog = byId("dlg-file");
  if (!dialog.open) dialog.showModal();
}

function renderAll() {
  applyI18n();
  render();
  if (state.open) renderFile();
}

async function init() {
  applyI18n();
  setupOfflineBanner(() => refreshSoon());
  state.user = await requireLogin("staff");
  setupHeader(state.user, "papan-berkas.html", renderAll);
  document.title = t("board.title") + " · " + t("app.name");
  const [office, permits, users] = await Promise.all([
    api.get("/office"),
    api.get("/permits"),
    api.get("/auth/me"),
  ]);
  syncClock(office);
  byId("office").textContent = office.name;
  state.permits = permits.permits;
  state.myDuties = new Set(users.duties || []);
  for (const id of ["f-permit", "f-duty", "f-assignee", "f-clock", "f-mine"]) byId(id).addEventListener("change", () => refreshSoon());
  byId("file-close").addEventListener("click", () => byId("dlg-file").close());
  byId("dlg-file").addEventListener("close", () => {
    state.open = null;
  });
  byId("btn-register").addEventListener("click", () => openRegistration({ returnTo: "papan-berkas.html" }).catch(() => {}));
  const health = await api.get("/health");
  new EventStream({ lastEventId: health.last_event_id, onEvent }).start();
  await refresh();
  const wanted = new URLSearchParams(location.search).get("id");
  if (wanted && /^[0-9]+$/.test(wanted)) await openFile(Number(wanted));
  // Ages and due dates move on without events.
  setInterval(() => {
    if (connection.online) refreshSoon();
  }, 60000);
}

init().catch((e) => {
  if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) console.error(e);
});
