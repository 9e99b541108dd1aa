import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { Redis } from "ioredis";
import type { Container } from "../../../src/container.ts";
import type { Db } from "../../../src/platform/db.ts";
import { createRedis } from "../../../src/platform/redis.ts";
import { queueEmails, type EmailDraft } from "../../../src/features/notifications/index.ts";
import { createSendEmailProcessor } from "../../../workers/processors/send-email.ts";
import { createSweepPendingProcessor } from "../../../workers/processors/sweep-pending.ts";
import { startWorkers } from "../../../workers/start-workers.ts";
import { createTestContainer, eventually, resetState, resetSuggestions } from "../../support/harness.ts";
import { startSmtp, type TestSmtp } from "../../support/smtp.ts";

let smtp: TestSmtp;
let c: Container;
let send: ReturnType<typeof createSendEmailProcessor>;

const job = <T>(data: T) => ({ data });

function receipt(overrides: Partial<EmailDraft> = {}): EmailDraft {
  return {
    dedupeKey: `received-${Math.floor(Math.random() * 1e9)}`,
    to: "li.si@citizen.example",
    template: "suggestion-received",
    locale: "zh-CN",
    data: { trackingCode: "LN-2026-ABCD2345", title: "关于增设公交线路的建议", trackUrl: "http://localhost:3000/track" },
    ...overrides,
  };
}

async function write(db: Db, draft: EmailDraft): Promise<number> {
  const [id] = await queueEmails(db, [draft]);
  if (id === undefined) throw new Error("email not written");
  return id;
}

