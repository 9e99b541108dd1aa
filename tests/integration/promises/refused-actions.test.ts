// Issue 11, item 9: every refused staff action comes back to the suggestion with the message and the typed text,
// never a generic error page whose only way out is the public home page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertExtensionRequest, insertSuggestion } from "../../support/suggestions.ts";
import { signIn } from "../../support/http.ts";
import { coordinator, OFFICIAL, startContext, type CoordinationContext } from "../coordination/context.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());

const HOME_ONLY = /<a class="button secondary" href="\/">/;

describe("refused staff actions", () => {
  it("when a coordinator merges a suggestion into itself, then the suggestion's page says so at the code field and keeps the typed note", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const client = await coordinator(ctx.app);
    const res = await client.post(`/staff/suggestions/${s.id}/merge`, { targetCode: s.trackingCode, note: "两条建议内容完全相同，合并办理。" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("不能把建议合并到它自己。");
    expect(res.text).toContain("两条建议内容完全相同，合并办理。");
    expect(res.text).toContain(`href="/staff/suggestions/${s.id}"`);
    expect(res.text).not.toMatch(HOME_ONLY);
    expect((await ctx.c.db.suggestion.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("SCREENING");
  });

  it("when a merge is refused because the target was closed meanwhile (409), then the page shows why and keeps the typed note", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const closed = await insertSuggestion(ctx.c.db, { status: "NOT_ACCEPTED" });
    const client = await coordinator(ctx.app);
    const res = await client.post(`/staff/suggestions/${s.id}/merge`, { targetCode: closed.trackingCode, note: "与前一条相同。" });
    expect(res.status).toBe(409);
    expect(res.text).toContain('id="action-refused"');
    expect(res.text).toContain(closed.trackingCode);
    expect(res.text).toContain("与前一条相同。");
    expect(res.text).toContain("您填写的内容已保留");
    expect(res.text).not.toMatch(HOME_ONLY);
  });

  it("when a department's extension request is refused because one is pending (409), then the case page shows why and keeps the typed reason", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED" });
    await insertExtensionRequest(ctx.c.db, { suggestionId: s.id, departmentCode: "EDU", requestedByEmail: OFFICIAL, workingDays: 5 });
    const official = await signIn(ctx.app, OFFICIAL);
    await official.get(`/staff/suggestions/${s.id}`);
    const res = await official.post(`/staff/suggestions/${s.id}/extension`, { reason: "需要补充调研三个地市的情况。", workingDays: "10" });
    expect(res.status).toBe(409);
    expect(res.text).toContain('id="case-refusal"');
    expect(res.text).toContain('id="case-title"');
    expect(res.text).toContain("需要补充调研三个地市的情况。");
    expect(res.text).not.toMatch(HOME_ONLY);

    const en = await official.post(`/staff/suggestions/${s.id}/extension?lang=en`, { reason: "More field work.", workingDays: "10" });
    expect(en.status).toBe(409);
    expect(en.text).toContain("What you typed is kept");
  });
});
