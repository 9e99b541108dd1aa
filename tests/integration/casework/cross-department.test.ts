// An official of department A must not read, download from, reveal the submitter of, or act on department B's
// suggestion by any URL: every attempt is "not found" (never "forbidden", which would confirm the id exists),
// and nothing in the database changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { signIn } from "../../support/http.ts";
import { addAttachment, type CreatedSuggestion, departmentId, insertSuggestion, snapshot } from "../../support/suggestions.ts";

let c: Container;
let app: Express;
let edu: Awaited<ReturnType<typeof signIn>>;
let transportCase: CreatedSuggestion;
let attachmentId: number;

const VALID_FORMS: Record<string, Record<string, string>> = {
  "sign": {},
  return: { reason: "不属于本单位职责" },
  extension: { reason: "需要调研", workingDays: "5" },
  notes: { note: "已电话联系" },
  reply: { body: "答复内容", adoption: "ADOPTED", explanation: "采纳说明" },
  reveal: {},
};

/** The page's own content (the header links back to the current URL in the other language). */
function mainOf(html: string): string {
  return /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? "";
}

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
  edu = await signIn(app, "official.edu@demo.example");
  // Accepted already, so every department action would be legal for the right department.
  transportCase = await insertSuggestion(c.db, { lead: "TRANSPORT", assists: ["CIVIL"], status: "IN_HANDLING", title: "关于增开夜间公交线路的建议" });
  attachmentId = (await addAttachment(c, transportCase.id, { name: "线路图.pdf", mime: "application/pdf", content: Buffer.from("%PDF-1.4 secret") })).id;
});
afterAll(() => c.close());

describe("another department's suggestion", () => {
  it("when an official opens its case page or downloads its attachment, then both are 404 and show none of its data", async () => {
    const page = await edu.get(`/staff/suggestions/${transportCase.id}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain("关于增开夜间公交线路的建议");
    expect(page.text).not.toContain(transportCase.trackingCode);

    const file = await edu.agent.get(`/staff/attachments/${attachmentId}`);
    expect(file.status).toBe(404);
    expect(file.headers["content-disposition"]).toBeUndefined();
    expect(file.text ?? "").not.toContain("secret");
  });

  it("when the id does not exist or is not a number, then the answer is the same 404", async () => {
    const real = await edu.get(`/staff/suggestions/${transportCase.id}`);
    expect(mainOf(real.text)).toContain("您访问的页面不存在");
    for (const path of ["/staff/suggestions/999999", "/staff/suggestions/abc", "/staff/suggestions/-1", "/staff/attachments/999999"]) {
      const res = await edu.get(path);
      expect(res.status, path).toBe(404);
      expect(mainOf(res.text)).toBe(mainOf(real.text));
    }
  });

  it("when an official posts any department action or a reveal for it, then every attempt is 404 and nothing changes", async () => {
    await edu.get("/staff/inbox"); // a fresh CSRF token: the refusal must come from access, not from CSRF
    const before = await snapshot(c.db, transportCase.id);
    for (const [action, fields] of Object.entries(VALID_FORMS)) {
      const res = await edu.post(`/staff/suggestions/${transportCase.id}/${action}`, fields);
      expect(res.status, action).toBe(404);
      expect(res.text, action).not.toContain("关于增开夜间公交线路的建议");
      // Invalid input must not turn into a form page that shows the case either.
      const empty = await edu.post(`/staff/suggestions/${transportCase.id}/${action}`, {});
      expect(empty.status, `${action} (empty form)`).toBe(404);
    }
    expect(await snapshot(c.db, transportCase.id)).toEqual(before);
  });

  it("when an official asks for the other department's inbox in the query string, then they get their own", async () => {
    const transport = await departmentId(c.db, "TRANSPORT");
    const page = await edu.get(`/staff/inbox?department=${transport}&status=all`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(transportCase.trackingCode);
    expect(page.text).toContain("教育厅");
  });

  it("when the official's department was an assisting department and the case was transferred away from it, then it is 404 for them too", async () => {
    const other = await insertSuggestion(c.db, { lead: "TRANSPORT", assists: ["EDU"], status: "IN_HANDLING" });
    expect((await edu.get(`/staff/suggestions/${other.id}`)).status).toBe(200);
    await c.db.assignment.update({ where: { id: other.assistAssignmentIds[0] }, data: { status: "TRANSFERRED" } });
    const before = await snapshot(c.db, other.id);
    expect((await edu.get(`/staff/suggestions/${other.id}`)).status).toBe(404);
    const note = await edu.post(`/staff/suggestions/${other.id}/notes`, { note: "还能写吗" });
    expect(note.status).toBe(404);
    expect(await snapshot(c.db, other.id)).toEqual(before);
  });
});
