// Issue 11, item 7: a 1- or 2-star rating does not close the case silently: the supervision page lists it.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertSuggestion, SUBMITTER } from "../../support/suggestions.ts";
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

  it("when the coordinator sends a follow-up note on a low rating, then it is in the history for the citizen, on their tracking page and in their email; an empty note is refused with the form kept", async () => {
    const low = await answeredAndRated("关于公交站台加装遮阳棚的建议", 2, "答复没有回应我的具体问题。");
    const client = await coordinator(ctx.app);
    await client.get("/staff/supervision");
    const url = `/staff/supervision/low-ratings/${low.id}/follow-up`;

    const empty = await client.post(url, { note: "  " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("请填写回访说明。");
    expect(empty.text).toMatch(new RegExp(`<details class="action" open>\\s*<summary>回访建议人</summary>\\s*<form method="post" action="${url}"`));

    const note = "我们已请教育厅补充说明停车位规划情况，两周内会另行答复您。";
    const sent = await client.post(url, { note });
    expect(sent.status).toBe(303);
    const page = await client.get("/staff/supervision");
    const section = /<section[^>]*id="low-ratings"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? "";
    expect(section).toContain("已回访");
    expect(section).toContain(note);
    expect(section).not.toContain(`action="${url}"`);
    // Once per suggestion: a second post is refused and writes nothing.
    expect((await client.post(url, { note: "再说一次。" })).status).toBe(409);

    const events = await ctx.c.db.handlingEvent.findMany({ where: { suggestionId: low.id, type: "FOLLOW_UP" } });
    expect(events.map((e) => [e.note, e.internal])).toEqual([[note, false]]);

    const { trackToken } = await ctx.c.db.suggestion.findUniqueOrThrow({ where: { id: low.id }, select: { trackToken: true } });
    const tracking = await request(ctx.app).get(`/track/${trackToken}`);
    const followUp = /<section[^>]*id="follow-up"[\s\S]*?<\/section>/.exec(tracking.text)?.[0] ?? "";
    expect(followUp).toContain("征集办回访");
    expect(followUp).toContain(note);

    const mail = await ctx.smtp.waitFor((m) => (m.subject ?? "").includes(low.trackingCode) && ctx.smtp.to(SUBMITTER.email).includes(m));
    expect(mail.subject).toContain("征集办回访");
    expect(mail.text).toContain(note);
    expect(mail.text).toContain(`/track/${trackToken}`);
  });
});
