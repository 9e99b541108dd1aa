// Issue 11, item 14: the supervision page offers 催办 (urge): a message to the lead department's head and officials,
// recorded in the history, at most once a day per case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentId, insertSuggestion } from "../../support/suggestions.ts";
import { coordinator, startContext, type CoordinationContext } from "../coordination/context.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());

const DAY = 24 * 60 * 60 * 1000;

describe("urge (催办) on the supervision page", () => {
  it("when a coordinator urges an overdue case, then the lead department's head and officials are emailed in their language, the history says so and the form is not offered again that day", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED", replyDueAt: new Date(Date.now() - 3 * DAY) });
    const edu = await departmentId(ctx.c.db, "EDU");
    const client = await coordinator(ctx.app);
    const page = await client.get(`/staff/supervision?department=${edu}`);
    const url = `/staff/supervision/${s.id}/urge?department=${edu}`;
    // Handlebars writes "=" in an attribute as &#x3D;.
    const inPage = url.replace("=", "&#x3D;");
    expect(page.text).toContain(`action="${inPage}"`);

    const tooLong = await client.post(url, { note: "催".repeat(2001) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toMatch(new RegExp(`<details class="action" open>\\s*<summary>催办</summary>\\s*<form method="post" action="${inPage.replace("?", "\\?")}"`));

    const message = "该件已超期三天，请本周内答复建议人。";
    const res = await client.post(url, { note: message });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/staff/supervision?department=${edu}&done=urged`);

    const after = await client.get(res.headers.location!);
    expect(after.text).toContain("已催办，主办单位负责人和承办人员会收到邮件。");
    expect(after.text).toContain("上次催办：");
    expect(after.text).not.toContain(`action="${inPage}"`);
    // At most once a day: a second urge is refused and sends nothing more.
    expect((await client.post(url, {})).status).toBe(409);

    const history = await client.get(`/staff/suggestions/${s.id}`);
    expect(history.text).toContain("征集办催办，请省教育厅抓紧办理、按时答复");
    expect(history.text).toContain(message);
    const events = await ctx.c.db.handlingEvent.findMany({ where: { suggestionId: s.id, type: "URGED" } });
    expect(events.map((e) => [e.internal, e.departmentId])).toEqual([[true, edu]]);

    const staff = await ctx.c.db.user.findMany({ where: { departmentId: edu, active: true, OR: [{ role: "OFFICIAL" }, { isHead: true }] }, select: { email: true, locale: true } });
    expect(staff.length).toBeGreaterThan(0);
    for (const person of staff) {
      const mail = await ctx.smtp.waitFor((m) => (m.subject ?? "").includes(s.trackingCode) && ctx.smtp.to(person.email).includes(m));
      expect(mail.subject).toContain(person.locale === "en" ? "[Urged]" : "【催办】");
      expect(mail.text).toContain(message);
    }
    const rows = await ctx.c.db.emailMessage.findMany({ where: { template: "suggestion-urged" } });
    expect(rows).toHaveLength(new Set([...staff.map((p) => p.email.toLowerCase()), ...(await headEmail(edu))]).size);
  });

  it("when the case has been replied to, then urging it is refused", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "REPLIED", lead: "EDU", leadStatus: "REPLIED", replyDueAt: new Date(Date.now() - 3 * DAY) });
    const client = await coordinator(ctx.app);
    await client.get("/staff/supervision");
    const res = await client.post(`/staff/supervision/${s.id}/urge`, {});
    expect(res.status).toBe(409);
    expect(res.text).toContain("这件建议已不在办理中，无需催办。");
  });
});

async function headEmail(id: number): Promise<string[]> {
  const d = await ctx.c.db.department.findUniqueOrThrow({ where: { id }, select: { headEmail: true } });
  return d.headEmail ? [d.headEmail.toLowerCase()] : [];
}
