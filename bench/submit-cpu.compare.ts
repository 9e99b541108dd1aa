// The web process's CPU per submission, two builds side by side: at saturation on a shared 2-core machine neither
// req/s nor CPU per request separates two builds that differ by a few percent (bench/PROFILE.md), so each build
// runs as its own web process on the same bench database, paced well below saturation, both loaded at once; the CPU it
// spent (/proc utime + stime) is divided by the submissions it answered with a 303.
//
//   BENCH_COMPARE_DIR=/work/main npx tsx bench/submit-cpu.compare.ts     (this tree on BENCH_PORT, the other on +1)
//   BENCH_COMPARE_RATE=150 BENCH_COMPARE_AMOUNT=3000 BENCH_COMPARE_ROUNDS=5; run bench/submit.bench.ts once first
//   (it creates and seeds the database).
import { spawn } from "node:child_process";
import path from "node:path";
import { appEnv, BENCH, startWebAndBaseline } from "./lib/setup.ts";
import { cpuMs, waitForHttp, type Proc } from "./lib/processes.ts";
import { countOf, failures, runLoad } from "./lib/load.ts";
import { everydayFields, FORM_URLENCODED, openPage, urlencoded } from "./lib/forms.ts";
import { createDb } from "../src/platform/db.ts";

const OTHER = process.env.BENCH_COMPARE_DIR ?? "/work/main";
const RATE = Number(process.env.BENCH_COMPARE_RATE ?? 150);
const AMOUNT = Number(process.env.BENCH_COMPARE_AMOUNT ?? 3000);
const ROUNDS = Number(process.env.BENCH_COMPARE_ROUNDS ?? 5);

function startOther(port: number): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(OTHER, "src/server.ts")], {
    cwd: OTHER,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...appEnv({ PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` }) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { name: "other", child, stop: async () => { child.kill("SIGTERM"); await exited; } };
}

async function main() {
  const db = createDb(BENCH.databaseUrl, 2);
  const procs: Proc[] = [];
  try {
    // startWebAndBaseline's baseline slot is unused here: a trivial server keeps its signature.
    const { appUrl, web } = await startWebAndBaseline(procs, "bench/baseline/submit-server.ts", { DATABASE_URL: BENCH.databaseUrl });
    await procs.pop()?.stop();
    const otherPort = BENCH.port + 1;
    const other = startOther(otherPort);
    procs.push(other);
    const otherUrl = `http://127.0.0.1:${otherPort}`;
    await waitForHttp(`${otherUrl}/healthz`, other);
    const fields = await everydayFields(db);
    const sides = await Promise.all(
      [["this", appUrl, web], ["other", otherUrl, other]].map(async ([label, url, proc]) => {
        const s = await openPage(`${url as string}/suggestions/new`);
        return { label: label as string, url: url as string, proc: proc as Proc, cookie: s.cookie, body: urlencoded({ _csrf: s.csrf, ...fields }), cpu: [] as number[] };
      }),
    );
    // Both at once, each with its own load generator: the machine's other load falls on both in the same window.
    for (let r = 0; r <= ROUNDS; r++) {
      const before = sides.map((side) => cpuMs(side.proc) ?? 0);
      const results = await Promise.all(
        sides.map((side) =>
          runLoad({ label: side.label, url: `${side.url}/suggestions/new`, method: "POST", headers: { ...FORM_URLENCODED, cookie: side.cookie }, body: side.body, connections: 20, durationSec: 120, amount: r === 0 ? 600 : AMOUNT, overallRate: RATE }),
        ),
      );
      sides.forEach((side, i) => {
        const s = results[i]!;
        if (failures(s, 303) > 0) throw new Error(`${side.label}: ${failures(s, 303)} unexpected answers`);
        const perRequest = ((cpuMs(side.proc) ?? 0) - (before[i] ?? 0)) / countOf(s, 303);
        if (r > 0) side.cpu.push(perRequest);
        console.log(`${r === 0 ? "warm-up" : `round ${r}`}  ${side.label.padEnd(5)} ${countOf(s, 303)} × 303  cpu ${perRequest.toFixed(3)} ms/req  p99 ${s.latencyMs.p99} ms`);
      });
    }
    for (const side of sides) {
      const sorted = [...side.cpu].sort((a, b) => a - b);
      console.log(`${side.label}: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(3)} ms/req (${side.cpu.map((c) => c.toFixed(3)).join(", ")})`);
    }
  } finally {
    for (const p of procs.reverse()) await p.stop();
    await db.$disconnect();
  }
}

await main();
