// Global set-up of the integration project (after global-setup.ts has migrated the test database): one copy of
// the migrated database per worker, made with CREATE DATABASE … TEMPLATE (a file copy: no migration run per worker).
// A copy is kept while it carries exactly the current migrations (each file seeds and resets it anyway), and made
// afresh otherwise.
import pg from "pg";
import { migrationsUpToDate } from "./migrations.ts";
import { TEST_WORKERS, workerDatabaseUrl } from "./workers.ts";

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

export default async function setup() {
  const base = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/golden_ideas_test";
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    for (let id = 1; id <= TEST_WORKERS; id++) {
      const url = workerDatabaseUrl(base, id);
      if (await migrationsUpToDate(url)) continue;
      const name = nameOf(url);
      await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(nameOf(base))}`);
    }
  } finally {
    await client.end();
  }
}
