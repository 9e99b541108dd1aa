// Routing throughput, measured the honest way: N suggestions are committed through the real submission path (the
// app's own web process, autocannon in another) while no worker runs, so no outbox relay hears their notices and
// nothing is queued; then the real worker process
// (workers/index.ts, NODE_ENV=production, LOG_LEVEL=warn) is started alone, as `npm start` starts it (one process for
// routing and maintenance, one for email, indexing and reports), with email delivery to an SMTP sink in this process, and routes them. Its rate is taken from the span of the suggestions' routedAt. The baseline is a bare
// BullMQ worker process at the same concurrency whose processor does one `pg` UPDATE by id, measured the same way
// (span of its own timestamps). Baseline and real worker are alternated twice.
//
//   npx tsx bench/route.bench.ts    BENCH_ROUTE_SUGGESTIONS=1500 BENCH_DATABASE_URL BENCH_REDIS_PREFIX BENCH_PORT
//                                   BENCH_CPU_PROF_DIR (profile the worker process)
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { BENCH, appEnv, benchPool, clearRedis, prepareDatabase } from "./lib/setup.ts";
import { startProcess, waitForHttp, waitUntil, type Proc } from "./lib/processes.ts";
import { countOf, failures, formatLine, runLoad } from "./lib/load.ts";
import { everydayFields, FORM_URLENCODED, openPage, urlencoded } from "./lib/forms.ts";
import { header, median, ratio, writeResult } from "./lib/report.ts";
import { startSmtpSink } from "./lib/smtp-sink.ts";
import { CONCURRENCY } from "../workers/start-workers.ts";
import { QUEUES } from "../src/platform/queues.ts";
import { WORKER_PROCESSES } from "../src/cli/worker-processes.ts";

const N = Number(process.env.BENCH_ROUTE_SUGGESTIONS ?? 1500);
const ROUNDS = 2;
const BASELINE_QUEUE = "bench-route";
const TIMEOUT_MS = 15 * 60_000;

interface Span {
  count: number;
  first: Date;
  last: Date;
}
const perSecond = (s: Span) => (s.count - 1) / Math.max((s.last.getTime() - s.first.getTime()) / 1000, 0.001);

