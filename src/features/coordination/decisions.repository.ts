// Reads and writes of the office's decisions on a suggestion. Every function takes the root client or a
// transaction client first and returns plain objects; status changes go through the lifecycle's applyTransition.
import type { AssignmentRole, RoutingState, SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { DbClient } from "../../platform/db.ts";
import { NAMED, REGION_PATH, type Named, type RegionWithParents } from "./suggestion-selects.ts";

/** Assignments a department is still working on; RETURNED, TRANSFERRED and REPLIED ones are history. */
const CURRENT_ASSIGNMENT = { in: ["PENDING", "ACCEPTED"] } as const satisfies Prisma.EnumAssignmentStatusFilter;

export interface DepartmentOption {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  email: string;
}

/** The departments a case can go to: deactivated ones are offered nowhere (features/directory). */
export function findDepartments(db: DbClient): Promise<DepartmentOption[]> {
  return db.department.findMany({ where: { active: true }, orderBy: { id: "asc" }, select: { id: true, code: true, name: true, nameEn: true, email: true } });
}

export interface SuggestionForAction {
  id: number;
  trackingCode: string;
  trackToken: string;
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

export function findSuggestionForAction(db: DbClient, id: number): Promise<SuggestionForAction | null> {
  return db.suggestion.findUnique({
    where: { id },
    select: {
      id: true,
      trackingCode: true,
      trackToken: true,
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

export function createAssignments(
  tx: DbClient,
  rows: { suggestionId: number; departmentId: number; role: AssignmentRole; assignedAt: Date; dueAt: Date }[],
): Promise<{ id: number; departmentId: number; role: AssignmentRole }[]> {
  return tx.assignment.createManyAndReturn({
    data: rows.map((r) => ({ ...r, status: "PENDING" as const })),
    select: { id: true, departmentId: true, role: true },
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

/**
 * Locks both suggestions of a merge in id order and reads their status: two merges crossing each other (A into B,
 * B into A) cannot both pass.
 */
export function lockForMerge(tx: DbClient, ids: [number, number]): Promise<{ id: number; status: SuggestionStatus }[]> {
  return tx.$queryRaw<{ id: number; status: SuggestionStatus }[]>`
    SELECT id, status FROM "Suggestion" WHERE id IN (${ids[0]}, ${ids[1]}) ORDER BY id FOR UPDATE`;
}

/**
 * 改派: the current assisting assignments of departments not in `assistIds` become history (TRANSFERRED); returns the
 * departments whose assisting assignment stays.
 */
export async function keepAssisting(tx: DbClient, suggestionId: number, assistIds: number[]): Promise<number[]> {
  await tx.assignment.updateMany({
    where: { suggestionId, role: "ASSIST", status: CURRENT_ASSIGNMENT, departmentId: { notIn: assistIds } },
    data: { status: "TRANSFERRED" },
  });
  const rows = await tx.assignment.findMany({ where: { suggestionId, role: "ASSIST", status: CURRENT_ASSIGNMENT }, select: { departmentId: true } });
  return rows.map((r) => r.departmentId);
}

/** The assignments held now, lead and assisting (a transfer tells those it takes the case from). */
export async function findCurrentAssignments(tx: DbClient, suggestionId: number): Promise<{ id: number; departmentId: number; role: AssignmentRole }[]> {
  return tx.assignment.findMany({ where: { suggestionId, status: CURRENT_ASSIGNMENT }, select: { id: true, departmentId: true, role: true }, orderBy: { id: "asc" } });
}

/** The departments assisting now (for the transfer form's ticks). */
export async function findCurrentAssistIds(db: DbClient, suggestionId: number): Promise<number[]> {
  const rows = await db.assignment.findMany({ where: { suggestionId, role: "ASSIST", status: CURRENT_ASSIGNMENT }, select: { departmentId: true } });
  return rows.map((r) => r.departmentId);
}
