// The signed double-submit cookie: a browser keeps its token across page views (checked once, then remembered by
// the process), and a token that does not belong to the browser's visitor id is never accepted, remembered or not.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import { createContainer, type Container } from "../../../src/container.ts";
import { testConfig } from "../../support/harness.ts";
import { csrfTokenIn } from "../../support/http.ts";

let c: Container;
let app: Express;

beforeAll(() => {
  c = createContainer(testConfig(), { name: "test" });
  app = createApp(c);
});
afterAll(() => c.close());

const cookiesOf = (res: request.Response): string[] => (res.headers["set-cookie"] as unknown as string[] | undefined) ?? [];
const pair = (cookies: string[], name: string) => cookies.map((s) => s.split(";")[0] as string).find((p) => p.startsWith(`${name}=`)) ?? "";

async function visitor() {
  const first = await request(app).get("/track");
  const cookies = cookiesOf(first);
  return { cookie: [pair(cookies, "gi_vid"), pair(cookies, "gi.csrf")].join("; "), vid: pair(cookies, "gi_vid"), token: csrfTokenIn(first.text) };
}

const track = (cookie: string, token: string) => request(app).post("/track").set("cookie", cookie).type("form").send({ _csrf: token, code: "GI-NONE", phoneLast4: "0000" });

describe("CSRF tokens across page views", () => {
  it("when a browser views pages again, then its form token stays the same, no new cookie is sent, and its posts pass", async () => {
    const v = await visitor();
    for (let i = 0; i < 3; i++) {
      const again = await request(app).get("/track").set("cookie", v.cookie);
      expect(csrfTokenIn(again.text)).toBe(v.token);
      expect(pair(cookiesOf(again), "gi.csrf")).toBe("");
      expect((await track(v.cookie, v.token)).status).not.toBe(403);
    }
  });

  it("when a browser shows another visitor's token or a forged one, then it gets a new token and the old one is refused", async () => {
    const a = await visitor();
    const b = await visitor();
    await track(a.cookie, a.token); // a's token is now remembered as valid, for a's visitor id only
    const forged = `${"0".repeat(64)}.${a.token.split(".")[1]}`;
    for (const stolen of [a.token, forged]) {
      const cookie = `${b.vid}; gi.csrf=${stolen}`;
      const page = await request(app).get("/track").set("cookie", cookie);
      expect(csrfTokenIn(page.text)).not.toBe(stolen);
      expect(pair(cookiesOf(page), "gi.csrf")).not.toBe("");
      expect((await track(cookie, stolen)).status).toBe(403);
    }
  });
});
