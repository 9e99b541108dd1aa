// The load generator's own process: autocannon must not share an event loop (or a core's time slices) with the
// servers it measures, or it caps the fastest of them (see bench/lib/load.ts). It receives one LoadSpec over IPC,
// runs it and sends back the summary.
import autocannon from "autocannon";
import type { LoadSpec, LoadSummary } from "./load.ts";

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function options(spec: LoadSpec): autocannon.Options {
  let n = 0;
  const opts: autocannon.Options = {
    url: spec.url,
    method: spec.method ?? "GET",
    headers: spec.headers ?? {},
    connections: spec.connections,
    duration: spec.durationSec,
    // autocannon's default of 10 s counts a slow answer on a starved machine as lost; 30 s is nearer what a browser
    // waits. A timeout is still reported as an error.
    timeout: 30,
    ...(spec.amount ? { amount: spec.amount } : {}),
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    ...(spec.multipart ? { form: Object.fromEntries(Object.entries(spec.multipart).map(([k, v]) => [k, { type: "text", value: v }])) } : {}),
  };
  if (spec.distinctClientIps) {
    // Through a trusted proxy every request may come from a different citizen: a per-IP limiter then counts, as
    // in production, instead of refusing the 21st look-up from the one load-generator address.
    opts.requests = [
      {
        setupRequest: (req) => {
          n += 1;
          return { ...req, headers: { ...req.headers, "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } };
        },
      },
    ];
  }
  return opts;
}

process.once("message", (spec: LoadSpec) => {
  const times: number[] = [];
  const instance = autocannon(options(spec), (err, result) => {
    if (err) {
      process.send?.({ error: err.message }, () => process.exit(1));
      return;
    }
    times.sort((a, b) => a - b);
    const statusCodes: Record<string, number> = {};
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
    const summary: LoadSummary = {
      label: spec.label,
      durationSec: result.duration,
      requests: result.requests.total,
      rps: result.requests.average,
      latencyMs: {
        p50: result.latency.p50,
        p95: Math.round(percentile(times, 95) * 10) / 10,
        p99: result.latency.p99,
        max: result.latency.max,
        mean: result.latency.mean,
      },
      statusCodes,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    process.send?.(summary, () => process.exit(0));
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
  });
});
