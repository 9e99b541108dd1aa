// The staff side end to end in Chromium: a citizen's suggestion that no rule routes lands in screening; the
// coordinator accepts it and assigns it to the education department; the department's official accepts the
// assignment and replies "部分采纳"; the citizen reads the reply on the tracking page and rates it.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useLiveAppAndBrowser } from "../support/live-server.ts";
import { eventually } from "../support/harness.ts";
import { recipients } from "../support/smtp.ts";

const env = useLiveAppAndBrowser();

async function signInAs(email: string): Promise<Page> {
  const context = await env.browser.newContext({ locale: "zh-CN", viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.live.baseUrl}/staff/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", "GoldenIdeas#2026");
  await Promise.all([page.waitForURL(/\/staff\/(screening|inbox)/), page.locator("form button[type=submit]").last().click()]);
  return page;
}

async function submitAndClick(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState("load"), page.waitForEvent("framenavigated"), page.locator(selector).click()]);
}

describe("handling a suggestion from screening to the citizen's rating", () => {
  it("when the coordinator assigns, the official replies 部分采纳 and the citizen rates it, then every step shows and the case closes", async () => {
    // The citizen, on a phone.
    const citizenContext = await env.browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true });
    const citizen = await citizenContext.newPage();
    await citizen.goto(`${env.live.baseUrl}/suggestions/new`);
    await citizen.fill("#f-title", "关于在城市公园增设遮阳长椅的建议");
    await citizen.selectOption("#f-categoryId", { label: "其他" });
    const county = citizen.locator("#f-regionId option").filter({ hasText: "铁西区" }).first();
    await citizen.selectOption("#f-regionId", (await county.getAttribute("value")) ?? "");
    await citizen.fill("#f-problem", "夏季公园里可以坐下休息的地方很少，现有长椅大多没有遮阳，中午无法使用。");
    await citizen.fill("#f-proposal", "建议在主要步道旁增设带遮阳棚的长椅，并在树荫下优先布置座椅。");
    await citizen.fill("#f-realName", "赵明");
    await citizen.fill("#f-phone", "13500002468");
    await citizen.fill("#f-email", "zhao.ming@example.com");
    await Promise.all([citizen.waitForURL(/\/suggestions\/received/), citizen.locator("form button[type=submit]").last().click()]);
    const code = ((await citizen.locator("#tracking-code").textContent()) ?? "").trim();

    // No rule matches: the worker leaves it for the coordinators.
    const suggestion = await eventually(
      async () => (await env.live.c.db.suggestion.findFirst({ where: { trackingCode: code, routingState: "TRIAGE" } })) ?? undefined,
      20_000,
    );

    // The coordinator screens, accepts and assigns it to 省教育厅.
    const coordinator = await signInAs("coordinator@demo.example");
    await coordinator.goto(`${env.live.baseUrl}/staff/screening`);
    expect(await coordinator.locator("main").textContent()).toContain(code);
    await coordinator.goto(`${env.live.baseUrl}/staff/suggestions/${suggestion.id}`);
    await coordinator.locator("#action-accept summary").click();
    await coordinator.selectOption("#ca-accept-leadDepartmentId", { label: "省教育厅" });
    await coordinator.fill("#ca-accept-note", "请结合城市公园提升工程研究办理。");
    await submitAndClick(coordinator, "#action-accept button[type=submit]");
    expect(await coordinator.locator("#case-status").textContent()).toContain("已交办");

    // The education department's official accepts the assignment and replies.
    const official = await signInAs("official.edu@demo.example");
    await official.goto(`${env.live.baseUrl}/staff/inbox`);
    expect(await official.locator("main").textContent()).toContain(code);
    await official.goto(`${env.live.baseUrl}/staff/suggestions/${suggestion.id}`);
    await submitAndClick(official, "#sign-form button");
    expect(await official.locator("#case-status").textContent()).toContain("办理中");
    await official.locator("#reply-form summary").click();
    await official.check("input[name=adoption][value=PARTIALLY_ADOPTED]");
    await official.fill("#f-reply-explanation", "增设遮阳长椅已纳入明年公园提升计划，树荫座椅布置需结合绿化改造分步实施。");
    await official.fill("#f-reply-body", "感谢您的建议。我们已会同园林部门研究，明年将在主要公园步道旁增设遮阳长椅。");
    await submitAndClick(official, "#reply-form button[type=submit]");
    expect(await official.locator("#case-status").textContent()).toContain("已答复");

    // The citizen is told by email, reads the reply on the tracking page, and rates it.
    const mail = await env.live.smtp.waitFor((m) => recipients(m).includes("zhao.ming@example.com") && (m.text ?? "").includes("部分采纳"));
    expect(mail.html).toBeTruthy();
    await citizen.goto(`${env.live.baseUrl}/track`);
    await citizen.fill("#f-code", code);
    await citizen.fill("#f-phoneLast4", "2468");
    await submitAndClick(citizen, "form.track-form button[type=submit]");
    const result = (await citizen.locator("main").textContent()) ?? "";
    expect(result).toContain("部分采纳");
    expect(result).toContain("明年将在主要公园步道旁增设遮阳长椅");
    expect(result).toContain("省教育厅");
    await citizen.check("input[name=score][value='5']");
    await citizen.fill("#f-rating-comment", "答复很具体，谢谢！");
    await submitAndClick(citizen, "form.rating-form button[type=submit]");
    expect(await citizen.locator("#rating-given").textContent()).toContain("答复很具体");

    const closed = await env.live.c.db.suggestion.findUniqueOrThrow({ where: { id: suggestion.id }, include: { rating: true } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.rating?.score).toBe(5);
  });
});
