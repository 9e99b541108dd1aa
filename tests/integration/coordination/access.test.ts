import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../support/http.ts";
import { defaultDueDate, OFFICIAL, startContext, type CoordinationContext } from "./context.ts";
import { departmentId, insertExtensionRequest, insertSuggestion, snapshot } from "../../support/suggestions.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());

describe("only the collection office", () => {
  it("when an official opens any coordinator page or posts any coordinator form, even for their own department's suggestion, then the answer is 403 and nothing changes", async () => {
    const own = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED" });
    const screening = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const ext = await insertExtensionRequest(ctx.c.db, { suggestionId: own.id, departmentCode: "EDU", requestedByEmail: OFFICIAL, workingDays: 10 });
    const before = [await snapshot(ctx.c.db, own.id), await snapshot(ctx.c.db, screening.id)];
    const edu = await departmentId(ctx.c.db, "EDU");

    const official = await signIn(ctx.app, OFFICIAL);
    await official.get("/staff/inbox");
    for (const path of ["/staff/screening", "/staff/extensions", "/staff/supervision"]) {
      const res = await official.get(path);
      expect(res.status, path).toBe(403);
      expect(res.text).not.toContain(screening.trackingCode);
    }
    const fields = { leadDepartmentId: String(edu), replyDueDate: defaultDueDate(ctx.c), reason: "DUPLICATE", note: "x", channel: "PETITION", targetCode: own.trackingCode, important: "1" };
    for (const id of [own.id, screening.id]) {
      for (const action of ["accept", "not-accept", "refer", "merge", "important", "transfer"]) {
        const res = await official.post(`/staff/suggestions/${id}/${action}`, fields);
        expect(res.status, `${action} ${id}`).toBe(403);
      }
    }
    for (const decision of ["approve", "refuse"]) {
      expect((await official.post(`/staff/extensions/${ext.id}/${decision}`, { note: "x" })).status).toBe(403);
    }
    expect([await snapshot(ctx.c.db, own.id), await snapshot(ctx.c.db, screening.id)]).toEqual(before);
    expect((await ctx.c.db.extensionRequest.findUniqueOrThrow({ where: { id: ext.id } })).status).toBe("PENDING");
  });

  it("when nobody is signed in, then the pages send to sign-in and the forms change nothing", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const before = await snapshot(ctx.c.db, s.id);
    const { createAgent } = await import("../../support/http.ts");
    const anon = createAgent(ctx.app);
    expect((await anon.get("/staff/screening")).location).toBe("/staff/sign-in?next=%2Fstaff%2Fscreening");
    await anon.get("/track");
    const res = await anon.post(`/staff/suggestions/${s.id}/not-accept`, { reason: "DUPLICATE", note: "x" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff/sign-in");
    expect(await snapshot(ctx.c.db, s.id)).toEqual(before);
  });
});
