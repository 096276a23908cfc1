// The checks of the console's files that need no browser and no server: the text tables
// against the keys the pages use, the wording rules (KBBI, PUEBI), the dialogs' verbs, and the
// event-stream parser.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { assert } from "../steps.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const WEB = path.join(ROOT, "assets", "web");

// Every text key the pages use: t("...") calls, data-i18n attributes, the keys they build.
function usedTextKeys() {
  const keys = new Set();
  const files = [
    ...fs.readdirSync(path.join(WEB, "js")).map((f) => path.join(WEB, "js", f)),
    ...fs.readdirSync(WEB).filter((f) => f.endsWith(".html") && f !== "status.html").map((f) => path.join(WEB, f)),
  ];
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(/\bt[f]?\("([a-z_]+(?:\.[a-z_A-Z]+)+)"/g)) keys.add(m[1]);
    for (const m of source.matchAll(/data-i18n(?:-[a-z-]+)?="([a-z_.]+)"/g)) keys.add(m[1]);
    for (const m of source.matchAll(/"((?:action|pause\.reason|nav|login|users|survey)\.[a-z_.]+)"/g)) keys.add(m[1]);
  }
  for (const s of ["waiting", "called", "serving", "done", "no_show", "cancelled"]) keys.add("ticket.state." + s);
  for (const s of ["open", "paused", "closed"]) keys.add("counter.state." + s);
  for (const s of ["lansia", "disabilitas", "ibu_hamil"]) keys.add("priority." + s);
  for (const s of ["staff", "supervisor", "admin"]) keys.add("role." + s);
  for (const s of ["pending", "printed", "printed_with_warning", "failed", "not_printed"]) keys.add("print." + s);
  for (const s of ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]) keys.add("day." + s);
  for (const s of ["WIB", "WITA", "WIT"]) keys.add("zone." + s);
  for (const s of ["not_yet", "answered", "closed"]) keys.add("survey." + s);
  for (const s of ["counter_busy", "invalid_credentials", "network", "not_found", "invalid_state"]) keys.add("err." + s);
  return keys;
}

// The pages' text tables: the module every page script imports (assets/web/i18n.js).
async function i18nTables() {
  return (await import(pathToFileURL(path.join(WEB, "i18n.js")).href)).TEXT;
}

// Every key used is in both tables; the wording rules hold in both.
async function textTableChecks(test) {
  await test("i18n: Indonesian and English tables have the same keys and every key the pages use", async () => {
    await import(pathToFileURL(path.join(WEB, "i18n-privasi.js")).href);
    const { id, en } = await i18nTables();
    const onlyId = Object.keys(id).filter((k) => !(k in en));
    const onlyEn = Object.keys(en).filter((k) => !(k in id));
    assert(!onlyId.length && !onlyEn.length, `keys in one table only: ${[...onlyId, ...onlyEn].join(", ")}`);
    const missing = [...usedTextKeys()].filter((k) => !(k in id));
    assert(!missing.length, `keys used but not in i18n.js: ${missing.join(", ")}`);
    // The supervisor's activity list words every event the server sends (its one list).
    const events = fs.readFileSync(path.join(ROOT, "shared", "include", "protocol", "loket", "event_names.hpp"), "utf8");
    const types = [...events.matchAll(/"([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]);
    const unworded = types.filter((type) => !("feed." + type in id));
    assert(types.length > 20 && !unworded.length, `events without an activity line: ${unworded.join(", ")}`);
  });

  await test("text: 'antrean' (KBBI) everywhere in the web pages, never 'antrian'", async () => {
    const files = [
      ...fs.readdirSync(WEB).filter((f) => /\.(html|js)$/.test(f)).map((f) => path.join(WEB, f)),
      ...fs.readdirSync(path.join(WEB, "js")).map((f) => path.join(WEB, "js", f)),
    ];
    const found = files.filter((f) => /antrian/i.test(fs.readFileSync(f, "utf8")));
    assert(!found.length, `'antrian' in ${found.map((f) => path.relative(WEB, f)).join(", ")}`);
  });

  await test("text: clock times read 22.50 (PUEBI), not 22:50", async () => {
    const TEXT = await i18nTables();
    const { formatClock, syncClock } = await import(pathToFileURL(path.join(WEB, "js", "ui.js")).href);
    syncClock({ utc_offset_minutes: 7 * 60 });
    const shown = formatClock(Date.UTC(2026, 11, 4, 15, 50));
    assert(shown === "22.50", `formatClock: ${shown}`);
    for (const lang of ["id", "en"]) {
      const times = Object.values(TEXT[lang]).filter((v) => /\b\d{2}:\d{2}\b/.test(v));
      assert(!times.length, `times with a colon (${lang}): ${times.join(" | ")}`);
    }
  });
}

async function dialogAndParserChecks(test) {
  await test("dialogs: each confirm button says the verb of the button that opened it", async () => {
    const TEXT = await i18nTables();
    const confirmKey = (page, id) => {
      const m = fs.readFileSync(path.join(WEB, page), "utf8").match(new RegExp(`id="${id}"[^>]*data-i18n="([^"]+)"`));
      assert(m, `${page} #${id} has a data-i18n text`);
      return m[1];
    };
    const pairs = [
      ["action.transfer", confirmKey("counter.html", "transfer-confirm")],
      ["action.call_number", confirmKey("counter.html", "call-number-confirm")],
      ["action.pause", confirmKey("counter.html", "pause-confirm")],
      ["sup.move", confirmKey("supervisor.html", "move-confirm")],
      ["sup.cancel", confirmKey("supervisor.html", "cancel-confirm")],
      ["users.set_password", confirmKey("admin.html", "password-confirm")],
    ];
    for (const lang of ["id", "en"]) {
      const table = TEXT[lang];
      for (const [opener, confirm] of pairs) {
        const a = table[opener].toLowerCase();
        const b = table[confirm].toLowerCase();
        const verb = (text) => text.split(/\s+/).filter((w) => !["mulai", "start"].includes(w))[0];
        assert(verb(a) === verb(b), `${lang}: "${table[opener]}" opens a dialog confirmed with "${table[confirm]}"`);
      }
    }
  });

  await test("SSE parser: CRLF, chunks split anywhere, comments, multi-line data, ids", async () => {
    const { SseParser } = await import(pathToFileURL(path.join(WEB, "js", "sse.js")).href);
    const stream = ": keep-alive\r\n\r\nid: 7\r\nevent: ticket.called\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\nid: 8\ndata:x\n\n: c\n\nevent: e\rdata: y\r\r";
    for (const size of [1, 2, 3, 5, stream.length]) {
      const events = [];
      const parser = new SseParser((e) => events.push(e));
      for (let i = 0; i < stream.length; i += size) parser.feed(stream.slice(i, i + size));
      const got = JSON.stringify(events);
      const want = JSON.stringify([
        { id: "7", type: "ticket.called", data: '{"a":\n1}' },
        { id: "8", type: "message", data: "x" },
        { id: "8", type: "e", data: "y" },
      ]);
      assert(got === want, `chunk size ${size}: ${got}`);
    }
  });
}

export async function staticChecks({ test }) {
  await textTableChecks(test);
  await dialogAndParserChecks(test);
}
