import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../support/http.ts";
import { COORDINATOR, OFFICIAL, startContext, type CoordinationContext } from "./context.ts";
import { departmentId, insertSuggestion } from "../../support/suggestions.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());

/** The value of a form field's default on the page (the date input, a selected option). */
function selectedOption(page: string, selectId: string): string | undefined {
  const select = new RegExp(`<select id="${selectId}"[\\s\\S]*?</select>`).exec(page)?.[0] ?? "";
  return /<option value="(\d+)" selected>/.exec(select)?.[1];
}

describe("the coordinator's panel on the case page", () => {
  it("when a coordinator opens a screened suggestion, then the panel offers the screening actions with the proposal preselected, and accepting from it lands back on the case page", async () => {
    const s = await insertSuggestion(ctx.c.db, {
      status: "SCREENING", proposedDepartmentCode: "EDU", routingReason: { ruleId: 1, ruleName: "教育", matchedKeywords: ["课后服务"] },
    });
    const edu = await departmentId(ctx.c.db, "EDU");
    const client = await signIn(ctx.app, COORDINATOR);
    const page = await client.get(`/staff/suggestions/${s.id}`);
    expect(page.status).toBe(200);
    for (const action of ["accept", "not-accept", "refer", "merge", "important"]) {
      expect(page.text).toContain(`action="/staff/suggestions/${s.id}/${action}"`);
    }
    expect(page.text).not.toContain(`action="/staff/suggestions/${s.id}/transfer"`);
    expect(selectedOption(page.text, "ca-accept-leadDepartmentId")).toBe(String(edu));
    expect(page.text).toContain("分办规则“教育”");
    const due = /id="ca-accept-replyDueDate"[^>]*value="(\d{4}-\d{2}-\d{2})"/.exec(page.text)?.[1];
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const res = await client.post(`/staff/suggestions/${s.id}/accept`, { leadDepartmentId: String(edu), replyDueDate: due ?? "" });
    expect(res.status).toBe(303);
    const after = await client.get(res.location ?? "");
    expect(after.status).toBe(200);
    expect(after.text).toContain(`action="/staff/suggestions/${s.id}/transfer"`);
    expect(after.text).not.toContain(`action="/staff/suggestions/${s.id}/accept"`);
  });

  it("when an official of the lead department opens the case, then the coordinator's panel is not there", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "ASSIGNED", lead: "EDU" });
    const client = await signIn(ctx.app, OFFICIAL);
    const page = await client.get(`/staff/suggestions/${s.id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain("coordinator-actions");
    expect(page.text).not.toContain(`/staff/suggestions/${s.id}/transfer`);
  });
});
