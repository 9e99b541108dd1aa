// The whole app for browser tests: the real web app on a random port and the real workers in-process,
// against the test database, the test Redis prefix and an in-process SMTP server.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { createApp } from "../../src/app.ts";
import type { Container } from "../../src/container.ts";
import { createRedis } from "../../src/platform/redis.ts";
import { startWorkers, type WorkerSet } from "../../workers/start-workers.ts";
import { createTestContainer, resetAndSeed } from "./harness.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";
import { launchBrowser } from "./browser.ts";

export interface LiveServer {
  baseUrl: string;
  c: Container;
  smtp: TestSmtp;
  stop(): Promise<void>;
}

export async function startLiveServer(): Promise<LiveServer> {
  const smtp = await startSmtp();
  const c = createTestContainer({ SMTP_URL: smtp.url });
  await resetAndSeed(c);
  const app = createApp(c);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const connection = createRedis(c.config.redisUrl, "worker");
  const workers: WorkerSet = startWorkers(c, connection);
  return {
    baseUrl,
    c,
    smtp,
    async stop() {
      await workers.close();
      connection.disconnect();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await c.close();
      await smtp.close();
    },
  };
}

/**
 * For a browser test file: the live app and a Chromium are started before its tests and stopped after them.
 * The returned object is filled in by then.
 */
export function useLiveAppAndBrowser(): { live: LiveServer; browser: Browser } {
  const env = {} as { live: LiveServer; browser: Browser };
  beforeAll(async () => {
    env.live = await startLiveServer();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.live?.stop();
  });
  return env;
}
