// The real BullMQ wiring of workers/start-workers.ts, in-process: jobs go through Redis to the processors.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Container } from "../../../src/container.ts";
import { createRedis } from "../../../src/platform/redis.ts";
import { QUEUES } from "../../../src/platform/queues.ts";
import { startWorkers, type WorkerSet } from "../../../workers/start-workers.ts";
import { createSweepPendingProcessor } from "../../../workers/processors/sweep-pending.ts";
import { createTestContainer, eventually, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { startSmtp, type TestSmtp } from "../../support/smtp.ts";
import { insertSuggestion } from "../../support/suggestions.ts";

let smtp: TestSmtp;
let c: Container;
let connection: Redis;
let workers: WorkerSet | undefined;
let housing: { id: number; email: string };

const ELEVATOR = { title: "关于老旧小区加装电梯的建议", problem: "六层楼没有电梯。", proposal: "建议加装电梯并给予补贴。" };

async function routedTo(id: number) {
  const row = await c.db.suggestion.findUniqueOrThrow({ where: { id } });
  return row.routingState === "ROUTED" ? row : undefined;
}

beforeAll(async () => {
  smtp = await startSmtp();
  c = createTestContainer({ SMTP_URL: smtp.url });
  connection = createRedis(c.config.redisUrl, "worker");
  await resetAndSeed(c);
  housing = await c.db.department.findUniqueOrThrow({ where: { code: "HOUSING" }, select: { id: true, email: true } });
});

afterAll(async () => {
  await workers?.close();
  connection.disconnect();
  await c.close();
  await smtp.close();
});

beforeEach(async () => {
  await resetSuggestions(c);
  smtp.clear();
});

afterEach(async () => {
  await workers?.close();
  workers = undefined;
});

describe("workers", () => {
  it("when a route-suggestion job is enqueued, then a running Worker routes it and the department's email is delivered", async () => {
    // The maintenance queue brings the outbox relay, which queues the emails the routing statement announces.
    workers = startWorkers(c, connection, { queues: ["routing", "email", "maintenance"] });
    await eventually(async () => workers?.relay?.listening());
    const s = await insertSuggestion(c.db, { ...ELEVATOR, categoryCode: "URBAN" });
    expect(await c.enqueuer.routeSuggestion(s.id)).toBe(true);

    const mail = await smtp.waitFor((m) => m.subject?.includes(s.trackingCode) === true, 20_000);
    expect(smtp.to(housing.email)).toHaveLength(1);
    expect(mail.text).toContain(s.trackingCode);
    const row = await eventually(() => routedTo(s.id));
    expect(row).toMatchObject({ status: "ASSIGNED", leadDepartmentId: housing.id });
    await eventually(async () => (await c.db.emailMessage.findFirstOrThrow()).status === "SENT");
  });

  it("when a suggestion was committed while Redis was down, then the sweep queues it and a Worker routes it", async () => {
    // Committed 2 minutes ago and never enqueued: what the submission path leaves behind when Redis is down.
    const s = await insertSuggestion(c.db, { ...ELEVATOR, submittedAt: new Date(Date.now() - 120_000) });
    // Too young to sweep: the outbox relay may be queueing it right now.
    const young = await insertSuggestion(c.db, { ...ELEVATOR });
    workers = startWorkers(c, connection, { queues: ["routing", "email"] });

    const result = await createSweepPendingProcessor(c)();
    expect(result).toMatchObject({ suggestions: 1, emails: 0 });

    await eventually(() => routedTo(s.id));
    expect((await c.db.suggestion.findUniqueOrThrow({ where: { id: young.id } })).routingState).toBe("PENDING");

    // The next sweep finds nothing old enough left, and the routed suggestion kept its one assignment.
    expect(await createSweepPendingProcessor(c)()).toMatchObject({ suggestions: 0 });
    expect(await c.db.assignment.count({ where: { suggestionId: s.id } })).toBe(1);
  });

  it("when a route job used up its attempts while its suggestion still waits, then the sweep puts it back and it is routed", async () => {
    const s = await insertSuggestion(c.db, { ...ELEVATOR, submittedAt: new Date(Date.now() - 120_000) });
    // Stands in for attempts exhausted during a database outage: the job sits in the failed set under its
    // deterministic id, so a plain enqueue by the sweep would be a no-op.
    const outage = new Worker(QUEUES.routing, async () => { throw new UnrecoverableError("database unreachable"); }, { connection, prefix: c.config.redisPrefix });
    outage.on("error", () => undefined);
    await c.enqueuer.routeSuggestion(s.id);
    await eventually(async () => (await c.queues.routing.getJobState(`route-suggestion-${s.id}`)) === "failed");
    await outage.close();

    workers = startWorkers(c, connection, { queues: ["routing", "email"] });
    expect(await createSweepPendingProcessor(c)()).toMatchObject({ suggestions: 1, revived: 1 });
    await eventually(() => routedTo(s.id));
  });

  it("when the router assigns, then it queues no email itself: the relay queues the emails its statement announced, and without a relay the sweep sends them", async () => {
    const s = await insertSuggestion(c.db, { ...ELEVATOR, categoryCode: "URBAN" });
    workers = startWorkers(c, connection, { queues: ["routing", "email"] });
    await c.enqueuer.routeSuggestion(s.id);
    await eventually(() => routedTo(s.id));
    const emails = await c.db.emailMessage.findMany({ select: { id: true, status: true } });
    expect(emails.length).toBeGreaterThan(0);
    expect(await c.queues.email.count()).toBe(0);
    expect(emails.every((e) => e.status === "PENDING")).toBe(true);

    // A relay that was not listening when the statement committed: its catch-up finds the unsent rows.
    await workers.close();
    workers = startWorkers(c, connection, { queues: ["routing", "email", "maintenance"] });
    await smtp.waitFor((m) => m.subject?.includes(s.trackingCode) === true, 20_000);
    await eventually(async () => (await c.db.emailMessage.count({ where: { status: "SENT" } })) === emails.length);
  });

  it("when the sweep job is added to the maintenance queue, then the maintenance Worker runs it", async () => {
    const s = await insertSuggestion(c.db, { ...ELEVATOR, submittedAt: new Date(Date.now() - 120_000) });
    // Without the outbox relay, whose catch-up would queue the suggestion before the sweep could.
    workers = startWorkers(c, connection, { relay: false });
    await c.queues.maintenance.add("sweep-pending", {}, { jobId: "sweep-pending-test" });
    await eventually(() => routedTo(s.id));
  });
});
