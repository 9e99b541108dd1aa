// One BullMQ Worker per queue, each dispatching by job name to the processor of that job (workers/processors/), and,
// with the maintenance queue, the outbox relay that queues new suggestions' jobs (workers/outbox-relay.ts).
// Used by workers/index.ts and by the integration tests, which run the same wiring in-process.
import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Container } from "../src/container.ts";
import { NETWORK_CODES } from "../src/platform/outages.ts";
import { JOBS, QUEUES } from "../src/platform/queues.ts";
import { createRouteSuggestionProcessor } from "./processors/route-suggestion.ts";
import { createSendEmailProcessor } from "./processors/send-email.ts";
import { createSweepPendingProcessor } from "./processors/sweep-pending.ts";
import { createScanDeadlinesProcessor } from "./processors/scan-deadlines.ts";
import { createOpenRoundProcessor } from "./processors/open-round.ts";
import { createCloseRoundProcessor } from "./processors/close-round.ts";
import { createIndexSuggestionProcessor } from "./processors/index-suggestion.ts";
import { createTrainRoutingModelProcessor } from "./processors/train-routing-model.ts";
import { createBuildReportProcessor } from "./processors/build-report.ts";
import { createSendMonthlyReportProcessor } from "./processors/send-monthly-report.ts";
import { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from "./outbox-relay.ts";

export type QueueName = keyof typeof QUEUES;
type Processor = (job: Job) => Promise<unknown>;

/**
 * Routing is short database work plus some jieba CPU; email waits on SMTP; the maintenance scans walk tables and
 * gain nothing from running side by side; indexing is jieba CPU on a small host; a report is a few full scans of the
 * summary table, one at a time. Every worker process adds its own share, so these stay modest.
 */
export const CONCURRENCY: Readonly<Record<QueueName, number>> = { routing: 4, email: 4, maintenance: 1, indexing: 2, reports: 1 };

export function processorsFor(c: Container): Record<QueueName, Record<string, Processor>> {
  return {
    routing: { [JOBS.routeSuggestion]: createRouteSuggestionProcessor(c) },
    email: { [JOBS.sendEmail]: createSendEmailProcessor(c) },
    maintenance: {
      [JOBS.sweepPending]: createSweepPendingProcessor(c),
      [JOBS.scanDeadlines]: createScanDeadlinesProcessor(c),
      [JOBS.openRound]: createOpenRoundProcessor(c),
      [JOBS.closeRound]: createCloseRoundProcessor(c),
      [JOBS.trainRoutingModel]: createTrainRoutingModelProcessor(c),
    },
    indexing: { [JOBS.indexSuggestion]: createIndexSuggestionProcessor(c) },
    reports: { [JOBS.buildReport]: createBuildReportProcessor(c), [JOBS.sendMonthlyReport]: createSendMonthlyReportProcessor(c) },
  };
}

/** Redis being unreachable, which the connection's own listener reports once; everything else is worth a log line. */
export function isRedisConnectionError(err: Error): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return (code !== undefined && NETWORK_CODES.has(code)) || /Connection is closed|connect ETIMEDOUT|Stream isn't writeable/i.test(err.message);
}

/** Job errors can quote SMTP replies, which quote addresses: those stay out of the logs. */
function scrub(message: string): string {
  return message.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, "[address]").slice(0, 500);
}

export interface WorkerSet {
  workers: Worker[];
  /** Started with the maintenance queue, like the sweep it works ahead of. */
  relay: OutboxRelay | undefined;
  /**
   * Stops taking jobs and waits for the running ones to finish. `force` does not wait: for when Redis is
   * unreachable, where a graceful close would wait for it forever and a running job could not finish anyway.
   */
  close(force?: boolean): Promise<void>;
}

export function startWorkers(
  c: Container,
  connection: Redis,
  /** `relay: false` leaves the relay out (a test of the sweep alone); options tune it (tests). */
  opts: { queues?: QueueName[]; concurrency?: Partial<Record<QueueName, number>>; relay?: OutboxRelayOptions | false } = {},
): WorkerSet {
  const processors = processorsFor(c);
  const names = opts.queues ?? (Object.keys(QUEUES) as QueueName[]);
  const workers = names.map((name) => {
    const table = processors[name];
    const worker = new Worker(
      QUEUES[name],
      async (job: Job) => {
        const run = table[job.name];
        if (!run) throw new UnrecoverableError(`no processor for job ${job.name} on queue ${QUEUES[name]}`);
        return run(job);
      },
      { connection, prefix: c.config.redisPrefix, concurrency: opts.concurrency?.[name] ?? CONCURRENCY[name] },
    );
    // Without an 'error' listener a lost Redis connection would crash the process.
    worker.on("error", (err) => {
      if (!isRedisConnectionError(err)) c.logger.error({ queue: name, err: scrub(err.message) }, "worker error");
    });
    worker.on("failed", (job, err) => {
      const attempts = job?.opts.attempts ?? 1;
      const willRetry = job !== undefined && err.name !== "UnrecoverableError" && job.attemptsMade < attempts;
      c.logger.warn(
        { queue: name, job: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade, willRetry, err: scrub(err.message) },
        willRetry ? "job attempt failed; retrying with backoff" : "job failed",
      );
    });
    return worker;
  });
  const relay = names.includes("maintenance") && opts.relay !== false ? startOutboxRelay(c, opts.relay) : undefined;
  return {
    workers,
    relay,
    async close(force = false) {
      // The relay first: what it heard is queued while the connections are still open.
      await relay?.close();
      await Promise.all(workers.map((w) => w.close(force)));
    },
  };
}
