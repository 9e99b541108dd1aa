import type { Express } from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { translator } from "../../../src/platform/i18n.ts";
import { createTestContainer, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { signIn } from "../../support/http.ts";
import { insertSuggestion, type CreatedSuggestion } from "../../support/suggestions.ts";

// A Tuesday in Shanghai, with the calendar of 2026 in the installed chinese-days.
const NOW = new Date("2026-03-10T02:00:00.000Z");

let c: Container;
let app: Express;
const zh = translator("zh-CN");

function msg(key: string, params: Record<string, unknown> = {}): string {
  return escapeHtml(zh(key, params));
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;").replace(/`/g, "&#x60;").replace(/=/g, "&#x3D;");
}

function fields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    type: "POLICY_DOCUMENT",
    title: "关于加快发展社区老年助餐服务的实施意见",
    docNumber: "辽政办发〔2026〕12号",
    issuingBody: "辽宁省人民政府办公厅",
    issuedOn: "2026-03-02",
    url: "https://www.ln.gov.cn.example/zfxxgk/2026/12.html",
    trackingCodes: "",
    ...overrides,
  };
}

const due = new Date("2026-02-27T15:59:59.999Z");

/** A case of `lead` its reply answered (and an assisting department that took its part on). */
async function answered(lead: string, status: "REPLIED" | "CLOSED" = "REPLIED", assist?: string): Promise<CreatedSuggestion> {
  return insertSuggestion(c.db, { lead, status, replyDueAt: due, reply: {}, ...(assist ? { assists: [assist], assistStatus: "ACCEPTED" as const } : {}) });
}

async function measureRows() {
  const [measures, links, events] = await Promise.all([
    c.db.policyMeasure.count(),
    c.db.policyMeasureLink.count(),
    c.db.handlingEvent.count({ where: { type: "MEASURE_LINKED" } }),
  ]);
  return { measures, links, events };
}

beforeAll(async () => {
  c = createTestContainer({}, { now: () => NOW });
  app = createApp(c);
  await resetAndSeed(c);
});

beforeEach(async () => {
  await resetSuggestions(c);
});

afterAll(() => c.close());

