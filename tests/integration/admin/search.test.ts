import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { insertSuggestion, SUBMITTER } from "../../support/suggestions.ts";
import { signIn } from "../../support/http.ts";

let c: Container;
let app: Express;
let routed: { id: number; trackingCode: string };
let pending: { id: number; trackingCode: string };

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
  // Routed to the medical insurance bureau by its keyword rule; the other one stays with the office.
  routed = await insertSuggestion(c.db, { title: "关于医保异地报销的建议", problem: "异地就医报销手续繁琐。", categoryCode: "OTHER" });
  await c.services.routing.routeSuggestion(routed.id);
  pending = await insertSuggestion(c.db, { title: "老旧小区加装电梯的想法", problem: "楼梯太陡，老人出行难。" });
});
afterAll(() => c.close());

describe("staff search", () => {
  it("when a coordinator searches by words, by tracking code or by phone, then the suggestions are found, and the phone search is audited", async () => {
    const coordinator = await signIn(app, "coordinator@demo.example");
    const words = await coordinator.get(`/staff/search?q=${encodeURIComponent("加装 电梯")}`);
    expect(words.status).toBe(200);
    expect(words.text).toContain(pending.trackingCode);
    expect(words.text).not.toContain(routed.trackingCode);
    const code = await coordinator.get(`/staff/search?q=${encodeURIComponent(routed.trackingCode.toLowerCase())}`);
    expect(code.text).toContain("关于医保异地报销的建议");
    expect(await c.db.auditEntry.count({ where: { action: "search.phone" } })).toBe(0);
    const phone = await coordinator.get(`/staff/search?q=${SUBMITTER.phone}`);
    expect(phone.text).toContain(routed.trackingCode);
    expect(phone.text).toContain(pending.trackingCode);
    const [entry] = await c.db.auditEntry.findMany({ where: { action: "search.phone" } });
    expect(entry).toMatchObject({ actorEmail: "coordinator@demo.example", after: { phone: SUBMITTER.phone, results: 2 } });
  });

  it("when an official searches, then only their department's cases are found, and digits are not a phone search", async () => {
    const medical = await signIn(app, "official.medical@demo.example");
    const mine = await medical.get(`/staff/search?q=${encodeURIComponent("报销")}`);
    expect(mine.text).toContain(routed.trackingCode);
    const notMine = await medical.get(`/staff/search?q=${encodeURIComponent("电梯")}`);
    expect(notMine.text).not.toContain(pending.trackingCode);
    expect(notMine.text).toContain("没有找到可查看的建议");
    const before = await c.db.auditEntry.count({ where: { action: "search.phone" } });
    const digits = await medical.get(`/staff/search?q=${SUBMITTER.phone}`);
    expect(digits.text).not.toContain(routed.trackingCode);
    expect(await c.db.auditEntry.count({ where: { action: "search.phone" } })).toBe(before);
    const edu = await signIn(app, "official.edu@demo.example");
    expect((await edu.get(`/staff/search?q=${routed.trackingCode}`)).text).not.toContain("关于医保异地报销的建议");
  });

  it("when the words contain LIKE's wildcards, then they are matched as typed", async () => {
    const coordinator = await signIn(app, "coordinator@demo.example");
    expect((await coordinator.get("/staff/search?q=%25")).text).toContain("没有找到可查看的建议");
  });
});
