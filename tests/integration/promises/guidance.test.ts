// Issue 11, item 4: the home page's "how to write a good suggestion" asks only for what the form has a place for.
// Decision: the guidance changed, not the form — the reasons go with the problem and the measures (see home.json).
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";

let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
});
afterAll(() => c.close());

function guidanceTerms(html: string): string[] {
  const section = /<dl class="facts how-to-write">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? "";
  return [...section.matchAll(/<dt>([^<]+)<\/dt>/g)].map((m) => m[1]!.trim());
}

describe("the guidance and the form agree", () => {
  for (const lang of ["zh-CN", "en"]) {
    it(`when the home page (${lang}) lists the parts of a good suggestion, then each part but "one topic" is a field of the form, under the same name`, async () => {
      const home = await request(app).get(`/?lang=${lang}`);
      const form = await request(app).get(`/suggestions/new?lang=${lang}`);
      const terms = guidanceTerms(home.text);
      expect(terms).toHaveLength(4);
      const labels = [...form.text.matchAll(/<label[^>]*>([\s\S]*?)<\/label>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").trim());
      for (const term of terms.slice(0, 3)) expect(labels.some((l) => l.startsWith(term))).toBe(true);
      expect(home.text).not.toContain("理由和依据");
    });
  }
});