describe("recording a policy measure", () => {
  it("when a coordinator records a measure for a replied and a closed suggestion, then both are linked with a public history event and the list counts them", async () => {
    const replied = await answered("CIVIL");
    const closed = await answered("EDU", "CLOSED");
    const coordinator = await signIn(app, "coordinator@demo.example");
    await coordinator.get("/staff/measures/new");
    const res = await coordinator.post("/staff/measures", fields({ trackingCodes: `${replied.trackingCode}\n${closed.trackingCode.toLowerCase()}` }));
    expect(res.status).toBe(303);
    const measure = await c.db.policyMeasure.findFirstOrThrow({ include: { links: true } });
    expect(res.location).toBe(`/staff/measures/${measure.id}`);
    expect(measure).toMatchObject({ type: "POLICY_DOCUMENT", docNumber: "辽政办发〔2026〕12号", issuingBody: "辽宁省人民政府办公厅" });
    expect(measure.issuedOn.toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(measure.links.map((l) => l.suggestionId).sort()).toEqual([replied.id, closed.id].sort());

    const events = await c.db.handlingEvent.findMany({ where: { type: "MEASURE_LINKED" }, orderBy: { suggestionId: "asc" } });
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e.internal).toBe(false);
      expect(e.note).toBe("转化为政策举措：《关于加快发展社区老年助餐服务的实施意见》（辽政办发〔2026〕12号）");
    }

    const page = await coordinator.get(`/staff/measures/${measure.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(replied.trackingCode);
    expect(page.text).toContain(closed.trackingCode);
    expect(page.text).toContain(`href="/staff/suggestions/${replied.id}"`);

    const list = await coordinator.get("/staff/measures");
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/staff/measures/${measure.id}"`);
    expect(list.text).toMatch(/class="link-count">2</);
  });

  it("when the form is invalid, then it comes back with a message per field and the input, and nothing is stored", async () => {
    const coordinator = await signIn(app, "coordinator@demo.example");
    await coordinator.get("/staff/measures/new");
    const res = await coordinator.post("/staff/measures", {
      type: "MEMO",
      title: "",
      docNumber: "",
      issuingBody: "辽宁省人民政府办公厅",
      issuedOn: "2026-03-11",
      url: "javascript:alert(1)",
      trackingCodes: "not a code",
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain(msg("measures:errors.typeRequired"));
    expect(res.text).toContain(msg("measures:errors.titleRequired"));
    expect(res.text).toContain(msg("measures:errors.issuedOnFuture"));
    expect(res.text).toContain(msg("measures:errors.urlInvalid"));
    expect(res.text).toContain(msg("measures:errors.codesInvalid", { codes: "NOT、A、CODE" }));
    expect(res.text).toContain('value="辽宁省人民政府办公厅"');
    expect(res.text).toContain('href="#f-type"');
    expect(await measureRows()).toEqual({ measures: 0, links: 0, events: 0 });

    const badDate = await coordinator.post("/staff/measures", fields({ issuedOn: "2026-02-30", trackingCodes: "TEST-2026-ABCDEF" }));
    expect(badDate.status).toBe(422);
    expect(badDate.text).toContain(msg("measures:errors.issuedOnInvalid"));
  });

  it("when a code is unknown or its suggestion is not answered yet, then the codes field says which, and nothing is stored", async () => {
    const handling = await insertSuggestion(c.db, { lead: "CIVIL", status: "IN_HANDLING", replyDueAt: new Date("2026-03-20T15:59:59.999Z") });
    const replied = await answered("CIVIL");
    const coordinator = await signIn(app, "coordinator@demo.example");
    await coordinator.get("/staff/measures/new");

    const unknown = await coordinator.post("/staff/measures", fields({ trackingCodes: `${replied.trackingCode} TEST-2026-ZZZZZZZZ` }));
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain(msg("measures:errors.codesNotFound", { codes: "TEST-2026-ZZZZZZZZ" }));

    const early = await coordinator.post("/staff/measures", fields({ trackingCodes: `${replied.trackingCode}, ${handling.trackingCode}` }));
    expect(early.status).toBe(422);
    expect(early.text).toContain(msg("measures:errors.codesNotReplied", { codes: handling.trackingCode }));
    expect(await measureRows()).toEqual({ measures: 0, links: 0, events: 0 });
  });

  it("when an official records a measure, then only suggestions their department led can be linked; another department's is said to be another department's, and nothing more", async () => {
    const own = await answered("EDU");
    const other = await insertSuggestion(c.db, { lead: "CIVIL", status: "REPLIED", replyDueAt: due, reply: {}, title: "关于社区养老服务站建设的建议" });
    const assisted = await answered("CIVIL", "REPLIED", "EDU");
    const official = await signIn(app, "official.edu@demo.example");
    await official.get("/staff/measures/new");

    const foreign = await official.post("/staff/measures", fields({ trackingCodes: `${own.trackingCode} ${other.trackingCode}` }));
    expect(foreign.status).toBe(422);
    // Issue 11: not "没有找到" (the code is right), and nothing of the suggestion itself.
    expect(foreign.text).toContain(msg("measures:errors.codesOtherDepartment", { codes: other.trackingCode }));
    expect(foreign.text).not.toContain(msg("measures:errors.codesNotFound", { codes: other.trackingCode }));
    expect(foreign.text).not.toContain("社区养老服务站");
    expect(foreign.text).not.toContain("省民政厅");
    const foreignEn = await official.post("/staff/measures?lang=en", fields({ trackingCodes: other.trackingCode }));
    expect(foreignEn.text).toContain(escapeHtml(translator("en")("measures:errors.codesOtherDepartment", { codes: other.trackingCode })));
    await official.get("/staff/measures/new?lang=zh-CN");

    const notLead = await official.post("/staff/measures", fields({ trackingCodes: `${own.trackingCode} ${assisted.trackingCode}` }));
    expect(notLead.status).toBe(422);
    expect(notLead.text).toContain(msg("measures:errors.codesNotLead", { codes: assisted.trackingCode }));
    expect(await measureRows()).toEqual({ measures: 0, links: 0, events: 0 });

    const ok = await official.post("/staff/measures", fields({ trackingCodes: own.trackingCode }));
    expect(ok.status).toBe(303);
    expect(await measureRows()).toEqual({ measures: 1, links: 1, events: 1 });
    const event = await c.db.handlingEvent.findFirstOrThrow({ where: { type: "MEASURE_LINKED" } });
    expect(event.departmentId).toBe(own.leadDepartmentId);

    // Measures are public documents: the official reads every measure, but not other departments' suggestions.
    const measure = await c.db.policyMeasure.findFirstOrThrow();
    await c.db.policyMeasureLink.create({ data: { measureId: measure.id, suggestionId: other.id } });
    const page = await official.get(`/staff/measures/${measure.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(own.trackingCode);
    expect(page.text).not.toContain(other.trackingCode);
    expect(page.text).toContain(msg("measures:show.hidden", { count: 1 }));
  });

  it("when the same form is posted twice, then there is one measure and one link per suggestion", async () => {
    const replied = await answered("CIVIL");
    const coordinator = await signIn(app, "coordinator@demo.example");
    await coordinator.get("/staff/measures/new");
    const body = fields({ trackingCodes: replied.trackingCode });
    const [first, second] = await Promise.all([coordinator.post("/staff/measures", body), coordinator.post("/staff/measures", body)]);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.location).toBe(first.location);
    expect(await measureRows()).toEqual({ measures: 1, links: 1, events: 1 });
  });

  it("when a title carries HTML, then every page shows it as text", async () => {
    const replied = await answered("CIVIL");
    const coordinator = await signIn(app, "coordinator@demo.example");
    await coordinator.get("/staff/measures/new");
    const title = '<script>alert("x")</script><b>养老服务</b>措施';
    const res = await coordinator.post("/staff/measures", fields({ title, issuingBody: "<i>省民政厅</i>", trackingCodes: replied.trackingCode }));
    expect(res.status).toBe(303);
    for (const path of [res.location!, "/staff/measures", `/staff/suggestions/${replied.id}/measures`]) {
      const page = await coordinator.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).not.toContain("<script>alert");
      expect(page.text, path).not.toContain("<b>养老服务</b>");
      expect(page.text, path).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;养老服务&lt;/b&gt;措施");
    }
  });

  it("when the CSRF token is forged, then nothing is recorded", async () => {
    const replied = await answered("CIVIL");
    const coordinator = await signIn(app, "coordinator@demo.example");
    const res = await coordinator.post("/staff/measures", fields({ _csrf: "forged", trackingCodes: replied.trackingCode }));
    expect(res.status).toBe(403);
    const link = await coordinator.post(`/staff/suggestions/${replied.id}/measures`, { _csrf: "forged", measureId: "1" });
    expect(link.status).toBe(403);
    expect(await measureRows()).toEqual({ measures: 0, links: 0, events: 0 });
  });
});

describe("linking a suggestion from its case page", () => {
  async function existingMeasure(): Promise<number> {
    const m = await c.db.policyMeasure.create({
      data: { type: "WORK_MEASURE", title: "社区老年助餐服务提升行动", issuingBody: "辽宁省民政厅", issuedOn: new Date("2026-01-15T00:00:00Z") },
    });
    return m.id;
  }

  it("when the lead department's official links a closed suggestion months after the reply, then it is linked once, even when posted twice", async () => {
    const closed = await insertSuggestion(c.db, { lead: "CIVIL", status: "CLOSED", replyDueAt: new Date("2025-09-30T15:59:59.999Z"), reply: {} });
    const measureId = await existingMeasure();
    const official = await signIn(app, "official.civil@demo.example");
    const page = await official.get(`/staff/suggestions/${closed.id}/measures`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<option value="${measureId}">`);
    expect(page.text).toContain(`href="/staff/measures/new?code&#x3D;${closed.trackingCode}"`);

    const first = await official.post(`/staff/suggestions/${closed.id}/measures`, { measureId: String(measureId) });
    expect(first.status).toBe(303);
    expect(first.location).toBe(`/staff/suggestions/${closed.id}`);
    const again = await official.post(`/staff/suggestions/${closed.id}/measures`, { measureId: String(measureId) });
    expect(again.status).toBe(303);
    expect(await measureRows()).toEqual({ measures: 1, links: 1, events: 1 });
    expect((await c.db.suggestion.findUniqueOrThrow({ where: { id: closed.id } })).status).toBe("CLOSED");
  });

  it("when no measure is chosen or it does not exist, then the page comes back with the message and nothing is linked", async () => {
    const replied = await answered("CIVIL");
    await existingMeasure();
    const coordinator = await signIn(app, "coordinator@demo.example");
    await coordinator.get(`/staff/suggestions/${replied.id}/measures`);
    const none = await coordinator.post(`/staff/suggestions/${replied.id}/measures`, { measureId: "" });
    expect(none.status).toBe(422);
    expect(none.text).toContain(msg("measures:errors.measureRequired"));
    const gone = await coordinator.post(`/staff/suggestions/${replied.id}/measures`, { measureId: "999999" });
    expect(gone.status).toBe(422);
    expect(gone.text).toContain(msg("measures:errors.measureNotFound"));
    expect((await measureRows()).links).toBe(0);
  });

  it("when another department's official tries, then it is not found; an assisting department is refused; an unanswered one conflicts", async () => {
    const replied = await answered("CIVIL", "REPLIED", "EDU");
    const handling = await insertSuggestion(c.db, { lead: "CIVIL", status: "IN_HANDLING", replyDueAt: new Date("2026-03-20T15:59:59.999Z") });
    const measureId = String(await existingMeasure());

    const stranger = await signIn(app, "official.transport@demo.example");
    expect((await stranger.get(`/staff/suggestions/${replied.id}/measures`)).status).toBe(404);
    const strangerPost = await stranger.post(`/staff/suggestions/${replied.id}/measures`, { measureId });
    expect(strangerPost.status).toBe(404);
    expect(strangerPost.text).not.toContain(replied.trackingCode);

    const assisting = await signIn(app, "official.edu@demo.example");
    const refused = await assisting.post(`/staff/suggestions/${replied.id}/measures`, { measureId });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(msg("measures:errors.notLead"));

    const lead = await signIn(app, "official.civil@demo.example");
    const early = await lead.post(`/staff/suggestions/${handling.id}/measures`, { measureId });
    expect(early.status).toBe(409);
    expect(early.text).toContain(msg("measures:errors.notReplied"));
    expect((await measureRows()).links).toBe(0);
  });

  it("when the lead department opens the case page, then the measures panel offers the recorded measures and a new one with the code filled in", async () => {
    const replied = await answered("CIVIL");
    const measureId = await existingMeasure();
    const official = await signIn(app, "official.civil@demo.example");
    const page = await official.get(`/staff/suggestions/${replied.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="measures-panel"');
    expect(page.text).toContain(`action="/staff/suggestions/${replied.id}/measures"`);
    expect(page.text).toContain(`<option value="${measureId}">`);

    const form = await official.get(`/staff/measures/new?code=${replied.trackingCode}`);
    expect(form.text).toContain(`>${replied.trackingCode}</textarea>`);
    const res = await official.post("/staff/measures", fields({ trackingCodes: replied.trackingCode }));
    expect(res.status).toBe(303);

    const after = await official.get(`/staff/suggestions/${replied.id}`);
    expect(after.text).toContain("关于加快发展社区老年助餐服务的实施意见");
  });
});
