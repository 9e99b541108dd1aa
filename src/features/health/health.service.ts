import type { Infrastructure } from "../../container.ts";
import type { Logger } from "../../platform/logger.ts";

const TIMEOUT_MS = 1_500;

/**
 * What /healthz tells anyone who asks: which dependency is down, nothing more. The error text (database host and
 * port, driver messages) goes to the log only.
 */
async function probe(name: string, fn: () => Promise<unknown>, logger: Logger | undefined): Promise<"ok" | "unreachable"> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS); }),
    ]);
    return "ok";
  } catch (err) {
    logger?.warn({ dependency: name, err: (err as Error).message }, "health check: dependency unreachable");
    return "unreachable";
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(c: Pick<Infrastructure, "db" | "redis"> & { logger?: Logger }) {
  const [postgres, redis] = await Promise.all([
    probe("postgres", () => c.db.$queryRaw`SELECT 1`, c.logger),
    probe("redis", () => c.redis.ping(), c.logger),
  ]);
  const ok = postgres === "ok" && redis === "ok";
  return { ok, status: ok ? "ok" : "degraded", checks: { postgres, redis } };
}
