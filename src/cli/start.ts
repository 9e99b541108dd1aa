// `npm start`: the whole app on one machine — database created and migrated, demo data on an empty database,
// then the web and worker processes side by side. In production run `npm run web` and `npm run worker` instead.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { loadConfig } from "../config.ts";
import { createDb } from "../platform/db.ts";
import { redactUrl } from "../platform/redact-url.ts";
import { ensureDatabase, migrateDeploy, ServiceUnavailableError } from "./database.ts";
import { WORKER_PROCESSES } from "./worker-processes.ts";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

async function redisReachable(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const config = loadConfig();
  const started = Date.now();

  try {
    const created = await ensureDatabase(config.databaseUrl);
    if (created === "created") console.log(`created database ${new URL(config.databaseUrl).pathname.slice(1)}`);
  } catch (err) {
    if (err instanceof ServiceUnavailableError) {
      fail(
        `PostgreSQL is not reachable at ${redactUrl(config.databaseUrl)} — start it (e.g. \`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\`) or set DATABASE_URL.`,
      );
    }
    throw err;
  }
  if (!(await redisReachable(config.redisUrl))) {
    fail(
      `Redis is not reachable at ${redactUrl(config.redisUrl)} — start it (e.g. \`redis-server --daemonize yes --bind 127.0.0.1 --port 6379\`) or set REDIS_URL.`,
    );
  }

  await migrateDeploy(config.databaseUrl);
  console.log("database migrated");

  const db = createDb(config.databaseUrl, 2);
  try {
    const { seedDemoData } = await import("../../prisma/seed.ts");
    if ((await db.department.count()) === 0) {
      console.log("empty database: seeding demo data …");
      await seedDemoData(db);
    }
  } finally {
    await db.$disconnect();
  }
  console.log(`ready to start in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const children: ChildProcess[] = [];
  const run = (name: string, entry: string, env: Record<string, string> = {}) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, entry)], { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(`${name} exited (${signal ?? code}); stopping the others`);
      void stop(code ?? 1);
    });
    children.push(child);
  };
  let stopping = false;
  const stop = async (code: number) => {
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  run("web", "src/server.ts");
  for (const [name, env] of Object.entries(WORKER_PROCESSES)) run(name, "workers/index.ts", env);
}

main().catch((err: Error) => fail(`npm start failed: ${err.message}`));
