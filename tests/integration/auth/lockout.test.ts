// Sign-in limits under attack (issue 7.2, 7.3): a burst can not check more passwords than the limit, and nobody can
// lock an official out by failing on purpose from somewhere else.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { createAgent } from "../../support/http.ts";

const EMAIL = "coordinator@demo.example";
const RIGHT = "GoldenIdeas#2026";

let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
});
beforeEach(async () => {
  const keys = await c.redis.keys(`${c.config.redisPrefix}:rl:*`);
  if (keys.length) await c.redis.del(...keys);
});
afterAll(() => c.close());

/** A browser with the sign-in page open, coming from `ip` (the app trusts X-Forwarded-For from loopback). */
async function browserAt(ip: string) {
  const client = createAgent(app);
  await client.get("/staff/sign-in");
  return {
    signIn: (password: string) =>
      client.agent.post("/staff/sign-in").set("X-Forwarded-For", ip).type("form").send({ _csrf: client.token, email: EMAIL, password }),
  };
}

describe("sign-in lock-out", () => {
  it("when 101 attempts arrive at once (100 wrong, the right one 95th), then no more passwords are checked than the limit allows", async () => {
    const browsers = await Promise.all(Array.from({ length: 101 }, () => browserAt("198.51.100.7")));
    const answers = await Promise.all(browsers.map((b, i) => b.signIn(i === 94 ? RIGHT : `wrong-${i}`)));
    const statuses = answers.map((r) => r.status);
    // 422 = a wrong password was checked, 303 = a password was checked and was right; 429 = refused unchecked.
    const checked = statuses.filter((s) => s === 422 || s === 303).length;
    console.log(`burst of 101: checked ${checked}, signed in ${statuses.filter((s) => s === 303).length}, refused ${statuses.filter((s) => s === 429).length}`);
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 422 && s !== 303 && s !== 429)).toEqual([]);
    // The right password, 95th in a burst of wrong ones, is not let through once the limit is used up.
    if (statuses.filter((s) => s === 422).length >= 5) expect(statuses[94]).toBe(429);
  });

  it("when someone fails five times from one address, then that address is locked for the account but the official signs in from theirs", async () => {
    const attacker = await browserAt("203.0.113.66");
    for (let i = 0; i < 5; i++) expect((await attacker.signIn(`guess-${i}`)).status).toBe(422);
    expect((await attacker.signIn(RIGHT)).status).toBe(429);

    const official = await browserAt("192.0.2.10");
    const res = await official.signIn(RIGHT);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/staff");
  });

  it("when the account is attacked from many addresses, then attempts are slowed, never locked, and a clean address still signs in", async () => {
    const attackers = await Promise.all(Array.from({ length: 20 }, (_, n) => browserAt(`203.0.113.${n + 1}`)));
    for (let i = 0; i < 3; i++) {
      const round = await Promise.all(attackers.map((a, n) => a.signIn(`guess-${n}-${i}`)));
      expect(round.map((r) => r.status).filter((s) => s !== 422)).toEqual([]);
    }
    const official = await browserAt("192.0.2.20");
    const started = Date.now();
    const res = await official.signIn(RIGHT);
    const tookMs = Date.now() - started;
    expect(res.status).toBe(303);
    // Slowed, not locked: the sign-in waited (at most a few seconds) before the password was checked.
    expect(tookMs).toBeGreaterThanOrEqual(1_000);
    expect(tookMs).toBeLessThan(6_000);
  });
});
