// Registration of a file (berkas) at the Pendaftaran counter: a dialog built here so any page
// can open it. The clerk picks the permit and the applicant, marks each requirement that
// applies present or missing (GET /applications/form gives only those), and POST /applications
// records either the registration (the receipt follows) or the incomplete visit (the list of
// what to bring). The answer goes to tanda-terima.html, the printable page, through
// sessionStorage: it carries the applicant's name, so it never goes to localStorage.
"use strict";

import { api } from "./api.js";
import { appErrorText, newKey } from "./apps.js";
import { applyI18n, byId, el, errorDetail, showMessage, t, tf } from "./ui.js";

export const RECEIPT_KEY = "loket.registration";
const LAST_VISIT_KEY = "loket.last_incomplete_visit";

let permitsCache = null;

async function permits() {
  if (!permitsCache) permitsCache = (await api.get("/permits")).permits;
  return permitsCache;
}

function field(id, labelKey, control, hintKey) {
  return el(
    "div",
    { class: "field", id: id + "-field" },
    el("label", { for: id, dataset: { i18n: labelKey } }, t(labelKey)),
    control,
    hintKey ? el("small", { class: "muted", dataset: { i18n: hintKey } }, t(hintKey)) : null,
  );
}

function radio(name, value, labelKey, checked) {
  return el(
    "label",
    {},
    el("input", { type: "radio", name, value, checked: checked || null }),
    " ",
    el("span", { dataset: { i18n: labelKey } }, t(labelKey)),
  );
}

function checkbox(id, name, labelKey) {
  return el(
    "label",
    { class: "check" },
    el("input", { type: "checkbox", id, name }),
    " ",
    el("span", { dataset: { i18n: labelKey } }, t(labelKey)),
  );
}

function buildDialog() {
  const dialog = el(
    "dialog",
    { id: "dlg-register", class: "wide", "aria-labelledby": "reg-title" },
    el(
      "form",
      { method: "dialog", id: "reg-form", novalidate: true },
      el("h2", { id: "reg-title", dataset: { i18n: "reg.title" } }, t("reg.title")),
      el("p", { id: "reg-ticket", class: "muted" }),
      el(
        "div",
        { class: "reg-grid" },
        el(
          "div",
          { class: "reg-col" },
          field("reg-permit", "reg.permit", el("select", { id: "reg-permit", name: "permit_id", required: true })),
          el(
            "fieldset",
            { class: "field plain" },
            el("legend", { dataset: { i18n: "reg.applicant_type" } }, t("reg.applicant_type")),
            el(
              "div",
              { class: "choices" },
              radio("applicant_type", "perorangan", "reg.type.perorangan", true),
              radio("applicant_type", "badan_usaha", "reg.type.badan_usaha", false),
            ),
          ),
          checkbox("reg-proxy", "by_proxy", "reg.by_proxy"),
          field("reg-name", "reg.applicant_name", el("input", { id: "reg-name", name: "applicant_name", maxlength: 200, autocomplete: "off" }), "reg.applicant_name_hint"),
          field("reg-business", "reg.business_name", el("input", { id: "reg-business", name: "business_name", maxlength: 200, autocomplete: "off" })),
          field("reg-phone", "reg.phone", el("input", { id: "reg-phone", name: "phone", maxlength: 32, inputmode: "tel", autocomplete: "off" })),
          el("p", { id: "reg-consent-text", class: "consent" }),
          checkbox("reg-consent", "phone_consent", "reg.consent"),
          field("reg-visit", "reg.visit", el("input", { id: "reg-visit", name: "incomplete_visit_id", inputmode: "numeric", maxlength: 9, autocomplete: "off" }), "reg.visit_hint"),
          field("reg-note", "reg.note", el("textarea", { id: "reg-note", name: "note", maxlength: 1000 })),
        ),
        el(
          "div",
          { class: "reg-col" },
          el(
            "div",
            { class: "reg-check-head" },
            el("h3", { dataset: { i18n: "reg.checklist" } }, t("reg.checklist")),
            el("button", { type: "button", id: "reg-all-present", dataset: { i18n: "reg.all_present" } }, t("reg.all_present")),
          ),
          el("p", { class: "muted", dataset: { i18n: "reg.checklist_hint" } }, t("reg.checklist_hint")),
          el("ol", { id: "reg-checklist", class: "checklist" }),
        ),
      ),
      el("div", { id: "reg-message", class: "message", role: "alert", hidden: true }),
      el(
        "div",
        { class: "actions" },
        el("button", { type: "button", "data-cancel": true, dataset: { i18n: "common.cancel" } }, t("common.cancel")),
        el("button", { type: "submit", class: "primary", id: "reg-submit", dataset: { i18n: "reg.submit" } }, t("reg.submit")),
      ),
    ),
  );
  document.body.append(dialog);
  return dialog;
}

