// Page speed with a year of data: 100,000 suggestions (bench/lib/fill.ts) in the bench database, the app as its
// own web process (NODE_ENV=production, LOG_LEVEL=warn), autocannon in another, 50 connections. Each page is
// measured against a bare Express + Handlebars page rendering the same layout (bench/baseline/page-server.ts),
// alternated twice (each line also gives the serving process's CPU per answered request, which a shared machine's load
// barely moves): the public home, a round page, /track (the empty form, and a POST that finds a suggestion),
// the everyday form, and a department inbox seen by a signed-in official. Target: p95 < 30 ms each.
//
//   npx tsx bench/pages.bench.ts     BENCH_DURATION=5 BENCH_SUGGESTIONS=100000 BENCH_CONNECTIONS BENCH_DATABASE_URL
//                                    BENCH_REDIS_PREFIX BENCH_PORT (app; baseline on +1) BENCH_CPU_PROF_DIR
//                                    BENCH_PAGES BENCH_REUSE_DATA
// To profile or measure some pages alone: BENCH_PAGES=round,track-post,inbox (a comma-separated subset of home,
// round, track, track-post, form, inbox; all when unset). BENCH_REUSE_DATA=1 keeps the bench database as it is
// when it already holds BENCH_SUGGESTIONS suggestions (filled by an earlier run) instead of emptying and refilling
// it (new migrations are still applied); it refills as usual otherwise.
import { BENCH, startWebAndBaseline, clearRedis, prepareDatabase } from "./lib/setup.ts";
import { createDb, type Db } from "../src/platform/db.ts";
import { migrateDeploy } from "../src/cli/database.ts";
import { cpuMs, type Proc } from "./lib/processes.ts";
import { countOf, failures, formatLine, runLoad, type LoadSpec, type LoadSummary } from "./lib/load.ts";
import { FORM_URLENCODED, openPage, urlencoded } from "./lib/forms.ts";
import { fillSuggestions } from "./lib/fill.ts";
import { header, median, ratio, writeResult } from "./lib/report.ts";

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const SUGGESTIONS = Number(process.env.BENCH_SUGGESTIONS ?? 100_000);
const ROUNDS = 2;
const TARGET_P95_MS = 30;
const DEMO_PASSWORD = "GoldenIdeas#2026";

async function signIn(appUrl: string, email: string): Promise<string> {
  const form = await openPage(`${appUrl}/staff/sign-in`);
  const res = await fetch(`${appUrl}/staff/sign-in`, {
    method: "POST",
    headers: { ...FORM_URLENCODED, cookie: form.cookie },
    body: urlencoded({ _csrf: form.csrf, email, password: DEMO_PASSWORD, next: "/staff/inbox" }),
    redirect: "manual",
  });
  await res.arrayBuffer();
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (res.status !== 303 || !session) throw new Error(`sign-in as ${email} answered ${res.status}`);
  return `${form.cookie}; ${session}`;
}

const PAGE_KEYS = ["home", "round", "track", "track-post", "form", "inbox"] as const;
const SELECTED = new Set(process.env.BENCH_PAGES ? process.env.BENCH_PAGES.split(",").map((k) => k.trim()) : PAGE_KEYS);
for (const k of SELECTED) if (!(PAGE_KEYS as readonly string[]).includes(k)) throw new Error(`BENCH_PAGES: unknown page "${k}" (one of ${PAGE_KEYS.join(", ")})`);

