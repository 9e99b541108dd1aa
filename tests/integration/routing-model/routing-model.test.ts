// The learned routing suggestion end to end: trained by the train-routing-model job through the real maintenance
// Worker, stored with version and held-out accuracy, shown to coordinators next to the rules' proposal, and
// administered on /admin/routing-model (auto-assign off by default).
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import type { Express } from "express";
import type { Redis } from "ioredis";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createRedis } from "../../../src/platform/redis.ts";
import { startWorkers } from "../../../workers/start-workers.ts";
import { createTestContainer, eventually, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { departmentId, insertSuggestion } from "../../support/suggestions.ts";
import { signIn } from "../../support/http.ts";

let c: Container;
let app: Express;
let connection: Redis;

const ADMIN = "admin@demo.example";
const COORDINATOR = "coordinator@demo.example";

const SCHOOL = ["小学课后服务时间太短", "中学食堂饭菜质量差", "幼儿园学位紧张", "学校门口接送孩子拥堵", "中小学作业负担过重"];
const HOUSING = ["老旧小区加装电梯", "小区物业费上涨不合理", "住宅楼外墙脱落", "公租房申请手续繁琐", "小区停车位不足物业不管"];

/** 24 confirmed assignments, alternating between education and housing, oldest first. */
async function confirmedHistory() {
  const start = Date.now() - 100 * 86_400_000;
  for (let i = 0; i < 24; i += 1) {
    const school = i % 2 === 0;
    const topic = (school ? SCHOOL : HOUSING)[Math.floor(i / 2) % 5] ?? "";
    await insertSuggestion(c.db, {
      lead: school ? "EDU" : "HOUSING",
      status: "IN_HANDLING",
      assignedAt: new Date(start + i * 86_400_000),
      title: `关于${topic}的建议`,
      problem: school ? `${topic}，学生和家长意见很大，学校和教育局应当重视。` : `${topic}，业主反映多次，小区住房问题一直没有解决。`,
      proposal: school ? "建议教育部门督促学校改进。" : "建议住房部门督促物业和社区解决。",
    });
  }
}

beforeAll(async () => {
  c = createTestContainer();
  app = createApp(c);
  connection = createRedis(c.config.redisUrl, "worker");
  await resetAndSeed(c);
});

afterAll(async () => {
  connection.disconnect();
  await c.close();
});

beforeEach(async () => {
  await resetSuggestions(c);
  // Models are learned from the suggestions, and the settings are this feature's own: both start empty.
  await c.db.$executeRawUnsafe(`TRUNCATE "RoutingModelVersion", "RoutingModelSetting"`);
  await c.queues.maintenance.obliterate({ force: true });
});

describe("the routing model", () => {
  it("when the train-routing-model job runs in the maintenance Worker, then a version is stored with its date and held-out accuracy; unchanged data makes no new version", async () => {
    await confirmedHistory();
    const workers = startWorkers(c, connection, { queues: ["maintenance"] });
    try {
      expect(await c.enqueuer.trainRoutingModel()).toBe(true);
      const stored = await eventually(() => c.db.routingModelVersion.findFirst().then((r) => r ?? undefined), 30_000);
      expect(stored).toMatchObject({ version: 1, examples: 24, heldOut: 5 });
      expect(stored.accuracy).toBeGreaterThanOrEqual(0.8);
      expect(await c.services.routingModel.train()).toEqual({ kind: "unchanged", version: 1 });
    } finally {
      await workers.close();
    }
  });

  it("when fewer than 20 assignments are confirmed, then no model is stored", async () => {
    await insertSuggestion(c.db, { lead: "EDU", status: "IN_HANDLING" });
    expect(await c.services.routingModel.train()).toEqual({ kind: "too-few", examples: 1 });
    expect(await c.db.routingModelVersion.count()).toBe(0);
  });

  it("when a coordinator screens a suggestion the rules sent elsewhere, then the model's department, confidence and words are shown beside it and the disagreement is named", async () => {
    await confirmedHistory();
    await c.services.routingModel.train();
    const s = await insertSuggestion(c.db, {
      status: "SCREENING", title: "关于小学课后服务时间太短的建议", problem: "小学课后服务时间太短，学生和家长意见很大。", proposal: "建议教育部门督促学校延长课后服务。",
      proposedDepartmentCode: "HOUSING", routingReason: { ruleId: 1, ruleName: "住房", matchedKeywords: ["小区"] },
    });

    const client = await signIn(app, COORDINATOR);
    const page = await client.get(`/staff/suggestions/${s.id}`);
    const edu = await c.db.department.findUniqueOrThrow({ where: { id: await departmentId(c.db, "EDU") } });
    const housing = await c.db.department.findUniqueOrThrow({ where: { id: await departmentId(c.db, "HOUSING") } });
    expect(page.text).toContain(`<span id="learned-department">${edu.name}</span>`);
    expect(page.text).toMatch(/置信度 \d{1,3}%/);
    expect(page.text).toContain("关键词依据");
    expect(page.text).toContain(`模型建议（${edu.name}）与分办规则的建议（${housing.name}）不同`);
  });

  it("when an administrator opens the admin page, then the model's version and held-out accuracy are there, auto-assign is off, and a bad threshold is refused", async () => {
    await confirmedHistory();
    await c.services.routingModel.train();
    const admin = await signIn(app, ADMIN);
    const page = await admin.get("/admin/routing-model");
    expect(page.status).toBe(200);
    expect(page.text).toContain('<dd id="rm-version">1</dd>');
    expect(page.text).toMatch(/id="rm-accuracy"><strong>\d+\.\d%<\/strong>/);
    expect(page.text).not.toMatch(/id="rm-autoAssign"[^>]*checked/);

    const bad = await admin.post("/admin/routing-model/settings", { autoAssign: "on", threshold: "2" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("请输入 0.5 至 1 之间的阈值。");
    expect((await c.services.routingModel.settings()).autoAssign).toBe(false);

    const ok = await admin.post("/admin/routing-model/settings", { autoAssign: "on", threshold: "0.9" });
    expect(ok.status).toBe(303);
    expect(await c.services.routingModel.settings()).toMatchObject({ autoAssign: true, threshold: 0.9 });

    const coordinator = await signIn(app, COORDINATOR);
    expect((await coordinator.get("/admin/routing-model")).status).toBe(403);
  });
});

describe("auto-assign by the routing model", () => {
  const SCHOOL_TEXT = { title: "关于中学食堂饭菜质量差的建议", problem: "中学食堂饭菜质量差，学生和家长意见很大。", proposal: "建议教育部门督促学校改进。", categoryCode: "OTHER" };

  it("when no rule matches, then the suggestion waits for the coordinators while auto-assign is off, and is assigned by the model once an administrator turns it on", async () => {
    await confirmedHistory();
    await c.services.routingModel.train();
    // No rule can match: what is left is the model. The rules are reference data: put back after the test.
    const active = await c.db.routingRule.findMany({ where: { active: true }, select: { id: true } });
    await c.db.routingRule.updateMany({ data: { active: false } });
    onTestFinished(async () => {
      await c.db.routingRule.updateMany({ where: { id: { in: active.map((r) => r.id) } }, data: { active: true } });
    });

    const off = await insertSuggestion(c.db, SCHOOL_TEXT);
    expect(await c.services.routing.routeSuggestion(off.id)).toMatchObject({ kind: "triage", proposedDepartmentId: null });

    const admin = await signIn(app, ADMIN);
    await admin.get("/admin/routing-model");
    expect((await admin.post("/admin/routing-model/settings", { autoAssign: "on", threshold: "0.5" })).status).toBe(303);
    const on = await insertSuggestion(c.db, SCHOOL_TEXT);
    const edu = await departmentId(c.db, "EDU");
    expect(await c.services.routing.routeSuggestion(on.id)).toMatchObject({ kind: "assigned", departmentId: edu });
    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: on.id } });
    expect(row).toMatchObject({ status: "ASSIGNED", leadDepartmentId: edu });
    expect(JSON.parse(row.routingReason ?? "{}")).toMatchObject({ ruleId: null, model: { version: 1 } });
    const notes = await c.db.handlingEvent.findMany({ where: { suggestionId: on.id, type: "ASSIGNED" } });
    expect(notes[0]?.note).toContain("按分办模型第1版");
  });

  it("when a rule matches, then the rule decides even with auto-assign on", async () => {
    await confirmedHistory();
    await c.services.routingModel.train();
    await c.db.routingModelSetting.create({ data: { autoAssign: true, threshold: 0.5 } });
    // The elevator rule (住房) matches; the model, trained on school words, is not asked.
    const s = await insertSuggestion(c.db, { title: "关于老旧小区加装电梯的建议", problem: "六层楼没有电梯。", proposal: "建议加装电梯并给予补贴。", categoryCode: "URBAN" });
    const outcome = await c.services.routing.routeSuggestion(s.id);
    const row = await c.db.suggestion.findUniqueOrThrow({ where: { id: s.id } });
    expect(outcome.kind).toBe("assigned");
    expect(JSON.parse(row.routingReason ?? "{}").ruleId).toEqual(expect.any(Number));
    expect(JSON.parse(row.routingReason ?? "{}").model).toBeUndefined();
  });
});

describe("the screening list", () => {
  it("when a model exists, then each row shows the model's department beside the rules' proposal, and says when they differ", async () => {
    await confirmedHistory();
    await c.services.routingModel.train();
    await insertSuggestion(c.db, {
      status: "SCREENING", title: "关于小学课后服务时间太短的建议", problem: "小学课后服务时间太短，学生和家长意见很大。", proposal: "建议教育部门督促学校延长课后服务。",
      proposedDepartmentCode: "HOUSING", routingReason: { ruleId: 1, ruleName: "住房", matchedKeywords: ["小区"] },
    });
    const edu = await c.db.department.findUniqueOrThrow({ where: { code: "EDU" } });
    const client = await signIn(app, COORDINATOR);
    const page = await client.get("/staff/screening");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(new RegExp(`模型建议： ${edu.name}（置信度 \\d{1,3}%）`));
    expect(page.text).toContain("与规则建议不同");
  });
});
