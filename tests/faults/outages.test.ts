// Fault: PostgreSQL or Redis is down while people use the site. Nothing may claim to be saved when it was not: a
// citizen gets 503 with Retry-After, the form again with everything typed (files excepted, and told so) and a
// plain "not saved"; staff get a quick 503 instead of waiting seconds for a 500; the web process recovers by itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import type { Container } from "../../src/container.ts";
import { createApp } from "../../src/app.ts";
import { createTestContainer, resetAndSeed } from "../support/harness.ts";
import { createAgent } from "../support/http.ts";
import { openForm, postMultipart } from "../support/http.ts";
import { escapeHtml, PDF, referenceIds, validFields } from "../integration/submissions/helpers.ts";
import { ownRedis } from "./support/own-redis.ts";
import { startPgProxy, type PgProxy } from "./support/pg-proxy.ts";

const redis = ownRedis();
let proxy: PgProxy;
let c: Container;
let app: Express;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await redis.start();
  proxy = await startPgProxy();
  c = createTestContainer({ REDIS_URL: redis.url, DATABASE_URL: proxy.url(process.env.DATABASE_URL!) });
  await resetAndSeed(c);
  app = createApp(c);
});

afterAll(async () => {
  await proxy?.up();
  await c?.close();
  await proxy?.close();
  redis.stop();
});

describe("PostgreSQL down during a submission", () => {
  it("when the database is unreachable, then the citizen gets 503 quickly, the form again with all they typed, and is told it was NOT saved", async () => {
    const ids = await referenceIds(c);
    const fields: Record<string, string> = { ...validFields(ids), title: "关于<b>夜间</b>公交加密班次的建议", problem: "夜里十点以后公交很少，下班回家要等四十分钟。" };
    const { agent, token } = await openForm(app, "/suggestions/new");
    const before = await c.db.suggestion.count();

    await proxy.down();
    const started = Date.now();
    const res = await postMultipart(agent, "/suggestions/new", { _csrf: token, ...fields }, [{ buffer: PDF, filename: "线路图.pdf", contentType: "application/pdf" }]);
    const tookMs = Date.now() - started;
    console.log(`database down: submission answered ${res.status} in ${tookMs} ms`);

    expect(res.status).toBe(503);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(tookMs).toBeLessThan(2_000);
    expect(res.text).not.toContain("已保存的内容不会丢失");
    expect(res.text).toContain("没有保存");
    // Everything typed is back in the form, escaped; the file is not, and the page says so.
    for (const name of ["title", "problem", "proposal", "realName", "email"] as const) expect(res.text).toContain(escapeHtml(fields[name]!));
    expect(res.text).toContain('id="files-dropped"');

    await proxy.up();
    // The web process recovers by itself: the same citizen submits again and gets a receipt.
    const again = await openForm(app, "/suggestions/new");
    const ok = await postMultipart(again.agent, "/suggestions/new", { _csrf: again.token, ...fields });
    expect(ok.status).toBe(303);
    expect(await c.db.suggestion.count()).toBe(before + 1);
  });

  it("when the database is unreachable, then the error page of any other page says 503 and promises nothing", async () => {
    await proxy.down();
    try {
      const client = createAgent(app);
      await client.get("/staff/sign-in");
      const res = await client.post("/staff/sign-in", { email: "coordinator@demo.example", password: "GoldenIdeas#2026" });
      expect(res.status).toBe(503);
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(res.text).not.toContain("已保存的内容不会丢失");
    } finally {
      await proxy.up();
    }
  });
});

describe("Redis down at staff sign-in", () => {
  it("when Redis is known to be down, then sign-in answers 503 with Retry-After at once instead of waiting for a 500", async () => {
    const client = createAgent(app);
    await client.get("/staff/sign-in");
    redis.stop();
    try {
      while (c.sessionRedis.status === "ready") await sleep(20);
      // Long enough for the reconnect back-off to grow, as in a real outage (each command then waited ~4 s).
      await sleep(5_000);
      const started = Date.now();
      const res = await client.post("/staff/sign-in", { email: "coordinator@demo.example", password: "GoldenIdeas#2026" });
      const tookMs = Date.now() - started;
      console.log(`redis down: staff sign-in answered ${res.status} in ${tookMs} ms`);
      expect(res.status).toBe(503);
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(tookMs).toBeLessThan(1_000);
    } finally {
      await redis.start();
    }
    // Back without a restart.
    const isReady = () => c.sessionRedis.status === "ready";
    for (const until = Date.now() + 10_000; !isReady() && Date.now() < until; ) await sleep(100);
    const again = createAgent(app);
    await again.get("/staff/sign-in");
    expect((await again.post("/staff/sign-in", { email: "coordinator@demo.example", password: "GoldenIdeas#2026" })).status).toBe(303);
  });
});

describe("/healthz during outages", () => {
  it("when PostgreSQL and then Redis are down, then /healthz says which one and nothing about hosts, ports or errors", async () => {
    const request = (await import("supertest")).default;
    await proxy.down();
    try {
      const res = await request(app).get("/healthz");
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ ok: false, status: "degraded", checks: { postgres: "unreachable", redis: "ok" } });
      expect(res.text).not.toMatch(/127\.0\.0\.1|5432|:\d{4}|prisma|ECONN/i);
    } finally {
      await proxy.up();
    }
    redis.stop();
    try {
      while (c.redis.status === "ready") await sleep(20);
      const res = await request(app).get("/healthz");
      expect(res.status).toBe(503);
      expect(res.body.checks).toEqual({ postgres: "ok", redis: "unreachable" });
      expect(res.text).not.toMatch(/127\.0\.0\.1|6391|ECONN|stream|offline/i);
    } finally {
      await redis.start();
    }
  });
});
