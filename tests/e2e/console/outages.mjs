// The console through server outages: the server killed and restarted on its port (the pages
// show a banner, keep what they showed, and carry on live), and a hung server (stopped with
// SIGSTOP: the pages notice within seconds, a click fails visibly and never acts late).
import path from "node:path";
import { assert } from "../steps.mjs";

async function killedServerStep({ test, office, issue, text, counter, sup, SHOTS }) {
  await test("outage: server killed → banner; restarted → banner gone, nothing lost, page works", async () => {
    await office.stop("SIGKILL");
    await counter.locator("#offline").waitFor({ state: "visible" });
    await sup.locator("#offline").waitFor({ state: "visible" });
    assert((await text(counter, "#offline")).includes("tidak dapat dihubungi"), "banner text");
    assert((await text(counter, "#cur-number")) === "B-001", "current ticket still shown");
    assert((await text(counter, "#counter-name")) === "Loket 3", "counter choice kept");
    assert(await counter.locator("#btn-finish").isDisabled(), "actions wait for the server");
    await counter.screenshot({ path: path.join(SHOTS, "counter-offline-1366x768.png") });
    await office.start();
    await counter.locator("#offline").waitFor({ state: "hidden", timeout: 15000 });
    await sup.locator("#offline").waitFor({ state: "hidden", timeout: 15000 });
    await counter.locator("#btn-finish:not([disabled])").waitFor();
    await counter.locator("body").press("s");
    await counter.locator("#message", { hasText: "B-001 selesai dilayani" }).waitFor();
    await counter.locator("#stat-served", { hasText: "1" }).waitFor();
    // Live again: a ticket issued now shows up without any click.
    const c4 = await issue("pendaftaran", { permit_id: "mempawah-sertifikat-standar" });
    await counter.locator(`#waiting-body tr[data-ticket="${c4.number}"]`).waitFor();
    await sup.locator("#feed li", { hasText: "B-001 selesai di Loket 3" }).waitFor();
    assert(await sup.evaluate(() => window.__notReloaded === true), "the supervisor page was not reloaded");
  });
}

async function hungServerStep({ test, office, http, adminToken, counter, sup, SHOTS }) {
  await test("hung server: banner within seconds, the click fails visibly, and never acts late", async () => {
    await counter.locator("#btn-call-next:not([disabled])").waitFor();
    const waitingBefore = await counter.locator("#waiting-body tr[data-ticket]").count();
    const hung = office.server;
    hung.kill("SIGSTOP"); // accepts connections, answers nothing
    try {
      const clicked = Date.now();
      await counter.click("#btn-call-next");
      await counter.locator("#offline").waitFor({ state: "visible", timeout: 9000 });
      const message = counter.locator("#message.error");
      await message.waitFor({ timeout: 9000 });
      const shown = await message.innerText();
      assert(shown.includes("Server tidak menjawab") && shown.includes("dibatalkan"), `message: ${shown}`);
      const seconds = (Date.now() - clicked) / 1000;
      assert(seconds < 8, `the failure was reported after ${seconds} s`);
      assert(!(await counter.locator("#btn-change").isDisabled()), "the console is no longer busy");
      // The supervisor page, idle, notices by the event stream's missing keep-alives.
      await sup.locator("#offline").waitFor({ state: "visible", timeout: 9000 });
      await counter.screenshot({ path: path.join(SHOTS, "counter-hung-server-1366x768.png") });
    } finally {
      hung.kill("SIGCONT");
    }
    await counter.locator("#offline").waitFor({ state: "hidden", timeout: 15000 });
    await sup.locator("#offline").waitFor({ state: "hidden", timeout: 15000 });
    // The stale request reached the server after SIGCONT: refused by its deadline.
    await counter.waitForTimeout(1000);
    const r = await http("GET", "/tickets", { token: adminToken });
    const called = r.data.tickets.filter((x) => x.counter === 3 && (x.state === "called" || x.state === "serving"));
    assert(!called.length, `a call nobody saw: ${JSON.stringify(called.map((x) => x.number))}`);
    await counter.locator("#cur-number.none").waitFor();
    assert((await counter.locator("#waiting-body tr[data-ticket]").count()) === waitingBefore, "the waiting list is unchanged");
    // Usable again: the call works now, once.
    await counter.locator("#btn-call-next:not([disabled])").waitFor();
    await counter.click("#btn-call-next");
    await counter.locator("#message", { hasText: "dipanggil" }).waitFor();
    await counter.locator("#btn-no-show:not([disabled])").waitFor();
    await counter.locator("body").press("t");
    await counter.locator("#message", { hasText: "ditandai tidak hadir" }).waitFor();
  });
}

export async function outageJourney(ctx) {
  await killedServerStep(ctx);
  await hungServerStep(ctx);
}
