// The citizen form's hints endpoint (POST /suggestions/similar): published similar suggestions with their replies,
// masked, and the personal-data hint; CSRF-checked and rate-limited.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { computeSignature, DRAFT_HINTS_PER_MINUTE } from "../../../src/features/similarity/index.ts";
import { insertSuggestion } from "../../support/suggestions.ts";
import { createAgent } from "../../support/http.ts";
import { createTestContainer, resetAndSeed, resetSuggestions } from "../../support/harness.ts";

let c: Container;
let app: Express;

const HEATING = {
  title: "关于老旧小区冬季供暖温度不达标的建议",
  problem: "我家住在和平区老旧小区，每年冬天室内温度只有十四五度，联系电话13812345678，老人孩子受冻。",
  proposal: "建议供热公司加强巡检，供暖温度不达标按天退费。",
};
const DRAFT = { title: "老旧小区冬天供暖温度不达标", problem: "小区每年冬季室内温度太低，供暖不达标，老人受冻。", proposal: "", realName: "" };

async function indexAll() {
  for (const id of await c.services.similarity.findUnindexed(new Date(Date.now() + 60_000), 1000)) await c.services.similarity.indexSuggestion(id);
}

async function formAgent() {
  const agent = createAgent(app);
  await agent.get("/suggestions/new");
  return agent;
}

beforeAll(async () => {
  computeSignature({ title: "预热", body: "加载结巴词典" });
  c = createTestContainer();
  app = createApp(c);
  await resetAndSeed(c);
});

afterAll(async () => {
  await c.close();
});

beforeEach(async () => {
  await resetSuggestions(c);
});

describe("the form's similar-suggestion and personal-data hints", () => {
  it("when the draft is like a published suggestion, then it is shown with its reply, its personal data and its citizen's name masked", async () => {
    const published = await insertSuggestion(c.db, { lead: "HOUSING", ...HEATING, realName: "赵铁柱", status: "REPLIED", consentPublish: true, reply: { body: "赵铁柱您好，供热公司已开展入户测温，不达标的按规定退费。", adoption: "ADOPTED", explanation: "已纳入年度工作计划。" } });
    // Answered, but its citizen did not consent; and one still in handling: neither is public.
    await insertSuggestion(c.db, { lead: "HOUSING", ...HEATING, title: "老旧小区供暖温度不达标的问题", status: "REPLIED", consentPublish: false, reply: { body: "已处理。", adoption: "ADOPTED", explanation: "已纳入年度工作计划。" } });
    await insertSuggestion(c.db, { lead: "HOUSING", ...HEATING, title: "冬季供暖温度不达标，老人受冻" });
    await indexAll();

    const agent = await formAgent();
    const res = await agent.post("/suggestions/similar", DRAFT);
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.text).toContain("已经答复过的相似建议");
    expect(res.text.match(/data-suggestion-id="/g)).toHaveLength(1);
    expect(res.text).toContain(`data-suggestion-id="${published.id}"`);
    expect(res.text).toContain("【手机号已隐藏】");
    expect(res.text).not.toContain("13812345678");
    expect(res.text).toContain("【姓名已隐藏】您好");
    expect(res.text).not.toContain("赵铁柱");
    expect(res.text).not.toContain("<html");
  });

  it("when the draft holds the citizen's own phone and name, then the hint names them; with a short title nothing is compared", async () => {
    const agent = await formAgent();
    const res = await agent.post("/suggestions/similar", { title: "建议", problem: "请拨打13912345678找王小明。", proposal: "", realName: "王小明" });
    expect(res.status).toBe(200);
    expect(res.text).toContain("您填写的内容包含手机号码、您的姓名，如建议公开，这些信息将被隐藏。");
    expect(res.text).not.toContain("已经答复过的相似建议");

    const clean = await agent.post("/suggestions/similar", DRAFT);
    expect(clean.text.trim()).toBe("");
  });

  it("when the request carries no CSRF token, then it is refused", async () => {
    const agent = await formAgent();
    expect((await agent.post("/suggestions/similar", { ...DRAFT, _csrf: "" })).status).toBe(403);
  });

  it(`when one address asks more than ${DRAFT_HINTS_PER_MINUTE} times a minute, then it gets 429`, async () => {
    const agent = await formAgent();
    for (let i = 0; i < DRAFT_HINTS_PER_MINUTE; i += 1) expect((await agent.post("/suggestions/similar", { title: "x", problem: "", proposal: "", realName: "" })).status).toBe(200);
    expect((await agent.post("/suggestions/similar", DRAFT)).status).toBe(429);
  });
});
