// The department's actions through the real app: accept, return, ask for an extension, note, reply (and the
// assisting department's opinion), with the citizen's reply email delivered through the outbox, a worker and SMTP.
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
import { departmentId, insertSuggestion, snapshot, SUBMITTER } from "../../support/suggestions.ts";

type Client = Awaited<ReturnType<typeof signIn>>;

let smtp: TestSmtp;
let c: Container;
let app: Express;
let connection: Redis;
let workers: WorkerSet | undefined;
let transport: Client;
let edu: Client;
let coordinator: Client;

const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const REPLY = {
  body: "经研究，我厅将在明年增开两条夜间公交线路。\n具体线路另行公布。",
  adoption: "PARTIALLY_ADOPTED",
  explanation: "夜间线路部分采纳，其余线路客流不足，暂不开通。",
};

beforeAll(async () => {
  smtp = await startSmtp();
  c = createTestContainer({ SMTP_URL: smtp.url });
  connection = createRedis(c.config.redisUrl, "worker");
  await resetAndSeed(c);
  app = createApp(c);
  [transport, edu, coordinator] = await Promise.all([
    signIn(app, "official.transport@demo.example"),
    signIn(app, "official.edu@demo.example"),
    signIn(app, "coordinator@demo.example"),
  ]);
});
beforeEach(() => smtp.clear());
afterEach(async () => {
  await workers?.close();
  workers = undefined;
});
afterAll(async () => {
  connection.disconnect();
  await c.close();
  await smtp.close();
});

async function open(client: Client, id: number) {
  const page = await client.get(`/staff/suggestions/${id}`);
  expect(page.status).toBe(200);
  return page;
}

describe("accepting the assignment (签收)", () => {
  it("when the lead department accepts, then the case is in handling, the assignment is accepted and the event names the official", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT" });
    const page = await open(transport, s.id);
    expect(page.text).toContain('action="/staff/suggestions/' + s.id + '/sign"');
    const res = await transport.post(`/staff/suggestions/${s.id}/sign`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/staff/suggestions/${s.id}?done=signed`);

    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, include: { assignments: true } });
    expect(row.status).toBe("IN_HANDLING");
    expect(row.assignments[0]).toMatchObject({ status: "ACCEPTED" });
    expect(row.assignments[0]?.acceptedAt).toBeInstanceOf(Date);
    const user = await c.db.user.findUniqueOrThrow({ where: { email: "official.transport@demo.example" } });
    const event = await c.db.handlingEvent.findFirstOrThrow({ where: { suggestionId: s.id, type: "ASSIGNMENT_ACCEPTED" } });
    expect(event).toMatchObject({ fromStatus: "ASSIGNED", toStatus: "IN_HANDLING", actorId: user.id, departmentId: await departmentId(c.db, "TRANSPORT") });

    const after = await transport.get(res.location ?? "");
    expect(after.text).toContain("已签收。");
    expect(after.text).not.toContain(`/suggestions/${s.id}/sign"`);
  });

  it("when the same accept form is posted twice, then the second gets the conflict message and nothing changes", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT" });
    await open(transport, s.id);
    const [first, second] = await Promise.all([
      transport.post(`/staff/suggestions/${s.id}/sign`),
      transport.post(`/staff/suggestions/${s.id}/sign`),
    ]);
    expect([first.status, second.status].sort()).toEqual([303, 409]);
    const before = await snapshot(c.db, s.id);
    const third = await transport.post(`/staff/suggestions/${s.id}/sign`);
    expect(third.status).toBe(409);
    expect(third.text).toContain("本单位已签收，无需重复签收");
    expect(await snapshot(c.db, s.id)).toEqual(before);
    expect(await c.db.handlingEvent.count({ where: { suggestionId: s.id, type: "ASSIGNMENT_ACCEPTED" } })).toBe(1);
  });

  it("when an assisting department accepts its part, then its assignment is accepted and the case status does not move", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", assists: ["EDU"] });
    await open(edu, s.id);
    const res = await edu.post(`/staff/suggestions/${s.id}/sign`);
    expect(res.status).toBe(303);
    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, include: { assignments: { orderBy: { id: "asc" } } } });
    expect(row.status).toBe("ASSIGNED");
    expect(row.assignments.map((a) => [a.role, a.status])).toEqual([["LEAD", "PENDING"], ["ASSIST", "ACCEPTED"]]);
    const event = await c.db.handlingEvent.findFirstOrThrow({ where: { suggestionId: s.id, type: "ASSIST_ACCEPTED" } });
    expect(event).toMatchObject({ internal: true, fromStatus: null, toStatus: null });
  });

  it("when a coordinator posts a department's form, then it is refused with 403 and nothing changes", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT" });
    await open(coordinator, s.id);
    const before = await snapshot(c.db, s.id);
    const res = await coordinator.post(`/staff/suggestions/${s.id}/sign`);
    expect(res.status).toBe(403);
    expect(await snapshot(c.db, s.id)).toEqual(before);
  });
});

