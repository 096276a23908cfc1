// The counter page (counter.html) with the supervisor's page open beside it: logging in, opening
// a counter by keyboard, calling (once per double click), recalling, the English switch,
// transferring, a busy refusal, a no-show, pauses with short and long reasons, calling by
// number, and serving at another counter. The supervisor's page follows every step live.
import path from "node:path";
import { assert } from "../steps.mjs";

async function loginSteps({ test, uiLogin, text, counter, sup, SHOTS, PASSWORDS }) {
  await test("login: a wrong password is refused with a readable message", async () => {
    await uiLogin(counter, "siti", "salah-sandi");
    await counter.locator("#error").waitFor({ state: "visible" });
    const message = await text(counter, "#error");
    assert(message.includes("Nama pengguna atau kata sandi salah"), `message: ${message}`);
    assert(new URL(counter.url()).pathname === "/", `still on the login page: ${counter.url()}`);
    await counter.screenshot({ path: path.join(SHOTS, "login-1366x768.png") });
  });

  await test("login: staff lands on the counter chooser", async () => {
    await counter.fill("#password", PASSWORDS.siti);
    await counter.click("#submit");
    await counter.waitForURL("**/counter.html");
    await counter.locator("#counter-cards .counter-card").first().waitFor();
    assert((await counter.locator("#counter-cards .counter-card").count()) === 5, "five counters");
    const token = await counter.evaluate(() => sessionStorage.getItem("loket.token"));
    assert(token && token.length > 20, "token kept in sessionStorage");
    await counter.screenshot({ path: path.join(SHOTS, "counter-chooser-1366x768.png") });
  });

  await test("supervisor: second browser context logs in and sees every counter", async () => {
    await uiLogin(sup, "rina", PASSWORDS.rina);
    await sup.waitForURL("**/supervisor.html");
    await sup.locator('#counter-grid [data-counter="5"]').waitFor();
    await sup.locator("#problems li", { hasText: "kertas habis" }).waitFor();
    await sup.evaluate(() => {
      window.__notReloaded = true;
    });
  });
}

async function openAndCallSteps({ test, http, text, adminToken, counter, sup, SHOTS }) {
  await test("counter: keys 2 then L choose and open Loket 2; waiting list with service, priority, permit, minutes", async () => {
    await counter.locator("body").press("2");
    await counter.locator("#btn-open:not([disabled])").waitFor({ state: "visible" });
    assert(await counter.locator("#btn-call-next").isDisabled(), "call-next disabled while closed");
    const openLabel = await text(counter, "#btn-open");
    assert(openLabel.includes("Buka Loket") && openLabel.includes("L"), `open button shows its shortcut: ${openLabel}`);
    await counter.locator("body").press("l");
    await counter.locator("#counter-state.open").waitFor();
    const row = counter.locator('#waiting-body tr[data-ticket="B-001"]');
    await row.waitFor();
    const cells = await row.innerText();
    for (const want of ["B-001", "Lansia", "Customer Service", "Izin Industri Kecil Obat Tradisional", "0 mnt"]) {
      assert(cells.includes(want), `row shows ${want}: ${cells}`);
    }
    assert((await counter.locator("#waiting-body tr").count()) === 3, "three waiting");
    const label = await text(counter, "#btn-call-next");
    assert(label.includes("Panggil Berikutnya") && label.includes("B"), `button label with shortcut: ${label}`);
    assert(!(await counter.locator("#btn-call-next").isDisabled()), "call-next enabled when open");
    for (const id of ["#btn-recall", "#btn-start", "#btn-finish", "#btn-no-show", "#btn-transfer", "#btn-resume"]) {
      assert(await counter.locator(id).isDisabled(), `${id} disabled with no ticket`);
    }
    // The supervisor saw the counter open without reloading.
    await sup.locator('#counter-grid [data-counter="2"] .pill.open').waitFor();
  });

  await test("counter: a double click on Panggil Berikutnya calls exactly one ticket", async () => {
    await counter.dblclick("#btn-call-next");
    await counter.locator("#cur-number", { hasText: "B-001" }).waitFor();
    await counter.waitForTimeout(300);
    const r = await http("GET", "/tickets", { token: adminToken });
    const called = r.data.tickets.filter((x) => x.state === "called");
    assert(called.length === 1 && called[0].number === "B-001", `called: ${JSON.stringify(called.map((x) => x.number))}`);
    const message = await text(counter, "#message");
    assert(message.includes("B-001 dipanggil"), `message: ${message}`);
    assert(await counter.locator("#btn-call-next").isDisabled(), "call-next disabled while a ticket is called");
    assert(!(await counter.locator("#btn-recall").isDisabled()), "recall enabled");
  });

  await test("supervisor: sees the call live, without reloading", async () => {
    await sup.locator('#counter-grid [data-counter="2"] [data-current="B-001"]').waitFor();
    await sup.locator("#feed li", { hasText: "B-001 dipanggil ke Loket 2" }).waitFor();
    assert(await sup.evaluate(() => window.__notReloaded === true), "the supervisor page was not reloaded");
  });

  await test("counter: keyboard shortcut U recalls (panggilan ke-2)", async () => {
    await counter.locator("#btn-recall:not([disabled])").waitFor();
    await counter.locator("body").press("u");
    await counter.locator("#cur-state", { hasText: "panggilan ke-2" }).waitFor();
    await sup.locator("#feed li", { hasText: "B-001 dipanggil ulang" }).waitFor();
  });

  await test("counter: English switch relabels the buttons, and back", async () => {
    await counter.click("#lang");
    await counter.locator("#btn-call-next", { hasText: "Call Next" }).waitFor();
    await counter.locator("#message", { hasText: "B-001 called again (call #2)" }).waitFor();
    await counter.screenshot({ path: path.join(SHOTS, "counter-english-1366x768.png") });
    await counter.click("#lang");
    await counter.locator("#btn-call-next", { hasText: "Panggil Berikutnya" }).waitFor();
  });

  await test("counter: transfer B-001 to Pendaftaran with a note", async () => {
    await counter.click("#btn-transfer");
    await counter.locator("#dlg-transfer").waitFor({ state: "visible" });
    await counter.selectOption("#transfer-service", "pendaftaran");
    await counter.fill("#transfer-note", "Berkas sudah lengkap");
    await counter.click("#transfer-confirm");
    await counter.locator("#message", { hasText: "B-001 dialihkan ke Pendaftaran" }).waitFor();
    await counter.locator("#cur-number.none").waitFor();
    await sup.locator('#tickets-body tr[data-ticket="B-001"]', { hasText: "Pendaftaran" }).waitFor();
  });
}

