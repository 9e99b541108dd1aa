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

const ACCOUNT_FAILS = 5; // then the account is locked for ACCOUNT_LOCK_SECONDS
const ACCOUNT_LOCK_SECONDS = 15 * 60;
const IP_FAILS = 30; // per IP within IP_WINDOW_SECONDS, then locked
const IP_WINDOW_SECONDS = 15 * 60;
const SLOWDOWN_MS_PER_FAILURE = 200;

export interface AuthDeps {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  sleep?: (ms: number) => Promise<void>;
}

export function createAuthService(deps: AuthDeps) {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  /** `fails` failures within `seconds` lock the key for as long. */
  const lockOut = (name: string, fails: number, seconds: number) =>
    new RateLimiterRedis({ storeClient: deps.redis, keyPrefix: `${deps.redisPrefix}:rl:${name}`, points: fails, duration: seconds, blockDuration: seconds });
  const byAccount = lockOut("signin-account", ACCOUNT_FAILS, ACCOUNT_LOCK_SECONDS);
  const byIp = lockOut("signin-ip", IP_FAILS, IP_WINDOW_SECONDS);

  function locked(res: RateLimiterRes): never {
    throw new TooManyRequestsError("auth:locked", { minutes: Math.max(1, Math.ceil(res.msBeforeNext / 60_000)) });
  }

  return {
    /** Returns the user, or throws the same message whether the account exists or not. */
    async signIn(emailInput: string, password: string, ip: string): Promise<StaffUser> {
      const email = emailInput.trim().toLowerCase();
      const [account, fromIp] = await Promise.all([byAccount.get(email), byIp.get(ip)]);
      for (const res of [account, fromIp]) {
        if (res && res.remainingPoints <= 0) locked(res);
      }
      // Each earlier failure slows the next attempt a little before the lock-out.
      const earlier = account?.consumedPoints ?? 0;
      if (earlier > 0) await sleep(Math.min(earlier * SLOWDOWN_MS_PER_FAILURE, 2_000));

      const found = email ? await repo.findCredentialsByEmail(deps.db, email) : null;
      // An invited person who has not set a password yet has an empty hash, which verifies nothing.
      const ok = await verify(found?.passwordHash || DUMMY_HASH, password).catch(() => false);
      // A deactivated account gets the same answer as a wrong password: the page says nothing about accounts.
      if (!found || !ok || !found.user.active) {
        try {
          await Promise.all([byAccount.consume(email), byIp.consume(ip)]);
        } catch (res) {
          if (res instanceof RateLimiterRes) locked(res);
          throw res;
        }
        throw new ValidationError({ email: "auth:invalidCredentials" }, "auth:invalidCredentials");
      }
      await byAccount.delete(email);
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
