// Delivery of the email outbox: one EmailMessage row in, at most one message out (see CONTEXT.md).
import { UnrecoverableError } from "bullmq";
import type { Infrastructure } from "../../container.ts";
import { createEmailRenderer, UnknownTemplateError, type EmailRenderer } from "./email-renderer.ts";
import * as repo from "./notifications.repository.ts";

export type SendOutcome = "sent" | "skipped";

export interface NotificationService {
  /**
   * Idempotent: renders and sends a PENDING email and marks it SENT; does nothing for one already SENT or FAILED.
   * Throws UnrecoverableError (after marking the row FAILED) when no retry can help, and rethrows temporary
   * failures (SMTP down, 4xx) so the job retries with backoff.
   */
  sendEmail(emailId: number): Promise<SendOutcome>;
  /**
   * Emails written before `createdBefore` and never sent, oldest first by id, after `afterId` (a keyset page): for
   * the sweep and the outbox relay's catch-up.
   */
  findUnsent(createdBefore: Date, limit: number, afterId?: number): Promise<number[]>;
  /** Of these ids, the ones still waiting to be sent. */
  stillUnsent(ids: number[]): Promise<Set<number>>;
}

export type NotificationDeps = Pick<Infrastructure, "db" | "config" | "logger" | "mailer" | "now">;

// Deliberately stricter than RFC 5322: what a citizen types in a form or an administrator enters for a
// department. No spaces, quotes, brackets or line breaks, one @, a dot in the domain.
const ADDRESS = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:.]+$/u;

export function isDeliverableAddress(address: string): boolean {
  return address.length <= 254 && ADDRESS.test(address) && !address.includes("..");
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

/**
 * A 5xx reply about this message or its recipient (550 no such mailbox, 553 bad address, 552 too big) will be
 * the same on every retry. Connection, DNS, TLS and authentication problems, and 4xx replies, are the server's
 * or our configuration's, and pass: they are retried.
 */
function isPermanentSmtpError(err: SmtpError): boolean {
  if (err.code !== "EENVELOPE" && err.code !== "EMESSAGE") return false;
  // nodemailer's own envelope check ("No recipients defined") has no response code.
  return err.responseCode === undefined || (err.responseCode >= 500 && err.responseCode < 600);
}

function describe(err: unknown): string {
  const e = err as SmtpError;
  const message = e instanceof Error ? e.message : String(err);
  return `${e.code ? `${e.code}: ` : ""}${message}`.slice(0, 1_000);
}

export function createNotificationService(c: NotificationDeps, opts: { renderer?: EmailRenderer } = {}): NotificationService {
  const renderer =
    opts.renderer ??
    createEmailRenderer({
      site: { baseUrl: c.config.publicBaseUrl, screeningWorkingDays: c.config.deadlines.screeningWorkingDays },
      // The same switch as the pages' (VIEW_CACHE=false while editing templates): `npm start` runs in development
      // mode and must still not recompile every email.
      cache: c.config.viewCache,
    });

  /**
   * Temporary SMTP failures are retried by the job's backoff and, after that, by the sweep reviving the job. A
   * recipient server that answers 4xx for hours would make that endless: past this many attempts the email is
   * given up (FAILED, visible to operators) instead.
   */
  const MAX_SEND_ATTEMPTS = 48;

  // One Message-ID per email row, across retries and workers (see platform/mailer.ts OutgoingMail.messageId).
  const messageDomain = new URL(c.config.publicBaseUrl).hostname || "localhost";
  const messageIdOf = (emailId: number) => `<gi-email-${emailId}@${messageDomain}>`;

  async function fail(emailId: number, template: string, reason: string): Promise<never> {
    await repo.markFailed(c.db, emailId, reason);
    c.logger.error({ emailId, template, reason }, "email failed permanently");
    throw new UnrecoverableError(`email ${emailId}: ${reason}`);
  }

  async function sendEmail(emailId: number): Promise<SendOutcome> {
    const row = await repo.findEmail(c.db, emailId);
    if (row === null) throw new UnrecoverableError(`email ${emailId} does not exist`);
    if (row.status !== "PENDING") return "skipped";

    if (!isDeliverableAddress(row.toAddress)) return fail(row.id, row.template, "invalid recipient address");
    if (row.attempts >= MAX_SEND_ATTEMPTS) return fail(row.id, row.template, `gave up after ${row.attempts} temporary failures`);
    let rendered;
    try {
      const data = row.data !== null && typeof row.data === "object" && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {};
      rendered = renderer.render({ template: row.template, locale: row.locale, data });
    } catch (err) {
      // Rendering is deterministic: the same row fails the same way on every retry.
      return fail(row.id, row.template, err instanceof UnknownTemplateError ? err.message : `render failed: ${describe(err)}`);
    }

    try {
      await c.mailer.send({ to: row.toAddress, ...rendered, messageId: messageIdOf(row.id) });
    } catch (err) {
      if (isPermanentSmtpError(err as SmtpError)) return fail(row.id, row.template, `rejected: ${describe(err)}`);
      await repo.recordFailedAttempt(c.db, row.id, describe(err));
      c.logger.warn({ emailId, template: row.template, code: (err as SmtpError).code }, "email not sent; will retry");
      throw err;
    }

    // The message is out: a failure to record it must not make the job send it again, so it is only logged.
    const marked = await repo.markSent(c.db, row.id, c.now()).catch((err: unknown) => {
      c.logger.error({ emailId, err: describe(err) }, "email sent but not marked SENT");
      return true;
    });
    if (!marked) c.logger.warn({ emailId }, "email was sent by another run at the same time");
    c.logger.info({ emailId, template: row.template }, "email sent");
    return "sent";
  }

  return {
    sendEmail,
    findUnsent: (createdBefore, limit, afterId = 0) => repo.findPendingEmailIds(c.db, createdBefore, limit, afterId),
    stillUnsent: (ids) => repo.filterPendingEmailIds(c.db, ids),
  };
}
