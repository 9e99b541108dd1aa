// The case page as each staff role sees it: the suggestion, the submitter masked or hidden, the logged reveal,
// attachments through the access check, the full history with internal events.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { signIn } from "../../support/http.ts";
import { addAttachment, departmentId, insertSuggestion, snapshot, SUBMITTER } from "../../support/suggestions.ts";

type Client = Awaited<ReturnType<typeof signIn>>;

let c: Container;
let app: Express;
let transport: Client;
let edu: Client;
let coordinator: Client;
let admin: Client;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
  [transport, edu, coordinator, admin] = await Promise.all([
    signIn(app, "official.transport@demo.example"),
    signIn(app, "official.edu@demo.example"),
    signIn(app, "coordinator@demo.example"),
    signIn(app, "admin@demo.example"),
  ]);
});
afterAll(() => c.close());

describe("the case page", () => {
  it("when the lead and an assisting official open it, then both see the suggestion, its deadlines, departments and history, and their own role", async () => {
    const s = await insertSuggestion(c.db, {
      lead: "TRANSPORT", assists: ["EDU"], status: "IN_HANDLING", important: true,
      title: "关于增开夜间公交线路的建议", problem: "晚上十点后没有公交。\n出租车难打。", proposal: "增开两条夜间线路。",
    });
    const lead = await transport.get(`/staff/suggestions/${s.id}`);
    expect(lead.status).toBe(200);
    expect(lead.headers["cache-control"]).toContain("no-store");
    for (const text of ["关于增开夜间公交线路的建议", s.trackingCode, "晚上十点后没有公交。\n出租车难打。", "增开两条夜间线路。", "办理中", "重要建议", "答复期限", "省交通运输厅", "省教育厅", "主办", "协办", "提交建议", "交办"]) {
      expect(lead.text, text).toContain(text);
    }
    expect(lead.text).toContain("本单位：主办");
    const assist = await edu.get(`/staff/suggestions/${s.id}`);
    expect(assist.status).toBe(200);
    expect(assist.text).toContain("本单位：协办");
    // Only the lead is offered a return or an extension.
    expect(lead.text).toContain(`/staff/suggestions/${s.id}/return"`);
    expect(assist.text).not.toContain(`/staff/suggestions/${s.id}/return"`);
    expect(assist.text).not.toContain(`/staff/suggestions/${s.id}/extension"`);
  });

  it("when coordinators and administrators open any case, then they see it with the routing reason in words, and no department forms", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT" });
    await c.db.suggestion.update({
      where: { id: s.id },
      data: { routingReason: JSON.stringify({ ruleId: 1, ruleName: "公共交通", matchedCategory: true, matchedKeywords: ["公交", "线路"] }) },
    });
    for (const client of [coordinator, admin]) {
      const page = await client.get(`/staff/suggestions/${s.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("分办规则“公共交通”：类别“其他”，关键词 “公交”、“线路”。");
      expect(page.text).not.toContain(`/suggestions/${s.id}/sign"`);
      expect(page.text).not.toContain('id="department-actions"');
    }
  });

  it("when an official of the department opens it, then the submitter is masked: name 张*, phone 139****5678, email z***@…", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT" });
    const page = await transport.get(`/staff/suggestions/${s.id}`);
    expect(page.text).toContain("张*");
    expect(page.text).toContain("139****5678");
    expect(page.text).toContain("z***@citizen.example");
    expect(page.text).not.toContain(SUBMITTER.realName);
    expect(page.text).not.toContain(SUBMITTER.phone);
    expect(page.text).not.toContain(SUBMITTER.email);
    const coord = await coordinator.get(`/staff/suggestions/${s.id}`);
    expect(coord.text).toContain("张*");
    expect(coord.text).not.toContain(SUBMITTER.phone);
  });

  it("when the official reveals the contact details, then they are shown once and a CONTACT_REVEALED event records who looked", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT" });
    await transport.get(`/staff/suggestions/${s.id}`);
    const revealed = await transport.post(`/staff/suggestions/${s.id}/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.headers["cache-control"]).toContain("no-store");
    expect(revealed.text).toContain(SUBMITTER.realName);
    expect(revealed.text).toContain(SUBMITTER.phone);
    expect(revealed.text).toContain(SUBMITTER.email);
    expect(revealed.text).toContain("本次查看已记入办理记录");
    const user = await c.db.user.findUniqueOrThrow({ where: { email: "official.transport@demo.example" } });
    const events = await c.db.handlingEvent.findMany({ where: { suggestionId: s.id, type: "CONTACT_REVEALED" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, internal: true, departmentId: await departmentId(c.db, "TRANSPORT"), toStatus: null });
    // And in the administrators' audit log.
    const audit = await c.db.auditEntry.findMany({ where: { action: "contact.reveal", entityId: String(s.id) } });
    expect(audit).toMatchObject([{ actorId: user.id, actorEmail: "official.transport@demo.example" }]);
    // The history says so, and the next visit is masked again.
    const again = await transport.get(`/staff/suggestions/${s.id}`);
    expect(again.text).toContain("查看建议人联系方式");
    expect(again.text).not.toContain(SUBMITTER.phone);
  });

  it("when the citizen asked to hide their identity, then an official sees only that sentence and cannot reveal it (404, nothing logged); a coordinator sees it masked and may reveal", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", hideIdentity: true });
    const page = await transport.get(`/staff/suggestions/${s.id}`);
    expect(page.text).toContain("建议人要求对承办单位隐藏身份");
    expect(page.text).not.toContain("张*");
    expect(page.text).not.toContain("139****5678");
    expect(page.text).not.toContain("/reveal");
    const before = await snapshot(c.db, s.id);
    const refused = await transport.post(`/staff/suggestions/${s.id}/reveal`);
    expect(refused.status).toBe(404);
    expect(refused.text).not.toContain(SUBMITTER.phone);
    expect(await snapshot(c.db, s.id)).toEqual(before);

    const coord = await coordinator.get(`/staff/suggestions/${s.id}`);
    expect(coord.text).toContain("张*");
    expect(coord.text).toContain("建议人要求对承办单位隐藏身份：承办单位看不到以下信息");
    const shown = await coordinator.post(`/staff/suggestions/${s.id}/reveal`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(SUBMITTER.phone);
    expect(await c.db.handlingEvent.count({ where: { suggestionId: s.id, type: "CONTACT_REVEALED" } })).toBe(1);
  });

  it("when an attachment is downloaded, then it is the stored file as a download with its original name, its type and nosniff", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT" });
    const content = readFileSync(new URL(import.meta.url));
    const att = await addAttachment(c, s.id, { name: "线路图 (草案) 'v2'.pdf", mime: "application/pdf", content });
    const page = await transport.get(`/staff/suggestions/${s.id}`);
    expect(page.text).toContain(`href="/staff/attachments/${att.id}"`);
    expect(page.text).toContain("线路图 (草案) &#x27;v2&#x27;.pdf");

    const res = await transport.agent.get(`/staff/attachments/${att.id}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (b: Buffer) => chunks.push(b));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-disposition"]).toBe(
      "attachment; filename=\"___ (__) 'v2'.pdf\"; filename*=UTF-8''%E7%BA%BF%E8%B7%AF%E5%9B%BE%20%28%E8%8D%89%E6%A1%88%29%20%27v2%27.pdf",
    );
    expect(Buffer.compare(res.body as Buffer, content)).toBe(0);

    // Coordinators may download it; an unrelated official may not.
    expect((await coordinator.agent.get(`/staff/attachments/${att.id}`)).status).toBe(200);
    expect((await edu.agent.get(`/staff/attachments/${att.id}`)).status).toBe(404);
  });

  it("when the stored file is missing, then the download is 404, not a broken 200", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT" });
    const att = await c.db.attachment.create({
      data: { suggestionId: s.id, storedName: `${"0".repeat(32)}.pdf`, originalName: "gone.pdf", mimeType: "application/pdf", size: 10 },
    });
    expect((await transport.agent.get(`/staff/attachments/${att.id}`)).status).toBe(404);
  });

  it("when the page is asked for in English, then statuses, roles and labels are English", async () => {
    const s = await insertSuggestion(c.db, { lead: "TRANSPORT", assists: ["EDU"], status: "IN_HANDLING" });
    const page = await transport.get(`/staff/suggestions/${s.id}?lang=en`);
    expect(page.text).toContain("Being handled");
    expect(page.text).toContain("Your department: Lead");
    expect(page.text).toContain("Department of Education of Liaoning Province");
    await transport.get(`/staff/suggestions/${s.id}?lang=zh-CN`);
  });
});
