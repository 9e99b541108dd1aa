import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorkingDays } from "../../../src/platform/working-days.ts";
import { coordinator, startContext, type CoordinationContext } from "./context.ts";
import { departmentId, insertSuggestion } from "../../support/suggestions.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());

const DAY = 24 * 60 * 60 * 1000;

function section(page: string, departmentId: number): string {
  const m = new RegExp(`<section class="panel supervision-group" id="department-${departmentId}"[\\s\\S]*?</section>`).exec(page);
  return m?.[0] ?? "";
}

describe("supervision (督办)", () => {
  it("when suggestions are overdue or due within 3 working days, then they are listed by lead department with counts, overdue ones marked; later and finished ones are not", async () => {
    const now = new Date();
    const overdue = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED", replyDueAt: new Date(now.getTime() - 3 * DAY) });
    const soon = await insertSuggestion(ctx.c.db, { status: "ASSIGNED", lead: "EDU", replyDueAt: addWorkingDays(now, 2), important: true });
    const otherSoon = await insertSuggestion(ctx.c.db, { status: "EXTENDED", lead: "TRANSPORT", leadStatus: "ACCEPTED", replyDueAt: addWorkingDays(now, 3) });
    const later = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED", replyDueAt: addWorkingDays(now, 6) });
    const replied = await insertSuggestion(ctx.c.db, { status: "REPLIED", lead: "EDU", leadStatus: "REPLIED", replyDueAt: new Date(now.getTime() - 3 * DAY) });
    const [edu, transport] = await Promise.all([departmentId(ctx.c.db, "EDU"), departmentId(ctx.c.db, "TRANSPORT")]);

    const client = await coordinator(ctx.app);
    const page = await client.get("/staff/supervision");
    expect(page.status).toBe(200);
    expect(page.text).toContain("已超期 1 件，即将到期 2 件");
    const eduSection = section(page.text, edu);
    expect(eduSection).toContain("省教育厅");
    expect(eduSection).toContain("（超期 1 件，即将到期 1 件）");
    expect(eduSection).toContain(overdue.trackingCode);
    expect(eduSection).toContain(soon.trackingCode);
    expect(eduSection).toMatch(new RegExp(`is-overdue[\\s\\S]*?${overdue.trackingCode}[\\s\\S]*?已超期`));
    expect(eduSection).toContain(`href="/staff/suggestions/${soon.id}"`);
    expect(eduSection).toContain("还剩 2 个工作日");
    expect(section(page.text, transport)).toContain(otherSoon.trackingCode);
    expect(page.text).not.toContain(later.trackingCode);
    expect(page.text).not.toContain(replied.trackingCode);

    const filtered = await client.get(`/staff/supervision?department=${transport}`);
    expect(filtered.text).toContain(otherSoon.trackingCode);
    expect(filtered.text).not.toContain(overdue.trackingCode);
  });
});
