// The coordinators' similar-suggestions panel on the case page, and merging from it in one click (the existing
// merge decision of features/coordination).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { computeSignature } from "../../../src/features/similarity/index.ts";
import { signIn } from "../../support/http.ts";
import { resetSuggestions } from "../../support/harness.ts";
import { COORDINATOR, OFFICIAL, startContext, type CoordinationContext } from "../coordination/context.ts";
import { insertSuggestion } from "../../support/suggestions.ts";

let ctx: CoordinationContext;

const TEXTS = {
  lights: { title: "关于小区路灯长期不亮的建议", problem: "我们小区东门到菜市场一段路灯坏了三个月，晚上漆黑一片，老人摔倒过。", proposal: "建议尽快维修路灯，并定期巡查。" },
  lightsAgain: { title: "小区路灯坏了三个月没人修", problem: "东门到菜市场的路灯一直不亮，晚上走路看不见，已经有老人摔倒。", proposal: "请尽快修好路灯。" },
  library: { title: "建议延长市图书馆周末开放时间", problem: "图书馆周末下午五点就闭馆，上班族没有时间借书。", proposal: "建议周末延长到晚上九点。" },
};

async function suggestion(status: "SCREENING" | "IN_HANDLING" | "REFERRED", text: (typeof TEXTS)[keyof typeof TEXTS]) {
  const s = await insertSuggestion(ctx.c.db, { status, ...text, ...(status === "IN_HANDLING" ? { lead: "HOUSING", leadStatus: "ACCEPTED" as const } : {}) });
  await ctx.c.services.similarity.indexSuggestion(s.id);
  return s;
}

beforeAll(async () => {
  computeSignature({ title: "预热", body: "加载结巴词典" });
  ctx = await startContext();
});
afterAll(() => ctx.stop());
beforeEach(() => resetSuggestions(ctx.c));

describe("the similar-suggestions panel", () => {
  it("when a coordinator opens a new suggestion with an open duplicate, then the panel lists it with a score and merging from it is one click", async () => {
    const earlier = await suggestion("IN_HANDLING", TEXTS.lights);
    const unrelated = await suggestion("SCREENING", TEXTS.library);
    const s = await suggestion("SCREENING", TEXTS.lightsAgain);

    const client = await signIn(ctx.app, COORDINATOR);
    const page = await client.get(`/staff/suggestions/${s.id}`);
    expect(page.status).toBe(200);
    const panel = /<section class="panel similar-panel"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? "";
    expect(panel).toContain(`data-similar-id="${earlier.id}"`);
    expect(panel).not.toContain(`data-similar-id="${unrelated.id}"`);
    const score = Number(/<td><strong>([\d.]+)<\/strong><\/td>/.exec(panel)?.[1]);
    expect(score).toBeGreaterThanOrEqual(0.2);
    expect(score).toBeLessThanOrEqual(1);
    expect(panel).toContain(`name="targetCode" value="${earlier.trackingCode}"`);

    const res = await client.post(`/staff/suggestions/${s.id}/merge`, { targetCode: earlier.trackingCode });
    expect(res.status).toBe(303);
    const after = await ctx.c.db.suggestion.findUniqueOrThrow({ where: { id: s.id } });
    expect(after).toMatchObject({ status: "MERGED", mergedIntoId: earlier.id });
    // Merged: the panel still lists the similar suggestion, but no longer offers to merge.
    const again = await client.get(`/staff/suggestions/${s.id}`);
    expect(again.text).toContain(`data-similar-id="${earlier.id}"`);
    expect(again.text).not.toContain('name="targetCode" value=');
  });

  it("when the similar suggestion was referred elsewhere, then it is listed without a merge button (it will get no reply of its own)", async () => {
    const referred = await suggestion("REFERRED", TEXTS.lights);
    const s = await suggestion("SCREENING", TEXTS.lightsAgain);
    const client = await signIn(ctx.app, COORDINATOR);
    const page = await client.get(`/staff/suggestions/${s.id}`);
    expect(page.text).toContain(`data-similar-id="${referred.id}"`);
    expect(page.text).not.toContain(`name="targetCode" value="${referred.trackingCode}"`);
  });

  it("when a department official opens a case, then there is no similar-suggestions panel", async () => {
    await suggestion("IN_HANDLING", TEXTS.lights);
    const s = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED", title: TEXTS.lightsAgain.title });
    const client = await signIn(ctx.app, OFFICIAL);
    const page = await client.get(`/staff/suggestions/${s.id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain("similar-panel");
  });
});
