// The office settings in the admin page (GET/PUT /settings: office, publication, personal data
// retention, hours, holidays, services, counters), drawn as a form and read back from it.
"use strict";

import { ApiError, api } from "./api.js";
import { byId, el, errorDetail, errorText, lang, showMessage, t, tf } from "./ui.js";
import { clearFieldErrors, showFieldError } from "./admin-field-errors.js";

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const ZONES = ["WIB", "WITA", "WIT"];
// A national holiday or a collective leave day (cuti bersama): both close the office; the SOP
// clock counts neither as a working day (docs/sla.md).
const HOLIDAY_KINDS = ["libur", "cuti_bersama"];

// The settings as last loaded or saved; settingsAvailable is null until asked, false when the
// server has no /settings.
const state = {
  settings: null,
  settingsAvailable: null,
};

// ---------------------------------------------------------------------------------------------
// Office settings

function settingsSay(kind, text, detail) {
  showMessage(byId("settings-message"), kind, text, detail);
}

async function loadSettings() {
  // Until the saved settings arrive the form is inert: what is typed meanwhile would be replaced.
  const form = byId("settings-form");
  form.setAttribute("aria-busy", "true");
  form.inert = true;
  try {
    const settings = await api.get("/settings");
    state.settingsAvailable = true;
    state.settings = settings;
    renderSettings(settings);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
      state.settingsAvailable = false;
      byId("settings-form").hidden = true;
      settingsSay("warn", t("settings.not_available"));
      return;
    }
    settingsSay("error", errorText(e), errorDetail(e));
  } finally {
    form.removeAttribute("aria-busy");
    form.inert = false;
  }
}

// Hours read "08.00-12.00" (PUEBI) on the page; the API takes "08:00-12:00". Either is typed.
const dottedTimes = (range) => String(range).replace(/(\d{2}):(\d{2})/g, "$1.$2");
const colonTimes = (range) => range.replace(/(\d{1,2})\.(\d{2})/g, "$1:$2");

function errorSlot(field) {
  return el("span", { class: "error", dataset: { errorFor: field }, id: "err-" + field.replace(/[^a-z0-9]/gi, "-"), hidden: true });
}

function textField(labelKey, field, value, attrs = {}) {
  const id = "f-" + field.replace(/[^a-z0-9]/gi, "-");
  return el(
    "div",
    { class: "field" },
    el("label", { for: id }, t(labelKey)),
    el("input", { id, value: value ?? "", dataset: { field }, ...attrs }),
    errorSlot(field),
  );
}

function cellInput(field, value, labelText, attrs = {}) {
  return el(
    "td",
    {},
    el("input", { value: value ?? "", dataset: { field }, "aria-label": labelText, ...attrs }),
    errorSlot(field),
  );
}

function removeButton(onclick, labelText) {
  return el("td", {}, el("button", { type: "button", class: "danger", "aria-label": labelText, onclick }, t("common.remove")));
}