/** The filled bench database: reused as it is with BENCH_REUSE_DATA=1 when an earlier run filled it with as many suggestions. */
async function benchData(): Promise<{ db: Db; departmentId: number }> {
  if (process.env.BENCH_REUSE_DATA === "1") {
    // Migrations since the fill (an index) are applied all the same.
    await migrateDeploy(BENCH.databaseUrl);
    const db = createDb(BENCH.databaseUrl, 4);
    const count = await db.suggestion.count().catch(() => -1);
    const first = count === SUGGESTIONS ? await db.department.findFirst({ orderBy: { id: "asc" }, select: { id: true } }) : null;
    if (first) {
      console.log(`data: reusing the ${count} suggestions already in the bench database (BENCH_REUSE_DATA=1)`);
      return { db, departmentId: first.id };
    }
    console.log(`data: the bench database holds ${count} suggestions, not ${SUGGESTIONS}: refilling it`);
    await db.$disconnect();
  }
  const db = await prepareDatabase();
  const started = Date.now();
  const departmentId = await fillSuggestions(db, SUGGESTIONS);
  console.log(`data: ${SUGGESTIONS} suggestions with submitters, events and assignments (${((Date.now() - started) / 1000).toFixed(1)} s to build)`);
  return { db, departmentId };
}

async function main(): Promise<void> {
  const m = header(`pages with ${SUGGESTIONS} suggestions vs a bare Express + Handlebars page with the same layout`, [
    `load: autocannon in its own process, ${BENCH.connections} connections, ${DURATION} s per run, alternated ${ROUNDS}×`,
  ]);
  await clearRedis();
  const { db, departmentId } = await benchData();
  const round = await db.collectionRound.findFirstOrThrow({ where: { status: "OPEN" }, orderBy: { id: "asc" }, select: { id: true } });
  const official = await db.user.findFirstOrThrow({ where: { departmentId, role: "OFFICIAL" }, orderBy: { id: "asc" }, select: { email: true } });
  // A suggestion in handling, so the tracking page shows its history.
  const tracked = await db.suggestion.findFirstOrThrow({ where: { status: "IN_HANDLING" }, orderBy: { id: "desc" }, select: { trackingCode: true } });

  const procs: Proc[] = [];
  try {
    const { appUrl, baseUrl, web, baseline } = await startWebAndBaseline(procs, "bench/baseline/page-server.ts");
    // The CPU the serving process spent per 200 answered (robust to the machine's load, unlike req/s; see submit.bench).
    const measured = async (spec: LoadSpec, proc: Proc): Promise<{ s: LoadSummary; cpu: number | null }> => {
      const before = cpuMs(proc);
      const s = await runLoad(spec);
      const after = cpuMs(proc);
      return { s, cpu: before !== null && after !== null && countOf(s, 200) > 0 ? (after - before) / countOf(s, 200) : null };
    };
    const cpuText = (cpu: number | null) => (cpu === null ? "" : `  cpu ${cpu.toFixed(2)} ms/req`);

    const visitor = await openPage(`${appUrl}/track`);
    const staffCookie = await signIn(appUrl, official.email);
    const c = BENCH.connections;
    const get = (label: string, path: string, cookie = visitor.cookie): LoadSpec => ({ label, url: `${appUrl}${path}`, headers: { cookie }, connections: c, durationSec: DURATION });
    const all: [(typeof PAGE_KEYS)[number], LoadSpec][] = [
      ["home", get("GET / (home)", "/")],
      ["round", get(`GET /rounds/${round.id} (round page)`, `/rounds/${round.id}`)],
      ["track", get("GET /track (form)", "/track")],
      ["track-post", {
        label: "POST /track (finds a suggestion)",
        url: `${appUrl}/track`,
        method: "POST",
        headers: { ...FORM_URLENCODED, cookie: visitor.cookie },
        body: urlencoded({ _csrf: visitor.csrf, code: tracked.trackingCode, phoneLast4: "5678" }),
        connections: c,
        durationSec: DURATION,
        distinctClientIps: true,
      }],
      ["form", get("GET /suggestions/new (everyday form)", "/suggestions/new")],
      ["inbox", get(`GET /staff/inbox (official, ${official.email})`, "/staff/inbox", staffCookie)],
    ];
    const pages = all.filter(([k]) => SELECTED.has(k)).map(([, spec]) => spec);
    const baseSpec: LoadSpec = { label: "baseline: express + handlebars, same layout", url: `${baseUrl}/`, connections: c, durationSec: DURATION };

    console.log("warm-up:");
    for (const t of [baseSpec, ...pages]) console.log(formatLine(await runLoad({ ...t, label: `warm-up ${t.label}`, durationSec: 3 })));

    const runs: { round: number; baseline: LoadSummary; pages: LoadSummary[]; cpuMsPerRequest: { baseline: number | null; pages: (number | null)[] } }[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      console.log(`round ${r}:`);
      const { s: base, cpu: baseCpu } = await measured(baseSpec, baseline);
      console.log(formatLine(base, cpuText(baseCpu)));
      const results: LoadSummary[] = [];
      const cpus: (number | null)[] = [];
      for (const p of pages) {
        const { s, cpu } = await measured(p, web);
        results.push(s);
        cpus.push(cpu);
        console.log(formatLine(s, `  rps ratio ${ratio(s.rps, base.rps).toFixed(2)}, p95 ${(s.latencyMs.p95 / base.latencyMs.p95).toFixed(1)}× baseline's${cpuText(cpu)}`));
      }
      runs.push({ round: r, baseline: base, pages: results, cpuMsPerRequest: { baseline: baseCpu, pages: cpus } });
    }
    const medianOrNull = (xs: (number | null)[]) => {
      const known = xs.filter((x): x is number => x !== null);
      return known.length ? Math.round(median(known) * 100) / 100 : null;
    };
    const baseCpu = medianOrNull(runs.map((r) => r.cpuMsPerRequest.baseline));

    const baseP95 = Math.round(median(runs.map((r) => r.baseline.latencyMs.p95)) * 10) / 10;
    const baseRps = median(runs.map((r) => r.baseline.rps));
    console.log(`result (median of ${ROUNDS} rounds; baseline ${baseRps.toFixed(0)} req/s, p95 ${baseP95} ms; target p95 < ${TARGET_P95_MS} ms):`);
    const summary = pages.map((p, i) => {
      const own = runs.map((r) => r.pages[i] as LoadSummary);
      const p95 = Math.round(median(own.map((s) => s.latencyMs.p95)) * 10) / 10;
      const rps = median(own.map((s) => s.rps));
      const cpuMsPerRequest = medianOrNull(runs.map((r) => r.cpuMsPerRequest.pages[i] ?? null));
      const line = { page: p.label, rps, p50: median(own.map((s) => s.latencyMs.p50)), p95, p99: median(own.map((s) => s.latencyMs.p99)), rpsRatio: ratio(rps, baseRps), meetsTarget: p95 < TARGET_P95_MS, cpuMsPerRequest };
      const cpu = cpuMsPerRequest === null || baseCpu === null ? "" : `  cpu ${cpuMsPerRequest.toFixed(2)} ms/req (baseline ${baseCpu.toFixed(2)})`;
      console.log(`  ${p.label.padEnd(52)} ${rps.toFixed(0).padStart(6)} req/s  p95 ${String(p95).padStart(4)} ms  ratio ${line.rpsRatio.toFixed(2)}${cpu}  ${line.meetsTarget ? "meets" : "misses"} the target`);
      return line;
    });
    const bad = runs.flatMap((r) => [r.baseline, ...r.pages]).reduce((n, s) => n + failures(s, 200), 0);
    console.log(`integrity: ${bad} errors or non-200 answers`);
    writeResult("pages", { bench: "pages", at: new Date().toISOString(), machine: m, suggestions: SUGGESTIONS, durationSec: DURATION, connections: c, summary, baseline: { rps: baseRps, p95: baseP95, cpuMsPerRequest: baseCpu }, runs, badResponses: bad });
    if (bad > 0) throw new Error("some pages answered with errors: see the lines above");
  } finally {
    // Requests still in flight when autocannon stopped finish first (the web process would log their aborted queries).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const p of procs.reverse()) await p.stop();
    await clearRedis();
    await db.$disconnect();
  }
}

await main();
