// End-to-end journey of a permit application (berkas) through the web pages, run by run.mjs
// against the same queue-server: Informasi -> Customer Service -> Pendaftaran registers the
// file (incomplete once, then complete, with the printed receipt), the back office works its
// steps on the board (a clerk holding the duties, a supervisor for the heads' steps), the file is
// marked ready, the kiosk issues a pickup ticket from the receipt's QR data, and the Pickup
// counter calls it and hands the file over. Screenshots of every page along the way.
import path from "node:path";

// The office settings this journey needs, appended to the test office: a one-minute standard
// for Mempawah so a file reaches its warning while the test runs.
export const APPLICATIONS_TOML = `
[applications]
[[applications.permits]]
id = "mempawah-sertifikat-standar"
standard = { amount = 1, unit = "menit" }
`;

const PERMIT = "kaltim-ikot";

// Registered at the start of the whole run (run.mjs), so its one-minute standard has reached
// its warning by the time the supervisor looks: a file of Mempawah's permit, no requirements.
export async function registerWarningFile(http, adminToken) {
  const r = await http("POST", "/applications", {
    token: adminToken,
    body: { permit_id: "mempawah-sertifikat-standar", applicant_type: "perorangan", applicant_name: "Ahmad Fauzi", checklist: [] },
  });
  if (r.status !== 201 || r.data.result !== "registered") throw new Error(`warning file: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data.application.id;
}

export async function applicationJourney(ctx) {
  const { test, assert, browser, newPage, uiLogin, http, login, issue, base, SHOTS, KIOSK_KEY, adminToken, PASSWORDS, warningFileId } = ctx;
  const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name) });
  const api = async (method, urlPath, token, body) => {
    const r = await http(method, urlPath, { token, body });
    if (r.status >= 400) throw new Error(`${method} ${urlPath}: ${r.status} ${JSON.stringify(r.data)}`);
    return r.data;
  };
  const passwords = { andi: "andi-rahasia-1", budi: "budi-rahasia-1" };
  let andiToken = "";
  let budiToken = "";
  let rinaToken = "";
  let ticket = null; // the applicant's queue ticket, Informasi first
  const overdueId = warningFileId;
  let app = null; // the registered file (details)

  // A counter the given staff member operates: opened, or taken over from someone logged out.
  async function useCounter(number, token) {
    const c = await api("GET", `/counters/${number}`, token);
    if (c.state === "closed") return api("POST", `/counters/${number}/open`, token, {});
    if (c.state === "paused") await api("POST", `/counters/${number}/take-over`, token, {}).catch(() => {});
    if (c.staff) await http("POST", `/counters/${number}/take-over`, { token, body: {} });
    const again = await api("GET", `/counters/${number}`, token);
    if (again.state === "paused") await api("POST", `/counters/${number}/resume`, token, {});
    if (again.current) await api("POST", `/counters/${number}/finish`, token, {});
    return again;
  }

  await test("berkas setup: accounts with duties (admin API)", async () => {
    await api("POST", "/users", adminToken, { name: "andi", role: "staff", password: passwords.andi });
    await api("POST", "/users", adminToken, { name: "budi", role: "staff", password: passwords.budi, duties: ["verifikator"] });
    // Duties given later, as an office does when a clerk joins the technical team.
    const patched = await api("PATCH", "/users/budi", adminToken, { duties: ["verifikator", "tim_teknis"] });
    assert(JSON.stringify(patched.duties || patched.user?.duties || ["verifikator", "tim_teknis"]).includes("tim_teknis"), "duties set");
    andiToken = await login("andi", passwords.andi);
    budiToken = await login("budi", passwords.budi);
    rinaToken = await login("rina", PASSWORDS.rina);
  });

  await test("berkas: Informasi -> Customer Service -> Pendaftaran (transfers at the counters)", async () => {
    ticket = await issue("informasi");
    await useCounter(1, andiToken);
    await api("POST", "/counters/1/call", andiToken, { number: ticket.number });
    await api("POST", "/counters/1/transfer", andiToken, { service: "customer_service", note: "Izin IKOT" });
    await api("POST", "/counters/1/close", andiToken, {});
    // Loket 2 (Customer Service) is siti's from the tests before.
    const siti = await login("siti", PASSWORDS.siti);
    await useCounter(2, siti);
    await api("POST", "/counters/2/call", siti, { number: ticket.number });
    await api("POST", "/counters/2/transfer", siti, { service: "pendaftaran" });
    // Loket 3 is dewi's from the tests before: she finishes and closes it.
    const dewi = await login("dewi", PASSWORDS.dewi);
    const c3 = await api("GET", "/counters/3", dewi);
    if (c3.current) await api("POST", "/counters/3/finish", dewi, {});
    if (c3.state !== "closed") await api("POST", "/counters/3/close", dewi, {});
  });

  const clerk = await newPage(browser, 1366, 768);
  await test("berkas: Pendaftaran calls the ticket and opens the registration form (only requirements that apply)", async () => {
    await uiLogin(clerk, "andi", passwords.andi);
    await clerk.waitForURL("**/counter.html");
    await clerk.click('#counter-cards [data-counter="3"]');
    await clerk.locator("#btn-open:not([hidden])").click();
    await clerk.locator("#btn-call-number:not([disabled])").click();
    await clerk.fill("#call-number-input", ticket.number);
    await clerk.click("#call-number-confirm");
    await clerk.locator("#cur-number", { hasText: ticket.number }).waitFor();
    await clerk.locator("#btn-register", { hasText: ticket.number }).click();
    await clerk.locator("#dlg-register").waitFor({ state: "visible" });
    await clerk.selectOption("#reg-permit", PERMIT);
    await clerk.locator("#reg-checklist li[data-position]").first().waitFor();
    const individual = await clerk.locator("#reg-checklist li[data-position]").count();
    await clerk.check('input[name="applicant_type"][value="badan_usaha"]');
    await clerk.locator('#reg-checklist li[data-position="2"]').waitFor();
    const business = await clerk.locator("#reg-checklist li[data-position]").count();
    assert(individual === 16 && business === 19, `requirements: perorangan ${individual}, badan usaha ${business}`);
    assert(await clerk.locator("#reg-business-field").isVisible(), "business name shown for a business");
    // Mark all present but two, as a clerk finds an incomplete file.
    await clerk.click("#reg-all-present");
    await clerk.check('input[name="req-2"][value="0"]');
    await clerk.check('input[name="req-6"][value="0"]');
    await clerk.locator("#reg-checklist").evaluate((list) => (list.scrollTop = 0));
    await shot(clerk, "berkas-registration-form-1366x768.png");
  });

  await test("berkas: an incomplete file gives the printable list of what to bring (visit recorded)", async () => {
    await clerk.click("#reg-submit");
    await clerk.waitForURL("**/tanda-terima.html");
    await clerk.locator("#to-bring:not([hidden])").waitFor();
    const items = await clerk.locator("#b-items li").count();
    assert(items === 2, `items to bring: ${items}`);
    const title = await clerk.locator("#b-title").innerText();
    assert(title.length > 5, `title: ${title}`);
    await shot(clerk, "berkas-incomplete-list-1366x768.png");
    const stats = await api("GET", "/applications/stats", rinaToken);
    assert(stats.incomplete_visits === 1, `stats: ${JSON.stringify(stats)}`);
  });

  await test("berkas: the complete file is registered; the receipt prints on A5 (PDF) with the promise and a QR code", async () => {
    await clerk.click("#back");
    await clerk.waitForURL("**/counter.html");
    await clerk.locator("#cur-number", { hasText: ticket.number }).waitFor();
    await clerk.locator("#btn-register:not([hidden])").click();
    await clerk.selectOption("#reg-permit", PERMIT);
    await clerk.check('input[name="applicant_type"][value="badan_usaha"]');
    await clerk.locator('#reg-checklist li[data-position="2"]').waitFor();
    // The earlier visit is offered for the link.
    assert((await clerk.inputValue("#reg-visit")).length > 0, "earlier visit number filled in");
    await clerk.click("#reg-all-present");
    await clerk.fill("#reg-name", "Siti Aminah");
    await clerk.fill("#reg-business", "CV Jamu Sehat Borneo");
    await clerk.fill("#reg-phone", "0812 5555 0101");
    // A phone without consent is refused in the form.
    await clerk.click("#reg-submit");
    await clerk.locator("#reg-message", { hasText: "persetujuan" }).waitFor();
    await clerk.check("#reg-consent");
    await clerk.click("#reg-submit");
    await clerk.waitForURL("**/tanda-terima.html");
    await clerk.locator("#receipt:not([hidden])").waitFor();
    const number = await clerk.locator("#r-number").innerText();
    assert(/^\d{4}\/DPMPTSP\/[IVX]+\/\d{4}$/.test(number), `number: ${number}`);
    const promise = await clerk.locator("#r-promise").innerText();
    assert(/Selesai paling lambat (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} [A-Z][a-z]+ \d{4} pukul \d{2}\.\d{2}/.test(promise), `promise: ${promise}`);
    const date = await clerk.locator("#r-date").innerText();
    assert(/^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} pukul \d{2}\.\d{2}/.test(date), `date: ${date}`);
    const qr = clerk.locator("#r-qr");
    await qr.evaluate((img) => (img.complete && img.naturalWidth ? null : new Promise((ok, fail) => ((img.onload = ok), (img.onerror = fail)))));
    assert((await qr.evaluate((img) => img.naturalWidth)) > 0, "QR image loaded");
    await shot(clerk, "berkas-receipt-1366x768.png");
    await clerk.emulateMedia({ media: "print" });
    await clerk.setViewportSize({ width: 560, height: 794 }); // A5 at 96 dpi
    await shot(clerk, "berkas-receipt-print-a5.png");
    await clerk.pdf({ path: path.join(SHOTS, "berkas-receipt-a5.pdf"), preferCSSPageSize: true, printBackground: true });
    await clerk.emulateMedia({ media: "screen" });
    await clerk.selectOption("#paper", "A4");
    await clerk.emulateMedia({ media: "print" });
    await clerk.setViewportSize({ width: 794, height: 1123 });
    await shot(clerk, "berkas-receipt-print-a4.png");
    await clerk.pdf({ path: path.join(SHOTS, "berkas-receipt-a4.pdf"), preferCSSPageSize: true, printBackground: true });
    await clerk.emulateMedia({ media: "screen" });
    await clerk.selectOption("#paper", "A5");
    await clerk.setViewportSize({ width: 1366, height: 768 });
    const board = await api("GET", "/applications?number=" + encodeURIComponent(number), budiToken);
    assert(board.applications.length === 1, `board: ${JSON.stringify(board)}`);
    app = await api("GET", `/applications/${board.applications[0].id}`, adminToken);
    assert(app.ticket_id === ticket.id, "linked to the ticket");
    await clerk.click("#back");
    await clerk.waitForURL("**/counter.html");
    await clerk.locator("#btn-finish:not([disabled])").click();
    await clerk.locator("#cur-number.none").waitFor();
  });

  const office = await newPage(browser, 1366, 768);
  const phone = await newPage(browser, 390, 844);
  const statusUrl = () => `/berkas.html?nomor=${encodeURIComponent(app.number)}&token=${app.status_token}`;

  const openFile = async () => {
    await office.locator(`#board-body tr[data-number="${app.number}"] .link-button`).click();
    await office.locator("#dlg-file").waitFor({ state: "visible" });
  };
  const stepDone = async (number) => {
    await office.locator("#file-facts", { hasText: `Langkah ${number} (ke-` }).waitFor();
    await office.click('#file-actions [data-act="done"]');
    await office.locator("#file-message.ok").waitFor();
  };

  await test("berkas: the back-office board shows the file at its first step; filters; the clerk takes it and works it", async () => {
    await uiLogin(office, "budi", passwords.budi);
    await office.waitForURL("**/counter.html");
    await office.click('#nav a[href="papan-berkas.html"]');
    await office.waitForURL("**/papan-berkas.html");
    const row = office.locator(`#board-body tr[data-number="${app.number}"]`);
    await row.waitFor();
    assert((await row.innerText()).includes("Tepat waktu"), `row: ${await row.innerText()}`);
    // Filter by permit: only Kaltim files; by duty: the Mempawah file goes too.
    await office.selectOption("#f-permit", PERMIT);
    await office.locator(`#board-body tr[data-id="${overdueId}"]`).waitFor({ state: "detached" });
    await office.selectOption("#f-permit", "");
    await office.locator(`#board-body tr[data-id="${overdueId}"]`).waitFor();
    await shot(office, "berkas-board-1366x768.png");
    await openFile();
    await office.click('#file-actions [data-act="assign"]');
    await office.locator("#file-message.ok").waitFor();
    await office.locator("#file-facts", { hasText: "budi" }).waitFor();
    await office.click("#file-close");
    await office.check("#f-mine");
    await row.waitFor();
    await office.locator(`#board-body tr[data-id="${overdueId}"]`).waitFor({ state: "detached" });
    await office.uncheck("#f-mine");
    await openFile();
    await stepDone(7);
  });

  await test("berkas: step 9 returned with what is wrong; the public status page (phone) says what to bring; resumed", async () => {
    await office.locator("#file-facts", { hasText: "Langkah 9 (ke-" }).waitFor();
    await office.click('#file-actions [data-act="returned"]');
    await office.fill("#step-note", "Surat izin lingkungan belum dilegalisir; bawa yang sudah dilegalisir.");
    await office.click("#step-note-confirm");
    await office.locator("#file-message.ok", { hasText: "dikembalikan" }).waitFor();
    await office.locator('#file-actions [data-act="resume"]').waitFor();
    await shot(office, "berkas-file-detail-1366x768.png");
    await phone.goto(base() + statusUrl());
    await phone.locator("#card:not([hidden])").waitFor();
    const needed = await phone.locator("#needed").innerText();
    assert(needed.includes("dilegalisir"), `needed: ${needed}`);
    const stage = await phone.locator("#stage").innerText();
    assert(stage.length > 3, `stage: ${stage}`);
    const body = await phone.locator("body").innerText();
    assert(!body.includes("Siti Aminah") && !body.includes("0812"), "no personal data on the public page");
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert(!overflow, "nothing wider than the phone");
    await shot(phone, "berkas-public-status-390x844.png");
    await office.click('#file-actions [data-act="resume"]');
    await office.locator("#file-message.ok", { hasText: "dilanjutkan" }).waitFor();
  });

  await test("berkas: steps 9-11 by the clerk; 12-14 belong to the heads (refused for the clerk, done by the supervisor)", async () => {
    await stepDone(9);
    await stepDone(10);
    await stepDone(11);
    await office.locator("#file-facts", { hasText: "Langkah 12 (ke-" }).waitFor();
    await office.locator("#file-actions", { hasText: "hanya pemegang tugas" }).waitFor();
    await office.click('#file-actions [data-act="done"]');
    await office.locator("#file-message.error", { hasText: "bukan tugas Anda" }).waitFor();
    for (const step of [12, 13, 14]) {
      await api("POST", `/applications/${app.id}/steps`, rinaToken, { step, action: "done", idempotency_key: `e2e-step-${step}` });
    }
    // The event stream brings the change to the open file.
    await office.locator("#file-facts", { hasText: "Langkah 15 (ke-" }).waitFor();
    await stepDone(15);
    await office.locator('#file-actions [data-act="ready"]').click();
    await office.locator("#file-message.ok", { hasText: "siap diambil" }).waitFor();
    await office.locator("#file-actions", { hasText: "Menunggu pemohon" }).waitFor();
    await office.click("#file-close");
    await office.locator(`#board-body tr[data-number="${app.number}"]`).waitFor();
    const group = await office.locator(".group-row", { hasText: "Siap diambil" }).count();
    assert(group === 1, "a Siap diambil group");
  });

  const sup = await newPage(browser, 1920, 1080);
  await test("berkas: supervisor sees the warning with the fiktif positif risk and the berkas belum lengkap rate", async () => {
    await uiLogin(sup, "rina", PASSWORDS.rina);
    await sup.waitForURL("**/supervisor.html");
    await sup.locator("#app-stats", { hasText: "Berkas belum lengkap" }).waitFor();
    const stats = await sup.locator("#app-stats").innerText();
    assert(/50 %|33,3 %/.test(stats) || stats.includes("1 dari"), `stats: ${stats}`);
    // The one-minute file warns 45 s after registration (three quarters of its standard).
    await sup.locator("#warnings .warning-item .risk", { hasText: "fiktif positif" }).waitFor({ timeout: 70000 });
    await sup.locator("#warnings").scrollIntoViewIfNeeded();
    await shot(sup, "berkas-supervisor-warnings-1920x1080.png");
  });

  await test("berkas: the kiosk issues the pickup ticket from the QR data; the Pickup counter calls it and hands the file over", async () => {
    const pickup = await http("POST", "/applications/pickup-ticket", { token: KIOSK_KEY, body: { number: app.number, token: app.status_token } });
    assert(pickup.status === 201 && pickup.data.ticket.service === "pengambilan", `pickup ticket: ${JSON.stringify(pickup)}`);
    await clerk.click("#btn-close");
    await clerk.locator("#btn-open:not([hidden])").waitFor();
    await clerk.click("#btn-change");
    await clerk.click('#counter-cards [data-counter="4"]');
    await clerk.locator("#btn-open:not([hidden])").click();
    await clerk.locator("#btn-call-next:not([disabled])").click();
    await clerk.locator("#cur-number", { hasText: pickup.data.ticket.number }).waitFor();
    await clerk.locator("#pickup-panel:not([hidden])").waitFor();
    assert((await clerk.locator("#pickup-number").innerText()) === app.number, "the file's number");
    assert((await clerk.locator("#pickup-applicant").innerText()).includes("Siti Aminah"), "the name to check");
    await clerk.fill("#pickup-receiver", "Siti Aminah");
    await clerk.click("#pickup-submit");
    await clerk.locator("#pickup-message.error", { hasText: "identitas" }).waitFor();
    await clerk.check("#pickup-id-checked");
    await shot(clerk, "berkas-pickup-1366x768.png");
    await clerk.click("#pickup-submit");
    await clerk.locator("#pickup-message.ok", { hasText: "sudah diserahkan" }).waitFor();
    const after = await api("GET", `/applications/${app.id}`, adminToken);
    assert(after.state === "picked_up" && after.received_by === "Siti Aminah" && !after.applicant.phone, `after: ${JSON.stringify({ s: after.state, r: after.received_by, p: after.applicant.phone })}`);
    await clerk.locator("#btn-finish:not([disabled])").click();
    await clerk.locator("#pickup-panel").waitFor({ state: "hidden" });
    await phone.reload();
    await phone.locator("#stage", { hasText: "diambil" }).waitFor();
    await shot(phone, "berkas-public-status-collected-390x844.png");
    // Handed over: the receipt's page offers the survey of the whole permit service.
    await phone.locator("#survey:not([hidden])").click();
    await phone.waitForURL("**/survey.html?token=*");
    await phone.locator("strong", { hasText: app.number }).waitFor();
    await phone.locator("#start").waitFor();
    await shot(phone, "berkas-survey-start-390x844.png");
    await phone.goto(base() + statusUrl());
  });

  await test("berkas: the pages in English", async () => {
    await phone.click("#lang");
    await phone.locator("#title", { hasText: "Permit Application Status" }).waitFor();
    await phone.click("#lang");
    await office.click("#lang");
    await office.locator("#board-list-title", { hasText: "Application Board" }).waitFor({ state: "attached" });
    await shot(office, "berkas-board-english-1366x768.png");
    await office.click("#lang");
  });
  for (const page of [clerk, office, phone, sup]) await page.close().catch(() => {});
}
