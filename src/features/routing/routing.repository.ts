// Reads and writes of the routing step. Every function takes the root client or a transaction client.
import type { DbClient } from "../../platform/db.ts";
import type { RoutingState, SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { RuleInput } from "./rule-matcher.ts";

export interface SuggestionToRoute {
  id: number;
  trackingCode: string;
  title: string;
  problem: string;
  proposal: string;
  status: SuggestionStatus;
  routingState: RoutingState;
  roundId: number | null;
  categoryId: number;
  regionId: number;
  category: { code: string; name: string; nameEn: string };
  round: { title: string; titleEn: string; ownerDepartmentId: number; ownerActive: boolean } | null;
}

export async function findSuggestionToRoute(db: DbClient, id: number): Promise<SuggestionToRoute | null> {
  // Deliberately no submitter: routing never needs personal data, so it never loads it.
  const row = await db.suggestion.findUnique({
    where: { id },
    select: {
      // Whether there is routing left to do, and what the department's email names.
      id: true, trackingCode: true, status: true, routingState: true, category: { select: { code: true, name: true, nameEn: true } },
      // What the rules read.
      title: true, problem: true, proposal: true, roundId: true, categoryId: true, regionId: true,
      round: { select: { title: true, titleEn: true, ownerDepartmentId: true, ownerDepartment: { select: { active: true } } } },
    },
  });
  if (row === null) return null;
  const { round, ...rest } = row;
  return { ...rest, round: round ? { title: round.title, titleEn: round.titleEn, ownerDepartmentId: round.ownerDepartmentId, ownerActive: round.ownerDepartment.active } : null };
}

export async function findActiveRules(db: DbClient): Promise<RuleInput[]> {
  return db.routingRule.findMany({
    // A rule whose department was deactivated routes nothing: the next matching rule, or the coordinators, decide.
    where: { active: true, department: { active: true } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      name: true,
      priority: true,
      roundId: true,
      categoryId: true,
      regionId: true,
      keywords: true,
      departmentId: true,
      assistDepartmentIds: true,
    },
  });
}

export interface RegionInPath {
  id: number;
  name: string;
  nameEn: string;
}

/** The region and its ancestors, province first: one round trip whatever the depth. */
export async function findRegionPath(db: DbClient, regionId: number): Promise<RegionInPath[]> {
  const rows = await db.$queryRaw<(RegionInPath & { depth: number })[]>`
    WITH RECURSIVE path AS (
      SELECT id, name, "nameEn", "parentId", 0 AS depth FROM "Region" WHERE id = ${regionId}
      UNION ALL
      SELECT r.id, r.name, r."nameEn", r."parentId", p.depth + 1
      FROM "Region" r JOIN path p ON r.id = p."parentId"
      WHERE p.depth < 10
    )
    SELECT id, name, "nameEn", depth FROM path ORDER BY depth DESC`;
  return rows.map(({ id, name, nameEn }) => ({ id, name, nameEn }));
}

export interface DepartmentToNotify {
  id: number;
  name: string;
  nameEn: string;
  email: string;
  active: boolean;
}

export function findDepartment(db: DbClient, id: number): Promise<DepartmentToNotify | null> {
  return db.department.findUnique({ where: { id }, select: { id: true, name: true, nameEn: true, email: true, active: true } });
}

export interface RoutingRecord {
  routingState: Exclude<RoutingState, "PENDING">;
  routedAt: Date;
  proposedDepartmentId: number | null;
  routingReason: string | null;
  /** Set together with the claim when the router assigns (see routing.service.ts for why here). */
  leadDepartmentId?: number;
}

/**
 * Takes the routing work for this run: true only for the one caller that found it still PENDING. Inside a
 * transaction the row lock makes a concurrent run wait here and then see the new state, so it gets false.
 */
export async function claimRouting(tx: DbClient, suggestionId: number, record: RoutingRecord): Promise<boolean> {
  const updated = await tx.suggestion.updateMany({
    where: { id: suggestionId, routingState: "PENDING" },
    data: record,
  });
  return updated.count === 1;
}

export async function createLeadAssignment(
  tx: DbClient,
  input: { suggestionId: number; departmentId: number; assignedAt: Date; dueAt: Date },
): Promise<{ id: number; dueAt: Date }> {
  return tx.assignment.create({
    data: { ...input, role: "LEAD", status: "PENDING" },
    select: { id: true, dueAt: true },
  });
}

/** Suggestions still waiting for the router, oldest first. */
export async function findPendingSuggestionIds(db: DbClient, submittedBefore: Date, limit: number): Promise<number[]> {
  const rows = await db.suggestion.findMany({
    where: { routingState: "PENDING", submittedAt: { lt: submittedBefore } },
    orderBy: { submittedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function filterPendingSuggestionIds(db: DbClient, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.suggestion.findMany({
    where: { id: { in: ids }, routingState: "PENDING" },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/** ASSIST assignments for those of `departmentIds` that are still active, with what their email needs. */
export async function createAssistAssignments(
  tx: DbClient,
  input: { suggestionId: number; departmentIds: number[]; assignedAt: Date; dueAt: Date },
): Promise<{ id: number; department: { name: string; email: string } }[]> {
  if (input.departmentIds.length === 0) return [];
  const departments = await tx.department.findMany({ where: { id: { in: input.departmentIds }, active: true }, orderBy: { id: "asc" }, select: { id: true, name: true, email: true } });
  const created = [];
  for (const d of departments) {
    const a = await tx.assignment.create({
      data: { suggestionId: input.suggestionId, departmentId: d.id, role: "ASSIST", status: "PENDING", assignedAt: input.assignedAt, dueAt: input.dueAt },
      select: { id: true },
    });
    created.push({ id: a.id, department: { name: d.name, email: d.email } });
  }
  return created;
}
