// Issue 11, item 5: each suggestion has a private link (an unguessable token) shown on the receipt and carried by
// every email, opening its tracking page by GET; the code + digits form stays; unknown links read like wrong codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { insertSuggestion } from "../../support/suggestions.ts";
import { coordinator, startContext, type CoordinationContext } from "../coordination/context.ts";
import { openForm, postMultipart } from "../../support/http.ts";
import { referenceIds, validFields } from "../submissions/helpers.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());

const LINK = /\/track\/([A-Za-z0-9_-]{43})/;

describe("the private tracking link", () => {
  it("when a citizen submits, then the receipt and the confirmation email carry the same link, and it opens the tracking page by GET", async () => {
    const { agent, token } = await openForm(ctx.app, "/suggestions/new");
    const fields = { _csrf: token, ...validFields(await referenceIds(ctx.c)), email: "link.citizen@citizen.example" };
    expect((await postMultipart(agent, "/suggestions/new", fields)).status).toBe(303);
    const receipt = (await agent.get("/suggestions/received")).text;
    const onReceipt = LINK.exec(receipt)?.[1];
    expect(onReceipt).toBeDefined();

    const mail = await ctx.smtp.waitFor((m) => m.to !== undefined && ctx.smtp.to("link.citizen@citizen.example").includes(m));
    expect(LINK.exec(mail.text ?? "")?.[1]).toBe(onReceipt);
    expect(typeof mail.html === "string" && mail.html.includes(`/track/${onReceipt}`)).toBe(true);

    // A fresh visitor with no cookie and no form: the link alone opens the page.
    const page = await request(ctx.app).get(`/track/${onReceipt}`);
    expect(page.status).toBe(200);
    expect(page.headers["cache-control"]).toContain("no-store");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    const row = await ctx.c.db.suggestion.findUniqueOrThrow({ where: { trackToken: onReceipt! }, select: { trackingCode: true } });
    expect(page.text).toContain(row.trackingCode);
    expect(page.text).toContain("办理记录");
  });

  it("when a later email is sent (not accepted), then it carries the link too; and a link that matches nothing reads exactly like a wrong code", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const client = await coordinator(ctx.app);
    await client.post(`/staff/suggestions/${s.id}/not-accept`, { reason: "PRIVATE_DISPUTE", note: "请向社区调解委员会申请调解。" });
    const { trackToken } = await ctx.c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, select: { trackToken: true } });
    const mail = await ctx.smtp.waitFor((m) => m.subject?.includes(s.trackingCode) === true);
    expect(mail.text).toContain(`/track/${trackToken}`);
    expect((await request(ctx.app).get(`/track/${trackToken}`)).status).toBe(200);

    const unknown = await request(ctx.app).get(`/track/${"A".repeat(43)}`);
    const malformed = await request(ctx.app).get("/track/short");
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    // The same page either way, but for the CSRF token and the language switch's link back to the address visited.
    const same = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, "").replace(/href="\/track\/[^"?]*/g, "");
    expect(same(unknown.text)).toBe(same(malformed.text));
    expect(unknown.text).toContain("没有找到与这个查询码和手机号码后 4 位相符的建议");
  });

  it("when the reply is rated from the private link's page, then the rating is stored without the code and digits", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "REPLIED", lead: "EDU", leadStatus: "REPLIED" });
    const edu = await ctx.c.db.department.findUniqueOrThrow({ where: { code: "EDU" }, select: { id: true } });
    await ctx.c.db.reply.create({ data: { suggestionId: s.id, departmentId: edu.id, isLead: true, body: "已研究。", adoption: "ADOPTED", explanation: "采纳。" } });
    const { trackToken } = await ctx.c.db.suggestion.findUniqueOrThrow({ where: { id: s.id }, select: { trackToken: true } });
    const agent = request.agent(ctx.app);
    const page = await agent.get(`/track/${trackToken}`);
    expect(page.text).toContain(`name="token" value="${trackToken}"`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const rated = await agent.post("/track/rating").type("form").send({ _csrf: csrf, token: trackToken, score: "5", comment: "很满意" });
    expect(rated.status).toBe(200);
    expect(await ctx.c.db.rating.findUnique({ where: { suggestionId: s.id } })).toMatchObject({ score: 5 });
  });
});
