// The policy-conversion report over 1,000,000 suggestions (issue 9's target: under 3 s of database time, the worker
// under 300 MB; the CSV of all suggestions in constant memory). Fills its own database (bench/lib/report-fill.ts),
// then runs the report and the CSV export each in a worker process of its own (bench/lib/report-worker.ts) and
// prints the time and that process's peak memory (maxRSS), next to the machine's cores and memory.
//
//   npx tsx bench/report.bench.ts     BENCH_REPORT_DATABASE_URL (default gi_bench_reports), BENCH_SUGGESTIONS
//                                     (1,000,000), BENCH_REUSE=1 to keep the data of a previous run of the same size,
//                                     BENCH_RUNS (3) report runs, the median printed
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ensureDatabase, migrateDeploy } from "../src/cli/database.ts";
import { createDb } from "../src/platform/db.ts";
import { seedDemoData } from "../prisma/seed.ts";
import { fillReportData } from "./lib/report-fill.ts";
import { header, median, writeResult } from "./lib/report.ts";
import { resetTables } from "./lib/setup.ts";

const URL = process.env.BENCH_REPORT_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/gi_bench_reports";
const COUNT = Number(process.env.BENCH_SUGGESTIONS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REUSE = process.env.BENCH_REUSE === "1";
const HERE = path.dirname(fileURLToPath(import.meta.url));

function worker(what: "report" | "csv"): Record<string, unknown> {
  const out = execFileSync(process.execPath, ["--import", "tsx", path.join(HERE, "lib", "report-worker.ts"), what], {
    env: { ...process.env, DATABASE_URL: URL, NODE_ENV: "production" },
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
}

const m = header(`policy-conversion report over ${COUNT.toLocaleString("en")} suggestions`);
await ensureDatabase(URL);
await migrateDeploy(URL);
const client = new pg.Client({ connectionString: URL });
await client.connect();
const existing = Number((await client.query(`SELECT count(*) AS n FROM "ReportFact"`)).rows[0]?.n ?? 0);
if (!(REUSE && existing === COUNT)) {
  console.log(`filling ${COUNT.toLocaleString("en")} suggestions…`);
  const db = createDb(URL, 2);
  await resetTables(db);
  await seedDemoData(db, { historicalSuggestions: 0 });
  await db.$disconnect();
  const t0 = Date.now();
  await fillReportData(URL, COUNT, (line) => console.log(line));
  console.log(`fill: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
} else {
  console.log(`reusing ${existing.toLocaleString("en")} suggestions`);
}
const sizes = (await client.query(`
  SELECT relname, pg_size_pretty(pg_total_relation_size(c.oid)) AS size, reltuples::bigint AS rows FROM pg_class c
   WHERE relname IN ('Suggestion', 'HandlingEvent', 'Assignment', 'Reply', 'Rating', 'ReportFact') ORDER BY relname`)).rows;
console.log(sizes.map((s: { relname: string; size: string; rows: string }) => `${s.relname}: ${Number(s.rows).toLocaleString("en")} rows, ${s.size}`).join("; "));
await client.end();

const runs: Record<string, unknown>[] = [];
for (let i = 0; i < RUNS; i += 1) {
  const r = worker("report");
  runs.push(r);
  console.log(`report run ${i + 1}: ${r.ms} ms (progress marks ${JSON.stringify(r.marks)}), worker peak RSS ${r.peakRssMB} MB (${r.rssBeforeMB} MB before the report)`);
}
const csv = worker("csv");
console.log(`CSV of every suggestion: ${Number(csv.rows).toLocaleString("en")} rows, ${Math.round(Number(csv.bytes) / 2 ** 20)} MiB in ${csv.ms} ms, worker peak RSS ${csv.peakRssMB} MB (${csv.rssBeforeMB} MB before)`);
const reportMs = median(runs.map((r) => Number(r.ms)));
const peak = Math.max(...runs.map((r) => Number(r.peakRssMB)));
console.log(`\nreport: median ${reportMs} ms (target < 3000 ms of database time), worker peak ${peak} MB (target < 300 MB); CSV peak ${csv.peakRssMB} MB`);
writeResult("report", { machine: m, count: COUNT, runs, csv, reportMs, peakRssMB: peak });
