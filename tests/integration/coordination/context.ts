// The whole app for the coordination tests: the real web app in-process, an email Worker and the outbox relay on the test Redis
// prefix and an in-process SMTP server, so an action's emails arrive as a person would get them.
import type { Express } from "express";
import type { Redis } from "ioredis";
import type { ParsedMail } from "mailparser";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createRedis } from "../../../src/platform/redis.ts";
import { addWorkingDays, isWorkingDay, shanghaiDateString } from "../../../src/platform/working-days.ts";
import { startWorkers, type WorkerSet } from "../../../workers/start-workers.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { signIn } from "../../support/http.ts";
import { startSmtp, type TestSmtp } from "../../support/smtp.ts";

export const COORDINATOR = "coordinator@demo.example";
export const OFFICIAL = "official.edu@demo.example";

export interface CoordinationContext {
  c: Container;
  app: Express;
  smtp: TestSmtp;
  stop(): Promise<void>;
}

export async function startContext(): Promise<CoordinationContext> {
  const smtp = await startSmtp();
  const c = createTestContainer({ SMTP_URL: smtp.url });
  await resetAndSeed(c);
  const app = createApp(c);
  const connection: Redis = createRedis(c.config.redisUrl, "worker");
  // The maintenance queue brings the outbox relay, which queues the emails that submissions and the router announce.
  const workers: WorkerSet = startWorkers(c, connection, { queues: ["email", "maintenance"] });
  return {
    c,
    app,
    smtp,
    async stop() {
      await workers.close();
      connection.disconnect();
      await c.close();
      await smtp.close();
    },
  };
}

/** Signed in, with a CSRF token from a page that has forms. */
export async function coordinator(app: Express) {
  const client = await signIn(app, COORDINATOR);
  await client.get("/staff/screening");
  return client;
}

/** The default reply deadline the panel offers: REPLY_WORKING_DAYS working days from now. */
export function defaultDueDate(c: Container): string {
  return shanghaiDateString(addWorkingDays(c.now(), c.config.deadlines.replyWorkingDays));
}

/** The first day after today (Shanghai) that is not a working day: a weekend or a holiday. */
export function nextDayOff(c: Container): string {
  let t = c.now().getTime();
  for (;;) {
    t += 24 * 60 * 60 * 1000;
    if (!isWorkingDay(new Date(t))) return shanghaiDateString(new Date(t));
  }
}

export function endOfShanghaiDayIso(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1) - 8 * 3600_000 - 1).toISOString();
}

export function html(m: ParsedMail): string {
  return typeof m.html === "string" ? m.html : "";
}
