#!/usr/bin/env node
// End-to-end test of the staff console (assets/web) in real headless Chromium against the real
// queue-server binary:
//   node run.mjs --server path/to/queue-server [--screenshots DIR] [--only NAME_PREFIX]
// Starts queue-server on 127.0.0.1 (port 0) with a temporary database and a round-the-clock
// office configuration with device keys, creates accounts with `queue-server user add`, issues
// tickets with the kiosk key, then drives the counter, supervisor and admin pages. Prints
// "web e2e: N passed, N failed[, N skipped]" and exits non-zero when a test failed.
// The steps are in console/ (the console's own pages) and beside this file (the other features'
// journeys); this file starts the office and the browser and runs them in order, since each
// builds on the office the ones before left.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { loginThroughForm, openCheckedPage, screenshotOpenPages } from "./browser-page.mjs";
import { assert, createSteps } from "./steps.mjs";
import { applicationJourney, registerWarningFile } from "./applications.mjs";
import { skmReportJourney } from "./skm-report.mjs";
import { complaintJourney } from "./complaints.mjs";
import { reportJourney } from "./reports.mjs";
import { privacyJourney } from "./privacy.mjs";
import { KIOSK_KEY, PASSWORDS, createOffice } from "./console/office.mjs";
import { staticChecks } from "./console/static-checks.mjs";
import { counterJourney } from "./console/counter.mjs";
import { outageJourney } from "./console/outages.mjs";
import { supervisorJourney } from "./console/supervisor.mjs";
import { twoClerksJourney } from "./console/two-clerks.mjs";
import { surveyJourney } from "./console/survey.mjs";
import { adminJourney } from "./console/admin.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const CHROMIUM = process.env.LOKET_CHROMIUM || "/usr/bin/chromium";
const STARTED = Date.now();

// ---------------------------------------------------------------------------------------------
// Arguments

function argument(name) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : "";
}
const SERVER_BIN = argument("--server") || process.env.LOKET_QUEUE_SERVER || "";
// --only PREFIX runs just the tests whose names start with PREFIX, e.g. "complaints:".
const ONLY = argument("--only");
const SHOTS =
  process.env.LOKET_SCREENSHOT_DIR || argument("--screenshots") || path.join(ROOT, "build", "screenshots", "web");
if (!SERVER_BIN || !fs.existsSync(SERVER_BIN)) {
  console.error("usage: node run.mjs --server PATH_TO_QUEUE_SERVER [--screenshots DIR]");
  console.error("web e2e: 0 passed, 1 failed");
  process.exit(2);
}
fs.mkdirSync(SHOTS, { recursive: true });

// ---------------------------------------------------------------------------------------------
// The office's server, the steps, the pages

const office = createOffice(SERVER_BIN, ROOT);
process.on("exit", office.cleanup);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    office.cleanup();
    process.exit(1);
  });
}

const pages = new Set();
const pageErrors = [];
// Console errors and failed loads other than the API's own answers (tests provoke 4xx replies
// and outages on purpose): a missing favicon or script shows up here.
const consoleErrors = [];

// Sequential: a failed step stops the ones after it (they build on it). The last checks, over
// every page, run whatever --only chose.
const steps = createSteps({
  only: (name) => !ONLY || name.startsWith(ONLY) || name.startsWith("pages "),
  startedAt: STARTED,
  onFailure: () => screenshotOpenPages(pages, SHOTS),
});
const test = steps.test;

// A whole run must never hang a CI job. About 2 minutes on a quiet 2-core machine, 4.5 under
// load; ctest's TIMEOUT for web_console_e2e sits above this.
const watchdog = setTimeout(() => {
  console.error("web e2e: timed out after 540 s");
  console.log(`web e2e: ${steps.passed} passed, ${steps.failed + 1} failed`);
  office.cleanup();
  process.exit(1);
}, 540000);
watchdog.unref();

async function newPage(browser, width, height) {
  return openCheckedPage(browser, width, height, { pageErrors, consoleErrors, pages });
}

// ---------------------------------------------------------------------------------------------