// Opens the form; resolves when the dialog closes. ticket: the ticket being served, or null
// for a file that came by another channel.
export async function openRegistration({ ticket = null, returnTo = location.pathname } = {}) {
  const dialog = byId("dlg-register") || buildDialog();
  const form = byId("reg-form");
  form.reset();
  applyI18n(dialog);
  byId("reg-message").hidden = true;
  byId("reg-ticket").textContent = ticket ? tf("reg.for_ticket", { number: ticket.number }) : t("reg.no_ticket");
  const list = await permits();
  const select = byId("reg-permit");
  select.replaceChildren(
    el("option", { value: "" }, t("reg.choose_permit")),
    ...list.map((p) => el("option", { value: p.id, selected: ticket && ticket.permit_id === p.id ? true : null }, p.name)),
  );
  const last = JSON.parse(sessionStorage.getItem(LAST_VISIT_KEY) || "null");
  const key = newKey(); // one key per filling of the form: a retried submit never registers twice
  let form_ = null; // GET /applications/form for the current choice
  let loading = 0;

  const values = () => ({
    permit: select.value,
    type: form.querySelector('input[name="applicant_type"]:checked').value,
    proxy: byId("reg-proxy").checked,
  });
  const showBusiness = () => {
    byId("reg-business-field").hidden = values().type !== "badan_usaha";
  };
  const loadForm = async () => {
    const v = values();
    showBusiness();
    const box = byId("reg-checklist");
    if (!v.permit) {
      form_ = null;
      box.replaceChildren(el("li", { class: "muted" }, t("reg.choose_permit_first")));
      return;
    }
    if (last && last.permit === v.permit && !byId("reg-visit").value) byId("reg-visit").value = String(last.id);
    const mine = ++loading;
    const data = await api.get(`/applications/form?permit_id=${encodeURIComponent(v.permit)}&applicant_type=${v.type}&by_proxy=${v.proxy}`);
    if (mine !== loading) return;
    form_ = data;
    byId("reg-consent-text").textContent = data.phone_consent_text;
    box.replaceChildren(
      ...data.requirements.map((r) =>
        el(
          "li",
          { dataset: { position: r.position } },
          el("span", { class: "req-text" }, r.text),
          el(
            "span",
            { class: "choices compact", role: "radiogroup", "aria-label": r.text },
            el("label", {}, el("input", { type: "radio", name: "req-" + r.position, value: "1" }), " ", t("reg.present")),
            el("label", {}, el("input", { type: "radio", name: "req-" + r.position, value: "0" }), " ", t("reg.missing")),
          ),
        ),
      ),
    );
  };
  select.onchange = () => loadForm().catch(fail);
  for (const input of form.querySelectorAll('input[name="applicant_type"], #reg-proxy')) input.onchange = () => loadForm().catch(fail);
  byId("reg-all-present").onclick = () => {
    for (const input of form.querySelectorAll('#reg-checklist input[value="1"]')) input.checked = true;
  };
  const fail = (e) => showMessage(byId("reg-message"), "error", appErrorText(e), errorDetail(e));
  const complain = (key_, focus) => {
    showMessage(byId("reg-message"), "error", t(key_));
    if (focus) focus.focus();
  };
  await loadForm().catch(fail);

  return new Promise((resolve) => {
    const finish = (value) => {
      form.onsubmit = null;
      dialog.onclose = null;
      if (dialog.open) dialog.close();
      resolve(value);
    };
    for (const b of dialog.querySelectorAll("[data-cancel]")) b.onclick = () => finish(null);
    dialog.onclose = () => finish(null);
    form.onsubmit = async (e) => {
      e.preventDefault();
      const v = values();
      if (!v.permit || !form_) return complain("reg.need_permit", select);
      const checklist = [];
      for (const r of form_.requirements) {
        const chosen = form.querySelector(`input[name="req-${r.position}"]:checked`);
        if (!chosen) return complain("reg.need_checklist", form.querySelector(`input[name="req-${r.position}"]`));
        checklist.push({ position: r.position, present: chosen.value === "1" });
      }
      const complete = checklist.every((c) => c.present);
      const name = byId("reg-name").value.trim();
      const business = byId("reg-business").value.trim();
      const phone = byId("reg-phone").value.trim();
      if (complete && !name) return complain("reg.need_name", byId("reg-name"));
      if (complete && v.type === "badan_usaha" && !business) return complain("reg.need_business", byId("reg-business"));
      if (phone && !byId("reg-consent").checked) return complain("reg.need_consent", byId("reg-consent"));
      const visit = byId("reg-visit").value.trim();
      if (visit && !/^[0-9]{1,9}$/.test(visit)) return complain("reg.bad_visit", byId("reg-visit"));
      const body = { permit_id: v.permit, applicant_type: v.type, by_proxy: v.proxy, checklist, idempotency_key: key };
      if (complete) body.applicant_name = name;
      if (complete && v.type === "badan_usaha") body.business_name = business;
      if (complete && phone) {
        body.phone = phone;
        body.phone_consent = true;
      }
      if (ticket) body.ticket_id = ticket.id;
      if (complete && visit) body.incomplete_visit_id = Number(visit);
      const note = byId("reg-note").value.trim();
      if (note) body.note = note;
      const submit = byId("reg-submit");
      submit.disabled = true;
      try {
        const result = await api.post("/applications", body, { retry: false });
        if (result.result === "incomplete") {
          sessionStorage.setItem(LAST_VISIT_KEY, JSON.stringify({ id: result.visit.id, permit: v.permit }));
        } else {
          sessionStorage.removeItem(LAST_VISIT_KEY);
        }
        sessionStorage.setItem(RECEIPT_KEY, JSON.stringify({ ...result, return_to: returnTo }));
        finish(result);
        location.href = "tanda-terima.html";
      } catch (err) {
        fail(err);
      } finally {
        submit.disabled = false;
      }
    };
    dialog.showModal();
    select.focus();
  });
}
