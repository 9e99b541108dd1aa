import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { createAgent, signIn } from "../../support/http.ts";

let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
});
beforeEach(async () => {
  const keys = await c.redis.keys(`${c.config.redisPrefix}:rl:*`);
  if (keys.length) await c.redis.del(...keys);
});
afterAll(() => c.close());

function sessionCookie(headers: Record<string, string | string[]>): string | undefined {
  const cookies = ([] as string[]).concat(headers["set-cookie"] ?? []);
  return cookies.find((s) => s.startsWith("gi.sid="))?.split(";")[0];
}

describe("staff sign-in", () => {
  it("when a coordinator signs in with the right password, then the session id is new and the screening list opens", async () => {
    const client = createAgent(app);
    await client.get("/staff/sign-in");
    const res = await client.post("/staff/sign-in", { email: "coordinator@demo.example", password: "GoldenIdeas#2026" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff");
    expect(sessionCookie(res.headers)).toBeTruthy();
    const home = await client.get("/staff");
    expect(home.location).toBe("/staff/screening");
  });

  it("when the password is wrong or the account does not exist, then the answer is the same and says nothing about the account", async () => {
    const a = createAgent(app);
    await a.get("/staff/sign-in");
    const wrong = await a.post("/staff/sign-in", { email: "coordinator@demo.example", password: "nope" });
    const b = createAgent(app);
    await b.get("/staff/sign-in");
    const unknown = await b.post("/staff/sign-in", { email: "nobody@demo.example", password: "nope" });
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    expect(wrong.text).toContain("邮箱或密码不正确");
    expect(unknown.text).toContain("邮箱或密码不正确");
  });

  it("when an account fails five times, then it is locked even with the right password, for existing and unknown accounts alike", async () => {
    for (const email of ["official.edu@demo.example", "ghost@demo.example"]) {
      const client = createAgent(app);
      await client.get("/staff/sign-in");
      for (let i = 0; i < 5; i++) await client.post("/staff/sign-in", { email, password: `wrong-${i}` });
      const res = await client.post("/staff/sign-in", { email, password: "GoldenIdeas#2026" });
      expect(res.status).toBe(429);
      expect(res.text).toContain("登录失败次数过多");
    }
  });

  it("when the CSRF token is missing or forged, then sign-in is refused with 403", async () => {
    const client = createAgent(app);
    await client.get("/staff/sign-in");
    const forged = await client.post("/staff/sign-in", { _csrf: "forged", email: "coordinator@demo.example", password: "GoldenIdeas#2026" });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain("页面已过期或来源不明");
  });

  it("when a user signs out everywhere, then every other session of theirs ends too", async () => {
    const first = await signIn(app, "official.civil@demo.example");
    const second = await signIn(app, "official.civil@demo.example");
    expect((await first.get("/staff")).location).toBe("/staff/inbox");
    await second.post("/staff/sign-out-everywhere");
    expect((await first.get("/staff")).location).toMatch(/^\/staff\/sign-in/);
    expect((await second.get("/staff")).location).toMatch(/^\/staff\/sign-in/);
  });

  it("when someone asks for a staff page without signing in, then they are sent to sign in and come back after", async () => {
    const client = createAgent(app);
    const res = await client.get("/staff/inbox");
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff/sign-in?next=%2Fstaff%2Finbox");
  });

  it("when the sign-in form's next points off-site, then it is ignored", async () => {
    const client = createAgent(app);
    await client.get("/staff/sign-in");
    const res = await client.post("/staff/sign-in", { email: "coordinator@demo.example", password: "GoldenIdeas#2026", next: "//evil.example/x" });
    expect(res.location).toBe("/staff");
  });
});
