// The outbox relay (发件箱中继): queues a new suggestion's routing, indexing and acknowledgement-email jobs, so that
// the citizen's request queues nothing. The submission's statement already records that work (routingState PENDING,
// the EmailMessage row, the missing similarity signature) and announces its commit on SUBMITTED_CHANNEL
// (src/features/submissions/submitted-notice.ts). The relay LISTENs on a connection of its own, gathers the notices
// of a few milliseconds and queues the whole batch in one Redis round trip; the web process keeps neither the
// Redis round trip nor the socket writes, and a submission needs Redis not at all.
// The router's statement announces the emails it writes the same way, on EMAILS_CHANNEL (notifications'
// email-notice.ts), so a routing job does not queue them itself.
//
// NOTIFY is fire-and-forget: a notice sent while no relay listens is gone. So every time the relay (re)starts
// listening it catches up — the sweep's finders with no grace, paged, everything still waiting — and it does the same
// after a batch that Redis refused. The scheduled sweep (workers/processors/sweep-pending.ts) stays the safety net.
// It runs in every worker process that runs the maintenance queue (started by start-workers.ts): with several, each
// queues the same jobs, which the deterministic job ids make one.
import pg from "pg";
import type { Container } from "../src/container.ts";
import { EMAILS_CHANNEL, parseEmailNotice } from "../src/features/notifications/index.ts";
import { parseSubmittedNotice, SUBMITTED_CHANNEL } from "../src/features/submissions/index.ts";

export interface OutboxRelayOptions {
  /** How long notices are gathered before their batch is queued: a burst costs Redis one MULTI per window. */
  batchMs?: number;
  /** Suggestions per Redis round trip at most (each brings up to three jobs), so one MULTI stays small. */
  maxBatch?: number;
  /** Backoff between attempts to reconnect to PostgreSQL, and between catch-up attempts. */
  retryFirstMs?: number;
  retryMaxMs?: number;
  /** Ids per finder page during a catch-up. */
  catchUpPage?: number;
}

export interface OutboxRelay {
  /** Whether the LISTEN connection is up. */
  listening(): boolean;
  /** Stops listening and queues what it already heard (best-effort). */
  close(): Promise<void>;
}

export interface CatchUpResult {
  suggestions: number;
  emails: number;
  unindexed: number;
}

type RelayDeps = Pick<Container, "config" | "logger" | "enqueuer" | "redis" | "services">;

/** Seen in pg_stat_activity, so an operator (or a test) can tell the relay's connection from the pool's. */
export const RELAY_APPLICATION_NAME = "golden-ideas-outbox-relay";

/**
 * A catch-up takes everything still waiting, however young: the relay heard none of it. The web hosts' clocks write
 * submittedAt, so "now" on this host could be earlier than a row's time; a day ahead covers any sane skew.
 */
const catchUpCutoff = () => new Date(Date.now() + 24 * 60 * 60_000);

