// Whether a database already carries exactly the migrations in prisma/migrations (same names, same checksums: the
// sha256 of each migration.sql, as Prisma records it). Lets the test set-up skip `prisma migrate deploy` (a child
// process, seconds on a busy machine) and keep the workers' copies when nothing changed.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "prisma", "migrations");

function expectedMigrations(): string[] {
  return readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(MIGRATIONS, e.name, "migration.sql")))
    .map((e) => `${e.name}:${createHash("sha256").update(readFileSync(path.join(MIGRATIONS, e.name, "migration.sql"))).digest("hex")}`)
    .sort();
}

export async function migrationsUpToDate(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch {
    return false; // no such database yet
  }
  try {
    const table = await client.query(`SELECT to_regclass('public._prisma_migrations') AS t`);
    if (!table.rows[0]?.t) return false;
    const rows = await client.query<{ m: string }>(
      `SELECT migration_name || ':' || checksum AS m FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = rows.rows.map((r) => r.m).sort();
    const expected = expectedMigrations();
    return applied.length === expected.length && applied.every((m, i) => m === expected[i]);
  } finally {
    await client.end();
  }
}
