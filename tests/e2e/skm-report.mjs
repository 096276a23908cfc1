// The SKM report page (laporan-skm.html) in real Chromium: responses seeded through the API
// for finished visits, the figures on the page against the report JSON and the worked-out
// values, a follow-up added and edited, and the printed report (A4 PDF, and a print-media
// screenshot to look at) with its signature block.
import fs from "node:fs";
import path from "node:path";

const SERVICE = "pengambilan";
const COUNTER = 4; // Pengambilan in tests/support/always-open.toml
const PERMIT = "pelalawan-iumk"; // the second visit was about this permit
// Three respondents of the worked example in docs/skm.md: 30, 28 and 34 points.
const SCORES = [
  [4, 3, 3, 4, 3, 4, 4, 2, 3],
  [3, 3, 2, 4, 3, 3, 4, 3, 3],
  [4, 4, 3, 4, 4, 4, 4, 3, 4],
];
const ELEMENTS = ["persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana"];

const idNumber = (value, places) => new Intl.NumberFormat("id-ID", { minimumFractionDigits: places, maximumFractionDigits: places }).format(value);

export async function skmReportJourney(ctx) {
  const { test, assert, browser, newPage, uiLogin, http, login, issue, SHOTS, PASSWORDS } = ctx;
  const api = async (method, urlPath, token, body) => {
    const r = await http(method, urlPath, { token, body });
    if (r.status >= 400) throw new Error(`${method} ${urlPath}: ${r.status} ${JSON.stringify(r.data)}`);
    return r.data;
  };
  let rinaToken = "";
  let period = "";
  let report = null;
  const page = await newPage(browser, 1366, 900);

  await test("SKM setup: three finished Pengambilan visits answer the survey (API)", async () => {
    rinaToken = await login("rina", PASSWORDS.rina);
    // The supervisor serves at Pengambilan: it may take the counter over from its clerk.
    const serving = rinaToken;
    const c = await api("GET", `/counters/${COUNTER}`, serving);
    if (c.state === "closed") await api("POST", `/counters/${COUNTER}/open`, serving, {});
    else await api("POST", `/counters/${COUNTER}/take-over`, serving, {});
    // Other journeys answer Pengambilan surveys too (the counter's tablet, the receipt's QR):
    // what this one adds is checked against the report before it.
    const office = await api("GET", "/office");
    const month = Number(office.local_date.slice(5, 7));
    period = office.local_date.slice(0, 4) + (month > 6 ? "-S2" : "-S1");
    const before = await api("GET", `/survey/report?period=${period}&service=${SERVICE}`, rinaToken);
    const again = await api("GET", `/counters/${COUNTER}`, serving);
    if (again.state === "paused") await api("POST", `/counters/${COUNTER}/resume`, serving, {});
    if (again.current) await api("POST", `/counters/${COUNTER}/finish`, serving, {});
    for (const [i, scores] of SCORES.entries()) {
      const ticket = await issue(SERVICE, i === 1 ? { permit_id: PERMIT } : {});
      await api("POST", `/counters/${COUNTER}/call`, serving, { number: ticket.number });
      await api("POST", `/counters/${COUNTER}/finish`, serving, {});
      const answers = Object.fromEntries(ELEMENTS.map((e, k) => [e, scores[k]]));
      await api("POST", "/survey/responses", null, {
        token: ticket.status_token,
        answers,
        profile: { age: 30 + i * 10, sex: i === 1 ? "L" : "P", education: "s1", occupation: "swasta" },
        saran: i === 0 ? "Ruang tunggu perlu kipas angin." : undefined,
      });
    }
    await api("POST", `/counters/${COUNTER}/close`, serving, {});
    report = await api("GET", `/survey/report?period=${period}&service=${SERVICE}`, rinaToken);
    assert(report.respondents === before.respondents + 3, `three respondents more than ${before.respondents}, got ${report.respondents}`);
    // Each element's sum grows by exactly these three answers.
    for (const [k, id] of ELEMENTS.entries()) {
      const was = before.index ? before.index.elements.find((e) => e.id === id) : { score_sum: 0, answers: 0 };
      const now = report.index.elements.find((e) => e.id === id);
      const added = SCORES.reduce((sum, scores) => sum + scores[k], 0);
      assert(now.score_sum - was.score_sum === added && now.answers - was.answers === 3, `${id}: ${JSON.stringify(was)} -> ${JSON.stringify(now)}`);
    }
    if (before.respondents === 0) {
      // Alone in the period, the worked example: 92 points x 0,111 / 3 = 3,404 → 85,10, grade B.
      assert(report.index.converted === 85.1 && report.index.grade === "B", "IKM " + JSON.stringify(report.index));
    }
  });

  await test("SKM report: the supervisor opens it from the menu; figures match the report JSON", async () => {
    await uiLogin(page, "rina", PASSWORDS.rina);
    await page.waitForURL("**/supervisor.html");
    await page.click('#nav a[href="laporan-skm.html"]');
    await page.waitForURL("**/laporan-skm.html");
    await page.locator("#report:not([hidden])").waitFor();
    await page.selectOption("#period-kind", "semester");
    await page.selectOption("#period-key", period);
    await page.selectOption("#service", SERVICE);
    await page.click('#choose button[type="submit"]');
    await page.locator("#report-service", { hasText: "Pengambilan" }).waitFor();
    assert((await page.locator("#respondents").innerText()) === String(report.respondents), "respondents");
    assert((await page.locator("#ikm-converted").innerText()) === idNumber(report.index.converted, 2), "converted IKM " + (await page.locator("#ikm-converted").innerText()));
    assert((await page.locator("#ikm").innerText()) === idNumber(report.index.ikm, 4), "IKM");
    assert((await page.locator("#grade").innerText()).startsWith(`${report.index.grade} (${report.index.quality})`), "grade");
    for (const e of report.index.elements) {
      const row = page.locator(`#element-rows tr[data-element="${e.id}"]`);
      assert((await row.locator('[data-figure="nrr"]').innerText()) === idNumber(e.nrr, 4), "NRR " + e.id);
      assert((await row.locator('[data-figure="weighted"]').innerText()) === idNumber(e.weighted_nrr, 4), "weighted " + e.id);
      assert((await row.locator('[data-figure="converted"]').innerText()) === idNumber(e.converted, 2), "converted " + e.id);
    }
    // The three weakest are marked, and only they.
    const weak = await page.locator("#element-rows tr.skm-weak").evaluateAll((rows) => rows.map((r) => r.dataset.element));
    assert(JSON.stringify(weak.sort()) === JSON.stringify([...report.weakest].sort()), "weakest " + weak);
    assert((await page.locator("#population").innerText()) === String(report.sample.population), "population");
    assert((await page.locator("#required").innerText()) === String(report.sample.required), "required sample");
    assert((await page.locator("#suggestions").innerText()).includes("Ruang tunggu perlu kipas angin."), "suggestion");
    await page.screenshot({ path: path.join(SHOTS, "skm-report.png"), fullPage: true });
    // A supervisor's laptop: the choice and the start of the table without scrolling sideways.
    await page.setViewportSize({ width: 1366, height: 768 });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(sideways <= 0, "wider than 1366 px by " + sideways);
    await page.screenshot({ path: path.join(SHOTS, "skm-report-1366x768.png") });
  });

  await test("SKM report: narrowed to one permit, the page shows that permit's figures", async () => {
    const narrowed = await api("GET", `/survey/report?period=${period}&service=${SERVICE}&permit=${PERMIT}`, rinaToken);
    assert(narrowed.respondents >= 1 && narrowed.respondents < report.respondents, "permit respondents " + narrowed.respondents);
    await page.selectOption("#permit", PERMIT);
    await page.click('#choose button[type="submit"]');
    await page.locator("#report-permit:not([hidden])", { hasText: narrowed.permit.name }).waitFor();
    await page.locator("#respondents", { hasText: String(narrowed.respondents) }).waitFor();
    assert((await page.locator("#ikm-converted").innerText()) === idNumber(narrowed.index.converted, 2), "permit IKM");
    assert((await page.locator("#population").innerText()) === String(narrowed.sample.population), "permit population");
    // Back to every permit of the service for the steps below.
    await page.selectOption("#permit", "");
    await page.click('#choose button[type="submit"]');
    await page.locator("#report-permit[hidden]").waitFor({ state: "attached" });
    await page.locator("#respondents", { hasText: String(report.respondents) }).waitFor();
  });

  await test("SKM report: add a follow-up for the weakest element, then edit it", async () => {
    await page.selectOption("#fu-element", report.weakest[0]);
    await page.fill("#fu-action", "Menambah petugas pada jam sibuk.");
    await page.fill("#fu-owner", "Kepala Seksi Pelayanan");
    await page.fill("#fu-deadline", period.slice(0, 4) + "-12-31");
    await page.selectOption("#fu-status", "direncanakan");
    await page.fill("#fu-percent", "0");
    await page.click("#fu-save");
    const row = page.locator("#follow-up-rows tr[data-follow-up]");
    await row.waitFor();
    assert((await row.innerText()).includes("Menambah petugas pada jam sibuk."), "added row");
    await row.locator("button.edit-follow-up").click();
    await page.selectOption("#fu-status", "berjalan");
    await page.fill("#fu-percent", "40");
    await page.click("#fu-save");
    await page.locator("#follow-up-rows tr[data-follow-up]", { hasText: "40%" }).waitFor();
    assert((await page.locator("#follow-up-rows tr[data-follow-up]").count()) === 1, "edited in place, not added");
    const plans = await api("GET", `/survey/follow-ups?period=${period}`, rinaToken);
    assert(plans.follow_ups.length === 1 && plans.follow_ups[0].percent_done === 40 && plans.follow_ups[0].status === "berjalan", "stored " + JSON.stringify(plans));
  });

  await test("SKM publication: the admin shows the index and writes the Maklumat Pelayanan on the settings page; the public route gives them", async () => {
    const admin = await newPage(browser, 1366, 768);
    await uiLogin(admin, "admin", PASSWORDS.admin);
    await admin.waitForURL("**/admin.html");
    // The tabs answer once the page has its user and accounts (a click before then is lost).
    await admin.locator('#users-body tr[data-user="admin"]').waitFor();
    await admin.click("#tab-settings");
    const show = admin.locator('[data-field="publication.show_ikm"]');
    await show.waitFor();
    assert(!(await show.isChecked()), "off by default");
    await show.check();
    const pledge = "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan.\nApabila tidak menepati, kami siap menerima sanksi.";
    await admin.fill('[data-field="publication.maklumat"]', pledge);
    await admin.locator('[data-field="publication.maklumat"]').scrollIntoViewIfNeeded();
    await admin.click("#save-settings");
    await admin.locator("#settings-message:not(.error):not([hidden])").waitFor();
    await admin.screenshot({ path: path.join(SHOTS, "admin-settings-publication-1366x768.png") });
    const published = await api("GET", "/survey/publication");
    assert(published.show_ikm === true && published.maklumat === pledge, "published " + JSON.stringify(published));
    // The semester's responses give the index (this one while the last semester has none).
    assert(published.respondents >= 1 && typeof published.ikm === "number" && published.grade, "index " + JSON.stringify(published));
    await admin.close();
  });

  await test("SKM report: printed on A4 with the follow-up plan and the signature block", async () => {
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(SHOTS, "skm-report.pdf"), pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert(pages >= 1 && pages <= 3, "pages: " + pages);
    // The print layout as a picture to look at: A4 width at 96 dpi less the margins.
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 680, height: 1000 });
    assert(await page.locator(".topbar").isHidden(), "no console header on paper");
    assert(await page.locator("#follow-up-form").isHidden(), "no form on paper");
    const signature = await page.locator(".skm-signature").innerText();
    assert(signature.includes("Kepala DPMPTSP Kabupaten Uji") && signature.includes("NIP"), "signature: " + signature);
    // Nothing wider than the paper.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(overflow <= 0, "wider than A4 by " + overflow + " px");
    await page.screenshot({ path: path.join(SHOTS, "skm-report-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
  });
}
