// The index-suggestion job through the real BullMQ wiring of workers/start-workers.ts: enqueued when a suggestion is
// saved, run by the indexing Worker, and queued again by the sweep when the enqueue after the commit was lost.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import type { Redis } from "ioredis";
import type { Container } from "../../../src/container.ts";
import { computeSignature, SIGNATURE_VERSION } from "../../../src/features/similarity/index.ts";
import type { SuggestionForm } from "../../../src/features/submissions/index.ts";
import { createRedis } from "../../../src/platform/redis.ts";
import { indexSuggestionJobId } from "../../../src/platform/queues.ts";
import { startOutboxRelay } from "../../../workers/outbox-relay.ts";
import { startWorkers, type WorkerSet } from "../../../workers/start-workers.ts";
import { createSweepPendingProcessor } from "../../../workers/processors/sweep-pending.ts";
import { createTestContainer, eventually, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { insertSuggestion } from "../../support/suggestions.ts";

let c: Container;
let connection: Redis;
let workers: WorkerSet | undefined;

const HEATING = { title: "关于老旧小区冬季供暖温度不达标的建议", problem: "每年冬天室内温度只有十四五度，老人孩子受冻。", proposal: "建议供热公司加强巡检，温度不达标按天退费。" };

const signatureOf = (id: number) => c.db.similaritySignature.findUnique({ where: { suggestionId: id } });

beforeAll(async () => {
  computeSignature({ title: "预热", body: "加载结巴词典" });
  c = createTestContainer();
  connection = createRedis(c.config.redisUrl, "worker");
  await resetAndSeed(c);
});

afterAll(async () => {
  await workers?.close();
  connection.disconnect();
  await c.close();
});

beforeEach(async () => {
  await resetSuggestions(c);
  await c.queues.indexing.obliterate({ force: true });
});

afterEach(async () => {
  await workers?.close();
  workers = undefined;
});

describe("index-suggestion worker", () => {
  it("when a citizen's suggestion is saved, then the outbox relay queues one index-suggestion job with a deterministic id and the Worker stores its signature", async () => {
    const relay = startOutboxRelay(c);
    onTestFinished(() => relay.close());
    await eventually(async () => relay.listening());
    const { id } = await c.services.submissions.submit({
      form: {
        ...HEATING, categoryId: (await c.db.category.findFirstOrThrow()).id, regionId: (await c.db.region.findFirstOrThrow()).id,
        realName: "王小明", phone: "13912345678", email: undefined, consentPublish: false, hideIdentity: false,
      } satisfies SuggestionForm,
      files: [],
      locale: "zh-CN",
    });
    const job = await eventually(() => c.queues.indexing.getJob(indexSuggestionJobId(id)));
    expect(job.data).toEqual({ suggestionId: id });

    workers = startWorkers(c, connection, { queues: ["indexing"] });
    const row = await eventually(() => signatureOf(id).then((r) => r ?? undefined));
    expect(row.version).toBe(SIGNATURE_VERSION);
    expect(row.terms.length).toBeGreaterThan(0);
  });

  it("when a suggestion was saved while Redis was down, then the sweep queues it for indexing and the Worker indexes it once", async () => {
    const old = await insertSuggestion(c.db, { ...HEATING, submittedAt: new Date(Date.now() - 120_000) });
    const young = await insertSuggestion(c.db, { ...HEATING });
    // The seed's own suggestions have no signature either: index them first so the count below is only ours.
    const seeded = await c.services.similarity.findUnindexed(new Date(Date.now() - 60_000), 10_000);
    for (const id of seeded.filter((s) => s !== old.id)) await c.services.similarity.indexSuggestion(id);

    workers = startWorkers(c, connection, { queues: ["indexing"] });
    const result = await createSweepPendingProcessor(c)();
    expect(result).toMatchObject({ unindexed: 1 });

    await eventually(() => signatureOf(old.id).then((r) => r ?? undefined));
    expect(await signatureOf(young.id)).toBeNull();
    expect(await createSweepPendingProcessor(c)()).toMatchObject({ unindexed: 0 });
    expect(await c.db.similarityPosting.count({ where: { suggestionId: old.id } })).toBeGreaterThan(0);
  });

  it("when a stored signature is from an older algorithm version, then the sweep queues it again", async () => {
    const s = await insertSuggestion(c.db, { ...HEATING, submittedAt: new Date(Date.now() - 120_000) });
    await c.services.similarity.indexSuggestion(s.id);
    await c.db.similaritySignature.update({ where: { suggestionId: s.id }, data: { version: SIGNATURE_VERSION - 1 } });
    expect(await c.services.similarity.stillUnindexed([s.id])).toEqual(new Set([s.id]));
    workers = startWorkers(c, connection, { queues: ["indexing"] });
    await createSweepPendingProcessor(c)();
    await eventually(async () => (await signatureOf(s.id))?.version === SIGNATURE_VERSION);
  });
});
