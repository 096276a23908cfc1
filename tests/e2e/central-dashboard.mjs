#!/usr/bin/env node
// The province's view end to end (docs/scale.md): a real PostgreSQL started here (initdb in a
// temporary folder, TLS with a test CA, as `nobody` under root), `loket-central init`, an
// office registered with its password, a real queue-server with a short day of tickets, its
// `queue-server sync` shipping the log, `loket-central serve`, and the dashboard page in
// headless Chromium: sign-in (a wrong password first), every office's today, the month's
// figures (with the applications' median working days and incomplete visits), one office's days
// as a chart and a table with its files and heatmap, English, the CSV download, no CSP
// violation or script error.
//   node central-dashboard.mjs --server QUEUE_SERVER --central LOKET_CENTRAL [--screenshots DIR]
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { openCheckedPage } from "./browser-page.mjs";
import { startQueueServerOnOwnPort } from "./queue-server.mjs";
import { assert, createSteps } from "./steps.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const CHROMIUM = process.env.LOKET_CHROMIUM || "/usr/bin/chromium";
const PG_BIN = "/usr/lib/postgresql/15/bin";
const KIOSK_KEY = "kiosk-key-0123456789abcdef";
const OFFICE_PASSWORD = "sandi-mempawah-123";
const VIEWER_PASSWORD = "sandi-provinsi-1";

const argument = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : "";
};
const SERVER_BIN = argument("--server");
const CENTRAL_BIN = argument("--central");
const SHOTS = argument("--screenshots") || path.join(ROOT, "build", "screenshots", "central");
if (!fs.existsSync(SERVER_BIN) || !fs.existsSync(CENTRAL_BIN)) {
  console.error("usage: node central-dashboard.mjs --server QUEUE_SERVER --central LOKET_CENTRAL");
  console.log("central e2e: 0 passed, 1 failed");
  process.exit(2);
}
fs.mkdirSync(SHOTS, { recursive: true });

const steps = createSteps();
const test = steps.test;

// ---------------------------------------------------------------------------------------------
// Processes, all stopped at exit

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "loket-central-e2e-"));
fs.chmodSync(TMP, 0o755);
const children = [];
let pgData = "";
const asRoot = process.getuid() === 0;
// PostgreSQL refuses to run as root: under root its commands run as nobody.
function asServerUser(command) {
  const line = asRoot ? ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "sh", "-c", command] : ["sh", "-c", command];
  const r = spawnSync(line[0], line.slice(1), { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`failed (${r.status}): ${command}\n${r.stdout}${r.stderr}`);
}
function cleanup() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  if (pgData) spawnSync("sh", ["-c", asRoot ? `setpriv --reuid=nobody --regid=nogroup --clear-groups ${PG_BIN}/pg_ctl -D ${pgData} -m immediate -w stop` : `${PG_BIN}/pg_ctl -D ${pgData} -m immediate -w stop`], { stdio: "ignore" });
  fs.rmSync(TMP, { recursive: true, force: true });
}
process.on("exit", cleanup);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(1));
const watchdog = setTimeout(() => {
  console.error("central e2e: timed out after 240 s");
  console.log(`central e2e: ${steps.passed} passed, ${steps.failed + 1} failed`);
  process.exit(1);
}, 240000);
watchdog.unref();

