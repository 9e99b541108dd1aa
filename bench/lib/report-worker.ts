// The worker side of bench/report.bench.ts, in a process of its own so its peak memory is its own: either builds
// the whole-platform report through the app's code (what the build-report job runs) or streams the CSV of every
// suggestion to nowhere. Prints one JSON line.
import { Writable } from "node:stream";
import { createDb } from "../../src/platform/db.ts";
import { buildReportData, streamSuggestionsCsv } from "../../src/features/reports/index.ts";

const url = process.env.DATABASE_URL ?? "";
const what = process.argv[2];
const ALL = { fromDate: null, toDate: null, roundId: null, departmentId: null };
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (what === "report") {
  const db = createDb(url, 4);
  await db.$queryRaw`SELECT 1`;
  const rssBefore = mb();
  const t0 = performance.now();
  const marks: Record<string, number> = {};
  const data = await buildReportData(db, ALL, new Date(), async (p) => { marks[String(p)] = Math.round(performance.now() - t0); });
  const ms = Math.round(performance.now() - t0);
  const json = JSON.stringify(data).length;
  await db.$disconnect();
  console.log(JSON.stringify({ what, ms, marks, collected: data.totals.collected, replied: data.totals.replied, dataSetBytes: json, rssBeforeMB: rssBefore, peakRssMB: mb() }));
} else if (what === "csv") {
  let bytes = 0;
  const sink = new Writable({ write(chunk: Buffer, _e, done) { bytes += chunk.length; done(); } });
  const rssBefore = mb();
  const t0 = performance.now();
  const rows = await streamSuggestionsCsv(url, ALL, "zh-CN", sink);
  console.log(JSON.stringify({ what, ms: Math.round(performance.now() - t0), rows, bytes, rssBeforeMB: rssBefore, peakRssMB: mb() }));
} else {
  throw new Error("usage: report-worker.ts report|csv");
}
