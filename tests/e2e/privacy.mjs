// The personal-data page (privasi.html) in real Chromium, run by run.mjs against the same
// queue-server (docs/privacy.md): an admin opens it from the menu, finds one person's complaints
// by phone and by name, downloads them as JSON, erases them with a reason after confirming, and
// reads the access log (filtered, paged) where a clerk's read of the complaint shows; the
// retention periods show on the page and on the admin settings form, and a wrong value there is
// refused next to its field.
import fs from "node:fs";
import path from "node:path";

const PERSON = "Rahmat Hidayat";
const PHONE = "0819 4321 8765";

export async function privacyJourney(ctx) {
  const { test, assert, browser, newPage, uiLogin, http, login, SHOTS, PASSWORDS } = ctx;
  const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
  let page = null;
  let admin = "";
  const ids = [];

  await test("privacy: an admin finds one person's records by phone and by name", async () => {
    admin = await login("admin", PASSWORDS.admin);
    for (const text of ["Petugas loket 3 meminta biaya tambahan tanpa kuitansi.", "Ruang tunggu panas, pendingin udara mati sejak pagi."]) {
      const r = await http("POST", "/complaints", {
        token: admin,
        body: { category: "pelayanan", channel: "telepon", text, name: PERSON, contact: PHONE, consent: true },
      });
      assert(r.status === 201, `complaint: ${r.status} ${JSON.stringify(r.data)}`);
      const list = await http("GET", "/complaints", { token: admin });
      ids.push(list.data.complaints.find((c) => c.tracking_number === r.data.tracking_number).id);
    }
    // A clerk reads one of them: the access log must show it.
    const siti = await login("siti", PASSWORDS.siti);
    assert((await http("POST", `/complaints/${ids[0]}/assign`, { token: admin, body: { username: "siti" } })).status === 200, "assign");
    assert((await http("GET", `/complaints/${ids[0]}`, { token: siti })).status === 200, "clerk reads");

    page = await newPage(browser, 1366, 768);
    await uiLogin(page, "admin", PASSWORDS.admin);
    await page.waitForURL("**/admin.html");
    await page.click('nav a[href="privasi.html"]');
    await page.waitForURL("**/privasi.html");
    await page.selectOption("#search-by", "phone");
    await page.fill("#search-q", "+62 819-4321-8765");
    await page.click("#search-submit");
    await page.locator("#person-body tr").nth(1).waitFor();
    assert((await page.locator("#person-body tr").count()) === 2, "both complaints by phone");
    const rows = await page.locator("#person-body").innerText();
    assert(rows.includes(PERSON) && rows.includes(PHONE) && rows.includes("Pengaduan"), `rows: ${rows}`);
    await page.selectOption("#search-by", "name");
    await page.fill("#search-q", "hidayat");
    await page.click("#search-submit");
    await page.locator("#person-body tr").nth(1).waitFor();
    await shot(page, "privacy-search-1366x768.png");
    // Too short a search is refused in Indonesian.
    await page.fill("#search-q", "ra");
    await page.click("#search-submit");
    await page.locator("#person-message.error").waitFor();
    const refused = await page.locator("#person-message").innerText();
    assert(/Isian tidak valid/.test(refused) && /Kata kunci/.test(refused), `refusal: ${refused}`);
    await page.fill("#search-q", "hidayat");
    await page.click("#search-submit");
    await page.locator("#person-body tr").nth(1).waitFor();
  });

  await test("privacy: the person's data downloads as JSON", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    assert(download.suggestedFilename() === "data-pribadi.json", download.suggestedFilename());
    const file = path.join(SHOTS, "privacy-export.json");
    await download.saveAs(file);
    const data = JSON.parse(fs.readFileSync(file, "utf8"));
    assert(data.exported_by === "admin" && data.records.length === 2, JSON.stringify(data).slice(0, 300));
    assert(data.records.every((r) => r.name === PERSON && r.contact === PHONE && r.consent.version === "pengaduan-staf-1"), "names, contacts, consent");
    await page.locator("#person-message.ok", { hasText: "2 catatan diunduh" }).waitFor();
  });

  await test("privacy: erasure asks first, needs a reason, and anonymises in place", async () => {
    await page.click("#erase");
    await page.locator("#person-message.error", { hasText: "dasar permintaan" }).waitFor();
    await page.fill("#erase-reason", "Surat permohonan 7/XII/2026");
    await page.click("#erase");
    await page.locator("#dlg-erase", { hasText: "2 catatan" }).waitFor();
    await shot(page, "privacy-erase-dialog-1366x768.png");
    await page.click("#erase-confirm");
    await page.locator("#person-message.ok", { hasText: "dianonimkan" }).waitFor();
    assert((await page.locator("#person-body em", { hasText: "sudah dianonimkan" }).count()) === 2, "rows marked");
    await shot(page, "privacy-erased-1366x768.png");
    for (const id of ids) {
      const c = await http("GET", `/complaints/${id}`, { token: admin });
      assert(c.data.name === null && c.data.contact === null && c.data.state === "diterima", JSON.stringify(c.data).slice(0, 200));
    }
  });

  await test("privacy: the access log shows the clerk's read and the erasure, filtered and paged", async () => {
    await page.click("#tab-log");
    await page.fill("#log-user", "siti");
    await page.selectOption("#log-kind", "complaint");
    await page.click("#log-submit");
    await page.locator("#log-body tr", { hasText: "Dibuka" }).first().waitFor();
    const read = await page.locator("#log-body").innerText();
    assert(read.includes("siti") && read.includes("name, contact") && read.includes("ADU-"), `read: ${read}`);
    await page.fill("#log-user", "");
    await page.selectOption("#log-kind", "");
    await page.selectOption("#log-action", "erase");
    await page.click("#log-submit");
    await page.locator("#log-body tr", { hasText: "Surat permohonan 7/XII/2026" }).first().waitFor();
    assert((await page.locator("#log-body tr").count()) === 2, "two erasures");
    await shot(page, "privacy-log-1366x768.png");
    await page.selectOption("#log-action", "");
    await page.click("#log-submit");
    await page.locator("#log-page", { hasText: "Halaman 1 dari" }).waitFor();
    const total = (await http("GET", "/privacy/access-log", { token: admin })).data.total;
    if (total > 25) {
      await page.click("#log-next");
      await page.locator("#log-page", { hasText: "Halaman 2 dari" }).waitFor();
    }
    await page.click("#lang");
    await page.locator("#log-page", { hasText: "Page" }).waitFor();
    await page.click("#lang");
  });

  await test("privacy: retention periods show, and the admin form refuses one out of range", async () => {
    await page.click("#tab-retention");
    await page.locator('[data-retention="application_phone_days"]', { hasText: "30" }).waitFor();
    await page.click("#run-now");
    await page.locator("#retention-message.ok", { hasText: "Dianonimkan" }).waitFor();
    await shot(page, "privacy-retention-1366x768.png");
    await page.goto(page.url().replace(/privasi\.html.*/, "admin.html#settings"));
    const phoneDays = page.locator('[data-field="privacy.application_phone_days"]');
    await phoneDays.waitFor();
    assert((await phoneDays.inputValue()) === "30", "phone days on the settings form");
    assert((await page.locator('[data-field="privacy.complaint_contact_days"]').inputValue()) === "90", "complaint days");
    await phoneDays.fill("0");
    await page.click("#save-settings");
    await page.locator('[data-error-for="privacy.application_phone_days"]:not([hidden])').waitFor();
    await phoneDays.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "privacy-settings-error-1366x768.png") });
    const settings = await http("GET", "/settings", { token: admin });
    assert(settings.data.privacy.application_phone_days === 30, "nothing saved");
    await page.close();
  });
}
