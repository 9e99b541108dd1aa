// Staff pages are used all day by officials: axe-core must find no serious or critical violation on any of
// them, in either language, with realistic demo history on the pages.
import { beforeAll, describe, expect, it } from "vitest";
import { AxeBuilder } from "@axe-core/playwright";
import { seedDemoData } from "../../prisma/seed.ts";
import { resetState } from "../support/harness.ts";
import { useLiveAppAndBrowser } from "../support/live-server.ts";

const env = useLiveAppAndBrowser();

beforeAll(async () => {
  await resetState(env.live.c);
  await seedDemoData(env.live.c.db, { historicalSuggestions: 60 });
});

describe("staff pages", () => {
  for (const email of ["coordinator@demo.example", "official.edu@demo.example"]) {
    it(`when axe-core checks every page ${email} works on, in both languages, then it finds no serious or critical violation`, async () => {
      const context = await env.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${env.live.baseUrl}/staff/sign-in`);
      await page.fill("#email", email);
      await page.fill("#password", "GoldenIdeas#2026");
      await Promise.all([page.waitForURL(/\/staff\/(screening|inbox)/), page.locator("form button[type=submit]").last().click()]);
      const own = await env.live.c.db.suggestion.findFirstOrThrow({
        where: email.startsWith("official") ? { leadDepartment: { code: "EDU" } } : { status: "SCREENING" },
      });
      const found: string[] = [];
      for (const lang of ["zh-CN", "en"]) {
        for (const path of ["/staff/screening", "/staff/inbox", "/staff/extensions", "/staff/supervision", "/staff/measures", "/staff/measures/new", `/staff/suggestions/${own.id}`]) {
          await page.goto(`${env.live.baseUrl}${path}?lang=${lang}`);
          const result = await new AxeBuilder({ page }).analyze();
          for (const v of result.violations) {
            if (v.impact === "serious" || v.impact === "critical") found.push(`${lang} ${path}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          }
        }
      }
      expect(found).toEqual([]);
      await context.close();
    });
  }
});
