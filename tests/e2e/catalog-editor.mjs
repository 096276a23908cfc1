#!/usr/bin/env node
// The catalog editor (assets/web/katalog.html) in real headless Chromium against the real
// queue-server binary on a temporary SQLite file: an admin searches, opens a seed permit, edits a
// requirement and a step time and sees the kiosk preview change, saves (a new version), reads the
// history and a diff, restores, duplicates, retires and brings back, creates a permit, exports
// and imports. Bad input: an empty name, a step time in an unknown unit and a negative one, a
// stale editor (409), an import with mistakes (nothing imported, every mistake named), a staff
// account refused. Every refusal is checked to be shown next to its field in Indonesian (and
// once in English). Screenshots at 1366x768 and at a tablet's width.
//
//   node catalog-editor.mjs --server PATH_TO_QUEUE_SERVER [--screenshots DIR]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { loginThroughForm, openCheckedPage, screenshotOpenPages } from "./browser-page.mjs";
import { startQueueServer } from "./queue-server.mjs";
import { assert, createSteps } from "./steps.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const WEB = path.join(ROOT, "assets", "web");
const CHROMIUM = process.env.LOKET_CHROMIUM || "/usr/bin/chromium";
const STARTED = Date.now();

function argument(name) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : "";
}
const SERVER_BIN = argument("--server") || process.env.LOKET_QUEUE_SERVER || "";
const SHOTS = argument("--screenshots") || path.join(ROOT, "build", "screenshots", "catalog-editor");
if (!SERVER_BIN || !fs.existsSync(SERVER_BIN)) {
  console.error("usage: node catalog-editor.mjs --server PATH_TO_QUEUE_SERVER [--screenshots DIR]");
  process.exit(2);
}
fs.mkdirSync(SHOTS, { recursive: true });

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "loket-catalog-e2e-"));
const DB = path.join(TMP, "loket.db");
const CONFIG = path.join(TMP, "office.toml");
const SERVER_LOG = path.join(TMP, "server.log");
fs.copyFileSync(path.join(ROOT, "tests", "support", "always-open.toml"), CONFIG);

const watchdog = setTimeout(() => {
  console.log("catalog editor e2e: timed out after 240 s");
  cleanup();
  process.exit(1);
}, 240000);
watchdog.unref();

let server = null;
let port = 0;
const base = () => `http://127.0.0.1:${port}`;

async function startServer() {
  const started = await startQueueServer(
    SERVER_BIN,
    [
      "--db", DB, "--config", CONFIG, "--listen", "127.0.0.1:0", "--web", WEB,
      "--catalog", path.join(ROOT, "assets", "catalog"), "--log-level", "info",
    ],
    SERVER_LOG,
  );
  port = started.port;
  server = started.child;
}

function cleanup() {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  try {
    fs.rmSync(TMP, { recursive: true, force: true });
  } catch {
    // a temporary directory left behind is harmless
  }
}
process.on("exit", cleanup);

function addUser(name, role, password) {
  execFileSync(SERVER_BIN, ["--db", DB, "user", "add", name, "--role", role, "--password-stdin"], {
    input: password + "\n",
    stdio: ["pipe", "ignore", "pipe"],
  });
}

async function http(method, urlPath, { token, body } = {}) {
  const headers = { Connection: "close" };
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(base() + "/api/v1" + urlPath, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, data: text ? JSON.parse(text) : null };
}

