// The learned routing suggestion and the similar suggestions as staff use them, in a real browser, on the demo
// history: the coordinator merges a duplicate from the case page in one click; the administrator's routing-model
// page shows the trained model; axe finds no serious or critical violation on either, in both languages.
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { seedDemoData } from "../../prisma/seed.ts";
import { resetState } from "../support/harness.ts";
import { useLiveAppAndBrowser } from "../support/live-server.ts";

const env = useLiveAppAndBrowser();

beforeAll(async () => {
  const c = env.live.c;
  await resetState(c);
  await seedDemoData(c.db, { historicalSuggestions: 300 });
  await c.services.routingModel.train();
  for (const id of await c.services.similarity.findUnindexed(new Date(Date.now() + 60_000), 1000)) await c.services.similarity.indexSuggestion(id);
}, 180_000);

async function signIn(page: Page, email: string) {
  await page.goto(`${env.live.baseUrl}/staff/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", "GoldenIdeas#2026");
  await Promise.all([page.waitForURL(/\/(staff|admin)/), page.locator("form button[type=submit]").last().click()]);
}

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("text intelligence for staff", () => {
  it("when a coordinator opens a suggestion sent twice, then the model's proposal and the similar one are shown, and one click merges it", async () => {
    const c = env.live.c;
    const original = await c.db.suggestion.findFirstOrThrow({ where: { status: { in: ["ASSIGNED", "IN_HANDLING"] } }, orderBy: { id: "asc" } });
    const category = await c.db.category.findUniqueOrThrow({ where: { id: original.categoryId } });
    const again = await c.db.suggestion.create({
      data: {
        trackingCode: "JY-2026-DUPL1CAT", kind: "EVERYDAY", title: original.title, problem: original.problem, proposal: original.proposal,
        categoryId: category.id, regionId: original.regionId, status: "SCREENING", screeningDueAt: new Date(Date.now() + 5 * 86_400_000),
        routingState: "TRIAGE",
      },
    });
    await c.services.similarity.indexSuggestion(again.id);

    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, "coordinator@demo.example");
    const found: string[] = [];
    for (const lang of ["zh-CN", "en"]) {
      await page.goto(`${env.live.baseUrl}/staff/suggestions/${again.id}?lang=${lang}`);
      expect(await page.locator("#learned-routing").count()).toBe(1);
      expect(await page.locator(`#similar tr[data-similar-id="${original.id}"]`).count()).toBe(1);
      found.push(...(await seriousViolations(page, `${lang} case page`)));
    }
    await page.goto(`${env.live.baseUrl}/staff/screening`);
    found.push(...(await seriousViolations(page, "screening")));
    expect(found).toEqual([]);

    await page.goto(`${env.live.baseUrl}/staff/suggestions/${again.id}`);
    await Promise.all([
      page.waitForURL(new RegExp(`/staff/suggestions/${again.id}$`)),
      page.locator(`#similar tr[data-similar-id="${original.id}"] button[type=submit]`).click(),
    ]);
    expect(await c.db.suggestion.findUniqueOrThrow({ where: { id: again.id } })).toMatchObject({ status: "MERGED", mergedIntoId: original.id });
    await context.close();
  });

  it("when an administrator opens the routing-model page, then the version and held-out accuracy are shown and the page passes axe in both languages", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, "admin@demo.example");
    const found: string[] = [];
    for (const lang of ["zh-CN", "en"]) {
      await page.goto(`${env.live.baseUrl}/admin/routing-model?lang=${lang}`);
      expect(await page.locator("#rm-version").textContent()).toBe("1");
      expect(await page.locator("#rm-accuracy").textContent()).toMatch(/\d+\.\d%/);
      found.push(...(await seriousViolations(page, `${lang} admin`)));
    }
    expect(found).toEqual([]);
    expect(await page.locator("#rm-autoAssign").isChecked()).toBe(false);
    await context.close();
  });
});
