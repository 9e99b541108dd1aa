// Builds the real app and infrastructure against the test database and Redis, seeds it once per file and resets
// between tests only what tests change (see README.md in this folder).
import { loadConfig, type Config } from "../../src/config.ts";
import { createContainer, type Container } from "../../src/container.ts";
import { seedDemoData } from "../../prisma/seed.ts";

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...process.env, ...overrides });
}

export function createTestContainer(overrides: Record<string, string> = {}, opts: { now?: () => Date } = {}): Container {
  return createContainer(testConfig(overrides), { name: "test", ...opts });
}

/**
 * The reference data resetAndSeed writes and resetSuggestions keeps: regions, departments, users, categories,
 * rounds and their topics, routing rules. Every other table (suggestions and everything hanging off them, the email
 * outbox, measures, similarity index, report facts and runs, any table added later) is what tests create: emptied
 * between tests. A test that changes reference data puts it back itself.
 */
export const REFERENCE_TABLES = ["Region", "Department", "User", "Category", "CollectionRound", "RoundTopic", "RoutingRule"] as const;

async function tablesOf(c: Container): Promise<string[]> {
  const rows = await c.db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  return rows.map((r) => r.tablename);
}

/**
 * Empties the tables and restarts their id sequences, in one transaction. DELETE rather than TRUNCATE: on the few
 * rows a test writes it is several times faster (TRUNCATE swaps every table's and index's files). Foreign-key
 * triggers are off for the transaction (session_replication_role), so the order does not matter; every table
 * that references an emptied one is emptied too (see the callers).
 */
async function emptyTables(c: Container, tables: readonly string[]): Promise<void> {
  if (!tables.length) return;
  const names = tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(", ");
  await c.db.$transaction([
    c.db.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`),
    ...tables.map((t) => c.db.$executeRawUnsafe(`DELETE FROM "${t.replace(/"/g, '""')}"`)),
    c.db.$executeRawUnsafe(`
      DO $$ DECLARE seq text; BEGIN
        FOR seq IN SELECT s.oid::regclass::text FROM pg_class s
          JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
          JOIN pg_class t ON t.oid = d.refobjid
          WHERE s.relkind = 'S' AND t.relname IN (${names})
        LOOP EXECUTE 'ALTER SEQUENCE ' || seq || ' RESTART'; END LOOP;
      END $$`),
  ]);
}

async function clearRedis(c: Container): Promise<void> {
  const keys = await c.redis.keys(`${c.config.redisPrefix}:*`);
  if (keys.length) await c.redis.del(...keys);
}

/** Empties every table (keeping the migrations table) and removes this run's Redis keys. */
export async function resetState(c: Container): Promise<void> {
  await emptyTables(c, await tablesOf(c));
  await clearRedis(c);
}

/** Once per file (beforeAll): reset, then the demo reference data (regions, departments, categories, rules, rounds, users) without history. */
export async function resetAndSeed(c: Container): Promise<void> {
  await resetState(c);
  await seedDemoData(c.db, { historicalSuggestions: 0, now: c.now() });
}

const testTables = new WeakMap<Container, Promise<string[]>>();

/**
 * Between tests (beforeEach): empties every table but REFERENCE_TABLES (ids restart at 1) and this run's Redis keys
 * (queues, sessions, rate-limit counters, so sign in again after it); the reference data seeded by resetAndSeed stays.
 */
export async function resetSuggestions(c: Container): Promise<void> {
  let tables = testTables.get(c);
  if (!tables) {
    const reference: readonly string[] = REFERENCE_TABLES;
    tables = tablesOf(c).then((all) => all.filter((t) => !reference.includes(t)));
    testTables.set(c, tables);
  }
  await emptyTables(c, await tables);
  await clearRedis(c);
}

/** Polls until `check` returns a value other than undefined/false (work done by a Worker in the background). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
