// The notes the system writes into a case's history (the router's, the office's, the scans', a rating's, a policy
// measure's) read in the viewer's language: on the English case page none of their wording is Chinese. Only data
// named in them (a rule's or a measure's name, “…”, a document number) and what people typed stay as entered.
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { addWorkingDays, shanghaiDateString } from "../../../src/platform/working-days.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { createAgent, signIn } from "../../support/http.ts";
import { departmentId, insertSuggestion, SUBMITTER } from "../../support/suggestions.ts";

const T0 = new Date("2026-03-02T02:00:00Z"); // a Monday morning in Shanghai
const DAY = 24 * 3600_000;
const HAN = /\p{Script=Han}/u;

let now = T0;
let c: Container;
let manual: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer({}, { now: () => now });
  // The router leaves a matched suggestion to the coordinators when auto-assignment is off: its "proposed" note.
  manual = createTestContainer({ ROUTING_AUTO_ASSIGN: "false" }, { now: () => now });
  await resetAndSeed(c);
  app = createApp(c);
}, 120_000);

afterAll(async () => {
  await manual?.close();
  await c?.close();
});

/** The notes of a case's history as the page shows them. */
function notesOn(html: string): string[] {
  return [...html.matchAll(/<p class="prewrap event-note">([\s\S]*?)<\/p>/g)].map((m) => (m[1] ?? "").replace(/&#x27;/g, "'").replace(/&amp;/g, "&"));
}

/** A policy measure's document number, as staff typed it: data inside a note, like the quoted names. */
const DOC_NUMBER = "辽住建发〔2026〕3号";

/** The note's own words: the data it names (quoted “…”, the document number) left out. */
const wording = (note: string) => note.replace(/“[^”]*”/g, "").replaceAll(DOC_NUMBER, "");

describe("system notes in the staff history", () => {
  it("when a case went through routing, the office, the deadline scans, a policy measure and a rating, then the English case page words every system note in English", async () => {
    const coordinator = await signIn(app, "coordinator@demo.example");
    await coordinator.get("/staff/screening");
    const housing = await signIn(app, "official.housing@demo.example");
    const edu = await signIn(app, "official.edu@demo.example");

    // 1. The router assigns (accepted + assigned notes); the department signs, asks for more time, the office
    //    approves (extension note); the deadline passes (escalation note); the reply, a policy measure (link note)
    //    and the citizen's rating (close note).
    const routed = await insertSuggestion(c.db, { title: "关于老旧小区加装电梯的建议", problem: "六层楼没有电梯，老人上下楼困难。", proposal: "建议简化加装电梯的审批。", submittedAt: now });
    expect(await c.services.routing.routeSuggestion(routed.id)).toMatchObject({ kind: "assigned" });
    await housing.get(`/staff/suggestions/${routed.id}`);
    expect((await housing.post(`/staff/suggestions/${routed.id}/sign`)).status).toBe(303);
    await housing.get(`/staff/suggestions/${routed.id}`);
    expect((await housing.post(`/staff/suggestions/${routed.id}/extension`, { reason: "Needs a survey of the buildings", workingDays: "10" })).status).toBe(303);
    const extension = await c.db.extensionRequest.findFirstOrThrow({ where: { suggestionId: routed.id } });
    await coordinator.get("/staff/extensions");
    expect((await coordinator.post(`/staff/extensions/${extension.id}/approve`, {})).status).toBe(303);
    const { replyDueAt } = await c.db.suggestion.findUniqueOrThrow({ where: { id: routed.id }, select: { replyDueAt: true } });
    now = new Date((replyDueAt ?? now).getTime() + DAY);
    expect(await c.services.reminders.escalateOverdue(now)).toMatchObject({ escalated: 1 });
    await housing.get(`/staff/suggestions/${routed.id}`);
    expect((await housing.post(`/staff/suggestions/${routed.id}/reply`, { body: "We will simplify the approval.", adoption: "ADOPTED", explanation: "Adopted in full." })).status).toBe(303);
    await coordinator.get("/staff/measures/new");
    const measure = await coordinator.post("/staff/measures", {
      type: "POLICY_DOCUMENT", title: "关于加快推进既有住宅加装电梯工作的通知", docNumber: DOC_NUMBER, issuingBody: "省住房和城乡建设厅",
      issuedOn: shanghaiDateString(now), url: "", trackingCodes: routed.trackingCode,
    });
    expect(measure.status).toBe(303);
    const citizen = createAgent(app);
    await citizen.get("/track");
    expect((await citizen.post("/track/rating", { code: routed.trackingCode, phoneLast4: SUBMITTER.phone.slice(-4), score: "4" })).status).toBe(200);

    // 2. No rule matches (triage note); the office assigns with assisting departments (assigned note), transfers
    //    (transfer note); the new lead replies and the rating window ends (auto-close note).
    now = T0;
    const triaged = await insertSuggestion(c.db, { submittedAt: now });
    expect(await c.services.routing.routeSuggestion(triaged.id)).toMatchObject({ kind: "triage" });
    const dueDate = shanghaiDateString(addWorkingDays(now, 15));
    await coordinator.get(`/staff/suggestions/${triaged.id}`);
    expect((await coordinator.post(`/staff/suggestions/${triaged.id}/accept`, {
      leadDepartmentId: String(await departmentId(c.db, "HOUSING")), assistDepartmentIds: [String(await departmentId(c.db, "CIVIL")), String(await departmentId(c.db, "HRSS"))], replyDueDate: dueDate,
    })).status).toBe(303);
    expect((await coordinator.post(`/staff/suggestions/${triaged.id}/transfer`, { leadDepartmentId: String(await departmentId(c.db, "EDU")), replyDueDate: dueDate, reason: "Within the remit of education (typed as is)." })).status).toBe(303);
    await edu.get(`/staff/suggestions/${triaged.id}`);
    expect((await edu.post(`/staff/suggestions/${triaged.id}/sign`)).status).toBe(303);
    await edu.get(`/staff/suggestions/${triaged.id}`);
    expect((await edu.post(`/staff/suggestions/${triaged.id}/reply`, { body: "Noted.", adoption: "FOR_REFERENCE", explanation: "Kept for reference." })).status).toBe(303);
    now = new Date(now.getTime() + 40 * DAY);
    expect(await c.services.reminders.closeExpiredRatings(now)).toBe(1);
    now = T0;

    // 3. A proposal left to the office (proposed note), a suggestion merged into it, then both merged into the
    //    triaged one without a note (merge note, and the follower's note); one more referred (referral note).
    const proposed = await insertSuggestion(c.db, { title: "关于加装电梯补贴的建议", submittedAt: now });
    expect(await manual.services.routing.routeSuggestion(proposed.id)).toMatchObject({ kind: "triage" });
    const follower = await insertSuggestion(c.db, { submittedAt: now });
    await c.services.routing.routeSuggestion(follower.id);
    const target = await insertSuggestion(c.db, { submittedAt: now });
    await c.services.routing.routeSuggestion(target.id);
    await coordinator.get(`/staff/suggestions/${follower.id}`);
    expect((await coordinator.post(`/staff/suggestions/${follower.id}/merge`, { targetCode: proposed.trackingCode })).status).toBe(303);
    expect((await coordinator.post(`/staff/suggestions/${proposed.id}/merge`, { targetCode: target.trackingCode })).status).toBe(303);
    const referred = await insertSuggestion(c.db, { submittedAt: now });
    await c.services.routing.routeSuggestion(referred.id);
    expect((await coordinator.post(`/staff/suggestions/${referred.id}/refer`, { channel: "HOTLINE_12345", note: "Please wait for the hotline's call." })).status).toBe(303);

    const cases = [routed, triaged, proposed, follower, referred];
    const reader = await signIn(app, "coordinator@demo.example");
    const english = (await Promise.all(cases.map((s) => reader.get(`/staff/suggestions/${s.id}?lang=en`)))).flatMap((page) => notesOn(page.text));
    const chinese = (await Promise.all(cases.map((s) => reader.get(`/staff/suggestions/${s.id}?lang=zh-CN`)))).flatMap((page) => notesOn(page.text));

    // Every kind of system note was written, and the Chinese page still reads as before.
    const types = new Set((await c.db.handlingEvent.findMany({ where: { suggestionId: { in: cases.map((s) => s.id) }, noteEn: { not: null } }, select: { type: true } })).map((e) => e.type));
    expect([...types].sort()).toEqual([
      "ACCEPTED", "ASSIGNED", "CLOSED", "EXTENSION_APPROVED", "MEASURE_LINKED", "MERGED", "MERGE_TARGET_CHANGED", "OVERDUE", "REFERRED", "ROUTED",
      "TRANSFERRED", "TRIAGE",
    ]);
    for (const zh of ["自动受理", "未匹配分办规则，转人工分办", "拟交", "协办", "改交", "同意延期", "已超过答复期限", "转化为政策举措", "建议人评价：4星", "评价期满自动办结", "并案办理", "已转12345"]) {
      expect(chinese.some((note) => note.includes(zh)), zh).toBe(true);
    }
    expect(english.length).toBe(chinese.length);
    const stillChinese = english.filter((note) => HAN.test(wording(note)));
    expect(stillChinese).toEqual([]);
    expect(english.some((note) => note.includes("reply by"))).toBe(true);
    expect(english).toContain("Rated by the citizen: 4 of 5 stars");
    // One long story through five features' forms and jobs: more than the default per-test time on a busy machine.
  }, 180_000);
});
