// In Chromium: an administrator asks for the policy-conversion report, watches it finish (the page refreshes
// itself, no JavaScript needed) and downloads the PDF; axe-core finds no serious or critical violation on any new
// page (report form and list, progress, report, /stats, golden ideas) in either language.
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { seedDemoData } from "../../prisma/seed.ts";
import { resetState } from "../support/harness.ts";
import { useLiveAppAndBrowser } from "../support/live-server.ts";
import { pdfText } from "../support/pdf-text.ts";

const env = useLiveAppAndBrowser();

beforeAll(async () => {
  await resetState(env.live.c);
  await seedDemoData(env.live.c.db, { historicalSuggestions: 60 });
  // A few published golden ideas for the showcase.
  await env.live.c.db.submitter.updateMany({ data: { consentPublish: true } });
});

async function signIn(page: Page, email: string) {
  await page.goto(`${env.live.baseUrl}/staff/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", "GoldenIdeas#2026");
  await Promise.all([page.waitForURL(/\/(staff\/(screening|inbox)|admin)/), page.locator("form button[type=submit]").last().click()]);
}

async function axe(page: Page, label: string, found: string[]) {
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") found.push(`${label}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }
}

describe("the policy-conversion report in a browser", () => {
  let reportId = 0;

  it("when an administrator asks for a report, then its progress page refreshes until it is built and the PDF downloads", async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, "admin@demo.example");
    await page.goto(`${env.live.baseUrl}/staff/reports`);
    await Promise.all([page.waitForURL(/\/staff\/reports\/\d+$/), page.click("#request-report")]);
    reportId = Number(/(\d+)$/.exec(page.url())?.[1]);
    // No script on the page: the Refresh header reloads it until the downloads appear.
    await page.locator("#download-pdf").waitFor({ timeout: 60_000 });
    expect(await page.locator("svg").count()).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-pdf")]);
    const text = await pdfText(await readFile(await download.path()));
    expect(text).toContain("建议转化报告");
    expect(text).toContain("转化漏斗");
    await context.close();
  });

  for (const lang of ["zh-CN", "en"]) {
    it(`when axe-core checks the public pages in ${lang}, then it finds no serious or critical violation`, async () => {
      const context = await env.browser.newContext();
      const page = await context.newPage();
      const found: string[] = [];
      for (const path of ["/stats", "/golden-ideas", "/golden-ideas?q=养老"]) {
        await page.goto(`${env.live.baseUrl}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
        await axe(page, `${lang} ${path}`, found);
      }
      expect(found).toEqual([]);
      await context.close();
    }, 180_000);

    it(`when axe-core checks the report pages in ${lang}, then it finds no serious or critical violation`, async () => {
      const queued = await env.live.c.db.reportRun.create({ data: { paramsKey: `e2e-progress-${lang}`, fromDate: "2026-01-01", toDate: "2026-01-31" } });
      const context = await env.browser.newContext();
      const page = await context.newPage();
      const found: string[] = [];
      await signIn(page, "admin@demo.example");
      for (const path of ["/staff/reports", `/staff/reports/${reportId}`, `/staff/reports/${queued.id}`]) {
        await page.goto(`${env.live.baseUrl}${path}?lang=${lang}`);
        await axe(page, `${lang} ${path}`, found);
      }
      expect(found).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