async function main(): Promise<void> {
  const m = header(`routing: the worker process routing ${N} suggestions vs a bare BullMQ worker doing one pg UPDATE per job`, [
    `concurrency ${CONCURRENCY.routing} (workers/start-workers.ts) for both; email delivery running in its own worker process (SMTP sink in the bench process)`,
  ]);
  const db = await prepareDatabase();
  await clearRedis();
  const pool = benchPool();
  const sink = await startSmtpSink();
  const redis = new Redis(BENCH.redisUrl, { maxRetriesPerRequest: null });
  const procs: Proc[] = [];
  const appUrl = `http://127.0.0.1:${BENCH.port}`;
  try {
    const web = startProcess("web", "src/server.ts", appEnv());
    procs.push(web);
    await waitForHttp(`${appUrl}/healthz`, web);
    const session = await openPage(`${appUrl}/suggestions/new`);
    const body = urlencoded({ _csrf: session.csrf, ...(await everydayFields(db)) });
    const routingQueue = new Queue(QUEUES.routing, { connection: redis, prefix: BENCH.redisPrefix });
    const baselineQueue = new Queue(BASELINE_QUEUE, { connection: redis, prefix: BENCH.redisPrefix });
    const emailQueue = new Queue(QUEUES.email, { connection: redis, prefix: BENCH.redisPrefix });
    const indexingQueue = new Queue(QUEUES.indexing, { connection: redis, prefix: BENCH.redisPrefix });

    async function baselineRun(): Promise<Span> {
      await pool.query(`DROP TABLE IF EXISTS bench_route`);
      await pool.query(`CREATE TABLE bench_route (id serial PRIMARY KEY, routed_at timestamptz)`);
      await pool.query(`INSERT INTO bench_route (routed_at) SELECT NULL FROM generate_series(1, $1)`, [N]);
      await baselineQueue.obliterate({ force: true });
      // The same job shape as the real one: an id only, a deterministic job id, the same retry and removal options.
      const jobs = Array.from({ length: N }, (_, i) => ({ name: "route", data: { id: i + 1 }, opts: { jobId: `bench-route-${i + 1}`, attempts: 8, removeOnComplete: true, removeOnFail: false } }));
      for (let i = 0; i < jobs.length; i += 500) await baselineQueue.addBulk(jobs.slice(i, i + 500));
      const worker = startProcess("baseline-worker", "bench/baseline/update-worker.ts", {
        REDIS_URL: BENCH.redisUrl, REDIS_PREFIX: BENCH.redisPrefix, DATABASE_URL: BENCH.databaseUrl, QUEUE: BASELINE_QUEUE, CONCURRENCY: String(CONCURRENCY.routing),
      });
      procs.push(worker);
      try {
        await waitUntil("the baseline worker", async () => Number((await pool.query(`SELECT count(*) AS n FROM bench_route WHERE routed_at IS NULL`)).rows[0]?.n) === 0, TIMEOUT_MS, 100);
      } finally {
        await worker.stop();
        procs.splice(procs.indexOf(worker), 1);
      }
      const row = (await pool.query<{ n: string; first: Date; last: Date }>(`SELECT count(*) AS n, min(routed_at) AS first, max(routed_at) AS last FROM bench_route`)).rows[0];
      if (!row) throw new Error("no baseline rows");
      return { count: Number(row.n), first: row.first, last: row.last };
    }

    async function realRun(round: number) {
      await db.$executeRawUnsafe(`TRUNCATE "Suggestion", "EmailMessage" RESTART IDENTITY CASCADE`);
      await clearRedis();
      // Committed through the real path while no worker runs: N suggestions and N acknowledgement emails wait, and no
      // job (the request queues nothing; the relay starts with the worker and catches up, as after any downtime).
      const submitted = await runLoad({ label: `submit ${N} (round ${round})`, url: `${appUrl}/suggestions/new`, method: "POST", headers: { ...FORM_URLENCODED, cookie: session.cookie }, body, connections: BENCH.connections, durationSec: 600, amount: N });
      console.log(formatLine(submitted));
      const pending = await db.suggestion.count({ where: { routingState: "PENDING" } });
      const waiting = await routingQueue.getJobCountByTypes("waiting", "prioritized");
      if (failures(submitted, 303) > 0 || countOf(submitted, 303) !== N || pending !== N || waiting !== 0) {
        throw new Error(`expected ${N} stored suggestions and no job yet: ${countOf(submitted, 303)} × 303, ${pending} pending, ${waiting} jobs waiting`);
      }
      const sentBefore = sink.received();
      // As `npm start` runs them (src/cli/start.ts): routing + maintenance in one process, email + indexing + reports in another.
      // Email delivery is already running when the router starts, as on a live platform: the email process's own
      // start-up (seconds of module loading) does not overlap the routing span.
      const background = startProcess("background", "workers/index.ts", appEnv({ SMTP_URL: sink.url, ...WORKER_PROCESSES.background }), { cpuProfDir: BENCH.cpuProfDir });
      procs.push(background);
      await waitUntil("the email process to take jobs", async () => (await emailQueue.getWorkersCount()) > 0 && (await indexingQueue.getWorkersCount()) > 0, 120_000, 200);
      const worker = startProcess("worker", "workers/index.ts", appEnv({ SMTP_URL: sink.url, ...WORKER_PROCESSES.worker }), { cpuProfDir: BENCH.cpuProfDir });
      procs.push(worker);
      const started = Date.now();
      let routedMs: number;
      let emailsWhileRouting: number;
      try {
        await waitUntil("the worker to route every suggestion", async () => (await db.suggestion.count({ where: { routingState: "PENDING" } })) === 0, TIMEOUT_MS, 100);
        routedMs = Date.now() - started;
        emailsWhileRouting = sink.received() - sentBefore;
        // Each suggestion has its acknowledgement, and each assignment a department email: wait for all of them.
        const expected = await db.emailMessage.count();
        await waitUntil("every email to be delivered", async () => sink.received() - sentBefore >= expected, TIMEOUT_MS, 200);
      } finally {
        for (const p of [worker, background]) {
          await p.stop();
          procs.splice(procs.indexOf(p), 1);
        }
      }
      const [span] = await db.$queryRaw<{ count: bigint; first: Date; last: Date }[]>`
        SELECT count(*) AS count, min("routedAt") AS first, max("routedAt") AS last FROM "Suggestion"`;
      const states = await db.suggestion.groupBy({ by: ["routingState"], _count: true });
      const emails = await db.emailMessage.groupBy({ by: ["status"], _count: true });
      if (!span) throw new Error("no suggestions");
      return {
        span: { count: Number(span.count), first: span.first, last: span.last },
        startToDoneMs: routedMs,
        emailsWhileRouting,
        emailsDelivered: sink.received() - sentBefore,
        routingStates: Object.fromEntries(states.map((s) => [s.routingState, s._count])),
        emailStates: Object.fromEntries(emails.map((e) => [e.status, e._count])),
      };
    }

    const rounds = [];
    for (let r = 1; r <= ROUNDS; r++) {
      console.log(`round ${r}:`);
      const base = await baselineRun();
      const baseRate = perSecond(base);
      console.log(`  baseline: bare BullMQ worker + pg UPDATE        ${baseRate.toFixed(0).padStart(6)} jobs/s  (${base.count} jobs in ${((base.last.getTime() - base.first.getTime()) / 1000).toFixed(2)} s)`);
      const real = await realRun(r);
      const rate = perSecond(real.span);
      console.log(
        `  ours: workers/index.ts route-suggestion          ${rate.toFixed(0).padStart(6)} suggestions/s  (${real.span.count} in ${((real.span.last.getTime() - real.span.first.getTime()) / 1000).toFixed(2)} s; ` +
          `${(real.startToDoneMs / 1000).toFixed(1)} s from process start; ${real.emailsWhileRouting} emails delivered meanwhile, ${real.emailsDelivered} in all; ` +
          `routing ${JSON.stringify(real.routingStates)})  ratio ${ratio(rate, baseRate).toFixed(2)}`,
      );
      rounds.push({ baselineJobsPerSec: baseRate, baselineSpan: base, oursPerSec: rate, ratio: ratio(rate, baseRate), ...real });
    }
    const summary = {
      baselineJobsPerSec: median(rounds.map((r) => r.baselineJobsPerSec)),
      oursPerSec: median(rounds.map((r) => r.oursPerSec)),
      ratio: ratio(median(rounds.map((r) => r.oursPerSec)), median(rounds.map((r) => r.baselineJobsPerSec))),
    };
    console.log(`result: ${summary.oursPerSec.toFixed(0)} suggestions/s vs ${summary.baselineJobsPerSec.toFixed(0)} jobs/s → ratio ${summary.ratio.toFixed(2)} (target ≥ 0.30)`);
    writeResult("route", { bench: "route", at: new Date().toISOString(), machine: m, suggestions: N, concurrency: CONCURRENCY.routing, summary, rounds });
    await routingQueue.close();
    await baselineQueue.close();
  } finally {
    for (const p of procs.reverse()) await p.stop();
    await clearRedis();
    redis.disconnect();
    await sink.close();
    await pool.end();
    await db.$disconnect();
  }
}

await main();
