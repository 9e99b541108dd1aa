// Reads and writes of extension requests as the office decides them. Functions taking the root client or a
// transaction client first.
import type { ExtensionStatus, SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";
import { NAMED, type Named } from "./suggestion-selects.ts";

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

/** What an approval re-checks under its transaction: the current deadline and who leads now. */
export function findDeadlineAndLead(tx: DbClient, suggestionId: number) {
  return tx.suggestion.findUnique({ where: { id: suggestionId }, select: { replyDueAt: true, leadDepartmentId: true } });
}

/** What the decision's email to the department says, read after the decision (the moved or the kept deadline). */
export async function findDecisionEmailFacts(tx: DbClient, ext: { suggestionId: number; departmentId: number }) {
  const [suggestion, department] = await Promise.all([
    tx.suggestion.findUniqueOrThrow({ where: { id: ext.suggestionId }, select: { trackingCode: true, title: true, replyDueAt: true } }),
    tx.department.findUniqueOrThrow({ where: { id: ext.departmentId }, select: { name: true, email: true } }),
  ]);
  return { suggestion, department };
}

