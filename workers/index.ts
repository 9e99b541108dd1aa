// The worker process (`npm run worker`): one BullMQ Worker per queue of WORKER_QUEUES (all by default); where it
// runs the maintenance queue, the outbox relay (workers/outbox-relay.ts, started with the workers), the job
// schedulers (sweep, deadline scan) and one sweep at start-up and again whenever Redis is reachable after an outage;
// a graceful close on SIGTERM/SIGINT. Any number of these may run against the
// same Redis.
import { setPriority } from "node:os";
import { loadConfig } from "../src/config.ts";
import { createContainer } from "../src/container.ts";
import { createRedis } from "../src/platform/redis.ts";
import { JOBS } from "../src/platform/queues.ts";
import { redactUrl } from "../src/platform/redact-url.ts";
import { startWorkers } from "./start-workers.ts";
import { createSweepPendingProcessor } from "./processors/sweep-pending.ts";

/** Deterministic, so every worker process upserts the same scheduler instead of adding one each. */
const SWEEP_SCHEDULER_ID = "sweep-pending";
const SCAN_DEADLINES_SCHEDULER_ID = "scan-deadlines";
const TRAIN_ROUTING_MODEL_SCHEDULER_ID = "train-routing-model";
/** Confirmed assignments grow by tens a day: retraining nightly (Shanghai time, off hours) keeps the model current. */
const TRAIN_ROUTING_MODEL_PATTERN = "0 3 * * *";
/**
 * Deadlines are whole working days and reminders go out days ahead, so a quarter of an hour is prompt enough; the
 * scan is idempotent, so a shorter interval would only cost queries.
 */
const SCAN_DEADLINES_EVERY_MS = 15 * 60_000;
const MONTHLY_REPORT_SCHEDULER_ID = "send-monthly-report";
/** 06:00 on the 1st in Shanghai: last month is complete, and the report is in the inbox when the office opens. */
const MONTHLY_REPORT_PATTERN = "0 6 1 * *";
const SHUTDOWN_GRACE_MS = 30_000;

const config = loadConfig();
// Only ever lowered (raising priority needs privileges): see WORKER_NICE in config.ts.
if (config.workerNice > 0) setPriority(config.workerNice);
/** The schedulers and the sweeps belong to the processes that run the maintenance queue. */
const runsMaintenance = config.workerQueues.includes("maintenance");
const c = createContainer(config, { name: "worker" });
const log = c.logger;
// Deadlines set by jobs (the router's reply deadline) use what administrators saved, kept fresh while running.
const stopRefreshing = await c.services.deadlineAdmin.startRefreshing();

// Workers block on Redis by design (maxRetriesPerRequest: null); ioredis reconnects on its own, so an outage is
// one clear line when it starts and one when it ends, not a crash and not a line per retry.
const connection = createRedis(config.redisUrl, "worker");
const redisHost = new URL(config.redisUrl);
let redisDown = false;
/** Set when the connection closes; the next 'ready' then re-creates the schedulers (see ensureSchedules). */
let lostSinceReady = false;
connection.on("close", () => {
  lostSinceReady = true;
});
connection.on("error", (err: Error) => {
  if (redisDown) return;
  redisDown = true;
  log.error(
    `Redis is not reachable at ${redactUrl(config.redisUrl)} (${err.message}); retrying. ` +
      `Start it with: redis-server --daemonize yes --bind ${redisHost.hostname} --port ${redisHost.port || "6379"}`,
  );
});
connection.on("ready", () => {
  if (redisDown) log.info("Redis is reachable again; processing resumes");
  redisDown = false;
  // A Redis that restarted without persistence (or was failed over, or flushed) comes back without the job
  // schedulers: nothing would sweep or scan deadlines again until a restart. Upserting them is idempotent, so
  // this runs after every reconnect, and the sweep queues what was committed while Redis was away.
  if (lostSinceReady) {
    lostSinceReady = false;
    ensureSchedules("reconnected");
  }
});

