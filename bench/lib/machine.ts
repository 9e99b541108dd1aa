// What the figures were measured on: printed above every benchmark and stored with its results, because absolute
// rates only mean something next to the machine (and its load) that produced them.
import os from "node:os";
import { execFileSync } from "node:child_process";

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  loadAverage: number[];
  node: string;
  platform: string;
  commit: string;
}

export function machine(): Machine {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    if (execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim()) commit += "+changes";
  } catch {
    // not a git checkout: the figures stand without a commit
  }
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    commit,
  };
}

export function describeMachine(m: Machine): string {
  return (
    `machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, load average ${m.loadAverage.join(" / ")}, ` +
    `node ${m.node}, commit ${m.commit}`
  );
}
