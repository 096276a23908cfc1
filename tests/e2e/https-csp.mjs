#!/usr/bin/env node
// Every page of the console and the public pages in real headless Chromium over HTTPS, under the
// server's Content-Security-Policy (docs/https.md): the test makes a CA and a server
// certificate with openssl, gives them to the queue-server as the office's own
// ([server] certificate / private_key), and launches Chromium trusting that server key
// (--ignore-certificate-errors-spki-list, which headless Chromium honours with the user data
// folder Playwright gives it). An admin logs in once and visits every assets/web/*.html page and
// a ticket's status page; every securitypolicyviolation event and every console message about
// the policy is collected: none is allowed. Also checked: the security headers on every page,
// and that the plain-HTTP address sends the browser on to HTTPS.
//
//   node https-csp.mjs --server PATH_TO_QUEUE_SERVER [--screenshots DIR]
import { execFileSync, execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { APPLICATIONS_TOML } from "./applications.mjs";
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
const SHOTS = argument("--screenshots") || path.join(ROOT, "build", "screenshots", "https");
if (!SERVER_BIN || !fs.existsSync(SERVER_BIN)) {
  console.error("usage: node https-csp.mjs --server PATH_TO_QUEUE_SERVER [--screenshots DIR]");
  process.exit(2);
}
fs.mkdirSync(SHOTS, { recursive: true });

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "loket-https-e2e-"));
const DB = path.join(TMP, "loket.db");
const CONFIG = path.join(TMP, "office.toml");
const SERVER_LOG = path.join(TMP, "server.log");
let server = null;

function cleanup() {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  try {
    fs.rmSync(TMP, { recursive: true, force: true });
  } catch {
    // a temporary directory left behind is harmless
  }
}
process.on("exit", cleanup);
const watchdog = setTimeout(() => {
  console.log("https e2e: timed out after 240 s");
  cleanup();
  process.exit(1);
}, 240000);
watchdog.unref();