/** A port nothing listens on: connecting to it is refused, like an SMTP server that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  smtp = await startSmtp();
  c = createTestContainer({ SMTP_URL: smtp.url });
  send = createSendEmailProcessor(c);
  // No reference data needed: the outbox rows are written directly.
  await resetState(c);
});

afterAll(async () => {
  await c.close();
  await smtp.close();
});

beforeEach(async () => {
  await resetSuggestions(c);
  smtp.clear();
});

describe("send-email", () => {
  it("when an email is pending, then it is sent with an HTML and a text part in its language and marked SENT", async () => {
    const id = await write(c.db, receipt({ to: "wang.wu@citizen.example", locale: "en", data: { trackingCode: "LN-2026-ABCD2345", title: "More bus routes", trackUrl: "http://localhost:3000/track" } }));
    expect(await send(job({ emailId: id }))).toBe("sent");

    const mail = await smtp.waitFor((m) => m.subject?.includes("LN-2026-ABCD2345") === true);
    expect(mail.subject).toBe("We have received your suggestion (tracking code LN-2026-ABCD2345)");
    expect(mail.text).toContain("last 4 digits of your mobile number");
    expect(mail.html).toContain('<html lang="en">');
    const row = await c.db.emailMessage.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("SENT");
    expect(row.sentAt).not.toBeNull();
  });

  it("when the job runs twice, then the email is sent once", async () => {
    const id = await write(c.db, receipt());
    expect(await send(job({ emailId: id }))).toBe("sent");
    expect(await send(job({ emailId: id }))).toBe("skipped");
    await smtp.waitFor(() => true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages).toHaveLength(1);
  });

  it("when the same event queues its email twice, then there is one row and one message", async () => {
    const draft = receipt({ dedupeKey: "received-77" });
    const first = await queueEmails(c.db, [draft]);
    expect(await queueEmails(c.db, [draft])).toEqual(first);
    await send(job({ emailId: first[0]! }));
    expect(await queueEmails(c.db, [draft])).toEqual([]);
    expect(await c.db.emailMessage.count()).toBe(1);
  });

  it("when the template is unknown, then the email is FAILED and the job is not retried", async () => {
    const row = await c.db.emailMessage.create({ data: { dedupeKey: "x-1", toAddress: "a@b.example", template: "no-such-template", data: {} } });
    await expect(send(job({ emailId: row.id }))).rejects.toMatchObject({ name: "UnrecoverableError" });
    expect(await c.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "FAILED", attempts: 1, lastError: expect.stringContaining("no-such-template") });
    expect(smtp.messages).toHaveLength(0);
  });

  it("when an email has failed temporarily for hours (48 attempts), then it is given up as FAILED instead of retried forever", async () => {
    const row = await c.db.emailMessage.create({
      data: { dedupeKey: "x-2", toAddress: "citizen@example.com", template: "suggestion-received", data: { trackingCode: "JY-2026-ABCDEFGH", title: "t", trackUrl: "http://x/track" }, attempts: 48 },
    });
    await expect(send(job({ emailId: row.id }))).rejects.toMatchObject({ name: "UnrecoverableError" });
    expect(await c.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "FAILED", lastError: expect.stringContaining("gave up") });
    expect(smtp.messages).toHaveLength(0);
  });

  it("when the email row does not exist, then the job fails without retrying", async () => {
    await expect(send(job({ emailId: 424242 }))).rejects.toMatchObject({ name: "UnrecoverableError" });
    await expect(send(job({}))).rejects.toMatchObject({ name: "UnrecoverableError" });
  });

  it("when the SMTP server cannot be reached, then the attempt is recorded, the email stays PENDING and the job retries", async () => {
    const down = createTestContainer({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
    try {
      const id = await write(c.db, receipt());
      const error = await createSendEmailProcessor(down)(job({ emailId: id })).then(() => undefined, (err: unknown) => err as Error);
      expect(error).toBeInstanceOf(Error);
      expect(error?.name).not.toBe("UnrecoverableError");
      expect(await c.db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING", attempts: 1, lastError: expect.stringMatching(/ECONNECTION|ECONNREFUSED/) });

      // The server is back: the retry sends it.
      expect(await send(job({ emailId: id }))).toBe("sent");
      expect(await c.db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", attempts: 1 });
    } finally {
      await down.close();
    }
  });

  it("when the SMTP server refuses the recipient for good (5xx), then the email is FAILED and not retried", async () => {
    const strict = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        const err = Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 });
        callback(address.address.startsWith("gone") ? err : undefined);
      },
    });
    await new Promise<void>((resolve) => strict.listen(0, "127.0.0.1", resolve));
    const strictContainer = createTestContainer({ SMTP_URL: `smtp://127.0.0.1:${(strict.server.address() as AddressInfo).port}` });
    try {
      const id = await write(c.db, receipt({ to: "gone@citizen.example" }));
      await expect(createSendEmailProcessor(strictContainer)(job({ emailId: id }))).rejects.toMatchObject({ name: "UnrecoverableError" });
      expect(await c.db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", attempts: 1, lastError: expect.stringContaining("550") });
    } finally {
      await strictContainer.close();
      await new Promise<void>((resolve) => strict.close(() => resolve()));
    }
  });
});

describe("send-email through a Worker", () => {
  let connection: Redis;

  beforeAll(() => {
    connection = createRedis(c.config.redisUrl, "worker");
  });

  afterAll(() => {
    connection.disconnect();
  });

  it("when the address is invalid, then the email is marked FAILED and the job fails once, without retries", async () => {
    const workers = startWorkers(c, connection, { queues: ["email"] });
    try {
      const id = await write(c.db, receipt({ to: "not-an-address" }));
      await c.enqueuer.sendEmails([id]);
      const jobId = `send-email-${id}`;
      await eventually(async () => (await c.queues.email.getJobState(jobId)) === "failed");
      const failed = await c.queues.email.getJob(jobId);
      expect(failed?.attemptsMade).toBe(1);
      expect(failed?.failedReason).toContain("invalid recipient address");
      expect(await c.db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", attempts: 1 });

      // The sweep leaves a FAILED email alone: it is not pending and its failed job stays for inspection.
      expect(await createSweepPendingProcessor(c, { graceMs: 0 })()).toMatchObject({ emails: 0, revived: 0 });
      expect(await c.queues.email.getJobState(jobId)).toBe("failed");
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await workers.close();
    }
  });

  it("when an email was written but never queued, then the sweep queues it and a Worker sends it", async () => {
    const workers = startWorkers(c, connection, { queues: ["email"] });
    try {
      const id = await write(c.db, receipt());
      await c.db.emailMessage.update({ where: { id }, data: { createdAt: new Date(Date.now() - 120_000) } });
      expect(await createSweepPendingProcessor(c)()).toMatchObject({ emails: 1 });
      await smtp.waitFor((m) => m.subject?.includes("LN-2026-ABCD2345") === true);
      await eventually(async () => (await c.db.emailMessage.findUniqueOrThrow({ where: { id } })).status === "SENT");
    } finally {
      await workers.close();
    }
  });
});
