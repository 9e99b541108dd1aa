// The composition root: infrastructure is created once per process here and handed to the features, which
// build their services from it. Tests build a container against the test database and Redis.
import type { Redis } from "ioredis";
import type { Config } from "./config.ts";
import { createDb, type Db } from "./platform/db.ts";
import { createRedis } from "./platform/redis.ts";
import { createEnqueuer, createQueues, type Enqueuer, type Queues } from "./platform/queues.ts";
import { createStorage, type Storage } from "./platform/storage.ts";
import { createLogger, type Logger } from "./platform/logger.ts";
import { createMailer, type Mailer } from "./platform/mailer.ts";

export interface Container {
  config: Config;
  logger: Logger;
  db: Db;
  /** Producer connection: fails fast when Redis is down (see platform/redis.ts). */
  redis: Redis;
  /** Staff sessions and sign-in limits: waits briefly for a reconnect instead of failing at once. */
  sessionRedis: Redis;
  queues: Queues;
  enqueuer: Enqueuer;
  storage: Storage;
  mailer: Mailer;
  /** A clock that tests can pin. */
  now(): Date;
  close(): Promise<void>;
}

export function createContainer(config: Config, opts: { name?: string; now?: () => Date; logger?: Logger } = {}): Container {
  const logger = opts.logger ?? createLogger(config.logLevel, opts.name ?? "web");
  const db = createDb(config.databaseUrl);
  const redis = createRedis(config.redisUrl, "producer");
  // An unreachable Redis must not crash the web process: it is logged and the sweep catches up later.
  let lastRedisError = 0;
  redis.on("error", (err) => {
    if (Date.now() - lastRedisError > 10_000) logger.warn({ err: err.message }, "redis unavailable");
    lastRedisError = Date.now();
  });
  const sessionRedis = createRedis(config.redisUrl, "session");
  sessionRedis.on("error", () => undefined /* the producer connection logs the same outage */);
  const queues = createQueues(redis, config.redisPrefix, () => undefined /* already logged by the redis listener */);
  const enqueuer = createEnqueuer(queues, logger, () => redis.status === "ready");
  const storage = createStorage(config.uploadDir);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, mailDir: config.mailDir });
  return {
    config,
    logger,
    db,
    redis,
    sessionRedis,
    queues,
    enqueuer,
    storage,
    mailer,
    now: opts.now ?? (() => new Date()),
    async close() {
      await queues.close().catch(() => undefined);
      redis.disconnect();
      sessionRedis.disconnect();
      mailer.close();
      await db.$disconnect();
    },
  };
}
