import { Redis } from "ioredis";

const OPTIONS = {
  // Queue producers and public rate limits must fail fast when Redis is down, so a citizen's submission is never
  // held up by it.
  producer: { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 },
  // Staff sessions cannot work without Redis anyway; commands issued while (re)connecting wait briefly.
  session: { enableOfflineQueue: true, maxRetriesPerRequest: 2, connectTimeout: 2_000 },
  // Workers block on Redis by design; BullMQ requires maxRetriesPerRequest: null.
  worker: { maxRetriesPerRequest: null },
} as const;

export function createRedis(url: string, kind: keyof typeof OPTIONS): Redis {
  return new Redis(url, {
    ...OPTIONS[kind],
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}
