// The performance report page (laporan.html) in real Chromium, after the day the other
// journeys made: opened from the supervisor's menu, the cards and tables against the summary
// JSON, both charts drawn by Debian's Chart.js (pixels on the canvas), the heatmap, a wrong
// custom range refused in Indonesian, every table downloaded as CSV and XLSX and read back
// (the XLSX with Python's zipfile), and the monthly report printed to an A4 PDF. Then the
// public performance page (kinerja.html): no login, and none of the day's personal data or
// staff names anywhere in it or its JSON.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const idNumber = (value, places) => new Intl.NumberFormat("id-ID", { minimumFractionDigits: places, maximumFractionDigits: places }).format(value);
const idShare = (v) => (v === null || v === undefined ? "–" : idNumber(v * 100, 1) + "%");
const idMinutes = (v) => (v === null || v === undefined ? "–" : idNumber(v, 1) + " menit");

// The cells of an XLSX sheet as text rows, read with Python's zipfile: shared strings and
// inline numbers, in sheet order.
function readXlsx(file) {
  const script = `
import json, sys, zipfile, re
from xml.etree import ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1])
shared = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
        shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
rows = []
for row in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}row" % ns["m"]):
    cells = []
    for c in row.findall("m:c", ns):
        v = c.find("m:v", ns)
        text = "" if v is None else v.text
        if c.get("t") == "s":
            text = shared[int(text)]
        elif c.get("t") == "inlineStr":
            text = "".join(t.text or "" for t in c.iter("{%s}t" % ns["m"]))
        cells.append(text)
    rows.append(cells)
print(json.dumps(rows))
`;
  return JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, file], { encoding: "utf8" }));
}

// A CSV file's rows (RFC 4180 quoting), without the UTF-8 byte order mark.
function readCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