describe("replying (答复)", () => {
  it("when the lead replies, then the case is replied, the reply is stored and the citizen gets it by email in their language, as does everyone merged into it", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING", title: "关于增开夜间公交线路的建议" });
    const merged = await insertSuggestion(c.db, { status: "MERGED", mergedIntoId: s.id, email: "merged.citizen@citizen.example", locale: "en", title: "More night buses please" });
    const silent = await insertSuggestion(c.db, { status: "MERGED", mergedIntoId: s.id, email: null });
    workers = startWorkers(c, connection, { queues: ["email"] });

    const page = await open(transport, s.id);
    expect(page.text).toContain("答复建议人");
    const res = await transport.post(`/staff/suggestions/${s.id}/reply`, REPLY);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/staff/suggestions/${s.id}?done=replied`);

    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, include: { assignments: true, replies: true } });
    expect(row.status).toBe("REPLIED");
    expect(row.assignments[0]?.status).toBe("REPLIED");
    expect(row.replies).toHaveLength(1);
    expect(row.replies[0]).toMatchObject({ isLead: true, body: REPLY.body, adoption: "PARTIALLY_ADOPTED", explanation: REPLY.explanation });
    const event = await c.db.handlingEvent.findFirstOrThrow({ where: { suggestionId: s.id, type: "REPLIED" } });
    expect(event).toMatchObject({ fromStatus: "IN_HANDLING", toStatus: "REPLIED", internal: false });

    const mail = await smtp.waitFor((m) => m.subject?.includes(s.trackingCode) === true);
    expect(smtp.to(SUBMITTER.email)).toHaveLength(1);
    expect(mail.subject).toBe(`您的建议已答复（查询码 ${s.trackingCode}）`);
    for (const part of [mail.text ?? "", String(mail.html)]) {
      expect(part).toContain("省交通运输厅");
      expect(part).toContain("部分采纳");
      expect(part).toContain("夜间线路部分采纳");
      expect(part).toContain("经研究，我厅将在明年增开两条夜间公交线路。");
      expect(part).toContain("/track");
    }
    const mergedMail = await smtp.waitFor((m) => m.subject?.includes(merged.trackingCode) === true);
    expect(mergedMail.subject).toBe(`Your suggestion has been answered (tracking code ${merged.trackingCode})`);
    for (const part of [mergedMail.text ?? "", String(mergedMail.html)]) {
      expect(part).toContain("Department of Transport of Liaoning Province");
      expect(part).toContain("Partly adopted");
      expect(part).toContain(s.trackingCode);
    }
    const emails = await c.db.emailMessage.findMany({ where: { template: "suggestion-replied" }, orderBy: { id: "asc" } });
    const replyId = row.replies[0]?.id;
    expect(emails.map((e) => e.dedupeKey).sort()).toEqual([`replied-${replyId}`, `replied-${replyId}-${merged.id}`].sort());
    expect(emails.some((e) => e.dedupeKey.endsWith(`-${silent.id}`))).toBe(false);

    const after = await transport.get(res.location ?? "");
    expect(after.text).toContain("答复已提交");
    expect(after.text).not.toContain(`/staff/suggestions/${s.id}/reply"`);
  });

  it("when the lead replies a second time, then it is a 409 conflict and nothing changes", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    await open(transport, s.id);
    const [a, b] = await Promise.all([
      transport.post(`/staff/suggestions/${s.id}/reply`, REPLY),
      transport.post(`/staff/suggestions/${s.id}/reply`, REPLY),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const before = await snapshot(c.db, s.id);
    const again = await transport.post(`/staff/suggestions/${s.id}/reply`, { ...REPLY, body: "第二次答复" });
    expect(again.status).toBe(409);
    expect(again.text).toContain("本件已经答复，不能重复答复");
    expect(await snapshot(c.db, s.id)).toEqual(before);
    expect(await c.db.reply.count({ where: { suggestionId: s.id } })).toBe(1);
    expect(await c.db.emailMessage.count({ where: { dedupeKey: { startsWith: "replied-" }, data: { path: ["trackingCode"], equals: s.trackingCode } } })).toBe(1);
  });

  it("when the lead replies before accepting the assignment, then it is a 409 conflict and nothing changes", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT" });
    await open(transport, s.id);
    const before = await snapshot(c.db, s.id);
    const res = await transport.post(`/staff/suggestions/${s.id}/reply`, REPLY);
    expect(res.status).toBe(409);
    expect(res.text).toContain("该建议当前的办理状态不允许此操作");
    expect(await snapshot(c.db, s.id)).toEqual(before);
  });

  it("when the suggestion was not accepted by the office, then a reply is a 409 conflict and nothing changes", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    await c.db.suggestion.update({ where: { id: s.id }, data: { status: "NOT_ACCEPTED" } });
    await open(transport, s.id);
    const before = await snapshot(c.db, s.id);
    const res = await transport.post(`/staff/suggestions/${s.id}/reply`, REPLY);
    expect(res.status).toBe(409);
    expect(await snapshot(c.db, s.id)).toEqual(before);
  });

  it("when an assisting department replies, then it is an internal opinion: no status change and no email", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", assists: ["EDU"], status: "IN_HANDLING" });
    const page = await open(edu, s.id);
    expect(page.text).toContain("提出协办意见");
    const res = await edu.post(`/staff/suggestions/${s.id}/reply`, { ...REPLY, body: "建议结合学生晚自习时间安排线路。" });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/staff/suggestions/${s.id}?done=opinion`);
    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, include: { assignments: { orderBy: { id: "asc" } }, replies: true } });
    expect(row.status).toBe("IN_HANDLING");
    expect(row.assignments.map((a) => [a.role, a.status])).toEqual([["LEAD", "ACCEPTED"], ["ASSIST", "REPLIED"]]);
    expect(row.replies[0]).toMatchObject({ isLead: false, body: "建议结合学生晚自习时间安排线路。" });
    const event = await c.db.handlingEvent.findFirstOrThrow({ where: { suggestionId: s.id, type: "OPINION_ADDED" } });
    expect(event.internal).toBe(true);
    expect(await c.db.emailMessage.count({ where: { data: { path: ["trackingCode"], equals: s.trackingCode } } })).toBe(0);

    const again = await edu.post(`/staff/suggestions/${s.id}/reply`, REPLY);
    expect(again.status).toBe(409);
    expect(again.text).toContain("本单位已提出协办意见");

    // The lead still replies, and the lead sees the opinion on the page.
    const lead = await open(transport, s.id);
    expect(lead.text).toContain("建议结合学生晚自习时间安排线路。");
    expect((await transport.post(`/staff/suggestions/${s.id}/reply`, REPLY)).status).toBe(303);
  });

  it("when the reply form lacks the adoption result or the texts, then the page comes back with 422, the messages and what was typed", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    await open(transport, s.id);
    const before = await snapshot(c.db, s.id);
    const res = await transport.post(`/staff/suggestions/${s.id}/reply`, { body: "只写了答复 & 没选结果", adoption: "MAYBE", explanation: "  " });
    expect(res.status).toBe(422);
    expect(res.text).toContain("请选择采纳情况。");
    expect(res.text).toContain("请填写采纳说明。");
    expect(res.text).toContain("只写了答复 &amp; 没选结果");
    expect(res.text).toMatch(/<details class="action" id="reply-form" open>/);
    expect(await snapshot(c.db, s.id)).toEqual(before);
  });
});

describe("returning (退回)", () => {
  it("when the lead returns within the window, then the case goes back to screening without a lead, with the reason in an internal event", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    await open(transport, s.id);
    const res = await transport.post(`/staff/suggestions/${s.id}/return`, { reason: "属于住建部门职责" });
    expect(res.status).toBe(303);
    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, include: { assignments: true } });
    expect(row).toMatchObject({ status: "RETURNED", leadDepartmentId: null, replyDueAt: null });
    expect(row.assignments[0]).toMatchObject({ status: "RETURNED", returnReason: "属于住建部门职责" });
    const event = await c.db.handlingEvent.findFirstOrThrow({ where: { suggestionId: s.id, type: "RETURNED" } });
    expect(event).toMatchObject({ fromStatus: "IN_HANDLING", toStatus: "RETURNED", note: "属于住建部门职责", internal: true });

    // Still on the department's record, but nothing more to do.
    const after = await open(transport, s.id);
    expect(after.text).not.toContain(`/staff/suggestions/${s.id}/return"`);
    const twice = await transport.post(`/staff/suggestions/${s.id}/return`, { reason: "再次退回" });
    expect(twice.status).toBe(409);
  });

  it("when the return window has passed, then the page says so instead of offering the form, and a post is refused with the reason", async () => {
    const longAgo = new Date(Date.now() - 60 * 24 * 3600 * 1000);
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING", assignedAt: longAgo });
    const page = await open(transport, s.id);
    expect(page.text).toContain("退回期限（交办后 7 个工作日）已过");
    expect(page.text).not.toContain(`/staff/suggestions/${s.id}/return"`);
    const before = await snapshot(c.db, s.id);
    const res = await transport.post(`/staff/suggestions/${s.id}/return`, { reason: "不属于本单位职责" });
    expect(res.status).toBe(409);
    expect(res.text).toContain("退回期限（交办后 7 个工作日）已过");
    expect(await snapshot(c.db, s.id)).toEqual(before);
  });

  it("when the reason is missing, then 422 with the message; when an assisting department tries, then 403", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", assists: ["EDU"], status: "IN_HANDLING" });
    await open(transport, s.id);
    const before = await snapshot(c.db, s.id);
    const empty = await transport.post(`/staff/suggestions/${s.id}/return`, { reason: " \n " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("请填写理由。");
    await open(edu, s.id);
    const assist = await edu.post(`/staff/suggestions/${s.id}/return`, { reason: "不是我们的" });
    expect(assist.status).toBe(403);
    expect(assist.text).toContain("只有主办单位可以进行此操作");
    expect(await snapshot(c.db, s.id)).toEqual(before);
  });
});

