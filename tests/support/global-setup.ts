// Once per test run: the test database exists and carries every migration (migrate deploy only when it does not).
import { ensureDatabase, migrateDeploy } from "../../src/cli/database.ts";
import { migrationsUpToDate } from "./migrations.ts";

export default async function setup() {
  // Runs in the main process, where vitest's test.env is not applied: read the same variable the config does.
  const url = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/golden_ideas_test";
  await ensureDatabase(url);
  if (!(await migrationsUpToDate(url))) await migrateDeploy(url);
}
