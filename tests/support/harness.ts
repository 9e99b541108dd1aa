// Builds the real app and infrastructure against the test database and Redis, and resets state between tests.
import { loadConfig, type Config } from "../../src/config.ts";
import { createContainer, type Container } from "../../src/container.ts";
import { seedDemoData } from "../../prisma/seed.ts";

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...process.env, ...overrides });
}

export function createTestContainer(overrides: Record<string, string> = {}, opts: { now?: () => Date } = {}): Container {
  return createContainer(testConfig(overrides), { name: "test", ...opts });
}

/** Empties every table (keeping the migrations table) and removes this run's Redis keys. */
export async function resetState(c: Container): Promise<void> {
  const tables = await c.db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length) {
    await c.db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
  }
  const keys = await c.redis.keys(`${c.config.redisPrefix}:*`);
  if (keys.length) await c.redis.del(...keys);
}

/** Reset, then the demo reference data (regions, departments, categories, rules, rounds, users) without history. */
export async function resetAndSeed(c: Container): Promise<void> {
  await resetState(c);
  await seedDemoData(c.db, { historicalSuggestions: 0, now: c.now() });
}
