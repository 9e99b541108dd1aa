import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import type { Container } from "../../../src/container.ts";
import { isWorkingDay, shanghaiDateString } from "../../../src/platform/working-days.ts";
import { parseRoutingReason } from "../../../src/features/routing/index.ts";
import { createRouteSuggestionProcessor } from "../../../workers/processors/route-suggestion.ts";
import { createSendEmailProcessor } from "../../../workers/processors/send-email.ts";
import { createTestContainer, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { startSmtp, type TestSmtp } from "../../support/smtp.ts";
import { insertSuggestion, SUBMITTER } from "../../support/suggestions.ts";

// Monday 28 September 2026, 10:00 in Shanghai: the National Day week (1–7 October) and the make-up working
// Saturday of 10 October fall inside the 15 working days of the reply deadline.
const NOW = new Date("2026-09-28T02:00:00Z");

let smtp: TestSmtp;
let c: Container;
let route: ReturnType<typeof createRouteSuggestionProcessor>;
let send: ReturnType<typeof createSendEmailProcessor>;
let housing: { id: number; name: string; email: string };
let seededRules: Awaited<ReturnType<Container["db"]["routingRule"]["findMany"]>>;

const job = <T>(data: T) => ({ data });

async function elevatorRule() {
  // Priority 0 wins over every seeded rule, so the test does not depend on how the demo rules are written.
  return c.db.routingRule.create({
    data: { name: "测试：加装电梯", priority: 0, keywords: ["电梯"], departmentId: housing.id },
  });
}

function mailText(m: ParsedMail): string {
  return `${m.subject ?? ""}\n${m.text ?? ""}\n${typeof m.html === "string" ? m.html : ""}`;
}

beforeAll(async () => {
  smtp = await startSmtp();
  c = createTestContainer({ SMTP_URL: smtp.url }, { now: () => NOW });
  route = createRouteSuggestionProcessor(c);
  send = createSendEmailProcessor(c);
  await resetAndSeed(c);
  housing = await c.db.department.findUniqueOrThrow({ where: { code: "HOUSING" }, select: { id: true, name: true, email: true } });
  seededRules = await c.db.routingRule.findMany();
});

afterAll(async () => {
  await c.close();
  await smtp.close();
});

beforeEach(async () => {
  await resetSuggestions(c);
  // Tests add rules and switch rules off: back to the seeded ones.
  await c.db.routingRule.deleteMany();
  await c.db.routingRule.createMany({ data: seededRules });
  smtp.clear();
});

describe("route-suggestion", () => {
  it("when the text matches a keyword rule, then the suggestion is accepted and assigned to that department with a working-day deadline", async () => {
    const rule = await elevatorRule();
    const s = await insertSuggestion(c.db, {
      title: "关于老旧小区加装电梯的建议",
      problem: "我们小区建于1990年代，六层楼没有电梯，老人上下楼很困难。",
      proposal: "建议简化加装电梯的审批，并给予财政补贴。",
      categoryCode: "URBAN",
      submittedAt: NOW,
    });

    const outcome = await route(job({ suggestionId: s.id }));
    expect(outcome).toMatchObject({ kind: "assigned", departmentId: housing.id });

    const row = await c.db.suggestion.findUniqueOrThrow({
      where: { id: s.id },
      include: { assignments: true, events: { orderBy: { id: "asc" } } },
    });
    expect(row.status).toBe("ASSIGNED");
    expect(row.routingState).toBe("ROUTED");
    expect(row.routedAt).toEqual(NOW);
    expect(row.leadDepartmentId).toBe(housing.id);
    expect(row.proposedDepartmentId).toBe(housing.id);
    expect(parseRoutingReason(row.routingReason)).toMatchObject({ ruleId: rule.id, ruleName: rule.name, matchedKeywords: ["电梯"] });

    // 15 working days from Monday 28 September skip the National Day week and count Saturday 10 October.
    expect(row.replyDueAt).not.toBeNull();
    expect(shanghaiDateString(row.replyDueAt!)).toBe("2026-10-23");
    expect(isWorkingDay(row.replyDueAt!)).toBe(true);

    expect(row.assignments).toHaveLength(1);
    expect(row.assignments[0]).toMatchObject({ departmentId: housing.id, role: "LEAD", status: "PENDING", dueAt: row.replyDueAt });

    expect(row.events.map((e) => [e.type, e.fromStatus, e.toStatus, e.actorId])).toEqual([
      ["SUBMITTED", null, "SUBMITTED", null],
      ["ACCEPTED", "SUBMITTED", "ACCEPTED", null],
      ["ASSIGNED", "ACCEPTED", "ASSIGNED", null],
    ]);
    const assignEvent = row.events[2]!;
    expect(assignEvent.departmentId).toBe(housing.id);
    expect(assignEvent.note).toContain(housing.name);
    expect(assignEvent.note).toBe(`按分办规则“${rule.name}”交${housing.name}主办，请于2026年10月23日前答复`);
    expect(assignEvent.internal).toBe(false);
  });

  it("when the suggestion is assigned, then the department's email arrives with an HTML and a text part and no personal data", async () => {
    await elevatorRule();
    const s = await insertSuggestion(c.db, { title: "关于加装电梯补贴的建议", submittedAt: NOW });
    const outcome = await route(job({ suggestionId: s.id }));
    if (outcome.kind !== "assigned") throw new Error(`expected an assignment, got ${outcome.kind}`);
    // The department's assignment and the citizen's "accepted" email (tests/integration/promises/status-emails).
    expect(outcome.emailIds).toHaveLength(2);

    const email = await c.db.emailMessage.findFirstOrThrow({ where: { id: { in: outcome.emailIds }, template: "suggestion-assigned" } });
    expect(email).toMatchObject({ dedupeKey: `assigned-${outcome.assignmentId}`, toAddress: housing.email, template: "suggestion-assigned", locale: "zh-CN", status: "PENDING" });
    expect(email.data).toMatchObject({ role: "LEAD" });

    await send(job({ emailId: email.id }));
    const mail = await smtp.waitFor((m) => m.subject?.includes(s.trackingCode) === true);
    expect(smtp.to(housing.email)).toHaveLength(1);
    expect(mail.subject).toBe(`【交办】${s.trackingCode} 关于加装电梯补贴的建议`);
    expect(typeof mail.html).toBe("string");
    expect(mail.html).toContain(`/staff/suggestions/${s.id}`);
    expect(mail.text).toContain(`${s.trackingCode}`);
    expect(mail.text).toContain("答复期限：2026/10/23");
    expect(mail.text).toContain("并在答复期限前答复建议人");
    expect(mail.text).toContain("辽宁省 沈阳市 和平区");
    for (const secret of [SUBMITTER.realName, SUBMITTER.phone, SUBMITTER.email, "张*"]) expect(mailText(mail)).not.toContain(secret);

    expect(await c.db.emailMessage.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ status: "SENT", attempts: 0 });
  });

  it("when a suggestion belongs to a themed round, then it goes to the round's owner department", async () => {
    const round = await c.db.collectionRound.findFirstOrThrow({ where: { status: "OPEN" }, include: { topics: true } });
    // Even a keyword rule with the best priority does not take a round suggestion away from the round's owner.
    await elevatorRule();
    const s = await insertSuggestion(c.db, {
      roundId: round.id,
      topicId: round.topics[0]?.id ?? null,
      title: "关于社区工作者职业发展的建议",
      problem: "社区工作者待遇偏低、晋升通道窄，连小区加装电梯这样的协调工作也压在他们身上。",
      proposal: "建议建立岗位等级序列，完善薪酬体系。",
      categoryCode: "GOVERNANCE",
      submittedAt: NOW,
    });

    const outcome = await route(job({ suggestionId: s.id }));
    expect(outcome).toMatchObject({ kind: "assigned", departmentId: round.ownerDepartmentId });
    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id } });
    expect(row).toMatchObject({ status: "ASSIGNED", routingState: "ROUTED", leadDepartmentId: round.ownerDepartmentId });
    expect(parseRoutingReason(row.routingReason)?.matchedRound).toBe(true);
  });

  it("when no active rule names the round, then its suggestions still go to the round's owner", async () => {
    const round = await c.db.collectionRound.findFirstOrThrow({ where: { status: "OPEN" } });
    await c.db.routingRule.updateMany({ where: { roundId: round.id }, data: { active: false } });
    const s = await insertSuggestion(c.db, { roundId: round.id, categoryCode: "GOVERNANCE", submittedAt: NOW });

    expect(await route(job({ suggestionId: s.id }))).toMatchObject({ kind: "assigned", departmentId: round.ownerDepartmentId });
    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, include: { events: { where: { type: "ASSIGNED" } } } });
    expect(parseRoutingReason(row.routingReason)).toEqual({ ruleId: null, ruleName: null, roundOwner: true, matchedRound: true, matchedKeywords: [] });
    expect(row.events[0]?.note).toContain(round.title);
  });

  it("when no rule matches, then the suggestion goes to the coordinators' triage list and no department is emailed", async () => {
    await c.db.routingRule.updateMany({ data: { active: false } });
    const s = await insertSuggestion(c.db, { submittedAt: NOW });

    expect(await route(job({ suggestionId: s.id }))).toEqual({ kind: "triage", proposedDepartmentId: null });

    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, include: { events: { orderBy: { id: "asc" } }, assignments: true } });
    expect(row).toMatchObject({ status: "SCREENING", routingState: "TRIAGE", routingReason: null, proposedDepartmentId: null, leadDepartmentId: null, replyDueAt: null });
    expect(row.assignments).toHaveLength(0);
    expect(row.events.map((e) => [e.type, e.toStatus, e.internal])).toEqual([["SUBMITTED", "SUBMITTED", false], ["TRIAGE", "SCREENING", true]]);
    expect(await c.db.emailMessage.count()).toBe(0);
  });

  it("when automatic assignment is switched off, then a matching rule is only proposed and a coordinator screens it", async () => {
    const manual = createTestContainer({ SMTP_URL: smtp.url, ROUTING_AUTO_ASSIGN: "false" }, { now: () => NOW });
    try {
      const rule = await elevatorRule();
      const s = await insertSuggestion(c.db, { title: "关于加装电梯的建议", submittedAt: NOW });
      expect(await createRouteSuggestionProcessor(manual)(job({ suggestionId: s.id }))).toEqual({ kind: "triage", proposedDepartmentId: housing.id });
      const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id } });
      expect(row).toMatchObject({ status: "SCREENING", routingState: "TRIAGE", proposedDepartmentId: housing.id, leadDepartmentId: null });
      expect(parseRoutingReason(row.routingReason)).toMatchObject({ ruleId: rule.id, matchedKeywords: ["电梯"] });
      const routed = await c.db.handlingEvent.findFirstOrThrow({ where: { suggestionId: s.id, toStatus: "SCREENING" } });
      expect(routed).toMatchObject({ type: "ROUTED", fromStatus: "SUBMITTED", internal: true, departmentId: housing.id, note: `按分办规则“${rule.name}”拟交${housing.name}办理` });
      expect(await c.db.assignment.count()).toBe(0);
      expect(await c.db.emailMessage.count()).toBe(0);
    } finally {
      await manual.close();
    }
  });

  it("when the job runs twice, one after the other and at the same time, then there is one assignment and one email to each recipient", async () => {
    await elevatorRule();
    const first = await insertSuggestion(c.db, { title: "关于加装电梯的建议", submittedAt: NOW });
    expect((await route(job({ suggestionId: first.id }))).kind).toBe("assigned");
    expect(await route(job({ suggestionId: first.id }))).toEqual({ kind: "skipped" });

    const second = await insertSuggestion(c.db, { title: "关于电梯维保的建议", submittedAt: NOW });
    const outcomes = await Promise.all([1, 2, 3].map(() => route(job({ suggestionId: second.id }))));
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["assigned", "skipped", "skipped"]);

    for (const id of [first.id, second.id]) {
      expect(await c.db.assignment.count({ where: { suggestionId: id } })).toBe(1);
      expect(await c.db.handlingEvent.count({ where: { suggestionId: id, type: "ASSIGNED" } })).toBe(1);
    }
    // Per suggestion: the department's assignment and the citizen's "accepted" email.
    const emails = await c.db.emailMessage.findMany({ orderBy: { id: "asc" } });
    expect(emails).toHaveLength(4);

    // The send-email job may run twice too (the sweep, a retry): still one message per email.
    await Promise.all(emails.map((e) => send(job({ emailId: e.id }))));
    await Promise.all(emails.map((e) => send(job({ emailId: e.id }))));
    await smtp.waitFor((m) => m.subject?.includes(second.trackingCode) === true);
    await smtp.waitFor((m) => m.subject?.includes(first.trackingCode) === true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages).toHaveLength(4);
  });

  it("when a coordinator acted before the router ran, then the router records its proposal and leaves the status alone", async () => {
    await elevatorRule();
    const s = await insertSuggestion(c.db, { title: "关于加装电梯的建议", submittedAt: NOW });
    await c.db.suggestion.update({ where: { id: s.id }, data: { status: "NOT_ACCEPTED" } });
    expect(await route(job({ suggestionId: s.id }))).toEqual({ kind: "triage", proposedDepartmentId: housing.id });
    expect(await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: "NOT_ACCEPTED", routingState: "TRIAGE", leadDepartmentId: null });
    expect(await c.db.assignment.count()).toBe(0);
  });

  it("when the suggestion does not exist, then the job fails without retrying", async () => {
    await expect(route(job({ suggestionId: 987654 }))).rejects.toMatchObject({ name: "UnrecoverableError" });
    await expect(route(job({ suggestionId: "12" }))).rejects.toMatchObject({ name: "UnrecoverableError" });
  });
});
