// End-to-end journey of a complaint (pengaduan) through the web pages, run by run.mjs against
// the same queue-server: an applicant on a phone-size page files one with a bad field first,
// then one anonymously and one with consent (name and contact); tracks them by number (lower
// case, without dashes); a supervisor triages on pengaduan-staf.html (assign, note, verify,
// process, finish with a reply; reject another with a reason), the public page shows the
// answer, and the SP4N-LAPOR! CSV downloads. User text with HTML in it must show literally.
import fs from "node:fs";
import path from "node:path";

const HOSTILE = '<script>alert("x")</script> Petugas <b>meminta</b> uang tambahan di loket 2 & tidak memberi kuitansi.';
const HOSTILE_NAME = "Budi <i>Santoso</i>";
const REPLY = "Petugas yang bersangkutan sudah ditegur dan uangnya dikembalikan. Terima kasih atas laporan Anda.";
const REASON = "Pengaduan ini bukan wewenang kantor kami; silakan ke kantor kecamatan.";
const NUMBER = /^ADU-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export async function complaintJourney(ctx) {
  const { test, assert, browser, newPage, uiLogin, http, base, SHOTS, PASSWORDS } = ctx;
  const shot = (page, name, fullPage = true) => page.screenshot({ path: path.join(SHOTS, name), fullPage });
  let phone = null;
  let sup = null;
  let anonymous = ""; // tracking numbers
  let withName = "";

  await test("complaints: the phone page names the bad field next to it (Indonesian, English)", async () => {
    phone = await newPage(browser, 390, 844);
    await phone.goto(base() + "/pengaduan.html");
    await phone.locator("input[name=category][value=biaya]").waitFor();
    assert(await phone.locator("#personal").isHidden(), "name and contact hidden without consent");
    await phone.locator("#lapor").waitFor({ state: "visible" });
    const lapor = await phone.locator("#lapor").innerText();
    assert(lapor.includes("lapor.go.id") && lapor.includes("1708"), `LAPOR! channel: ${lapor}`);
    // The office's retention of a consenting complainant's contact (its privacy setting: 90).
    const why = await phone.locator("#consent-why").innerText();
    assert(why.includes("dihapus 90 hari") && !why.includes("{days}"), `consent text: ${why}`);
    await phone.check("input[name=category][value=biaya]");
    await phone.fill("#text", "Pendek");
    const counter = await phone.locator("#text-count").innerText();
    assert(counter.includes("6 dari 2000"), `counter: ${counter}`);
    await phone.click("#send");
    await phone.locator("#err-text").waitFor({ state: "visible" });
    const error = await phone.locator("#err-text").innerText();
    assert(error.startsWith("Isi pengaduan:") && /karakter/.test(error), `Indonesian error at the text field: ${error}`);
    assert((await phone.locator("#text").getAttribute("aria-invalid")) === "true", "text marked invalid");
    await shot(phone, "complaint-phone-error.png");
  });

  await test("complaints: an anonymous complaint gets its tracking number, shown big", async () => {
    await phone.fill("#text", HOSTILE);
    await phone.click("#send");
    await phone.locator("#tracking").waitFor({ state: "visible" });
    anonymous = (await phone.locator("#tracking").innerText()).trim();
    assert(NUMBER.test(anonymous), `tracking number: ${anonymous}`);
    const hint = await phone.locator("#sent-hint").innerText();
    assert(/Simpan atau cetak/.test(hint), `save/print hint: ${hint}`);
    await shot(phone, "complaint-phone-sent.png");
  });

  await test("complaints: with consent the name and contact are asked, and sent", async () => {
    await phone.click("#again");
    await phone.check("input[name=category][value=pelayanan]");
    await phone.fill("#text", "Antrean di loket pendaftaran sangat lama dan petugas tidak ramah kepada lansia.");
    assert(await phone.locator("#personal").isHidden(), "hidden before the tick");
    await phone.check("#consent");
    await phone.locator("#name").waitFor({ state: "visible" });
    await phone.fill("#name", HOSTILE_NAME);
    await phone.fill("#contact", "081234567890");
    await shot(phone, "complaint-phone-consent.png");
    await phone.click("#send");
    await phone.locator("#tracking").waitFor({ state: "visible" });
    withName = (await phone.locator("#tracking").innerText()).trim();
    assert(NUMBER.test(withName) && withName !== anonymous, `second number: ${withName}`);
  });

  await test("complaints: tracking by number, lower case and without dashes; HTML shown literally", async () => {
    const loose = anonymous.toLowerCase().replace(/-/g, "");
    await phone.goto(base() + "/pengaduan.html?lacak=" + loose);
    await phone.locator("#track-result").waitFor({ state: "visible" });
    assert((await phone.locator("#t-number").innerText()).trim() === anonymous, "same complaint");
    const shown = await phone.locator("#t-text").innerText();
    assert(shown.includes('<script>alert("x")</script>') && shown.includes("<b>meminta</b>"), `literal text: ${shown}`);
    assert((await phone.locator("#t-text b, #t-text script").count()) === 0, "no element made from user text");
    const state = await phone.locator("#t-state").innerText();
    assert(state.startsWith("Diterima"), `state: ${state}`);
    assert(/hari lagi/.test(await phone.locator("#t-due").innerText()), "days to the due date");
    await shot(phone, "complaint-phone-track.png");
    // The form, with dashes in lower case.
    await phone.fill("#track-number", withName.toLowerCase());
    await phone.click("#track-go");
    await phone.locator("#t-number", { hasText: withName }).waitFor();
    await phone.fill("#track-number", "ADU-0000-0000");
    await phone.click("#track-go");
    await phone.locator("#track-error").waitFor({ state: "visible" });
    assert(/tidak ditemukan/.test(await phone.locator("#track-error").innerText()), "unknown number");
  });

  await test("complaints: a supervisor assigns, notes, verifies, processes and finishes with a reply", async () => {
    sup = await newPage(browser, 1440, 1000);
    await uiLogin(sup, "rina", PASSWORDS.rina);
    await sup.waitForURL(/supervisor\.html/);
    await sup.click('#nav a[href="pengaduan-staf.html"]');
    await sup.waitForURL(/pengaduan-staf\.html/);
    const row = sup.locator(`#list-body tr[data-number="${anonymous}"]`);
    await row.waitFor();
    assert((await row.innerText()).includes("hari lagi"), "days left in the row");
    await sup.locator(`#reminders`).waitFor();
    await row.click();
    await sup.locator("#detail-title", { hasText: anonymous }).waitFor();
    assert((await sup.locator("#d-text").innerText()).includes("<b>meminta</b>"), "literal text in the details");
    await sup.fill("#assign-user", "siti");
    await sup.click("#assign");
    await sup.locator("#facts", { hasText: "siti" }).waitFor();
    await sup.fill("#note-text", "Cek rekaman CCTV loket 2 <hari ini>.");
    await sup.click("#note-add");
    await sup.locator("#d-notes", { hasText: "Cek rekaman CCTV loket 2 <hari ini>." }).waitFor();
    await sup.click("#act-diverifikasi");
    await sup.locator("#act-diproses").waitFor();
    await sup.click("#act-diproses");
    await sup.locator("#reply-text").waitFor();
    await sup.fill("#reply-text", "Pendek");
    await sup.click("#act-selesai");
    await sup.locator("#reply-error").waitFor({ state: "visible" });
    assert((await sup.locator("#reply-error").innerText()).startsWith("Tanggapan:"), "reply error names the field by its label");
    await shot(sup, "complaint-staff-detail.png", false);
    await sup.fill("#reply-text", REPLY);
    await sup.click("#act-selesai");
    await sup.locator("#d-reply").waitFor();
    const history = await sup.locator("#d-history").innerText();
    for (const s of ["Diterima", "Diverifikasi", "Sedang diproses", "Selesai"]) assert(history.includes(s), `history has ${s}: ${history}`);
  });

  await test("complaints: the public page shows the reply and the closing date", async () => {
    await phone.goto(base() + "/pengaduan.html?lacak=" + anonymous);
    await phone.locator("#t-answer").waitFor({ state: "visible" });
    assert((await phone.locator("#t-answer-text").innerText()).trim() === REPLY, "reply shown");
    assert((await phone.locator("#t-state").getAttribute("class")).includes("selesai"), "state selesai");
    assert(await phone.locator("#t-closed").isVisible(), "closing date");
    await shot(phone, "complaint-phone-reply.png");
  });

  await test("complaints: name and contact in the details only, literal; rejected with a reason", async () => {
    const row = sup.locator(`#list-body tr[data-number="${withName}"]`);
    await row.click();
    await sup.locator("#detail-title", { hasText: withName }).waitFor();
    const personal = await sup.locator("#d-personal").innerText();
    assert(personal.includes(HOSTILE_NAME) && personal.includes("081234567890") && /dicatat/.test(personal), `personal: ${personal}`);
    assert(!(await sup.locator("#list-body").innerText()).includes("081234567890"), "contact not in the list");
    await sup.fill("#reason-text", REASON);
    await sup.click("#act-ditolak");
    await sup.locator("#d-reason").waitFor();
    await phone.goto(base() + "/pengaduan.html?lacak=" + withName);
    await phone.locator("#t-answer").waitFor({ state: "visible" });
    assert((await phone.locator("#t-answer-text").innerText()).trim() === REASON, "reason shown");
    const page = await phone.content();
    assert(!page.includes("081234567890") && !page.includes("Santoso"), "no name or contact on the public page");
  });

  await test("complaints: a phone complaint recorded by staff; the LAPOR! CSV downloads with BOM", async () => {
    await sup.click("#record-open");
    await sup.selectOption("#r-channel", "telepon");
    await sup.selectOption("#r-category", "waktu");
    await sup.fill("#r-text", "Penelepon: izin usaha belum selesai setelah tiga bulan.");
    await sup.click("#record-save");
    await sup.locator("#list-message", { hasText: "ADU-" }).waitFor();
    await sup.locator("#list-body td", { hasText: "Telepon" }).first().waitFor();
    const [download] = await Promise.all([sup.waitForEvent("download"), sup.click("#export")]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    assert(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, "UTF-8 BOM");
    const csv = bytes.toString("utf8");
    assert(csv.includes("Nomor Pelacakan") && csv.includes(anonymous) && csv.includes(withName), "header and complaints");
    assert(!csv.includes("081234567890"), "no contact in the export");
    await shot(sup, "complaint-staff-list.png", false);
  });

  await test("complaints: a complaint sent meanwhile appears on the staff list live (event stream)", async () => {
    const r = await http("POST", "/complaints", { body: { category: "sarana", text: "Toilet umum di ruang tunggu rusak sejak minggu lalu." } });
    assert(r.status === 201, `web complaint: ${r.status} ${JSON.stringify(r.data)}`);
    await sup.locator(`#list-body tr[data-number="${r.data.tracking_number}"]`).waitFor({ timeout: 8000 });
  });

  await test("complaints: the pages on a desktop (screenshots)", async () => {
    const desk = await newPage(browser, 1366, 900);
    await desk.goto(base() + "/pengaduan.html?lacak=" + anonymous);
    await desk.locator("#track-result").waitFor({ state: "visible" });
    await shot(desk, "complaint-desktop-track.png");
    const r = await http("GET", "/complaints/track/" + anonymous.toLowerCase());
    assert(r.status === 200 && !("name" in r.data) && !("contact" in r.data), "public JSON has no personal data");
    await desk.close();
  });
}
