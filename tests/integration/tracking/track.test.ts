import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { translator } from "../../../src/platform/i18n.ts";
import { createTestContainer, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { openForm, postMultipart } from "../../support/http.ts";
import { escapeHtml, message, referenceIds, trackingCodeIn, validFields } from "../submissions/helpers.ts";

let c: Container;
let app: Express;

beforeAll(async () => {
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

/** A citizen's suggestion submitted through the form (phone 139 1234 5678). */
async function submitted(): Promise<{ id: number; code: string }> {
  const { agent, token } = await openForm(app, "/suggestions/new");
  const res = await postMultipart(agent, "/suggestions/new", { _csrf: token, ...validFields(await referenceIds(c)) });
  expect(res.status).toBe(303);
  const code = trackingCodeIn((await agent.get("/suggestions/received")).text)!;
  const { id } = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: code }, select: { id: true } });
  return { id, code };
}

/** What the worker and the department would have written by now: assignment, handling, an internal note. */
async function progress(id: number) {
  const dept = await c.db.department.findFirstOrThrow({ where: { code: "CIVIL" } });
  const replyDueAt = new Date("2031-01-15T15:59:59.999Z");
  const t0 = Date.now();
  await c.db.suggestion.update({ where: { id }, data: { status: "IN_HANDLING", leadDepartmentId: dept.id, replyDueAt, routingState: "ROUTED" } });
  await c.db.handlingEvent.createMany({
    data: [
      { suggestionId: id, type: "ACCEPT", fromStatus: "SUBMITTED", toStatus: "ACCEPTED", createdAt: new Date(t0 + 1000) },
      { suggestionId: id, type: "ROUTED", fromStatus: "ACCEPTED", toStatus: "ASSIGNED", departmentId: dept.id, createdAt: new Date(t0 + 2000) },
      { suggestionId: id, type: "NOTE", note: "内部备注：请重点关注", internal: true, createdAt: new Date(t0 + 2500) },
      { suggestionId: id, type: "RETURN_ASSIGNMENT", fromStatus: "ASSIGNED", toStatus: "RETURNED", note: "内部退回理由", internal: true, createdAt: new Date(t0 + 2600) },
      { suggestionId: id, type: "ACCEPT_ASSIGNMENT", fromStatus: "ASSIGNED", toStatus: "IN_HANDLING", departmentId: dept.id, createdAt: new Date(t0 + 3000) },
    ],
  });
  return { dept, replyDueAt };
}

async function track(fields: Record<string, string>, lang?: string) {
  const { agent, token } = await openForm(app, lang ? `/track?lang=${lang}` : "/track");
  return agent.post("/track").type("form").send({ _csrf: token, ...fields });
}

function timeline(html: string): string[] {
  const list = /<ol class="timeline"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<\/time>\s*([^<]+?)\s*<\/li>/g)].map((m) => m[1]!.replace(/\s+/g, " ").trim());
}

