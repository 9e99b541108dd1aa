import { defineConfig } from "vitest/config";
import { TEST_WORKERS } from "./tests/support/workers.ts";

// Tests run against real PostgreSQL and Redis, in a database and a key prefix of their own.
const prefix = process.env.TEST_REDIS_PREFIX ?? "gi-test";
const env = {
  NODE_ENV: "test",
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/golden_ideas_test",
  REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
  REDIS_PREFIX: prefix,
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  UPLOAD_DIR: `var/test/${prefix}/uploads`,
  MAIL_DIR: `var/test/${prefix}/mail`,
  SUBMISSIONS_PER_IP_PER_HOUR: "10000",
};

export default defineConfig({
  test: {
    env,
    // Integration files run TEST_WORKERS at a time, each worker on a database and Redis prefix of its own.
    maxWorkers: TEST_WORKERS,
    projects: [
      {
        // Unit tests share no state through modules: one module graph per worker instead of one per file.
        test: { env, name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", isolate: false },
      },
      {
        test: {
          env,
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // The test database is migrated, then copied once per worker (tests/support/workers.ts); each file uses
          // its worker's copy, seeds it once and resets what its tests change. Files build their own containers,
          // so the app's modules can be loaded once per worker.
          globalSetup: ["tests/support/global-setup.ts", "tests/support/worker-databases.ts"],
          setupFiles: ["tests/support/worker-env.ts"],
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Faults (npm run test:faults): Redis of its own on a spare port that it stops and restarts, a TCP proxy of
        // its own in front of PostgreSQL that it cuts, and the app's real web and worker processes.
        test: {
          env,
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          env,
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/e2e-setup.ts"],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
