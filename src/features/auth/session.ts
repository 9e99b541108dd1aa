// Staff sessions live in Redis (express-session + connect-redis 7, which accepts the ioredis client we already
// have; connect-redis 8+ only takes the `redis` package). Only /staff and /admin use them, so the public path never
// needs Redis. The cookie's path is "/" because one session serves both trees (a browser sends a cookie only under its
// path); the public pages receive it but never read it (no session middleware runs there).
import session from "express-session";
import RedisStore from "connect-redis";
import type { Redis } from "ioredis";
import type { Config } from "../../config.ts";

declare module "express-session" {
  interface SessionData {
    userId: number;
    signedInAt: number;
  }
}

export const SESSION_TTL_SECONDS = 8 * 3600;
export const SESSION_COOKIE_PATH = "/";
/** The trees behind a staff session. */
export const STAFF_TREES = ["/staff", "/admin"];

export function createSessionStore(redis: Redis, prefix: string): RedisStore {
  return new RedisStore({ client: redis, prefix: `${prefix}:sess:`, ttl: SESSION_TTL_SECONDS });
}

export function sessionMiddleware(config: Config, store: RedisStore) {
  return session({
    name: "gi.sid",
    store,
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: "lax", secure: config.cookieSecure, maxAge: SESSION_TTL_SECONDS * 1000, path: SESSION_COOKIE_PATH },
  });
}

/** The set of a user's session ids, so "sign out everywhere" can end them all. */
export function userSessionsKey(prefix: string, userId: number): string {
  return `${prefix}:user-sessions:${userId}`;
}

/**
 * Ends every session of a user (deactivation, a new password set by invitation): the same keys the store writes
 * (`<prefix>:sess:<sid>`). Sessions that Redis has already expired are simply absent.
 */
export async function endSessionsOf(redis: Redis, prefix: string, userId: number): Promise<number> {
  const key = userSessionsKey(prefix, userId);
  const sids = await redis.smembers(key);
  await redis.del(key, ...sids.map((sid) => `${prefix}:sess:${sid}`));
  return sids.length;
}
