// Queries of the deadline scans. Each walks its candidates in id order (keyset) in bounded batches, filtered on
// Suggestion.status first so the [status, submittedAt] index narrows 100,000 suggestions to the open few.
import type { DbClient } from "../../platform/db.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { REPLY_DEADLINE_STATUSES } from "../deadlines/index.ts";
import { EVENT_TYPE, recordEvent, type EventNote } from "../lifecycle/index.ts";

export interface DueSuggestion {
  id: number;
  trackingCode: string;
  title: string;
  /** The current LEAD assignment (PENDING or ACCEPTED): its id and deadline key the emails. */
  assignmentId: number;
  departmentId: number;
  dueAt: Date;
}

export interface DepartmentContact {
  id: number;
  name: string;
  nameEn: string;
  headEmail: string | null;
}

export interface Recipient {
  id: number;
  email: string;
  locale: string;
}

/** Open suggestions whose current lead assignment is due in (now, horizon]. */
export async function findDueForReminder(
  db: DbClient,
  opts: { now: Date; horizon: Date; afterId: number; limit: number },
): Promise<DueSuggestion[]> {
  const window = { dueAt: { gt: opts.now, lte: opts.horizon } };
  const rows = await db.suggestion.findMany({
    where: {
      id: { gt: opts.afterId },
      status: { in: [...REPLY_DEADLINE_STATUSES] },
      assignments: { some: { role: "LEAD", status: { in: ["PENDING", "ACCEPTED"] }, ...window } },
    },
    orderBy: { id: "asc" },
    take: opts.limit,
    select: {
      id: true,
      trackingCode: true,
      title: true,
      assignments: {
        where: { role: "LEAD", status: { in: ["PENDING", "ACCEPTED"] }, ...window },
        orderBy: { id: "desc" },
        take: 1,
        select: { id: true, departmentId: true, dueAt: true },
      },
    },
  });
  return rows.flatMap(({ assignments, ...s }) => {
    const a = assignments[0];
    return a ? [{ ...s, assignmentId: a.id, departmentId: a.departmentId, dueAt: a.dueAt }] : [];
  });
}

/**
 * Open suggestions past their reply deadline that have not been escalated for it yet: an OVERDUE event written
 * after the deadline means this deadline was handled (one for an earlier deadline predates the extension that
 * set the current one). Raw SQL because the test compares two columns.
 */
export async function findOverdue(db: DbClient, opts: { now: Date; afterId: number; limit: number }): Promise<DueSuggestion[]> {
  // Prisma keeps DateTime columns as UTC wall time without a zone; an ISO string cast to timestamp matches that.
  const now = opts.now.toISOString();
  return db.$queryRaw<DueSuggestion[]>`
    SELECT s.id, s."trackingCode", s.title, a.id AS "assignmentId", a."departmentId", s."replyDueAt" AS "dueAt"
    FROM "Suggestion" s
    JOIN LATERAL (
      SELECT a.id, a."departmentId" FROM "Assignment" a
      WHERE a."suggestionId" = s.id AND a.role = 'LEAD' AND a.status IN ('PENDING', 'ACCEPTED')
      ORDER BY a.id DESC LIMIT 1
    ) a ON true
    WHERE s.status = ANY(${[...REPLY_DEADLINE_STATUSES]}::"SuggestionStatus"[])
      AND s."replyDueAt" < ${now}::timestamp
      AND s.id > ${opts.afterId}
      AND NOT EXISTS (
        SELECT 1 FROM "HandlingEvent" e
        WHERE e."suggestionId" = s.id AND e.type = 'OVERDUE' AND e."createdAt" > s."replyDueAt"
      )
    ORDER BY s.id
    LIMIT ${opts.limit}`;
}

/**
 * Locks the suggestion for the rest of the transaction and reads what an escalation must re-check: two scans at
 * once (two worker processes, a manual run) then escalate one deadline once.
 */
export async function lockForEscalation(
  tx: DbClient,
  suggestionId: number,
): Promise<{ status: SuggestionStatus; replyDueAt: Date | null } | null> {
  const rows = await tx.$queryRaw<{ status: SuggestionStatus; replyDueAt: Date | null }[]>`
    SELECT status::text AS status, "replyDueAt" FROM "Suggestion" WHERE id = ${suggestionId} FOR UPDATE`;
  return rows[0] ?? null;
}

export async function hasEscalation(tx: DbClient, suggestionId: number, dueAt: Date): Promise<boolean> {
  const found = await tx.handlingEvent.findFirst({
    where: { suggestionId, type: EVENT_TYPE.OVERDUE, createdAt: { gt: dueAt } },
    select: { id: true },
  });
  return found !== null;
}

export function recordEscalation(
  tx: DbClient,
  event: { suggestionId: number; departmentId: number; note: EventNote; at: Date },
): Promise<void> {
  // Supervision is between the offices; the citizen's page already marks the deadline as passed.
  return recordEvent(tx, { ...event, type: EVENT_TYPE.OVERDUE, actorId: null, internal: true });
}

export function findDepartments(db: DbClient, ids: number[]): Promise<DepartmentContact[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.department.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, nameEn: true, headEmail: true } });
}

/** The officials of these departments (heads included), by department. */
export function findOfficials(db: DbClient, departmentIds: number[]): Promise<Map<number, Recipient[]>> {
  return usersByDepartment(db, departmentIds, { role: "OFFICIAL" });
}

export function findHeads(db: DbClient, departmentIds: number[]): Promise<Map<number, Recipient[]>> {
  return usersByDepartment(db, departmentIds, { isHead: true });
}

async function usersByDepartment(
  db: DbClient,
  departmentIds: number[],
  where: { role: "OFFICIAL" } | { isHead: true },
): Promise<Map<number, Recipient[]>> {
  const byDepartment = new Map<number, Recipient[]>();
  if (departmentIds.length === 0) return byDepartment;
  const rows = await db.user.findMany({
    where: { ...where, departmentId: { in: departmentIds } },
    orderBy: { id: "asc" },
    select: { id: true, email: true, locale: true, departmentId: true },
  });
  for (const { departmentId, ...user } of rows) {
    if (departmentId === null) continue;
    byDepartment.set(departmentId, [...(byDepartment.get(departmentId) ?? []), user]);
  }
  return byDepartment;
}

export function findCoordinators(db: DbClient): Promise<Recipient[]> {
  return db.user.findMany({ where: { role: "COORDINATOR" }, orderBy: { id: "asc" }, select: { id: true, email: true, locale: true } });
}

/** REPLIED suggestions whose lead reply (the latest one) is older than `cutoff`. */
export async function findRatingExpired(db: DbClient, opts: { cutoff: Date; afterId: number; limit: number }): Promise<number[]> {
  const rows = await db.suggestion.findMany({
    where: {
      id: { gt: opts.afterId },
      status: "REPLIED",
      replies: { some: { isLead: true }, none: { isLead: true, createdAt: { gte: opts.cutoff } } },
    },
    orderBy: { id: "asc" },
    take: opts.limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