function renderSettings(s) {
  const form = byId("settings-form");
  form.hidden = false;
  form.replaceChildren();
  const office = s.office || {};

  // Office
  const zone = el(
    "select",
    { id: "f-office-time_zone", dataset: { field: "office.time_zone" } },
    ZONES.map((z) => el("option", { value: z, selected: z === office.time_zone }, t("zone." + z))),
  );
  form.append(
    el(
      "section",
      { class: "settings-section" },
      el("h3", {}, t("settings.office")),
      el(
        "div",
        { class: "form-row" },
        textField("settings.office_name", "office.name", office.name, { size: 40, required: true }),
        textField("settings.office_short_name", "office.short_name", office.short_name, { size: 24 }),
        textField("settings.office_address", "office.address", office.address, { size: 50 }),
        el("div", { class: "field" }, el("label", { for: "f-office-time_zone" }, t("settings.time_zone")), zone, errorSlot("office.time_zone")),
      ),
    ),
  );

  // Publication: the survey index and the service pledge on the waiting-room screen and kiosk
  const publication = s.publication || {};
  const pledge = (labelKey, field, text) =>
    el(
      "div",
      { class: "field" },
      el("label", { for: "f-" + field.replace(/[^a-z0-9]/gi, "-") }, t(labelKey)),
      el("textarea", { id: "f-" + field.replace(/[^a-z0-9]/gi, "-"), rows: 4, cols: 60, maxlength: 1000, dataset: { field } }, text || ""),
      errorSlot(field),
    );
  form.append(
    el(
      "section",
      { class: "settings-section" },
      el("h3", {}, t("settings.publication")),
      el(
        "div",
        { class: "field" },
        el(
          "label",
          { for: "f-publication-show_ikm", class: "check" },
          el("input", { id: "f-publication-show_ikm", type: "checkbox", checked: publication.show_ikm === true, dataset: { field: "publication.show_ikm" } }),
          " ",
          t("settings.show_ikm"),
        ),
        errorSlot("publication.show_ikm"),
      ),
      pledge("settings.maklumat", "publication.maklumat", publication.maklumat),
      pledge("settings.maklumat_en", "publication.maklumat_en", publication.maklumat_en),
    ),
  );

  // Personal data retention (docs/privacy.md); labels from i18n-privasi.js
  const privacy = s.privacy || {};
  const ranges = { application_phone_days: [1, 365], application_name_days: [30, 3650], complaint_contact_days: [1, 730] };
  form.append(
    el(
      "section",
      { class: "settings-section" },
      el("h3", {}, t("settings.privacy")),
      el(
        "div",
        { class: "form-row" },
        ...Object.entries(ranges).map(([key, [min, max]]) =>
          textField("field.privacy." + key, "privacy." + key, privacy[key], { class: "short", type: "number", min, max }),
        ),
      ),
    ),
  );

  // Hours
  const hours = el("div", { class: "hours-grid" });
  for (const day of WEEKDAYS) {
    const ranges = (s.hours && s.hours[day]) || [];
    const id = "f-hours-" + day;
    hours.append(
      el("label", { for: id }, t("day." + day)),
      el(
        "div",
        {},
        el("input", { id, value: ranges.map(dottedTimes).join(", "), dataset: { field: "hours." + day }, placeholder: t("settings.closed_day") }),
        errorSlot("hours." + day),
      ),
    );
  }
  form.append(el("section", { class: "settings-section" }, el("h3", {}, t("settings.hours")), el("p", { class: "muted" }, t("settings.hours_hint")), hours));

  // Holidays
  const holidays = s.holidays || [];
  const holidayRows = holidays.map((h, i) =>
    el(
      "tr",
      { dataset: { row: i } },
      cellInput(`holidays[${i}].date`, h.date, t("settings.holiday_date"), { type: "date" }),
      cellInput(`holidays[${i}].name`, h.name, t("settings.holiday_name")),
      el(
        "td",
        {},
        el(
          "select",
          { dataset: { field: `holidays[${i}].kind` }, "aria-label": t("settings.holiday_kind") },
          HOLIDAY_KINDS.map((k) => el("option", { value: k, selected: k === (h.kind || "libur") }, t("holiday_kind." + k))),
        ),
        errorSlot(`holidays[${i}].kind`),
      ),
      removeButton(() => editSettings((d) => d.holidays.splice(i, 1)), t("common.remove") + " " + (h.name || "")),
    ),
  );
  form.append(
    el(
      "section",
      { class: "settings-section", dataset: { field: "holidays" } },
      el("h3", {}, t("settings.holidays")),
      el(
        "table",
        { class: "settings-table" },
        el("thead", {}, el("tr", {}, el("th", {}, t("settings.holiday_date")), el("th", {}, t("settings.holiday_name")), el("th", {}, t("settings.holiday_kind")), el("th", {}, ""))),
        el("tbody", { id: "holiday-rows" }, holidayRows),
      ),
      el("button", { type: "button", id: "add-holiday", onclick: () => editSettings((d) => d.holidays.push({ date: "", name: "", kind: "libur" })) }, t("settings.add_holiday")),
      errorSlot("holidays"),
    ),
  );

  // Services
  const services = s.services || [];
  const serviceRows = services.map((sv, i) =>
    el(
      "tr",
      { dataset: { row: i } },
      cellInput(`services[${i}].id`, sv.id, t("settings.service_id"), { size: 14 }),
      cellInput(`services[${i}].name`, sv.name, t("settings.service_name")),
      cellInput(`services[${i}].name_en`, sv.name_en, t("settings.service_name_en")),
      cellInput(`services[${i}].prefix`, sv.prefix, t("settings.service_prefix"), { class: "short", maxlength: 1 }),
      cellInput(`services[${i}].priority_max_in_row`, sv.priority_max_in_row, t("settings.service_priority"), { class: "short", type: "number", min: 1, max: 100 }),
      cellInput(`services[${i}].default_service_minutes`, sv.default_service_minutes, t("settings.service_minutes"), { class: "short", type: "number", min: 1, max: 480 }),
      cellInput(`services[${i}].target_wait_minutes`, sv.target_wait_minutes, t("settings.service_target_wait"), { class: "short", type: "number", min: 1, max: 480 }),
      removeButton(() => editSettings((d) => d.services.splice(i, 1)), t("common.remove") + " " + (sv.name || "")),
    ),
  );
  form.append(
    el(
      "section",
      { class: "settings-section", dataset: { field: "services" } },
      el("h3", {}, t("settings.services")),
      el(
        "table",
        { class: "settings-table" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            ["settings.service_id", "settings.service_name", "settings.service_name_en", "settings.service_prefix", "settings.service_priority", "settings.service_minutes", "settings.service_target_wait"].map((k) => el("th", {}, t(k))),
            el("th", {}, ""),
          ),
        ),
        el("tbody", {}, serviceRows),
      ),
      el(
        "button",
        {
          type: "button",
          id: "add-service",
          onclick: () => editSettings((d) => d.services.push({ id: "", name: "", name_en: "", prefix: "", priority_max_in_row: 3, default_service_minutes: 10, target_wait_minutes: 30 })),
        },
        t("settings.add_service"),
      ),
      errorSlot("services"),
    ),
  );

  // Counters
  const counters = s.counters || [];
  const serviceIds = services.map((sv) => sv.id).filter(Boolean);
  // Checkboxes read the service's name (in the language in use), not its id.
  const serviceLabel = (id) => {
    const sv = services.find((x) => x.id === id);
    const name = sv && (lang() === "en" && sv.name_en ? sv.name_en : sv.name);
    return name ? name + (sv.prefix ? " (" + sv.prefix + ")" : "") : id;
  };
  const counterRows = counters.map((c, i) => {
    const boxes = el(
      "div",
      { class: "choices", dataset: { field: `counters[${i}].services` }, role: "group", "aria-label": t("settings.counter_services") },
      serviceIds.map((id) =>
        el("label", {}, el("input", { type: "checkbox", value: id, checked: (c.services || []).includes(id), dataset: { counterService: i } }), " " + serviceLabel(id)),
      ),
    );
    // The receipt printer is set in the office file (docs/applications.md); kept as it is.
    return el(
      "tr",
      { dataset: { row: i, counterPrinter: c.printer ? JSON.stringify(c.printer) : "" } },
      cellInput(`counters[${i}].number`, c.number, t("settings.counter_number"), { class: "short", type: "number", min: 1, max: 9999 }),
      cellInput(`counters[${i}].name`, c.name, t("settings.counter_name")),
      el("td", {}, boxes, errorSlot(`counters[${i}].services`)),
      removeButton(() => editSettings((d) => d.counters.splice(i, 1)), t("common.remove") + " " + (c.name || "")),
    );
  });
  form.append(
    el(
      "section",
      { class: "settings-section", dataset: { field: "counters" } },
      el("h3", {}, t("settings.counters")),
      el(
        "table",
        { class: "settings-table" },
        el("thead", {}, el("tr", {}, ["settings.counter_number", "settings.counter_name", "settings.counter_services"].map((k) => el("th", {}, t(k))), el("th", {}, ""))),
        el("tbody", {}, counterRows),
      ),
      el(
        "button",
        {
          type: "button",
          id: "add-counter",
          onclick: () =>
            editSettings((d) => {
              const next = d.counters.reduce((m, c) => Math.max(m, Number(c.number) || 0), 0) + 1;
              d.counters.push({ number: next, name: tf("common.counter_n", { n: next }), services: [] });
            }),
        },
        t("settings.add_counter"),
      ),
      errorSlot("counters"),
    ),
  );

  form.append(
    el(
      "div",
      { class: "save-bar" },
      el("button", { type: "submit", class: "primary", id: "save-settings" }, t("settings.save")),
      el("button", { type: "button", id: "reload-settings", onclick: () => loadSettings() }, t("settings.reload")),
    ),
  );
}

