// sweep-pending (a job scheduler on the maintenance queue): finds work committed to PostgreSQL but never queued —
// Redis was down, no outbox relay was listening, or a process died between commit and enqueue — and queues it again.
// Deterministic job ids make a second enqueue of work that is already queued a no-op. The outbox relay
// (workers/outbox-relay.ts) queues new suggestions' work within milliseconds and catches up by itself whenever it
// reconnects; this is the safety net behind it.
import type { Queue } from "bullmq";
import type { Container } from "../../src/container.ts";
import { JOBS } from "../../src/platform/queues.ts";
import { positiveId } from "./job-data.ts";

/**
 * Work younger than the grace (SWEEP_GRACE_MS, 30 s by default) is left alone: the outbox relay, or the request or
 * job that committed it, is queueing it right now (see src/config.ts).
 */
/** Per kind of work and per run; a bigger backlog is taken in the next runs, oldest first. */
export const SWEEP_BATCH = 500;

export interface SweepResult {
  suggestions: number;
  emails: number;
  /** Suggestions without a similarity signature, queued for indexing. */
  unindexed: number;
  /** Failed jobs whose row still waits, put back in the queue (see reviveFailed). */
  revived: number;
  /** Scheduled and open rounds whose open-round / close-round jobs were planned again. */
  rounds: number;
}

/**
 * A job that used up its attempts (PostgreSQL or SMTP down for minutes) stays in the failed set, and its
 * deterministic id then turns every later enqueue into a no-op: without this, its row would wait forever.
 * Failed jobs whose row is done or gone (UnrecoverableError) stay failed, for an operator to look at.
 */
async function reviveFailed(
  queue: Queue,
  jobName: string,
  idKey: string,
  stillPending: (ids: number[]) => Promise<Set<number>>,
  limit: number,
): Promise<number> {
  // Newest first: failures that will never be revived sink to the end of the list and cannot crowd it out.
  const failed = (await queue.getJobs(["failed"], 0, limit - 1, false)).filter((job) => job?.name === jobName);
  const withIds = failed.map((job) => ({ job, id: positiveId(job.data, idKey) }));
  const pending = await stillPending(withIds.flatMap(({ id }) => (id === null ? [] : [id])));
  let revived = 0;
  for (const { job, id } of withIds) {
    if (id === null || !pending.has(id)) continue;
    try {
      await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
      revived += 1;
    } catch {
      // Retried by another worker's sweep in the meantime: nothing to do.
    }
  }
  return revived;
}

export function createSweepPendingProcessor(c: Container, opts: { graceMs?: number; batch?: number } = {}) {
  const graceMs = opts.graceMs ?? c.config.sweepGraceMs;
  const batch = opts.batch ?? SWEEP_BATCH;
  const { routing, notifications, similarity } = c.services;

  return async (): Promise<SweepResult> => {
    const cutoff = new Date(c.now().getTime() - graceMs);
    const [suggestionIds, emailIds, unindexedIds] = await Promise.all([
      routing.findUnrouted(cutoff, batch),
      notifications.findUnsent(cutoff, batch),
      similarity.findUnindexed(cutoff, batch),
    ]);
    // One Redis round trip for all of it (a backlog is up to three batches of ids), as the outbox relay queues.
    const queued = await c.enqueuer.committed({ routeSuggestions: suggestionIds, sendEmails: emailIds, indexSuggestions: unindexedIds });
    // The enqueuer has logged why; failing the sweep job makes it visible in the queue too.
    if (!queued) throw new Error("sweep could not queue all pending work (is Redis reachable?)");

    const revived =
      (await reviveFailed(c.queues.routing, JOBS.routeSuggestion, "suggestionId", routing.stillUnrouted, batch)) +
      (await reviveFailed(c.queues.email, JOBS.sendEmail, "emailId", notifications.stillUnsent, batch)) +
      (await reviveFailed(c.queues.indexing, JOBS.indexSuggestion, "suggestionId", similarity.stillUnindexed, batch));

    // A round's jobs lost with Redis, or never planned because Redis was down at the save, are planned again; a
    // round whose time passed meanwhile gets a job that runs at once.
    const rounds = await c.services.roundAdmin.replanAll();

    const result = { suggestions: suggestionIds.length, emails: emailIds.length, unindexed: unindexedIds.length, revived, rounds };
    if (result.suggestions + result.emails + result.unindexed + result.revived > 0) c.logger.info(result, "sweep queued work that was waiting");
    return result;
  };
}
