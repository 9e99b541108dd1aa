// Submission throughput: the real POST /suggestions (multipart form, CSRF, validation, reference-data checks,
// the one-round-trip batch transaction, the best-effort enqueue) against a baseline in the same process — a bare
// Express handler doing one `pg` INSERT of a 12-column row from the same form. Prints both rates and the ratio.
//   npx tsx bench/submit.bench.ts   (BENCH_REQUESTS=3000 BENCH_CONCURRENCY=50 to change the load;
//                                    BENCH_DATABASE_URL to use another throwaway database)
//   npm run bench                   (this bench, then bench/inbox.bench.ts)
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import multer from "multer";
import pg from "pg";
import { loadConfig } from "../src/config.ts";
import { createContainer } from "../src/container.ts";
import { createApp } from "../src/app.ts";
import { ensureDatabase, migrateDeploy } from "../src/cli/database.ts";
import { seedDemoData } from "../prisma/seed.ts";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/golden_ideas_bench";

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

async function load(name: string, send: (i: number) => Promise<Response>): Promise<number> {
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const res = await send(i);
        await res.arrayBuffer();
        if (res.status !== 303 && res.status !== 201) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rate = REQUESTS / seconds;
  console.log(`${name.padEnd(34)} ${rate.toFixed(0).padStart(6)} req/s  (${REQUESTS} requests, ${CONCURRENCY} concurrent, ${failed} failed)`);
  if (failed) throw new Error(`${name}: ${failed} requests failed`);
  return rate;
}

function form(i: number, ids: { categoryId: number; regionId: number }, csrf?: string): FormData {
  const f = new FormData();
  if (csrf) f.set("_csrf", csrf);
  f.set("title", `关于优化社区养老服务的建议 ${i}`);
  f.set("categoryId", String(ids.categoryId));
  f.set("regionId", String(ids.regionId));
  f.set("problem", "社区老年人就餐难，助餐点少，排队时间长，部分老人行动不便无法到达助餐点。");
  f.set("proposal", "建议在每个社区增设助餐点，发展送餐上门服务，并对高龄独居老人给予补贴。");
  f.set("realName", "王小明");
  f.set("phone", "13812345678");
  f.set("email", "citizen@example.com");
  return f;
}

async function main() {
  await ensureDatabase(DATABASE_URL);
  await migrateDeploy(DATABASE_URL);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL,
    REDIS_PREFIX: "gi-bench",
    LOG_LEVEL: "silent",
    SUBMISSIONS_PER_IP_PER_HOUR: "1000000",
    UPLOAD_DIR: "var/bench/uploads",
  });
  const c = createContainer(config, { name: "bench" });
  await c.db.$executeRawUnsafe(`TRUNCATE "Suggestion", "EmailMessage" RESTART IDENTITY CASCADE`);
  await seedDemoData(c.db, { historicalSuggestions: 0 });
  const category = await c.db.category.findFirstOrThrow({ where: { code: "LIVELIHOOD" } });
  const region = await c.db.region.findFirstOrThrow({ where: { level: "COUNTY" } });
  const ids = { categoryId: category.id, regionId: region.id };

  // Baseline: the same multipart form, one INSERT, nothing else.
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
  await pool.query(`DROP TABLE IF EXISTS bench_baseline`);
  await pool.query(`CREATE TABLE bench_baseline (id serial PRIMARY KEY, code text, title text, category_id int, region_id int,
    problem text, proposal text, real_name text, phone text, email text, consent boolean, hide boolean, created_at timestamptz DEFAULT now())`);
  const baselineApp = express();
  baselineApp.post("/suggestions", multer().none(), async (req, res) => {
    const b = req.body as Record<string, string>;
    await pool.query(
      `INSERT INTO bench_baseline (code, title, category_id, region_id, problem, proposal, real_name, phone, email, consent, hide)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [`B-${Date.now()}`, b.title, Number(b.categoryId), Number(b.regionId), b.problem, b.proposal, b.realName, b.phone, b.email, false, false],
    );
    res.redirect(303, "/done");
  });
  const baseline = await listen(baselineApp);
  const real = await listen(createApp(c));

  // One browser session: the form page gives the CSRF cookie and token that every post reuses.
  const page = await fetch(`${real.url}/suggestions/new`);
  const cookie = page.headers.getSetCookie().map((s) => s.split(";")[0]).join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error("no CSRF token on /suggestions/new");

  // Warm up both paths (JIT, pools, reference-data cache) before measuring.
  for (let i = 0; i < 50; i++) {
    await (await fetch(`${baseline.url}/suggestions`, { method: "POST", body: form(i, ids), redirect: "manual" })).arrayBuffer();
    await (await fetch(`${real.url}/suggestions`, { method: "POST", body: form(i, ids, csrf), headers: { cookie }, redirect: "manual" })).arrayBuffer();
  }

  const base = await load("baseline (express + pg INSERT)", (i) =>
    fetch(`${baseline.url}/suggestions`, { method: "POST", body: form(i, ids), redirect: "manual" }),
  );
  const ours = await load("POST /suggestions (full path)", (i) =>
    fetch(`${real.url}/suggestions`, { method: "POST", body: form(i, ids, csrf), headers: { cookie }, redirect: "manual" }),
  );
  console.log(`ratio full path / baseline: ${(ours / base).toFixed(2)}`);

  const stored = await c.db.suggestion.count();
  console.log(`suggestions stored: ${stored} (expected ${REQUESTS + 50})`);
  baseline.server.close();
  real.server.close();
  await pool.end();
  await c.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
