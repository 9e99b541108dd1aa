// Set-up file of the integration project, run in the worker before each test file: points the file at its worker's
// database, Redis prefix and directories (see workers.ts). Tests read them through createTestContainer's loadConfig.
import { workerDatabaseUrl, workerRedisPrefix } from "./workers.ts";

const poolId = process.env.VITEST_POOL_ID ?? "1";
const base = process.env.TEST_BASE_DATABASE_URL ?? process.env.DATABASE_URL;
const basePrefix = process.env.TEST_BASE_REDIS_PREFIX ?? process.env.REDIS_PREFIX ?? "gi-test";
if (base) {
  process.env.TEST_BASE_DATABASE_URL = base;
  process.env.TEST_BASE_REDIS_PREFIX = basePrefix;
  const prefix = workerRedisPrefix(basePrefix, poolId);
  process.env.DATABASE_URL = workerDatabaseUrl(base, poolId);
  process.env.REDIS_PREFIX = prefix;
  process.env.UPLOAD_DIR = `var/test/${prefix}/uploads`;
  process.env.MAIL_DIR = `var/test/${prefix}/mail`;
}
