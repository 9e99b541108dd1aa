// Fault: SIGTERM (a deploy, a scale-down) to the web and worker processes under load. The web process finishes the
// requests it took and exits 0; the worker finishes or returns its running jobs and exits 0, and the next worker
// completes the rest with nothing done twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { Container } from "../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../support/harness.ts";
import { insertSuggestion } from "../support/suggestions.ts";
import { referenceIds, validFields } from "../integration/submissions/helpers.ts";
import { csrfTokenIn } from "../support/http.ts";
import { ownRedis } from "./support/own-redis.ts";
import { startProcess, type AppProcess } from "./support/processes.ts";

const PORT = Number(process.env.FAULTS_WEB_PORT ?? 3101);
const BASE = `http://127.0.0.1:${PORT}`;
const IN_FLIGHT_MARGIN_MS = 100;
const redis = ownRedis();
let c: Container;
const processes: AppProcess[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await redis.start();
  c = createTestContainer({ REDIS_URL: redis.url });
  await resetAndSeed(c);
});

afterAll(async () => {
  for (const p of processes) await p.stop("SIGKILL");
  await c?.close();
  redis.stop();
});

describe("SIGTERM under load", () => {
  it("when the web process gets SIGTERM while citizens submit, then every request it took is answered, every receipt is stored, and it exits 0", async () => {
    const web = startProcess("src/server.ts", { PORT: String(PORT), REDIS_URL: redis.url, LOG_LEVEL: "warn" });
    processes.push(web);
    for (let i = 0; i < 100; i++) {
      if ((await request(BASE).get("/healthz").catch(() => ({ status: 0 }))).status === 200) break;
      await sleep(200);
    }
    const ids = await referenceIds(c);
    const answers: { status: number; code?: string }[] = [];
    const failures: string[] = [];
    let sigtermAt = Infinity;
    const client = async (n: number) => {
      for (let i = 0; ; i++) {
        // When the request that failed was sent: a request sent well before the signal was in flight and must be
        // answered; one sent at the very moment of the signal may meet a listener or a connection being closed.
        let sent = Date.now();
        try {
          // A connection per request: a request sent on an idle keep-alive socket just as the server closes it is
          // the client's retry to make (browsers do); what must not happen is a request the server took being cut.
          const agent = request.agent(BASE);
          const page = await agent.get("/suggestions/new").set("Connection", "close");
          let req = agent.post("/suggestions/new").set("Connection", "close");
          for (const [k, v] of Object.entries({ _csrf: csrfTokenIn(page.text), ...validFields(ids), title: `关于第${n}-${i}号路口的建议` })) req = req.field(k, v);
          sent = Date.now();
          const res = await req;
          answers.push({ status: res.status, code: /gi_receipt=([^.;]+)/.exec(String(res.headers["set-cookie"] ?? ""))?.[1] });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
          if (sent < sigtermAt - IN_FLIGHT_MARGIN_MS) failures.push(`${code} (sent ${sigtermAt - sent} ms before SIGTERM)`);
          if (Date.now() >= sigtermAt) return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: 4 }, (_, n) => client(n)));
    await sleep(3_000);
    sigtermAt = Date.now();
    const exitCode = await web.stop("SIGTERM");
    const exitMs = Date.now() - sigtermAt;
    await load;

    const receipts = answers.flatMap((a) => (a.status === 303 && a.code ? [a.code] : []));
    const stored = await c.db.suggestion.count({ where: { trackingCode: { in: receipts } } });
    console.log(`web SIGTERM: exit ${exitCode} after ${exitMs} ms; answered ${answers.length} (receipts ${receipts.length}, stored ${stored}); failed requests ${failures.length} ${failures.slice(0, 3).join(", ")}`);
    expect(exitCode).toBe(0);
    expect(failures).toEqual([]);
    expect(answers.every((a) => a.status === 303)).toBe(true);
    expect(stored).toBe(receipts.length);
  });

  it("when the worker gets SIGTERM while routing, then it exits 0 and the next worker routes the rest, nothing twice", async () => {
    await resetAndSeed(c);
    for (let i = 0; i < 60; i++) {
      await insertSuggestion(c.db, { title: `关于老旧小区加装电梯的建议（${i + 1}）`, categoryCode: "URBAN", submittedAt: new Date(Date.now() - 60_000) });
    }
    const env = { REDIS_URL: redis.url, SWEEP_EVERY_MS: "1000", SWEEP_GRACE_MS: "0" };
    const first = startProcess("workers/index.ts", env);
    processes.push(first);
    const routed = () => c.db.suggestion.count({ where: { routingState: { not: "PENDING" } } });
    for (const until = Date.now() + 60_000; (await routed()) < 10 && Date.now() < until; ) await sleep(50);
    const sigtermAt = Date.now();
    const exitCode = await first.stop("SIGTERM");
    const exitMs = Date.now() - sigtermAt;
    const routedAtExit = await routed();

    const second = startProcess("workers/index.ts", env);
    processes.push(second);
    for (const until = Date.now() + 90_000; (await routed()) < 60 && Date.now() < until; ) await sleep(250);
    const done = await routed();
    const recoveryMs = Date.now() - sigtermAt;
    const twice = (await c.db.suggestion.findMany({ select: { _count: { select: { assignments: true } } } })).filter((s) => s._count.assignments > 1).length;
    console.log(`worker SIGTERM: exit ${exitCode} after ${exitMs} ms with ${routedAtExit} routed; all 60 routed ${recoveryMs} ms after the signal; routed twice ${twice}`);
    expect(exitCode).toBe(0);
    expect(done).toBe(60);
    expect(twice).toBe(0);
  });
});
