// Creating and migrating the database, shared by `npm start`, the test set-up and CI.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export class ServiceUnavailableError extends Error {}

/** Creates the database named in the URL when it does not exist yet (needs CREATEDB). */
export async function ensureDatabase(databaseUrl: string): Promise<"created" | "exists"> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new ServiceUnavailableError(`PostgreSQL is not reachable at ${url.host} (${(err as Error).message})`);
  }
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return "exists";
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return "created";
  } finally {
    await client.end();
  }
}

const DONE = /All migrations have been successfully applied|No pending migrations to apply/;

/**
 * `prisma migrate deploy`. The JS schema engine leaves timers armed for 10–60 s after it has finished
 * (a known defect of Prisma 6.19's wasm engine), so once the CLI reports success we end it ourselves.
 */
export function migrateDeploy(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let succeeded = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!succeeded && DONE.test(output)) {
        succeeded = true;
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => {
      if (succeeded || code === 0) resolve();
      else reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`));
    });
  });
}