const PG_DIR = path.join(TMP, "pg");
fs.mkdirSync(PG_DIR);
if (asRoot) execFileSync("chown", ["nobody:nogroup", PG_DIR]);
let pgPort = 0;
function startPostgres() {
  asServerUser(
    `cd ${PG_DIR} && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=loket-test-ca -keyout ca.key -out ca.crt` +
      ` && openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr` +
      ` && echo subjectAltName=IP:127.0.0.1,DNS:localhost > san.ext` +
      ` && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out server.crt` +
      ` && chmod 600 server.key > openssl.log 2>&1`,
  );
  pgData = path.join(PG_DIR, "data");
  asServerUser(`${PG_BIN}/initdb -D ${pgData} -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 > ${PG_DIR}/initdb.log 2>&1`);
  fs.appendFileSync(
    path.join(pgData, "postgresql.conf"),
    `listen_addresses = '127.0.0.1'\nunix_socket_directories = '${PG_DIR}'\nssl = on\n` +
      `ssl_cert_file = '${PG_DIR}/server.crt'\nssl_key_file = '${PG_DIR}/server.key'\nfsync = off\n`,
  );
  fs.writeFileSync(
    path.join(pgData, "pg_hba.conf"),
    "local all postgres trust\nhostnossl all all 0.0.0.0/0 reject\nhostssl all all 127.0.0.1/32 scram-sha-256\n",
  );
  for (let attempt = 0; attempt < 20; attempt++) {
    pgPort = 20000 + Math.floor(Math.random() * 12000);
    try {
      asServerUser(`${PG_BIN}/pg_ctl -D ${pgData} -l ${PG_DIR}/server.log -o "-p ${pgPort}" -w -t 30 start > /dev/null 2>&1`);
      execFileSync(`${PG_BIN}/createdb`, ["-h", PG_DIR, "-p", String(pgPort), "-U", "postgres", "loket"]);
      return;
    } catch {
      // the port was taken: another
    }
  }
  throw new Error("PostgreSQL did not start: " + fs.readFileSync(path.join(PG_DIR, "server.log"), "utf8"));
}

const adminDb = () => `host=${PG_DIR} port=${pgPort} user=postgres dbname=loket`;
function central(args, input = "") {
  return execFileSync(CENTRAL_BIN, ["--db", adminDb(), ...args], { input, encoding: "utf8" });
}

