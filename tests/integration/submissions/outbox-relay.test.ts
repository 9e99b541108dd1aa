// The outbox relay (workers/outbox-relay.ts) with the real web app, PostgreSQL's LISTEN/NOTIFY, Redis and the real
// workers in-process: the citizen's request queues nothing; the relay queues the jobs; lost notices are caught up.
import type { Express } from "express";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createRedis } from "../../../src/platform/redis.ts";
import { indexSuggestionJobId } from "../../../src/platform/queues.ts";
import { RELAY_APPLICATION_NAME, startOutboxRelay, type OutboxRelay } from "../../../workers/outbox-relay.ts";
import { createSweepPendingProcessor } from "../../../workers/processors/sweep-pending.ts";
import { startWorkers, type WorkerSet } from "../../../workers/start-workers.ts";
import { createTestContainer, eventually, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { openForm, postMultipart } from "../../support/http.ts";
import { startSmtp, type TestSmtp } from "../../support/smtp.ts";
import { referenceIds, trackingCodeIn, validFields } from "./helpers.ts";

let smtp: TestSmtp;
let c: Container;
let app: Express;
let connection: Redis;
let fields: Record<string, string>;
let workers: WorkerSet | undefined;
let relay: OutboxRelay | undefined;

beforeAll(async () => {
  smtp = await startSmtp();
  c = createTestContainer({ SMTP_URL: smtp.url });
  app = createApp(c);
  connection = createRedis(c.config.redisUrl, "worker");
  await resetAndSeed(c);
  fields = validFields(await referenceIds(c));
});

afterAll(async () => {
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
  await relay?.close();
  relay = undefined;
});

/** The everyday form posted as a browser does; the suggestion it stored, with its acknowledgement email's id. */
async function submitThroughTheWeb(url = "/suggestions/new", formPath = "/suggestions/new", extra: Record<string, string> = {}) {
  const { agent, token } = await openForm(app, formPath);
  const res = await postMultipart(agent, url, { _csrf: token, ...fields, ...extra });
  expect(res.status).toBe(303);
  const code = trackingCodeIn((await agent.get("/suggestions/received")).text);
  const s = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: code! } });
  const email = await c.db.emailMessage.findFirstOrThrow({ where: { dedupeKey: `received-${code}` } });
  return { id: s.id, code: code!, emailId: email.id };
}

/** The citizen's acknowledgement email, delivered. */
const acknowledged = (code: string) =>
  eventually(async () => smtp.to("li.xiuying@citizen.example").find((m) => m.subject?.includes(code) || m.text?.includes(code)), 20_000);

const routed = (id: number) => c.db.suggestion.findUniqueOrThrow({ where: { id } }).then((s) => s.routingState === "ROUTED");

async function jobsOf(id: number, emailId: number) {
  return Promise.all([
    c.queues.routing.getJob(`route-suggestion-${id}`),
    c.queues.indexing.getJob(indexSuggestionJobId(id)),
    c.queues.email.getJob(`send-email-${emailId}`),
  ]);
}

describe("outbox relay", () => {
  it("when a citizen submits through the web while the relay runs, then the relay queues the same jobs as before and the suggestion is routed and acknowledged", async () => {
    workers = startWorkers(c, connection, { queues: ["maintenance"] });
    await eventually(async () => workers?.relay?.listening());

    const everyday = await submitThroughTheWeb();
    // The round form takes the same write path, and so the same notice.
    const round = await c.db.collectionRound.findUniqueOrThrow({ where: { code: "SQGZ" }, include: { topics: true } });
    const themed = await submitThroughTheWeb(`/rounds/${round.id}/suggestions`, `/rounds/${round.id}`, { topicId: String(round.topics[0]!.id) });

    for (const s of [everyday, themed]) {
      const [route, index, email] = await eventually(async () => {
        const jobs = await jobsOf(s.id, s.emailId);
        return jobs.every(Boolean) ? jobs : undefined;
      });
      expect(route).toMatchObject({ name: "route-suggestion", data: { suggestionId: s.id }, opts: { attempts: 8, removeOnComplete: true, removeOnFail: false } });
      expect(index).toMatchObject({ name: "index-suggestion", data: { suggestionId: s.id }, opts: { attempts: 8 } });
      expect(email).toMatchObject({ name: "send-email", data: { emailId: s.emailId }, opts: { attempts: 8, backoff: { type: "exponential", delay: 2_000 } } });
    }

    await workers.close();
    workers = startWorkers(c, connection, { queues: ["routing", "email", "maintenance"] });
    for (const s of [everyday, themed]) {
      await eventually(() => routed(s.id), 20_000);
      await acknowledged(s.code);
    }
  });

  it("when no relay runs, then the request queues nothing and the suggestion waits for the sweep, which queues it", async () => {
    const s = await submitThroughTheWeb();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await jobsOf(s.id, s.emailId)).toEqual([undefined, undefined, undefined]);
    expect(await c.queues.routing.count()).toBe(0);

    workers = startWorkers(c, connection, { queues: ["routing", "email"] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await routed(s.id)).toBe(false);

    expect(await createSweepPendingProcessor(c, { graceMs: 0 })()).toMatchObject({ suggestions: 1, emails: 1 });
    await eventually(() => routed(s.id), 20_000);
    await acknowledged(s.code);
  });

  it("when the relay's connection is cut and a suggestion is committed meanwhile, then the relay reconnects and catches up on the lost notice", async () => {
    relay = startOutboxRelay(c, { retryFirstMs: 1_500 });
    await eventually(async () => relay?.listening());

    const terminated = await c.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
      WHERE application_name = ${RELAY_APPLICATION_NAME} AND datname = current_database() AND pid <> pg_backend_pid()`;
    expect(Number(terminated[0]?.n)).toBe(1);
    await eventually(async () => relay?.listening() === false);

    const s = await submitThroughTheWeb();
    // Committed while nobody listened: its notice is gone for good.
    expect(relay.listening()).toBe(false);
    expect(await jobsOf(s.id, s.emailId)).toEqual([undefined, undefined, undefined]);

    await eventually(async () => relay?.listening(), 10_000);
    const jobs = await eventually(async () => {
      const found = await jobsOf(s.id, s.emailId);
      return found.every(Boolean) ? found : undefined;
    });
    expect(jobs.map((j) => j?.id)).toEqual([`route-suggestion-${s.id}`, indexSuggestionJobId(s.id), `send-email-${s.emailId}`]);
  });

  it("when suggestions were committed while no relay ran, then the next relay's start queues them all, page after page", async () => {
    const first = await submitThroughTheWeb();
    const second = await submitThroughTheWeb();
    // A page of one: the catch-up must go on past a full page instead of stopping (or looping on it).
    relay = startOutboxRelay(c, { catchUpPage: 1 });
    for (const s of [first, second]) {
      await eventually(async () => {
        const found = await jobsOf(s.id, s.emailId);
        return found.every(Boolean) ? found : undefined;
      });
    }
  });
});