describe("asking for an extension (申请延期)", () => {
  it("when the lead asks, then a pending request and an internal event are written, and a second request waits for the first", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    await open(transport, s.id);
    const res = await transport.post(`/staff/suggestions/${s.id}/extension`, { reason: "需要会同财政部门测算", workingDays: "10" });
    expect(res.status).toBe(303);
    const ext = await c.db.extensionRequest.findMany({ where: { suggestionId: s.id } });
    expect(ext).toHaveLength(1);
    expect(ext[0]).toMatchObject({ status: "PENDING", workingDays: 10, reason: "需要会同财政部门测算" });
    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id } });
    expect(row.status).toBe("IN_HANDLING");
    const event = await c.db.handlingEvent.findFirstOrThrow({ where: { suggestionId: s.id, type: "EXTENSION_REQUESTED" } });
    expect(event).toMatchObject({ internal: true, toStatus: null, note: "需要会同财政部门测算" });

    const page = await open(transport, s.id);
    expect(page.text).toContain("已有一项延期申请等待征集办审批");
    const before = await snapshot(c.db, s.id);
    const again = await transport.post(`/staff/suggestions/${s.id}/extension`, { reason: "再申请", workingDays: "3" });
    expect(again.status).toBe(409);
    expect(again.text).toContain("已有一项延期申请等待审批");
    expect(await snapshot(c.db, s.id)).toEqual(before);
  });

  it("when the number of working days is missing, zero or above the maximum, then 422 with the allowed range and nothing is written", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    await open(transport, s.id);
    for (const workingDays of ["", "0", "16", "2.5", "abc"]) {
      const res = await transport.post(`/staff/suggestions/${s.id}/extension`, { reason: "理由", workingDays });
      expect(res.status, workingDays).toBe(422);
      expect(res.text, workingDays).toMatch(/请填写延期工作日数|1 至 15 之间的整数/);
    }
    expect(await c.db.extensionRequest.count({ where: { suggestionId: s.id } })).toBe(0);
  });

  it("when two extension forms arrive at once, then only one request is written", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    await open(transport, s.id);
    const results = await Promise.all([1, 2, 3].map(() => transport.post(`/staff/suggestions/${s.id}/extension`, { reason: "理由", workingDays: "5" })));
    expect(results.map((r) => r.status).sort()).toEqual([303, 409, 409]);
    expect(await c.db.extensionRequest.count({ where: { suggestionId: s.id } })).toBe(1);
  });
});

