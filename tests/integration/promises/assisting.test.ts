// Issue 11, items 10 and 11: what an assisting department (协办单位) is told on the case page matches what happens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertSuggestion, SUBMITTER } from "../../support/suggestions.ts";
import { createAgent, signIn } from "../../support/http.ts";
import { startContext, type CoordinationContext } from "../coordination/context.ts";

let ctx: CoordinationContext;
// The seeded official of the civil affairs department (民政厅), the assisting department below.
const CIVIL_OFFICIAL = "official.civil@demo.example";

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());

async function assisted(status: "ASSIGNED" | "IN_HANDLING", assistSigned: boolean) {
  const s = await insertSuggestion(ctx.c.db, {
    status, lead: "EDU", leadStatus: status === "ASSIGNED" ? "PENDING" : "ACCEPTED", assists: ["CIVIL"],
  });
  if (assistSigned) await ctx.c.db.assignment.updateMany({ where: { suggestionId: s.id, role: "ASSIST" }, data: { status: "ACCEPTED", acceptedAt: new Date() } });
  return s;
}

describe("the assisting department's opinion", () => {
  it("when the opinion form is shown, then its hints agree that the citizen does not read it — and indeed the tracking page does not show it", async () => {
    const s = await assisted("IN_HANDLING", true);
    const official = await signIn(ctx.app, CIVIL_OFFICIAL);
    const page = await official.get(`/staff/suggestions/${s.id}`);
    expect(page.text).toContain("协办意见供主办单位参考，不直接发给建议人。");
    expect(page.text).toContain("建议人看不到");
    expect(page.text).not.toContain("建议人将看到这段文字");
    const en = await official.get(`/staff/suggestions/${s.id}?lang=en`);
    expect(en.text).not.toContain("The submitter reads this.");

    const sent = await official.post(`/staff/suggestions/${s.id}/reply`, { adoption: "ADOPTED", explanation: "民政厅同意。", body: "协办意见：建议由各区民政局配合落实。" });
    expect(sent.status).toBe(303);
    const citizen = createAgent(ctx.app);
    await citizen.get("/track");
    const tracked = await citizen.post("/track", { code: s.trackingCode, phoneLast4: SUBMITTER.phone.slice(-4) });
    expect(tracked.status).toBe(200);
    expect(tracked.text).not.toContain("协办意见：建议由各区民政局配合落实。");
  });
});

describe("an assisting department waiting for the lead", () => {
  it("when it has signed and the lead has not, then the case page says what it waits for and that a note is possible now, in both languages", async () => {
    const s = await assisted("ASSIGNED", true);
    const official = await signIn(ctx.app, CIVIL_OFFICIAL);
    const page = await official.get(`/staff/suggestions/${s.id}`);
    expect(page.text).toContain('id="opinion-waiting"');
    expect(page.text).toContain("协办意见要等主办单位签收");
    expect(page.text).toContain('id="note-form"');
    expect(page.text).not.toContain('id="reply-form"');
    const en = await official.get(`/staff/suggestions/${s.id}?lang=en`);
    expect(en.text).toContain("once the lead department has signed");

    // Not before it has signed itself: then signing is what it can do.
    const unsigned = await assisted("ASSIGNED", false);
    expect((await official.get(`/staff/suggestions/${unsigned.id}`)).text).not.toContain('id="opinion-waiting"');
  });
});
