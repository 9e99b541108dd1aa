// A citizen on a phone: submit an everyday suggestion with an attachment, get a code, and track it until the
// worker has routed it to a department — in Chinese and in English. Real Chromium, real web app, real workers.
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { useLiveAppAndBrowser } from "../support/live-server.ts";
import { recipients } from "../support/smtp.ts";

const env = useLiveAppAndBrowser();

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// A minimal valid PDF: the server checks the type by content, so it must really be one.
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

async function newPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ ...PHONE, locale: "zh-CN" });
  return { context, page: await context.newPage() };
}

async function expectNoSeriousA11yViolations(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function submitEverydaySuggestion(page: Page, lang: "zh-CN" | "en", phone: string, email: string) {
  await page.goto(`${env.live.baseUrl}/suggestions/new?lang=${lang}`);
  await page.fill("#f-title", lang === "en" ? "Simplify reimbursement of out-of-province medical costs (医保报销)" : "关于简化异地就医医保报销手续的建议");
  await page.selectOption("#f-categoryId", { label: lang === "en" ? "Public services and livelihood" : "民生服务" });
  const county = page.locator("#f-regionId option").filter({ hasText: lang === "en" ? "Heping" : "和平区" }).first();
  await page.selectOption("#f-regionId", (await county.getAttribute("value")) ?? "");
  await page.fill("#f-problem", "异地就医后回参保地报销医保费用，需要往返多次提交纸质材料，老人尤其不便。");
  await page.fill("#f-proposal", "建议推行异地就医直接结算，医保报销材料可在辽事通上传，一次办结。");
  await page.fill("#f-realName", "李晓华");
  await page.fill("#f-phone", phone);
  await page.fill("#f-email", email);
  await page.setInputFiles("#f-attachments", { name: "发票清单.pdf", mimeType: "application/pdf", buffer: PDF });
  await Promise.all([page.waitForURL(/\/suggestions\/received/), page.locator("form.suggestion-form button[type=submit], form button[type=submit]").last().click()]);
  const code = (await page.locator("#tracking-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[A-Z]{2,6}-\d{4}-[0-9A-Z]{6,}$/);
  return code;
}

async function trackUntilDepartment(page: Page, code: string, last4: string, department: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await page.goto(`${env.live.baseUrl}/track`);
    await page.fill("#f-code", code);
    await page.fill("#f-phoneLast4", last4);
    await Promise.all([page.waitForLoadState("load"), page.locator("form.track-form button[type=submit]").click()]);
    const shown = (await page.locator("#tracked-department").textContent().catch(() => "")) ?? "";
    if (shown.includes(department)) return;
    if (Date.now() > deadline) throw new Error(`still not routed to ${department}: "${shown}"`);
    await page.waitForTimeout(500);
  }
}

describe("citizen on a phone", () => {
  it("when a citizen submits an everyday suggestion with a PDF, then they get a code and can track it until it shows the routed department", async () => {
    const { context, page } = await newPhone();
    const code = await submitEverydaySuggestion(page, "zh-CN", "138 1234 5678", "li.xiaohua@example.com");
    await trackUntilDepartment(page, code, "5678", "省医疗保障局");
    expect(await page.locator("main").textContent()).toContain("已交办");

    const stored = await env.live.c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: code }, include: { attachments: true } });
    expect(stored.attachments.map((a) => a.originalName)).toEqual(["发票清单.pdf"]);
    const ack = await env.live.smtp.waitFor((m) => recipients(m).includes("li.xiaohua@example.com") && (m.text ?? "").includes(code));
    expect(ack.subject).toContain(code);
    await context.close();
  });

  it("when the citizen chooses English, then the whole path works in English and the choice is remembered", async () => {
    const { context, page } = await newPhone();
    const code = await submitEverydaySuggestion(page, "en", "13987654321", "visitor@example.com");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await trackUntilDepartment(page, code, "4321", "Healthcare Security Administration");
    // Remembered: /track was opened without ?lang, and still speaks English.
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").first().textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await context.close();
  });

  it("when axe-core checks every public page in both languages, then it finds no serious or critical violation", async () => {
    const { context, page } = await newPhone();
    const round = await env.live.c.db.collectionRound.findFirstOrThrow({ where: { status: "OPEN" } });
    const code = await submitEverydaySuggestion(page, "zh-CN", "13700001111", "a11y@example.com");
    for (const lang of ["zh-CN", "en"] as const) {
      for (const path of ["/", "/suggestions/new", "/rounds", `/rounds/${round.id}`, "/track", "/no-such-page", "/staff/sign-in"]) {
        await page.goto(`${env.live.baseUrl}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
        await expectNoSeriousA11yViolations(page, `${lang} ${path}`);
      }
      // The form with errors, and a tracking result.
      await page.goto(`${env.live.baseUrl}/suggestions/new?lang=${lang}`);
      await page.locator("form button[type=submit]").last().click();
      await page.waitForLoadState("load");
      expect(await page.locator("#error-summary").isVisible()).toBe(true);
      await expectNoSeriousA11yViolations(page, `${lang} form with errors`);
      await page.goto(`${env.live.baseUrl}/track`);
      await page.fill("#f-code", code);
      await page.fill("#f-phoneLast4", "1111");
      await Promise.all([page.waitForLoadState("load"), page.locator("form.track-form button[type=submit]").click()]);
      await expectNoSeriousA11yViolations(page, `${lang} tracking result`);
    }
    await context.close();
  });
});
