// A citizen writing a suggestion already answered: once title and problem are filled, the form shows the published
// similar suggestion with its reply (masked), and warns that their own phone number in the text will be hidden.
// Without JavaScript the same form submits as before. Real Chromium, real web app, real workers (which index).
import { describe, expect, it } from "vitest";
import { AxeBuilder } from "@axe-core/playwright";
import { useLiveAppAndBrowser } from "../support/live-server.ts";
import { insertSuggestion } from "../support/suggestions.ts";
import { eventually } from "../support/harness.ts";

const env = useLiveAppAndBrowser();

describe("the suggestion form's hints", () => {
  it("when a citizen types a suggestion like a published one, then the answered suggestion and a personal-data warning appear under the form", async () => {
    const c = env.live.c;
    const published = await insertSuggestion(c.db, {
      lead: "HOUSING",
      title: "关于老旧小区冬季供暖温度不达标的建议",
      problem: "每年冬天室内温度只有十四五度，老人孩子受冻，打电话13812345678反映无人处理。",
      proposal: "建议供热公司加强巡检，供暖温度不达标按天退费。",
      realName: "赵铁柱",
      status: "REPLIED", consentPublish: true, reply: { body: "供热公司已开展入户测温，不达标的按规定退费。", adoption: "ADOPTED", explanation: "已纳入年度工作计划。" },
    });
    await c.enqueuer.indexSuggestion(published.id);
    await eventually(() => c.db.similaritySignature.findUnique({ where: { suggestionId: published.id } }).then((r) => r ?? undefined));

    const context = await env.browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${env.live.baseUrl}/suggestions/new`);
    expect(await page.locator("#draft-hints").isHidden()).toBe(true);
    await page.fill("#f-title", "老旧小区冬天供暖温度不达标");
    await page.fill("#f-problem", "小区冬季室内温度太低，供暖不达标，老人受冻。有事请打我电话13998765432。");

    const hints = page.locator("#draft-hints");
    await hints.locator(".similar-item").first().waitFor({ timeout: 15_000 });
    expect(await hints.locator(".similar-item").count()).toBe(1);
    const text = (await hints.textContent()) ?? "";
    expect(text).toContain("已经答复过的相似建议");
    expect(text).toContain("供热公司已开展入户测温");
    expect(text).toContain("【手机号已隐藏】");
    expect(text).not.toContain("13812345678");
    expect(await page.locator("#draft-personal-data").textContent()).toContain("手机号码");
    expect(await hints.getAttribute("aria-live")).toBe("polite");

    const axe = await new AxeBuilder({ page }).include("#draft-hints").analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await context.close();
  });

  it("when JavaScript is off, then the form has no hints and still submits", async () => {
    const context = await env.browser.newContext({ locale: "zh-CN", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.live.baseUrl}/suggestions/new`);
    await page.fill("#f-title", "关于增设社区公共充电桩的建议");
    await page.selectOption("#f-categoryId", { index: 1 });
    await page.selectOption("#f-regionId", { index: 1 });
    await page.fill("#f-problem", "小区电动自行车没有地方充电，居民私拉电线存在火灾隐患。");
    await page.fill("#f-proposal", "建议在小区内增设集中充电桩，并定期检查线路。");
    await page.fill("#f-realName", "李晓华");
    await page.fill("#f-phone", "13712345678");
    expect(await page.locator("#draft-hints").isHidden()).toBe(true);
    await Promise.all([page.waitForURL(/\/suggestions\/received/), page.locator("form.suggestion-form button[type=submit]").click()]);
    expect((await page.locator("#tracking-code").textContent())?.trim()).toMatch(/^JY-/);
    await context.close();
  });
});
