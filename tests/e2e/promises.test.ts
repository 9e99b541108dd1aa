// Issue 11 in a real browser: the characters-left counters, the submit button that cannot be pressed twice, the
// upload progress of a large attachment (item 6), the private tracking link (item 5) and a refused staff action
// that keeps what was typed (item 9); axe on the changed pages in both languages.
import { describe, expect, it } from "vitest";
import type { Page, Route } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { insertSuggestion } from "../support/suggestions.ts";
import { useLiveAppAndBrowser } from "../support/live-server.ts";

const env = useLiveAppAndBrowser();

// A valid PDF (the server checks the type by content) padded past the 256 KB from which progress is shown.
const BIG_PDF = Buffer.concat([
  Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"),
  Buffer.from(`%${"x".repeat(600 * 1024)}\n`),
  Buffer.from("trailer<</Root 1 0 R>>\n%%EOF\n"),
]);

async function axe(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function fillSuggestion(page: Page) {
  await page.fill("#f-title", "关于延长社区图书馆开放时间的建议");
  await page.selectOption("#f-categoryId", { index: 1 });
  await page.selectOption("#f-regionId", { index: 2 });
  await page.fill("#f-problem", "社区图书馆晚上六点就关门，上班族下班后无法借书。");
  await page.fill("#f-proposal", "建议工作日开放到晚上九点，周末全天开放，并增设自助借还机。");
  await page.fill("#f-realName", "周晓梅");
  await page.fill("#f-phone", "13612345678");
}

describe("issue 11 in the browser", () => {
  it("when a citizen types, then each long field says how many characters are left, in both languages, and says when it is over", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.live.baseUrl}/suggestions/new?lang=zh-CN`);
    await page.fill("#f-problem", "社区图书馆开放时间太短");
    expect(await page.locator("#f-problem-count").textContent()).toBe("还可输入 4989 字");
    await page.fill("#f-problem", "长".repeat(5003));
    expect(await page.locator("#f-problem-count").textContent()).toBe("已超出 3 字，请精简");
    expect(await page.locator("#f-title-count").textContent()).toMatch(/^还可输入 \d+ 字$/);
    await axe(page, "zh-CN form with counters");
    await page.goto(`${env.live.baseUrl}/suggestions/new?lang=en`);
    await page.fill("#f-proposal", "Open later");
    expect(await page.locator("#f-proposal-count").textContent()).toBe("4990 characters left");
    await axe(page, "en form with counters");
    await context.close();
  });

  it("when the form is sent with a large attachment, then the button shows it is sending, a second press sends nothing, upload progress shows, and the receipt's private link opens the tracking page", async () => {
    const context = await env.browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    let posts = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/suggestions/new", async (route: Route) => {
      if (route.request().method() !== "POST") return route.continue();
      posts += 1;
      await held;
      await route.continue();
    });
    await page.goto(`${env.live.baseUrl}/suggestions/new`);
    await fillSuggestion(page);
    await page.setInputFiles("#f-attachments", { name: "调研报告.pdf", mimeType: "application/pdf", buffer: BIG_PDF });
    const button = page.locator("form.suggestion-form button[type=submit]");
    await button.click();
    await page.locator("#upload-progress").waitFor();
    expect(await page.locator("#upload-progress [role=status]").textContent()).toMatch(/^正在上传附件：\d+%$/);
    expect(await button.getAttribute("aria-disabled")).toBe("true");
    expect(await button.textContent()).toBe("正在提交，请稍候…");
    await button.click({ force: true });
    await page.waitForTimeout(300);
    expect(posts).toBe(1);
    await axe(page, "zh-CN form while uploading");

    release();
    await page.waitForURL(/\/suggestions\/received/);
    const code = (await page.locator("#tracking-code").textContent())?.trim() ?? "";
    expect(await env.live.c.db.suggestion.count({ where: { title: "关于延长社区图书馆开放时间的建议" } })).toBe(1);
    await axe(page, "zh-CN receipt with private link");
    const link = (await page.locator("#private-link").getAttribute("href")) ?? "";
    expect(link).toMatch(/\/track\/[A-Za-z0-9_-]{43}$/);

    // Opened in another browser, with nothing typed: the tracking page, in both languages.
    const other = await env.browser.newContext();
    const tab = await other.newPage();
    for (const lang of ["zh-CN", "en"]) {
      // The link names the configured public address; here the app listens elsewhere.
      await tab.goto(`${env.live.baseUrl}${new URL(link).pathname}?lang=${lang}`);
      expect(await tab.locator("#tracked-code").textContent()).toBe(code);
      await axe(tab, `${lang} tracking page by private link`);
    }
    await other.close();
    await context.close();
  });

  it("when a coordinator merges a suggestion into itself, then the suggestion's page says why and the typed note is still there", async () => {
    const s = await insertSuggestion(env.live.c.db, { status: "SCREENING" });
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.live.baseUrl}/staff/sign-in`);
    await page.fill("#email", "coordinator@demo.example");
    await page.fill("#password", "GoldenIdeas#2026");
    await Promise.all([page.waitForURL(/\/staff\/screening/), page.locator("form button[type=submit]").last().click()]);
    for (const lang of ["zh-CN", "en"]) {
      await page.goto(`${env.live.baseUrl}/staff/suggestions/${s.id}?lang=${lang}`);
      const merge = page.locator(`form[action="/staff/suggestions/${s.id}/merge"]`);
      await merge.evaluate((form) => form.closest("details")?.setAttribute("open", ""));
      await merge.locator("#ca-merge-targetCode").fill(s.trackingCode);
      await merge.locator("#ca-merge-note").fill("内容完全相同，合并办理。");
      await Promise.all([page.waitForLoadState("load"), merge.locator("button[type=submit]").click()]);
      expect(await page.locator("#ca-merge-note").inputValue()).toBe("内容完全相同，合并办理。");
      expect(await page.locator("main").textContent()).toContain(lang === "en" ? s.trackingCode : "不能把建议合并到它自己");
      expect(await page.locator(`a[href="/staff/suggestions/${s.id}"]`).count()).toBeGreaterThan(0);
      await axe(page, `${lang} refused merge`);
    }
    await context.close();
  });
});
