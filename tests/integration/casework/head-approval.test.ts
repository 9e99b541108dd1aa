// 答复需负责人审核: a department that has its replies approved by its head. The setting on the admin department page
// (audited); with it on, the lead reply waits for a head of the department — no status change, no citizen email —
// and goes out on approval exactly as a direct reply does, or comes back to the officials with the head's note.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Express } from "express";
import type { Redis } from "ioredis";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createRedis } from "../../../src/platform/redis.ts";
import { startWorkers, type WorkerSet } from "../../../workers/start-workers.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { signIn } from "../../support/http.ts";
import { startSmtp, type TestSmtp } from "../../support/smtp.ts";
import { insertSuggestion, SUBMITTER } from "../../support/suggestions.ts";

type Client = Awaited<ReturnType<typeof signIn>>;

let smtp: TestSmtp;
let c: Container;
let app: Express;
let connection: Redis;
let workers: WorkerSet | undefined;
let official: Client;
let head: Client;
let otherHead: Client;
let admin: Client;

const REPLY = { body: "经研究，明年增开两条夜间公交线路。", adoption: "ADOPTED", explanation: "客流调查支持夜间线路。" };

beforeAll(async () => {
  smtp = await startSmtp();
  c = createTestContainer({ SMTP_URL: smtp.url });
  connection = createRedis(c.config.redisUrl, "worker");
  await resetAndSeed(c);
  app = createApp(c);
  [official, head, otherHead, admin] = await Promise.all([
    signIn(app, "official.transport@demo.example"),
    signIn(app, "head.transport@demo.example"),
    signIn(app, "head.edu@demo.example"),
    signIn(app, "admin@demo.example"),
  ]);
});
beforeEach(() => smtp.clear());
afterEach(async () => {
  await workers?.close();
  workers = undefined;
  await c.db.department.updateMany({ data: { repliesNeedApproval: false } });
});
afterAll(async () => {
  connection.disconnect();
  await c.close();
  await smtp.close();
});

const needApproval = (code: string) => c.db.department.update({ where: { code }, data: { repliesNeedApproval: true } });

/** The last outbox row's id: reply emails queued after it are this test's. */
const lastEmailId = async () => (await c.db.emailMessage.aggregate({ _max: { id: true } }))._max.id ?? 0;
const replyEmailsSince = (id: number) => c.db.emailMessage.count({ where: { template: "suggestion-replied", id: { gt: id } } });

async function citizenEmailsQueued(suggestionId: number): Promise<number> {
  const replies = await c.db.reply.findMany({ where: { suggestionId }, select: { id: true } });
  return c.db.emailMessage.count({ where: { template: "suggestion-replied", dedupeKey: { in: replies.map((r) => `replied-${r.id}`) } } });
}

describe("the department setting", () => {
  it("when an administrator ticks it on the department page, then it is saved, shown ticked and audited with before and after", async () => {
    const transport = await c.db.department.findUniqueOrThrow({ where: { code: "TRANSPORT" } });
    const page = await admin.get(`/admin/departments/${transport.id}`);
    expect(page.text).toContain('name="repliesNeedApproval"');
    expect(page.text).toContain("答复需经负责人审核");
    const res = await admin.post(`/admin/departments/${transport.id}`, {
      code: transport.code, name: transport.name, nameEn: transport.nameEn, email: transport.email, headEmail: transport.headEmail ?? "", regionId: "", parentId: "", repliesNeedApproval: "on",
    });
    expect(res.status).toBe(303);
    expect((await c.db.department.findUniqueOrThrow({ where: { id: transport.id } })).repliesNeedApproval).toBe(true);
    const again = await admin.get(`/admin/departments/${transport.id}`);
    expect(again.text).toMatch(/id="f-repliesNeedApproval"[^>]*checked/);
    const entry = await c.db.auditEntry.findFirstOrThrow({ where: { action: "department.update", entityId: String(transport.id) }, orderBy: { id: "desc" } });
    expect(entry.before).toMatchObject({ repliesNeedApproval: false });
    expect(entry.after).toMatchObject({ repliesNeedApproval: true });
  });
});

