// The department inbox's query: one page of a department's assignments, by keyset.
import { Prisma } from "../../generated/prisma/client.ts";
import type { AssignmentRole, AssignmentStatus, SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";
import type { Cursor } from "./casework.schemas.ts";

export interface InboxRow {
  assignmentId: number;
  role: AssignmentRole;
  assignmentStatus: AssignmentStatus;
  dueAt: Date;
  assignedAt: Date;
  id: number;
  trackingCode: string;
  title: string;
  status: SuggestionStatus;
  replyDueAt: Date | null;
  important: boolean;
  roundId: number | null;
  categoryId: number;
}

export interface InboxPageQuery {
  departmentId: number;
  assignmentStatuses: readonly AssignmentStatus[];
  /** null: any status. */
  suggestionStatuses: readonly SuggestionStatus[] | null;
  roundId?: number;
  categoryId?: number;
  /** The list's own order; "asc" = nearest deadline first. */
  direction: "asc" | "desc";
  /** Rows after this position in the list's order (the next page) ... */
  after?: Cursor;
  /** ... or before it (the previous page). */
  before?: Cursor;
  limit: number;
}

/**
 * One page of a department's assignments in (dueAt, id) order, by keyset: the page starts at the cursor through
 * the index ("Assignment"(departmentId, dueAt, id)) instead of counting past every earlier row, so page 500
 * costs what page 1 costs. Returns up to limit + 1 rows in scan order (the extra row says "there is more").
 */
export async function findInboxRows(db: DbClient, q: InboxPageQuery): Promise<{ rows: InboxRow[]; backward: boolean }> {
  const backward = q.before !== undefined;
  const cursor = q.before ?? q.after;
  const scanAsc = (q.direction === "asc") !== backward;
  const order = scanAsc ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const conditions: Prisma.Sql[] = [
    Prisma.sql`a."departmentId" = ${q.departmentId}`,
    Prisma.sql`a.status = ANY(${[...q.assignmentStatuses]}::"AssignmentStatus"[])`,
  ];
  if (q.suggestionStatuses) conditions.push(Prisma.sql`s.status = ANY(${[...q.suggestionStatuses]}::"SuggestionStatus"[])`);
  if (q.roundId !== undefined) conditions.push(Prisma.sql`s."roundId" = ${q.roundId}`);
  if (q.categoryId !== undefined) conditions.push(Prisma.sql`s."categoryId" = ${q.categoryId}`);
  if (cursor) {
    conditions.push(
      scanAsc
        ? Prisma.sql`(a."dueAt", a.id) > (${cursor.dueAt}::timestamp(3), ${cursor.id})`
        : Prisma.sql`(a."dueAt", a.id) < (${cursor.dueAt}::timestamp(3), ${cursor.id})`,
    );
  }
  const rows = await db.$queryRaw<InboxRow[]>`
    SELECT a.id AS "assignmentId", a.role, a.status AS "assignmentStatus", a."dueAt", a."assignedAt",
           s.id, s."trackingCode", s.title, s.status, s."replyDueAt", s.important, s."roundId", s."categoryId"
      FROM "Assignment" a
      JOIN "Suggestion" s ON s.id = a."suggestionId"
     WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY a."dueAt" ${order}, a.id ${order}
     LIMIT ${q.limit + 1}`;
  return { rows, backward };
}

export interface AwaitingReplyRow {
  suggestionId: number;
  trackingCode: string;
  title: string;
  updatedAt: Date;
}

/** 答复待审核: a short list on the head's inbox (the case page has the reply and the buttons). */
export async function findAwaitingReplies(db: DbClient, departmentId: number, limit = 20): Promise<AwaitingReplyRow[]> {
  const rows = await db.pendingReply.findMany({
    where: { departmentId, status: "AWAITING_APPROVAL" },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { updatedAt: true, suggestion: { select: { id: true, trackingCode: true, title: true } } },
  });
  return rows.map((r) => ({ suggestionId: r.suggestion.id, trackingCode: r.suggestion.trackingCode, title: r.suggestion.title, updatedAt: r.updatedAt }));
}
