// The deadline scans against a pinned clock: Monday 2026-03-09, 10:00 in Shanghai (no public holiday that month),
// so "within 3 working days" reaches the end of Thursday 2026-03-12.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import type { Redis } from "ioredis";
import type { Container } from "../../../src/container.ts";
import { createRedis } from "../../../src/platform/redis.ts";
import { JOBS } from "../../../src/platform/queues.ts";
import { startWorkers, type WorkerSet } from "../../../workers/start-workers.ts";
import { createScanDeadlinesProcessor } from "../../../workers/processors/scan-deadlines.ts";
import { createTestContainer, eventually, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { recipients, startSmtp, type TestSmtp } from "../../support/smtp.ts";
import { insertSuggestion, SUBMITTER, userId } from "../../support/suggestions.ts";

const DAY = 24 * 3600_000;
const START = new Date("2026-03-09T02:00:00.000Z");
const endOf = (isoDate: string) => new Date(`${isoDate}T15:59:59.999Z`);

let now = START;
let smtp: TestSmtp;
let c: Container;
let connection: Redis;
let workers: WorkerSet | undefined;

/** Every email written so far has been delivered (or failed): what SMTP got is then final. */
async function allDelivered(): Promise<void> {
  await eventually(async () => (await c.db.emailMessage.count({ where: { status: "PENDING" } })) === 0, 20_000);
}

function addressesOf(template: string) {
  return c.db.emailMessage.findMany({ where: { template }, orderBy: { toAddress: "asc" }, select: { toAddress: true, dedupeKey: true, locale: true } });
}

beforeAll(async () => {
  smtp = await startSmtp();
  c = createTestContainer({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: "https://jy.example" }, { now: () => now });
  connection = createRedis(c.config.redisUrl, "worker");
  await resetAndSeed(c);
});

beforeEach(async () => {
  now = START;
  await resetSuggestions(c);
  smtp.clear();
  workers = startWorkers(c, connection, { queues: ["email"] });
});

afterEach(async () => {
  await workers?.close();
  workers = undefined;
});

afterAll(async () => {
  connection.disconnect();
  await c.close();
  await smtp.close();
});

describe("reminders before the reply deadline", () => {
  it("when a suggestion is due within 3 working days, then each official of the lead department is emailed once in their language, even when the scan runs twice", async () => {
    await c.db.user.update({ where: { email: "official.edu@demo.example" }, data: { locale: "en" } });
    onTestFinished(() => c.db.user.update({ where: { email: "official.edu@demo.example" }, data: { locale: "zh-CN" } }).then(() => undefined));
    const due = await insertSuggestion(c.db, { lead: "EDU", status: "IN_HANDLING", replyDueAt: endOf("2026-03-11"), title: "关于中小学课后服务延时的建议" });
    const later = await insertSuggestion(c.db, { lead: "EDU", status: "IN_HANDLING", replyDueAt: endOf("2026-03-13") });
    const assigned = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "ASSIGNED", replyDueAt: endOf("2026-03-12") });
    const scans = c.services.reminders;

    const first = await scans.scan();
    const second = await scans.scan();
    expect(first.reminders).toBe(4);
    expect(second.reminders).toBe(0);

    const rows = await addressesOf("deadline-reminder");
    expect(rows.map((r) => r.toAddress)).toEqual([
      "head.edu@demo.example", "head.transport@demo.example", "official.edu@demo.example", "official.transport@demo.example",
    ]);
    const eduOfficial = await userId(c.db, "official.edu@demo.example");
    expect(rows.find((r) => r.toAddress === "official.edu@demo.example")).toMatchObject({
      locale: "en",
      dedupeKey: `reminder-${due.leadAssignmentId}-${endOf("2026-03-11").getTime()}-${eduOfficial}`,
    });
    expect(rows.some((r) => r.dedupeKey.startsWith(`reminder-${later.leadAssignmentId}-`))).toBe(false);
    expect(rows.filter((r) => r.dedupeKey.startsWith(`reminder-${assigned.leadAssignmentId}-`))).toHaveLength(2);

    await allDelivered();
    expect(smtp.to("official.edu@demo.example")).toHaveLength(1);
    expect(smtp.to("head.edu@demo.example")).toHaveLength(1);
    expect(smtp.messages).toHaveLength(4);

    const zh = smtp.to("head.edu@demo.example")[0]!;
    expect(zh.subject).toBe(`【答复提醒】${due.trackingCode} 关于中小学课后服务延时的建议`);
    expect(zh.text).toContain("答复期限：2026/03/11");
    expect(zh.text).toContain(`https://jy.example/staff/suggestions/${due.id}`);
    expect(zh.html).toContain("省教育厅");
    const en = smtp.to("official.edu@demo.example")[0]!;
    expect(en.subject).toBe(`[Reply due soon] ${due.trackingCode} 关于中小学课后服务延时的建议`);
    expect(en.text).toContain("Reply due by: 11 Mar 2026");
    expect(en.text).toContain("Department of Education of Liaoning Province");
    for (const m of smtp.messages) {
      for (const part of [m.text ?? "", String(m.html)]) {
        expect(part).not.toContain(SUBMITTER.realName);
        expect(part).not.toContain(SUBMITTER.phone);
        expect(part).not.toContain(SUBMITTER.email);
      }
    }
  });

  it("when an extension moves the deadline, then the officials are reminded again of the new one", async () => {
    const due = await insertSuggestion(c.db, { lead: "EDU", status: "IN_HANDLING", replyDueAt: endOf("2026-03-10") });
    const scans = c.services.reminders;
    await scans.scan();
    expect(await c.db.emailMessage.count({ where: { template: "deadline-reminder" } })).toBe(2);

    const moved = endOf("2026-03-12");
    await c.db.assignment.update({ where: { id: due.leadAssignmentId }, data: { dueAt: moved } });
    await c.db.suggestion.update({ where: { id: due.id }, data: { status: "EXTENDED", replyDueAt: moved } });
    const again = await scans.scan();
    expect(again.reminders).toBe(2);
    expect(await c.db.emailMessage.count({ where: { template: "deadline-reminder", dedupeKey: { contains: `-${moved.getTime()}-` } } })).toBe(2);
  });

  it("when a suggestion is answered, past due or due later, then nobody is reminded", async () => {
    await insertSuggestion(c.db, { lead: "EDU", status: "REPLIED", replyDueAt: endOf("2026-03-11"), reply: {} });
    await insertSuggestion(c.db, { lead: "EDU", status: "IN_HANDLING", replyDueAt: endOf("2026-03-16") });
    await insertSuggestion(c.db, { lead: "CIVIL", status: "IN_HANDLING", replyDueAt: endOf("2026-03-06") });
    const result = await c.services.reminders.sendReminders(now);
    expect(result).toBe(0);
    expect(await c.db.emailMessage.count({ where: { template: "deadline-reminder" } })).toBe(0);
  });
});

