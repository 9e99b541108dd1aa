// /stats and the golden-ideas showcase: published with consent only, and nothing personal on any public page —
// distinctive values are seeded in every personal field and in the free text, then searched for on every page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { createAgent } from "../../support/http.ts";
import { seedReportFixture, type Fixture } from "./fixture.ts";

let c: Container;
let app: Express;
let f: Fixture;

const SECRET = {
  realName: "欧阳锋锐",
  phone: "13912340000",
  email: "ouyang.private@example.org",
  textPhone: "13987654321",
  textIdCard: "110101199003074258",
  textEmail: "text.mail@example.net",
  unpublishedTitle: "未经同意公开的建议标题",
  trackingCode: "RPT-S1",
};

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  f = await seedReportFixture(c.db);
  const s1 = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: "RPT-S1" } });
  await c.db.suggestion.update({
    where: { id: s1.id },
    data: {
      title: "关于增加社区助餐点的建议",
      problem: `我是${SECRET.realName}，电话${SECRET.textPhone}，身份证${SECRET.textIdCard}，邮箱${SECRET.textEmail}。老人吃饭难。`,
      proposal: "建议在街道增设老年助餐点。",
    },
  });
  await c.db.submitter.update({ where: { suggestionId: s1.id }, data: { realName: SECRET.realName, phone: SECRET.phone, email: SECRET.email, consentPublish: true } });
  await c.db.reply.updateMany({ where: { suggestionId: s1.id }, data: { body: `${SECRET.realName}同志：您的建议已采纳，将新增助餐点。` } });
  // Adopted, but its citizen did not consent: never shown.
  const s2 = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: "RPT-S2" } });
  await c.db.suggestion.update({ where: { id: s2.id }, data: { title: SECRET.unpublishedTitle } });
  // Consented but not adopted (S3: NOT_ADOPTED): not a golden idea either.
  const s3 = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: "RPT-S3" } });
  await c.db.submitter.update({ where: { suggestionId: s3.id }, data: { consentPublish: true } });
  const s7 = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: "RPT-S7" } });
  await c.db.submitter.update({ where: { suggestionId: s7.id }, data: { consentPublish: true } });
  app = createApp(c);
});

afterAll(async () => c.close());

function publicPages(): string[] {
  const pages = [
    "/stats", "/golden-ideas", "/golden-ideas?q=助餐", `/golden-ideas?q=${SECRET.realName}`, `/golden-ideas?q=${SECRET.textPhone}`,
    `/golden-ideas?q=${encodeURIComponent(SECRET.textEmail)}`, `/golden-ideas?round=${f.roundId}`, `/rounds/${f.roundId}`, "/",
  ];
  return [...pages, ...pages.map((p) => `${p}${p.includes("?") ? "&" : "?"}lang=en`)];
}

/**
 * What the page says, without what echoes the visitor's own search back to them (the search field, the words
 * searched for, the language switch's link, which keeps the query string).
 */
function pageContent(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return main.replace(/<form class="panel showcase-search"[\s\S]*?<\/form>/, "").replace(/<p class="hint" id="search-words">[\s\S]*?<\/p>/, "");
}

describe("public pages", () => {
  it("when any public page is read, then no submitter's name, phone or email, nor a number from inside the text, nor an unpublished suggestion is on it", async () => {
    const visitor = createAgent(app);
    for (const path of publicPages()) {
      const page = await visitor.get(encodeURI(path));
      expect(page.status, path).toBe(200);
      const searched = decodeURIComponent(path).includes("q=");
      const text = searched ? pageContent(page.text) : page.text;
      for (const [what, value] of Object.entries(SECRET)) expect(text, `${path} shows ${what}`).not.toContain(value);
    }
  });

  it("when the showcase is opened, then the consented, adopted suggestion is there, masked, with its reply and measure", async () => {
    const page = await createAgent(app).get("/golden-ideas");
    expect(page.text).toContain("关于增加社区助餐点的建议");
    expect(page.text).toContain("【手机号已隐藏】");
    expect(page.text).toContain("【身份证号已隐藏】");
    expect(page.text).toContain("【邮箱已隐藏】");
    expect(page.text).toContain("【姓名已隐藏】同志：您的建议已采纳");
    expect(page.text).toContain("关于加强课后服务的通知");
    expect(page.text).toContain("建议七");
    expect(page.text).not.toContain("建议三");
  });

  it("when searching by words, category or round, then the matches are listed", async () => {
    const visitor = createAgent(app);
    const words = await visitor.get(encodeURI("/golden-ideas?q=老年助餐"));
    expect(words.text).toContain("关于增加社区助餐点的建议");
    expect(words.text).not.toContain("建议七");
    const transport = await c.db.category.findUniqueOrThrow({ where: { code: "TRANSPORT" } });
    const otherCategory = await visitor.get(encodeURI(`/golden-ideas?q=助餐&category=${transport.id}`));
    expect(otherCategory.text).not.toContain("关于增加社区助餐点的建议");
    const round = await visitor.get(`/golden-ideas?round=${f.roundId}`);
    expect(round.text).toContain("关于增加社区助餐点的建议");
    expect(round.text).not.toContain("建议七");
    // Found only through the hidden name: not listed.
    expect((await visitor.get(encodeURI(`/golden-ideas?q=${SECRET.realName}`))).text).toContain('id="no-results"');
  });

  it("when /stats is opened, then the totals, the charts and the tables by month, category and city are there", async () => {
    const page = await createAgent(app).get("/stats");
    // All nine fixture suggestions; replied 4, adopted 3, converted 3, on time 3 of 4.
    expect(page.text.replace(/\s+/g, "")).toContain("<dt>征集</dt><dd>9</dd>");
    expect(page.text.replace(/\s+/g, "")).toContain("<dt>按期答复率</dt><dd>75.0%</dd>");
    expect(page.text).toContain("<svg");
    expect(page.text).toContain("2026-03");
    expect(page.text).toContain("沈阳市");
  });
});