export function startOutboxRelay(deps: RelayDeps, opts: OutboxRelayOptions = {}): OutboxRelay {
  const batchMs = opts.batchMs ?? 5;
  const maxBatch = opts.maxBatch ?? 1_000;
  const retryFirstMs = opts.retryFirstMs ?? 500;
  const retryMaxMs = opts.retryMaxMs ?? 10_000;
  const page = opts.catchUpPage ?? 1_000;
  const log = deps.logger;
  const { routing, notifications, similarity } = deps.services;

  let closed = false;
  let client: pg.Client | undefined;
  let isListening = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let reconnectDelay = retryFirstMs;
  /** Set while PostgreSQL is unreachable: one log line when it goes, one when it is back. */
  let pgDown = false;

  /** Heard and not yet queued: suggestion ids, and the acknowledgement emails among them. */
  let suggestions = new Set<number>();
  let emails = new Set<number>();
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  /** A batch was refused (Redis down or slow): nothing is flushed until a catch-up has queued everything again. */
  let owed = false;
  let catchingUp: Promise<void> | undefined;
  let catchUpAgain = false;
  const sleepers = new Set<() => void>();

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  function scheduleFlush(): void {
    if (closed || owed || catchingUp || flushTimer || flushing || suggestions.size + emails.size === 0) return;
    flushTimer = setTimeout(flush, suggestions.size + emails.size >= maxBatch ? 0 : batchMs);
  }

  function flush(): void {
    flushTimer = undefined;
    if (suggestions.size + emails.size === 0) return;
    const ids = [...suggestions].slice(0, maxBatch);
    const emailIds: number[] = [];
    for (const id of ids) suggestions.delete(id);
    // Emails travel with their batch; those of suggestions left for the next batch go now too (harmless, and simpler).
    for (const id of emails) emailIds.push(id);
    emails = new Set();
    flushing = deps.enqueuer
      .committed({ routeSuggestions: ids, indexSuggestions: ids, sendEmails: emailIds })
      .then((queued) => {
        // The enqueuer has logged why. The rows are committed and PENDING: a catch-up finds them again.
        if (!queued) owe();
      })
      .finally(() => {
        flushing = undefined;
        scheduleFlush();
      });
  }

  function owe(): void {
    owed = true;
    startCatchUp();
  }

  async function queuePages(find: (before: Date, limit: number, afterId: number) => Promise<number[]>, queue: (ids: number[]) => Promise<boolean>): Promise<number> {
    const before = catchUpCutoff();
    let total = 0;
    for (let after = 0; ; ) {
      const ids = await find(before, page, after);
      if (ids.length === 0) return total;
      if (!(await queue(ids))) throw new Error("Redis refused the catch-up's jobs");
      total += ids.length;
      if (ids.length < page) return total;
      after = ids[ids.length - 1] as number;
    }
  }

  async function catchUpOnce(): Promise<CatchUpResult> {
    return {
      suggestions: await queuePages(routing.findUnrouted, (ids) => deps.enqueuer.committed({ routeSuggestions: ids })),
      emails: await queuePages(notifications.findUnsent, (ids) => deps.enqueuer.committed({ sendEmails: ids })),
      unindexed: await queuePages(similarity.findUnindexed, (ids) => deps.enqueuer.committed({ indexSuggestions: ids })),
    };
  }

  /** One catch-up at a time; asked for during one, another runs after it (its queries may predate the request). */
  function startCatchUp(): void {
    if (closed) return;
    if (catchingUp) {
      catchUpAgain = true;
      return;
    }
    catchingUp = (async () => {
      let failures = 0;
      for (let delay = retryFirstMs; !closed; delay = Math.min(delay * 2, retryMaxMs)) {
        // Every notice heard so far was committed before the next attempt's queries begin, so they find its rows:
        // the buffer can go (and does not grow through a long Redis outage). Notices heard during a successful
        // attempt are kept and flushed after it.
        clearTimeout(flushTimer);
        flushTimer = undefined;
        suggestions = new Set();
        emails = new Set();
        // Known to be down: wait for it instead of logging a refused enqueue per attempt.
        if (deps.redis.status === "ready") {
          try {
            const result = await catchUpOnce();
            owed = false;
            if (result.suggestions + result.emails + result.unindexed > 0 || failures > 0) log.info(result, "outbox relay caught up");
            return;
          } catch (err) {
            if (failures === 0) log.warn({ err: (err as Error).message }, "outbox relay could not catch up; retrying (the sweep covers it too)");
            failures += 1;
          }
        }
        await sleep(delay);
      }
    })().finally(() => {
      catchingUp = undefined;
      if (catchUpAgain && !closed) {
        catchUpAgain = false;
        startCatchUp();
      } else {
        scheduleFlush();
      }
    });
  }

  async function connect(): Promise<void> {
    reconnectTimer = undefined;
    if (closed) return;
    const cl = new pg.Client({ connectionString: deps.config.databaseUrl, application_name: RELAY_APPLICATION_NAME, keepAlive: true,
      // A LISTEN connection only receives: a peer gone without a FIN would go unnoticed for the kernel's default two
      // hours of keepalive silence, and new work would wait for the sweep all that time.
      keepAliveInitialDelayMillis: 10_000 });
    client = cl;
    // Without an 'error' listener a lost connection would crash the worker; a stale client's events are ignored.
    cl.on("error", (err) => lost(cl, err));
    cl.on("end", () => lost(cl));
    cl.on("notification", (msg) => {
      if (msg.channel === SUBMITTED_CHANNEL) {
        const notice = parseSubmittedNotice(msg.payload);
        if (notice) {
          suggestions.add(notice.suggestionId);
          if (notice.emailId !== null) emails.add(notice.emailId);
          return scheduleFlush();
        }
      } else if (msg.channel === EMAILS_CHANNEL) {
        const ids = parseEmailNotice(msg.payload);
        if (ids) {
          for (const id of ids) emails.add(id);
          return scheduleFlush();
        }
      }
      log.warn({ channel: msg.channel }, "outbox relay ignored a notice it cannot read");
    });
    try {
      await cl.connect();
      await cl.query(`LISTEN ${SUBMITTED_CHANNEL}; LISTEN ${EMAILS_CHANNEL}`);
    } catch (err) {
      lost(cl, err as Error);
      return;
    }
    if (client !== cl || closed) return;
    isListening = true;
    reconnectDelay = retryFirstMs;
    if (pgDown) log.info("outbox relay listening again");
    pgDown = false;
    // Listening first, then the queries: a commit is either heard or found, or both (one job either way).
    startCatchUp();
  }

  function lost(cl: pg.Client, err?: Error): void {
    if (client !== cl) return;
    client = undefined;
    isListening = false;
    cl.end().catch(() => undefined);
    if (closed) return;
    if (!pgDown) {
      pgDown = true;
      log.error({ err: err?.message ?? "connection ended" }, "outbox relay lost its PostgreSQL connection; reconnecting (it catches up when back)");
    }
    reconnectTimer = setTimeout(() => void connect(), reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, retryMaxMs);
  }

  void connect();

  return {
    listening: () => isListening,
    async close() {
      if (closed) return;
      clearTimeout(reconnectTimer);
      clearTimeout(flushTimer);
      flushTimer = undefined;
      const cl = client;
      client = undefined;
      isListening = false;
      await cl?.end().catch(() => undefined);
      await flushing;
      // What was heard and not yet queued goes now, unless Redis already refused: then the sweep has it.
      const last = !owed;
      closed = true;
      for (const wake of sleepers) wake();
      // Batch after batch (a batch takes at most maxBatch suggestions; emails-only notices count too).
      while (last && suggestions.size + emails.size > 0) {
        flush();
        await flushing;
        if (owed) break;
      }
      await catchingUp;
    },
  };
}