async function busyNoShowAndPauseSteps({ test, http, text, counter, sup }) {
  await test("counter: a call refused with 409 counter_busy is explained politely", async () => {
    // Another tab of the same counter calls first (a real race with the server).
    const staffToken = await counter.evaluate(() => sessionStorage.getItem("loket.token"));
    await counter.route("**/api/v1/counters/2/call-next", async (route) => {
      await http("POST", "/counters/2/call-next", { token: staffToken });
      await route.continue();
    });
    await counter.click("#btn-call-next");
    const message = counter.locator("#message.error");
    await message.waitFor();
    const shown = await message.innerText();
    assert(shown.includes("masih memanggil atau melayani nomor lain"), `message: ${shown}`);
    await counter.unroute("**/api/v1/counters/2/call-next");
    await counter.locator("#cur-number", { hasText: "B-002" }).waitFor();
  });

  await test("counter: Tidak Hadir marks B-002 and today's figures count it", async () => {
    await counter.locator("#btn-no-show:not([disabled])").waitFor();
    await counter.locator("body").press("t");
    await counter.locator("#message", { hasText: "B-002 ditandai tidak hadir" }).waitFor();
    await counter.locator("#stat-noshow", { hasText: "1" }).waitFor();
  });

  await test("counter: pause with a reason, then Buka Kembali", async () => {
    await counter.click("#btn-pause");
    await counter.locator("#dlg-pause").waitFor({ state: "visible" });
    await counter.check('input[name="choice"][value="pause.reason.prayer"]');
    await counter.click("#pause-confirm");
    await counter.locator("#counter-state.paused", { hasText: "Salat" }).waitFor();
    assert(await counter.locator("#btn-call-next").isDisabled(), "no calls while paused");
    const hint = await text(counter, "#cur-number");
    assert(hint.includes("istirahat") && hint.includes("Salat") && !hint.includes("belum dibuka"), `paused: ${hint}`);
    await sup.locator('#counter-grid [data-counter="2"] .pill.paused', { hasText: "Salat" }).waitFor();
    await sup.locator('#counter-grid [data-counter="2"] .serving', { hasText: "Loket sedang istirahat: Salat" }).waitFor();
    await counter.click("#btn-resume");
    await counter.locator("#counter-state.open").waitFor();
  });
}

