// A browser page for the suites: Indonesian locale, a 10 s default timeout, and every page
// error, console error and failed non-API load collected in `seen` (API refusals are the
// suites' own business); the staff console's login form filled in like a person would.
import path from "node:path";

export async function openCheckedPage(browser, width, height, seen, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: "id-ID", ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on("pageerror", (e) => seen.pageErrors.push(`${page.url()}: ${e.message}`));
  page.on("console", (msg) => {
    const where = (msg.location() && msg.location().url) || "";
    if (msg.type() === "error" && !where.includes("/api/v1/")) seen.consoleErrors.push(`${page.url()}: ${msg.text()} (${where})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !res.url().includes("/api/v1/")) seen.consoleErrors.push(`${page.url()}: ${res.status()} ${res.url()}`);
  });
  seen.pages.add(page);
  return page;
}

export async function loginThroughForm(page, baseUrl, name, password) {
  await page.goto(baseUrl + "/");
  await page.fill("#username", name);
  await page.fill("#password", password);
  await page.click("#submit");
}

// After a failed step: a screenshot of every page still open, numbered, each named in the log.
export async function screenshotOpenPages(pages, dir, { fullPage = false } = {}) {
  let i = 0;
  for (const page of pages) {
    if (page.isClosed()) continue;
    const file = path.join(dir, `failure-${++i}.png`);
    await page.screenshot({ path: file, fullPage }).catch(() => {});
    console.log(`     screenshot of ${page.url()} in ${file}`);
  }
}