function spawnLogged(bin, args, logName) {
  const log = fs.openSync(path.join(TMP, logName), "a");
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", log] });
  fs.closeSync(log);
  children.push(child);
  return child;
}
function listeningPort(child, what) {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start`)), 10000);
    child.stdout.on("data", (chunk) => {
      seen += chunk.toString();
      const m = seen.match(/listening on https?:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`${what} exited (${code})`)));
  });
}

async function call(base, method, urlPath, { token, body } = {}) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  const res = await fetch(base + "/api/v1" + urlPath, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  let data = null;
  try {
    data = JSON.parse(text);
  } catch {
    data = text;
  }
  return { status: res.status, data };
}

// ---------------------------------------------------------------------------------------------

const seen = { pageErrors: [], consoleErrors: [], pages: new Set() };
let office = "";
let dashboard = "";
let browser = null;
let page = null;

await test("setup: PostgreSQL, the central schema, an office and a province account", async () => {
  startPostgres();
  assert(central(["init"]).includes("central schema at version"), "init");
  assert(central(["office", "add", "kab-mempawah", "--name", "DPMPTSP Kabupaten Mempawah"], OFFICE_PASSWORD + "\n").includes("office_kab-mempawah"), "office add");
  central(["user", "add", "ayu.prov", "--role", "viewer"], VIEWER_PASSWORD + "\n");
});

await test("setup: an office day at the real queue-server, shipped by queue-server sync", async () => {
  const config = path.join(TMP, "office.toml");
  fs.writeFileSync(path.join(TMP, "central-password"), OFFICE_PASSWORD + "\n");
  fs.writeFileSync(
    config,
    fs.readFileSync(path.join(ROOT, "tests", "support", "always-open.toml"), "utf8") +
      `\n[central]\nhost = "127.0.0.1"\nport = ${pgPort}\noffice = "kab-mempawah"\n` +
      `password_file = "${path.join(TMP, "central-password")}"\nca_file = "${path.join(PG_DIR, "ca.crt")}"\npoll_ms = 200\n`,
  );
  const db = path.join(TMP, "office.db");
  const started = await startQueueServerOnOwnPort(
    SERVER_BIN,
    (port) => ["--db", db, "--config", config, "--listen", `127.0.0.1:${port}`, "--log-level", "info"],
    path.join(TMP, "server.log"),
  );
  children.push(started.child);
  office = `http://127.0.0.1:${started.port}`;
  execFileSync(SERVER_BIN, ["--db", db, "user", "add", "siti", "--role", "staff", "--password-stdin"], { input: "rahasia-siti\n" });
  const tokens = [];
  for (let i = 0; i < 6; i++) {
    const issued = await call(office, "POST", "/tickets", { token: KIOSK_KEY, body: { service: "informasi" } });
    assert(issued.status === 201, "issue");
    tokens.push(issued.data.ticket.status_token);
  }
  const login = await call(office, "POST", "/auth/login", { body: { username: "siti", password: "rahasia-siti" } });
  const clerk = login.data.token;
  for (const step of ["open", "call-next", "start", "finish", "call-next", "no-show", "call-next"]) {
    const r = await call(office, "POST", `/counters/1/${step}`, { token: clerk });
    assert(r.status === 200, `${step}: ${JSON.stringify(r.data)}`);
  }
  // The served applicant answers the survey: every element "4".
  const answers = Object.fromEntries(
    ["persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana"].map((k) => [k, 4]),
  );
  const answered = await call(office, "POST", "/survey/responses", {
    body: { token: tokens[0], answers, profile: { age: 35, sex: "L", education: "sma", occupation: "swasta" } },
  });
  assert(answered.status === 201, `survey: ${JSON.stringify(answered.data)}`);
  // A file registered and completed today (0 working days), and an incomplete visit.
  execFileSync(SERVER_BIN, ["--db", db, "user", "add", "rina", "--role", "supervisor", "--password-stdin"], { input: "rahasia-rina\n" });
  const boss = (await call(office, "POST", "/auth/login", { body: { username: "rina", password: "rahasia-rina" } })).data.token;
  const form = await call(office, "GET", "/applications/form?permit_id=pelalawan-iumk&applicant_type=perorangan", { token: boss });
  const checklist = form.data.requirements.map((r) => ({ position: r.position, present: true }));
  const file = { permit_id: "pelalawan-iumk", applicant_type: "perorangan", applicant_name: "Siti Rahma" };
  const registered = await call(office, "POST", "/applications", { token: boss, body: { ...file, checklist } });
  assert(registered.status === 201, `registered: ${JSON.stringify(registered.data)}`);
  for (let app = registered.data.application, guard = 0; app.state === "in_process" && guard < 30; guard++) {
    const done = await call(office, "POST", `/applications/${app.id}/steps`, { token: boss, body: { step: app.step.number, action: "done" } });
    assert(done.status === 200, `step: ${JSON.stringify(done.data)}`);
    app = done.data.application;
  }
  const missing = checklist.map((c, i) => ({ ...c, present: i > 0 }));
  const visit = await call(office, "POST", "/applications", { token: boss, body: { ...file, checklist: missing } });
  assert(visit.status === 201 && visit.data.result === "incomplete", `incomplete: ${JSON.stringify(visit.data)}`);
  spawnLogged(SERVER_BIN, ["--db", db, "--config", config, "sync"], "sync.log");
  // Shipped when central holds the office's 14 queue and survey events (6 issued, opened, 3
  // called, started, finished, no-show, the survey response), the completed file and the
  // incomplete visit, which came last.
  const held = (sql) => execFileSync(`${PG_BIN}/psql`, ["-h", PG_DIR, "-p", String(pgPort), "-U", "postgres", "-d", "loket", "-Atc", sql], { encoding: "utf8" }).trim();
  const deadline = Date.now() + 20000;
  for (;;) {
    const list = central(["office", "list"]);
    const m = list.match(/kab-mempawah\t.*\tlast event (\d+)/);
    if (m && Number(m[1]) >= 14 && held("SELECT count(*) FROM loket.incomplete_visits") === "1") break;
    if (Date.now() > deadline) throw new Error("not shipped: " + list + fs.readFileSync(path.join(TMP, "sync.log"), "utf8"));
    await new Promise((r) => setTimeout(r, 200));
  }
});