async function login(name, password) {
  const r = await http("POST", "/auth/login", { body: { username: name, password } });
  if (r.status !== 200) throw new Error(`login ${name}: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data.token;
}

const pages = new Set();
const pageErrors = [];
const consoleErrors = [];

// On a failure, a screenshot of every open page.
const steps = createSteps({ onFailure: () => screenshotOpenPages(pages, SHOTS, { fullPage: true }) });
const test = steps.test;

async function newPage(browser, width, height) {
  return openCheckedPage(browser, width, height, { pageErrors, consoleErrors, pages }, { acceptDownloads: true });
}

async function uiLogin(page, name, password) {
  await loginThroughForm(page, base(), name, password);
}

// The elements that reach past the right edge of the window (none when the page fits).
function tooWide() {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > width + 1)
    .slice(0, 8)
    .map((n) => n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (n.className ? "." + String(n.className).split(" ")[0] : "") + " " + Math.round(n.getBoundingClientRect().right));
}

const PASSWORDS = { admin: "admin-rahasia-1", budi: "budi-rahasia-1", siti: "siti-rahasia-1" };
const seed = (id) => JSON.parse(fs.readFileSync(path.join(ROOT, "assets", "catalog", id + ".json"), "utf8"));

async function main() {
  console.log(`catalog editor e2e: queue-server ${SERVER_BIN}, screenshots in ${SHOTS}`);

  await test("text: the field paths and error codes read as words (Indonesian, English)", async () => {
    globalThis.localStorage = { value: null, getItem() { return this.value; } };
    const { TEXT } = await import(pathToFileURL(path.join(WEB, "i18n.js")).href);
    const { id, en } = TEXT;
    const onlyOne = Object.keys(id).filter((k) => !(k in en)).concat(Object.keys(en).filter((k) => !(k in id)));
    assert(!onlyOne.length, `keys in one table only: ${onlyOne.join(", ")}`);
    const { fieldWords, pointerToPath, catalogErrorText } = await import(pathToFileURL(path.join(WEB, "js", "catalog-text.js")).href);
    const { ApiError } = await import(pathToFileURL(path.join(WEB, "js", "api.js")).href);
    const cases = [
      ["permits[0].steps[2].time", "Izin ke-1 dalam berkas · Langkah ke-3 · Waktu"],
      ["steps[2].actors[0]", "Langkah ke-3 · Pelaksana ke-1"],
      ["requirements[4].applies_to", "Persyaratan ke-5 · Berlaku untuk"],
      ["service_time.unit", "Satuan"],
      ["sop.number", "Nomor SOP"],
      ["legal_basis[1]", "Dasar hukum butir ke-2"],
      ["name", "Nama izin"],
    ];
    for (const [field, words] of cases) assert(fieldWords(field) === words, `${field}: ${fieldWords(field)}`);
    assert(pointerToPath("/steps/2/time") === "steps[2].time", pointerToPath("/steps/2/time"));
    assert(pointerToPath("/sop/number") === "sop.number", pointerToPath("/sop/number"));
    const unit = catalogErrorText(new ApiError(400, "invalid_time_unit", "", "steps[2].time"));
    assert(unit === "Langkah ke-3 · Waktu: satuan waktu harus menit, jam, hari, atau hari kerja.", unit);
    globalThis.localStorage.value = "en";
    const english = catalogErrorText(new ApiError(400, "invalid_time_unit", "", "steps[2].time"));
    assert(english.startsWith("Step 3 · Time: the time unit must be"), english);
    // Every code the catalog reader and store answer with has words in both languages.
    const catalogSources = fs.readdirSync(path.join(ROOT, "shared/src/catalog")).map((f) => `shared/src/catalog/${f}`);
    const sources = [...catalogSources, "shared/src/catalog_store/catalog_store.cpp", "queue-server/catalog_api.cpp"];
    const codes = new Set();
    for (const file of sources) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      // The last argument of fail(...) and InputError(...): the code.
      for (const m of text.matchAll(/\b(?:fail|InputError)\([^;]*?,\s*"([a-z_]+)"\)\s*;/g)) codes.add(m[1]);
      for (const m of text.matchAll(/QueueError\("([a-z_]+)"/g)) codes.add(m[1]);
    }
    for (const c of ["empty_field", "invalid_time_value", "invalid_time_unit", "version_conflict"]) assert(codes.has(c), `code ${c} found in the sources`);
    const missing = [...codes].filter((c) => !(("cat.err." + c) in id) && !(("err." + c) in id));
    assert(!missing.length, `codes without words: ${missing.join(", ")}`);
  });

  await startServer();
  addUser("admin", "admin", PASSWORDS.admin);
  addUser("budi", "admin", PASSWORDS.budi);
  addUser("siti", "staff", PASSWORDS.siti);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const budi = await login("budi", PASSWORDS.budi);
  const shot = (page, name, fullPage = false) => page.screenshot({ path: path.join(SHOTS, name), fullPage });
  const versions = async (id) => (await http("GET", `/catalog/permits/${id}/versions`, { token: budi })).data.versions;
  let page = null;

  // The error line under a field, and that the field is marked invalid.
  const errorAt = async (fieldPath) => {
    const line = page.locator(`#permit-form .field-error[data-error-for="${fieldPath}"]:not([hidden])`).first();
    await line.waitFor();
    return (await line.innerText()).trim();
  };
  const openPermit = async (id) => {
    await page.click(`#permit-list button[data-id="${id}"]`);
    await page.waitForFunction((want) => document.getElementById("f-id")?.value === want, id);
    await page.locator("#editor-version", { hasText: "Versi" }).waitFor();
  };
  const save = async () => {
    await page.click("#save");
    await page.locator("#editor-message:not([hidden])").waitFor();
  };

  try {
    await test("staff: the editor is not in the menu, the page sends them away, the API refuses", async () => {
      const staff = await newPage(browser, 1366, 768);
      await uiLogin(staff, "siti", PASSWORDS.siti);
      await staff.waitForURL(/counter\.html/);
      assert((await staff.locator('#nav a[href="katalog.html"]').count()) === 0, "no catalog link for staff");
      await staff.goto(base() + "/katalog.html");
      await staff.waitForURL(/counter\.html/);
      const token = await login("siti", PASSWORDS.siti);
      assert((await http("GET", "/catalog/permits", { token })).status === 403, "GET /catalog/permits 403");
      const put = await http("PUT", "/catalog/permits/dairi-iumk", { token, body: { permit: seed("dairi-iumk"), base_version: 1 } });
      assert(put.status === 403, `PUT as staff: ${put.status}`);
      await staff.context().close();
    });

    await test("admin: the menu leads to the catalog; search by name, abbreviation and id; filters", async () => {
      page = await newPage(browser, 1366, 768);
      await uiLogin(page, "admin", PASSWORDS.admin);
      await page.waitForURL(/admin\.html/);
      await page.click('#nav a[href="katalog.html"]');
      await page.waitForURL(/katalog\.html/);
      await page.locator("#permit-list button[data-id]").nth(4).waitFor();
      assert((await page.locator("#permit-list button[data-id]").count()) === 5, "five seed permits");
      const shown = async () => page.locator("#permit-list button[data-id]").evaluateAll((b) => b.map((x) => x.dataset.id));
      await page.fill("#search", "ikot");
      assert(JSON.stringify(await shown()) === '["kaltim-ikot"]', `abbreviation: ${await shown()}`);
      await page.fill("#search", "dairi");
      assert(JSON.stringify(await shown()) === '["dairi-iumk"]', `id: ${await shown()}`);
      await page.fill("#search", "sertifikat");
      assert((await shown()).length === 2, `name: ${await shown()}`);
      await page.fill("#search", "");
      await page.selectOption("#filter-category", "Kesehatan");
      assert((await shown()).length === 2, `category: ${await shown()}`);
      await page.selectOption("#filter-category", "*");
      await page.selectOption("#filter-state", "retired");
      assert((await page.locator("#permit-list .empty").count()) === 1, "no retired permit yet");
      await page.selectOption("#filter-state", "active");
      await shot(page, "catalog-list-1366x768.png");
    });

    let totalBefore = "";
    await test("edit: a requirement and a step time; the kiosk preview follows before saving", async () => {
      await openPermit("dairi-iumk");
      await page.click("#tab-preview");
      await page.locator("#pv-total").waitFor();
      totalBefore = await page.locator("#pv-total").innerText();
      await page.click("#tab-form");
      // Every control of the form has a label.
      const unlabelled = await page.locator("#permit-form input, #permit-form select, #permit-form textarea").evaluateAll((nodes) =>
        nodes.filter((n) => !(n.labels && n.labels.length) && !n.getAttribute("aria-label")).map((n) => n.id),
      );
      assert(!unlabelled.length, `controls without a label: ${unlabelled.join(", ")}`);
      await page.fill("#f-requirements-0-text", "Berkas Permohonan (asli dan salinan)");
      assert((await page.inputValue("#f-steps-1-time")) === "2 Jam", "step 2 time as written");
      assert((await page.inputValue("#f-steps-1-time-value")) === "2", "figure read from the text");
      assert((await page.inputValue("#f-steps-1-time-unit")) === "jam", "unit read from the text");
      await page.fill("#f-steps-1-time-value", "3");
      assert((await page.inputValue("#f-steps-1-time")) === "3 Jam", "the text follows, in the SOP's spelling of the unit");
      await page.locator("#preview-state", { hasText: "Pratinjau sesuai" }).waitFor();
      await page.click("#tab-preview");
      await page.locator("#pv-req-semua", { hasText: "Berkas Permohonan (asli dan salinan)" }).waitFor();
      await page.locator('#pv-steps-umum li[data-step="2"]', { hasText: "3 Jam" }).waitFor();
      const after = await page.locator("#pv-total").innerText();
      assert(after !== totalBefore, `the step total changed: ${totalBefore} -> ${after}`);
      await shot(page, "catalog-preview-1366x768.png", true);
      assert((await versions("dairi-iumk")).length === 1, "nothing saved by the preview");
      await page.click("#tab-form");
    });

    await test("save: a new version with who and when; history; a readable diff", async () => {
      await page.fill("#save-note", "persyaratan dan waktu langkah 2 disesuaikan");
      await save();
      const message = await page.locator("#editor-message").innerText();
      assert(message.includes("versi 2"), `saved: ${message}`);
      assert((await page.locator("#editor-version").innerText()).includes("admin"), "who saved it");
      const kiosk = await http("GET", "/permits/dairi-iumk");
      assert(kiosk.data.steps[1].time.text === "3 Jam", "the kiosk's catalog has the new version");
      await page.click("#tab-history");
      await page.locator('#versions-body tr[data-version="2"]').waitFor();
      const row = await page.locator('#versions-body tr[data-version="2"]').innerText();
      assert(row.includes("admin") && row.includes("Diubah") && row.includes("persyaratan dan waktu"), `history row: ${row}`);
      assert((await page.locator('#versions-body tr[data-version="1"]').innerText()).includes("instalasi"), "version 1 by the installation");
      await page.click('#versions-body tr[data-version="2"] [data-act="diff"]');
      const time = page.locator('#diff tr[data-path="steps[1].time"]');
      await time.waitFor();
      const text = await time.innerText();
      assert(text.includes("Langkah ke-2 · Waktu") && text.includes("2 Jam") && text.includes("3 Jam") && text.includes("diubah"), `diff row: ${text}`);
      const req = await page.locator('#diff tr[data-path="requirements[0].text"]').innerText();
      assert(req.includes("Persyaratan ke-1") && req.includes("(asli dan salinan)"), `diff row: ${req}`);
      await shot(page, "catalog-history-diff-1366x768.png");
    });

    await test("restore: version 1 comes back as version 3, after a confirmation", async () => {
      await page.click('#versions-body tr[data-version="1"] [data-act="restore"]');
      await page.locator("#dlg-confirm[open]").waitFor();
      assert((await page.locator("#dlg-confirm-title").innerText()).includes("versi 1"), "asks about version 1");
      await page.click("#confirm-ok");
      await page.locator("#editor-message", { hasText: "versi 3" }).waitFor();
      await page.locator('#versions-body tr[data-version="3"]', { hasText: "Dipulihkan" }).waitFor();
      assert((await http("GET", "/permits/dairi-iumk")).data.steps[1].time.text === "2 Jam", "the kiosk has version 1's text again");
      await page.click("#tab-form");
      assert((await page.inputValue("#f-steps-1-time")) === "2 Jam", "the form shows it");
    });

    await test("bad input: an empty name is named at the field (Indonesian, then English); nothing saved", async () => {
      const before = (await versions("dairi-iumk")).length;
      await page.fill("#f-name", "");
      await save();
      const id = await errorAt("name");
      assert(id === "Nama izin: wajib diisi, tidak boleh kosong.", `Indonesian: ${id}`);
      assert((await page.getAttribute("#f-name", "aria-invalid")) === "true", "name marked invalid");
      assert((await page.locator("#editor-message").innerText()).startsWith("Belum tersimpan"), "not saved, says the message");
      await shot(page, "catalog-error-name-1366x768.png");
      await page.click("#lang");
      await page.locator("#tab-form", { hasText: "Fields" }).waitFor();
      await page.click("#save");
      const en = await errorAt("name");
      assert(en === "Permit name: must be filled in, not empty.", `English: ${en}`);
      await page.click("#lang");
      await page.locator("#tab-form", { hasText: "Isian" }).waitFor();
      assert((await versions("dairi-iumk")).length === before, "nothing saved");
      await page.fill("#f-name", "IZIN USAHA MIKRO KECIL");
    });

    await test("bad input: a step time in an unknown unit, and a negative one, named at the step", async () => {
      const before = (await versions("dairi-iumk")).length;
      await page.fill("#f-steps-0-time", "2 minggu");
      assert((await page.inputValue("#f-steps-0-time-unit")) === "", "an unknown wording is 'other'");
      await save();
      const unit = await errorAt("steps[0].time");
      assert(unit === "Langkah ke-1 · Waktu: satuan waktu harus menit, jam, hari, atau hari kerja.", `unit: ${unit}`);
      await page.locator("#f-steps-0-time-value[aria-invalid=true]").waitFor();
      await shot(page, "catalog-error-time-unit-1366x768.png");
      await page.selectOption("#f-steps-0-time-unit", "menit");
      await page.fill("#f-steps-0-time-value", "-5");
      assert((await page.inputValue("#f-steps-0-time")) === "-5 menit", "the text follows the figure");
      await save();
      const negative = await errorAt("steps[0].time");
      assert(negative.startsWith("Langkah ke-1 · Waktu: angka waktu harus 1 atau lebih"), `negative: ${negative}`);
      // The service time standard's own figure is a number field: a negative one is refused too.
      await page.fill("#f-steps-0-time-value", "15");
      await page.fill("#f-service_time-value", "-1");
      await page.selectOption("#f-service_time-unit", "menit");
      await save();
      const st = await errorAt("service_time.value");
      assert(st.startsWith("Nilai: nilai waktu harus bilangan bulat dari 1"), `service time: ${st}`);
      assert((await versions("dairi-iumk")).length === before, "nothing saved");
    });

    await test("stale editor: someone else saved (409); the user is told and may reload", async () => {
      // The page still has version 3 open with unsaved changes; budi saves version 4.
      const doc = (await http("GET", "/catalog/permits/dairi-iumk", { token: budi })).data;
      doc.permit.keywords = [...(doc.permit.keywords || []), "usaha mikro"];
      const put = await http("PUT", "/catalog/permits/dairi-iumk", { token: budi, body: { permit: doc.permit, base_version: doc.version.version } });
      assert(put.status === 200, `budi saves: ${put.status}`);
      await page.fill("#f-service_time-value", "");
      await page.selectOption("#f-service_time-unit", "");
      await page.fill("#f-short_name", "IUMK Dairi");
      await page.click("#save");
      await page.locator("#dlg-conflict[open]").waitFor();
      const text = await page.locator("#dlg-conflict-text").innerText();
      assert(text.startsWith("budi menyimpan versi 4"), `conflict text: ${text}`);
      await shot(page, "catalog-conflict-1366x768.png");
      await page.click("#conflict-reload");
      await page.locator("#editor-version", { hasText: "Versi 4" }).waitFor();
      assert((await page.inputValue("#f-short_name")) === "IUMK", "budi's version is shown");
      assert((await versions("dairi-iumk")).length === 4, "nothing of the stale editor saved");
    });

    const copy = "dairi-iumk-kecamatan";
    await test("duplicate: a copy under a new id and name, opened as a new permit", async () => {
      await page.click("#duplicate");
      await page.locator("#dlg-duplicate[open]").waitFor();
      await page.fill("#dup-id", copy);
      await page.fill("#dup-name", "IZIN USAHA MIKRO KECIL (KECAMATAN)");
      await page.click("#duplicate-confirm");
      await page.locator("#editor-message", { hasText: copy }).waitFor();
      assert((await page.inputValue("#f-id")) === copy, "the copy is open");
      await page.locator(`#permit-list button[data-id="${copy}"]`).waitFor();
      assert((await http("GET", "/permits/" + copy)).status === 200, "the kiosk lists the copy");
    });

    await test("retire and bring back, each after a confirmation", async () => {
      await page.click("#retire");
      await page.locator("#dlg-confirm[open]").waitFor();
      await page.fill("#dlg-confirm-note", "digabung dengan izin kabupaten");
      await page.click("#confirm-ok");
      await page.locator("#editor-message", { hasText: "dicabut" }).waitFor();
      assert((await http("GET", "/permits/" + copy)).status === 404, "gone from the kiosk");
      assert((await page.locator(`#permit-list button[data-id="${copy}"]`).count()) === 0, "not among the permits in force");
      await page.selectOption("#filter-state", "retired");
      await page.locator(`#permit-list button[data-id="${copy}"]`, { hasText: "Dicabut" }).waitFor();
      await page.click("#unretire");
      await page.locator("#dlg-confirm[open]").waitFor();
      await page.click("#confirm-ok");
      await page.locator("#editor-message", { hasText: "Dipulihkan" }).waitFor();
      assert((await http("GET", "/permits/" + copy)).status === 200, "back on the kiosk");
      await page.selectOption("#filter-state", "active");
    });

    await test("create: a bad id is named; then a new permit is saved as version 1", async () => {
      await page.click("#new-permit");
      await page.locator("#editor-title", { hasText: "Izin baru" }).waitFor();
      await page.fill("#f-id", "Izin Reklame");
      await page.fill("#f-name", "Izin Penyelenggaraan Reklame");
      await page.fill("#f-office", "DPMPTSP Kabupaten Uji");
      await page.fill("#f-sop-number", "SOP/REK/01");
      await page.fill("#f-requirements-0-text", "Fotokopi KTP pemohon");
      await page.fill("#f-requirements-0-source", "Persyaratan no. 1");
      await page.selectOption("#f-requirements-0-applies_to", "dikuasakan");
      await page.fill("#f-steps-0-activity", "Menyerahkan berkas permohonan");
      await page.fill("#f-steps-0-time-value", "30");
      await page.click("#list-steps .cat-add");
      await page.fill("#f-steps-1-activity", "Memeriksa berkas");
      await page.selectOption("#f-steps-1-actor_source", "text");
      await page.fill("#f-steps-1-actors", "Front Office");
      await page.selectOption("#f-steps-1-time-unit", "hari kerja");
      await page.fill("#f-steps-1-time-value", "2");
      // Reorder: the check moves up, then back down.
      await page.click('#list-steps [data-item="1"] [data-move="up"]');
      assert((await page.inputValue("#f-steps-0-activity")) === "Memeriksa berkas", "moved up");
      await page.click('#list-steps [data-item="0"] [data-move="down"]');
      assert((await page.inputValue("#f-steps-1-activity")) === "Memeriksa berkas", "moved back");
      await page.fill("#f-start_service_reason", "Berkas diterima di loket pendaftaran (SOP langkah 1)");
      await save();
      const bad = await errorAt("id");
      assert(bad.startsWith("Kode izin: hanya huruf kecil a-z"), `id: ${bad}`);
      await page.fill("#f-id", "uji-reklame");
      await save();
      await page.locator("#editor-message", { hasText: "uji-reklame" }).waitFor();
      const kiosk = await http("GET", "/permits/uji-reklame");
      assert(kiosk.status === 200, "on the kiosk");
      assert(kiosk.data.steps[1].time.working_days_max === 2 && kiosk.data.requirements[0].applies_to === "dikuasakan", JSON.stringify(kiosk.data.steps[1].time));
      await page.click("#tab-preview");
      await page.locator("#pv-req-dikuasakan", { hasText: "Fotokopi KTP" }).waitFor();
      await page.click("#tab-form");
    });

    await test("import: a file with mistakes imports nothing and names every mistake", async () => {
      const good = seed("mempawah-sertifikat-standar");
      good.keywords = [...(good.keywords || []), "OSS RBA"];
      const unit = seed("pelalawan-iumk");
      unit.steps[1].time = "5 minggu";
      const noName = seed("pelalawan-sertifikat-produksi-ukmot");
      noName.name = "";
      const file = { format: "loket-catalog/1", permits: [good, unit, noName] };
      const before = (await versions("mempawah-sertifikat-standar")).length;
      await page.setInputFiles("#import-file", { name: "katalog-rusak.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
      await page.locator("#io-message", { hasText: "tidak diimpor" }).waitFor();
      const items = await page.locator("#import-errors li").allInnerTexts();
      assert(items.length === 2, `two mistakes: ${items.join(" | ")}`);
      assert(items[0].startsWith("Izin ke-2 dalam berkas · Langkah ke-2 · Waktu: satuan waktu harus") && items[0].includes("pelalawan-iumk"), items[0]);
      assert(items[1].startsWith("Izin ke-3 dalam berkas · Nama izin: wajib diisi"), items[1]);
      assert((await versions("mempawah-sertifikat-standar")).length === before, "nothing imported");
      await shot(page, "catalog-import-errors-1366x768.png");
      // Not JSON at all.
      await page.setInputFiles("#import-file", { name: "bukan.json", mimeType: "application/json", buffer: Buffer.from("{ permits: ") });
      await page.locator("#io-message", { hasText: "bukan JSON yang sah" }).waitFor();
      // The good permit alone is imported.
      await page.setInputFiles("#import-file", { name: "katalog.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ format: "loket-catalog/1", permits: [good] })) });
      await page.locator("#io-message", { hasText: "Impor selesai: 0 baru, 1 diubah, 0 sama." }).waitFor();
      const list = await versions("mempawah-sertifikat-standar");
      assert(list.length === before + 1 && list[0].change === "imported" && list[0].saved_by === "admin", JSON.stringify(list[0]));
    });

    await test("export: the catalog in force downloads in the catalog format", async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
      assert(download.suggestedFilename() === "katalog-izin.json", download.suggestedFilename());
      const data = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
      assert(data.format === "loket-catalog/1", data.format);
      const ids = data.permits.map((p) => p.id);
      assert(ids.length === 7 && ids.includes("uji-reklame") && ids.includes(copy), ids.join(", "));
      // The whole export (over the 64 KiB of other requests) imports back in one go, unchanged.
      const text = fs.readFileSync(await download.path(), "utf8");
      assert(text.length > 64 * 1024, `export is ${text.length} bytes`);
      await page.setInputFiles("#import-file", { name: "katalog-izin.json", mimeType: "application/json", buffer: Buffer.from(text) });
      await page.locator("#io-message", { hasText: "Impor selesai: 0 baru, 0 diubah, 7 sama." }).waitFor();
    });

    await test("layout: 1366x768 and a tablet's width, nothing wider than the screen", async () => {
      await openPermit("kaltim-ikot");
      const wide = await page.evaluate(tooWide);
      assert(!wide.length, `1366: too wide: ${wide.join(", ")}`);
      await shot(page, "catalog-form-1366x768.png");
      await page.locator("#sec-steps").scrollIntoViewIfNeeded();
      await shot(page, "catalog-steps-1366x768.png");
      const tablet = await newPage(browser, 800, 1280);
      await uiLogin(tablet, "admin", PASSWORDS.admin);
      await tablet.waitForURL(/admin\.html/);
      await tablet.goto(base() + "/katalog.html?izin=kaltim-ikot");
      await tablet.locator("#f-id").waitFor();
      const over = await tablet.evaluate(tooWide);
      assert(!over.length, `tablet: too wide: ${over.join(", ")}`);
      await shot(tablet, "catalog-tablet-800x1280.png");
      await tablet.locator("#sec-requirements").scrollIntoViewIfNeeded();
      await shot(tablet, "catalog-tablet-requirements-800x1280.png");
      await tablet.context().close();
    });

    await test("pages raised no script errors and logged no console errors", async () => {
      assert(!pageErrors.length, pageErrors.join("\n"));
      assert(!consoleErrors.length, consoleErrors.join("\n"));
    });
  } finally {
    await browser.close().catch(() => {});
  }
}

try {
  await main();
} catch (e) {
  steps.failed++;
  console.log(`FAIL setup: ${e && e.stack ? e.stack : e}`);
  if (fs.existsSync(SERVER_LOG)) console.log(fs.readFileSync(SERVER_LOG, "utf8").split("\n").slice(-20).join("\n"));
}
console.log(`catalog editor e2e took ${((Date.now() - STARTED) / 1000).toFixed(1)} s; screenshots in ${SHOTS}`);
console.log(`catalog editor e2e: ${steps.passed} passed, ${steps.failed} failed`);
process.exitCode = steps.failed ? 1 : 0;
cleanup();
process.exit(process.exitCode);
