// Personal data never reaches a public page: a published suggestion (replied, consent to publish) whose text and
// reply carry a phone, an ID number, an email, a bank card, a plate and its citizen's name is searched for on every
// page anyone can open without signing in. A new public page belongs in PUBLIC_PAGES.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { computeSignature } from "../../../src/features/similarity/index.ts";
import { insertSuggestion } from "../../support/suggestions.ts";
import { createAgent } from "../../support/http.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";

let c: Container;
let app: Express;

const NAME = "欧阳铁柱";
const SECRETS = ["13987651234", "210102198003072311", "ouyang.tiezhu@mail.example", "6222021234567890128", "辽A·D12345", NAME];

const PUBLIC_PAGES = ["/", "/suggestions/new", "/rounds", "/track", "/suggestions/new?lang=en"];

beforeAll(async () => {
  computeSignature({ title: "预热", body: "加载结巴词典" });
  c = createTestContainer();
  app = createApp(c);
  await resetAndSeed(c);
  const published = await insertSuggestion(c.db, {
    lead: "TRANSPORT",
    status: "REPLIED",
    consentPublish: true,
    reply: { body: `${NAME}您好，已为公交站台加装照明。`, adoption: "ADOPTED" },
    realName: NAME,
    title: "关于公交站台夜间照明不足的建议",
    problem: `我是${NAME}，电话13987651234，身份证210102198003072311，邮箱ouyang.tiezhu@mail.example。公交站台夜间照明不足，我的车辽A·D12345停在旁边被刮。`,
    proposal: "建议给公交站台加装照明，退款请打到6222021234567890128。",
  });
  await c.services.similarity.indexSuggestion(published.id);
});

afterAll(async () => {
  await c.close();
});

function leaks(html: string): string[] {
  return SECRETS.filter((s) => html.includes(s));
}

describe("public pages", () => {
  it("when anyone opens a public page, then no personal data of a published suggestion is on it", async () => {
    const agent = createAgent(app);
    const rounds = await agent.get("/rounds");
    const roundPages = [...rounds.text.matchAll(/href="(\/rounds\/[^"?#]+)"/g)].map((m) => m[1] ?? "");
    for (const path of [...PUBLIC_PAGES, ...roundPages]) {
      const page = await agent.get(path);
      expect(page.status, path).toBeLessThan(400);
      expect(leaks(page.text), path).toEqual([]);
    }
  });

  it("when a citizen's draft matches the published suggestion, then it is shown with every piece of personal data masked", async () => {
    const agent = createAgent(app);
    await agent.get("/suggestions/new");
    const res = await agent.post("/suggestions/similar", { title: "公交站台晚上照明不足", problem: "公交站台夜间照明不足，晚上等车看不清。", proposal: "", realName: "" });
    expect(res.status).toBe(200);
    expect(res.text).toContain("已经答复过的相似建议");
    expect(leaks(res.text)).toEqual([]);
    for (const label of ["【姓名已隐藏】", "【手机号已隐藏】", "【身份证号已隐藏】"]) expect(res.text).toContain(label);
  });
});
