// The counter console's pickup of a finished file: the call reply carries the file linked to a
// pickup ticket; after a reload the ready file holding this ticket is found on the board.
"use strict";

import { api } from "./api.js";
import { appErrorText, newKey, stateLabel } from "./apps.js";
import { byId, errorDetail, showMessage, t, tf } from "./ui.js";
import { state } from "./counter-state.js";

// The service of collecting finished files (office settings: [applications] pickup_service,
// "pengambilan" unless changed).
const PICKUP_SERVICE = "pengambilan";

export async function findPickupApplication() {
  const cur = state.counter && state.counter.current;
  if (!cur || cur.service !== PICKUP_SERVICE) {
    if (state.pickup) {
      state.pickup = null;
      renderPickup();
    }
    return;
  }
  if (state.pickup && state.pickup.ticketId === cur.id) return;
  const board = await api.get("/applications?state=ready&limit=500");
  const found = board.applications.find((a) => a.pickup_ticket_id === cur.id);
  if (!found) return;
  const details = await api.get(`/applications/${found.id}`);
  const now = state.counter && state.counter.current;
  if (!now || now.id !== cur.id) return;
  setPickup(cur.id, details);
}

export function setPickup(ticketId, application) {
  const same = state.pickup && state.pickup.ticketId === ticketId;
  state.pickup = { ticketId, application, done: same ? state.pickup.done : false, key: same ? state.pickup.key : newKey() };
  if (!same) {
    byId("pickup-form").reset();
    byId("pickup-message").hidden = true;
  }
  renderPickup();
}

export function renderPickup() {
  const panel = byId("pickup-panel");
  const p = state.pickup;
  const cur = state.counter && state.counter.current;
  panel.hidden = !p || !cur || cur.id !== p.ticketId;
  if (panel.hidden) return;
  const a = p.application;
  byId("pickup-number").textContent = a.number;
  byId("pickup-permit").textContent = a.permit.name;
  const applicant = a.applicant ? a.applicant.name : "";
  byId("pickup-applicant").textContent = a.business_name ? applicant + " · " + a.business_name : applicant;
  byId("pickup-state").textContent = stateLabel(a);
  const closed = p.done || a.state === "picked_up";
  byId("pickup-form").hidden = closed;
}

export async function submitPickup(e) {
  e.preventDefault();
  const p = state.pickup;
  if (!p || p.done) return;
  const receiver = byId("pickup-receiver").value.trim();
  const box = byId("pickup-message");
  if (!receiver) {
    showMessage(box, "error", t("pickup.need_receiver"));
    byId("pickup-receiver").focus();
    return;
  }
  if (!byId("pickup-id-checked").checked) {
    showMessage(box, "error", t("pickup.need_id"));
    byId("pickup-id-checked").focus();
    return;
  }
  const extra = byId("pickup-note").value.trim();
  const note = t("pickup.note_id_checked") + (extra ? " " + extra : "");
  byId("pickup-submit").disabled = true;
  try {
    const r = await api.post(`/applications/${p.application.id}/pickup`, { received_by: receiver, note, idempotency_key: p.key }, { retry: false });
    p.done = true;
    p.application = { ...p.application, ...r.application };
    renderPickup();
    showMessage(box, "ok", tf("pickup.done", { number: r.application.number, name: receiver }));
  } catch (err) {
    showMessage(box, "error", appErrorText(err), errorDetail(err));
  } finally {
    byId("pickup-submit").disabled = false;
  }
}
