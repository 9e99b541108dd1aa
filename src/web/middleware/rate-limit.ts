import type { NextFunction, Request, Response } from "express";
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { TooManyRequestsError } from "../../errors.ts";
import type { Logger } from "../../platform/logger.ts";

/**
 * A per-IP limiter on Redis that fails open: when Redis is unreachable the request goes through with a logged
 * warning, because refusing citizens' submissions is worse than briefly losing the limit.
 */
export function rateLimitPerIp(opts: { redis: Redis; prefix: string; name: string; points: number; durationSec: number; logger: Logger }) {
  const limiter = new RateLimiterRedis({
    storeClient: opts.redis,
    keyPrefix: `${opts.prefix}:rl:${opts.name}`,
    points: opts.points,
    duration: opts.durationSec,
  });
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      await limiter.consume(req.ip ?? "unknown");
      next();
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        return next(new TooManyRequestsError("errors:tooManyRequests", { minutes: Math.ceil(err.msBeforeNext / 60_000) }));
      }
      opts.logger.warn({ err: (err as Error).message, limiter: opts.name }, "rate limiter unavailable; failing open");
      next();
    }
  };
}

/** A route's per-IP limiter on the app's rate-limit connection and key prefix (the container's, or anything shaped like it). */
export function rateLimitPerIpOf(
  deps: { limitsRedis: Redis; config: { redisPrefix: string }; logger: Logger },
  limit: { name: string; points: number; durationSec: number },
) {
  return rateLimitPerIp({ redis: deps.limitsRedis, prefix: deps.config.redisPrefix, logger: deps.logger, ...limit });
}