// The office's accounts, then tickets from the kiosk (one whose printing failed).
async function openOffice() {
  const { addUser, http, login, issue } = office;
  addUser("siti", "staff", PASSWORDS.siti);
  addUser("dewi", "staff", PASSWORDS.dewi);
  addUser("rina", "supervisor", PASSWORDS.rina);
  addUser("admin", "admin", PASSWORDS.admin);
  await office.start();
  const adminToken = await login("admin", PASSWORDS.admin);
  const warningFileId = await registerWarningFile(http, adminToken);
  const b1 = await issue("customer_service", { priority: "lansia", permit_id: "kaltim-ikot" });
  const b2 = await issue("customer_service", { permit_id: "dairi-iumk" });
  await issue("customer_service");
  await issue("pendaftaran", { permit_id: "kaltim-ikot" });
  await issue("pendaftaran", { priority: "ibu_hamil" });
  const c3 = await issue("pendaftaran");
  const a1 = await issue("informasi");
  const broken1 = (await http("POST", "/tickets", { token: KIOSK_KEY, body: { service: "informasi" } })).data.ticket;
  await http("POST", `/tickets/${broken1.id}/print`, { token: KIOSK_KEY, body: { status: "failed", problem: "kertas habis" } });
  assert(b1.number === "B-001" && b2.number === "B-002" && c3.number === "C-003" && a1.number === "A-001", "ticket numbers");
  return { adminToken, warningFileId };
}

// Over the whole walk: no page raised a script error, logged one, or missed a file.
async function pageChecks({ browser, base }) {
  await test("pages raised no script errors", async () => {
    assert(!pageErrors.length, pageErrors.join("\n"));
  });

  await test("pages logged no console errors and loaded every file (favicon included)", async () => {
    const icon = await fetch(base() + "/favicon.svg");
    assert(icon.status === 200 && (icon.headers.get("content-type") || "").startsWith("image/svg+xml"), `favicon: ${icon.status} ${icon.headers.get("content-type")}`);
    const status = await newPage(browser, 390, 844);
    await status.goto(base() + "/s/" + "0".repeat(32));
    await status.locator("#message", { hasText: "tidak ditemukan" }).waitFor();
    await status.close();
    assert(!consoleErrors.length, consoleErrors.join("\n"));
  });
}

// Every step in order, in one browser: the pages the counter and the supervisor keep open
// throughout, then each feature's journey.
async function walk(ctx) {
  const counter = await newPage(ctx.browser, 1366, 768);
  const sup = await newPage(ctx.browser, 1920, 1080);
  ctx = { ...ctx, counter, sup };
  await counterJourney(ctx);
  await outageJourney(ctx);
  await supervisorJourney(ctx);
  await twoClerksJourney(ctx);
  await surveyJourney(ctx);
  // Applications (berkas): registration to pickup (applications.mjs), before the admin tests change
  // the office hours.
  await applicationJourney(ctx);
  // The SKM report page (skm-report.mjs).
  await skmReportJourney(ctx);
  // Complaints (pengaduan): public intake and tracking, the supervisor's triage (complaints.mjs).
  await complaintJourney(ctx);
  // The performance report and the public performance page over the day so far (reports.mjs).
  const personalData = ["Ahmad Fauzi", "Siti Aminah", "0812 5555 0101", "081255550101", "081234567890", "Santoso"];
  await reportJourney({ ...ctx, personalData });
  // The personal-data page: one person's records, export, erasure, access log (privacy.mjs).
  await privacyJourney(ctx);
  await adminJourney(ctx);
  await pageChecks(ctx);
}

async function main() {
  console.log(`web e2e: queue-server ${SERVER_BIN}, screenshots in ${SHOTS}`);
  await staticChecks({ test });
  const { adminToken, warningFileId } = await openOffice();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
    ],
  });
  try {
    const { http, login, issue, base } = office;
    const text = (page, selector) => page.locator(selector).innerText();
    const uiLogin = (page, name, password) => loginThroughForm(page, base(), name, password);
    await walk({
      test, assert, browser, newPage, pages, uiLogin, text, http, login, issue, base, office,
      SHOTS, KIOSK_KEY, PASSWORDS, adminToken, warningFileId,
    });
  } finally {
    await browser.close().catch(() => {});
    await office.stop("SIGTERM");
  }
}

try {
  await main();
} catch (e) {
  steps.failed++;
  console.log(`FAIL setup: ${e && e.stack ? e.stack : e}`);
  if (fs.existsSync(office.serverLog)) console.log(fs.readFileSync(office.serverLog, "utf8").split("\n").slice(-20).join("\n"));
}
const seconds = ((Date.now() - STARTED) / 1000).toFixed(1);
console.log(`web e2e took ${seconds} s; screenshots in ${SHOTS}`);
console.log(`web e2e: ${steps.passed} passed, ${steps.failed} failed` + (steps.skipped ? `, ${steps.skipped} skipped` : ""));
process.exitCode = steps.failed ? 1 : 0;