describe("escalation after the reply deadline", () => {
  it("when a suggestion is overdue, then the coordinators and the department head are emailed once and one internal event is written, even with scans running at once", async () => {
    const overdue = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING", replyDueAt: endOf("2026-03-06") });
    const scans = c.services.reminders;
    const [a, b] = await Promise.all([scans.scan(), scans.scan()]);
    expect(a.escalated + b.escalated).toBe(1);
    expect((await scans.scan()).escalated).toBe(0);

    const events = await c.db.handlingEvent.findMany({ where: { suggestionId: overdue.id, type: "OVERDUE" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ internal: true, actorId: null, departmentId: overdue.leadDepartmentId, note: "已超过答复期限（2026年3月6日），已提醒征集办和单位负责人督办" });

    const rows = await addressesOf("deadline-overdue");
    expect(rows.map((r) => r.toAddress)).toEqual(["coordinator@demo.example", "head.transport@demo.example", "jtt.head@ln.gov.cn.example"]);
    expect(rows[0]!.dedupeKey).toBe(`overdue-${overdue.leadAssignmentId}-${endOf("2026-03-06").getTime()}-coordinator@demo.example`);

    await allDelivered();
    expect(smtp.messages).toHaveLength(3);
    expect(smtp.to("official.transport@demo.example")).toHaveLength(0);
    const mail = smtp.to("jtt.head@ln.gov.cn.example")[0]!;
    expect(mail.subject).toContain(`【超期督办】${overdue.trackingCode}`);
    expect(mail.text).toContain("答复期限：2026/03/06");
    expect(mail.text).not.toContain(SUBMITTER.realName);
    expect(recipients(mail)).toEqual(["jtt.head@ln.gov.cn.example"]);

    // The citizen's history does not show supervision between offices.
    const visible = await c.db.handlingEvent.count({ where: { suggestionId: overdue.id, type: "OVERDUE", internal: false } });
    expect(visible).toBe(0);
  });

  it("when an extension moves the deadline and the new one passes too, then it is escalated again", async () => {
    const overdue = await insertSuggestion(c.db, { lead: "TRANSPORT", status: "IN_HANDLING", replyDueAt: endOf("2026-03-06") });
    const scans = c.services.reminders;
    await scans.scan();

    const moved = endOf("2026-03-13");
    await c.db.assignment.update({ where: { id: overdue.leadAssignmentId }, data: { dueAt: moved } });
    await c.db.suggestion.update({ where: { id: overdue.id }, data: { status: "EXTENDED", replyDueAt: moved } });
    expect((await scans.scan()).escalated).toBe(0);

    now = new Date(moved.getTime() + 2 * DAY);
    const later = await scans.scan();
    expect(later).toMatchObject({ escalated: 1, escalationEmails: 3 });
    expect(await c.db.handlingEvent.count({ where: { suggestionId: overdue.id, type: "OVERDUE" } })).toBe(2);
    expect(await c.db.emailMessage.count({ where: { template: "deadline-overdue" } })).toBe(6);
  });

  it("when an overdue suggestion is answered before the scan, then nothing is escalated", async () => {
    await insertSuggestion(c.db, { lead: "TRANSPORT", status: "REPLIED", replyDueAt: endOf("2026-03-06"), reply: {} });
    expect(await c.services.reminders.escalateOverdue(now)).toEqual({ escalated: 0, emails: 0 });
    expect(await c.db.handlingEvent.count({ where: { type: "OVERDUE" } })).toBe(0);
  });
});

describe("closing after the rating window", () => {
  it("when a reply is older than 30 days without a rating, then the system closes the suggestion; a younger one stays open for rating", async () => {
    const old = await insertSuggestion(c.db, { lead: "CIVIL", status: "REPLIED", replyDueAt: endOf("2026-02-06"), reply: { at: new Date(now.getTime() - 31 * DAY) } });
    const young = await insertSuggestion(c.db, { lead: "CIVIL", status: "REPLIED", replyDueAt: endOf("2026-02-13"), reply: { at: new Date(now.getTime() - 29 * DAY) } });
    const scans = c.services.reminders;
    expect((await scans.scan()).closed).toBe(1);
    expect((await scans.scan()).closed).toBe(0);

    expect((await c.db.suggestion.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("CLOSED");
    expect((await c.db.suggestion.findUniqueOrThrow({ where: { id: young.id } })).status).toBe("REPLIED");
    const events = await c.db.handlingEvent.findMany({ where: { suggestionId: old.id, type: "CLOSED" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ fromStatus: "REPLIED", toStatus: "CLOSED", actorId: null, note: "评价期满自动办结" });
  });
});

describe("the scan-deadlines job", () => {
  it("when the job is taken from the maintenance queue by a real Worker, then the reminders are delivered", async () => {
    const due = await insertSuggestion(c.db, { lead: "EDU", status: "IN_HANDLING", replyDueAt: endOf("2026-03-11") });
    const maintenance = startWorkers(c, connection, { queues: ["maintenance"] });
    try {
      await c.queues.maintenance.add(JOBS.scanDeadlines, {}, { jobId: "scan-deadlines-test" });
      const mail = await smtp.waitFor((m) => m.subject?.includes(due.trackingCode) === true && recipients(m).includes("official.edu@demo.example"), 20_000);
      expect(mail.subject).toContain("答复提醒");
      await smtp.waitFor((m) => recipients(m).includes("head.edu@demo.example"), 20_000);
    } finally {
      await maintenance.close();
    }
  });

  it("when the processor runs, then it returns what it did", async () => {
    await insertSuggestion(c.db, { lead: "CIVIL", status: "REPLIED", replyDueAt: endOf("2026-02-06"), reply: { at: new Date(now.getTime() - 40 * DAY) } });
    expect(await createScanDeadlinesProcessor(c)()).toEqual({ reminders: 0, escalated: 0, escalationEmails: 0, closed: 1 });
  });
});