const set = startWorkers(c, connection, { queues: [...config.workerQueues] });
log.info({ queues: set.workers.map((w) => w.name), prefix: config.redisPrefix }, "worker started");

let stopping = false;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** The schedulers need Redis: keep trying until it is there (or the process is asked to stop). */
async function scheduleJobs(): Promise<boolean> {
  for (let delay = 500; !stopping; delay = Math.min(delay * 2, 5_000)) {
    try {
      await c.queues.maintenance.upsertJobScheduler(
        SWEEP_SCHEDULER_ID,
        { every: config.sweepEveryMs },
        {
          name: JOBS.sweepPending,
          data: {},
          // The next run comes anyway: no retries, and only the latest failures are worth keeping.
          opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 },
        },
      );
      log.info({ everyMs: config.sweepEveryMs }, "sweep scheduled");
      await c.queues.maintenance.upsertJobScheduler(
        SCAN_DEADLINES_SCHEDULER_ID,
        { every: SCAN_DEADLINES_EVERY_MS },
        { name: JOBS.scanDeadlines, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } },
      );
      log.info({ everyMs: SCAN_DEADLINES_EVERY_MS }, "deadline scan scheduled");
      await c.queues.maintenance.upsertJobScheduler(
        TRAIN_ROUTING_MODEL_SCHEDULER_ID,
        { pattern: TRAIN_ROUTING_MODEL_PATTERN, tz: "Asia/Shanghai" },
        { name: JOBS.trainRoutingModel, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } },
      );
      log.info({ pattern: TRAIN_ROUTING_MODEL_PATTERN }, "routing model training scheduled");
      await c.queues.reports.upsertJobScheduler(
        MONTHLY_REPORT_SCHEDULER_ID,
        { pattern: MONTHLY_REPORT_PATTERN, tz: "Asia/Shanghai" },
        { name: JOBS.sendMonthlyReport, data: {}, opts: { attempts: 3, backoff: { type: "exponential", delay: 60_000 }, removeOnComplete: 12, removeOnFail: 12 } },
      );
      log.info({ pattern: MONTHLY_REPORT_PATTERN }, "monthly report scheduled");
      return true;
    } catch {
      await sleep(delay);
    }
  }
  return false;
}

async function scheduleAndSweep(why: "start-up" | "reconnected"): Promise<void> {
  if (!(await scheduleJobs())) return;
  // Work left over from a crash or a Redis outage should not wait for the first scheduled run.
  try {
    const result = await createSweepPendingProcessor(c)();
    log.info({ ...result, why }, `${why} sweep done`);
    // A fresh installation (or a lost model) should not wait until 03:00 for its first model.
    if ((await c.services.routingModel.latest()) === null) await c.enqueuer.trainRoutingModel();
  } catch (err) {
    log.warn({ err: (err as Error).message, why }, `${why} sweep failed; the scheduled sweep will catch up`);
  }
}

let scheduling: Promise<void> | undefined;
let again = false;
/** One run at a time; a reconnect during a run asks for one more, since the run may have met the old Redis. */
function ensureSchedules(why: "start-up" | "reconnected"): void {
  if (!runsMaintenance) return;
  if (scheduling) {
    again = true;
    return;
  }
  scheduling = scheduleAndSweep(why).finally(() => {
    scheduling = undefined;
    if (again && !stopping) {
      again = false;
      ensureSchedules("reconnected");
    }
  });
}
ensureSchedules("start-up");

async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    log.warn({ signal }, "second signal: exiting without waiting for running jobs");
    process.exit(1);
  }
  stopping = true;
  log.info({ signal }, "worker shutting down; waiting for running jobs");
  const force = setTimeout(() => {
    log.error("running jobs did not finish in time; exiting (their jobs will be retried as stalled)");
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  try {
    // Jobs interrupted this way are picked up again by another worker's stalled-job check.
    await set.close(connection.status !== "ready");
    stopRefreshing();
    await c.close();
    connection.disconnect();
    log.info("worker stopped");
    process.exit(0);
  } catch (err) {
    log.error({ err: (err as Error).message }, "worker did not close cleanly");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
