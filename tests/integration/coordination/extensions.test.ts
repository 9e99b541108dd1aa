import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorkingDays } from "../../../src/platform/working-days.ts";
import { coordinator, COORDINATOR, html, startContext, type CoordinationContext } from "./context.ts";
import { insertExtensionRequest, insertSuggestion, snapshot, SUBMITTER, userId } from "../../support/suggestions.ts";

let ctx: CoordinationContext;
let coordinatorId: number;

beforeAll(async () => {
  ctx = await startContext();
  coordinatorId = await userId(ctx.c.db, COORDINATOR);
});
afterAll(() => ctx.stop());

async function inHandlingWithRequest(workingDays: number) {
  const replyDueAt = addWorkingDays(new Date(), 4);
  const s = await insertSuggestion(ctx.c.db, {
    status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED", assists: ["CIVIL"], replyDueAt,
  });
  const ext = await insertExtensionRequest(ctx.c.db, { suggestionId: s.id, departmentCode: "EDU", requestedByEmail: "official.edu@demo.example", workingDays });
  return { s, ext, replyDueAt };
}

const shanghaiDate = (d: Date) => new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);

async function eduEmail(): Promise<string> {
  return (await ctx.c.db.department.findUniqueOrThrow({ where: { code: "EDU" }, select: { email: true } })).email;
}

const decidedRows = (extensionId: number) => ctx.c.db.emailMessage.count({ where: { dedupeKey: `extension-decided-${extensionId}` } });