export async function reportJourney(ctx) {
  const { test, assert, browser, newPage, uiLogin, http, login, base, SHOTS, PASSWORDS, personalData } = ctx;
  // Staff accounts of the suite: never on a public page (as whole words: "siti" is inside
  // "posisi").
  const staffNames = /\b(siti|dewi|rina|admin)\b/i;
  const page = await newPage(browser, 1366, 900);
  let token = "";
  let summary = null;
  let office = null;

  await test("report: the supervisor opens it from the menu; cards and tables match the summary JSON", async () => {
    token = await login("rina", PASSWORDS.rina);
    office = (await http("GET", "/office")).data;
    const from = office.local_date.slice(0, 8) + "01";
    const reply = await http("GET", `/reports/summary?from=${from}&to=${office.local_date}`, { token });
    assert(reply.status === 200, `summary: ${reply.status} ${JSON.stringify(reply.data)}`);
    summary = reply.data;
    assert(summary.totals.issued > 0 && summary.totals.served > 0, "the other journeys' tickets are counted: " + JSON.stringify(summary.totals));
    await uiLogin(page, "rina", PASSWORDS.rina);
    await page.waitForURL("**/supervisor.html");
    await page.click('#nav a[href="laporan.html"]');
    await page.waitForURL("**/laporan.html");
    await page.locator("#report:not([hidden])").waitFor();
    const cardValue = async (name) => (await page.locator(`[data-card="${name}"] .rep-card-value`).textContent()).trim();
    assert((await cardValue("issued")) === new Intl.NumberFormat("id-ID").format(summary.totals.issued), "issued card: " + (await cardValue("issued")));
    assert((await cardValue("wait")) === idMinutes(summary.totals.wait.mean), `wait card ${await cardValue("wait")} vs ${summary.totals.wait.mean}`);
    assert((await cardValue("within_target")) === idShare(summary.totals.within_target_share), "within-target card: " + (await cardValue("within_target")));
    assert((await cardValue("no_show")) === idShare(summary.totals.no_show_rate), "no-show card");
    // One row per service, in the JSON's order, with its mean wait.
    const rows = await page.locator("#services-table tbody tr").allTextContents();
    assert(rows.length === summary.services.length, `${rows.length} service rows for ${summary.services.length} services`);
    summary.services.forEach((s, i) => assert(rows[i].includes(s.name) && rows[i].includes(idMinutes(s.wait.mean)), `row ${i}: ${rows[i]}`));
    const staffRows = await page.locator("#staff-table tbody tr").allTextContents();
    assert(summary.staff.every((s) => staffRows.some((r) => r.startsWith(s.name))), "every staff member has a row");
    const dayRows = await page.locator("#days-table tbody tr").count();
    assert(dayRows === summary.days.length, `${dayRows} day rows for ${summary.days.length} days`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 1, `the report fits a 1366 px screen (${overflow} px too wide)`);
    const header = await page.locator("header.topbar").innerText();
    assert(!/null|undefined/.test(header), "top bar: " + header);
    const text = await page.locator("#report").innerText();
    assert(!/undefined|NaN|null/.test(text), "no undefined/NaN/null on the page");
  });

  await test("report: both charts are drawn by Chart.js and the heatmap shows the arrivals", async () => {
    const drawn = await page.evaluate(() =>
      ["trend-chart", "services-chart"].map((id) => {
        const canvas = document.getElementById(id);
        const chart = window.Chart && window.Chart.getChart(canvas);
        const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
        return { id, chart: Boolean(chart), width: canvas.width, inked };
      }),
    );
    for (const c of drawn) assert(c.chart && c.width > 200 && c.inked > 2000, "chart drawn: " + JSON.stringify(c));
    const arrivals = summary.heatmap.arrivals.flat().reduce((a, b) => a + (b || 0), 0);
    assert(arrivals === summary.totals.issued, `heatmap arrivals ${arrivals} = issued ${summary.totals.issued}`);
    const cells = await page.locator("#heat-arrivals tbody td").allTextContents();
    const shown = cells.reduce((a, c) => a + (c ? Number(c.replace(/\./g, "")) : 0), 0);
    assert(shown === arrivals, `heatmap cells add up to ${shown}, want ${arrivals}`);
    await page.screenshot({ path: path.join(SHOTS, "report-1366x900.png"), fullPage: true });
  });

  await test("report: a custom range that ends before it starts is refused in Indonesian", async () => {
    await page.selectOption("#range", "custom");
    await page.fill("#from", office.local_date);
    await page.fill("#to", "2020-01-01");
    await page.click("#show");
    await page.locator("#message", { hasText: "Tanggal awal tidak boleh sesudah tanggal akhir" }).waitFor();
    const server = await http("GET", `/reports/summary?from=${office.local_date}&to=2020-01-01`, { token });
    assert(server.status === 400 && server.data.error && server.data.error.message, "the server refuses too: " + JSON.stringify(server.data));
    await page.selectOption("#range", "month");
    await page.locator("#message:empty").waitFor({ state: "attached" });
  });

  await test("report: every table downloads as CSV and XLSX and reads back", async () => {
    const tables = { services: summary.services.length, counters: summary.counters.length, staff: summary.staff.length, days: summary.days.length };
    for (const [table, count] of Object.entries(tables)) {
      for (const extension of ["csv", "xlsx"]) {
        const [download] = await Promise.all([page.waitForEvent("download"), page.click(`[data-download="${table}.${extension}"]`)]);
        const file = path.join(SHOTS, "report-" + download.suggestedFilename());
        await download.saveAs(file);
        assert(download.suggestedFilename().endsWith("." + extension), "file name " + download.suggestedFilename());
        const rows = extension === "csv" ? readCsv(fs.readFileSync(file, "utf8")) : readXlsx(file);
        // A heading row, then one row per item of the JSON (a totals row may follow).
        assert(rows.length >= count + 1, `${table}.${extension}: ${rows.length} rows for ${count} items`);
        if (table === "services") summary.services.forEach((s) => assert(rows.some((r) => r.some((c) => c === s.id || c === s.name)), `${extension} lists ${s.id}`));
      }
    }
    const [visits] = await Promise.all([page.waitForEvent("download"), page.click("#visits-csv")]);
    const visitsFile = path.join(SHOTS, "report-" + visits.suggestedFilename());
    await visits.saveAs(visitsFile);
    const visitRows = readCsv(fs.readFileSync(visitsFile, "utf8"));
    assert(visitRows.length > summary.totals.served, `visits: ${visitRows.length - 1} rows, served ${summary.totals.served}`);
    const flat = fs.readFileSync(visitsFile, "utf8");
    for (const secret of personalData) assert(!flat.includes(secret), "the visit export holds no personal data: " + secret);
  });

  await test("report: the monthly report prints on A4 with its charts and signature", async () => {
    await page.selectOption("#range", "pick_month");
    await page.selectOption("#month", office.local_date.slice(0, 7));
    await page.locator("#report-range", { hasText: "Bulan" }).waitFor();
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(SHOTS, "report-print.png"), fullPage: true });
    const hiddenInPrint = await page.evaluate(() => getComputedStyle(document.querySelector("#choose")).display);
    assert(hiddenInPrint === "none", "the choice form is not printed");
    await page.emulateMedia({ media: "screen" });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const file = path.join(SHOTS, "report-monthly.pdf");
    fs.writeFileSync(file, pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert(pages >= 1 && pages <= 6, `the monthly report takes ${pages} A4 pages`);
  });

  await test("open data: the public page and its JSON show the office's figures without personal data", async () => {
    const open = await http("GET", "/open-data");
    assert(open.status === 200, "open data without login: " + open.status);
    const json = JSON.stringify(open.data);
    for (const secret of personalData) assert(!json.includes(secret), "no personal data in the JSON: " + secret);
    assert(!staffNames.test(json), "no staff names in the JSON: " + json.match(staffNames));
    const visitor = await newPage(browser, 1280, 800);
    await visitor.goto(base() + "/kinerja.html");
    await visitor.locator("#today tbody tr").first().waitFor();
    const text = await visitor.locator("body").innerText();
    for (const secret of personalData) assert(!text.includes(secret), "no personal data on the page: " + secret);
    assert(!staffNames.test(text), "no staff names on the page: " + text.match(staffNames));
    assert(text.includes(office.name), "the office is named");
    assert(!/undefined|NaN|null/.test(text), "no undefined/NaN/null on the public page");
    await visitor.screenshot({ path: path.join(SHOTS, "open-data-1280x800.png"), fullPage: true });
    const phone = await newPage(browser, 390, 844);
    await phone.goto(base() + "/kinerja.html");
    await phone.locator("#today tbody tr").first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 1, `the public page fits a phone (${overflow} px too wide)`);
    await phone.screenshot({ path: path.join(SHOTS, "open-data-390x844.png"), fullPage: true });
    await phone.close();
    await visitor.close();
  });
  await page.close();
}