// Reads the form back into the settings object the API takes.
function collectSettings() {
  const form = byId("settings-form");
  const value = (field) => {
    const node = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    return node ? node.value.trim() : "";
  };
  const number = (field) => {
    const text = value(field);
    return /^-?\d+$/.test(text) ? Number(text) : text;
  };
  const count = (prefix) => form.querySelectorAll(`[data-field^="${prefix}["][data-field$="].name"]`).length;
  const out = {
    office: { name: value("office.name"), short_name: value("office.short_name"), address: value("office.address"), time_zone: value("office.time_zone") },
    publication: {
      show_ikm: form.querySelector('[data-field="publication.show_ikm"]')?.checked === true,
      maklumat: value("publication.maklumat"),
      maklumat_en: value("publication.maklumat_en"),
    },
    privacy: {
      application_phone_days: number("privacy.application_phone_days"),
      application_name_days: number("privacy.application_name_days"),
      complaint_contact_days: number("privacy.complaint_contact_days"),
    },
    hours: {},
    holidays: [],
    services: [],
    counters: [],
  };
  for (const day of WEEKDAYS) {
    out.hours[day] = value("hours." + day)
      .split(/[,;\s]+/)
      .map((r) => colonTimes(r.trim()))
      .filter(Boolean);
  }
  for (let i = 0; i < count("holidays"); i++) {
    out.holidays.push({ date: value(`holidays[${i}].date`), name: value(`holidays[${i}].name`), kind: value(`holidays[${i}].kind`) || "libur" });
  }
  for (let i = 0; i < count("services"); i++) {
    out.services.push({
      id: value(`services[${i}].id`),
      name: value(`services[${i}].name`),
      name_en: value(`services[${i}].name_en`),
      prefix: value(`services[${i}].prefix`).toUpperCase(),
      priority_max_in_row: number(`services[${i}].priority_max_in_row`),
      default_service_minutes: number(`services[${i}].default_service_minutes`),
      target_wait_minutes: number(`services[${i}].target_wait_minutes`),
    });
  }
  for (let i = 0; i < count("counters"); i++) {
    const boxes = form.querySelectorAll(`input[data-counter-service="${i}"]`);
    const row = form.querySelector(`[data-field="counters[${i}].number"]`).closest("tr");
    const printer = row && row.dataset.counterPrinter ? JSON.parse(row.dataset.counterPrinter) : null;
    out.counters.push({
      number: number(`counters[${i}].number`),
      name: value(`counters[${i}].name`),
      services: [...boxes].filter((b) => b.checked).map((b) => b.value),
      ...(printer ? { printer } : {}),
    });
  }
  return out;
}

