// The processes under test, each started the way production starts it (`node --import tsx <entry>`, which is what
// `npm run web` / `npm run worker` do), so the app never shares an event loop with the benchmark or its baseline.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface Proc {
  name: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit (the entry points drain and close; a CPU profile is written then). */
  stop(): Promise<void>;
}

export function startProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
  opts: { cpuProfDir?: string } = {},
): Proc {
  const execArgv = opts.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(opts.cpuProfDir, name)}`] : [];
  const child = spawn(process.execPath, [...execArgv, "--import", "tsx", path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => `  [${name}] ${l.slice(0, 400)}`)
      .join("\n");
  child.stdout?.on("data", (c: Buffer) => console.log(prefix(c)));
  child.stderr?.on("data", (c: Buffer) => console.error(prefix(c)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the URL answers (any status) or the process dies. */
export async function waitForHttp(url: string, proc: Proc, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited (${proc.child.exitCode}) before answering ${url}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      await res.arrayBuffer();
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs} ms`);
}

/** Polls `done` every `everyMs` until it returns true. */
export async function waitUntil(what: string, done: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * The CPU time (user + system, ms) a process has used so far, from /proc (Linux). Throughput on a shared machine
 * swings with everyone else's load; the CPU a process spends per request barely does, so it tells what a change
 * cost or saved even when req/s cannot. Null where /proc is not available.
 */
export function cpuMs(proc: Proc): number | null {
  try {
    const stat = readFileSync(`/proc/${proc.child.pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces, hence the last ')'): utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SEC;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux the project runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SEC = 100;
