// The satisfaction survey (SKM): from a finished ticket's status page on a phone, and on the
// counter's tablet. Counter 4 (Pengambilan) is used by no other step; rina opens it.
import path from "node:path";
import { assert } from "../steps.mjs";

async function phoneSurveyStep({ test, http, login, issue, base, text, browser, newPage, SHOTS, PASSWORDS }) {
  await test("survey: a finished ticket's status page leads to the survey, one element per screen, thank you", async () => {
    const boss = await login("rina", PASSWORDS.rina);
    const ticket = await issue("pengambilan");
    assert((await http("POST", "/counters/4/open", { token: boss })).status === 200, "open counter 4");
    const phone = await newPage(browser, 390, 844);
    // Waiting with nobody ahead and the counter free: the page says so instead of "0".
    await phone.goto(base() + "/s/" + ticket.status_token);
    await phone.locator("#ahead", { hasText: "Tidak ada antrean \u2014 Anda berikutnya" }).waitFor();
    assert((await text(phone, "#estimate")) === "segera dipanggil", `estimate: ${await text(phone, "#estimate")}`);
    await phone.screenshot({ path: path.join(SHOTS, "status-nobody-ahead-390x844.png") });
    assert((await http("POST", "/counters/4/call-next", { token: boss })).data.ticket.number === ticket.number, "called");
    await phone.reload();
    await phone.locator("#state", { hasText: "Anda DIPANGGIL" }).waitFor();
    assert(await phone.locator("#survey").isHidden(), "no survey before the visit is finished");
    assert((await http("POST", "/counters/4/finish", { token: boss })).status === 200, "finished");
    await phone.reload();
    await phone.locator("#survey", { hasText: "Isi Survei Kepuasan" }).waitFor();
    await phone.screenshot({ path: path.join(SHOTS, "status-survey-button-390x844.png") });
    await phone.click("#survey");
    await phone.locator("#start").waitFor();
    assert((await text(phone, "#screen")).includes(ticket.number), "intro names the ticket");
    await phone.screenshot({ path: path.join(SHOTS, "survey-intro-390x844.png") });
    await phone.click("#start");
    const scores = [4, 3, 2, 4, 3, 4, 4, 1, 3];
    for (let i = 0; i < scores.length; i++) {
      await phone.locator(".step", { hasText: `Pertanyaan ${i + 1} dari 9` }).waitFor();
      if (i === 0) {
        assert((await text(phone, ".question")).startsWith("Bagaimana pendapat Saudara tentang kesesuaian persyaratan"), "the regulation's first question");
        await phone.screenshot({ path: path.join(SHOTS, "survey-question-390x844.png") });
      }
      if (i === 7) await phone.screenshot({ path: path.join(SHOTS, "survey-question-pengaduan-390x844.png") });
      const button = phone.locator(`.answer[data-score="${scores[i]}"]`);
      const box = await button.boundingBox();
      assert(box && box.height >= 56 && box.width >= 300, `answer buttons are big: ${JSON.stringify(box)}`);
      await button.click();
    }
    await phone.locator("#age").waitFor();
    await phone.click("#next");
    await phone.locator("#error", { hasText: "Lengkapi umur" }).waitFor();
    await phone.fill("#age", "34");
    await phone.click('[data-field="sex"][data-value="P"]');
    await phone.click('[data-field="education"][data-value="s1"]');
    await phone.click('[data-field="occupation"][data-value="wirausaha"]');
    await phone.screenshot({ path: path.join(SHOTS, "survey-profile-390x844.png"), fullPage: true });
    await phone.click("#next");
    await phone.fill("#saran", "Ruang tunggu lebih sejuk.");
    await phone.screenshot({ path: path.join(SHOTS, "survey-saran-390x844.png") });
    await phone.click("#submit");
    await phone.locator(".thanks", { hasText: "Terima kasih" }).waitFor();
    await phone.screenshot({ path: path.join(SHOTS, "survey-thanks-390x844.png") });
    // Answered once: the link now says so, and the report counts it with its answers.
    await phone.reload();
    await phone.locator(".message", { hasText: "sudah diisi" }).waitFor();
    await phone.close();
    const month = (await http("GET", "/office")).data.local_date.slice(0, 7);
    const report = await http("GET", `/survey/report?period=${month}&service=pengambilan`, { token: boss });
    assert(report.status === 200 && report.data.respondents === 1, `report: ${JSON.stringify(report.data)}`);
    const waktu = report.data.index.elements.find((e) => e.id === "waktu");
    assert(waktu.score_sum === 2 && report.data.suggestions[0] === "Ruang tunggu lebih sejuk.", `report: ${JSON.stringify(report.data)}`);
  });
}

async function tabletSurveyStep({ test, http, login, issue, base, text, browser, newPage, SHOTS, PASSWORDS }) {
  await test("survey: the counter's tablet waits, then shows the survey of the ticket just finished there", async () => {
    const boss = await login("rina", PASSWORDS.rina);
    const ticket = await issue("pengambilan");
    const tablet = await newPage(browser, 800, 1280);
    await tablet.addInitScript((token) => sessionStorage.setItem("loket.token", token), boss);
    await tablet.goto(base() + "/survey.html?counter=4");
    await tablet.locator(".message", { hasText: "Silakan menunggu" }).waitFor();
    await tablet.screenshot({ path: path.join(SHOTS, "survey-counter-waiting-800x1280.png") });
    assert((await http("POST", "/counters/4/call-next", { token: boss })).data.ticket.number === ticket.number, "called");
    assert((await http("POST", "/counters/4/finish", { token: boss })).status === 200, "finished");
    await tablet.locator("#start").waitFor({ timeout: 10000 });
    assert((await text(tablet, "#screen")).includes(ticket.number), "the tablet names the finished ticket");
    await tablet.click("#start");
    for (let i = 0; i < 9; i++) {
      await tablet.locator(".step", { hasText: `Pertanyaan ${i + 1} dari 9` }).waitFor();
      await tablet.click('.answer[data-score="4"]');
    }
    await tablet.fill("#age", "58");
    await tablet.click('[data-field="sex"][data-value="L"]');
    await tablet.click('[data-field="education"][data-value="sma"]');
    await tablet.click('[data-field="occupation"][data-value="pns"]');
    await tablet.click("#next");
    await tablet.click("#submit");
    await tablet.locator(".thanks").waitFor();
    await tablet.screenshot({ path: path.join(SHOTS, "survey-counter-thanks-800x1280.png") });
    const survey = await http("GET", "/counters/4/survey", { token: boss });
    assert(survey.data.state === "answered" && survey.data.survey_token === null, `after: ${JSON.stringify(survey.data)}`);
    await tablet.close();
    assert((await http("POST", "/counters/4/close", { token: boss })).status === 200, "close counter 4");
  });
}

export async function surveyJourney(ctx) {
  await phoneSurveyStep(ctx);
  await tabletSurveyStep(ctx);
}
