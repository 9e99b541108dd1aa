import { defineConfig } from "vitest/config";

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
    projects: [
      {
        test: { env, name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        test: {
          env,
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          // One shared test database and Redis: files run one after another, each truncating what it uses.
          fileParallelism: false,
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
