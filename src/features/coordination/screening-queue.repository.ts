// The screening queue's reads: new, triaged and returned suggestions, oldest first, keyset-paged, and why each
// returned one came back. Functions taking the root client or a transaction client first.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { RoutingState, SuggestionKind, SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";
import { SCREENING_DEADLINE_STATUSES } from "../deadlines/index.ts";
import { EVENT_TYPE } from "../lifecycle/index.ts";
import { NAMED, REGION_PATH, type Named, type RegionWithParents } from "./suggestion-selects.ts";

export interface QueueWhere {
  kind: SuggestionKind | null;
  roundId: number | null;
  categoryId: number | null;
}

function queueWhere(f: QueueWhere): Prisma.SuggestionWhereInput {
  return {
    status: { in: [...SCREENING_DEADLINE_STATUSES] },
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
