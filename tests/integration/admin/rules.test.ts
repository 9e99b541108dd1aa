import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { insertSuggestion } from "../../support/suggestions.ts";
import { signIn } from "../../support/http.ts";

let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
});
afterAll(() => c.close());

const ids = async () => ({
  other: (await c.db.category.findUniqueOrThrow({ where: { code: "OTHER" } })).id,
  heping: (await c.db.region.findUniqueOrThrow({ where: { code: "210102" } })).id,
  dept: async (code: string) => (await c.db.department.findUniqueOrThrow({ where: { code } })).id,
});

function query(fields: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])).toString();
}

describe("the try-it box", () => {
  it("when a sample mentions a rule's keyword, then it shows the rule, the department and why, and the router routes the same suggestion there", async () => {
    const { other, heping } = await ids();
    const admin = await signIn(app, "admin@demo.example");
    const title = "关于医保异地报销的建议";
    const text = "异地就医报销手续繁琐，建议简化。";
    const before = await c.db.auditEntry.count();
    const page = await admin.get(`/admin/rules/try?${query({ title, text, categoryId: other, regionId: heping })}`);
    expect(page.status).toBe(200);
    const medical = await c.db.department.findUniqueOrThrow({ where: { code: "MEDICAL" } });
    expect(page.text).toContain(medical.name);
    expect(page.text).toContain("医疗保障（医保、报销）");
    expect(page.text).toContain("“医保”");
    expect(page.text).toContain("没有保存任何内容");
    expect(await c.db.auditEntry.count()).toBe(before);

    const s = await insertSuggestion(c.db, { title, problem: text, proposal: "", categoryCode: "OTHER", regionCode: "210102" });
    expect(await c.services.routing.routeSuggestion(s.id)).toMatchObject({ kind: "assigned", departmentId: medical.id });
  });

  it("when no rule matches, then it says the collection office would route it by hand; a missing category is a field error", async () => {
    const { other, heping } = await ids();
    const admin = await signIn(app, "admin@demo.example");
    const page = await admin.get(`/admin/rules/try?${query({ title: "一个普通的想法", text: "没有关键词。", categoryId: other, regionId: heping })}`);
    expect(page.text).toContain("没有匹配的规则");
    const bad = await admin.get(`/admin/rules/try?${query({ title: "x", text: "", regionId: heping })}`);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("请选择类别");
  });
});

describe("editing the rules", () => {
  it("when a rule has no condition, or its lead also assists, then it is refused with the reason and the typed values", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const edu = await (await ids()).dept("EDU");
    await admin.get("/admin/rules/new");
    const none = await admin.post("/admin/rules", { name: "全部给教育厅", priority: "5", active: "on", departmentId: String(edu), keywords: "" });
    expect(none.status).toBe(422);
    expect(none.text).toContain("请至少设置一个条件");
    expect(none.text).toContain("全部给教育厅");
    const both = await admin.post("/admin/rules", { name: "双重", keywords: "学校", departmentId: String(edu), assistDepartmentIds: String(edu) });
    expect(both.status).toBe(422);
    expect(both.text).toContain("牵头单位不能同时是协办单位");
    expect(await c.db.routingRule.count({ where: { name: { in: ["全部给教育厅", "双重"] } } })).toBe(0);
  });

  it("when a rule with assisting departments is created, then new routing uses it (lead and assisting assignments) and it is audited", async () => {
    const { dept } = await ids();
    const [edu, health] = [await dept("EDU"), await dept("HEALTH")];
    const admin = await signIn(app, "admin@demo.example");
    await admin.get("/admin/rules/new");
    const res = await admin.post("/admin/rules", {
      name: "校园食堂", priority: "5", active: "on", keywords: "食堂，校园", departmentId: String(edu), assistDepartmentIds: [String(health)],
    });
    expect(res.status).toBe(303);
    const rule = await c.db.routingRule.findFirstOrThrow({ where: { name: "校园食堂" } });
    expect(rule).toMatchObject({ keywords: ["食堂", "校园"], departmentId: edu, assistDepartmentIds: [health] });
    expect((await c.db.auditEntry.findFirstOrThrow({ where: { action: "rule.create" } })).after).toMatchObject({ name: "校园食堂" });

    const s = await insertSuggestion(c.db, { title: "改善学校食堂伙食", problem: "食堂饭菜单一。", categoryCode: "OTHER" });
    expect(await c.services.routing.routeSuggestion(s.id)).toMatchObject({ kind: "assigned", departmentId: edu });
    const assignments = await c.db.assignment.findMany({ where: { suggestionId: s.id }, orderBy: { id: "asc" } });
    expect(assignments.map((a) => [a.role, a.departmentId])).toEqual([["LEAD", edu], ["ASSIST", health]]);
    expect(await c.db.emailMessage.count({ where: { dedupeKey: `assigned-${assignments[1]?.id}` } })).toBe(1);
  });

  it("when a rule is moved up, then it comes before its neighbour in the list, and the move is audited; a deleted rule is gone", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const list = await c.db.routingRule.findMany({ orderBy: [{ priority: "asc" }, { id: "asc" }] });
    const [a, b] = [list[3]!, list[4]!];
    await admin.get("/admin/rules");
    expect((await admin.post(`/admin/rules/${b.id}/move`, { direction: "up" })).status).toBe(303);
    const after = await c.db.routingRule.findMany({ orderBy: [{ priority: "asc" }, { id: "asc" }] });
    expect(after.findIndex((r) => r.id === b.id)).toBeLessThan(after.findIndex((r) => r.id === a.id));
    expect(await c.db.auditEntry.count({ where: { action: "rule.move" } })).toBe(1);
    const page = await admin.get("/admin/rules");
    expect(page.text.indexOf(b.name)).toBeLessThan(page.text.indexOf(a.name));

    expect((await admin.post(`/admin/rules/${a.id}/delete`)).status).toBe(303);
    expect(await c.db.routingRule.findUnique({ where: { id: a.id } })).toBeNull();
    expect((await c.db.auditEntry.findFirstOrThrow({ where: { action: "rule.delete" } })).before).toMatchObject({ name: a.name });
  });

  it("when a coordinator or an official opens the rules or the try-it box, then the answer is 403", async () => {
    const rule = await c.db.routingRule.findFirstOrThrow();
    for (const email of ["coordinator@demo.example", "official.edu@demo.example"]) {
      const client = await signIn(app, email);
      for (const path of ["/admin/rules", "/admin/rules/new", "/admin/rules/try", `/admin/rules/${rule.id}`]) expect((await client.get(path)).status).toBe(403);
      expect((await client.post(`/admin/rules/${rule.id}/delete`)).status).toBe(403);
    }
  });
});
