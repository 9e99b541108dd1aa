// Issue 11, item 13: a transfer (改派) has a reason and can change the assisting departments; both are recorded in the
// history and the departments concerned are told.
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentId, insertSuggestion } from "../../support/suggestions.ts";
import { coordinator, defaultDueDate, startContext, type CoordinationContext } from "../coordination/context.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());

describe("transfer with a reason and assisting departments", () => {
  it("when a coordinator transfers with a reason, replacing an assisting department, then the history says so and the new departments are emailed", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "TRANSPORT", leadStatus: "ACCEPTED", assists: ["CIVIL"] });
    const [edu, civil, hrss] = await Promise.all(["EDU", "CIVIL", "HRSS"].map((code) => departmentId(ctx.c.db, code)));
    const client = await coordinator(ctx.app);
    const form = await client.get(`/staff/suggestions/${s.id}`);
    // The current assisting department is ticked in the transfer form.
    expect(form.text).toMatch(new RegExp(`id="ca-transfer-assistDepartmentIds-[^"]*" name="assistDepartmentIds" value="${civil}" checked`));

    const missing = await client.post(`/staff/suggestions/${s.id}/transfer`, { leadDepartmentId: String(edu), replyDueDate: defaultDueDate(ctx.c) });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain("请填写改派的原因。");

    const res = await client.post(`/staff/suggestions/${s.id}/transfer`, {
      leadDepartmentId: String(edu), replyDueDate: defaultDueDate(ctx.c), assistDepartmentIds: String(hrss), reason: "涉及课后服务师资，属教育厅职责。",
    });
    expect(res.status).toBe(303);
    const current = await ctx.c.db.assignment.findMany({ where: { suggestionId: s.id, status: { in: ["PENDING", "ACCEPTED"] } }, orderBy: { id: "asc" } });
    expect(current.map((a) => [a.departmentId, a.role])).toEqual([[edu, "LEAD"], [hrss, "ASSIST"]]);
    expect(await ctx.c.db.assignment.findFirst({ where: { suggestionId: s.id, departmentId: civil } })).toMatchObject({ status: "TRANSFERRED" });

    const page = await client.get(`/staff/suggestions/${s.id}`);
    expect(page.text).toContain("涉及课后服务师资，属教育厅职责。");
    expect(page.text).toContain("人力资源和社会保障厅协办");
    for (const code of ["EDU", "HRSS"]) {
      const { email } = await ctx.c.db.department.findUniqueOrThrow({ where: { code }, select: { email: true } });
      await ctx.smtp.waitFor((m) => (m.subject ?? "").includes(s.trackingCode) && ctx.smtp.to(email).includes(m));
    }
  });

  it("when a transfer takes the case from the lead and an assisting department, then each of them is emailed in Chinese with the reason; a department that stays is not", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "TRANSPORT", leadStatus: "ACCEPTED", assists: ["CIVIL", "HRSS"] });
    const hrss = await departmentId(ctx.c.db, "HRSS");
    const edu = await ctx.c.db.department.findUniqueOrThrow({ where: { code: "EDU" } });
    const [transport, civil, kept] = await Promise.all(["TRANSPORT", "CIVIL", "HRSS"].map((code) => ctx.c.db.department.findUniqueOrThrow({ where: { code } })));
    const client = await coordinator(ctx.app);
    await client.get(`/staff/suggestions/${s.id}`);
    const reason = "属义务教育阶段事项，由教育厅主办。";
    const res = await client.post(`/staff/suggestions/${s.id}/transfer`, {
      leadDepartmentId: String(edu.id), replyDueDate: defaultDueDate(ctx.c), assistDepartmentIds: String(hrss), reason,
    });
    expect(res.status).toBe(303);

    const aboutIt = (to: string) => (m: ParsedMail) => (m.subject ?? "").includes(s.trackingCode) && (m.subject ?? "").includes("【改派】") && ctx.smtp.to(to).includes(m);
    const toLead = await ctx.smtp.waitFor(aboutIt(transport!.email));
    expect(toLead.text).toContain(`${transport!.name}：`);
    expect(toLead.text).toContain("你单位不再承办此件");
    expect(toLead.text).toContain(reason);
    expect(toLead.text).toContain(edu.name);
    const toAssist = await ctx.smtp.waitFor(aboutIt(civil!.email));
    expect(toAssist.text).toContain("你单位不再协办此件");
    expect(toAssist.text).toContain(reason);
    // The department that keeps assisting, and the new lead, get no "no longer yours" email.
    await ctx.smtp.waitFor((m) => (m.subject ?? "").includes(s.trackingCode) && ctx.smtp.to(edu.email).includes(m));
    expect(ctx.smtp.to(kept!.email).filter(aboutIt(kept!.email))).toEqual([]);
    expect(ctx.smtp.to(edu.email).filter(aboutIt(edu.email))).toEqual([]);
    const rows = await ctx.c.db.emailMessage.findMany({ where: { template: "assignment-withdrawn", dedupeKey: { startsWith: "withdrawn-" } } });
    expect(rows.filter((r) => [transport!.email, civil!.email].includes(r.toAddress)).every((r) => r.locale === "zh-CN")).toBe(true);
  });
});
