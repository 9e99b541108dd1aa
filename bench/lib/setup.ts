// The bench's own database and Redis prefix (never the development or test ones), and the environment the app's
// processes get: production mode, warnings only, the bench's database.
import pg from "pg";
import { Redis } from "ioredis";
import { ensureDatabase, migrateDeploy } from "../../src/cli/database.ts";
import { createDb, type Db } from "../../src/platform/db.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { startProcess, waitForHttp, type Proc } from "./processes.ts";

export const BENCH = {
  databaseUrl: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/golden_ideas_bench",
  redisUrl: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379",
  redisPrefix: process.env.BENCH_REDIS_PREFIX ?? "gi-bench",
  /** The app listens here; baselines on the next ports. */
  port: Number(process.env.BENCH_PORT ?? 3100),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  /** Where `node --cpu-prof` writes the app's and worker's profiles, when set (see bench/PROFILE.md). */
  cpuProfDir: process.env.BENCH_CPU_PROF_DIR,
};

/** The environment of the app's web and worker processes, as in production. */
export function appEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    PORT: String(BENCH.port),
    DATABASE_URL: BENCH.databaseUrl,
    REDIS_URL: BENCH.redisUrl,
    REDIS_PREFIX: BENCH.redisPrefix,
    SESSION_SECRET: "bench-session-secret-0123456789",
    CSRF_SECRET: "bench-csrf-secret-0123456789",
    PUBLIC_BASE_URL: `http://127.0.0.1:${BENCH.port}`,
    UPLOAD_DIR: "var/bench/uploads",
    MAIL_DIR: "var/bench/mail",
    // The load comes from one address; the limit itself still costs its Redis round trip on every request.
    SUBMISSIONS_PER_IP_PER_HOUR: "100000000",
    ...extra,
  };
}

/** Creates and migrates the bench database, empties it and seeds the demo reference data (no history). */
export async function prepareDatabase(): Promise<Db> {
  await ensureDatabase(BENCH.databaseUrl);
  await migrateDeploy(BENCH.databaseUrl);
  const db = createDb(BENCH.databaseUrl, 4);
  await resetTables(db);
  await seedDemoData(db, { historicalSuggestions: 0 });
  return db;
}

export async function resetTables(db: Db): Promise<void> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length) await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

/** Deletes this bench's keys (its prefix only: Redis is shared). */
export async function clearRedis(): Promise<void> {
  const redis = new Redis(BENCH.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${BENCH.redisPrefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

export function benchPool(max = 4): pg.Pool {
  return new pg.Pool({ connectionString: BENCH.databaseUrl, max });
}

/**
 * The app's web process (profiled when BENCH_CPU_PROF_DIR is set) and a baseline server on the next port, both
 * answering; pushed onto `procs` as they start so the caller's `finally` stops whatever did start.
 */
export async function startWebAndBaseline(procs: Proc[], baselineEntry: string, baselineEnv: Record<string, string> = {}) {
  const appUrl = `http://127.0.0.1:${BENCH.port}`;
  const baseUrl = `http://127.0.0.1:${BENCH.port + 1}`;
  const web = startProcess("web", "src/server.ts", appEnv(), { cpuProfDir: BENCH.cpuProfDir });
  procs.push(web);
  const baseline = startProcess("baseline", baselineEntry, { PORT: String(BENCH.port + 1), ...baselineEnv });
  procs.push(baseline);
  await Promise.all([waitForHttp(`${appUrl}/healthz`, web), waitForHttp(`${baseUrl}/healthz`, baseline)]);
  return { appUrl, baseUrl, web, baseline };
}
