// Server-Sent Events over fetch(): EventSource cannot send "Authorization: Bearer", which the
// server requires, so the stream is read with fetch + ReadableStream and parsed here.
// EventStream reconnects by itself and resumes with the Last-Event-ID header, so the server
// replays every event missed while the connection was down.
"use strict";

import { API_BASE, TIMEOUTS, connection, session, sleep, toLogin } from "./api.js";

// A stream silent for this many of the server's keep-alive intervals (its Loket-Keep-Alive
// header, seconds) is taken as lost: the server hung, or the connection died half-open.
export const KEEP_ALIVE_MISSES = 2.5;

// Incremental parser for the text/event-stream format (WHATWG HTML, "event stream
// interpretation"): lines end with CRLF, LF or CR; "field: value" with one optional space;
// comments start with ":"; a blank line dispatches the event. onEvent({id, type, data}).
export class SseParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = "";
    this.data = [];
    this.type = "";
    this.lastId = "";
    this.hasData = false;
    this.pendingCR = false;
    this.retry = null;
  }

  feed(text) {
    let input = text;
    // A CR ending the previous chunk may be the first half of CRLF.
    if (this.pendingCR && input.startsWith("\n")) input = input.slice(1);
    this.pendingCR = false;
    this.buffer += input;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== "\n" && c !== "\r") continue;
      this.line(this.buffer.slice(start, i));
      if (c === "\r") {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === "\n") i++;
        } else {
          this.pendingCR = true;
        }
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  line(text) {
    if (text === "") {
      this.dispatch();
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    let field = text;
    let value = "";
    if (colon >= 0) {
      field = text.slice(0, colon);
      value = text.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
    }
    switch (field) {
      case "event":
        this.type = value;
        break;
      case "data":
        this.data.push(value);
        this.hasData = true;
        break;
      case "id":
        if (!value.includes("\0")) this.lastId = value;
        break;
      case "retry":
        if (/^[0-9]+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
  }

  dispatch() {
    if (this.hasData) {
      this.onEvent({ id: this.lastId, type: this.type || "message", data: this.data.join("\n") });
    }
    this.data = [];
    this.type = "";
    this.hasData = false;
  }
}

// The live event stream of /api/v1/events. Options:
//   onEvent(event)  event = {id, type, at, payload} as the server sends it (parsed data)
//   lastEventId     where to resume from (the server replays everything after it)
//   idleMs          reconnect when nothing (not even a keep-alive) arrived for this long;
//                   replaced by KEEP_ALIVE_MISSES x the interval the server announces
// A connection whose reply does not start within TIMEOUTS.readMs, or a stream gone silent,
// counts as the server being unreachable (the banner shows until it answers again).
export class EventStream {
  constructor({ onEvent, lastEventId = "", idleMs = 40000 }) {
    this.onEvent = onEvent;
    this.lastEventId = String(lastEventId ?? "");
    this.idleMs = idleMs;
    this.stopped = true;
    this.controller = null;
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop();
  }

  stop() {
    this.stopped = true;
    if (this.controller) this.controller.abort();
  }

  async loop() {
    let failures = 0;
    while (!this.stopped) {
      const outcome = await this.connectOnce();
      if (this.stopped) return;
      if (outcome === "unauthorized") {
        toLogin("expired");
        return;
      }
      if (outcome === "ended") {
        // The server closed the stream (restart, shutdown): reconnect at once; if it is
        // really away the next attempt fails and the banner shows.
        failures = 0;
        await sleep(100);
        continue;
      }
      failures++;
      if (outcome === "network") {
        connection.reportDown();
        await connection.whenUp();
      } else {
        await sleep(Math.min(5000, 500 * failures));
      }
    }
  }

  // One connection: resolves with "ended" (closed by the server or idle), "network" (could not
  // connect or the connection broke), "unauthorized", or "refused" (other HTTP error).
  async connectOnce() {
    const controller = new AbortController();
    this.controller = controller;
    let idleTimer = null;
    const touch = (ms = this.idleMs) => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => controller.abort(), ms);
    };
    const headers = { Accept: "text/event-stream", Authorization: "Bearer " + session.token };
    if (this.lastEventId) headers["Last-Event-ID"] = this.lastEventId;
    touch(TIMEOUTS.readMs);
    try {
      const res = await fetch(API_BASE + "/events", {
        headers,
        cache: "no-store",
        signal: controller.signal,
      });
      if (res.status === 401) return "unauthorized";
      if (!res.ok || !res.body) return res.status === 502 || res.status === 504 ? "network" : "refused";
      const keepAlive = Number(res.headers.get("Loket-Keep-Alive"));
      if (keepAlive > 0) this.idleMs = Math.max(2000, KEEP_ALIVE_MISSES * keepAlive * 1000);
      connection.reportUp();
      touch();
      const parser = new SseParser((raw) => {
        if (raw.id) this.lastEventId = raw.id;
        let event;
        try {
          event = JSON.parse(raw.data);
        } catch {
          return;
        }
        if (!event.type) event.type = raw.type;
        try {
          this.onEvent(event);
        } catch (e) {
          console.error("event handler failed", e);
        }
      });
      const reader = res.body.getReader();
      const decoder = new TextDecoder("utf-8");
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        touch();
        parser.feed(decoder.decode(value, { stream: true }));
      }
      parser.feed(decoder.decode());
      return "ended";
    } catch (e) {
      // Broken, or silent past its keep-alives (a hung server, a half-open connection): lost.
      // The banner shows until /health answers again, then the stream reconnects and resumes.
      return "network";
    } finally {
      clearTimeout(idleTimer);
      if (this.controller === controller) this.controller = null;
    }
  }
}