await test("setup: loket-central serves the dashboard", async () => {
  const child = spawnLogged(
    CENTRAL_BIN,
    ["--db", adminDb(), "serve", "--listen", "127.0.0.1:0", "--web", path.join(ROOT, "assets", "central"), "--chart-js", "/usr/share/javascript/chart.js"],
    "central.log",
  );
  dashboard = `http://127.0.0.1:${await listeningPort(child, "loket-central")}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  // The office's own time zone (WITA): "this month" is the office's month.
  page = await openCheckedPage(browser, 1366, 768, seen, { acceptDownloads: true, timezoneId: "Asia/Makassar" });
  await page.context().addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

await test("sign-in: a wrong password is refused in Indonesian, then the dashboard opens", async () => {
  await page.goto(dashboard + "/");
  await page.fill("#username", "ayu.prov");
  await page.fill("#password", "bukan-sandinya");
  await page.click("#login-form button[type=submit]");
  await page.locator("#login-error", { hasText: "Nama pengguna atau kata sandi salah" }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, "login-1366x768.png") });
  await page.fill("#password", VIEWER_PASSWORD);
  await page.click("#login-form button[type=submit]");
  await page.locator("#dashboard").waitFor();
  await page.locator("#who", { hasText: "ayu.prov" }).waitFor();
});

await test("today: the office's row shows who waits, the longest wait and the counters", async () => {
  const row = page.locator('#today-body tr[data-code="kab-mempawah"]');
  await row.waitFor();
  const cells = await row.locator("td").allInnerTexts();
  assert((await row.locator("th").innerText()).includes("DPMPTSP Kabupaten Mempawah"), "office name");
  assert(cells[0] === "3", `waiting: ${cells}`);
  assert(/menit/.test(cells[1]), `longest wait in minutes: ${cells}`);
  assert(cells[2].startsWith("1"), `counters open: ${cells}`);
  assert(cells[3] === "6" && cells[4] === "1", `issued and served: ${cells}`);
  assert(/^\d{2}\.\d{2}$/.test(cells[5]), `latest data as 22.50: ${cells}`);
});

await test("figures: this month per office, and the office's days as a chart and a table", async () => {
  const row = page.locator('#figures-body tr[data-code="kab-mempawah"]');
  await row.waitFor();
  const cells = await row.locator("td").allInnerTexts();
  assert(cells[0] === "6" && cells[1] === "1", `issued, served: ${cells}`);
  assert(cells[2] === "50,0 %", `no-show rate with a decimal comma: ${cells}`);
  // IKM: nine elements of 4, weighted 0.111 each, x 25 = 99.90, grade A (docs/skm.md).
  assert(cells[13] === "99,90 (A)", `the survey index and its grade: ${cells}`);
  // The file: registered and completed today, 0 working days; one incomplete visit of two.
  assert(cells[9] === "0" && cells[10] === "1 (50,0 %)", `median working days, incomplete: ${cells}`);
  const all = await page.locator("#figures-foot tr").first().innerText();
  assert(/Semua responden \(1\)\s+99,90 \(A\)/.test(all), `the index over all respondents: ${all}`);
  const files = await page.locator("#figures-files").innerText();
  assert(files.includes("1 berkas selesai, median 0 hari kerja; 1 berkas belum lengkap (50,0 %)"), `every office's files: ${files}`);
  await row.locator("button[data-office]").click();
  await page.locator("#office-section:not([hidden])").waitFor();
  assert((await page.locator("#office-title").innerText()) === "DPMPTSP Kabupaten Mempawah", "drill-down title");
  assert((await page.locator("#office-body tr").count()) >= 28, "a row per day of the month");
  const drawn = await page.evaluate(() => !!window.Chart && !!window.Chart.getChart(document.getElementById("office-chart")));
  assert(drawn, "the chart is drawn by Chart.js");
  const fact = (key) => page.locator(`#office-facts [data-fact="${key}"] dd`).innerText();
  assert((await fact("working_days")) === "0" && (await fact("incomplete")) === "1 (50,0 %)", "the office's files");
  assert((await fact("unserved")) === "0", "nobody of a past day was left waiting");
  // Siti opened counter 1 and served one applicant; she never paused.
  const siti = await page.locator('#office-staff-body tr[data-staff="siti"] td').allInnerTexts();
  assert(siti[0] === "1" && /menit/.test(siti[3]) && siti[5] === "0 kali, 0,0 menit" && siti[6] === "–", `siti: ${siti}`);
  // The heatmap: today's six arrivals in one cell of seven weekdays by the office's hours.
  assert((await page.locator("#office-arrivals tbody tr").count()) === 7, "a row per weekday");
  const arrivals = await page.locator("#office-arrivals tbody td").allInnerTexts();
  assert(arrivals.length === 7 * 24 && arrivals.filter((n) => n === "6").length === 1, `arrivals: ${arrivals}`);
  const waits = await page.locator("#office-waits tbody td").allInnerTexts();
  assert(waits.filter((w) => w !== "–").length === 1, `one hour with called stages: ${waits}`);
  await page.screenshot({ path: path.join(SHOTS, "dashboard-1366x768.png"), fullPage: true });
});

