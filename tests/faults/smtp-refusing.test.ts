// Fault: the mail server refuses connections for a while. Emails wait and are retried with backoff, and each is
// delivered exactly once when it comes back — counted at a real SMTP server in the test process.
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Container } from "../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../support/harness.ts";
import { startSmtp, type TestSmtp } from "../support/smtp.ts";
import { insertSuggestion } from "../support/suggestions.ts";
import { ownRedis } from "./support/own-redis.ts";
import { startProcess, type AppProcess } from "./support/processes.ts";

const SUGGESTIONS = 30;
const OUTAGE_MS = 10_000;
const redis = ownRedis();
let smtp: TestSmtp | undefined;
let c: Container;
let worker: AppProcess | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  await redis.start();
  c = createTestContainer({ REDIS_URL: redis.url });
  await resetAndSeed(c);
});

afterAll(async () => {
  await worker?.stop();
  await c?.close();
  await smtp?.close();
  redis.stop();
});

describe("SMTP refusing for a while", () => {
  it("when the mail server comes back, then every email waiting for it is delivered exactly once", async () => {
    const port = await freePort();
    for (let i = 0; i < SUGGESTIONS; i++) {
      await insertSuggestion(c.db, { title: `关于老旧小区加装电梯的建议（${i + 1}）`, categoryCode: "URBAN", submittedAt: new Date(Date.now() - 60_000) });
    }
    // Nothing listens on the port yet: every send is refused (ECONNREFUSED), a temporary failure.
    worker = startProcess("workers/index.ts", { REDIS_URL: redis.url, SMTP_URL: `smtp://127.0.0.1:${port}`, SWEEP_EVERY_MS: "1000", SWEEP_GRACE_MS: "0" });
    for (const until = Date.now() + 60_000; Date.now() < until; await sleep(250)) {
      if ((await c.db.suggestion.count({ where: { routingState: "PENDING" } })) === 0) break;
    }
    await sleep(OUTAGE_MS);
    const failedAttempts = await c.db.emailMessage.aggregate({ _sum: { attempts: true } });
    expect(await c.db.emailMessage.count({ where: { status: "SENT" } })).toBe(0);

    smtp = await startSmtp(port);
    const back = Date.now();
    let unsent = -1;
    for (const until = Date.now() + 90_000; Date.now() < until; await sleep(500)) {
      unsent = await c.db.emailMessage.count({ where: { status: { not: "SENT" } } });
      if (unsent === 0) break;
    }
    const recoveryMs = Date.now() - back;
    await sleep(2_000);
    const emails = await c.db.emailMessage.count();
    const ids = smtp.messages.map((m) => m.messageId);
    console.log(
      `smtp refusing ${OUTAGE_MS} ms: emails ${emails}, failed attempts during the outage ${failedAttempts._sum.attempts ?? 0}, ` +
        `all sent ${recoveryMs} ms after it came back, delivered ${ids.length}, duplicated ${ids.length - new Set(ids).size}`,
    );
    expect(unsent).toBe(0);
    expect(failedAttempts._sum.attempts ?? 0).toBeGreaterThan(0);
    expect(ids).toHaveLength(emails);
    expect(new Set(ids).size).toBe(emails);
  });
});
