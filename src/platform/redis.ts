import { Redis } from "ioredis";

/**
 * Producers (web requests) must fail fast when Redis is down so a citizen's submission is never held up by it;
 * workers block on Redis by design and need maxRetriesPerRequest: null (a BullMQ requirement).
 */
export function createRedis(url: string, kind: "producer" | "worker"): Redis {
  return new Redis(url, {
    lazyConnect: false,
    ...(kind === "producer"
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 }
      : { maxRetriesPerRequest: null }),
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}
