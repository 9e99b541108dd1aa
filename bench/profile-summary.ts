// Reads the .cpuprofile files `node --cpu-prof` writes (BENCH_CPU_PROF_DIR=… on a benchmark) and prints where
// the busy time went: by package or app folder, and the top functions by self and by inclusive time. Idle time is
// left out of the percentages, so they say what the process spent its CPU on.
//
// Inclusive times follow synchronous stacks only: the code after an `await` shows under the microtask queue, not
// under its caller — so "inclusive by owner" says how much busy time had that package anywhere on the stack.
// `--after <name>` drops the samples before the first stack containing a function of that name (start-up: module
// loading and compiling under tsx), e.g. `--after parserOnIncoming` for a web process, `--after processJob` for a worker.
//
//   npm run bench:profile -- <file.cpuprofile | dir> [--top 25] [--after parserOnIncoming]
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/processes.ts";

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const NOT_BUSY = new Set(["(idle)", "(program)"]);

function shortUrl(url: string): string {
  const u = url.replace(/^file:\/\//, "").replace(`${ROOT}/`, "");
  const nm = u.lastIndexOf("node_modules/");
  return nm >= 0 ? u.slice(nm) : u;
}

/** Who the time belongs to: an npm package, a folder of the app, or Node/V8 itself. */
function owner(frame: CallFrame): string {
  if (NOT_BUSY.has(frame.functionName) || frame.functionName === "(garbage collector)") return frame.functionName;
  const u = shortUrl(frame.url);
  if (!frame.url) return "(native / V8 builtins)";
  if (frame.url.startsWith("node:")) return "node: core";
  if (u.startsWith("node_modules/")) {
    const parts = u.slice("node_modules/".length).split("/");
    return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? u);
  }
  const m = /^(src\/(?:features|platform|web|generated)\/[^/]+|src\/[^/]+|workers\/[^/]+|bench\/[^/]+)/.exec(u);
  return m?.[1] ?? u;
}

function key(frame: CallFrame): string {
  if (!frame.url) return frame.functionName || "(anonymous)";
  return `${frame.functionName || "(anonymous)"}  ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

function summarize(file: string, top: number, after: string | undefined): void {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** The distinct labels (functions, owners) on each node's stack, computed once per node. */
  const distinctOnStack = (label: (frame: CallFrame) => string) => {
    const memo = new Map<number, string[]>();
    const of = (id: number): string[] => {
      const hit = memo.get(id);
      if (hit) return hit;
      const node = byId.get(id);
      if (!node) return [];
      const up = parent.has(id) ? of(parent.get(id) as number) : [];
      const l = label(node.callFrame);
      const list = up.includes(l) ? up : [...up, l];
      memo.set(id, list);
      return list;
    };
    return of;
  };
  const keysOf = distinctOnStack(key);
  const ownersOf = distinctOnStack(owner);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const owners = new Map<string, number>();
  const ownersInclusive = new Map<string, number>();
  const appInclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let started = after === undefined;
  let skipped = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    if (!started) {
      if (after !== undefined && keysOf(id).some((k) => k.startsWith(`${after} `) || k === after)) started = true;
      else {
        skipped += dt;
        return;
      }
    }
    total += dt;
    if (NOT_BUSY.has(node.callFrame.functionName)) {
      idle += dt;
      return;
    }
    const k = key(node.callFrame);
    self.set(k, (self.get(k) ?? 0) + dt);
    const o = owner(node.callFrame);
    owners.set(o, (owners.get(o) ?? 0) + dt);
    for (const s of keysOf(id)) {
      inclusive.set(s, (inclusive.get(s) ?? 0) + dt);
      if (/ (src|workers)\//.test(s)) appInclusive.set(s, (appInclusive.get(s) ?? 0) + dt);
    }
    for (const s of ownersOf(id)) ownersInclusive.set(s, (ownersInclusive.get(s) ?? 0) + dt);
  });
  const busy = total - idle;
  const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1).padStart(5)}%`;
  const rows = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `  ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${k}`).join("\n");

  console.log(`\n# ${path.basename(file)}`);
  if (after !== undefined) console.log(`skipped ${(skipped / 1000).toFixed(1)} s of start-up before the first ${after}`);
  console.log(`profiled ${(total / 1000).toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s (idle/program ${(idle / 1000).toFixed(1)} s); percentages of busy time`);
  console.log(`\n## self time by owner\n${rows(owners, top)}`);
  console.log(`\n## inclusive by owner (that package anywhere on the synchronous stack)\n${rows(ownersInclusive, top)}`);
  console.log(`\n## top functions by self time\n${rows(self, top)}`);
  console.log(`\n## the app's own functions by inclusive time\n${rows(appInclusive, top)}`);
  console.log(`\n## top functions by inclusive time\n${rows(inclusive, top)}`);
}

const args = process.argv.slice(2);
const inputs: string[] = [];
let top = 25;
let after: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--top") top = Number(args[++i]);
  else if (args[i] === "--after") after = args[++i];
  else inputs.push(args[i] as string);
}
if (inputs.length === 0) {
  console.error("usage: npm run bench:profile -- <file.cpuprofile | dir> [--top 25] [--after parserOnIncoming]");
  process.exit(1);
}
for (const input of inputs) {
  const files = statSync(input).isDirectory()
    ? readdirSync(input, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(input, f))
    : [input];
  for (const f of files.sort()) summarize(f, top, after);
}
