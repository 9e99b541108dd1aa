// Issue 11, items 2 and 3: the tracking page shows what the office's forms promise the citizen will read, and a
// suggestion that was not accepted shows its outcome and where to go instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../../support/http.ts";
import { coordinator, defaultDueDate, startContext, type CoordinationContext } from "../coordination/context.ts";
import { departmentId, insertSuggestion, SUBMITTER } from "../../support/suggestions.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());

/** The citizen's look-up with the default submitter's phone (its last 4 digits). */
async function track(code: string, lang?: string) {
  const citizen = createAgent(ctx.app);
  await citizen.get(lang ? `/track?lang=${lang}` : "/track");
  return citizen.post("/track", { code, phoneLast4: SUBMITTER.phone.slice(-4) });
}

describe("the office's notes on the tracking page", () => {
  it("when a coordinator accepts with a 受理意见, then the citizen reads it on the tracking page, and a staff-only note is not shown", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const client = await coordinator(ctx.app);
    const res = await client.post(`/staff/suggestions/${s.id}/accept`, {
      leadDepartmentId: String(await departmentId(ctx.c.db, "EDU")), replyDueDate: defaultDueDate(ctx.c), note: "您的建议很有价值，已请省教育厅研究办理。",
    });
    expect(res.status).toBe(303);
    await ctx.c.db.handlingEvent.create({ data: { suggestionId: s.id, type: "NOTE", note: "内部备注：请重点关注", internal: true } });

    const page = await track(s.trackingCode);
    expect(page.status).toBe(200);
    expect(page.text).toContain("征集办说明：您的建议很有价值，已请省教育厅研究办理。");
    expect(page.text).not.toContain("内部备注");
  });

  it("when a coordinator does not accept, then the note written for the citizen is on the tracking page in both languages", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const client = await coordinator(ctx.app);
    const res = await client.post(`/staff/suggestions/${s.id}/not-accept`, {
      reason: "PRIVATE_DISPUTE", note: "您反映的是邻里之间的纠纷，建议向所在社区人民调解委员会申请调解。",
    });
    expect(res.status).toBe(303);

    const zh = await track(s.trackingCode);
    expect(zh.text).toContain("征集办说明：您反映的是邻里之间的纠纷，建议向所在社区人民调解委员会申请调解。");
    const en = await track(s.trackingCode, "en");
    expect(en.text).toContain("Note from the collection office: 您反映的是邻里之间的纠纷");
  });
});

describe("a suggestion that was not accepted", () => {
  it("when the citizen tracks it, then the page shows the outcome, the reason and where to go instead, not 尚未确定（正在甄别）", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const client = await coordinator(ctx.app);
    expect((await client.post(`/staff/suggestions/${s.id}/not-accept`, { reason: "COMPLAINT_OR_REQUEST", note: "请通过 12345 热线反映。" })).status).toBe(303);

    const zh = await track(s.trackingCode);
    expect(zh.text).not.toContain("尚未确定");
    expect(zh.text).not.toContain("正在甄别");
    expect(zh.text).toContain("处理结果");
    expect(zh.text).toContain("未予受理");
    expect(zh.text).toContain("原因：属于申诉求决、检举控告类事项");
    expect(zh.text).toContain("12345 政务服务便民热线");
    expect(zh.text).toContain("信访部门");

    const en = await track(s.trackingCode, "en");
    expect(en.text).toContain("Outcome");
    expect(en.text).toContain("did not accept it");
    expect(en.text).toContain("12345 government service hotline");
    expect(en.text).not.toContain("Not decided yet");
  });
});
