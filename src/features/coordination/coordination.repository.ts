// Reads and writes of the collection office's work. Every function takes the root client or a transaction
// client and returns plain objects; status changes go through handling/transitions.ts, never through here.
import type { DbClient } from "../../platform/db.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { EVENT_TYPE, type EventType } from "../lifecycle/event-types.ts";
import type {
  AssignmentRole, ExtensionStatus, NotAcceptedReason, RoutingState, SuggestionKind, SuggestionStatus,
} from "../../generated/prisma/enums.ts";

export const SCREENING_STATUSES: SuggestionStatus[] = ["SUBMITTED", "SCREENING", "RETURNED"];
export const SUPERVISED_STATUSES: SuggestionStatus[] = ["ASSIGNED", "IN_HANDLING", "EXTENDED"];
/** Assignments a department is still working on; RETURNED, TRANSFERRED and REPLIED ones are history. */
const CURRENT_ASSIGNMENT = { in: ["PENDING", "ACCEPTED"] } as const satisfies Prisma.EnumAssignmentStatusFilter;

export interface DepartmentOption {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  email: string;
}

export function findDepartments(db: DbClient): Promise<DepartmentOption[]> {
  return db.department.findMany({ orderBy: { id: "asc" }, select: { id: true, code: true, name: true, nameEn: true, email: true } });
}

export interface Named {
  name: string;
  nameEn: string;
}

export interface RegionWithParents extends Named {
  parent: (Named & { parent: Named | null }) | null;
}

export interface SuggestionForAction {
  id: number;
  trackingCode: string;
  title: string;
  status: SuggestionStatus;
  important: boolean;
  locale: string;
  leadDepartmentId: number | null;
  replyDueAt: Date | null;
  proposedDepartmentId: number | null;
  routingState: RoutingState;
  routingReason: string | null;
  mergedIntoId: number | null;
  category: Named;
  region: RegionWithParents;
  round: { title: string; titleEn: string } | null;
  submitter: { email: string | null } | null;
}

const NAMED = { select: { name: true, nameEn: true } } as const;
// Regions are at most three levels deep (province → city → county).
const REGION_PATH = { select: { name: true, nameEn: true, parent: { select: { name: true, nameEn: true, parent: NAMED } } } } as const;

export function findSuggestionForAction(db: DbClient, id: number): Promise<SuggestionForAction | null> {
  return db.suggestion.findUnique({
    where: { id },
    select: {
      id: true,
      trackingCode: true,
      title: true,
      status: true,
      important: true,
      locale: true,
      leadDepartmentId: true,
      replyDueAt: true,
      proposedDepartmentId: true,
      routingState: true,
      routingReason: true,
      mergedIntoId: true,
      category: NAMED,
      region: REGION_PATH,
      round: { select: { title: true, titleEn: true } },
      // Only the address: the office never needs more of the submitter to send the citizen's emails.
      submitter: { select: { email: true } },
    },
  });
}

export function findByTrackingCode(db: DbClient, trackingCode: string) {
  return db.suggestion.findUnique({ where: { trackingCode }, select: { id: true, trackingCode: true, status: true, mergedIntoId: true } });
}

/** Foreign keys are not part of applyTransition's `set`, so they are written next to it in the same transaction. */
export async function setLeadDepartment(tx: DbClient, suggestionId: number, departmentId: number): Promise<void> {
  await tx.suggestion.update({ where: { id: suggestionId }, data: { leadDepartmentId: departmentId }, select: { id: true } });
}

export async function setMergedInto(tx: DbClient, suggestionId: number, targetId: number): Promise<void> {
  await tx.suggestion.update({ where: { id: suggestionId }, data: { mergedIntoId: targetId }, select: { id: true } });
}

/** Suggestions merged into `fromId` follow it into `toId`, so merges stay one level deep. */
export async function repointMerged(tx: DbClient, fromId: number, toId: number): Promise<number[]> {
  const rows = await tx.suggestion.findMany({ where: { mergedIntoId: fromId }, select: { id: true } });
  if (rows.length === 0) return [];
  await tx.suggestion.updateMany({ where: { mergedIntoId: fromId }, data: { mergedIntoId: toId } });
  return rows.map((r) => r.id);
}

