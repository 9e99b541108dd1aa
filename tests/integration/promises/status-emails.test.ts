// Issue 11, item 1: every status change the citizen can see on the tracking page reaches them by email, in their
// language, through the outbox and the email worker (the in-process SMTP server receives what they would read).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addWorkingDays } from "../../../src/platform/working-days.ts";
import { coordinator, defaultDueDate, startContext, type CoordinationContext } from "../coordination/context.ts";
import { departmentId, insertExtensionRequest, insertSuggestion, SUBMITTER } from "../../support/suggestions.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());
beforeEach(() => ctx.smtp.clear());

const textOf = (m: { text?: string | false }) => (typeof m.text === "string" ? m.text : "");

describe("citizen emails for every visible status change", () => {
  it("when the router accepts and assigns a suggestion by itself, then the citizen gets the 已受理 email naming the department and deadline", async () => {
    const housing = await ctx.c.db.department.findUniqueOrThrow({ where: { code: "HOUSING" }, select: { id: true } });
    await ctx.c.db.routingRule.create({ data: { name: "测试：加装电梯", priority: 0, keywords: ["电梯"], departmentId: housing.id } });
    const s = await insertSuggestion(ctx.c.db, { title: "关于老旧小区加装电梯的建议", problem: "六层楼没有电梯。", proposal: "建议补贴加装电梯。" });

    const outcome = await ctx.c.services.routing.routeSuggestion(s.id);
    expect(outcome.kind).toBe("assigned");

    const mail = await ctx.smtp.waitFor((m) => m.subject === `您的建议已受理（查询码 ${s.trackingCode}）`);
    expect(ctx.smtp.to(SUBMITTER.email)).toContain(mail);
    expect(textOf(mail)).toContain("省住房和城乡建设厅");
    expect(textOf(mail)).toContain("答复期限");
    // Routing twice (the job retried) tells the citizen once.
    await ctx.c.services.routing.routeSuggestion(s.id);
    expect(await ctx.c.db.emailMessage.count({ where: { toAddress: SUBMITTER.email, template: "suggestion-accepted" } })).toBe(1);
  });

  it("when the office transfers the lead department, then the citizen (who wrote in English) is told the new department and deadline in English", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "TRANSPORT", leadStatus: "ACCEPTED", locale: "en" });
    const client = await coordinator(ctx.app);
    const res = await client.post(`/staff/suggestions/${s.id}/transfer`, { leadDepartmentId: String(await departmentId(ctx.c.db, "EDU")), replyDueDate: defaultDueDate(ctx.c), reason: "该事项属教育厅职责。" });
    expect(res.status).toBe(303);

    const mail = await ctx.smtp.waitFor((m) => m.subject === `Another department now handles your suggestion (tracking code ${s.trackingCode})`);
    expect(ctx.smtp.to(SUBMITTER.email)).toContain(mail);
    expect(textOf(mail)).toContain("Department of Education");
    expect(textOf(mail)).toContain("Reply due by");
  });

  it("when an extension is approved, then the citizen is told the new reply deadline; a refusal tells them nothing", async () => {
    const replyDueAt = addWorkingDays(new Date(), 4);
    const s = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED", replyDueAt });
    const ext = await insertExtensionRequest(ctx.c.db, { suggestionId: s.id, departmentCode: "EDU", requestedByEmail: "official.edu@demo.example", workingDays: 10 });
    const client = await coordinator(ctx.app);
    expect((await client.post(`/staff/extensions/${ext.id}/approve`, { note: "同意。" })).status).toBe(303);

    const mail = await ctx.smtp.waitFor((m) => m.subject === `您的建议答复期限已延长（查询码 ${s.trackingCode}）`);
    expect(ctx.smtp.to(SUBMITTER.email)).toContain(mail);
    const newDue = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" })
      .format(addWorkingDays(replyDueAt, 10));
    expect(textOf(mail)).toContain(newDue);
    // What the department reads (the office's note) is not forwarded to the citizen.
    expect(textOf(mail)).not.toContain("同意。");

    const other = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED", replyDueAt });
    const refused = await insertExtensionRequest(ctx.c.db, { suggestionId: other.id, departmentCode: "EDU", requestedByEmail: "official.edu@demo.example", workingDays: 10 });
    expect((await client.post(`/staff/extensions/${refused.id}/refuse`, { note: "理由不充分。" })).status).toBe(303);
    expect(await ctx.c.db.emailMessage.count({ where: { toAddress: SUBMITTER.email, template: "reply-deadline-extended", data: { path: ["trackingCode"], equals: other.trackingCode } } })).toBe(0);
  });

  it("when an answered suggestion is linked to a policy measure, then its citizen is told which measure (转化成果), once", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "REPLIED", lead: "EDU", leadStatus: "REPLIED" });
    const measure = await ctx.c.db.policyMeasure.create({
      data: { type: "POLICY_DOCUMENT", title: "关于延长中小学课后服务时间的通知", docNumber: "辽教发〔2026〕3号", issuingBody: "辽宁省教育厅", issuedOn: new Date("2026-03-02T00:00:00Z") },
    });
    const client = await coordinator(ctx.app);
    expect((await client.post(`/staff/suggestions/${s.id}/measures`, { measureId: String(measure.id) })).status).toBe(303);

    const mail = await ctx.smtp.waitFor((m) => m.subject === `您的建议已转化为政策举措（查询码 ${s.trackingCode}）`);
    expect(ctx.smtp.to(SUBMITTER.email)).toContain(mail);
    expect(textOf(mail)).toContain("关于延长中小学课后服务时间的通知");
    expect(textOf(mail)).toContain("辽教发〔2026〕3号");
    expect(textOf(mail)).toContain("政策文件");

    expect((await client.post(`/staff/suggestions/${s.id}/measures`, { measureId: String(measure.id) })).status).toBe(303);
    expect(await ctx.c.db.emailMessage.count({ where: { template: "suggestion-measure-linked" } })).toBe(1);
  });
});
