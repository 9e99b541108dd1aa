// The one reader of process.env: everything else receives a frozen Config.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

/** The development database; prisma.config.ts falls back to it too, so the CLI and the app agree. */
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/golden_ideas";

/** The queues of src/platform/queues.ts, by their keys there (QUEUES is checked against this list). */
export const WORKER_QUEUE_NAMES = ["routing", "email", "maintenance", "indexing", "reports"] as const;
export type WorkerQueue = (typeof WORKER_QUEUE_NAMES)[number];

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().default(DEFAULT_DATABASE_URL),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  // Namespaces queues, sessions and rate-limit keys so several apps (or test runs) can share one Redis.
  REDIS_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default("gi"),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("辽宁人民建议征集 <noreply@ln.gov.cn.example>"),
  MAIL_DIR: z.string().default("var/mail"),
  UPLOAD_DIR: z.string().default("var/uploads"),
  PUBLIC_BASE_URL: z.string().url().default("http://localhost:3000"),
  SESSION_SECRET: z.string().min(16).optional(),
  CSRF_SECRET: z.string().min(16).optional(),
  COOKIE_SECURE: bool.default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.string().default("loopback"),
  // Compiled templates are cached in every mode, `npm start` included: recompiling each view on every request made
  // pages 4–6× slower. VIEW_CACHE=false is the one switch that turns it off, for editing templates with reloads.
  VIEW_CACHE: bool.default(true),
  // Platform deadlines, in working days of the official Chinese calendar.
  SCREENING_WORKING_DAYS: z.coerce.number().int().positive().default(5),
  REPLY_WORKING_DAYS: z.coerce.number().int().positive().default(15),
  EXTENSION_MAX_WORKING_DAYS: z.coerce.number().int().positive().default(15),
  REMINDER_WORKING_DAYS: z.coerce.number().int().positive().default(3),
  RETURN_WINDOW_WORKING_DAYS: z.coerce.number().int().positive().default(7),
  RATING_WINDOW_DAYS: z.coerce.number().int().positive().default(30),
  // When a routing rule matches, the worker accepts and assigns at once; otherwise the match is only proposed
  // and a coordinator screens it first.
  ROUTING_AUTO_ASSIGN: bool.default(true),
  SWEEP_EVERY_MS: z.coerce.number().int().positive().default(60_000),
  // The queues a worker process (`npm run worker`) takes jobs from. `npm start` runs two: routing + maintenance,
  // and email + indexing + reports (src/cli/worker-processes.ts), so a burst's emails and signatures do not take the router's CPU (bench/PROFILE.md).
  WORKER_QUEUES: z
    .string()
    .default(WORKER_QUEUE_NAMES.join(","))
    .transform((v) => v.split(",").map((q) => q.trim()).filter(Boolean))
    .pipe(z.array(z.enum(WORKER_QUEUE_NAMES)).min(1)),
  // The worker process's CPU priority (nice, 0–19; higher yields more). `npm start` gives the email, indexing and reports
  // process 10: on a small host its bursts (a signature and three emails per suggestion) would otherwise take the CPU
  // the router and the web process need, and a few seconds' delay on an email or a signature costs nobody anything.
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(0),
  // The sweep leaves work younger than this alone: a new suggestion's jobs are the outbox relay's, queued within
  // milliseconds of the commit (workers/outbox-relay.ts), and other work is queued by the request or job that wrote
  // it. The sweep takes what they could not queue (Redis down, no relay listening, a process killed); the grace only
  // keeps it from queueing a second job for work in flight, which would be harmless anyway (deterministic job ids).
  SWEEP_GRACE_MS: z.coerce.number().int().nonnegative().default(30_000),
  SUBMISSIONS_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(30),
});

export type Config = Readonly<{
  env: "development" | "test" | "production";
  port: number;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  mailDir: string;
  uploadDir: string;
  publicBaseUrl: string;
  sessionSecret: string;
  csrfSecret: string;
  cookieSecure: boolean;
  logLevel: string;
  trustProxy: string;
  viewCache: boolean;
  deadlines: Readonly<{
    screeningWorkingDays: number;
    replyWorkingDays: number;
    extensionMaxWorkingDays: number;
    reminderWorkingDays: number;
    returnWindowWorkingDays: number;
    ratingWindowDays: number;
  }>;
  routingAutoAssign: boolean;
  sweepEveryMs: number;
  workerQueues: readonly WorkerQueue[];
  workerNice: number;
  sweepGraceMs: number;
  submissionsPerIpPerHour: number;
}>;

const DEV_SECRET = "development-only-secret-change-me";

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production" && (!e.SESSION_SECRET || !e.CSRF_SECRET)) {
    throw new Error("Invalid configuration: SESSION_SECRET and CSRF_SECRET are required in production");
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailDir: e.MAIL_DIR,
    uploadDir: e.UPLOAD_DIR,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ""),
    sessionSecret: e.SESSION_SECRET ?? DEV_SECRET,
    csrfSecret: e.CSRF_SECRET ?? DEV_SECRET,
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    viewCache: e.VIEW_CACHE,
    deadlines: Object.freeze({
      screeningWorkingDays: e.SCREENING_WORKING_DAYS,
      replyWorkingDays: e.REPLY_WORKING_DAYS,
      extensionMaxWorkingDays: e.EXTENSION_MAX_WORKING_DAYS,
      reminderWorkingDays: e.REMINDER_WORKING_DAYS,
      returnWindowWorkingDays: e.RETURN_WINDOW_WORKING_DAYS,
      ratingWindowDays: e.RATING_WINDOW_DAYS,
    }),
    routingAutoAssign: e.ROUTING_AUTO_ASSIGN,
    sweepEveryMs: e.SWEEP_EVERY_MS,
    workerQueues: e.WORKER_QUEUES,
    workerNice: e.WORKER_NICE,
    sweepGraceMs: e.SWEEP_GRACE_MS,
    submissionsPerIpPerHour: e.SUBMISSIONS_PER_IP_PER_HOUR,
  });
}
