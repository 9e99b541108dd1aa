// A whole themed round in a real browser: an administrator creates a round that opens a few seconds later, the
// real worker opens it, a citizen submits to it, the administrator closes it, and a form left open is refused with
// its text shown back. axe-core checks the administration's pages in both languages.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useLiveAppAndBrowser } from "../support/live-server.ts";

const env = useLiveAppAndBrowser();
const SHANGHAI = 8 * 3_600_000;

function local(d: Date): string {
  return new Date(d.getTime() + SHANGHAI).toISOString().slice(0, 19);
}

async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function fillCitizenForm(page: Page, title: string) {
  await page.selectOption("#f-topicId", { index: 1 });
  await page.fill("#f-title", title);
  await page.fill("#f-problem", "社区周边缺少托育机构，双职工家庭接送孩子十分困难，很多家长只能请老人帮忙。");
  await page.fill("#f-proposal", "建议在新建小区配建普惠托育点，并对社区托育机构给予场地和运营补贴。");
  await page.selectOption("#f-categoryId", { index: 1 });
  const county = page.locator("#f-regionId option").filter({ hasText: "和平区" }).first();
  await page.selectOption("#f-regionId", (await county.getAttribute("value")) ?? "");
  await page.fill("#f-realName", "王小明");
  await page.fill("#f-phone", "13812345678");
}

describe("a themed round from the administrator's side", () => {
  it("when an administrator creates a round opening in a few seconds, then it opens by itself, takes a suggestion, closes by hand and refuses a late post", async () => {
    const { c, baseUrl } = env.live;
    const adminContext = await env.browser.newContext();
    const admin = await adminContext.newPage();
    await admin.goto(`${baseUrl}/staff/sign-in`);
    await admin.fill("#email", "admin@demo.example");
    await admin.fill("#password", "GoldenIdeas#2026");
    await Promise.all([admin.waitForURL(/\/admin$/), admin.locator("form button[type=submit]").last().click()]);
    await admin.click('a[href="/admin/rounds"] >> nth=0');
    await admin.click('a[href="/admin/rounds/new"]');

    const opensAt = new Date(Date.now() + 4_000);
    await admin.fill("#f-code", "TYFW");
    await admin.fill("#f-title", "托育服务专题征集");
    await admin.selectOption("#f-ownerDepartmentId", { index: 1 });
    await admin.fill("#f-body", "为发展普惠托育服务，现面向社会征集意见建议。");
    await admin.fill("#f-wanted", "围绕托育机构布局、收费和质量提出建议。");
    await admin.fill("#f-resultsUse", "优秀建议将转交有关部门研究采纳。");
    await admin.fill("#f-topics", "托育机构布局 | Where childcare centres are\n收费与补贴 | Fees and subsidies");
    // Seconds, which a person would not type, make the round open within the test.
    await admin.locator("#f-opensAt").evaluate((el, v) => ((el as unknown as { value: string }).value = v), local(opensAt));
    await admin.locator("#f-closesAt").evaluate((el, v) => ((el as unknown as { value: string }).value = v), local(new Date(Date.now() + 86_400_000)));
    await Promise.all([admin.waitForURL(/\/admin\/rounds\/\d+\?saved=1$/), admin.click("form.round-form button[type=submit]")]);
    const roundId = Number(/\/admin\/rounds\/(\d+)/.exec(admin.url())?.[1]);
    await Promise.all([admin.waitForURL(/done=schedule/), admin.click('form[action$="/actions/schedule"] button')]);
    expect(await admin.textContent("#round-state")).toContain("待开始");

    // The real worker opens the round at its opening time.
    const citizenContext = await env.browser.newContext();
    const citizen = await citizenContext.newPage();
    for (let i = 0; i < 60; i += 1) {
      await citizen.goto(`${baseUrl}/rounds/${roundId}`);
      if ((await c.db.collectionRound.findUniqueOrThrow({ where: { id: roundId } })).status === "OPEN" && (await citizen.locator("#f-topicId").count())) break;
      await citizen.waitForTimeout(500);
    }
    expect((await c.db.collectionRound.findUniqueOrThrow({ where: { id: roundId } })).status).toBe("OPEN");
    await citizen.reload();
    expect(await citizen.textContent("#round-countdown")).toContain("距征集结束还有");
    await fillCitizenForm(citizen, "关于在新建小区配建托育点的建议");
    await Promise.all([citizen.waitForURL(/\/suggestions\/received/), citizen.click("form[enctype] button[type=submit]")]);
    expect(await c.db.suggestion.count({ where: { roundId } })).toBe(1);

    // A second citizen opens the form before the close and posts after it.
    const lateContext = await env.browser.newContext();
    const late = await lateContext.newPage();
    await late.goto(`${baseUrl}/rounds/${roundId}`);
    await fillCitizenForm(late, "关于延长托育机构服务时间的建议");

    await admin.goto(`${baseUrl}/admin/rounds/${roundId}`);
    await Promise.all([admin.waitForURL(/done=close/), admin.click('form[action$="/actions/close"] button')]);
    expect((await c.db.collectionRound.findUniqueOrThrow({ where: { id: roundId } })).status).toBe("CLOSED");

    await late.click("form[enctype] button[type=submit]");
    await late.waitForSelector("#round-typed");
    expect(await late.textContent("#round-notice")).toContain("该专题征集已经结束");
    expect(await late.textContent("#round-typed")).toContain("关于延长托育机构服务时间的建议");
    expect(await c.db.suggestion.count({ where: { roundId } })).toBe(1);

    const found: string[] = [];
    for (const lang of ["zh-CN", "en"]) {
      for (const path of ["/admin", "/admin/rounds", "/staff/rounds", "/admin/rounds/new", `/admin/rounds/${roundId}`, `/admin/rounds/${roundId}/results`, `/staff/rounds/${roundId}`]) {
        await admin.goto(`${baseUrl}${path}?lang=${lang}`);
        found.push(...(await seriousViolations(admin, `${lang} ${path}`)));
      }
      await citizen.goto(`${baseUrl}/rounds/${roundId}?lang=${lang}`);
      found.push(...(await seriousViolations(citizen, `${lang} /rounds/${roundId}`)));
    }
    expect(found).toEqual([]);
    await Promise.all([adminContext.close(), citizenContext.close(), lateContext.close()]);
  });
});
