// Reads and writes of the email outbox (EmailMessage). Every function takes the root client or a transaction client.
import { sql, type DbClient } from "../../platform/db.ts";
import type { EmailStatus } from "../../generated/prisma/enums.ts";

export interface EmailToSend {
  id: number;
  toAddress: string;
  template: string;
  locale: string;
  data: unknown;
  status: EmailStatus;
  attempts: number;
}

// The two statements of every send-email job run straight on the `pg` pool (see platform/db.ts `sql`).
export async function findEmail(db: DbClient, id: number): Promise<EmailToSend | null> {
  const rows = await sql<EmailToSend>(
    db,
    `SELECT id, "toAddress", template, locale, data, status, attempts FROM "EmailMessage" WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Conditional: only a PENDING row becomes SENT, so a message is recorded as sent once. */
export async function markSent(db: DbClient, id: number, sentAt: Date): Promise<boolean> {
  const rows = await sql<{ id: number }>(
    db,
    `UPDATE "EmailMessage" SET status = 'SENT', "sentAt" = $2::timestamp WHERE id = $1 AND status = 'PENDING' RETURNING id`,
    [id, sentAt],
  );
  return rows.length === 1;
}

/** A failed attempt that may succeed later: the row stays PENDING. */
export async function recordFailedAttempt(db: DbClient, id: number, error: string): Promise<void> {
  await db.emailMessage.updateMany({
    where: { id, status: "PENDING" },
    data: { attempts: { increment: 1 }, lastError: error },
  });
}

/** A failure no retry can fix: the row leaves the outbox as FAILED. */
export async function markFailed(db: DbClient, id: number, error: string): Promise<void> {
  await db.emailMessage.updateMany({
    where: { id, status: "PENDING" },
    data: { status: "FAILED", attempts: { increment: 1 }, lastError: error },
  });
}

/** Emails written before `createdBefore` and still unsent, oldest first by id, after `afterId` (a keyset page). */
export async function findPendingEmailIds(db: DbClient, createdBefore: Date, limit: number, afterId: number): Promise<number[]> {
  const rows = await db.emailMessage.findMany({
    where: { status: "PENDING", createdAt: { lt: createdBefore }, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function filterPendingEmailIds(db: DbClient, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.emailMessage.findMany({ where: { id: { in: ids }, status: "PENDING" }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
