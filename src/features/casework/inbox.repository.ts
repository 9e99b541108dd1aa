// The department inbox's query: one page of a department's assignments, by keyset.
import type { AssignmentRole, AssignmentStatus, SuggestionStatus } from "../../generated/prisma/enums.ts";
import { dateOf, isoText, sql, type DbClient } from "../../platform/db.ts";
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
 * The assignment statuses written into the statement rather than passed as a parameter: a named statement runs on
 * PostgreSQL's generic plan after five runs, and only a literal list lets that plan use the partial index of live
 * assignments ("Assignment_live_departmentId_dueAt_id_idx", WHERE status IN ('PENDING', 'ACCEPTED')) for the open
 * inbox, instead of walking past every replied assignment due earlier. The values are our enum's own constants;
 * anything else is refused rather than written into SQL.
 */
function assignmentStatusList(statuses: readonly AssignmentStatus[]): string {
  if (!statuses.length) throw new Error("the inbox needs at least one assignment status");
  return statuses
    .map((status) => {
      if (!/^[A-Z_]+$/.test(status)) throw new Error(`not an assignment status: ${JSON.stringify(status)}`);
      return `'${status}'`;
    })
    .join(", ");
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
  const order = scanAsc ? "ASC" : "DESC";
  const values: unknown[] = [];
  const param = (v: unknown) => `$${values.push(v)}`;
  const conditions = [`a."departmentId" = ${param(q.departmentId)}`, `a.status IN (${assignmentStatusList(q.assignmentStatuses)})`];
  if (q.suggestionStatuses) conditions.push(`s.status = ANY(${param([...q.suggestionStatuses])}::"SuggestionStatus"[])`);
  if (q.roundId !== undefined) conditions.push(`s."roundId" = ${param(q.roundId)}`);
  if (q.categoryId !== undefined) conditions.push(`s."categoryId" = ${param(q.categoryId)}`);
  if (cursor) conditions.push(`(a."dueAt", a.id) ${scanAsc ? ">" : "<"} (${param(cursor.dueAt)}::timestamp(3), ${param(cursor.id)})`);
  // On the `pg` pool rather than through Prisma (a staff page read on every visit; see platform/db.ts `sql`).
  const rows = await sql<Omit<InboxRow, "dueAt" | "assignedAt" | "replyDueAt"> & { dueAt: string; assignedAt: string; replyDueAt: string | null }>(
    db,
    `SELECT a.id AS "assignmentId", a.role::text AS role, a.status::text AS "assignmentStatus",
            ${isoText('a."dueAt"')} AS "dueAt", ${isoText('a."assignedAt"')} AS "assignedAt",
            s.id, s."trackingCode", s.title, s.status::text AS status, ${isoText('s."replyDueAt"')} AS "replyDueAt",
            s.important, s."roundId", s."categoryId"
       FROM "Assignment" a
       JOIN "Suggestion" s ON s.id = a."suggestionId"
      WHERE ${conditions.join(" AND ")}
      ORDER BY a."dueAt" ${order}, a.id ${order}
      LIMIT ${param(q.limit + 1)}`,
    values,
  );
  return {
    // The row's own object, its text dates replaced (a spread with overriding keys takes V8's slow path, per row).
    rows: rows.map((r) => Object.assign(r, { dueAt: dateOf(r.dueAt), assignedAt: dateOf(r.assignedAt), replyDueAt: dateOf(r.replyDueAt) }) as unknown as InboxRow),
    backward,
  };
}

export interface AwaitingReplyRow {
  suggestionId: number;
  trackingCode: string;
  title: string;
  updatedAt: Date;
}

/** 答复待审核: a short list on the head's inbox (the case page has the reply and the buttons). */
export async function findAwaitingReplies(db: DbClient, departmentId: number, limit = 20): Promise<AwaitingReplyRow[]> {
  const rows = await sql<Omit<AwaitingReplyRow, "updatedAt"> & { updatedAt: string }>(
    db,
    `SELECT s.id AS "suggestionId", s."trackingCode", s.title, ${isoText('p."updatedAt"')} AS "updatedAt"
       FROM "PendingReply" p JOIN "Suggestion" s ON s.id = p."suggestionId"
      WHERE p."departmentId" = $1 AND p.status = 'AWAITING_APPROVAL'
      ORDER BY p."updatedAt", p.id
      LIMIT $2`,
    [departmentId, limit],
  );
  return rows.map((r) => ({ ...r, updatedAt: dateOf(r.updatedAt) }));
}