/** Ends every assignment still open on the suggestion (optionally only those of a role or a department). */
export async function transferCurrentAssignments(
  tx: DbClient,
  suggestionId: number,
  where: { role?: AssignmentRole; departmentId?: number } = {},
): Promise<number> {
  const updated = await tx.assignment.updateMany({
    where: { suggestionId, status: CURRENT_ASSIGNMENT, ...where },
    data: { status: "TRANSFERRED" },
  });
  return updated.count;
}

export async function moveCurrentDeadlines(tx: DbClient, suggestionId: number, dueAt: Date): Promise<void> {
  await tx.assignment.updateMany({ where: { suggestionId, status: CURRENT_ASSIGNMENT }, data: { dueAt } });
}

export function findCurrentLead(db: DbClient, suggestionId: number) {
  return db.assignment.findFirst({
    where: { suggestionId, role: "LEAD", status: CURRENT_ASSIGNMENT },
    orderBy: { id: "desc" },
    select: { id: true, departmentId: true },
  });
}

export function createAssignments(
  tx: DbClient,
  rows: { suggestionId: number; departmentId: number; role: AssignmentRole; assignedAt: Date; dueAt: Date }[],
): Promise<{ id: number; departmentId: number; role: AssignmentRole }[]> {
  return tx.assignment.createManyAndReturn({
    data: rows.map((r) => ({ ...r, status: "PENDING" as const })),
    select: { id: true, departmentId: true, role: true },
  });
}

/** A staff event that changes no status (important marks, refusals, merge re-pointing). */
export async function createEvent(
  tx: DbClient,
  data: { suggestionId: number; type: EventType; actorId: number; departmentId?: number | null; note?: string | null; internal: boolean; at: Date },
): Promise<void> {
  await tx.handlingEvent.create({
    data: {
      suggestionId: data.suggestionId,
      type: data.type,
      actorId: data.actorId,
      departmentId: data.departmentId ?? null,
      note: data.note ?? null,
      internal: data.internal,
      createdAt: data.at,
    },
    select: { id: true },
  });
}

/** Flips the mark only if it is not already so and the suggestion is still open: a double post changes nothing. */
export async function setImportant(tx: DbClient, suggestionId: number, important: boolean, openStatuses: readonly SuggestionStatus[]): Promise<boolean> {
  const updated = await tx.suggestion.updateMany({
    where: { id: suggestionId, important: !important, status: { in: [...openStatuses] } },
    data: { important },
  });
  return updated.count === 1;
}

// ---- screening queue ------------------------------------------------------------------------------------

export interface QueueWhere {
  kind: SuggestionKind | null;
  roundId: number | null;
  categoryId: number | null;
}

function queueWhere(f: QueueWhere): Prisma.SuggestionWhereInput {
  return {
    status: { in: SCREENING_STATUSES },
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.roundId ? { roundId: f.roundId } : {}),
    ...(f.categoryId ? { categoryId: f.categoryId } : {}),
  };
}

export interface QueueRow {
  id: number;
  trackingCode: string;
  kind: SuggestionKind;
  title: string;
  status: SuggestionStatus;
  important: boolean;
  submittedAt: Date;
  screeningDueAt: Date;
  routingState: RoutingState;
  routingReason: string | null;
  category: Named;
  region: RegionWithParents;
  round: { title: string; titleEn: string } | null;
  proposedDepartment: Named | null;
}

/** Oldest first, keyset-paged on (submittedAt, id) over the (status, submittedAt) index. */
export function findQueuePage(db: DbClient, f: QueueWhere, after: { submittedAt: Date; id: number } | null, take: number): Promise<QueueRow[]> {
  const cursor: Prisma.SuggestionWhereInput = after
    ? { OR: [{ submittedAt: { gt: after.submittedAt } }, { submittedAt: after.submittedAt, id: { gt: after.id } }] }
    : {};
  return db.suggestion.findMany({
    where: { ...queueWhere(f), ...cursor },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      trackingCode: true,
      kind: true,
      title: true,
      status: true,
      important: true,
      submittedAt: true,
      screeningDueAt: true,
      routingState: true,
      routingReason: true,
      category: NAMED,
      region: REGION_PATH,
      round: { select: { title: true, titleEn: true } },
      proposedDepartment: NAMED,
    },
  });
}

export function countQueue(db: DbClient, f: QueueWhere): Promise<number> {
  return db.suggestion.count({ where: queueWhere(f) });
}

export interface ReturnInfo {
  suggestionId: number;
  reason: string | null;
  department: Named | null;
  at: Date | null;
}