describe("internal notes (内部备注)", () => {
  it("when a lead or an assisting official adds a note, then it is an internal NOTE event shown to staff; the same note posted twice is kept once", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", assists: ["EDU"] });
    await open(edu, s.id);
    const first = await edu.post(`/staff/suggestions/${s.id}/notes`, { note: "已与交通厅电话沟通" });
    expect(first.location).toBe(`/staff/suggestions/${s.id}?done=note`);
    const second = await edu.post(`/staff/suggestions/${s.id}/notes`, { note: "已与交通厅电话沟通" });
    expect(second.status).toBe(303);
    expect(second.location).toBe(`/staff/suggestions/${s.id}?done=duplicateNote`);
    const notes = await c.db.handlingEvent.findMany({ where: { suggestionId: s.id, type: "NOTE" } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ internal: true, note: "已与交通厅电话沟通", departmentId: await departmentId(c.db, "EDU") });
    const page = await open(transport, s.id);
    expect(page.text).toContain("已与交通厅电话沟通");
    expect(page.text).toContain("内部备注");
  });
});

describe("bad input", () => {
  it("when any form's CSRF token is missing or forged, then 403 and nothing changes", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    await open(transport, s.id);
    const before = await snapshot(c.db, s.id);
    const forms: Record<string, Record<string, string>> = {
      "sign": {},
      return: { reason: "理由" },
      extension: { reason: "理由", workingDays: "5" },
      notes: { note: "备注" },
      reply: REPLY,
      reveal: {},
    };
    for (const [action, fields] of Object.entries(forms)) {
      const forged = await transport.post(`/staff/suggestions/${s.id}/${action}`, { ...fields, _csrf: "forged" });
      expect(forged.status, action).toBe(403);
      expect(forged.text).toContain("页面已过期或来源不明");
      const missing = await transport.agent.post(`/staff/suggestions/${s.id}/${action}`).type("form").send(fields);
      expect(missing.status, action).toBe(403);
    }
    expect(await snapshot(c.db, s.id)).toEqual(before);
  });

  it("when HTML and script are typed into every free-text field, then they are stored as typed and shown escaped", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", assists: ["EDU"], status: "IN_HANDLING", title: `标题${XSS}`, problem: `问题${XSS}`, proposal: `建议${XSS}` });
    await open(transport, s.id);
    expect((await transport.post(`/staff/suggestions/${s.id}/notes`, { note: `备注${XSS}` })).status).toBe(303);
    expect((await transport.post(`/staff/suggestions/${s.id}/extension`, { reason: `延期${XSS}`, workingDays: "3" })).status).toBe(303);
    await open(edu, s.id);
    expect((await edu.post(`/staff/suggestions/${s.id}/reply`, { body: `意见${XSS}`, adoption: "ADOPTED", explanation: `说明${XSS}` })).status).toBe(303);
    expect((await transport.post(`/staff/suggestions/${s.id}/reply`, { body: `答复${XSS}`, adoption: "ADOPTED", explanation: `理由${XSS}` })).status).toBe(303);

    const stored = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, include: { replies: true, extensions: true, events: true } });
    expect(stored.replies.map((r) => r.body).sort()).toEqual([`意见${XSS}`, `答复${XSS}`].sort());
    expect(stored.replies.map((r) => r.explanation).sort()).toEqual([`理由${XSS}`, `说明${XSS}`].sort());
    expect(stored.extensions[0]?.reason).toBe(`延期${XSS}`);
    expect(stored.events.find((e) => e.type === "NOTE")?.note).toBe(`备注${XSS}`);

    const page = await open(transport, s.id);
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).not.toContain("<img src=x");
    for (const prefix of ["标题", "问题", "建议", "备注", "延期", "意见", "说明", "答复", "理由"]) {
      expect(page.text, prefix).toContain(`${prefix}&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;`);
    }

    // A return reason too, on a case of its own.
    const r = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING" });
    await open(transport, r.id);
    expect((await transport.post(`/staff/suggestions/${r.id}/return`, { reason: `退回${XSS}` })).status).toBe(303);
    expect((await c.db.assignment.findFirstOrThrow({ where: { suggestionId: r.id } })).returnReason).toBe(`退回${XSS}`);
    const returned = await open(transport, r.id);
    expect(returned.text).not.toContain("<script>alert");
    expect(returned.text).toContain("退回&lt;script&gt;");
  });
});
