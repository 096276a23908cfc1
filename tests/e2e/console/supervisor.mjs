// The supervisor's page (supervisor.html) acting on tickets: a no-show reactivated, a ticket
// moved to another service and one cancelled, each named in the activity list with who acted.
import path from "node:path";
import { assert } from "../steps.mjs";

export async function supervisorJourney({ test, http, text, adminToken, sup, SHOTS }) {
  await test("supervisor: reactivate a no-show, move and cancel tickets", async () => {
    const b2row = sup.locator('#tickets-body tr[data-ticket="B-002"]');
    await b2row.locator('[data-act="reactivate"]').click();
    await sup.locator('#tickets-body tr[data-ticket="B-002"][data-state="waiting"]').waitFor();
    await sup.locator('#tickets-body tr[data-ticket="A-001"] [data-act="move"]').click();
    await sup.selectOption("#move-service", "customer_service");
    await sup.fill("#move-note", "Salah ambil nomor");
    await sup.click("#move-confirm");
    await sup.locator('#tickets-body tr[data-ticket="A-001"]', { hasText: "Customer Service" }).waitFor();
    // The move's own refresh redraws the table just after its event did: a click landing in
    // that redraw is lost (seen once on a loaded machine); a person clicks again, so does this.
    await sup.locator("#sup-message", { hasText: "A-001 dialihkan" }).waitFor();
    for (let attempt = 0; attempt < 3 && !(await sup.locator("#cancel-reason").isVisible()); attempt++) {
      await sup.locator('#tickets-body tr[data-ticket="C-003"] [data-act="cancel"]').click();
      await sup.locator("#cancel-reason").waitFor({ state: "visible", timeout: 3000 }).catch(() => {});
    }
    await sup.fill("#cancel-reason", "Pemohon pulang");
    await sup.click("#cancel-confirm");
    await sup.locator("#sup-message", { hasText: "C-003 dibatalkan" }).waitFor();
    await sup.locator('#tickets-body tr[data-ticket="C-003"]').waitFor({ state: "detached" });
    const r = await http("GET", "/tickets", { token: adminToken });
    const byNumber = Object.fromEntries(r.data.tickets.map((x) => [x.number, x]));
    assert(byNumber["B-002"].state === "waiting", "B-002 waiting again");
    assert(byNumber["A-001"].service === "customer_service", "A-001 moved");
    assert(byNumber["C-003"].state === "cancelled", "C-003 cancelled");
    const services = await text(sup, "#services-body");
    assert(services.includes("Customer Service"), "services table");
    // The supervisor's own actions by ticket number name who acted, like the counters' do.
    await sup.locator("#feed li", { hasText: "C-003 dibatalkan: Pemohon pulang · oleh rina" }).waitFor();
    await sup.locator("#feed li", { hasText: "A-001 dialihkan ke Customer Service · oleh rina" }).waitFor();
    await sup.locator("#feed li", { hasText: "B-002 diaktifkan kembali · oleh rina" }).waitFor();
    await sup.evaluate(() => window.scrollTo(0, 0));
    await sup.screenshot({ path: path.join(SHOTS, "supervisor-1920x1080.png") });
  });
}
