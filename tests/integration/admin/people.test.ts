import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { createAgent, signIn } from "../../support/http.ts";
import { startSmtp, type TestSmtp } from "../../support/smtp.ts";

let smtp: TestSmtp;
let c: Container;
let app: Express;
let clock = new Date();

beforeAll(async () => {
  smtp = await startSmtp();
  c = createTestContainer({ SMTP_URL: smtp.url }, { now: () => clock });
  await resetAndSeed(c);
  app = createApp(c);
});
afterAll(async () => {
  await c.close();
  await smtp.close();
});

async function invite(email: string, fields: Record<string, string> = {}) {
  const admin = await signIn(app, "admin@demo.example");
  const edu = await c.db.department.findUniqueOrThrow({ where: { code: "EDU" } });
  await admin.get("/admin/people/new");
  const res = await admin.post("/admin/people", { email, name: "新同事", role: "OFFICIAL", departmentId: String(edu.id), ...fields });
  const mail = await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(email));
  const link = /https?:\/\/[^\s"]+\/staff\/set-password\/([\w-]+)/.exec(mail.text ?? "");
  return { admin, res, mail, path: link ? new URL(link[0]).pathname : "", token: link?.[1] ?? "" };
}

describe("invitations", () => {
  it("when an administrator invites someone, then a one-time link arrives by email, only its hash is stored, and it sets a password that signs in", async () => {
    const { res, mail, path, token } = await invite("new.official@demo.example");
    expect(res.status).toBe(303);
    expect(mail.subject).toContain("设置");
    expect(token.length).toBeGreaterThan(30);
    const user = await c.db.user.findUniqueOrThrow({ where: { email: "new.official@demo.example" }, include: { invitations: true } });
    expect(user.passwordHash).toBe("");
    expect(user.invitations[0]?.tokenHash).not.toContain(token);
    expect(JSON.stringify(await c.db.auditEntry.findMany())).not.toContain(token);

    const visitor = createAgent(app);
    const page = await visitor.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain("new.official@demo.example");
    const short = await visitor.post(path, { password: "short", confirm: "short" });
    expect(short.status).toBe(422);
    expect(short.text).toContain("密码至少 10 个字符");
    const set = await visitor.post(path, { password: "A-long-enough-pass", confirm: "A-long-enough-pass" });
    expect(set.status).toBe(303);
    expect(set.location).toBe("/staff/sign-in?passwordSet=1");
    await signIn(app, "new.official@demo.example", "A-long-enough-pass");

    // Reused: refused with a clear message, and the password stays.
    const again = createAgent(app);
    await again.get(path);
    const reused = await again.get(path);
    expect(reused.status).toBe(410);
    expect(reused.text).toContain("这个链接已经使用过");
    expect((await c.db.auditEntry.findMany({ where: { action: "user.setPassword" } })).length).toBe(1);
  });

  it("when the link is opened after it expired, then it is refused and says to ask for a new one", async () => {
    const { path } = await invite("late.official@demo.example");
    const start = clock;
    clock = new Date(start.getTime() + 73 * 3600_000);
    try {
      const visitor = createAgent(app);
      const page = await visitor.get(path);
      expect(page.status).toBe(410);
      expect(page.text).toContain("这个链接已过期");
    } finally {
      clock = start;
    }
    const unknown = await createAgent(app).get("/staff/set-password/not-a-real-token-at-all-000");
    expect(unknown.status).toBe(404);
  });

  it("when the email is already an account, or an official has no department, then the form says so", async () => {
    const admin = await signIn(app, "admin@demo.example");
    await admin.get("/admin/people/new");
    const taken = await admin.post("/admin/people", { email: "official.edu@demo.example", name: "重复", role: "COORDINATOR" });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain("这个邮箱已有账号");
    const noDept = await admin.post("/admin/people", { email: "x@demo.example", name: "无单位", role: "HEAD" });
    expect(noDept.status).toBe(422);
    expect(noDept.text).toContain("必须选择所在单位");
  });
});

describe("roles, deactivation and own passwords", () => {
  it("when an administrator makes an official a department head, then the change is stored and audited", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const person = await c.db.user.findUniqueOrThrow({ where: { email: "official.swd@demo.example" } });
    await admin.get(`/admin/people/${person.id}`);
    const res = await admin.post(`/admin/people/${person.id}`, { name: person.name, role: "HEAD", departmentId: String(person.departmentId) });
    expect(res.status).toBe(303);
    expect(await c.db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ role: "OFFICIAL", isHead: true });
    const [entry] = await c.db.auditEntry.findMany({ where: { action: "user.update", entityId: String(person.id) } });
    expect(entry?.before).toMatchObject({ isHead: false });
    expect(entry?.after).toMatchObject({ isHead: true });
    expect(JSON.stringify(entry)).not.toContain("passwordHash");
  });

  it("when a person is deactivated, then their open session ends at once and they cannot sign in again", async () => {
    const official = await signIn(app, "official.transport@demo.example");
    expect((await official.get("/staff/inbox")).status).toBe(200);
    const admin = await signIn(app, "admin@demo.example");
    const person = await c.db.user.findUniqueOrThrow({ where: { email: "official.transport@demo.example" } });
    await admin.get(`/admin/people/${person.id}`);
    expect((await admin.post(`/admin/people/${person.id}/active`, { active: "false" })).status).toBe(303);
    const after = await official.get("/staff/inbox");
    expect(after.status).toBe(303);
    expect(after.location).toMatch(/^\/staff\/sign-in/);
    await expect(signIn(app, "official.transport@demo.example")).rejects.toThrow();
    expect(await c.db.auditEntry.count({ where: { action: "user.deactivate" } })).toBe(1);

    // Nobody locks themselves out.
    const self = await c.db.user.findUniqueOrThrow({ where: { email: "admin@demo.example" } });
    await admin.get(`/admin/people/${self.id}`);
    expect((await admin.post(`/admin/people/${self.id}/active`, { active: "false" })).status).toBe(409);
  });

  it("when someone signed in changes their own password, then the current one is checked and the new one works", async () => {
    const coordinator = await signIn(app, "coordinator@demo.example");
    await coordinator.get("/staff/password");
    const wrong = await coordinator.post("/staff/password", { current: "nope", password: "Another-long-pass", confirm: "Another-long-pass" });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("当前密码不正确");
    const mismatch = await coordinator.post("/staff/password", { current: "GoldenIdeas#2026", password: "Another-long-pass", confirm: "different-long-pass" });
    expect(mismatch.text).toContain("两次输入的密码不一致");
    const ok = await coordinator.post("/staff/password", { current: "GoldenIdeas#2026", password: "Another-long-pass", confirm: "Another-long-pass" });
    expect(ok.status).toBe(303);
    await signIn(app, "coordinator@demo.example", "Another-long-pass");
    expect(await c.db.auditEntry.count({ where: { action: "user.changePassword" } })).toBe(1);
  });

  it("when a coordinator or an official opens the people pages, then the answer is 403", async () => {
    const someone = await c.db.user.findUniqueOrThrow({ where: { email: "official.edu@demo.example" } });
    for (const email of ["head.edu@demo.example", "official.civil@demo.example"]) {
      const client = await signIn(app, email);
      for (const path of ["/admin/people", "/admin/people/new", `/admin/people/${someone.id}`]) expect((await client.get(path)).status).toBe(403);
      expect((await client.post(`/admin/people/${someone.id}/active`, { active: "false" })).status).toBe(403);
    }
  });
});