// Adds or removes a row: keeps what was typed, changes the draft, draws the form again.
function editSettings(change) {
  const draft = collectSettings();
  change(draft);
  renderSettings(draft);
}

// Asks for the settings when their tab is shown, until the server has answered whether it has
// them.
export function loadSettingsOnce() {
  if (state.settingsAvailable === null) loadSettings();
}

// Draws the settings again in the language now in use, keeping what was typed.
export function rerenderSettings() {
  if (state.settingsAvailable && byId("settings-form").childElementCount) renderSettings(collectSettings());
  else if (state.settingsAvailable === false) settingsSay("warn", t("settings.not_available"));
}

// The form's save; registered once, the form's contents are drawn again on each load.
export function setupSettingsForm() {
  byId("settings-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = byId("settings-form");
    const save = byId("save-settings");
    if (!save || save.disabled) return;
    clearFieldErrors(form);
    const body = collectSettings();
    save.disabled = true;
    try {
      const saved = await api.put("/settings", body, { retry: false });
      state.settings = saved;
      renderSettings(saved);
      settingsSay("ok", t("settings.saved"));
      if (saved.office && saved.office.name) byId("office").textContent = saved.office.name;
    } catch (err) {
      const shown = err instanceof ApiError && err.field ? showFieldError(form, err.field, errorText(err)) : false;
      if (shown) settingsSay("error", t("settings.invalid"), errorText(err));
      else settingsSay("error", errorText(err), errorDetail(err));
    } finally {
      const again = byId("save-settings");
      if (again) again.disabled = false;
    }
  });
}