describe("tracking a suggestion", () => {
  it("when the code and the last 4 phone digits match, then the history, department and deadline are shown in plain words", async () => {
    const { id, code } = await submitted();
    const { dept } = await progress(id);
    const res = await track({ code, phoneLast4: "5678" });
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toContain("no-store");
    expect(res.text).toContain(code);
    expect(res.text).toContain("关于增设社区老年助餐点的建议");
    expect(res.text).toContain(`<strong id="tracked-status">${message("tracking:status.IN_HANDLING")}</strong>`);
    expect(res.text).toMatch(new RegExp(`id="tracked-department">${escapeHtml(dept.name)}<`));
    expect(res.text).toContain(message("tracking:result.replyDue"));
    expect(res.text).toMatch(/id="tracked-deadline"><time datetime="2031-01-15T15:59:59.999Z">2031\/01\/15</);
    expect(timeline(res.text)).toEqual([
      message("tracking:status.SUBMITTED"),
      message("tracking:status.ACCEPTED"),
      `${message("tracking:status.ASSIGNED")} · ${escapeHtml(dept.name)}`,
      message("tracking:status.IN_HANDLING"),
    ]);
    // Internal events and notes are for staff only.
    expect(res.text).not.toContain("内部备注");
    expect(res.text).not.toContain("内部退回理由");
    expect(res.text).not.toContain(message("tracking:status.RETURNED"));
    // The submitter's details are not shown back.
    expect(res.text).not.toContain("13912345678");
    expect(res.text).not.toContain("李秀英");
  });

  it("when the suggestion is still being screened, then the screening deadline is shown and no department yet", async () => {
    const { id, code } = await submitted();
    const s = await c.db.suggestion.findUniqueOrThrow({ where: { id } });
    const res = await track({ code: `  ${code.toLowerCase()} `, phoneLast4: " 5678" });
    expect(res.status).toBe(200);
    expect(res.text).toContain(message("tracking:result.noDepartment"));
    expect(res.text).toContain(message("tracking:result.screeningDue"));
    expect(res.text).toContain(`datetime="${s.screeningDueAt.toISOString()}"`);
    expect(timeline(res.text)).toEqual([message("tracking:status.SUBMITTED")]);
  });

  it("when the code is typed in full width with Chinese dashes, then it still matches", async () => {
    const { code } = await submitted();
    const fullWidth = [...code].map((ch) => (ch === "-" ? "—" : String.fromCharCode(ch.charCodeAt(0) + 0xfee0))).join("");
    const res = await track({ code: fullWidth, phoneLast4: "５６７８" });
    expect(res.status).toBe(200);
    expect(res.text).toContain(code);
  });

  it("when the lead department has replied and measures are linked, then the result, explanation and measures are shown", async () => {
    const { id, code } = await submitted();
    const { dept } = await progress(id);
    await c.db.suggestion.update({ where: { id }, data: { status: "REPLIED" } });
    await c.db.handlingEvent.create({ data: { suggestionId: id, type: "REPLY", fromStatus: "IN_HANDLING", toStatus: "REPLIED", departmentId: dept.id, createdAt: new Date(Date.now() + 5000) } });
    await c.db.reply.create({
      data: { suggestionId: id, departmentId: dept.id, isLead: true, adoption: "PARTIALLY_ADOPTED", explanation: "助餐点已纳入明年计划，<b>补贴</b>标准另行研究。", body: "感谢您的建议。我厅已会同各市推进社区助餐服务。" },
    });
    await c.db.reply.create({ data: { suggestionId: id, departmentId: dept.id, isLead: false, adoption: "ADOPTED", explanation: "协办意见", body: "协办单位的意见" } });
    const measure = await c.db.policyMeasure.create({
      data: { type: "POLICY_DOCUMENT", title: "关于加快发展社区老年助餐服务的实施意见", docNumber: "辽民发〔2026〕12号", issuingBody: "辽宁省民政厅", issuedOn: new Date("2026-06-01"), url: "https://mz.ln.gov.cn.example/doc/12" },
    });
    const unsafe = await c.db.policyMeasure.create({
      data: { type: "WORK_MEASURE", title: "社区助餐点建设工作方案", issuingBody: "沈阳市民政局", issuedOn: new Date("2026-07-01"), url: "javascript:alert(1)" },
    });
    await c.db.policyMeasureLink.createMany({ data: [{ measureId: measure.id, suggestionId: id }, { measureId: unsafe.id, suggestionId: id }] });

    const res = await track({ code, phoneLast4: "5678" });
    expect(res.status).toBe(200);
    expect(res.text).toContain(message("tracking:adoption.PARTIALLY_ADOPTED"));
    expect(res.text).toContain("助餐点已纳入明年计划，&lt;b&gt;补贴&lt;/b&gt;标准另行研究。");
    expect(res.text).toContain("感谢您的建议。");
    expect(res.text).not.toContain("协办单位的意见");
    expect(res.text).toContain('<a href="https://mz.ln.gov.cn.example/doc/12" rel="noopener noreferrer">关于加快发展社区老年助餐服务的实施意见</a>');
    expect(res.text).toContain("辽民发〔2026〕12号");
    expect(res.text).toContain("社区助餐点建设工作方案");
    expect(res.text).not.toContain("javascript:");
    expect(res.text).toContain(message("tracking:measureType.POLICY_DOCUMENT"));
    expect(timeline(res.text).at(-1)).toBe(message("tracking:status.REPLIED"));
    // Replied: no deadline is pending.
    expect(res.text).not.toContain('id="tracked-deadline"');
  });

  it("when the suggestion was merged into another that has been answered, then its citizen reads that reply and department", async () => {
    const target = await submitted();
    const { dept } = await progress(target.id);
    await c.db.suggestion.update({ where: { id: target.id }, data: { status: "REPLIED" } });
    await c.db.reply.create({
      data: { suggestionId: target.id, departmentId: dept.id, isLead: true, adoption: "ADOPTED", explanation: "已在全省推广社区助餐。", body: "感谢您的建议，已采纳。" },
    });
    const duplicate = await submitted();
    await c.db.suggestion.update({ where: { id: duplicate.id }, data: { status: "MERGED", mergedIntoId: target.id } });

    const res = await track({ code: duplicate.code, phoneLast4: "5678" });
    expect(res.status).toBe(200);
    expect(res.text).toContain(escapeHtml(translator("zh-CN")("tracking:result.mergedInto", { code: target.code })));
    expect(res.text).toContain("已在全省推广社区助餐。");
    expect(res.text).toContain(message("tracking:adoption.ADOPTED"));
    expect(/id="tracked-department">([^<]*)</.exec(res.text)?.[1]).toBe(dept.name);
  });

  it("when the phone digits are wrong or the code is unknown, then both answers are byte for byte the same", async () => {
    const { code } = await submitted();
    const { agent, token } = await openForm(app, "/track");
    const post = (fields: Record<string, string>) => agent.post("/track").type("form").send({ _csrf: token, ...fields });
    const wrongPair = await post({ code, phoneLast4: "0000" });
    const unknown = await post({ code: "JY-2026-ZZZZZZZZ", phoneLast4: "5678" });
    const unknownPrefix = await post({ code: "SQGZ-2020-00000000", phoneLast4: "1234" });
    expect(wrongPair.status).toBe(404);
    expect(unknown.status).toBe(wrongPair.status);
    expect(unknownPrefix.status).toBe(wrongPair.status);
    expect(wrongPair.text).toContain(message("tracking:form.notFound"));
    expect(unknown.text).toBe(wrongPair.text);
    expect(unknownPrefix.text).toBe(wrongPair.text);
    expect(wrongPair.text).not.toContain(code);
  });

  it("when the code or digits are malformed, then the fields are marked with messages", async () => {
    const res = await track({ code: "hello", phoneLast4: "12a4" });
    expect(res.status).toBe(422);
    expect(res.text).toContain(message("tracking:errors.codeInvalid"));
    expect(res.text).toContain(message("tracking:errors.phoneInvalid"));
    expect(res.text).toContain('href="#f-code"');
    expect(res.text).toMatch(/id="f-code"[^>]*aria-invalid="true"/);
    const empty = await track({});
    expect(empty.status).toBe(422);
    expect(empty.text).toContain(message("tracking:errors.codeRequired"));
    expect(empty.text).toContain(message("tracking:errors.phoneRequired"));
    const huge = await track({ code: "J".repeat(500_000), phoneLast4: "1".repeat(10_000) });
    expect(huge.status).toBe(422);
  });

  it("when the look-up is in English, then statuses are in English", async () => {
    const { id, code } = await submitted();
    await progress(id);
    const res = await track({ code, phoneLast4: "5678" }, "en");
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain(message("tracking:status.IN_HANDLING", "en"));
    expect(timeline(res.text)[0]).toBe(message("tracking:status.SUBMITTED", "en"));
  });

  it("when the CSRF token is missing, then the look-up is refused with 403", async () => {
    const { code } = await submitted();
    const { agent } = await openForm(app, "/track");
    const res = await agent.post("/track").type("form").send({ code, phoneLast4: "5678" });
    expect(res.status).toBe(403);
    expect(res.text).toContain(message("errors:csrf"));
  });

  it("when one address makes more than 20 look-ups in 10 minutes, then it is told to wait", async () => {
    const { agent, token } = await openForm(app, "/track");
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      statuses.push((await agent.post("/track").type("form").send({ _csrf: token, code: "JY-2026-ZZZZZZZZ", phoneLast4: "0000" })).status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it("when the tracking form is opened, then both inputs have labels and hints", async () => {
    const res = await request(app).get("/track");
    expect(res.status).toBe(200);
    expect(res.text).toContain('<label for="f-code">');
    expect(res.text).toContain('<label for="f-phoneLast4">');
  });
});
