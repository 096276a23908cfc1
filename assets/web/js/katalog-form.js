// The catalog editor's form: every field of the catalog format (docs/catalog.schema.json), a
// step's time as a figure and a unit, and lists whose items are added, removed and moved. Each
// change marks the permit unsaved, clears that field's error and asks for a new preview.
"use strict";

import { fieldWords } from "./catalog-text.js";
import { byId, el, t, tf } from "./ui.js";
import { clearError } from "./katalog-errors.js";
import { renderCategories } from "./katalog-list.js";
import { schedulePreview } from "./katalog-preview.js";
import { ACTOR_SOURCES, APPLIES_TO, BASES, BRANCHES, SERVICES, UNITS, state } from "./katalog-state.js";

// A step time that is a figure and a unit ("30 Menit", "3 hari kerja"); anything else is kept
// as the SOP's own wording.
const SIMPLE_TIME = /^\s*(-?\d+)\s+(menit|jam|hari kerja|hari)\s*$/i;

// ---------------------------------------------------------------------------------------------
// Paths into the document: "steps[2].time" -> ["steps", 2, "time"]

function tokens(path) {
  const out = [];
  for (const part of path.split(".")) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (m[1]) out.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

function getPath(obj, path) {
  let node = obj;
  for (const key of tokens(path)) {
    if (node === undefined || node === null) return undefined;
    node = node[key];
  }
  return node;
}

// Sets a value, making the objects on the way; undefined removes the key.
function setPath(obj, path, value) {
  const keys = tokens(path);
  let node = obj;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === undefined || node[key] === null) node[key] = {};
    node = node[key];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

// ---------------------------------------------------------------------------------------------
// The form

function changed(path) {
  state.dirty = true;
  clearError(path);
  schedulePreview();
}

// One field: label, control, the line its error goes to. spec: {path, kind, options, required,
// rows, hint, wide}. kinds: text, textarea, stated (empty = not stated: key removed), optional
// (empty = key removed), number, select, lines (one list entry per line), id.
function field(spec) {
  const id = "f-" + spec.path.replace(/[^a-zA-Z0-9_]+/g, "-");
  const errorId = id + "-error";
  const value = getPath(state.doc, spec.path);
  let control;
  if (spec.kind === "select") {
    control = el(
      "select",
      { id },
      spec.options.map((o) =>
        el("option", { value: o, selected: (value ?? spec.fallback ?? "") === o }, o ? t(spec.words + "." + o.replace(" ", "_")) : t("cat.none")),
      ),
    );
  } else if (spec.kind === "textarea" || spec.kind === "lines") {
    control = el("textarea", { id, rows: spec.rows || 2 });
    control.value = spec.kind === "lines" ? (value || []).join("\n") : value ?? "";
  } else {
    control = el("input", {
      id,
      type: spec.kind === "number" ? "number" : "text",
      inputmode: spec.kind === "number" ? "numeric" : null,
      autocomplete: "off",
      list: spec.datalist || null,
      readonly: spec.kind === "id" && !state.isNew,
    });
    control.value = value ?? "";
  }
  control.dataset.path = spec.path;
  control.setAttribute("aria-describedby", errorId);
  if (spec.required) control.setAttribute("aria-required", "true");
  const read = () => {
    const v = control.value;
    switch (spec.kind) {
      case "stated":
      case "optional":
        return v.trim() === "" ? undefined : v;
      case "number":
        if (v.trim() === "") return undefined;
        return /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v;
      case "select":
        return v === "" || (spec.fallback && v === spec.fallback && getPath(state.doc, spec.path) === undefined) ? undefined : v;
      case "lines":
        return v.split("\n").map((s) => s.trim()).filter(Boolean);
      default:
        return v;
    }
  };
  control.addEventListener(spec.kind === "select" ? "change" : "input", () => {
    setPath(state.doc, spec.path, read());
    if (spec.path.startsWith("contact.")) dropEmptyContact();
    if (spec.path === "name") byId("editor-title").textContent = control.value || t("cat.new_title");
    changed(spec.path);
  });
  // Inside a list item the legend names the item: the label is the field's own word.
  const labelText = fieldWords(spec.path).split(" · ").pop();
  return el(
    "div",
    { class: "field" + (spec.wide ? " wide" : "") },
    el("label", { for: id }, spec.label || labelText, spec.required ? el("span", { class: "req", "aria-hidden": "true" }, " *") : null),
    control,
    spec.hint ? el("span", { class: "muted small" }, t(spec.hint)) : null,
    el("div", { class: "field-error", id: errorId, hidden: true, dataset: { errorFor: spec.path } }),
  );
}

function dropEmptyContact() {
  const c = state.doc.contact;
  if (c && !c.address && !c.phone && !c.fax && !c.source) delete state.doc.contact;
}

// A step's time: a figure and a unit, or the SOP's own wording. What is stored is the text
// (docs/catalog.md: time standards are kept as written); the figure and unit write it.
function stepTime(path) {
  const base = "f-" + path.replace(/[^a-zA-Z0-9_]+/g, "-");
  const errorId = base + "-error";
  const text = getPath(state.doc, path) || "";
  const number = el("input", { id: base + "-value", type: "number", inputmode: "numeric", min: "1", "aria-describedby": errorId });
  const unit = el(
    "select",
    { id: base + "-unit", "aria-describedby": errorId },
    [...UNITS, ""].map((u) => el("option", { value: u }, u ? t("cat.unit." + u.replace(" ", "_")) : t("cat.unit.other"))),
  );
  const words = el("input", { id: base, type: "text", autocomplete: "off", "aria-describedby": errorId });
  words.dataset.path = path;
  number.dataset.pathPart = path;
  unit.dataset.pathPart = path;
  let written = ""; // the unit as the text writes it ("Menit"), kept when only the figure changes
  const fromText = (value) => {
    const m = SIMPLE_TIME.exec(value);
    if (m) {
      number.value = m[1];
      unit.value = m[2].toLowerCase();
      written = m[2];
    } else {
      number.value = "";
      unit.value = "";
      written = "";
    }
  };
  words.value = text;
  fromText(text);
  const write = () => {
    if (unit.value === "") return; // "other": the text field holds the SOP's wording
    const shown = written && written.toLowerCase() === unit.value ? written : unit.value;
    words.value = number.value.trim() === "" ? "" : number.value.trim() + " " + shown;
    setPath(state.doc, path, words.value);
    changed(path);
  };
  number.addEventListener("input", () => {
    if (unit.value === "") unit.value = "menit";
    write();
  });
  unit.addEventListener("change", () => {
    if (unit.value === "") {
      words.focus();
      return;
    }
    written = "";
    write();
  });
  words.addEventListener("input", () => {
    fromText(words.value);
    setPath(state.doc, path, words.value);
    changed(path);
  });
  return el(
    "fieldset",
    { class: "plain cat-time" },
    el("legend", {}, fieldWords(path).split(" · ").pop()),
    el(
      "div",
      { class: "cat-time-row" },
      el("div", { class: "field" }, el("label", { for: number.id }, t("cat.time_value")), number),
      el("div", { class: "field" }, el("label", { for: unit.id }, t("cat.time_unit")), unit),
      el("div", { class: "field grow" }, el("label", { for: words.id }, t("cat.time_text")), words),
    ),
    el("div", { class: "field-error", id: errorId, hidden: true, dataset: { errorFor: path } }),
  );
}

// A list whose items can be added, removed and moved. render(item, path) gives an item's
// controls; blank() a new item.
function listEditor(key, { render, blank, addLabel }) {
  const items = state.doc[key] || [];
  const box = el("div", { class: "cat-list-editor", id: "list-" + key });
  const rerender = (focusSelector) => {
    if (key === "steps") state.doc.steps.forEach((s, i) => (s.number = i + 1));
    box.replaceWith(listEditor(key, { render, blank, addLabel }));
    changed(key);
    if (focusSelector) {
      const target = document.querySelector(focusSelector);
      if (target) target.focus();
    }
  };
  items.forEach((item, i) => {
    const path = key + "[" + i + "]";
    const words = fieldWords(path);
    const move = (to) => {
      const list = state.doc[key];
      [list[i], list[to]] = [list[to], list[i]];
      rerender(`#list-${key} [data-item="${to}"] [data-move="${to < i ? "up" : "down"}"]`);
    };
    const controls = el(
      "div",
      { class: "row-actions cat-item-actions" },
      el("button", { type: "button", dataset: { move: "up" }, disabled: i === 0, "aria-label": tf("cat.move_up", { item: words }), onclick: () => move(i - 1) }, "↑"),
      el("button", { type: "button", dataset: { move: "down" }, disabled: i === items.length - 1, "aria-label": tf("cat.move_down", { item: words }), onclick: () => move(i + 1) }, "↓"),
      el("button", {
        type: "button",
        class: "danger",
        dataset: { remove: "" },
        "aria-label": tf("cat.remove_item", { item: words }),
        onclick: () => {
          state.doc[key].splice(i, 1);
          rerender(`#list-${key} .cat-add`);
        },
      }, t("common.remove")),
    );
    box.append(
      el(
        "fieldset",
        { class: "cat-item", dataset: { item: String(i) } },
        el("legend", {}, words),
        controls,
        render(item, path, i),
        el("div", { class: "field-error", hidden: true, dataset: { errorFor: path } }),
      ),
    );
  });
  box.append(
    el("button", {
      type: "button",
      class: "cat-add",
      onclick: () => {
        if (!state.doc[key]) state.doc[key] = [];
        state.doc[key].push(blank());
        rerender(`#list-${key} [data-item="${state.doc[key].length - 1}"] input, #list-${key} [data-item="${state.doc[key].length - 1}"] textarea`);
      },
    }, addLabel),
  );
  box.append(el("div", { class: "field-error", hidden: true, dataset: { errorFor: key } }));
  return box;
}

// A list of plain texts (legal basis, complaint channels...): one text per item.
function textList(key, rows = 1) {
  return el(
    "div",
    { class: "cat-text-list" },
    el("h4", {}, fieldWords(key)),
    listEditor(key, {
      render: (_item, path) => field({ path, kind: rows > 1 ? "textarea" : "text", rows, label: t("cat.text") }),
      blank: () => "",
      addLabel: tf("cat.add_to", { list: fieldWords(key) }),
    }),
  );
}

function section(key, ...children) {
  return el(
    "section",
    { class: "cat-section", id: "sec-" + key, "aria-labelledby": "sec-" + key + "-title" },
    el("h3", { id: "sec-" + key + "-title" }, t("cat.sec." + key)),
    ...children,
  );
}

function grid(...children) {
  return el("div", { class: "cat-grid" }, ...children);
}

export function renderForm() {
  const form = byId("permit-form");
  form.replaceChildren(
    el("datalist", { id: "category-list" }),
    section(
      "identity",
      grid(
        field({ path: "id", kind: "id", required: true, hint: state.isNew ? "cat.id_hint" : "cat.id_fixed" }),
        field({ path: "name", required: true, wide: true }),
        field({ path: "short_name" }),
        field({ path: "category", kind: "optional", datalist: "category-list", hint: "cat.category_hint" }),
        field({ path: "office", required: true, wide: true }),
        field({ path: "region" }),
        field({ path: "start_service", kind: "select", options: SERVICES, words: "cat.service" }),
        field({ path: "start_service_reason", kind: "textarea", required: true, wide: true }),
      ),
      textList("keywords"),
    ),
    section(
      "sop",
      grid(
        field({ path: "sop.number", required: true }),
        field({ path: "sop.title", wide: true }),
        field({ path: "sop.revision" }),
        field({ path: "sop.created" }),
        field({ path: "sop.revised" }),
        field({ path: "sop.effective" }),
        field({ path: "sop.approved_by", wide: true }),
        field({ path: "source_file" }),
      ),
    ),
    section(
      "requirements",
      listEditor("requirements", {
        render: (_item, path) =>
          grid(
            field({ path: path + ".text", kind: "textarea", required: true, wide: true }),
            field({ path: path + ".applies_to", kind: "select", options: APPLIES_TO, fallback: "semua", words: "cat.applies" }),
            field({ path: path + ".source", required: true, hint: "cat.source_hint" }),
          ),
        blank: () => ({ text: "", source: "" }),
        addLabel: t("cat.add_requirement"),
      }),
    ),
    section(
      "steps",
      listEditor("steps", {
        render: (_item, path) =>
          el(
            "div",
            {},
            grid(
              field({ path: path + ".activity", kind: "textarea", required: true, wide: true }),
              field({ path: path + ".actors", kind: "lines", hint: "cat.lines_hint" }),
              field({ path: path + ".actor_source", kind: "select", options: ACTOR_SOURCES, words: "cat.actor_source" }),
              field({ path: path + ".actor_note", kind: "textarea", wide: true }),
              field({ path: path + ".branch", kind: "select", options: BRANCHES, fallback: "umum", words: "cat.branch" }),
              field({ path: path + ".condition", kind: "optional", hint: "cat.condition_hint" }),
            ),
            stepTime(path + ".time"),
            grid(
              field({ path: path + ".input" }),
              field({ path: path + ".output" }),
              field({ path: path + ".note", kind: "textarea", wide: true }),
            ),
          ),
        blank: () => ({ number: 0, activity: "", actors: [], actor_source: "unmarked", time: "" }),
        addLabel: t("cat.add_step"),
      }),
    ),
    section(
      "service_time",
      grid(
        field({ path: "service_time.basis", kind: "select", options: BASES, words: "cat.basis" }),
        field({ path: "service_time.text", wide: true, hint: "cat.st_text_hint" }),
        field({ path: "service_time.source" }),
        field({ path: "service_time.value", kind: "number" }),
        field({ path: "service_time.unit", kind: "select", options: ["", ...UNITS], words: "cat.unit" }),
        field({ path: "service_time.note", kind: "textarea", wide: true }),
      ),
    ),
    section(
      "cost",
      grid(
        field({ path: "cost", kind: "stated", wide: true, hint: "cat.stated_hint" }),
        field({ path: "cost_source" }),
        field({ path: "cost_note", kind: "textarea", wide: true }),
        field({ path: "product", kind: "stated", wide: true, hint: "cat.stated_hint" }),
        field({ path: "product_source" }),
        field({ path: "validity", kind: "stated", wide: true, hint: "cat.stated_hint" }),
      ),
    ),
    section(
      "service",
      textList("complaint_channels"),
      textList("service_hours"),
      grid(field({ path: "service_hours_source" })),
      textList("facilities"),
      grid(
        field({ path: "contact.address", wide: true }),
        field({ path: "contact.phone" }),
        field({ path: "contact.fax" }),
        field({ path: "contact.source" }),
      ),
      el("div", { class: "field-error", hidden: true, dataset: { errorFor: "contact" } }),
    ),
    section(
      "legal",
      textList("legal_basis", 2),
      el(
        "div",
        { class: "cat-text-list" },
        el("h4", {}, fieldWords("definitions")),
        listEditor("definitions", {
          render: (_item, path) =>
            grid(field({ path: path + ".term", required: true }), field({ path: path + ".text", kind: "textarea", required: true, wide: true })),
          blank: () => ({ term: "", text: "" }),
          addLabel: tf("cat.add_to", { list: fieldWords("definitions") }),
        }),
      ),
    ),
    section(
      "internal",
      textList("executor_qualifications"),
      textList("related_sops"),
      textList("equipment"),
      textList("warnings", 2),
      textList("record_keeping"),
    ),
    el("div", { class: "field-error", hidden: true, dataset: { errorFor: "" } }),
  );
  renderCategories();
}
