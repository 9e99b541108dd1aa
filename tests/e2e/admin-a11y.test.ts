// The administration's pages (directory, people, routing rules, deadlines, calendar, audit log) and the pages every
// staff member has (own password, search): axe-core must find no serious or critical violation, in either language.
import { beforeAll, describe, expect, it } from "vitest";
import { AxeBuilder } from "@axe-core/playwright";
import { seedDemoData } from "../../prisma/seed.ts";
import { resetState } from "../support/harness.ts";
import { useLiveAppAndBrowser } from "../support/live-server.ts";

const env = useLiveAppAndBrowser();

beforeAll(async () => {
  await resetState(env.live.c);
  await seedDemoData(env.live.c.db, { historicalSuggestions: 20 });
});

describe("administration pages", () => {
  // About 20 pages per language, each loaded and analysed: longer than the e2e default timeout on a busy machine.
  for (const lang of ["zh-CN", "en"]) it(`when axe-core checks every administration page in ${lang}, then it finds no serious or critical violation`, async () => {
    const db = env.live.c.db;
    const [department, category, region, person, rule] = await Promise.all([
      db.department.findFirstOrThrow({ where: { code: "EDU" } }),
      db.category.findFirstOrThrow(),
      db.region.findFirstOrThrow({ where: { level: "CITY" } }),
      db.user.findFirstOrThrow({ where: { email: "official.edu@demo.example" } }),
      db.routingRule.findFirstOrThrow(),
    ]);
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.live.baseUrl}/staff/sign-in`);
    await page.fill("#email", "admin@demo.example");
    await page.fill("#password", "GoldenIdeas#2026");
    await Promise.all([page.waitForURL(/\/admin$/), page.locator("form button[type=submit]").last().click()]);
    const paths = [
      "/admin/departments", "/admin/departments/new", `/admin/departments/${department.id}`,
      "/admin/categories", `/admin/categories/${category.id}`, "/admin/regions", `/admin/regions/${region.id}`, `/admin/regions/new?parent=${region.id}`,
      "/admin/people", "/admin/people/new", `/admin/people/${person.id}`,
      "/admin/rules", "/admin/rules/new", `/admin/rules/${rule.id}`, `/admin/rules/try?title=${encodeURIComponent("医保报销")}&categoryId=${category.id}&regionId=${region.id}`,
      "/admin/deadlines", "/admin/calendar?year=2027", "/admin/audit",
      "/staff/password", `/staff/search?q=${encodeURIComponent("建议")}`,
    ];
    const found: string[] = [];
    for (const path of paths) {
      const response = await page.goto(`${env.live.baseUrl}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
      expect(response?.status(), path).toBe(200);
      const result = await new AxeBuilder({ page }).analyze();
      for (const v of result.violations) {
        if (v.impact === "serious" || v.impact === "critical") found.push(`${lang} ${path}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      }
    }
    expect(found).toEqual([]);
    await context.close();
  }, 240_000);
});
