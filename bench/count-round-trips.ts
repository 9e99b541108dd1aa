// Counts what one submission and one routing job send to PostgreSQL and Redis: every statement through `pg`
// (Prisma's driver adapter uses it too) and every Redis command through ioredis, for the real code paths run
// in-process against the bench database. Round trips, not timing — so in-process is fine here.
//
//   npx tsx bench/count-round-trips.ts        (BENCH_DATABASE_URL, BENCH_REDIS_PREFIX)
import pg from "pg";
import { Redis } from "ioredis";
import request from "supertest";
import { BENCH, appEnv, clearRedis, prepareDatabase } from "./lib/setup.ts";
import { everydayFields } from "./lib/forms.ts";
import { loadConfig } from "../src/config.ts";
import { createContainer } from "../src/container.ts";
import { createApp } from "../src/app.ts";
import { createRouteSuggestionProcessor } from "../workers/processors/route-suggestion.ts";
import { createSendEmailProcessor } from "../workers/processors/send-email.ts";
import { startSmtpSink } from "./lib/smtp-sink.ts";

type Recorded = { pg: string[]; redis: string[] };
const recorded: Recorded = { pg: [], redis: [] };
let recording = false;

const pgQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (recording) {
    const q = args[0] as string | { text?: string };
    recorded.pg.push((typeof q === "string" ? q : (q.text ?? "")).replace(/\s+/g, " ").trim().slice(0, 110));
  }
  return pgQuery.apply(this, args);
} as typeof pg.Client.prototype.query;

const sendCommand = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function (this: Redis, command: Parameters<Redis["sendCommand"]>[0], ...rest: unknown[]) {
  if (recording) {
    const c = command as unknown as { name: string; args: unknown[] };
    const first = c.name === "evalsha" || c.name === "eval" ? ` ${String(c.args[0]).slice(0, 12)}…` : ` ${String(c.args[0] ?? "").replace(BENCH.redisPrefix, "…")}`;
    recorded.redis.push(`${c.name}${first}`);
  }
  return (sendCommand as (...a: unknown[]) => unknown).call(this, command, ...rest);
} as typeof Redis.prototype.sendCommand;

async function record<T>(label: string, fn: () => Promise<T>): Promise<T> {
  recorded.pg = [];
  recorded.redis = [];
  recording = true;
  const result = await fn();
  recording = false;
  console.log(`\n## ${label}: ${recorded.pg.length} PostgreSQL statements, ${recorded.redis.length} Redis commands`);
  for (const s of recorded.pg) console.log(`  pg     ${s}`);
  for (const s of recorded.redis) console.log(`  redis  ${s}`);
  return result;
}

const db = await prepareDatabase();
await clearRedis();
const sink = await startSmtpSink();
const c = createContainer(loadConfig(appEnv({ SMTP_URL: sink.url })), { name: "count" });
try {
  const app = createApp(c);
  const agent = request.agent(app);
  const form = await agent.get("/suggestions/new");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? "";
  const fields = { _csrf: csrf, ...(await everydayFields(db)) };
  // The first submission fills the reference-data cache; the second is the steady state.
  await agent.post("/suggestions/new").type("form").send(fields);
  const res = await record("POST /suggestions/new (steady state, urlencoded)", () => agent.post("/suggestions/new").type("form").send(fields));
  if (res.status !== 303) throw new Error(`submission answered ${res.status}`);

  const route = createRouteSuggestionProcessor(c);
  const [first, second] = await db.suggestion.findMany({ orderBy: { id: "asc" }, select: { id: true } });
  if (!first || !second) throw new Error("no suggestions to route");
  await route({ data: { suggestionId: first.id } }); // loads jieba's dictionary
  const outcome = await record("route-suggestion (auto-assign, steady state)", () => route({ data: { suggestionId: second.id } }));
  console.log(`  outcome: ${JSON.stringify(outcome)}`);

  const send = createSendEmailProcessor(c);
  const [mail1, mail2] = await db.emailMessage.findMany({ orderBy: { id: "asc" }, select: { id: true } });
  if (!mail1 || !mail2) throw new Error("no emails to send");
  await send({ data: { emailId: mail1.id } }); // compiles the templates
  const sent = await record("send-email (acknowledgement, steady state)", () => send({ data: { emailId: mail2.id } }));
  console.log(`  outcome: ${JSON.stringify(sent)}`);
} finally {
  await clearRedis();
  await c.close();
  await sink.close();
  await db.$disconnect();
}
