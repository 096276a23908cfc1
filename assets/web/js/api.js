// API client for the staff console: bearer token from sessionStorage, JSON in and out,
// {"error": {code, message, field}} turned into ApiError, 401 anywhere sends the browser back
// to the login page, and a connection monitor that notices when the server cannot be reached
// and probes /health with backoff until it answers again.
"use strict";

const TOKEN_KEY = "loket.token";
const USER_KEY = "loket.user";
export const API_BASE = "/api/v1";

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  },
  get user() {
    try {
      return JSON.parse(sessionStorage.getItem(USER_KEY) || "null");
    } catch {
      return null;
    }
  },
  save(login) {
    sessionStorage.setItem(TOKEN_KEY, login.token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(login.user));
  },
  setUser(user) {
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};

const ROLE_RANK = { staff: 1, supervisor: 2, admin: 3 };
export function roleAtLeast(user, role) {
  return !!user && (ROLE_RANK[user.role] || 0) >= ROLE_RANK[role];
}
// The page a role lands on after logging in.
export function landingPage(user) {
  if (roleAtLeast(user, "admin")) return "admin.html";
  if (roleAtLeast(user, "supervisor")) return "supervisor.html";
  return "counter.html";
}

export class ApiError extends Error {
  constructor(status, code, message, field, details) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.field = field || "";
    this.details = details || {}; // the whole error object, e.g. {holder: {name}}
  }
}

// How long a request may take. An action (POST/PUT/PATCH) that got no answer is reported as
// failed and never sent again; its Loket-Deadline header makes the server refuse it if it only
// arrives later (a stalled server), so a click the user was told failed never acts late. The
// client waits a little longer than the deadline for the reply of a request acted on in time.
export const TIMEOUTS = { readMs: 10000, actionMs: 6000, deadlineMs: 4500, probeMs: 4000 };

// The server's clock as this PC sees it (ui.js syncClock sets it from GET /office's "now").
export const serverClock = { skewMs: 0, known: false };
export function setServerClock(serverNowMs) {
  serverClock.skewMs = serverNowMs - Date.now();
  serverClock.known = true;
}