async function longPauseReasonStep({ test, counter, sup, SHOTS }) {
  await test("counter: a long pause reason is shown whole on hover and stays inside its card", async () => {
    const reason = "Rapat koordinasi dengan Dinas Kependudukan dan Pencatatan Sipil tentang berkas " +
      "perizinan berusaha yang tertunda sejak minggu lalu, kembali setelah rapat selesai";
    await counter.click("#btn-pause");
    await counter.fill("#pause-other", reason);
    await counter.click("#pause-confirm");
    await counter.locator("#counter-state.paused").waitFor();
    assert((await counter.locator("#counter-state").getAttribute("title")).includes(reason), "full reason on hover");
    // A page that redraws on every event (the supervisor's grid) may replace an element
    // between two reads; its box is read again until it is there.
    const boxOf = async (page, selector) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const box = await page.locator(selector).boundingBox({ timeout: 1000 }).catch(() => null);
        if (box) return box;
        await page.waitForTimeout(100);
      }
      throw new Error(`${selector} is not shown`);
    };
    const inside = async (page, inner, outer) => {
      const a = await boxOf(page, inner);
      const b = await boxOf(page, outer);
      return a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
    };
    assert(await inside(counter, "#counter-state", ".counter-bar"), "pause reason inside the counter bar");
    assert(await inside(counter, "#cur-number", "#current"), "paused hint inside the current panel");
    const card = '#counter-grid [data-counter="2"]';
    await sup.locator(`${card} .pill.paused`, { hasText: "Rapat koordinasi" }).waitFor();
    assert((await sup.locator(`${card} .pill.paused`).getAttribute("title")).includes(reason), "supervisor: full reason on hover");
    assert(await inside(sup, `${card} .pill.paused`, card), "supervisor: pause reason inside the card");
    assert(await inside(sup, `${card} .serving`, card), "supervisor: paused line inside the card");
    await counter.screenshot({ path: path.join(SHOTS, "counter-paused-long-reason-1366x768.png") });
    await sup.screenshot({ path: path.join(SHOTS, "supervisor-paused-long-reason-1920x1080.png") });
    await counter.click("#btn-resume");
    await counter.locator("#counter-state.open").waitFor();
  });
}

async function callByNumberAndServeSteps({ test, text, counter, sup, SHOTS }) {
  await test("counter: Panggil Nomor explains the expected format itself (Indonesian, English)", async () => {
    await counter.click("#btn-call-number");
    await counter.fill("#call-number-input", "12");
    await counter.click("#call-number-confirm");
    const note = counter.locator("#dlg-call-number .field-error");
    await note.waitFor({ state: "visible" });
    const shown = await note.innerText();
    assert(shown.includes("Format: huruf layanan dan 3 angka, mis. A-012"), `message: ${shown}`);
    assert(await counter.locator("#dlg-call-number").isVisible(), "the dialog stays open");
    assert((await counter.locator("#call-number-input").getAttribute("aria-invalid")) === "true", "field marked");
    await counter.locator('#dlg-call-number [data-cancel]').click();
    await counter.click("#lang");
    await counter.click("#btn-call-number");
    await counter.locator("#dlg-call-number .field-error").waitFor({ state: "hidden" });
    await counter.fill("#call-number-input", "B12345678");
    await counter.click("#call-number-confirm");
    await counter.locator("#dlg-call-number .field-error", { hasText: "Format: the service letter and 3 digits, e.g. A-012" }).waitFor();
    await counter.locator('#dlg-call-number [data-cancel]').click();
    await counter.click("#lang");
    await counter.locator("#btn-call-next", { hasText: "Panggil Berikutnya" }).waitFor();
  });

  await test("counter: Panggil Nomor for an unknown number shows the Indonesian error", async () => {
    await counter.click("#btn-call-number");
    await counter.fill("#call-number-input", "B-099");
    await counter.click("#call-number-confirm");
    const shown = await counter.locator("#message.error").innerText();
    assert(shown.includes("tidak ditemukan"), `message: ${shown}`);
  });

  await test("counter: at Loket 3 (Pendaftaran) B-001 keeps its place, is served and finished", async () => {
    await counter.click("#btn-change");
    await counter.click('#counter-cards [data-counter="3"]');
    await counter.click("#btn-open");
    await counter.locator("#counter-state.open").waitFor();
    await counter.locator("#btn-call-next:not([disabled])").waitFor();
    const first = counter.locator("#waiting-body tr").first();
    await first.locator("text=B-001").waitFor();
    assert((await first.innerText()).includes("Berkas sudah lengkap"), "transfer note shown");
    await counter.locator("body").press("b");
    await counter.locator("#cur-number", { hasText: "B-001" }).waitFor();
    await counter.locator("#btn-start:not([disabled])").waitFor();
    await counter.locator("body").press("m");
    await counter.locator("#cur-state", { hasText: "Sedang dilayani" }).waitFor();
    assert(!(await counter.locator("#btn-finish").isDisabled()), "finish enabled while serving");
    // The service timer runs: 0:01 a second later.
    await counter.locator("#cur-timer", { hasText: /Dilayani 0:0[1-9]/ }).waitFor();
    await sup.locator('#counter-grid [data-counter="3"] [data-current="B-001"]').waitFor();
    const facts = await text(counter, "#cur-facts");
    assert(/\b\d{2}\.\d{2}\b/.test(facts) && !/\d:\d{2}/.test(facts), `issued time with a dot: ${facts}`);
    await counter.screenshot({ path: path.join(SHOTS, "counter-1366x768.png") });
  });
}

export async function counterJourney(ctx) {
  await loginSteps(ctx);
  await openAndCallSteps(ctx);
  await busyNoShowAndPauseSteps(ctx);
  await longPauseReasonStep(ctx);
  await callByNumberAndServeSteps(ctx);
}
