// A Redis of the fault suite's own, on a spare port: the suite stops and restarts it, which it must never do to the
// shared Redis on 6379. No persistence, so a restart comes back empty — the worst case an operator can meet.
import { execFileSync, spawnSync } from "node:child_process";

export interface OwnRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  /** Stops it without saving (`shutdown nosave`): everything in it is gone. */
  stop(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ping(port: number): boolean {
  return spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG";
}

export function ownRedis(port = Number(process.env.FAULTS_REDIS_PORT ?? 6391)): OwnRedis {
  if (port === 6379) throw new Error("the fault suite never touches the shared Redis on 6379");
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (ping(port)) return;
      execFileSync("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "yes"]);
      for (let i = 0; i < 50 && !ping(port); i++) await sleep(100);
      if (!ping(port)) throw new Error(`own redis on ${port} did not start`);
    },
    stop() {
      spawnSync("redis-cli", ["-p", String(port), "shutdown", "nosave"]);
    },
  };
}