// The test CA and the server certificate it signs for 127.0.0.1 and localhost.
function makeCertificates() {
  const run = (command) => execSync(command, { cwd: TMP, stdio: ["ignore", "ignore", "pipe"] });
  run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 -subj '/CN=Loket test CA'");
  run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr -subj '/CN=localhost'");
  fs.writeFileSync(path.join(TMP, "san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  run("openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext");
  // The SubjectPublicKeyInfo's SHA-256, base64: what Chromium's flag takes.
  return execSync(
    "openssl x509 -in server.pem -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64",
    { cwd: TMP },
  ).toString().trim();
}

// Each page is checked on its own: one failing does not stop the others.
const steps = createSteps({ independent: true });
const test = steps.test;

function checkHeaders(response, what) {
  assert(response, `${what}: no response`);
  const h = response.headers();
  const csp = h["content-security-policy"] || "";
  assert(csp.includes("script-src 'self'") && csp.includes("frame-ancestors 'none'"), `${what}: CSP ${csp}`);
  assert(!csp.includes("unsafe-inline"), `${what}: CSP allows inline code: ${csp}`);
  assert(h["x-content-type-options"] === "nosniff", `${what}: X-Content-Type-Options ${h["x-content-type-options"]}`);
  assert(h["referrer-policy"] === "no-referrer", `${what}: Referrer-Policy ${h["referrer-policy"]}`);
}

async function main() {
  const spki = makeCertificates();
  fs.writeFileSync(
    CONFIG,
    fs
      .readFileSync(path.join(ROOT, "tests", "support", "always-open.toml"), "utf8")
      .replace("[server]\n", '[server]\ncertificate = "server.pem"\nprivate_key = "server.key"\n') + APPLICATIONS_TOML,
  );
  execFileSync(SERVER_BIN, ["--db", DB, "user", "add", "admin", "--role", "admin", "--password-stdin"], {
    input: "admin-rahasia-1\n",
    stdio: ["pipe", "ignore", "pipe"],
  });
  const started = await startQueueServer(
    SERVER_BIN,
    [
      "--db", DB, "--config", CONFIG, "--listen", "127.0.0.1:0", "--https", "on",
      "--http-listen", "127.0.0.1:0", "--web", WEB, "--catalog", path.join(ROOT, "assets", "catalog"),
      "--openapi", path.join(ROOT, "assets", "openapi.json"), "--log-level", "info",
    ],
    SERVER_LOG,
  );
  server = started.child;
  const base = `https://127.0.0.1:${started.port}`;
  const plainPort = Number((started.output.match(/plain http on http:\/\/127\.0\.0\.1:(\d+)/) || [])[1]);
  console.log(`https e2e: queue-server on ${base}, plain HTTP on ${plainPort}, server key ${spki}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
      `--ignore-certificate-errors-spki-list=${spki}`,
    ],
  });
  const violations = [];
  const pageErrors = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "id-ID" });
    // Before any page script: the page's own record of what the policy blocked.
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10000);
    page.on("console", (msg) => {
      if (/Content Security Policy|Refused to (execute|apply|load|connect|frame)/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    const collect = async () => {
      const seen = await page.evaluate(() => window.__cspViolations || []).catch(() => []);
      for (const v of seen) violations.push(`${page.url()}: ${v}`);
    };

    await test("https: the certificate is trusted and the login page carries the security headers", async () => {
      const response = await page.goto(base + "/");
      checkHeaders(response, "/");
      await page.fill("#username", "admin");
      await page.fill("#password", "admin-rahasia-1");
      await page.click("#submit");
      await page.waitForURL("**/*.html");
      await page.waitForLoadState("load");
      await collect();
    });

    await test("https: plain HTTP sends the browser on to the same page over HTTPS", async () => {
      assert(plainPort > 0, `no plain-HTTP port in the server's output: ${started.output}`);
      await page.goto(`http://127.0.0.1:${plainPort}/admin.html#settings`);
      assert(page.url() === base + "/admin.html#settings", `ended on ${page.url()}`);
      await collect();
    });

    const pagesToVisit = fs.readdirSync(WEB).filter((f) => f.endsWith(".html")).sort().map((f) => "/" + f);
    pagesToVisit.push("/s/" + "0".repeat(32));
    for (const p of pagesToVisit) {
      await test(`csp: ${p} runs with no policy violation and sends the headers`, async () => {
        const before = violations.length;
        const response = await page.goto(base + p);
        checkHeaders(response, p);
        await page.waitForLoadState("load");
        // Scripts fill the page after load (API calls, event streams): give them a moment.
        await page.waitForTimeout(700);
        await collect();
        await page.screenshot({ path: path.join(SHOTS, `https-${p.replace(/[^a-z0-9-]+/gi, "_")}.png`) });
        const mine = violations.slice(before);
        assert(mine.length === 0, mine.join("\n"));
      });
    }

    await test("csp: no page raised a script error", async () => {
      assert(pageErrors.length === 0, pageErrors.join("\n"));
    });
    await test(`csp: zero violations over ${pagesToVisit.length} pages`, async () => {
      assert(violations.length === 0, violations.join("\n"));
    });

    // Redirecting (the default): the admin page carries no warning. Serving plain HTTP for old
    // TV browsers: the admin page warns, in Indonesian, whichever way it is opened.
    await test("https: the admin page warns while plain HTTP serves pages, and only then", async () => {
      await page.goto(base + "/admin.html");
      await page.waitForLoadState("load");
      await page.waitForTimeout(500);
      assert(await page.locator("#transport-warning").isHidden(), "a warning while plain HTTP only redirects");
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
      fs.writeFileSync(CONFIG, fs.readFileSync(CONFIG, "utf8").replace("[server]\n", '[server]\nplain_http = "serve"\n'));
      const again = await startQueueServer(
        SERVER_BIN,
        [
          "--db", DB, "--config", CONFIG, "--listen", "127.0.0.1:0", "--https", "on",
          "--http-listen", "127.0.0.1:0", "--web", WEB, "--catalog", path.join(ROOT, "assets", "catalog"),
          "--openapi", path.join(ROOT, "assets", "openapi.json"), "--log-level", "info",
        ],
        SERVER_LOG,
      );
      server = again.child;
      const servedPort = Number((again.output.match(/plain http on http:\/\/127\.0\.0\.1:(\d+)/) || [])[1]);
      assert(/\(serves\)/.test(again.output), `the plain listener does not serve: ${again.output}`);
      for (const origin of [`https://127.0.0.1:${again.port}`, `http://127.0.0.1:${servedPort}`]) {
        await page.goto(origin + "/");
        await page.fill("#username", "admin");
        await page.fill("#password", "admin-rahasia-1");
        await page.click("#submit");
        await page.waitForURL("**/*.html");
        await page.goto(origin + "/admin.html");
        const warning = page.locator("#transport-warning");
        await warning.waitFor({ state: "visible" });
        const text = await warning.textContent();
        assert(/HTTP biasa \(tanpa HTTPS\) sedang melayani/.test(text), `warning text: ${text}`);
        await page.screenshot({ path: path.join(SHOTS, `https-admin-plain-http-warning-${origin.startsWith("https") ? "https" : "http"}.png`) });
      }
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
if (server && server.exitCode === null) server.kill("SIGTERM");
console.log(`https e2e took ${((Date.now() - STARTED) / 1000).toFixed(1)} s; screenshots in ${SHOTS}`);
console.log(`https e2e: ${steps.passed} passed, ${steps.failed} failed`);
process.exitCode = steps.failed ? 1 : 0;
