// The composition root: infrastructure is created once per process here, and every feature's service is built
// once from it (src/services.ts) — the web process and the worker process alike. Tests build a container against
// the test database and Redis.
import type { Redis } from "ioredis";
import type { Config } from "./config.ts";
import { closeDb, createDb, type Db } from "./platform/db.ts";
import { createRedis, knownDown } from "./platform/redis.ts";
import { createEnqueuer, createQueues, type Enqueuer, type Queues } from "./platform/queues.ts";
import { createStorage, type Storage } from "./platform/storage.ts";
import { createLogger, type Logger } from "./platform/logger.ts";
import { createMailer, type Mailer } from "./platform/mailer.ts";
import { createServices, type Services } from "./services.ts";

/** What the features' services are built from: wiring only, no domain logic. */
export interface Infrastructure {
  config: Config;
  logger: Logger;
  db: Db;
  /** Producer connection: fails fast when Redis is down (see platform/redis.ts). */
  redis: Redis;
  /** The public per-IP rate limits: fails fast like the producer, auto-pipelined (see platform/redis.ts). */
  limitsRedis: Redis;
  /** Staff sessions and sign-in limits: waits briefly for a reconnect instead of failing at once. */
  sessionRedis: Redis;
  /** True while the session connection is known to be down (see platform/redis.ts knownDown). */
  sessionRedisDown(): boolean;
  queues: Queues;
  enqueuer: Enqueuer;
  storage: Storage;
  mailer: Mailer;
  /** A clock that tests can pin. */
  now(): Date;
}

export interface Container extends Infrastructure {
  /** Every feature's service, built once per process. */
  services: Services;
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
  const limitsRedis = createRedis(config.redisUrl, "limits");
  limitsRedis.on("error", () => undefined /* the producer connection logs the same outage */);
  const sessionRedis = createRedis(config.redisUrl, "session");
  sessionRedis.on("error", () => undefined /* the producer connection logs the same outage */);
  const sessionRedisDown = knownDown(sessionRedis);
  const queues = createQueues(redis, config.redisPrefix, () => undefined /* already logged by the redis listener */);
  const enqueuer = createEnqueuer(queues, logger, () => redis.status === "ready");
  const storage = createStorage(config.uploadDir);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, mailDir: config.mailDir });
  const infrastructure: Infrastructure = {
    config,
    logger,
    db,
    redis,
    limitsRedis,
    sessionRedis,
    sessionRedisDown,
    queues,
    enqueuer,
    storage,
    mailer,
    now: opts.now ?? (() => new Date()),
  };
  return {
    ...infrastructure,
    services: createServices(infrastructure),
    async close() {
      await queues.close().catch(() => undefined);
      redis.disconnect();
      limitsRedis.disconnect();
      sessionRedis.disconnect();
      mailer.close();
      await closeDb(db);
    },
  };
}
