// Counters are operated by who opened them; a second clerk asks before taking over: refused
// while the holder is logged in, done after confirming once the holder's session has ended (a
// revoked token sends any page back to login). Logging in again returns a clerk to the counter
// she still has open.
import path from "node:path";
import { assert } from "../steps.mjs";

async function heldCounterSteps({ test, http, uiLogin, text, adminToken, counter, clerk2, SHOTS, PASSWORDS }) {
  await test("two clerks: the second sees 'Loket 3 sedang dibuka oleh siti. Ambil alih?' and gets no controls", async () => {
    await uiLogin(clerk2, "dewi", PASSWORDS.dewi);
    await clerk2.waitForURL("**/counter.html");
    const card = clerk2.locator('#counter-cards [data-counter="3"]');
    await card.locator("text=Dibuka oleh siti").waitFor();
    await card.click();
    await clerk2.locator("#dlg-take-over").waitFor({ state: "visible" });
    const question = await text(clerk2, "#dlg-take-over-text");
    assert(question === "Loket 3 sedang dibuka oleh siti. Ambil alih?", `question: ${question}`);
    await clerk2.screenshot({ path: path.join(SHOTS, "counter-take-over-1366x768.png") });
    await clerk2.click("#dlg-take-over [data-cancel]");
    await clerk2.locator("#btn-take-over").waitFor({ state: "visible" });
    assert((await text(clerk2, "#counter-holder")).includes("siti"), "the holder is named");
    for (const id of ["#btn-call-next", "#btn-recall", "#btn-finish", "#btn-pause"]) {
      assert(await clerk2.locator(id).isDisabled(), `${id} disabled on siti's counter`);
    }
    // siti is still logged in: a clerk's takeover is refused with the reason.
    await clerk2.click("#btn-take-over");
    await clerk2.click("#take-over-confirm");
    const refused = await clerk2.locator("#message.error").innerText();
    assert(refused.includes("siti masih masuk"), `message: ${refused}`);
    const loket3 = (await http("GET", "/counters/3", { token: adminToken })).data;
    assert(loket3.staff === "siti", `Loket 3 still siti's: ${loket3.staff}`);
    // The server refuses the second clerk's direct call too, naming the holder.
    const dewiToken = await clerk2.evaluate(() => sessionStorage.getItem("loket.token"));
    const direct = await http("POST", "/counters/3/call-next", { token: dewiToken, body: {} });
    assert(direct.status === 409 && direct.data.error.code === "counter_taken_by_other" && direct.data.error.holder.name === "siti", `direct: ${JSON.stringify(direct)}`);
  });

  await test("session: a revoked token anywhere sends the page back to login with a message", async () => {
    const staffToken = await counter.evaluate(() => sessionStorage.getItem("loket.token"));
    await http("POST", "/auth/logout", { token: staffToken });
    await counter.click("#btn-change");
    await counter.waitForURL("**/index.html?reason=expired");
    const notice = await text(counter, "#notice");
    assert(notice.includes("Sesi Anda berakhir"), `notice: ${notice}`);
  });
}

async function takeOverAndReturnSteps({ test, http, uiLogin, browser, newPage, pages, adminToken, counter, sup, clerk2, SHOTS, PASSWORDS }) {
  await test("two clerks: siti logged out, dewi takes Loket 3 over after confirming; S finishes a called ticket", async () => {
    await clerk2.click("#btn-take-over");
    await clerk2.click("#take-over-confirm");
    await clerk2.locator("#message.ok", { hasText: "Loket 3 sekarang Anda operasikan" }).waitFor();
    await clerk2.locator("#btn-take-over").waitFor({ state: "hidden" });
    await clerk2.locator("#btn-call-next:not([disabled])").waitFor();
    await clerk2.locator("body").press("b");
    const number = (await clerk2.locator("#cur-number:not(.none)").innerText()).trim();
    // Finish is offered straight from "called": one key instead of Start then Finish.
    await clerk2.locator("#btn-finish:not([disabled])").waitFor();
    await clerk2.locator("body").press("s");
    await clerk2.locator("#message", { hasText: `${number} selesai dilayani` }).waitFor();
    const tickets = (await http("GET", "/tickets", { token: adminToken })).data.tickets;
    const done = tickets.find((x) => x.number === number);
    assert(done.state === "done" && done.started_at === done.called_at, `finished from called: ${JSON.stringify(done)}`);
    // The supervisor's activity names who did what.
    await sup.locator("#feed li", { hasText: "Loket 3 diambil alih oleh dewi dari siti" }).waitFor();
    await sup.locator("#feed li", { hasText: `${number} dipanggil ke Loket 3 · oleh dewi` }).waitFor();
    await sup.locator("#feed li", { hasText: `${number} selesai di Loket 3 · oleh dewi` }).waitFor();
    await sup.screenshot({ path: path.join(SHOTS, "supervisor-activity-names-1920x1080.png") });
  });

  await test("login again: siti is taken back to Loket 2, which she still has open", async () => {
    const again = await newPage(browser, 1366, 768);
    await uiLogin(again, "siti", PASSWORDS.siti);
    await again.waitForURL("**/counter.html");
    await again.locator("#counter-name", { hasText: "Loket 2" }).waitFor();
    await again.locator("#message", { hasText: "Kembali ke Loket 2 yang masih Anda buka" }).waitFor();
    await again.locator("#btn-call-next:not([disabled])").waitFor();
    // The tab that showed Loket 3 (now dewi's) also goes back to Loket 2 on logging in.
    await uiLogin(counter, "siti", PASSWORDS.siti);
    await counter.waitForURL("**/counter.html");
    await counter.locator("#counter-name", { hasText: "Loket 2" }).waitFor();
    await again.context().close();
    pages.delete(again);
  });
}

export async function twoClerksJourney(ctx) {
  const clerk2 = await ctx.newPage(ctx.browser, 1366, 768);
  await heldCounterSteps({ ...ctx, clerk2 });
  await takeOverAndReturnSteps({ ...ctx, clerk2 });
}
