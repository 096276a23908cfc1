// The catalog editor's preview: the permit as the kiosk shows it (the GET /permits/{id} form,
// from POST /catalog/preview), refreshed as the user types.
"use strict";

import { ApiError, api } from "./api.js";
import { catalogErrorText } from "./catalog-text.js";
import { byId, coalesce, el, showMessage, t, tf } from "./ui.js";
import { showFieldError } from "./katalog-errors.js";
import { APPLIES_TO, state } from "./katalog-state.js";

export const schedulePreview = coalesce(updatePreview, 400);

async function updatePreview() {
  const seq = ++state.previewSeq;
  const stateLine = byId("preview-state");
  try {
    const data = await api.post("/catalog/preview", { permit: state.doc }, { retry: false });
    if (seq !== state.previewSeq) return;
    renderPreview(data.preview);
    stateLine.textContent = t("cat.preview_ok");
    stateLine.className = "small ok-text";
    showMessage(byId("preview-message"), "info", "");
  } catch (e) {
    if (seq !== state.previewSeq) return;
    const text = catalogErrorText(e);
    stateLine.textContent = tf("cat.preview_bad", { error: text });
    stateLine.className = "small bad-text";
    showMessage(byId("preview-message"), "error", tf("cat.preview_stale", { error: text }));
    // Shown at the field as the user types, without taking the focus away.
    if (e instanceof ApiError && e.status === 400) showFieldError(e, { focus: false });
  }
}

function minutesText(n) {
  if (n >= 60 && n % 60 === 0) return tf("cat.pv.hours", { n: n / 60 });
  return tf("cat.pv.minutes", { n });
}

function totalsText(tot) {
  if (!tot) return "";
  const parts = [];
  if (tot.minutes) parts.push(minutesText(tot.minutes));
  if (tot.days) parts.push(tf("cat.pv.days", { n: tot.days }));
  if (tot.working_days) parts.push(tf("cat.pv.working_days", { n: tot.working_days }));
  return parts.join(" + ") || t("cat.pv.no_total");
}

export function renderPreview(p) {
  const box = byId("preview");
  if (!p) {
    box.replaceChildren();
    return;
  }
  const dl = (...rows) =>
    el("dl", { class: "facts-list" }, ...rows.filter(Boolean).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const notStated = t("cat.pv.not_stated");
  const stepItem = (s) =>
    el(
      "li",
      { value: String(s.number), dataset: { step: String(s.number) } },
      el("span", { class: "cat-pv-activity" }, s.activity),
      el(
        "span",
        { class: "cat-pv-step-facts" },
        s.actors.length ? s.actors.join(", ") : t("cat.pv.no_actor"),
        s.time.text ? " · " + s.time.text : "",
      ),
      s.condition ? el("span", { class: "cat-pv-note" }, tf("cat.pv.condition", { text: s.condition })) : null,
      s.note ? el("span", { class: "cat-pv-note" }, s.note) : null,
    );
  const steps = (branch) => p.steps.filter((s) => s.branch === branch);
  const requirementGroups = APPLIES_TO.map((a) => [a, p.requirements.filter((r) => r.applies_to === a)]).filter(([, list]) => list.length);
  const st = p.service_time;
  const serviceTime =
    st.basis === "stated"
      ? st.text + (st.value ? " (" + st.value + " " + t("cat.unit." + st.unit.replace(" ", "_")) + ")" : "")
      : st.basis === "step_sum"
        ? tf("cat.pv.step_sum", { value: st.value + " " + t("cat.unit." + st.unit.replace(" ", "_")) })
        : t("cat.pv.time_not_stated");
  box.replaceChildren(
    el("header", { class: "cat-pv-head" },
      el("h3", { id: "pv-name" }, p.name, p.short_name && p.short_name !== p.name ? " (" + p.short_name + ")" : ""),
      el("p", { class: "muted" }, [p.category || t("cat.category_none"), p.office].filter(Boolean).join(" · ")),
    ),
    el("h4", {}, tf("cat.pv.requirements", { n: p.requirements.length })),
    ...requirementGroups.map(([a, list]) =>
      el("div", { class: "cat-pv-group" },
        el("h5", {}, t("cat.pv.applies." + a)),
        el("ol", { id: "pv-req-" + a }, ...list.map((r) => el("li", {}, r.text)))),
    ),
    el("h4", {}, t("cat.pv.procedure")),
    el("ol", { class: "cat-pv-steps", id: "pv-steps-umum" }, ...steps("umum").map(stepItem)),
    ...["disetujui", "ditolak"].filter((b) => steps(b).length).map((b) =>
      el("div", { class: "cat-pv-group" }, el("h5", {}, t("cat.pv.branch." + b)), el("ol", { class: "cat-pv-steps", id: "pv-steps-" + b }, ...steps(b).map(stepItem))),
    ),
    dl(
      [t("cat.pv.service_time"), el("span", { id: "pv-service-time" }, serviceTime, st.note ? el("span", { class: "cat-pv-note" }, st.note) : null)],
      [t("cat.pv.step_total"), el("span", { id: "pv-total" }, totalsText(p.step_totals.disetujui),
        p.step_totals.ditolak ? el("span", { class: "cat-pv-note" }, tf("cat.pv.rejected_total", { total: totalsText(p.step_totals.ditolak) })) : null)],
      [t("cat.pv.cost"), el("span", {}, p.cost ?? notStated, p.cost_note ? el("span", { class: "cat-pv-note" }, p.cost_note) : null)],
      [t("cat.pv.product"), p.product ?? notStated],
      [t("cat.pv.validity"), p.validity ?? notStated],
      [t("cat.pv.complaints"), p.complaint_channels.length ? el("ul", {}, ...p.complaint_channels.map((c) => el("li", {}, c))) : notStated],
      p.service_hours.length ? [t("cat.pv.hours_open"), el("ul", {}, ...p.service_hours.map((h) => el("li", {}, h)))] : null,
      p.contact ? [t("cat.pv.contact"), [p.contact.address, p.contact.phone && "Telp. " + p.contact.phone, p.contact.fax && "Fax " + p.contact.fax].filter(Boolean).join(" · ")] : null,
      p.facilities.length ? [t("cat.pv.facilities"), p.facilities.join("; ")] : null,
      [t("cat.pv.start"), t("cat.service." + p.start_service)],
      p.legal_basis.length ? [t("cat.pv.legal_basis"), el("ol", {}, ...p.legal_basis.map((l) => el("li", { class: "pre-line" }, l)))] : null,
      [t("cat.pv.source"), [p.sop.number, p.sop.created || p.sop.effective].filter(Boolean).join(" · ")],
    ),
  );
}
