import type { Infrastructure } from "../../container.ts";

const TIMEOUT_MS = 1_500;

async function probe(fn: () => Promise<unknown>): Promise<"ok" | string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS); }),
    ]);
    return "ok";
  } catch (err) {
    return `unreachable: ${(err as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(c: Pick<Infrastructure, "db" | "redis">) {
  const [postgres, redis] = await Promise.all([
    probe(() => c.db.$queryRaw`SELECT 1`),
    probe(() => c.redis.ping()),
  ]);
  const ok = postgres === "ok" && redis === "ok";
  return { ok, status: ok ? "ok" : "degraded", checks: { postgres, redis } };
}
