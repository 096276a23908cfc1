// The office the console walk runs against: the real queue-server on a temporary database and a
// round-the-clock configuration with device keys, its accounts made with `queue-server user
// add`, and the API calls the steps make beside the pages (tickets from the kiosk's key).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startQueueServer, startQueueServerOnOwnPort } from "../queue-server.mjs";
import { APPLICATIONS_TOML } from "../applications.mjs";

export const KIOSK_KEY = "kiosk-key-0123456789abcdef";
export const PASSWORDS = { siti: "siti-rahasia-1", dewi: "dewi-rahasia-1", rina: "rina-rahasia-1", admin: "admin-rahasia-1" };

export function createOffice(serverBin, root) {
  const web = path.join(root, "assets", "web");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "loket-web-e2e-"));
  const db = path.join(tmp, "loket.db");
  const config = path.join(tmp, "office.toml");
  const office = { serverLog: path.join(tmp, "server.log"), server: null, port: 0 };

  // The tests' round-the-clock office (passes at any hour) with its kiosk and display keys,
  // shared with the C++ tests (tests/support/server_process.hpp).
  // Keep-alive comments every 2 s, so a stream gone silent (a hung server) is noticed in seconds.
  fs.writeFileSync(
    config,
    fs
      .readFileSync(path.join(root, "tests", "support", "always-open.toml"), "utf8")
      .replace("[server]\n", "[server]\nkeepalive_seconds = 2\n") + APPLICATIONS_TOML,
  );

  // The outage test restarts the server on its port: the first start chooses one of its own.
  office.start = async () => {
    const argsFor = (chosen) => [
      "--db", db, "--config", config, "--listen", `127.0.0.1:${chosen}`,
      "--web", web, "--catalog", path.join(root, "assets", "catalog"),
      "--openapi", path.join(root, "assets", "openapi.json"), "--log-level", "info",
    ];
    const started = office.port
      ? await startQueueServer(serverBin, argsFor(office.port), office.serverLog)
      : await startQueueServerOnOwnPort(serverBin, argsFor, office.serverLog);
    office.port = started.port;
    office.server = started.child;
  };

  office.stop = (signal) =>
    new Promise((resolve) => {
      const child = office.server;
      office.server = null;
      if (!child || child.exitCode !== null) return resolve();
      // A clean stop waits for idle kept-alive connections; never wait long for it here.
      const force = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });

  office.cleanup = () => {
    if (office.server && office.server.exitCode === null) office.server.kill("SIGKILL");
    try {
      fs.rmSync(tmp, { recursive: true, force: true });
    } catch {
      // best effort
    }
  };

  office.addUser = (name, role, password) => {
    execFileSync(serverBin, ["--db", db, "user", "add", name, "--role", role, "--password-stdin"], {
      input: password + "\n",
      stdio: ["pipe", "ignore", "pipe"],
    });
  };

  addApi(office);
  return office;
}

// The API calls beside the pages, to whichever port the office's server listens on now.
function addApi(office) {
  office.base = () => `http://127.0.0.1:${office.port}`;

  office.http = async (method, urlPath, { token, body } = {}) => {
    // No keep-alive: an idle kept-alive connection delays the server's SIGTERM shutdown.
    const headers = { Connection: "close" };
    if (token) headers.Authorization = "Bearer " + token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(office.base() + "/api/v1" + urlPath, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    return { status: res.status, data };
  };

  office.login = async (name, password) => {
    const r = await office.http("POST", "/auth/login", { body: { username: name, password } });
    if (r.status !== 200) throw new Error(`login ${name}: ${r.status} ${JSON.stringify(r.data)}`);
    return r.data.token;
  };

  office.issue = async (service, extra = {}) => {
    const r = await office.http("POST", "/tickets", { token: KIOSK_KEY, body: { service, ...extra } });
    if (r.status !== 201) throw new Error(`issue ${service}: ${r.status} ${JSON.stringify(r.data)}`);
    await office.http("POST", `/tickets/${r.data.ticket.id}/print`, { token: KIOSK_KEY, body: { status: "printed" } });
    return r.data.ticket;
  };
}
