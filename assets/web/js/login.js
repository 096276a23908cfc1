// Login page: POST /auth/login, keep the token in sessionStorage, go to the role's page.
"use strict";

import { loketLang } from "../i18n.js";
import { api, landingPage, session } from "./api.js";
import { applyI18n, byId, errorText, showMessage, t } from "./ui.js";

const reason = new URLSearchParams(location.search).get("reason");
let officeName = "";

function render() {
  applyI18n();
  document.title = t("login.title");
  byId("lang").textContent = t("lang.switch");
  byId("office").textContent = officeName ? officeName + " · " + t("login.subtitle") : t("login.subtitle");
  const notice = byId("notice");
  const noticeKey = { expired: "login.expired", logout: "login.logged_out" }[reason];
  if (noticeKey) showMessage(notice, reason === "expired" ? "warn" : "info", t(noticeKey));
  else notice.hidden = true;
}

byId("lang").addEventListener("click", () => {
  localStorage.setItem("loket.lang", loketLang() === "id" ? "en" : "id");
  render();
});

byId("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const error = byId("error");
  const submit = byId("submit");
  const username = byId("username").value.trim();
  const password = byId("password").value;
  if (!username || !password) {
    showMessage(error, "error", t("login.missing"));
    (username ? byId("password") : byId("username")).focus();
    return;
  }
  if (submit.disabled) return;
  submit.disabled = true;
  error.hidden = true;
  try {
    const result = await api.post("/auth/login", { username, password }, { retry: false, allow401: true });
    session.save(result);
    location.replace(landingPage(result.user));
  } catch (err) {
    showMessage(error, "error", errorText(err));
    byId("password").select();
    byId("password").focus();
  } finally {
    submit.disabled = false;
  }
});

async function init() {
  render();
  // Already logged in (this tab): straight to the role's page.
  if (session.token && reason !== "expired") {
    try {
      const me = await api.get("/auth/me", { allow401: true, retry: false });
      session.setUser({ name: me.name, role: me.role });
      location.replace(landingPage(me));
      return;
    } catch {
      session.clear();
    }
  }
  byId("username").focus();
  try {
    const office = await api.get("/office", { retry: false });
    officeName = office.name;
    render();
  } catch {
    // the office name is only decoration here
  }
}
init();
