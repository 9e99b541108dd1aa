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
 * What a suggestion's life writes: the suggestion and everything hanging off it, the email outbox, policy
 * measures and the similarity index. The reference data (regions, departments, users, categories, rounds, topics,
 * routing rules) is not here: a test that changes it puts it back itself.
 */
export const SUGGESTION_TABLES = [
  "Suggestion", "Submitter", "Attachment", "Assignment", "HandlingEvent", "Reply", "ExtensionRequest",
  "PolicyMeasure", "PolicyMeasureLink", "Rating", "EmailMessage", "SimilaritySignature", "SimilarityPosting",
] as const;

async function truncate(c: Container, tables: readonly string[]): Promise<void> {
  if (tables.length) await c.db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

async function clearRedis(c: Container): Promise<void> {
  const keys = await c.redis.keys(`${c.config.redisPrefix}:*`);
  if (keys.length) await c.redis.del(...keys);
}

/** Empties every table (keeping the migrations table) and removes this run's Redis keys. */
export async function resetState(c: Container): Promise<void> {
  const tables = await c.db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  await truncate(c, tables.map((t) => t.tablename));
  await clearRedis(c);
}

/** Once per file (beforeAll): reset, then the demo reference data (regions, departments, categories, rules, rounds, users) without history. */
export async function resetAndSeed(c: Container): Promise<void> {
  await resetState(c);
  await seedDemoData(c.db, { historicalSuggestions: 0, now: c.now() });
}

/**
 * Between tests (beforeEach): empties SUGGESTION_TABLES (ids restart at 1) and this run's Redis keys (queues,
 * sessions, rate-limit counters); the reference data seeded by resetAndSeed stays.
 */
export async function resetSuggestions(c: Container): Promise<void> {
  await truncate(c, SUGGESTION_TABLES);
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
