import type { Express } from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { translator } from "../../../src/platform/i18n.ts";
import { createTestContainer, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { createAgent } from "../../support/http.ts";
import { insertSuggestion, SUBMITTER, type CreatedSuggestion } from "../../support/suggestions.ts";

const DAY = 24 * 3600_000;
const PHONE_LAST4 = SUBMITTER.phone.slice(-4);
let now = new Date("2026-03-10T02:00:00.000Z");
let c: Container;
let app: Express;
const zh = translator("zh-CN");

function msg(key: string, params: Record<string, unknown> = {}): string {
  return zh(key, params).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

/** A citizen who has just looked the suggestion up: the page with the rating form is the last one they got. */
async function lookedUp(code: string, phoneLast4 = PHONE_LAST4) {
  const citizen = createAgent(app);
  await citizen.get("/track");
  const page = await citizen.post("/track", { code, phoneLast4 });
  return { citizen, page };
}

async function replied(replyDaysAgo = 3): Promise<CreatedSuggestion> {
  return insertSuggestion(c.db, { lead: "CIVIL", status: "REPLIED", replyDueAt: new Date(now.getTime() + 5 * DAY), reply: { at: new Date(now.getTime() - replyDaysAgo * DAY) } });
}

async function state(id: number) {
  const [s, rating, closes] = await Promise.all([
    c.db.suggestion.findUniqueOrThrow({ where: { id }, select: { status: true } }),
    c.db.rating.findUnique({ where: { suggestionId: id } }),
    c.db.handlingEvent.findMany({ where: { suggestionId: id, type: "CLOSED" } }),
  ]);
  return { status: s.status, rating, closes };
}

/** The page without its CSRF token, which a new token scheme could vary per response. */
function comparable(html: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""');
}

beforeAll(async () => {
  c = createTestContainer({}, { now: () => now });
  app = createApp(c);
  await resetAndSeed(c);
});

beforeEach(async () => {
  now = new Date("2026-03-10T02:00:00.000Z");
  await resetSuggestions(c);
});

afterAll(() => c.close());

describe("rating the reply", () => {
  it("when the citizen rates with the right pair, then the rating is stored once, the suggestion is closed and the page thanks them and shows the rating", async () => {
    const s = await replied();
    const { citizen, page } = await lookedUp(s.trackingCode);
    expect(page.status).toBe(200);
    expect(page.text).toContain('action="/track/rating"');
    expect(page.text).toContain(`name="code" value="${s.trackingCode}"`);
    expect(page.text).toContain(`name="phoneLast4" value="${PHONE_LAST4}"`);

    const res = await citizen.post("/track/rating", { code: s.trackingCode, phoneLast4: PHONE_LAST4, score: "4", comment: "答复很及时，谢谢！" });
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toContain("no-store");
    expect(res.text).toContain(msg("ratings:thanks"));
    expect(res.text).toContain('id="rating-given"');
    expect(res.text).toContain("答复很及时，谢谢！");
    expect(res.text).not.toContain('action="/track/rating"');
    expect(res.text).toContain(`<strong id="tracked-status">${msg("tracking:status.CLOSED")}</strong>`);

    const after = await state(s.id);
    expect(after.status).toBe("CLOSED");
    expect(after.rating).toMatchObject({ score: 4, comment: "答复很及时，谢谢！" });
    expect(after.closes).toHaveLength(1);
    expect(after.closes[0]).toMatchObject({ fromStatus: "REPLIED", toStatus: "CLOSED", actorId: null, note: "建议人评价：4星", internal: false });

    // Looking it up again shows the rating instead of the form.
    const again = await lookedUp(s.trackingCode);
    expect(again.page.text).toContain('id="rating-given"');
    expect(again.page.text).not.toContain('action="/track/rating"');
  });

  it("when the citizen rates a second time, then the answer is a clear 409 and the first rating stands", async () => {
    const s = await replied();
    const { citizen } = await lookedUp(s.trackingCode);
    const fields = { code: s.trackingCode, phoneLast4: PHONE_LAST4, score: "5", comment: "" };
    expect((await citizen.post("/track/rating", fields)).status).toBe(200);
    const second = await citizen.post("/track/rating", { ...fields, score: "1", comment: "改主意了" });
    expect(second.status).toBe(409);
    expect(second.text).toContain(msg("ratings:errors.alreadyRated"));
    const after = await state(s.id);
    expect(after.rating).toMatchObject({ score: 5, comment: null });
    expect(after.closes).toHaveLength(1);
  });

  it("when the same rating is posted twice at once, then one is stored and the other gets the 409", async () => {
    const s = await replied();
    const { citizen } = await lookedUp(s.trackingCode);
    const fields = { code: s.trackingCode, phoneLast4: PHONE_LAST4, score: "3" };
    const answers = await Promise.all([citizen.post("/track/rating", fields), citizen.post("/track/rating", fields)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const after = await state(s.id);
    expect(after.rating?.score).toBe(3);
    expect(after.closes).toHaveLength(1);
  });

  it("when the pair is wrong, then the answer is the same as for an unknown code and nothing is stored", async () => {
    const s = await replied();
    const { citizen } = await lookedUp(s.trackingCode);
    const wrong = await citizen.post("/track/rating", { code: s.trackingCode, phoneLast4: "0000", score: "1" });
    const unknown = await citizen.post("/track/rating", { code: "TEST-2026-ZZZZZZZZ", phoneLast4: PHONE_LAST4, score: "1" });
    const malformed = await citizen.post("/track/rating", { code: "<b>x</b>", phoneLast4: "12", score: "1" });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(comparable(wrong.text)).toBe(comparable(unknown.text));
    expect(comparable(malformed.text)).toBe(comparable(unknown.text));
    expect(wrong.text).toContain(msg("tracking:form.notFound"));
    expect(wrong.text).not.toContain(s.trackingCode);
    const after = await state(s.id);
    expect(after).toMatchObject({ status: "REPLIED", rating: null });
  });

  it("when the suggestion has not been answered yet, then there is no form and a rating is refused", async () => {
    const s = await insertSuggestion(c.db, { lead: "CIVIL", status: "IN_HANDLING", replyDueAt: new Date(now.getTime() + 5 * DAY) });
    const { citizen, page } = await lookedUp(s.trackingCode);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('action="/track/rating"');
    const res = await citizen.post("/track/rating", { code: s.trackingCode, phoneLast4: PHONE_LAST4, score: "5" });
    expect(res.status).toBe(409);
    expect(res.text).toContain(msg("ratings:errors.notReplied"));
    expect(await state(s.id)).toMatchObject({ status: "IN_HANDLING", rating: null, closes: [] });
  });

  it("when the rating window has passed, then there is no form and a rating is refused", async () => {
    const s = await replied(31);
    const { citizen, page } = await lookedUp(s.trackingCode);
    expect(page.text).not.toContain('action="/track/rating"');
    expect(page.text).toContain(msg("ratings:expired"));
    const res = await citizen.post("/track/rating", { code: s.trackingCode, phoneLast4: PHONE_LAST4, score: "5" });
    expect(res.status).toBe(409);
    expect(res.text).toContain(msg("ratings:errors.windowClosed"));
    expect(await state(s.id)).toMatchObject({ status: "REPLIED", rating: null });
  });

  it("when no score is chosen or the comment is too long, then the form comes back with the messages and the comment escaped", async () => {
    const s = await replied();
    const { citizen } = await lookedUp(s.trackingCode);
    const res = await citizen.post("/track/rating", { code: s.trackingCode, phoneLast4: PHONE_LAST4, score: "9", comment: `<script>x</script>${"好".repeat(500)}` });
    expect(res.status).toBe(422);
    expect(res.text).toContain(msg("ratings:errors.scoreRequired"));
    expect(res.text).toContain(msg("ratings:errors.commentTooLong", { commentMax: 500 }));
    expect(res.text).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(res.text).not.toContain("<script>x</script>");
    expect(await state(s.id)).toMatchObject({ status: "REPLIED", rating: null });
  });

  it("when a comment carries HTML, then it is stored as typed and shown as text", async () => {
    const s = await replied();
    const { citizen } = await lookedUp(s.trackingCode);
    const res = await citizen.post("/track/rating", { code: s.trackingCode, phoneLast4: PHONE_LAST4, score: "2", comment: '<img src=x onerror="alert(1)">' });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain("<img src=x");
    expect(res.text).toContain("&lt;img src&#x3D;x onerror&#x3D;&quot;alert(1)&quot;&gt;");
  });

  it("when the CSRF token is forged, then the rating is refused with 403 and nothing changes", async () => {
    const s = await replied();
    const { citizen } = await lookedUp(s.trackingCode);
    const res = await citizen.post("/track/rating", { _csrf: "forged", code: s.trackingCode, phoneLast4: PHONE_LAST4, score: "5" });
    expect(res.status).toBe(403);
    expect(await state(s.id)).toMatchObject({ status: "REPLIED", rating: null });
  });

  it("when the page is in English, then the rating form and its thank-you are too", async () => {
    const s = await replied();
    const citizen = createAgent(app);
    await citizen.get("/track?lang=en");
    const page = await citizen.post("/track", { code: s.trackingCode, phoneLast4: PHONE_LAST4 });
    expect(page.text).toContain("Rate the reply");
    const res = await citizen.post("/track/rating", { code: s.trackingCode, phoneLast4: PHONE_LAST4, score: "5" });
    expect(res.text).toContain(translator("en")("ratings:thanks").replace(/'/g, "&#x27;"));
  });
});
