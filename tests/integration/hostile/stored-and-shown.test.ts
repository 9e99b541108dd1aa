// Issue 7: hostile text that is accepted must come back escaped wherever it is shown. Every marked input of the
// corpus (tests/fixtures/hostile/inputs.json, those with a probe) is submitted inside an otherwise valid suggestion;
// the staff case page, the inbox-like lists and the citizen's receipt email are then checked for the raw probe.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createEmailRenderer } from "../../../src/features/notifications/index.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { openForm, postMultipart, signIn } from "../../support/http.ts";
import { referenceIds, trackingCodeIn, validFields } from "../submissions/helpers.ts";

interface HostileInput { id: string; kind: string; value: string; probe?: string; repeat?: number }
const INPUTS = JSON.parse(readFileSync(new URL("../../fixtures/hostile/inputs.json", import.meta.url), "utf8")) as HostileInput[];
const MARKED = INPUTS.filter((i): i is HostileInput & { probe: string } => i.probe !== undefined);

let c: Container;
let app: Express;
let fields: Record<string, string>;

beforeAll(async () => {
  c = createTestContainer({ SUBMISSIONS_PER_IP_PER_HOUR: "1000" });
  await resetAndSeed(c);
  app = createApp(c);
  fields = validFields(await referenceIds(c));
});
afterAll(() => c.close());

describe("accepted hostile text is shown escaped", () => {
  it(`the ${MARKED.length} marked inputs, stored in title and text, never come back raw on the case page, the lists or the receipt email`, async () => {
    expect(MARKED.length).toBeGreaterThanOrEqual(60);
    const renderer = createEmailRenderer({ site: { baseUrl: "http://localhost:3113", screeningWorkingDays: 5 } });
    const staff = await signIn(app, "coordinator@demo.example");
    const stored: { input: HostileInput & { probe: string }; id: number; code: string }[] = [];
    for (const input of MARKED) {
      const { agent, token } = await openForm(app, "/suggestions/new");
      const title = `关于${input.value}`.length <= 100 ? `关于${input.value}` : fields.title;
      const res = await postMultipart(agent, "/suggestions/new", {
        _csrf: token,
        ...fields,
        title,
        problem: `${fields.problem}${input.value}`,
        proposal: `${input.value}${fields.proposal}`,
      });
      expect(res.status, input.id).toBeLessThan(500);
      expect(res.text.includes(input.probe), `${input.id} reflected`).toBe(false);
      if (res.status !== 303) continue;
      const code = trackingCodeIn((await agent.get(res.headers.location as string)).text);
      const s = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: code } });
      stored.push({ input, id: s.id, code: s.trackingCode });
    }
    // The corpus is meant to be stored: if most were refused, this test would prove nothing.
    expect(stored.length, "accepted").toBeGreaterThanOrEqual(MARKED.length * 0.9);

    for (const { input, id } of stored) {
      const page = await staff.get(`/staff/suggestions/${id}`);
      expect(page.status).toBe(200);
      expect(page.text.includes(input.probe), `case page shows ${input.id} raw`).toBe(false);
      expect(page.text).toContain("关于");
    }
    for (const list of ["/staff/screening", "/staff/supervision", "/staff/search?q=关于"]) {
      const page = await staff.get(list);
      expect(page.status, list).toBe(200);
      for (const { input } of stored) expect(page.text.includes(input.probe), `${list} shows ${input.id} raw`).toBe(false);
    }
    const emails = await c.db.emailMessage.findMany({ where: { dedupeKey: { in: stored.map((s) => `received-${s.code}`) } } });
    expect(emails.length).toBeGreaterThan(0);
    for (const e of emails) {
      const mail = renderer.render({ template: e.template, locale: e.locale, data: e.data as Record<string, unknown> });
      for (const { input } of stored) expect(mail.html.includes(input.probe), `email ${e.template} shows ${input.id} raw`).toBe(false);
    }
  }, 120_000);
});