await test("English: the switch relabels the page, and back", async () => {
  await page.click("#lang");
  await page.locator("#today-title", { hasText: "Today at every office" }).waitFor();
  const rate = await page.locator('#figures-body tr[data-code="kab-mempawah"] td').nth(2).innerText();
  assert(rate === "50.0 %", `English decimal point: ${rate}`);
  await page.screenshot({ path: path.join(SHOTS, "dashboard-en-1366x768.png") });
  await page.click("#lang");
  await page.locator("#today-title", { hasText: "Hari ini di setiap kantor" }).waitFor();
});

await test("export: the month's CSV downloads with a BOM and the office's row", async () => {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  const file = path.join(TMP, "figures.csv");
  await download.saveAs(file);
  const text = fs.readFileSync(file, "utf8");
  assert(text.startsWith("\uFEFFKode,Kantor,Tiket"), `CSV header: ${text.slice(0, 60)}`);
  assert(text.includes("kab-mempawah,DPMPTSP Kabupaten Mempawah,6,1,1,"), `CSV row: ${text}`);
  assert(/^kinerja-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/.test(download.suggestedFilename()), download.suggestedFilename());
});

await test("narrow screen: the tables scroll inside their panels, nothing off the page", async () => {
  await page.setViewportSize({ width: 800, height: 900 });
  await page.waitForTimeout(300);  // Chart.js redraws a frame after the resize
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert(overflow <= 0, `page wider than the screen by ${overflow} px`);
  const tableScrolls = await page.evaluate(() => {
    const wrap = document.querySelector("#figures-table").parentElement;
    return wrap.scrollWidth > wrap.clientWidth;
  });
  assert(tableScrolls, "the month's table scrolls inside its panel");
  await page.screenshot({ path: path.join(SHOTS, "dashboard-800.png") });
});

await test("sign-out: back to the form, and the old token is refused", async () => {
  const token = await page.evaluate(() => sessionStorage.getItem("loket-central-token"));
  await page.click("#logout");
  await page.locator("#login-section:not([hidden])").waitFor();
  assert((await call(dashboard, "GET", "/today", { token })).status === 401, "token still valid");
});

await test("pages raised no script error, console error or CSP violation", async () => {
  const violations = await page.evaluate(() => window.__cspViolations || []);
  const problems = [...seen.pageErrors, ...seen.consoleErrors, ...violations];
  assert(problems.length === 0, problems.join("\n"));
});

if (browser) await browser.close();
console.log(`central e2e: ${steps.passed} passed, ${steps.failed} failed`);
// The servers' output pipes would keep Node running: exit (the exit handler stops them).
process.exit(steps.failed ? 1 : 0);