/**
 * Why each returned suggestion came back: the latest RETURNED assignment's reason, or the latest RETURNED event's
 * note when the assignment carries none. Two queries for the whole page.
 */
export async function findReturnInfo(db: DbClient, suggestionIds: number[]): Promise<Map<number, ReturnInfo>> {
  const out = new Map<number, ReturnInfo>();
  if (suggestionIds.length === 0) return out;
  const [assignments, events] = await Promise.all([
    db.assignment.findMany({
      where: { suggestionId: { in: suggestionIds }, status: "RETURNED" },
      orderBy: { id: "desc" },
      select: { suggestionId: true, returnReason: true, department: NAMED },
    }),
    db.handlingEvent.findMany({
      where: { suggestionId: { in: suggestionIds }, type: EVENT_TYPE.RETURNED },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { suggestionId: true, note: true, createdAt: true },
    }),
  ]);
  for (const id of suggestionIds) {
    const a = assignments.find((x) => x.suggestionId === id);
    const e = events.find((x) => x.suggestionId === id);
    out.set(id, { suggestionId: id, reason: a?.returnReason ?? e?.note ?? null, department: a?.department ?? null, at: e?.createdAt ?? null });
  }
  return out;
}

export function findRoundOptions(db: DbClient) {
  return db.collectionRound.findMany({
    where: { status: { not: "DRAFT" } },
    orderBy: { opensAt: "desc" },
    take: 100,
    select: { id: true, title: true, titleEn: true },
  });
}

export function findCategoryOptions(db: DbClient) {
  return db.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, nameEn: true } });
}

// ---- extensions -----------------------------------------------------------------------------------------

export interface PendingExtension {
  id: number;
  workingDays: number;
  reason: string;
  createdAt: Date;
  department: Named & { id: number };
  requester: { name: string } | null;
  suggestion: { id: number; trackingCode: string; title: string; status: SuggestionStatus; replyDueAt: Date | null; leadDepartmentId: number | null };
}

export async function findPendingExtensions(db: DbClient, take: number): Promise<PendingExtension[]> {
  const rows = await db.extensionRequest.findMany({
    where: { status: "PENDING" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      workingDays: true,
      reason: true,
      createdAt: true,
      requestedBy: true,
      department: { select: { id: true, name: true, nameEn: true } },
      suggestion: { select: { id: true, trackingCode: true, title: true, status: true, replyDueAt: true, leadDepartmentId: true } },
    },
  });
  // ExtensionRequest.requestedBy has no relation in the schema: one query for all the names.
  const userIds = [...new Set(rows.map((r) => r.requestedBy))];
  const users = userIds.length
    ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map(({ requestedBy, ...r }) => ({ ...r, requester: names.has(requestedBy) ? { name: names.get(requestedBy) ?? "" } : null }));
}

export function countPendingExtensions(db: DbClient): Promise<number> {
  return db.extensionRequest.count({ where: { status: "PENDING" } });
}

export function findExtension(db: DbClient, id: number) {
  return db.extensionRequest.findUnique({
    where: { id },
    select: { id: true, suggestionId: true, departmentId: true, workingDays: true, status: true, department: NAMED },
  });
}

/** Decides a request only if it is still PENDING: deciding twice (two clicks, two coordinators) finds nothing. */
export async function decideExtension(
  tx: DbClient,
  id: number,
  decision: { status: Exclude<ExtensionStatus, "PENDING">; decidedBy: number; decisionNote: string | null; decidedAt: Date },
): Promise<boolean> {
  const updated = await tx.extensionRequest.updateMany({ where: { id, status: "PENDING" }, data: decision });
  return updated.count === 1;
}

// ---- supervision ----------------------------------------------------------------------------------------

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
    WHERE s.status IN ('ASSIGNED', 'IN_HANDLING', 'EXTENDED') AND s."replyDueAt" <= ${dueBy}
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
}

export function findSupervised(db: DbClient, dueBy: Date, departmentId: number | null, take: number): Promise<SupervisedRow[]> {
  return db.suggestion.findMany({
    where: {
      status: { in: SUPERVISED_STATUSES },
      replyDueAt: { lte: dueBy },
      ...(departmentId ? { leadDepartmentId: departmentId } : { leadDepartmentId: { not: null } }),
    },
    orderBy: [{ replyDueAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, trackingCode: true, title: true, status: true, important: true, replyDueAt: true, leadDepartmentId: true },
  });
}

export type { NotAcceptedReason };
