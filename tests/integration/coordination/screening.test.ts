import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { coordinator, startContext, type CoordinationContext } from "./context.ts";
import { insertSuggestion } from "../../support/suggestions.ts";

let ctx: CoordinationContext;

beforeAll(async () => {
  ctx = await startContext();
});
afterAll(() => ctx.stop());
beforeEach(async () => {
  // Each test sees only the suggestions it writes (the reference data stays).
  await ctx.c.db.suggestion.deleteMany();
});

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

/** The rows of the queue, in page order: [tracking code, the row's text]. */
function rows(page: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of page.matchAll(/<tr class="queue-row[^"]*" data-id="\d+">([\s\S]*?)<\/tr>/g)) {
    const text = (m[1] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
    const code = /JY-\d{4}-[0-9A-F]{8}/.exec(text)?.[0] ?? "";
    out.push([code, text]);
  }
  return out;
}

describe("the screening queue", () => {
  it("when new, triaged and returned suggestions wait, then they are listed oldest first with the proposal and why, the return reason, the overdue mark and the important mark", async () => {
    const returned = await insertSuggestion(ctx.c.db, {
      status: "RETURNED",
      submittedAt: ago(20),
      returnedBy: { departmentCode: "TRANSPORT", reason: "该事项不属于本单位职责，<b>请改派</b>。" },
    });
    const triaged = await insertSuggestion(ctx.c.db, { status: "SCREENING", submittedAt: ago(12), routingReason: null });
    const proposed = await insertSuggestion(ctx.c.db, {
      status: "SCREENING",
      submittedAt: ago(2),
      important: true,
      categoryCode: "EDUCATION",
      proposedDepartmentCode: "EDU",
      routingReason: { ruleId: 7, ruleName: "教育", matchedKeywords: ["课后服务", "托管"], matchedCategory: true },
    });
    const fresh = await insertSuggestion(ctx.c.db, { status: "SUBMITTED", submittedAt: ago(0.01), title: "<script>alert(1)</script>标题" });
    await insertSuggestion(ctx.c.db, { status: "ASSIGNED", lead: "EDU", submittedAt: ago(30) });
    await insertSuggestion(ctx.c.db, { status: "NOT_ACCEPTED", submittedAt: ago(30) });

    const client = await coordinator(ctx.app);
    const page = await client.get("/staff/screening");
    expect(page.status).toBe(200);
    const list = rows(page.text);
    expect(list.map(([code]) => code)).toEqual([returned.trackingCode, triaged.trackingCode, proposed.trackingCode, fresh.trackingCode]);
    expect(page.text).toContain("共 4 件待甄别");

    const [r0, r1, r2, r3] = list.map(([, text]) => text);
    expect(r0).toContain("已退回");
    expect(r0).toContain("省交通运输厅");
    expect(r0).toContain("该事项不属于本单位职责，&lt;b&gt;请改派&lt;/b&gt;。");
    expect(r1).toContain("未匹配分办规则");
    expect(r1).toContain("已超期");
    expect(r2).toContain("省教育厅");
    expect(r2).toContain("分办规则“教育”：类别“教育”，关键词 “课后服务”、“托管”。");
    expect(r2).toContain("重要建议");
    expect(r2).not.toContain("已超期");
    expect(r3).toContain("尚未完成自动分办");
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;标题");
    expect(page.text).not.toContain("<script>alert(1)");
    expect(page.text).toContain(`href="/staff/suggestions/${proposed.id}"`);
  });

  it("when the queue is filtered by kind, round and category, then only matching suggestions are listed", async () => {
    const round = await ctx.c.db.collectionRound.findFirstOrThrow({ where: { status: "OPEN" }, select: { id: true } });
    const urban = await ctx.c.db.category.findUniqueOrThrow({ where: { code: "URBAN" }, select: { id: true } });
    const inRound = await insertSuggestion(ctx.c.db, { status: "SCREENING", roundId: round.id, categoryCode: "URBAN" });
    const everydayUrban = await insertSuggestion(ctx.c.db, { status: "SCREENING", categoryCode: "URBAN" });
    const everydayEdu = await insertSuggestion(ctx.c.db, { status: "SUBMITTED", categoryCode: "EDUCATION" });
    const client = await coordinator(ctx.app);

    const codes = async (q: string) => rows((await client.get(`/staff/screening?${q}`)).text).map(([code]) => code);
    expect(await codes("kind=ROUND")).toEqual([inRound.trackingCode]);
    expect(await codes(`round=${round.id}`)).toEqual([inRound.trackingCode]);
    expect(await codes(`category=${urban.id}`)).toEqual([inRound.trackingCode, everydayUrban.trackingCode]);
    expect(await codes(`kind=EVERYDAY&category=${urban.id}`)).toEqual([everydayUrban.trackingCode]);
    expect(await codes("kind=EVERYDAY&category=abc&round=-1")).toEqual([everydayUrban.trackingCode, everydayEdu.trackingCode]);
  });

  it("when more suggestions wait than fit on a page, then the next page continues after the last row, with the filters kept", async () => {
    const base = Date.now() - 5 * DAY;
    const made: string[] = [];
    for (let i = 0; i < 53; i++) {
      made.push((await insertSuggestion(ctx.c.db, { status: "SUBMITTED", submittedAt: new Date(base + i * 60_000) })).trackingCode);
    }
    const client = await coordinator(ctx.app);
    const first = await client.get("/staff/screening?kind=EVERYDAY");
    expect(rows(first.text).map(([c]) => c)).toEqual(made.slice(0, 50));
    const next = /<a href="([^"]+)" rel="next">/.exec(first.text)?.[1]?.replace(/&amp;/g, "&").replace(/&#x3D;/g, "=");
    expect(next).toMatch(/^\/staff\/screening\?kind=EVERYDAY&after=\d+\.\d+$/);
    const second = await client.get(next ?? "");
    expect(rows(second.text).map(([c]) => c)).toEqual(made.slice(50));
    expect(second.text).not.toContain('rel="next"');
    expect(second.text).toContain("回到第一页");
  });

  it("when the page is asked for in English, then the words are English", async () => {
    await insertSuggestion(ctx.c.db, { status: "SCREENING", routingReason: null });
    const client = await coordinator(ctx.app);
    const page = await client.get("/staff/screening?lang=en");
    expect(page.text).toContain("1 suggestion to screen");
    expect(page.text).toContain("No routing rule matched");
  });
});
