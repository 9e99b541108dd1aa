import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import request from "supertest";
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

const auditOf = (action: string) => c.db.auditEntry.findMany({ where: { action }, orderBy: { id: "asc" } });

describe("departments", () => {
  it("when an administrator creates a department, then it is listed and the audit log records it; a taken code is a field error", async () => {
    const admin = await signIn(app, "admin@demo.example");
    await admin.get("/admin/departments/new");
    const fields = { code: "tourism", name: "省文化和旅游厅", nameEn: "Department of Culture and Tourism", email: "tourism@ln.gov.cn.example", regionId: "", parentId: "" };
    const created = await admin.post("/admin/departments", fields);
    expect(created.status).toBe(303);
    const list = await admin.get("/admin/departments");
    expect(list.text).toContain("省文化和旅游厅");
    expect(list.text).toContain("TOURISM");
    const [entry] = await auditOf("department.create");
    expect(entry?.actorEmail).toBe("admin@demo.example");
    expect(entry?.after).toMatchObject({ code: "TOURISM", name: "省文化和旅游厅" });

    await admin.get("/admin/departments/new");
    const again = await admin.post("/admin/departments", { ...fields, name: "另一个" });
    expect(again.status).toBe(422);
    expect(again.text).toContain("这个代码已被使用");
    expect(again.text).toContain("另一个");
  });

  it("when a department is made the sub-department of its own sub-department, then the form says so", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const parent = await c.db.department.findUniqueOrThrow({ where: { code: "EDU" } });
    const child = await c.db.department.create({ data: { code: "EDU-SUB", name: "下级", nameEn: "Sub", email: "sub@x.example", parentId: parent.id } });
    await admin.get(`/admin/departments/${parent.id}`);
    const res = await admin.post(`/admin/departments/${parent.id}`, { code: "EDU", name: parent.name, nameEn: parent.nameEn, email: parent.email, parentId: String(child.id) });
    expect(res.status).toBe(422);
    expect(res.text).toContain("不能把单位设为自己或自己下级单位的下级");
  });

  it("when a department with open cases is deactivated, then the cases are listed first, and once confirmed routing never picks it", async () => {
    const medical = await c.db.department.findUniqueOrThrow({ where: { code: "MEDICAL" } });
    const open = await insertSuggestion(c.db, { title: "关于医保异地报销的建议", problem: "医保异地报销手续繁琐。" });
    const routed = await c.services.routing.routeSuggestion(open.id);
    expect(routed).toMatchObject({ kind: "assigned", departmentId: medical.id });

    const admin = await signIn(app, "admin@demo.example");
    await admin.get(`/admin/departments/${medical.id}`);
    const first = await admin.post(`/admin/departments/${medical.id}/active`, { active: "false" });
    expect(first.status).toBe(409);
    expect(first.text).toContain(open.trackingCode);
    expect(first.text).toContain("确认停用");
    expect((await c.db.department.findUniqueOrThrow({ where: { id: medical.id } })).active).toBe(true);

    const confirmed = await admin.post(`/admin/departments/${medical.id}/active`, { active: "false", confirm: "on" });
    expect(confirmed.status).toBe(303);
    const page = await admin.get(`/admin/departments/${medical.id}`);
    expect(page.text).toContain("已停用");
    // Still listed for re-assignment.
    expect(page.text).toContain(open.trackingCode);
    expect(await auditOf("department.deactivate")).toHaveLength(1);

    const later = await insertSuggestion(c.db, { title: "医保报销", problem: "医保报销太慢。" });
    const outcome = await c.services.routing.routeSuggestion(later.id);
    expect(outcome.kind).toBe("triage");
    expect(outcome).not.toMatchObject({ proposedDepartmentId: medical.id });
  });
});

describe("categories and regions", () => {
  it("when a category is deactivated, then citizens are no longer offered it and the change is audited", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const ecology = await c.db.category.findUniqueOrThrow({ where: { code: "ECOLOGY" } });
    await admin.get(`/admin/categories/${ecology.id}`);
    const res = await admin.post(`/admin/categories/${ecology.id}`, { code: "ECOLOGY", name: ecology.name, nameEn: ecology.nameEn, sortOrder: "40" });
    expect(res.status).toBe(303);
    expect((await c.db.category.findUniqueOrThrow({ where: { id: ecology.id } })).active).toBe(false);
    // A fresh process: the submission form caches its choices for a while.
    const other = createTestContainer();
    const form = await request(createApp(other)).get("/suggestions/new");
    await other.close();
    expect(form.text).toContain("民生服务");
    expect(form.text).not.toContain("生态环境");
    const [entry] = await auditOf("category.update");
    expect(entry?.before).toMatchObject({ active: true });
    expect(entry?.after).toMatchObject({ active: false });

    await admin.get("/admin/categories/new");
    const bad = await admin.post("/admin/categories", { code: "", name: "", nameEn: "x", sortOrder: "-3" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("请填写代码");
    expect(bad.text).toContain("排序请填写 0–9999 的整数");
  });

  it("when an administrator opens the regions, then Liaoning's 14 cities are there, and a new county can be added under a city", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const page = await admin.get("/admin/regions");
    expect(page.status).toBe(200);
    expect(await c.db.region.count({ where: { level: "CITY" } })).toBe(14);
    for (const city of ["沈阳市", "大连市", "葫芦岛市"]) expect(page.text).toContain(city);
    const shenyang = await c.db.region.findUniqueOrThrow({ where: { code: "210100" } });
    await admin.get(`/admin/regions/new?parent=${shenyang.id}`);
    const created = await admin.post("/admin/regions", { parentId: String(shenyang.id), code: "210199", name: "测试新区", nameEn: "Test New District" });
    expect(created.status).toBe(303);
    const region = await c.db.region.findUniqueOrThrow({ where: { code: "210199" } });
    expect(region).toMatchObject({ level: "COUNTY", parentId: shenyang.id });
    await admin.get(`/admin/regions/${region.id}`);
    const edited = await admin.post(`/admin/regions/${region.id}`, { code: "210199", name: "测试区", nameEn: "Test District" });
    expect(edited.status).toBe(303);
    expect((await auditOf("region.update"))[0]?.after).toMatchObject({ name: "测试区" });
  });
});

describe("access", () => {
  it("when a coordinator or an official opens any directory page or posts to it, then the answer is 403", async () => {
    const edu = await c.db.department.findUniqueOrThrow({ where: { code: "EDU" } });
    for (const email of ["coordinator@demo.example", "official.edu@demo.example"]) {
      const client = await signIn(app, email);
      for (const path of ["/admin/departments", `/admin/departments/${edu.id}`, "/admin/categories", "/admin/regions", "/admin/regions/new"]) {
        expect((await client.get(path)).status, `${email} ${path}`).toBe(403);
      }
      expect((await client.post(`/admin/departments/${edu.id}/active`, { active: "false", confirm: "on" })).status).toBe(403);
    }
    expect((await c.db.department.findUniqueOrThrow({ where: { id: edu.id } })).active).toBe(true);
  });
});
