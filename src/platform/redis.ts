import { Redis } from "ioredis";

const OPTIONS = {
  // Queue producers and public rate limits must fail fast when Redis is down, so a citizen's submission is never
  // held up by it.
  producer: { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 },
  // The public per-IP rate limits fail fast too, and their commands (one small script per request) from every
  // request in the same event-loop turn go out in one write: each socket write is a syscall that showed in the
  // submission path's profile (bench/PROFILE.md). Not for BullMQ's connections: its maintainers do not support
  // auto-pipelining under its MULTIs and scripts.
  limits: { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, enableAutoPipelining: true },
  // Staff sessions cannot work without Redis anyway; commands issued while (re)connecting wait briefly. Every staff
  // request reads its session and, the session being rolling, touches it (EXPIRE) as it answers: auto-pipelined,
  // the commands of concurrent requests go out in one write per event-loop turn, in the same order.
  session: { enableOfflineQueue: true, maxRetriesPerRequest: 2, connectTimeout: 2_000, enableAutoPipelining: true },
  // Workers block on Redis by design; BullMQ requires maxRetriesPerRequest: null.
  worker: { maxRetriesPerRequest: null },
} as const;

export function createRedis(url: string, kind: keyof typeof OPTIONS): Redis {
  return new Redis(url, {
    ...OPTIONS[kind],
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

/**
 * Whether the connection is KNOWN to be down: it failed (or closed) and has not been ready since. Requests that need
 * it are then answered at once, instead of each waiting out the reconnect attempts (seconds) for the same error.
 * A connection still making its first attempt is not known to be down.
 */
export function knownDown(redis: Redis): () => boolean {
  let down = false;
  const lost = () => {
    down = true;
  };
  redis.on("error", lost);
  redis.on("close", lost);
  redis.on("ready", () => {
    down = false;
  });
  return () => down && redis.status !== "ready";
}
