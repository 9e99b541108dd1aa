// Issue 11, item 7: a 1- or 2-star rating does not close the case silently: the supervision page lists it.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertSuggestion } from "../../support/suggestions.ts";
import { coordinator, startContext, type CoordinationContext } from "../coordination/context.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());

async function answeredAndRated(title: string, score: number, comment: string) {
  const s = await insertSuggestion(ctx.c.db, { status: "REPLIED", lead: "EDU", leadStatus: "REPLIED", title });
  const edu = await ctx.c.db.department.findUniqueOrThrow({ where: { code: "EDU" }, select: { id: true } });
  await ctx.c.db.reply.create({ data: { suggestionId: s.id, departmentId: edu.id, isLead: true, body: "已研究。", adoption: "NOT_ADOPTED", explanation: "暂不具备条件。" } });
  const { trackToken } = await ctx.c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, select: { trackToken: true } });
  const citizen = request.agent(ctx.app);
  const page = await citizen.get(`/track/${trackToken}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  expect((await citizen.post("/track/rating").type("form").send({ _csrf: csrf, token: trackToken, score: String(score), comment })).status).toBe(200);
  return s;
}

describe("low ratings on the supervision page", () => {
  it("when a citizen gives 1 star, then the coordinators see it with the comment and a link to the case; a 4-star rating is not listed", async () => {
    const low = await answeredAndRated("关于增加学校周边停车位的建议", 1, "答复敷衍，没有说明理由。");
    await answeredAndRated("关于延长图书馆开放时间的建议", 4, "满意。");
    const client = await coordinator(ctx.app);
    const page = await client.get("/staff/supervision");
    const section = /<section[^>]*id="low-ratings"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? "";
    expect(section).toContain("低分评价");
    expect(section).toContain(low.trackingCode);
    expect(section).toContain("答复敷衍，没有说明理由。");
    expect(section).toContain(`href="/staff/suggestions/${low.id}"`);
    expect(section).not.toContain("关于延长图书馆开放时间的建议");
    const en = await client.get("/staff/supervision?lang=en");
    expect(en.text).toContain("Low ratings (1–2 stars)");
  });
});
