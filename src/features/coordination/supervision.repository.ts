// Supervision's reads (督办): open suggestions due soon or overdue, counted and listed by lead department.
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";
import { REPLY_DEADLINE_STATUSES } from "../deadlines/index.ts";
import { EVENT_TYPE } from "../lifecycle/index.ts";

export interface DepartmentLoad {
  departmentId: number;
  name: string;
  nameEn: string;
  overdue: number;
  dueSoon: number;
}

/** One aggregate over the open, supervised suggestions due by `dueBy`, per lead department. */
export async function supervisionSummary(db: DbClient, now: Date, dueBy: Date): Promise<DepartmentLoad[]> {
  const rows = await db.$queryRaw<{ departmentId: number; name: string; nameEn: string; overdue: bigint; dueSoon: bigint }[]>`
    SELECT d.id AS "departmentId", d.name, d."nameEn",
           COUNT(*) FILTER (WHERE s."replyDueAt" < ${now}) AS overdue,
           COUNT(*) FILTER (WHERE s."replyDueAt" >= ${now}) AS "dueSoon"
    FROM "Suggestion" s
    JOIN "Department" d ON d.id = s."leadDepartmentId"
    WHERE s.status = ANY(${[...REPLY_DEADLINE_STATUSES]}::"SuggestionStatus"[]) AND s."replyDueAt" <= ${dueBy}
    GROUP BY d.id, d.name, d."nameEn"
    ORDER BY overdue DESC, "dueSoon" DESC, d.id ASC`;
  return rows.map((r) => ({ ...r, overdue: Number(r.overdue), dueSoon: Number(r.dueSoon) }));
}

export interface SupervisedRow {
  id: number;
  trackingCode: string;
  title: string;
  status: SuggestionStatus;
  important: boolean;
  replyDueAt: Date | null;
  leadDepartmentId: number | null;
  /** When the office last urged the lead department (催办), if ever. */
  lastUrgedAt?: Date | null;
}

export function findSupervised(db: DbClient, dueBy: Date, departmentId: number | null, take: number): Promise<SupervisedRow[]> {
  return db.suggestion.findMany({
    where: {
      status: { in: [...REPLY_DEADLINE_STATUSES] },
      replyDueAt: { lte: dueBy },
      ...(departmentId ? { leadDepartmentId: departmentId } : { leadDepartmentId: { not: null } }),
    },
    orderBy: [{ replyDueAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, trackingCode: true, title: true, status: true, important: true, replyDueAt: true, leadDepartmentId: true },
  });
}

export interface LowRating {
  suggestionId: number;
  trackingCode: string;
  title: string;
  score: number;
  comment: string | null;
  ratedAt: Date;
  leadDepartment: { name: string; nameEn: string } | null;
  /** The office's follow-up note to the citizen, once sent (one per suggestion). */
  followUp: { note: string; at: Date } | null;
}

/** Ratings of `maxScore` stars or fewer given since `since`, newest first: the citizens the office should call back. */
export async function findLowRatings(db: DbClient, maxScore: number, since: Date, limit: number): Promise<LowRating[]> {
  const rows = await db.rating.findMany({
    where: { score: { lte: maxScore }, createdAt: { gte: since } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      score: true,
      comment: true,
      createdAt: true,
      suggestion: { select: { id: true, trackingCode: true, title: true, leadDepartment: { select: { name: true, nameEn: true } } } },
    },
  });
  const followUps = rows.length
    ? await db.handlingEvent.findMany({
        where: { suggestionId: { in: rows.map((r) => r.suggestion.id) }, type: EVENT_TYPE.FOLLOW_UP },
        select: { suggestionId: true, note: true, createdAt: true },
      })
    : [];
  const followUpOf = new Map(followUps.map((f) => [f.suggestionId, { note: f.note ?? "", at: f.createdAt }]));
  return rows.map((r) => ({
    suggestionId: r.suggestion.id,
    trackingCode: r.suggestion.trackingCode,
    title: r.suggestion.title,
    score: r.score,
    comment: r.comment,
    ratedAt: r.createdAt,
    leadDepartment: r.suggestion.leadDepartment,
    followUp: followUpOf.get(r.suggestion.id) ?? null,
  }));
}

/**
 * Whether the suggestion can take a follow-up now: it has a rating of `maxScore` stars or fewer and no follow-up yet.
 * Locks the suggestion's row first, so two coordinators pressing at once write one note.
 */
export async function followUpState(tx: DbClient, suggestionId: number, maxScore: number): Promise<"none" | "open" | "sent"> {
  const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Suggestion" WHERE id = ${suggestionId} FOR UPDATE`;
  if (locked.length === 0) return "none";
  const low = await tx.rating.findFirst({ where: { suggestionId, score: { lte: maxScore } }, select: { id: true } });
  if (!low) return "none";
  const sent = await tx.handlingEvent.findFirst({ where: { suggestionId, type: EVENT_TYPE.FOLLOW_UP }, select: { id: true } });
  return sent ? "sent" : "open";
}

/** The latest URGED event of each suggestion. */
export async function lastUrged(db: DbClient, suggestionIds: number[]): Promise<Map<number, Date>> {
  if (suggestionIds.length === 0) return new Map();
  const rows = await db.handlingEvent.groupBy({
    by: ["suggestionId"],
    where: { suggestionId: { in: suggestionIds }, type: EVENT_TYPE.URGED },
    _max: { createdAt: true },
  });
  return new Map(rows.flatMap((r) => (r._max.createdAt ? [[r.suggestionId, r._max.createdAt] as const] : [])));
}

export interface UrgeTarget {
  id: number;
  trackingCode: string;
  title: string;
  status: SuggestionStatus;
  replyDueAt: Date | null;
  leadDepartment: { id: number; name: string; nameEn: string; headEmail: string | null } | null;
}

/** The suggestion under lock (two coordinators pressing at once urge once), with its lead department. */
export async function lockForUrge(tx: DbClient, suggestionId: number): Promise<UrgeTarget | null> {
  const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Suggestion" WHERE id = ${suggestionId} FOR UPDATE`;
  if (locked.length === 0) return null;
  return tx.suggestion.findUnique({
    where: { id: suggestionId },
    select: { id: true, trackingCode: true, title: true, status: true, replyDueAt: true, leadDepartment: { select: { id: true, name: true, nameEn: true, headEmail: true } } },
  });
}

/** The department's head and officials who get the urge, in their language. */
export function findUrgeRecipients(db: DbClient, departmentId: number): Promise<{ email: string; locale: string }[]> {
  return db.user.findMany({
    where: { departmentId, active: true, OR: [{ role: "OFFICIAL" }, { isHead: true }] },
    orderBy: { id: "asc" },
    select: { email: true, locale: true },
  });
}
