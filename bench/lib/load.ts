// Runs one load test in a separate process (bench/lib/load-child.ts) and prints its line. Measured here: a bare
// Express + pg INSERT reached ~800 req/s with the client inside the server's process and ~2,300 req/s with
// autocannon in its own — an in-process client measures itself.
import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "load-child.ts");

export interface LoadSpec {
  label: string;
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** A ready-made body (e.g. urlencoded); give its content-type in headers. */
  body?: string;
  /** Text fields sent as multipart/form-data, as a browser sends the suggestion form. */
  multipart?: Record<string, string>;
  connections: number;
  durationSec: number;
  /** Stop after this many responses instead of after durationSec. */
  amount?: number;
  /** Requests per second over all connections (autocannon corrects latencies for coordinated omission). */
  overallRate?: number;
  /** Each request from its own X-Forwarded-For address (the app trusts the loopback proxy). */
  distinctClientIps?: boolean;
}

export interface LoadSummary {
  label: string;
  durationSec: number;
  requests: number;
  /** autocannon's mean of its per-second samples. */
  rps: number;
  /**
   * p50/p99/max/mean from autocannon's histogram (corrected for coordinated omission when a rate is set); p95 from
   * the raw response times (autocannon's histogram has no p95).
   */
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
}

export function runLoad(spec: LoadSpec): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let answer: LoadSummary | { error: string } | undefined;
    child.once("message", (m: LoadSummary | { error: string }) => {
      answer = m;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (answer && !("error" in answer)) resolve(answer);
      else reject(new Error(`load generator for ${spec.label} failed (exit ${code}): ${answer && "error" in answer ? answer.error : "no result"}`));
    });
    child.send(spec);
  });
}

/** Responses with this status. */
export function countOf(s: LoadSummary, status: number): number {
  return s.statusCodes[String(status)] ?? 0;
}

/** Connection errors, timeouts and every status other than the expected one. */
export function failures(s: LoadSummary, expected: number): number {
  return s.errors + s.timeouts + Object.entries(s.statusCodes).reduce((n, [code, count]) => (code === String(expected) ? n : n + count), 0);
}

const fixed = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "—");

export function formatLine(s: LoadSummary, extra = ""): string {
  const codes = Object.entries(s.statusCodes)
    .map(([code, count]) => `${code}×${count}`)
    .join(" ");
  const bad = s.errors + s.timeouts ? `  errors ${s.errors} timeouts ${s.timeouts}` : "";
  return (
    `  ${s.label.padEnd(44)} ${fixed(s.rps).padStart(6)} req/s  p50 ${fixed(s.latencyMs.p50).padStart(4)} ms  ` +
    `p95 ${fixed(s.latencyMs.p95).padStart(4)} ms  p99 ${fixed(s.latencyMs.p99).padStart(4)} ms  [${codes}]${bad}${extra}`
  );
}
