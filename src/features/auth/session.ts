// Staff sessions live in Redis (express-session + connect-redis 7, which accepts the ioredis client we already
// have; connect-redis 8+ only takes the `redis` package). Only /staff and /admin use them, so the public path never
// needs Redis.
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
    // Path "/" because the cookie must reach both /staff and /admin (a cookie has one path); the public pages never
    // read it (no session middleware there).
    cookie: { httpOnly: true, sameSite: "lax", secure: config.cookieSecure, maxAge: SESSION_TTL_SECONDS * 1000, path: "/" },
  });
}

/** The set of a user's session ids, so "sign out everywhere" can end them all. */
export function userSessionsKey(prefix: string, userId: number): string {
  return `${prefix}:user-sessions:${userId}`;
}
