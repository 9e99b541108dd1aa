// Writes of the department's actions. Every function takes the transaction client the action runs in.
import type { AdoptionResult, AssignmentStatus } from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";
import { EVENT_TYPE } from "../lifecycle/index.ts";

/**
 * Serialises the department actions on one suggestion: a double-clicked form's second request waits here for
 * the first to commit, then sees its result (an accepted assignment, a pending extension, the same note) and
 * refuses or skips instead of applying twice.
 */
export async function lockSuggestion(tx: DbClient, id: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Suggestion" WHERE id = ${id} FOR UPDATE`;
  return rows.length === 1;
}

/** Conditional: changes the assignment only while it is in one of `from`; false when someone got there first. */
export async function updateAssignment(
  tx: DbClient,
  id: number,
  from: readonly AssignmentStatus[],
  data: { status: AssignmentStatus; acceptedAt?: Date; returnReason?: string },
): Promise<boolean> {
  const updated = await tx.assignment.updateMany({ where: { id, status: { in: [...from] } }, data });
  return updated.count === 1;
}

/** After a return the suggestion has no lead department until the coordinators assign it again. */
export async function clearLeadDepartment(tx: DbClient, id: number): Promise<void> {
  await tx.suggestion.updateMany({ where: { id }, data: { leadDepartmentId: null } });
}

export async function hasPendingExtension(tx: DbClient, suggestionId: number): Promise<boolean> {
  return (await tx.extensionRequest.count({ where: { suggestionId, status: "PENDING" } })) > 0;
}

export function createExtension(
  tx: DbClient,
  e: { suggestionId: number; departmentId: number; requestedBy: number; workingDays: number; reason: string; createdAt: Date },
) {
  return tx.extensionRequest.create({ data: { ...e, status: "PENDING" }, select: { id: true } });
}

export async function hasLeadReply(tx: DbClient, suggestionId: number): Promise<boolean> {
  return (await tx.reply.count({ where: { suggestionId, isLead: true } })) > 0;
}

export function createReply(
  tx: DbClient,
  r: { suggestionId: number; departmentId: number; authorId: number; isLead: boolean; body: string; adoption: AdoptionResult; explanation: string; createdAt: Date },
) {
  return tx.reply.create({ data: r, select: { id: true } });
}

/** The same note by the same person on the same case shortly before: the second click of a double submission. */
export async function findRecentSameNote(tx: DbClient, q: { suggestionId: number; actorId: number; note: string; since: Date }): Promise<boolean> {
  const found = await tx.handlingEvent.findFirst({
    where: { suggestionId: q.suggestionId, actorId: q.actorId, type: EVENT_TYPE.NOTE, note: q.note, createdAt: { gte: q.since } },
    select: { id: true },
  });
  return found !== null;
}

/** 答复需负责人审核: whether the department's lead replies wait for its head (features/directory sets it). */
export async function repliesNeedApproval(tx: DbClient, departmentId: number): Promise<boolean> {
  const d = await tx.department.findUnique({ where: { id: departmentId }, select: { repliesNeedApproval: true } });
  return d?.repliesNeedApproval ?? false;
}

/** Writes (or, after a send-back, rewrites) the lead assignment's reply as awaiting the head's approval. */
export async function savePendingReply(
  tx: DbClient,
  r: { assignmentId: number; suggestionId: number; departmentId: number; authorId: number; body: string; adoption: AdoptionResult; explanation: string },
): Promise<void> {
  const text = { authorId: r.authorId, body: r.body, adoption: r.adoption, explanation: r.explanation, status: "AWAITING_APPROVAL" as const };
  await tx.pendingReply.upsert({
    where: { assignmentId: r.assignmentId },
    create: { ...r, ...text },
    update: { ...text, reviewNote: null, reviewedById: null, reviewedAt: null },
  });
}

export function findAwaitingReply(tx: DbClient, assignmentId: number) {
  return tx.pendingReply.findFirst({
    where: { assignmentId, status: "AWAITING_APPROVAL" },
    select: { id: true, authorId: true, body: true, adoption: true, explanation: true },
  });
}

export async function hasAwaitingReply(tx: DbClient, suggestionId: number): Promise<boolean> {
  return (await tx.pendingReply.count({ where: { suggestionId, status: "AWAITING_APPROVAL" } })) > 0;
}

/** Conditional, like `updateAssignment`: false when the reply is no longer awaiting approval. */
export async function reviewPendingReply(
  tx: DbClient,
  id: number,
  data: { status: "APPROVED" | "SENT_BACK"; reviewedById: number; reviewedAt: Date; reviewNote?: string; replyId?: number },
): Promise<boolean> {
  const updated = await tx.pendingReply.updateMany({ where: { id, status: "AWAITING_APPROVAL" }, data });
  return updated.count === 1;
}
