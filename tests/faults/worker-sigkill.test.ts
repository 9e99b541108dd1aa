// Fault: the worker process is SIGKILLed in the middle of routing 200 suggestions and sending their emails. A new
// worker (no cleanup, no manual step) must route every suggestion exactly once and deliver every email exactly once,
// counted at a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Container } from "../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../support/harness.ts";
import { startSmtp, recipients, type TestSmtp } from "../support/smtp.ts";
import { insertSuggestion } from "../support/suggestions.ts";
import { ownRedis } from "./support/own-redis.ts";
import { startProcess, type AppProcess } from "./support/processes.ts";

const SUGGESTIONS = 200;
const redis = ownRedis();
let smtp: TestSmtp;
let c: Container;
const workers: AppProcess[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await redis.start();
  smtp = await startSmtp();
  c = createTestContainer({ REDIS_URL: redis.url, SMTP_URL: smtp.url });
  await resetAndSeed(c);
});

afterAll(async () => {
  for (const w of workers) await w.stop("SIGKILL");
  await c?.close();
  await smtp?.close();
  redis.stop();
});

function startWorker(): AppProcess {
  const w = startProcess("workers/index.ts", { REDIS_URL: redis.url, SMTP_URL: smtp.url, SWEEP_EVERY_MS: "1000", SWEEP_GRACE_MS: "0" });
  workers.push(w);
  return w;
}

describe("worker SIGKILLed while routing 200 suggestions", () => {
  it("when a new worker starts after the kill, then every suggestion is routed once and every email delivered once", { timeout: 240_000 }, async () => {
    const titles = ["关于老旧小区加装电梯的建议", "关于增开夜间公交线路的建议", "关于学校周边交通安全的建议", "关于社区养老服务的建议"];
    for (let i = 0; i < SUGGESTIONS; i++) {
      await insertSuggestion(c.db, { title: `${titles[i % titles.length]}（${i + 1}）`, categoryCode: i % 2 ? "URBAN" : "OTHER", submittedAt: new Date(Date.now() - 60_000) });
    }

    const startedAt = Date.now();
    const first = startWorker();
    // Routed to a department (ROUTED) or to the coordinators' screening (TRIAGE): either way, done.
    const routed = () => c.db.suggestion.count({ where: { routingState: { not: "PENDING" } } });
    for (const until = Date.now() + 60_000; (await routed()) < SUGGESTIONS / 5 && Date.now() < until; ) await sleep(50);
    const routedBeforeKill = await routed();
    console.log(`worker SIGKILL: ${routedBeforeKill} routed ${Date.now() - startedAt} ms after the first worker started`);
    const sentBeforeKill = await c.db.emailMessage.count({ where: { status: "SENT" } });
    expect(routedBeforeKill).toBeLessThan(SUGGESTIONS);
    await first.stop("SIGKILL");
    const killedAt = Date.now();

    startWorker();
    let done = 0;
    for (const until = Date.now() + 150_000; Date.now() < until; await sleep(500)) {
      done = await routed();
      const unsent = await c.db.emailMessage.count({ where: { status: { not: "SENT" } } });
      if (done === SUGGESTIONS && unsent === 0) break;
      if ((Date.now() - killedAt) % 10_000 < 500) console.log(`worker SIGKILL: +${Date.now() - killedAt} ms routed ${done}, emails unsent ${unsent}`);
    }
    const recoveryMs = Date.now() - killedAt;
    expect(done).toBe(SUGGESTIONS);
    await sleep(2_000);

    const assignments = await c.db.suggestion.findMany({ select: { id: true, _count: { select: { assignments: true } } } });
    const routingEvents = await c.db.handlingEvent.groupBy({ by: ["suggestionId", "type"], where: { type: { in: ["ASSIGNED", "TRIAGE", "ACCEPTED"] } }, _count: true });
    const twice = assignments.filter((s) => s._count.assignments > 1).length + routingEvents.filter((e) => e._count > 1).length;
    const emails = await c.db.emailMessage.count();
    const sent = await c.db.emailMessage.count({ where: { status: "SENT" } });
    const delivered = smtp.messages.map((m) => `${recipients(m).join(",")} ${m.subject ?? ""}`);
    const duplicated = delivered.length - new Set(delivered).size;
    // SMTP has no exactly-once: a worker killed after the server took a message but before the row was marked SENT
    // sends it again. What must hold: every copy of one email carries the same Message-ID (so the recipient's system
    // can drop it), at most the jobs in flight at the kill are resent, and every email has exactly one Message-ID.
    const messageIds = new Map<string, Set<string>>();
    for (const m of smtp.messages) {
      const key = `${recipients(m).join(",")} ${m.subject ?? ""}`;
      messageIds.set(key, (messageIds.get(key) ?? new Set()).add(m.messageId ?? ""));
    }
    const distinctIds = new Set(smtp.messages.map((m) => m.messageId)).size;
    console.log(
      `worker SIGKILL: ${SUGGESTIONS} suggestions, ${routedBeforeKill} routed and ${sentBeforeKill} emails sent before the kill; ` +
        `all routed ${recoveryMs} ms after it; routed twice ${twice}; emails ${emails}, sent ${sent}, delivered ${delivered.length} ` +
        `(${distinctIds} distinct Message-IDs), resent after the kill ${duplicated}`,
    );
    expect(twice).toBe(0);
    expect(sent).toBe(emails);
    expect(distinctIds).toBe(emails);
    expect([...messageIds.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    // Worker email concurrency (workers/start-workers.ts CONCURRENCY.email).
    expect(duplicated).toBeLessThanOrEqual(4);
  });
});
