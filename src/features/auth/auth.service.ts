import { hash, verify } from "@node-rs/argon2";
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { TooManyRequestsError, ValidationError } from "../../errors.ts";
import type { Db } from "../../platform/db.ts";
import * as repo from "./auth.repository.ts";
import type { StaffUser } from "./auth.repository.ts";

export type { StaffUser };

// Verifying against a real hash when the account does not exist keeps both answers equally slow.
const DUMMY_HASH = await hash("not-a-real-password-golden-ideas");

/*
 * Sign-in limits (OWASP Authentication Cheat Sheet, "Protect against automated attacks"; the login-protection
 * pattern of rate-limiter-flexible). A lock on the account alone would let anyone lock any official out by failing
 * on purpose, so nothing locks an account for everyone:
 * - per account AND address: 5 failures within 15 minutes lock that account for that address only (a guesser at
 *   one address gets 5 tries; the official at theirs is unaffected);
 * - per address, across accounts: 30 attempts within 15 minutes (a guesser spraying many accounts); successful
 *   sign-ins give their point back, so an office behind one address is not limited by its own staff;
 * - per account, from every address: failures only SLOW the next attempts (up to MAX_SLOWDOWN_MS), never lock.
 * A point is consumed atomically (one Redis script) BEFORE the password is checked: a burst of simultaneous
 * attempts checks at most the limit, whatever the order the answers arrive in.
 */
const ACCOUNT_IP_FAILS = 5;
const ACCOUNT_IP_LOCK_SECONDS = 15 * 60;
const IP_ATTEMPTS = 30;
const IP_WINDOW_SECONDS = 15 * 60;
/** Failures on an account from anywhere within this window slow its next attempts. */
const ACCOUNT_WINDOW_SECONDS = 60 * 60;
/** A few typos cost nothing; past that each failure adds a little wait, up to the cap. */
const SLOWDOWN_FREE_FAILURES = ACCOUNT_IP_FAILS;
const SLOWDOWN_MS_PER_FAILURE = 100;
const MAX_SLOWDOWN_MS = 3_000;

export interface AuthDeps {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  sleep?: (ms: number) => Promise<void>;
}

export function createAuthService(deps: AuthDeps) {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const limiter = (name: string, points: number, seconds: number, blockSeconds = 0) =>
    new RateLimiterRedis({ storeClient: deps.redis, keyPrefix: `${deps.redisPrefix}:rl:${name}`, points, duration: seconds, blockDuration: blockSeconds });
  const byAccountAndIp = limiter("signin-account-ip", ACCOUNT_IP_FAILS, ACCOUNT_IP_LOCK_SECONDS, ACCOUNT_IP_LOCK_SECONDS);
  const byIp = limiter("signin-ip", IP_ATTEMPTS, IP_WINDOW_SECONDS, IP_WINDOW_SECONDS);
  // A counter only: a very high limit that is never reached, read to compute the slow-down.
  const accountFailures = limiter("signin-account-failures", 1_000_000, ACCOUNT_WINDOW_SECONDS);

  function locked(res: RateLimiterRes): never {
    throw new TooManyRequestsError("auth:locked", { minutes: Math.max(1, Math.ceil(res.msBeforeNext / 60_000)) });
  }

  /** Takes a point from both limits at once; throws the lock-out if either has none left. */
  async function takeAttempt(accountIpKey: string, ip: string): Promise<void> {
    const taken = await Promise.allSettled([byAccountAndIp.consume(accountIpKey), byIp.consume(ip)]);
    for (const t of taken) {
      if (t.status === "fulfilled") continue;
      if (t.reason instanceof RateLimiterRes) locked(t.reason);
      throw t.reason;
    }
  }

  return {
    /** Returns the user, or throws the same message whether the account exists or not. */
    async signIn(emailInput: string, password: string, ip: string): Promise<StaffUser> {
      const email = emailInput.trim().toLowerCase();
      const accountIpKey = `${email}|${ip}`;
      await takeAttempt(accountIpKey, ip);

      const failures = (await accountFailures.get(email))?.consumedPoints ?? 0;
      const wait = Math.min(Math.max(0, failures - SLOWDOWN_FREE_FAILURES) * SLOWDOWN_MS_PER_FAILURE, MAX_SLOWDOWN_MS);
      if (wait > 0) await sleep(wait);

      const found = email ? await repo.findCredentialsByEmail(deps.db, email) : null;
      // An invited person who has not set a password yet has an empty hash, which verifies nothing.
      const ok = await verify(found?.passwordHash || DUMMY_HASH, password).catch(() => false);
      // A deactivated account gets the same answer as a wrong password: the page says nothing about accounts.
      if (!found || !ok || !found.user.active) {
        await accountFailures.consume(email).catch(() => undefined);
        throw new ValidationError({ email: "auth:invalidCredentials" }, "auth:invalidCredentials");
      }
      // Signed in: this address's failures on the account are forgiven, and its point goes back to the address.
      await Promise.all([byAccountAndIp.delete(accountIpKey), byIp.reward(ip, 1)]);
      return found.user;
    },

    findUser: (id: number) => repo.findStaffUser(deps.db, id),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether `password` is the one behind `passwordHash` (false for an empty hash: no password set yet). */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (!passwordHash) return Promise.resolve(false);
  return verify(passwordHash, password).catch(() => false);
}