// fetch() that gives up after ms: rejects with an Error named "TimeoutError".
async function fetchWithin(url, init, ms) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } catch (e) {
    if (controller.signal.aborted) {
      const timeout = new Error("no answer within " + ms + " ms");
      timeout.name = "TimeoutError";
      throw timeout;
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// 0.5 s, 1 s, 2 s, 4 s, then 5 s, each with ±20 % jitter so many consoles do not retry in step.
export function backoffDelay(attempt) {
  const base = Math.min(5000, 500 * 2 ** Math.min(attempt, 4));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

// ---------------------------------------------------------------------------------------------
// Connection state: "down" when a request could not reach the server, "up" when it answers again.

class Connection extends EventTarget {
  constructor() {
    super();
    this.online = true;
    this.probing = false;
  }
  // A request failed at the network level (or with 502/503/504 from a proxy).
  reportDown() {
    if (this.online) {
      this.online = false;
      this.dispatchEvent(new Event("down"));
    }
    this.probe();
  }
  reportUp() {
    if (!this.online) {
      this.online = true;
      this.dispatchEvent(new Event("up"));
    }
  }
  // Resolves once the server answers (at once when it already does).
  whenUp() {
    if (this.online) return Promise.resolve();
    return new Promise((resolve) => this.addEventListener("up", () => resolve(), { once: true }));
  }
  async probe() {
    if (this.probing) return;
    this.probing = true;
    try {
      for (let attempt = 0; !this.online; attempt++) {
        await sleep(backoffDelay(attempt));
        if (this.online) break;
        try {
          const res = await fetchWithin(API_BASE + "/health", { cache: "no-store" }, TIMEOUTS.probeMs);
          if (res.ok) this.reportUp();
        } catch {
          // still unreachable: try again after the next delay
        }
      }
    } finally {
      this.probing = false;
    }
  }
}
export const connection = new Connection();

// Sends the browser to the login page with a reason it can show.
export function toLogin(reason) {
  session.clear();
  const target = "index.html" + (reason ? "?reason=" + encodeURIComponent(reason) : "");
  location.replace(target);
}

// One request. Options: body (JSON), retry (default: true for GET) — a retried request waits
// for the connection to come back and tries again, forever; a request without retry throws an
// ApiError with code "network" when the server cannot be reached, or "timeout" when it did not
// answer in time (a hung server: the banner shows as for a refused connection). headers are
// added to the request's own. timeoutMs
// replaces the usual wait for an action the server itself bounds by a device's timeouts
// (printing on a counter printer).
export async function request(method, path, options = {}) {
  const retry = options.retry ?? method === "GET";
  const action = method !== "GET";
  const headers = { Accept: "application/json" };
  const token = session.token;
  if (token) headers.Authorization = "Bearer " + token;
  // Extra headers an action needs, such as its Idempotency-Key.
  Object.assign(headers, options.headers || {});
  let body;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  for (let attempt = 0; ; attempt++) {
    let res;
    try {
      if (action && serverClock.known) {
        headers["Loket-Deadline"] = String(Date.now() + serverClock.skewMs + TIMEOUTS.deadlineMs);
      }
      res = await fetchWithin(
        API_BASE + path,
        { method, headers, body, cache: "no-store" },
        options.timeoutMs ?? (action ? TIMEOUTS.actionMs : TIMEOUTS.readMs),
      );
    } catch (e) {
      connection.reportDown();
      const timedOut = e && e.name === "TimeoutError";
      if (!retry) throw new ApiError(0, timedOut ? "timeout" : "network", String(e && e.message ? e.message : e));
      await connection.whenUp();
      continue;
    }
    if (res.status === 502 || res.status === 504) {
      // A proxy in front answered for a server that is away.
      connection.reportDown();
      if (!retry) throw new ApiError(0, "network", "HTTP " + res.status);
      await connection.whenUp();
      continue;
    }
    connection.reportUp();
    let data = null;
    const text = await res.text();
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (res.ok) return data;
    const error = data && data.error ? data.error : {};
    if (res.status === 401 && !options.allow401) {
      toLogin("expired");
      throw new ApiError(401, error.code || "unauthorized", error.message);
    }
    if (res.status === 503 && retry && error.code !== "storage_unavailable" && attempt < 5) {
      await sleep(backoffDelay(attempt));
      continue;
    }
    throw new ApiError(res.status, error.code || "http_" + res.status, error.message || res.statusText, error.field, error);
  }
}

export const api = {
  get: (path, options) => request("GET", path, options),
  post: (path, body, options = {}) => request("POST", path, { ...options, body: body ?? {} }),
  put: (path, body, options = {}) => request("PUT", path, { ...options, body }),
  patch: (path, body, options = {}) => request("PATCH", path, { ...options, body }),
};

// Makes sure someone is logged in (and may see this page); returns the user from /auth/me.
export async function requireLogin(minRole = "staff") {
  if (!session.token) {
    toLogin("login");
    throw new ApiError(401, "unauthorized", "not logged in");
  }
  const me = await api.get("/auth/me");
  // counter: the counter this user still operates (a console returns to it after a new login).
  const user = { name: me.name, role: me.role, counter: me.counter ?? null };
  session.setUser(user);
  if (!roleAtLeast(user, minRole)) {
    location.replace(landingPage(user));
    throw new ApiError(403, "forbidden", "this page needs " + minRole);
  }
  return user;
}

export async function logout() {
  try {
    await api.post("/auth/logout", {}, { retry: false, allow401: true });
  } catch {
    // logging out locally is enough when the server is away
  }
  session.clear();
  location.replace("index.html?reason=logout");
}
