import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { recordAudit } from "../../../src/features/audit/index.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { signIn } from "../../support/http.ts";

let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
  const admin = await c.db.user.findUniqueOrThrow({ where: { email: "admin@demo.example" } });
  const actor = { id: admin.id, email: admin.email };
  await recordAudit(c.db, { actor, action: "department.update", entity: "Department", entityId: 7, before: { name: "旧名称" }, after: { name: "=HYPERLINK(\"x\")" } });
  await recordAudit(c.db, { actor, action: "user.invite", entity: "User", entityId: 99, after: { email: "new@demo.example" } });
  await recordAudit(c.db, { actor: null, action: "calendar.create", entity: "CalendarDay", entityId: "2027-01-01", after: { kind: "HOLIDAY" } });
});
afterAll(() => c.close());

describe("audit log", () => {
  it("when an administrator opens the log, then each entry shows who, what and the fields that changed", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const page = await admin.get("/admin/audit");
    expect(page.status).toBe(200);
    expect(page.text).toContain("审计日志");
    expect(page.text).toContain("admin@demo.example");
    expect(page.text).toContain("department.update");
    expect(page.text).toContain("旧名称");
    expect(page.text).toContain("new@demo.example");
  });

  it("when filtered by an area, then only that area's actions are listed", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const page = await admin.get("/admin/audit?action=user");
    expect(page.text).toContain("user.invite");
    expect(page.text).not.toContain("department.update</span>");
    const byDay = await admin.get("/admin/audit?from=2000-01-01&to=2000-01-02");
    expect(byDay.text).toContain("没有符合条件的记录");
  });

  it("when exported, then the CSV has a BOM, one row per entry, and a formula typed by someone is neutralised", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const res = await admin.agent.get("/admin/audit/export.csv?action=department");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const text = res.text;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toContain("id,at,actorId,actorEmail,action,entity,entityId,before,after");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("department.update");
    // The after column is JSON text; a cell starting with = would be a formula, JSON starts with { so it is safe.
    expect(lines[1]).not.toMatch(/,=/);
  });

  it("when someone tries to change or delete an entry, then the database refuses", async () => {
    const entry = await c.db.auditEntry.findFirstOrThrow();
    await expect(c.db.auditEntry.update({ where: { id: entry.id }, data: { action: "forged" } })).rejects.toThrow();
    await expect(c.db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow();
  });

  it("when a coordinator or an official asks for the log, then the answer is 403; without a session, the sign-in page", async () => {
    for (const email of ["coordinator@demo.example", "official.edu@demo.example"]) {
      const client = await signIn(app, email);
      expect((await client.get("/admin/audit")).status).toBe(403);
      expect((await client.agent.get("/admin/audit/export.csv")).status).toBe(403);
    }
    const anonymous = await request(app).get("/admin/audit");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/staff\/sign-in\?next=%2Fadmin%2Faudit/);
  });
});
