// Queue names, job names and the producer side. Jobs carry ids only and have deterministic ids so that
// enqueueing the same work twice (outbox relay + sweep, two relays, a request + the sweep) yields one job;
// processors re-read the row anyway.
import { FlowProducer, Queue, type FlowJob, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { WorkerQueue } from "../config.ts";
import type { Logger } from "./logger.ts";

export const QUEUES = {
  routing: "routing",
  email: "email",
  maintenance: "maintenance",
  /** Text work on a saved suggestion (the similarity signature): CPU-bound jieba, kept off the routing queue. */
  indexing: "indexing",
  reports: "reports",
} as const satisfies Record<WorkerQueue, string>;

export const JOBS = {
  routeSuggestion: "route-suggestion",
  sendEmail: "send-email",
  sweepPending: "sweep-pending",
  scanDeadlines: "scan-deadlines",
  openRound: "open-round",
  closeRound: "close-round",
  indexSuggestion: "index-suggestion",
  trainRoutingModel: "train-routing-model",
  buildReport: "build-report",
  sendMonthlyReport: "send-monthly-report",
} as const;

export interface RouteSuggestionData { suggestionId: number }
export interface SendEmailData { emailId: number }
export interface RoundJobData { roundId: number }
export type RoundJobName = typeof JOBS.openRound | typeof JOBS.closeRound;
export interface IndexSuggestionData { suggestionId: number }

/** Deterministic, so enqueueing the same suggestion twice (outbox relay + sweep) yields one job; no ':'. */
export function indexSuggestionJobId(suggestionId: number): string {
  return `index-suggestion-${suggestionId}`;
}
export interface BuildReportData { reportRunId: number }

const RETRYING: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 2_000 },
  // Completed jobs are removed so a later sweep may enqueue the same id again; the processors are idempotent.
  removeOnComplete: true,
  // Failed jobs are kept for operators to inspect and retry.
  removeOnFail: false,
};

export interface Queues {
  routing: Queue;
  email: Queue;
  maintenance: Queue;
  /** Adds jobs of several queues in one Redis round trip (see Enqueuer.committed). */
  producer: FlowProducer;
  indexing: Queue;
  reports: Queue;
  close(): Promise<void>;
}

export function createQueues(connection: Redis, prefix: string, onError: (err: Error) => void = () => undefined): Queues {
  const make = (name: string) => {
    const queue = new Queue(name, { connection, prefix, defaultJobOptions: RETRYING });
    // Without a listener an 'error' event (Redis down) would crash the process.
    queue.on("error", onError);
    return queue;
  };
  const routing = make(QUEUES.routing);
  const email = make(QUEUES.email);
  const maintenance = make(QUEUES.maintenance);
  const producer = new FlowProducer({ connection, prefix });
  producer.on("error", onError);
  const indexing = make(QUEUES.indexing);
  const reports = make(QUEUES.reports);
  return {
    routing,
    email,
    maintenance,
    indexing,
    producer,
    reports,
    async close() {
      await Promise.all([routing.close(), email.close(), maintenance.close(), indexing.close(), producer.close(), reports.close()]);
    },
  };
}

/** Work a committed row still needs. Failure is logged, never thrown: the sweep picks the row up later. */
export interface Enqueuer {
  routeSuggestion(suggestionId: number): Promise<boolean>;
  sendEmails(emailIds: number[]): Promise<boolean>;
  /**
   * Many committed rows' routing, indexing and email jobs in ONE Redis round trip: the outbox relay's batches
   * (workers/outbox-relay.ts). The same job names, data, ids and options as routeSuggestion, indexSuggestion and
   * sendEmails, so a job queued here and one queued by the sweep are the same job.
   */
  committed(work: CommittedWork): Promise<boolean>;
  indexSuggestion(suggestionId: number): Promise<boolean>;
  buildReport(reportRunId: number): Promise<boolean>;
  /**
   * Plans a round's open-round or close-round job to run at `at` (null: no job), replacing a job planned for another
   * time. `now` is the caller's clock, so a test's pinned clock and the delay agree.
   */
  planRoundJob(name: RoundJobName, roundId: number, at: Date | null, now: Date): Promise<boolean>;
  /** An administrator's "retrain now": one job at a time whatever the clicks (the scheduler runs it daily anyway). */
  trainRoutingModel(): Promise<boolean>;
}

/** Ids of committed rows whose jobs are to be queued (see Enqueuer.committed). */
export interface CommittedWork {
  routeSuggestions?: readonly number[];
  indexSuggestions?: readonly number[];
  sendEmails?: readonly number[];
}

/** One job per round and kind: the deterministic id makes planning twice (edit, sweep, restart) a no-op. */
export function roundJobId(name: RoundJobName, roundId: number): string {
  return `${name}-${roundId}`;
}

