// Queue names, job names and the producer side. Jobs carry ids only and have deterministic ids so that
// enqueueing the same work twice (request path + sweep) yields one job; processors re-read the row anyway.
import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "./logger.ts";

export const QUEUES = {
  routing: "routing",
  email: "email",
  maintenance: "maintenance",
  /** Text work on a saved suggestion (the similarity signature): CPU-bound jieba, kept off the routing queue. */
  indexing: "indexing",
  reports: "reports",
} as const;

export const JOBS = {
  routeSuggestion: "route-suggestion",
  sendEmail: "send-email",
  sweepPending: "sweep-pending",
  scanDeadlines: "scan-deadlines",
  indexSuggestion: "index-suggestion",
  trainRoutingModel: "train-routing-model",
  buildReport: "build-report",
  sendMonthlyReport: "send-monthly-report",
} as const;

export interface RouteSuggestionData { suggestionId: number }
export interface SendEmailData { emailId: number }
export interface IndexSuggestionData { suggestionId: number }

/** Deterministic, so enqueueing the same suggestion twice (submission path + sweep) yields one job; no ':'. */
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
  const indexing = make(QUEUES.indexing);
  const reports = make(QUEUES.reports);
  return {
    routing,
    email,
    maintenance,
    indexing,
    reports,
    async close() {
      await Promise.all([routing.close(), email.close(), maintenance.close(), indexing.close(), reports.close()]);
    },
  };
}

/** Work a committed row still needs. Failure is logged, never thrown: the sweep picks the row up later. */
export interface Enqueuer {
  routeSuggestion(suggestionId: number): Promise<boolean>;
  sendEmails(emailIds: number[]): Promise<boolean>;
  indexSuggestion(suggestionId: number): Promise<boolean>;
  buildReport(reportRunId: number): Promise<boolean>;
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

export function createEnqueuer(queues: Pick<Queues, "routing" | "email" | "indexing" | "reports">, logger: Logger, connected: () => boolean = () => true): Enqueuer {
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
      attempt(`route-suggestion ${suggestionId}`, () =>
        queues.routing.add(JOBS.routeSuggestion, { suggestionId } satisfies RouteSuggestionData, {
          jobId: `route-suggestion-${suggestionId}`,
        }),
      ),
    indexSuggestion: (suggestionId) =>
      attempt(`index-suggestion ${suggestionId}`, () =>
        queues.indexing.add(JOBS.indexSuggestion, { suggestionId } satisfies IndexSuggestionData, {
          jobId: indexSuggestionJobId(suggestionId),
        }),
      ),
    sendEmails: async (emailIds) => {
      if (emailIds.length === 0) return true;
      return attempt(`send-email ${emailIds.join(",")}`, () =>
        queues.email.addBulk(
          emailIds.map((emailId) => ({
            name: JOBS.sendEmail,
            data: { emailId } satisfies SendEmailData,
            opts: { jobId: `send-email-${emailId}` },
          })),
        ),
      );
    },
    buildReport: (reportRunId) =>
      attempt(`build-report ${reportRunId}`, () =>
        queues.reports.add(JOBS.buildReport, { reportRunId } satisfies BuildReportData, {
          jobId: `build-report-${reportRunId}`,
          // A report is a long query: two tries, then the run is marked failed for the user to ask again.
          attempts: 2,
        }),
      ),
  };
}
