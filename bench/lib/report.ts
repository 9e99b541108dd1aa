// Results as JSON under bench/results/ (ignored by git except bench/results/reference/), so runs can be compared.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./processes.ts";
import { describeMachine, machine, type Machine } from "./machine.ts";

export function header(title: string, notes: string[] = []): Machine {
  const m = machine();
  console.log(`\n== ${title} ==`);
  console.log(describeMachine(m));
  if (m.cores <= 2 || (m.loadAverage[0] ?? 0) > m.cores) {
    console.log("note: few cores or a busy machine — absolute figures are noisy; the ratios within this run are the result");
  }
  for (const n of notes) console.log(n);
  return m;
}

export function writeResult(name: string, data: Record<string, unknown>): string {
  const dir = path.join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`results: ${path.relative(ROOT, file)}`);
  return file;
}

export const ratio = (ours: number, base: number) => (base > 0 ? Math.round((ours / base) * 100) / 100 : Number.NaN);

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
