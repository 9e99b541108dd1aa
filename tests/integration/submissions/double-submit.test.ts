// Issue 7.6: the same form post twice (a double click, a retry on a slow network) is one suggestion and one receipt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { openForm, postMultipart } from "../../support/http.ts";
import { PDF, referenceIds, trackingCodeIn, validFields } from "./helpers.ts";

let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
});
afterAll(() => c.close());

function formTokenIn(html: string): string | undefined {
  return /name="formToken" value="([^"]+)"/.exec(html)?.[1];
}

describe("double submission", () => {
  it("when the same form is posted twice at once, then there is one suggestion and both answers carry its receipt", async () => {
    const ids = await referenceIds(c);
    const { agent, token, page } = await openForm(app, "/suggestions/new");
    const fields = { _csrf: token, formToken: formTokenIn(page.text), ...validFields(ids) };
    const file = [{ buffer: PDF, filename: "a.pdf", contentType: "application/pdf" }];
    const [first, second] = await Promise.all([postMultipart(agent, "/suggestions/new", fields, file), postMultipart(agent, "/suggestions/new", fields, file)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    const receipts = [first, second].map((r) => /gi_receipt=([^;]+)/.exec(String(r.headers["set-cookie"]))?.[1]?.split(".")[0]);
    expect(await c.db.suggestion.count()).toBe(1);
    expect(await c.db.attachment.count()).toBe(1);
    const only = await c.db.suggestion.findFirstOrThrow();
    expect(receipts).toEqual([only.trackingCode, only.trackingCode]);

    // And a retry a moment later, after the first answer: still the same receipt.
    const retry = await postMultipart(agent, "/suggestions/new", fields, file);
    expect(retry.status).toBe(303);
    expect(trackingCodeIn((await agent.get("/suggestions/received")).text)).toBe(only.trackingCode);
    expect(await c.db.suggestion.count()).toBe(1);
  });

  it("when the form is opened twice, then each opening is its own suggestion", async () => {
    await resetAndSeed(c);
    const ids = await referenceIds(c);
    for (let i = 0; i < 2; i++) {
      const { agent, token, page } = await openForm(app, "/suggestions/new");
      const res = await postMultipart(agent, "/suggestions/new", { _csrf: token, formToken: formTokenIn(page.text), ...validFields(ids) });
      expect(res.status).toBe(303);
    }
    expect(await c.db.suggestion.count()).toBe(2);
  });
});
