// Issue 7.7: an oversized or over-parameterised urlencoded body is the client's fault. It gets the real 413 page in
// the visitor's language, and the log gets an info line, not an error line (no log flooding at will).
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { pino } from "pino";
import { createApp } from "../../../src/app.ts";
import { createContainer, type Container } from "../../../src/container.ts";
import { testConfig } from "../../support/harness.ts";
import { createAgent } from "../../support/http.ts";

const lines: { level: number; msg?: string }[] = [];
let c: Container;
let app: Express;

beforeAll(() => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split("\n")) if (l.trim()) lines.push(JSON.parse(l) as { level: number; msg?: string });
      done();
    },
  });
  c = createContainer(testConfig(), { name: "test", logger: pino({ level: "info" }, sink) });
  app = createApp(c);
});
afterAll(() => c.close());

const ERROR = 50;

describe("oversized urlencoded bodies", () => {
  for (const [what, body] of [
    ["over 1 MB", `code=${"x".repeat(1_100_000)}`],
    ["over 200 parameters", Array.from({ length: 250 }, (_, i) => `p${i}=1`).join("&")],
  ] as const) {
    for (const path of ["/track", "/staff/sign-in"]) {
      it(`when a body ${what} is posted to ${path}, then the 413 page renders in the visitor's language and nothing is logged as an error`, async () => {
        lines.splice(0);
        const client = createAgent(app);
        await client.get("/track?lang=en");
        const res = await client.agent.post(path).type("form").send(body);
        expect(res.status).toBe(413);
        expect(res.text).toContain("Too large");
        expect(res.text).toContain('lang="en"');
        await new Promise((r) => setTimeout(r, 50));
        expect(lines.filter((l) => l.level >= ERROR).map((l) => l.msg)).toEqual([]);
      });
    }
  }
});