describe("extension requests", () => {
  it("when extensions are pending, then the list shows the suggestion, department, reason, days and the deadline an approval gives", async () => {
    const { s, replyDueAt } = await inHandlingWithRequest(10);
    const client = await coordinator(ctx.app);
    const page = await client.get("/staff/extensions");
    expect(page.status).toBe(200);
    expect(page.text).toContain(s.trackingCode);
    expect(page.text).toContain("省教育厅");
    expect(page.text).toContain("李静");
    expect(page.text).toContain("需赴基层开展实地调研，申请延期办理。");
    expect(page.text).toContain("10 个工作日");
    const fmt = (d: Date) => new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
    expect(page.text).toContain(fmt(addWorkingDays(replyDueAt, 10)));
  });

  it("when a department's reason contains HTML, then the list shows it escaped", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED" });
    await insertExtensionRequest(ctx.c.db, {
      suggestionId: s.id, departmentCode: "EDU", requestedByEmail: "official.edu@demo.example", workingDays: 5, reason: `<img src=x onerror="alert(1)">需要调研`,
    });
    const client = await coordinator(ctx.app);
    const page = await client.get("/staff/extensions");
    expect(page.text).toContain("&lt;img src&#x3D;x onerror&#x3D;&quot;alert(1)&quot;&gt;需要调研");
    expect(page.text).not.toContain("<img src=x");
  });

  it("when an extension is approved, then the suggestion is EXTENDED and both deadlines move; approving again is refused and changes nothing", async () => {
    const { s, ext, replyDueAt } = await inHandlingWithRequest(10);
    const client = await coordinator(ctx.app);
    await client.get("/staff/extensions");
    const res = await client.post(`/staff/extensions/${ext.id}/approve`, { note: "同意。请按时答复。" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff/extensions?done=approved");

    const expected = addWorkingDays(replyDueAt, 10).toISOString();
    const after = await snapshot(ctx.c.db, s.id);
    expect(after.suggestion.status).toBe("EXTENDED");
    expect(after.suggestion.replyDueAt?.toISOString()).toBe(expected);
    expect(after.assignments.map((a) => [a.role, a.dueAt.toISOString()])).toEqual([["LEAD", expected], ["ASSIST", expected]]);
    expect(after.events.at(-1)).toMatchObject({ type: "EXTENSION_APPROVED", fromStatus: "IN_HANDLING", toStatus: "EXTENDED", actorId: coordinatorId });
    const request = await ctx.c.db.extensionRequest.findUniqueOrThrow({ where: { id: ext.id } });
    expect(request).toMatchObject({ status: "APPROVED", decidedBy: coordinatorId, decisionNote: "同意。请按时答复。" });
    expect(request.decidedAt).toBeInstanceOf(Date);

    const again = await client.post(`/staff/extensions/${ext.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain("这项延期申请已经审批过了");
    const refuse = await client.post(`/staff/extensions/${ext.id}/refuse`, { note: "不同意" });
    expect(refuse.status).toBe(409);
    expect(await snapshot(ctx.c.db, s.id)).toEqual(after);
    expect(await ctx.c.db.extensionRequest.findUniqueOrThrow({ where: { id: ext.id } })).toEqual(request);
  });

  it("when an extension is refused, then the request is REFUSED with the note, an internal event is written and the deadline stays", async () => {
    const { s, ext } = await inHandlingWithRequest(15);
    const before = await snapshot(ctx.c.db, s.id);
    const client = await coordinator(ctx.app);
    await client.get("/staff/extensions");

    const empty = await client.post(`/staff/extensions/${ext.id}/refuse`, { note: " " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("请填写不同意延期的理由");
    expect(await snapshot(ctx.c.db, s.id)).toEqual(before);

    const note = "理由不充分，<i>请按原期限办结</i>。";
    const res = await client.post(`/staff/extensions/${ext.id}/refuse`, { note });
    expect(res.status).toBe(303);
    const after = await snapshot(ctx.c.db, s.id);
    expect(after.suggestion).toEqual(before.suggestion);
    expect(after.assignments).toEqual(before.assignments);
    expect(after.events.at(-1)).toMatchObject({ type: "EXTENSION_REFUSED", actorId: coordinatorId, note, internal: true, fromStatus: null, toStatus: null });
    expect(await ctx.c.db.extensionRequest.findUniqueOrThrow({ where: { id: ext.id } })).toMatchObject({ status: "REFUSED", decidedBy: coordinatorId, decisionNote: note });
    expect((await client.get("/staff/extensions")).text).not.toContain(`/staff/extensions/${ext.id}/approve`);
  });

  it("when an extension is approved, then the department gets an email with the new deadline and no submitter data; deciding again adds no email", async () => {
    const { s, ext, replyDueAt } = await inHandlingWithRequest(10);
    const client = await coordinator(ctx.app);
    await client.get("/staff/extensions");
    expect((await client.post(`/staff/extensions/${ext.id}/approve`, { note: "同意。请按时答复。" })).status).toBe(303);

    const mail = await ctx.smtp.waitFor((m) => m.subject === `【延期审批】${s.trackingCode} ${s.title}`);
    expect(ctx.smtp.to(await eduEmail())).toContain(mail);
    const newDue = shanghaiDate(addWorkingDays(replyDueAt, 10));
    expect(mail.text).toContain("省教育厅：");
    expect(mail.text).toContain("审批结果：延期申请已批准");
    expect(mail.text).toContain("申请延期：10 个工作日");
    expect(mail.text).toContain(`新的答复期限：${newDue}`);
    expect(mail.text).toContain("征集办意见：同意。请按时答复。");
    expect(mail.text).toContain(`/staff/suggestions/${s.id}`);
    expect(html(mail)).toContain("延期申请已批准");
    expect(html(mail)).toContain(newDue);
    expect(html(mail)).toContain(`/staff/suggestions/${s.id}"`);
    for (const part of [mail.text ?? "", html(mail)]) {
      expect(part).not.toContain(SUBMITTER.realName);
      expect(part).not.toContain(SUBMITTER.phone);
      expect(part).not.toContain(SUBMITTER.email);
    }
    expect(await decidedRows(ext.id)).toBe(1);

    expect((await client.post(`/staff/extensions/${ext.id}/approve`, {})).status).toBe(409);
    expect((await client.post(`/staff/extensions/${ext.id}/refuse`, { note: "不同意" })).status).toBe(409);
    expect(await decidedRows(ext.id)).toBe(1);
  });

  it("when an extension is refused, then the department gets the refusal with the note and the deadline that stays", async () => {
    const { s, ext, replyDueAt } = await inHandlingWithRequest(15);
    const client = await coordinator(ctx.app);
    await client.get("/staff/extensions");
    const note = "理由不充分，<i>请按原期限办结</i>。";
    expect((await client.post(`/staff/extensions/${ext.id}/refuse`, { note })).status).toBe(303);

    const mail = await ctx.smtp.waitFor((m) => m.subject === `【延期审批】${s.trackingCode} ${s.title}`);
    expect(ctx.smtp.to(await eduEmail())).toContain(mail);
    expect(mail.text).toContain("审批结果：延期申请未获批准");
    expect(mail.text).toContain("申请延期：15 个工作日");
    expect(mail.text).toContain(`答复期限（不变）：${shanghaiDate(replyDueAt)}`);
    expect(mail.text).toContain(`征集办意见：${note}`);
    expect(html(mail)).toContain("延期申请未获批准");
    expect(html(mail)).toContain("理由不充分，&lt;i&gt;请按原期限办结&lt;/i&gt;。");
    expect(html(mail)).not.toContain("<i>请按原期限办结");
    expect(mail.text).not.toContain(SUBMITTER.realName);
    expect(await decidedRows(ext.id)).toBe(1);

    expect((await client.post(`/staff/extensions/${ext.id}/refuse`, { note: "再次不同意" })).status).toBe(409);
    expect(await decidedRows(ext.id)).toBe(1);
  });

  it("when the requesting department no longer leads, then approval is refused and nothing changes", async () => {
    const { s, ext } = await inHandlingWithRequest(10);
    const civil = await ctx.c.db.department.findUniqueOrThrow({ where: { code: "CIVIL" }, select: { id: true } });
    await ctx.c.db.suggestion.update({ where: { id: s.id }, data: { leadDepartmentId: civil.id } });
    const before = await snapshot(ctx.c.db, s.id);
    const client = await coordinator(ctx.app);
    await client.get("/staff/extensions");
    const res = await client.post(`/staff/extensions/${ext.id}/approve`, {});
    expect(res.status).toBe(409);
    expect(await snapshot(ctx.c.db, s.id)).toEqual(before);
    expect((await ctx.c.db.extensionRequest.findUniqueOrThrow({ where: { id: ext.id } })).status).toBe("PENDING");
  });

  it("when the request does not exist, then the answer is 404", async () => {
    const client = await coordinator(ctx.app);
    await client.get("/staff/extensions");
    expect((await client.post("/staff/extensions/999999/approve", {})).status).toBe(404);
  });
});
