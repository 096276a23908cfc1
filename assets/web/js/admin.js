// Admin pages: staff accounts and roles (GET/POST /users, PATCH /users/{name}) and the office
// settings (GET/PUT /settings: office, hours, holidays, services, counters), with the
// server's field errors shown next to the field they name.
// The settings form is admin-settings.js; this module has the users, the tabs and the start.
"use strict";

import "../i18n-privasi.js"; // its texts, before any module uses them
import { ApiError, api, requireLogin } from "./api.js";
import {
  applyI18n, askDialog, byId, el, errorDetail, errorText, formatClock, formatDate, setupHeader, setupOfflineBanner,
  showMessage, syncClock, t, tf,
} from "./ui.js";
import { clearFieldErrors, showFieldError } from "./admin-field-errors.js";
import { loadSettingsOnce, rerenderSettings, setupSettingsForm } from "./admin-settings.js";
import { loadTransportWarning, renderTransportWarning } from "./transport-warning.js";

const state = {
  user: null,
  users: [],
  tab: "users",
};

// ---------------------------------------------------------------------------------------------
// Tabs

function showTab(tab) {
  state.tab = tab;
  for (const name of ["users", "settings"]) {
    byId("tab-" + name).setAttribute("aria-selected", String(name === tab));
    byId("panel-" + name).hidden = name !== tab;
  }
  if (tab === "settings") loadSettingsOnce();
  history.replaceState(null, "", tab === "settings" ? "#settings" : "#users");
}

// ---------------------------------------------------------------------------------------------
// Users

async function loadUsers() {
  const data = await api.get("/users");
  state.users = data.users;
  renderUsers();
}

function usersSay(kind, text, detail) {
  showMessage(byId("users-message"), kind, text, detail);
}

async function patchUser(user, change, successKey) {
  try {
    await api.patch(`/users/${encodeURIComponent(user.name)}`, change, { retry: false });
    usersSay("ok", tf(successKey, { name: user.name }));
  } catch (e) {
    usersSay("error", errorText(e), errorDetail(e));
  }
  await loadUsers().catch(() => {});
}

function renderUsers() {
  const body = byId("users-body");
  body.replaceChildren();
  for (const u of state.users) {
    const self = u.name === state.user.name;
    const role = el(
      "select",
      { "aria-label": tf("users.role_of", { name: u.name }), dataset: { user: u.name }, disabled: self },
      ["staff", "supervisor", "admin"].map((r) => el("option", { value: r, selected: r === u.role }, t("role." + r))),
    );
    role.addEventListener("change", () => confirmRole(u, role));
    const toggle = el(
      "button",
      { type: "button", class: u.disabled ? "" : "danger", disabled: self, dataset: { act: "toggle" } },
      u.disabled ? t("users.enable") : t("users.disable"),
    );
    toggle.addEventListener("click", () =>
      patchUser(u, { disabled: !u.disabled }, u.disabled ? "users.enabled_msg" : "users.disabled_msg"),
    );
    const password = el("button", { type: "button", dataset: { act: "password" } }, t("users.set_password"));
    password.addEventListener("click", () => setPassword(u));
    body.append(
      el(
        "tr",
        { dataset: { user: u.name } },
        el("td", {}, el("strong", {}, u.name), self ? el("span", { class: "muted" }, " (" + t("users.you") + ")") : null),
        el("td", {}, role),
        el("td", {}, el("span", { class: "pill " + (u.disabled ? "closed" : "open") }, u.disabled ? t("users.disabled") : t("users.active"))),
        el("td", {}, formatDate(u.created_at) + " " + formatClock(u.created_at)),
        el("td", {}, el("div", { class: "row-actions" }, password, toggle)),
      ),
    );
  }
}

// A role decides what the account may do: asked before it is saved, put back when declined.
async function confirmRole(u, select) {
  const to = select.value;
  const values = await askDialog(byId("dlg-role"), () => {
    byId("dlg-role-title").textContent = tf("users.role_confirm_title", { name: u.name });
    byId("dlg-role-text").textContent = tf("users.role_confirm_text", {
      name: u.name,
      from: t("role." + u.role),
      to: t("role." + to),
    });
  });
  if (!values) {
    select.value = u.role;
    usersSay("info", tf("users.role_unchanged", { name: u.name }));
    return;
  }
  await patchUser(u, { role: to }, "users.role_saved");
}

async function setPassword(u) {
  const dialog = byId("dlg-password");
  const values = await askDialog(dialog, () => {
    byId("dlg-password-title").textContent = tf("users.password_for", { name: u.name });
  });
  if (!values) return;
  await patchUser(u, { password: values.password }, "users.password_saved");
}

byId("add-user").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  clearFieldErrors(form);
  const submit = byId("add-user-submit");
  if (submit.disabled) return;
  const body = {
    name: form.elements.name.value.trim(),
    role: form.elements.role.value,
    password: form.elements.password.value,
  };
  for (const key of ["name", "password"]) {
    if (!body[key]) {
      showFieldError(form, key, t("form.required"));
      return;
    }
  }
  submit.disabled = true;
  try {
    await api.post("/users", body, { retry: false });
    usersSay("ok", tf("users.added", { name: body.name, role: t("role." + body.role) }));
    form.reset();
    await loadUsers();
  } catch (err) {
    const shown = err instanceof ApiError && err.field && showFieldError(form, err.field, errorText(err));
    usersSay("error", errorText(err), shown ? "" : errorDetail(err));
  } finally {
    submit.disabled = false;
  }
});

// The settings form's save (admin-settings.js), registered as the page loads like the one above.
setupSettingsForm();

// ---------------------------------------------------------------------------------------------

function renderAll() {
  applyI18n();
  document.title = t("nav.admin") + " · " + t("app.name");
  renderUsers();
  renderTransportWarning();
  rerenderSettings();
}

async function init() {
  applyI18n();
  document.title = t("nav.admin") + " · " + t("app.name");
  setupOfflineBanner(() => {
    if (state.user) loadUsers().catch(() => {});
  });
  state.user = await requireLogin("admin");
  setupHeader(state.user, "admin.html", renderAll);
  byId("tab-users").addEventListener("click", () => showTab("users"));
  byId("tab-settings").addEventListener("click", () => showTab("settings"));
  const office = await api.get("/office").catch(() => null);
  if (office) {
    syncClock(office);
    byId("office").textContent = office.name;
  }
  loadTransportWarning();
  await loadUsers();
  showTab(location.hash === "#settings" ? "settings" : "users");
}

init().catch((e) => {
  if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) console.error(e);
});
