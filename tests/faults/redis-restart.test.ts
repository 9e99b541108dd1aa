// Fault: Redis stops, 100 citizens submit, Redis comes back EMPTY (no persistence) — the job schedulers, queued
// jobs and everything else in it are gone. The real worker process must notice, re-create its schedulers, sweep,
// and route every suggestion exactly once, without being restarted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Container } from "../../src/container.ts";
import { createApp } from "../../src/app.ts";
import { createTestContainer, resetAndSeed } from "../support/harness.ts";
import { startSmtp, recipients, type TestSmtp } from "../support/smtp.ts";
import { openForm, postMultipart } from "../support/http.ts";
import { referenceIds, trackingCodeIn, validFields } from "../integration/submissions/helpers.ts";
import { ownRedis } from "./support/own-redis.ts";
import { startProcess, type AppProcess } from "./support/processes.ts";

const SWEEP_EVERY_MS = 1_000;
const SUBMISSIONS = 100;

const redis = ownRedis();
let smtp: TestSmtp;
let c: Container;
let worker: AppProcess | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await redis.start();
  smtp = await startSmtp();
  c = createTestContainer({ REDIS_URL: redis.url, SMTP_URL: smtp.url });
  await resetAndSeed(c);
});

afterAll(async () => {
  await worker?.stop();
  await c?.close();
  await smtp?.close();
  redis.stop();
});

describe("Redis stopped and restarted empty around 100 submissions", () => {
  it("when Redis comes back empty, then the running worker re-creates its schedulers and routes every receipt's suggestion exactly once", async () => {
    worker = startProcess("workers/index.ts", {
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      SWEEP_EVERY_MS: String(SWEEP_EVERY_MS),
      SWEEP_GRACE_MS: String(SWEEP_EVERY_MS),
    });
    await worker.waitForLine(/start-up sweep done/);

    redis.stop();
    while (c.redis.status === "ready") await sleep(20);

    const app = createApp(c);
    const ids = await referenceIds(c);
    const codes: string[] = [];
    for (let i = 0; i < SUBMISSIONS; i++) {
      const { agent, token } = await openForm(app, "/suggestions/new");
      const res = await postMultipart(agent, "/suggestions/new", { _csrf: token, ...validFields(ids), title: `关于第${i + 1}个路口增设信号灯的建议` });
      expect(res.status).toBe(303);
      const code = trackingCodeIn((await agent.get("/suggestions/received")).text);
      expect(code).toBeDefined();
      codes.push(code!);
    }
    expect(await c.db.suggestion.count({ where: { routingState: "PENDING" } })).toBe(SUBMISSIONS);

    await redis.start();
    const back = Date.now();
    let routed = 0;
    while (Date.now() - back < 10 * SWEEP_EVERY_MS + 20_000) {
      routed = await c.db.suggestion.count({ where: { routingState: "ROUTED" } });
      if (routed === SUBMISSIONS) break;
      await sleep(250);
    }
    const recoveryMs = Date.now() - back;
    console.log(`redis restart: submitted ${SUBMISSIONS}, routed ${routed} ${recoveryMs} ms after Redis came back`);
    expect(routed).toBe(SUBMISSIONS);

    // A few more sweeps must not route anything twice or send anything twice.
    await sleep(3 * SWEEP_EVERY_MS);
    const suggestions = await c.db.suggestion.findMany({ where: { trackingCode: { in: codes } }, select: { id: true, _count: { select: { assignments: true } } } });
    expect(suggestions).toHaveLength(SUBMISSIONS);
    expect(suggestions.filter((s) => s._count.assignments !== 1)).toEqual([]);
    // Every email (receipts to citizens, notices to departments) delivered, and each exactly once.
    let unsent = -1;
    for (const until = Date.now() + 60_000; Date.now() < until; await sleep(250)) {
      unsent = await c.db.emailMessage.count({ where: { status: { not: "SENT" } } });
      if (unsent === 0) break;
    }
    expect(unsent).toBe(0);
    await sleep(SWEEP_EVERY_MS);
    const sent = await c.db.emailMessage.count();
    const delivered = smtp.messages.map((m) => `${recipients(m).join(",")} ${m.subject ?? ""}`);
    console.log(`redis restart: emails ${sent}, delivered ${delivered.length}, duplicated ${delivered.length - new Set(delivered).size}`);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered).toHaveLength(sent);
  });
});