const ENQUEUE_TIMEOUT_MS = 1_500;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`enqueue timed out after ${ms} ms`)), ms);
    p.then(
      (v) => { clearTimeout(timer); resolve(v); },
      (e: unknown) => { clearTimeout(timer); reject(e instanceof Error ? e : new Error(String(e))); },
    );
  });
}

const routeJob = (suggestionId: number) => ({
  name: JOBS.routeSuggestion,
  data: { suggestionId } satisfies RouteSuggestionData,
  opts: { jobId: `route-suggestion-${suggestionId}` },
});

const indexJob = (suggestionId: number) => ({
  name: JOBS.indexSuggestion,
  data: { suggestionId } satisfies IndexSuggestionData,
  opts: { jobId: indexSuggestionJobId(suggestionId) },
});

const emailJob = (emailId: number) => ({
  name: JOBS.sendEmail,
  data: { emailId } satisfies SendEmailData,
  opts: { jobId: `send-email-${emailId}` },
});

export function createEnqueuer(queues: Pick<Queues, "routing" | "email" | "maintenance" | "indexing" | "producer" | "reports">, logger: Logger, connected: () => boolean = () => true): Enqueuer {
  async function attempt(what: string, fn: () => Promise<unknown>): Promise<boolean> {
    // Known to be down: do not make the citizen wait for a timeout; the sweep enqueues it later.
    if (!connected()) {
      logger.warn({ what }, "redis not connected; the sweep will enqueue later");
      return false;
    }
    try {
      await withTimeout(fn(), ENQUEUE_TIMEOUT_MS);
      return true;
    } catch (err) {
      logger.warn({ err: (err as Error).message, what }, "enqueue failed; the sweep will retry");
      return false;
    }
  }
  return {
    routeSuggestion: (suggestionId) =>
      attempt(`route-suggestion ${suggestionId}`, () => {
        const job = routeJob(suggestionId);
        return queues.routing.add(job.name, job.data, job.opts);
      }),
    indexSuggestion: (suggestionId) =>
      attempt(`index-suggestion ${suggestionId}`, () => {
        const job = indexJob(suggestionId);
        return queues.indexing.add(job.name, job.data, job.opts);
      }),
    trainRoutingModel: () =>
      attempt("train-routing-model", () =>
        queues.maintenance.add(JOBS.trainRoutingModel, {}, { jobId: "train-routing-model-now", attempts: 1, removeOnFail: 100 }),
      ),
    sendEmails: async (emailIds) => {
      if (emailIds.length === 0) return true;
      return attempt(`send-email ${emailIds.join(",")}`, () => queues.email.addBulk(emailIds.map(emailJob)));
    },
    committed: async ({ routeSuggestions = [], indexSuggestions = [], sendEmails = [] }) => {
      const count = routeSuggestions.length + indexSuggestions.length + sendEmails.length;
      if (count === 0) return true;
      return attempt(`${count} jobs of committed rows`, () => {
        // Jobs without children: a flow producer adds them as plain jobs, all in one MULTI. It does not apply the
        // queues' default options, so they are given here.
        const flows: FlowJob[] = [
          ...routeSuggestions.map((id) => ({ ...routeJob(id), queueName: QUEUES.routing })),
          ...indexSuggestions.map((id) => ({ ...indexJob(id), queueName: QUEUES.indexing })),
          ...sendEmails.map((id) => ({ ...emailJob(id), queueName: QUEUES.email })),
        ].map((job) => ({ ...job, opts: { ...RETRYING, ...job.opts } }));
        return queues.producer.addBulk(flows);
      });
    },
    buildReport: (reportRunId) =>
      attempt(`build-report ${reportRunId}`, () =>
        queues.reports.add(JOBS.buildReport, { reportRunId } satisfies BuildReportData, {
          jobId: `build-report-${reportRunId}`,
          // A report is a long query: two tries, then the run is marked failed for the user to ask again.
          attempts: 2,
        }),
      ),
    planRoundJob: (name, roundId, at, now) =>
      attempt(`${name} ${roundId}`, async () => {
        const jobId = roundJobId(name, roundId);
        const existing = await queues.maintenance.getJob(jobId);
        if (existing) {
          const state = await existing.getState();
          // Already planned for that time: nothing to do. A running job re-reads the round and re-plans if needed.
          if (state === "active") return;
          if (at && (state === "delayed" || state === "waiting") && existing.timestamp + (existing.opts.delay ?? 0) === at.getTime()) return;
          await existing.remove();
        }
        if (!at) return;
        const delay = Math.max(0, at.getTime() - now.getTime());
        await queues.maintenance.add(name, { roundId } satisfies RoundJobData, { jobId, delay, timestamp: at.getTime() - delay });
      }),
  };
}
