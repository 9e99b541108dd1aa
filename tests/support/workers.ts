// Integration files run in parallel, TEST_WORKERS at a time (default 2, one per core of the usual machine). Each
// vitest worker (VITEST_POOL_ID 1..TEST_WORKERS) has a database, a Redis key prefix and file directories of its own,
// so files never see each other's rows, keys or uploads. Shared by vitest.config.ts, the global set-up that makes
// the databases and the set-up file that points each worker at its own.
export const TEST_WORKERS = Math.max(1, Number(process.env.TEST_WORKERS ?? 2) || 2);

/** The worker's copy of the migrated test database: `<name>_w<id>` next to it. */
export function workerDatabaseUrl(baseUrl: string, poolId: string | number): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname}_w${poolId}`;
  return url.toString();
}

/** The worker's Redis prefix: its keys never match another worker's `<prefix>:*`. */
export function workerRedisPrefix(basePrefix: string, poolId: string | number): string {
  return `${basePrefix}-w${poolId}`;
}