describe("replies needing the head's approval (答复需负责人审核)", () => {
  it("when the setting is off, then the official's reply goes out at once, as before", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    workers = startWorkers(c, connection, { queues: ["email"] });
    const res = await official.post(`/staff/suggestions/${s.id}/reply`, REPLY);
    expect(res.location).toBe(`/staff/suggestions/${s.id}?done=replied`);
    expect((await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("REPLIED");
    await smtp.waitFor((m) => m.subject?.includes(s.trackingCode) === true);
    expect(await c.db.pendingReply.count({ where: { suggestionId: s.id } })).toBe(0);
  });

  it("when it is on, then the citizen hears nothing until a head approves; then the reply, the event and the email go out", async () => {
    await needApproval("TRANSPORT");
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING", title: "关于夜间公交的建议" });
    workers = startWorkers(c, connection, { queues: ["email"] });
    const emailsBefore = await lastEmailId();

    const res = await official.post(`/staff/suggestions/${s.id}/reply`, REPLY);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/staff/suggestions/${s.id}?done=awaitingApproval`);
    const held = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, include: { replies: true, assignments: true } });
    expect(held.status).toBe("IN_HANDLING");
    expect(held.replies).toHaveLength(0);
    expect(held.assignments[0]?.status).toBe("ACCEPTED");
    expect(await c.db.handlingEvent.count({ where: { suggestionId: s.id, type: "REPLIED" } })).toBe(0);
    expect(await replyEmailsSince(emailsBefore)).toBe(0);

    // The official sees it waiting, without a second reply form.
    const mine = await official.get(res.location ?? "");
    expect(mine.text).toContain("答复已提交单位负责人审核。");
    expect(mine.text).toContain('id="pending-reply"');
    expect(mine.text).toContain(REPLY.body);
    expect(mine.text).not.toContain(`/staff/suggestions/${s.id}/reply"`);
    expect(mine.text).not.toContain("/reply/approve");
    expect((await official.post(`/staff/suggestions/${s.id}/reply`, REPLY)).status).toBe(409);

    // The head sees it on the case page and in a short list in the inbox.
    const inbox = await head.get("/staff/inbox");
    expect(inbox.text).toContain('id="awaiting-approval"');
    expect(inbox.text).toContain(`/staff/suggestions/${s.id}#pending-reply`);
    expect((await official.get("/staff/inbox")).text).not.toContain('id="awaiting-approval"');
    const page = await head.get(`/staff/suggestions/${s.id}`);
    expect(page.text).toContain(REPLY.body);
    expect(page.text).toContain(`/staff/suggestions/${s.id}/reply/approve`);
    expect(smtp.to(SUBMITTER.email)).toHaveLength(0);

    const approved = await head.post(`/staff/suggestions/${s.id}/reply/approve`, {});
    expect(approved.status).toBe(303);
    expect(approved.location).toBe(`/staff/suggestions/${s.id}?done=approved`);
    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, include: { replies: true, assignments: true } });
    expect(row.status).toBe("REPLIED");
    expect(row.assignments[0]?.status).toBe("REPLIED");
    const officialId = (await c.db.user.findUniqueOrThrow({ where: { email: "official.transport@demo.example" } })).id;
    const headId = (await c.db.user.findUniqueOrThrow({ where: { email: "head.transport@demo.example" } })).id;
    expect(row.replies).toHaveLength(1);
    expect(row.replies[0]).toMatchObject({ isLead: true, body: REPLY.body, authorId: officialId });
    expect(await c.db.handlingEvent.findFirstOrThrow({ where: { suggestionId: s.id, type: "REPLIED" } })).toMatchObject({ fromStatus: "IN_HANDLING", toStatus: "REPLIED", actorId: headId, internal: false });
    expect(await c.db.pendingReply.findFirstOrThrow({ where: { suggestionId: s.id } })).toMatchObject({ status: "APPROVED", replyId: row.replies[0]?.id, reviewedById: headId });

    const mail = await smtp.waitFor((m) => m.subject?.includes(s.trackingCode) === true);
    expect(mail.subject).toBe(`您的建议已答复（查询码 ${s.trackingCode}）`);
    expect(mail.text).toContain(REPLY.body);
    expect(await citizenEmailsQueued(s.id)).toBe(1);

    // Approving twice (a double click) changes nothing more.
    expect((await head.post(`/staff/suggestions/${s.id}/reply/approve`, {})).status).toBe(409);
    expect(await c.db.reply.count({ where: { suggestionId: s.id } })).toBe(1);
    const after = await head.get(approved.location ?? "");
    expect(after.text).toContain("答复已审核同意并发送给建议人。");
    expect(after.text).not.toContain('id="pending-reply"');
  });

  it("when the head sends it back, then the official sees the note, edits and resubmits, and only the approved text goes out", async () => {
    await needApproval("TRANSPORT");
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    workers = startWorkers(c, connection, { queues: ["email"] });
    const emailsBefore = await lastEmailId();
    expect((await official.post(`/staff/suggestions/${s.id}/reply`, REPLY)).status).toBe(303);

    const empty = await head.post(`/staff/suggestions/${s.id}/reply/send-back`, { note: "  " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("请说明需要修改的内容。");

    const back = await head.post(`/staff/suggestions/${s.id}/reply/send-back`, { note: "请写明线路开通的具体时间。<b>" });
    expect(back.status).toBe(303);
    expect(back.location).toBe(`/staff/suggestions/${s.id}?done=sentBack`);
    const page = await official.get(`/staff/suggestions/${s.id}`);
    expect(page.text).toContain('id="review-note"');
    expect(page.text).toContain("请写明线路开通的具体时间。&lt;b&gt;");
    expect(page.text).toContain("负责人已退回答复");
    // The reply form is offered again, with the text to edit.
    expect(page.text).toContain(`/staff/suggestions/${s.id}/reply"`);
    expect(page.text).toContain(REPLY.body);
    expect((await head.post(`/staff/suggestions/${s.id}/reply/approve`, {})).status).toBe(409);
    expect(await c.db.handlingEvent.findFirstOrThrow({ where: { suggestionId: s.id, type: "REPLY_SENT_BACK" } })).toMatchObject({ internal: true, note: "请写明线路开通的具体时间。<b>" });
    expect(await replyEmailsSince(emailsBefore)).toBe(0);

    const edited = { ...REPLY, body: "经研究，明年三月起增开两条夜间公交线路。" };
    expect((await official.post(`/staff/suggestions/${s.id}/reply`, edited)).location).toBe(`/staff/suggestions/${s.id}?done=awaitingApproval`);
    expect(await c.db.pendingReply.findFirstOrThrow({ where: { suggestionId: s.id } })).toMatchObject({ status: "AWAITING_APPROVAL", body: edited.body, reviewNote: null });
    expect((await head.post(`/staff/suggestions/${s.id}/reply/approve`, {})).status).toBe(303);
    const mail = await smtp.waitFor((m) => m.subject?.includes(s.trackingCode) === true);
    expect(mail.text).toContain(edited.body);
  });

  it("when an official who is not a head, or another department's head, tries to approve, then they cannot and cannot see it", async () => {
    await needApproval("TRANSPORT");
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    expect((await official.post(`/staff/suggestions/${s.id}/reply`, REPLY)).status).toBe(303);

    expect((await official.post(`/staff/suggestions/${s.id}/reply/approve`, {})).status).toBe(403);
    expect((await official.post(`/staff/suggestions/${s.id}/reply/send-back`, { note: "自己退回" })).status).toBe(403);
    expect((await otherHead.post(`/staff/suggestions/${s.id}/reply/approve`, {})).status).toBe(404);
    expect((await otherHead.get(`/staff/suggestions/${s.id}`)).status).toBe(404);
    expect((await otherHead.get("/staff/inbox")).text).not.toContain(`/staff/suggestions/${s.id}#pending-reply`);

    // An assisting department's head sees the case, but not the lead's reply waiting for approval.
    const assisted = await insertSuggestion(c.db, { lead: "TRANSPORT", assists: ["EDU"], status: "IN_HANDLING" });
    expect((await official.post(`/staff/suggestions/${assisted.id}/reply`, REPLY)).status).toBe(303);
    const seen = await otherHead.get(`/staff/suggestions/${assisted.id}`);
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain(REPLY.body);
    expect(seen.text).not.toContain('id="pending-reply"');
    expect((await otherHead.post(`/staff/suggestions/${assisted.id}/reply/approve`, {})).status).toBe(403);

    expect(await c.db.reply.count({ where: { suggestionId: { in: [s.id, assisted.id] } } })).toBe(0);
    expect(await c.db.pendingReply.count({ where: { suggestionId: { in: [s.id, assisted.id] }, status: "AWAITING_APPROVAL" } })).toBe(2);
  });
});
