// The public status page of a file (berkas.html?nomor=...&token=...), reached from the
// receipt's QR code: number, permit, stage in plain words, due date and what the applicant
// must do. No login and no personal data (the server's public view has none).
"use strict";

import { loketLang, t } from "../i18n.js";
import { formatLongDate } from "./apps.js";

const params = new URLSearchParams(location.search);
const number = (params.get("nomor") || "").trim();
const token = (params.get("token") || "").trim().toLowerCase();
let last = null;
let office = null;
let messageKey = "";

const $ = (id) => document.getElementById(id);
const lang = () => loketLang();

function longDate(ms) {
  return formatLongDate(ms, office ? office.utc_offset_minutes : 7 * 60, office ? office.time_zone : "", lang());
}

function render() {
  document.documentElement.lang = lang();
  document.title = t("pub.title");
  $("title").textContent = t("pub.title");
  $("lang").textContent = t("lang.switch");
  $("complaint").textContent = t("status.complaint");
  $("message").hidden = !messageKey;
  $("message").textContent = messageKey ? t(messageKey) : "";
  if (!last) return;
  const s = last;
  $("card").hidden = false;
  $("office").textContent = s.office ? s.office.name : "";
  $("l-number").textContent = t("pub.number");
  $("number").textContent = s.number;
  const stage = $("stage");
  stage.textContent = lang() === "en" && s.stage.text_en ? s.stage.text_en : s.stage.text;
  stage.className =
    "stage" +
    (s.ready ? " ready" : "") +
    (s.needed ? " needs" : "") +
    (s.stage.code === "ditolak" ? " rejected" : "");
  $("l-permit").textContent = t("pub.permit");
  $("permit").textContent = s.permit.name;
  $("l-registered").textContent = t("pub.registered");
  $("registered").textContent = longDate(s.registered_at);
  const decided = ["selesai", "ditolak", "siap_diambil", "sudah_diambil"].includes(s.stage.code);
  $("l-due").textContent = t("pub.due");
  $("due").textContent = s.due && !decided ? longDate(s.due) : "–";
  $("l-needed").textContent = t("pub.needed");
  const needed = $("needed");
  needed.className = s.needed ? "needed" : "";
  needed.textContent = s.needed
    ? s.needed
    : s.ready
      ? t("pub.ready")
      : s.stage.code === "sudah_diambil"
        ? t("pub.nothing_collected")
        : decided
          ? t("pub.nothing_decided")
          : t("pub.nothing_needed");
  // The survey of the whole permit service opens at the hand-over (docs/skm.md).
  const survey = $("survey");
  survey.hidden = s.stage.code !== "sudah_diambil";
  survey.href = "/survey.html?token=" + encodeURIComponent(token);
  survey.textContent = t("pub.survey");
  $("updated").textContent = t("pub.updated");
}

async function refresh() {
  try {
    if (!office) {
      const res = await fetch("/api/v1/office", { cache: "no-store" });
      if (res.ok) office = await res.json();
    }
    const res = await fetch(
      "/api/v1/public/applications/status?number=" + encodeURIComponent(number) + "&token=" + encodeURIComponent(token),
      { cache: "no-store" },
    );
    if (res.status === 404 || res.status === 400) {
      last = null;
      $("card").hidden = true;
      messageKey = "pub.not_found";
    } else if (!res.ok) {
      throw new Error("HTTP " + res.status);
    } else {
      last = await res.json();
      messageKey = "";
    }
  } catch {
    messageKey = "pub.offline";
  }
  render();
}

$("lang").addEventListener("click", () => {
  localStorage.setItem("loket.lang", lang() === "id" ? "en" : "id");
  render();
});
if (!number || !/^[0-9a-f]{32}$/.test(token)) {
  messageKey = "pub.bad_link";
  render();
} else {
  render();
  refresh();
  setInterval(refresh, 30000);
}
