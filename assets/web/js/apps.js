// Shared pieces of the application (berkas) pages: long Indonesian dates ("Senin, 14 Desember
// 2026 pukul 16.00 WITA"), the clock and state labels (always a text label next to the
// colour), error text with the application-specific wording, and idempotency keys.
"use strict";

import { loketLang } from "../i18n.js";
import { ApiError } from "./api.js";
import { errorText, hasText, officeOffsetMinutes, officeZone, t, tf } from "./ui.js";

const MONTHS = {
  id: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};
const WEEKDAYS = {
  id: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};

// "Senin, 14 Desember 2026" / "Monday, 14 December 2026" in the office's time zone, with
// "pukul 16.00 WITA" / "at 16.00 WITA" when withTime (PUEBI: a dot between hours and minutes).
export function formatLongDate(ms, offsetMinutes, zone, language, withTime = true) {
  if (ms === null || ms === undefined) return "–";
  const d = new Date(ms + offsetMinutes * 60000);
  const lang = language === "en" ? "en" : "id";
  const pad = (n) => String(n).padStart(2, "0");
  let text = `${WEEKDAYS[lang][d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (withTime) {
    text += (lang === "en" ? " at " : " pukul ") + pad(d.getUTCHours()) + "." + pad(d.getUTCMinutes());
    if (zone) text += " " + zone;
  }
  return text;
}

// The same with the office's clock as ui.js knows it (after syncClock).
export function officeLongDate(ms, withTime = true) {
  return formatLongDate(ms, officeOffsetMinutes(), officeZone(), loketLang(), withTime);
}

export const CLOCK_STATES = ["on_time", "at_risk", "overdue", "paused", "not_started", "no_standard", "stopped"];
export const APP_STATES = ["in_process", "paused", "completed", "ready", "picked_up"];

export function clockLabel(state) {
  return t("app.clock." + state);
}
export function stateLabel(application) {
  if (application.state === "completed" && application.outcome) return t("app.outcome." + application.outcome);
  return t("app.state." + application.state);
}

// Application refusals have their own wording where the ticket text would mislead
// (invalid_state names a file, not a ticket); everything else as the console says it.
export function appErrorText(error) {
  if (error instanceof ApiError && hasText("err.app." + error.code)) {
    const current = error.details && error.details.current_step;
    return tf("err.app." + error.code, { step: current ?? "" });
  }
  return errorText(error);
}

export function newKey() {
  return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).slice(0, 64);
}

// "3 hari" / "3 days"; "hari ini" when less than one day.
export function ageText(days) {
  return days > 0 ? tf("app.age_days", { n: days }) : t("app.age_today");
}
