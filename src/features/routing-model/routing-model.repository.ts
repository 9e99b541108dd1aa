// Reads and writes of the routing model: the confirmed assignments it learns from, the stored versions, and the
// administrators' settings. Every function takes the root client or a transaction client.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { DbClient } from "../../platform/db.ts";
import type { Evaluation, RoutingModel } from "./naive-bayes.ts";

export interface LabelledSuggestion {
  id: number;
  title: string;
  problem: string;
  proposal: string;
  submittedAt: Date;
  departmentCode: string;
  categoryCode: string;
  roundCode: string | null;
  /** The rules' proposal at routing time, for comparing on the held-out slice. */
  proposedCode: string | null;
}

/**
 * The assignments coordinators confirmed or corrected, oldest first: the lead department of every suggestion that a
 * person assigned or transferred, or that its lead department signed for (a router's assignment nobody has looked at
 * yet is not a confirmation). Capped to the newest `limit`, which bounds a training run's memory and time.
 */
export async function findLabelled(db: DbClient, limit: number): Promise<LabelledSuggestion[]> {
  const rows = await db.$queryRaw<LabelledSuggestion[]>`
    SELECT * FROM (
      SELECT s.id, s.title, s.problem, s.proposal, s."submittedAt", d.code AS "departmentCode", c.code AS "categoryCode",
             r.code AS "roundCode", pd.code AS "proposedCode"
      FROM "Suggestion" s
      JOIN "Department" d ON d.id = s."leadDepartmentId"
      JOIN "Category" c ON c.id = s."categoryId"
      LEFT JOIN "CollectionRound" r ON r.id = s."roundId"
      LEFT JOIN "Department" pd ON pd.id = s."proposedDepartmentId"
      WHERE s.status IN ('IN_HANDLING', 'EXTENDED', 'REPLIED', 'CLOSED')
         OR EXISTS (
           SELECT 1 FROM "HandlingEvent" e
           WHERE e."suggestionId" = s.id AND e."actorId" IS NOT NULL AND e.type IN ('ASSIGNED', 'TRANSFERRED')
         )
      ORDER BY s."submittedAt" DESC, s.id DESC
      LIMIT ${limit}
    ) newest
    ORDER BY "submittedAt", id`;
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export interface StoredModelSummary {
  version: number;
  trainedAt: Date;
  examples: number;
  fingerprint: string;
  heldOut: number;
  accuracy: number;
  ruleAccuracy: number | null;
  byConfidence: Evaluation["byConfidence"];
}

const SUMMARY = {
  version: true, trainedAt: true, examples: true, fingerprint: true, heldOut: true, accuracy: true, ruleAccuracy: true, byConfidence: true,
} as const;

export async function findLatestSummary(db: DbClient): Promise<StoredModelSummary | null> {
  const row = await db.routingModelVersion.findFirst({ orderBy: { version: "desc" }, select: SUMMARY });
  return row && { ...row, byConfidence: row.byConfidence as unknown as Evaluation["byConfidence"] };
}

export async function findLatestModel(db: DbClient): Promise<RoutingModel | null> {
  const row = await db.routingModelVersion.findFirst({ orderBy: { version: "desc" }, select: { model: true } });
  return row ? (row.model as unknown as RoutingModel) : null;
}

export async function insertModel(db: DbClient, summary: StoredModelSummary, model: RoutingModel): Promise<void> {
  await db.routingModelVersion.create({
    data: {
      ...summary,
      byConfidence: summary.byConfidence as unknown as Prisma.InputJsonValue,
      model: model as unknown as Prisma.InputJsonValue,
    },
  });
}

export interface RoutingModelSettings {
  autoAssign: boolean;
  threshold: number;
  updatedAt: Date | null;
}

export const DEFAULT_SETTINGS: RoutingModelSettings = { autoAssign: false, threshold: 0.95, updatedAt: null };

export async function findSettings(db: DbClient): Promise<RoutingModelSettings> {
  const row = await db.routingModelSetting.findUnique({ where: { id: 1 }, select: { autoAssign: true, threshold: true, updatedAt: true } });
  return row ?? DEFAULT_SETTINGS;
}

export async function saveSettings(db: DbClient, s: { autoAssign: boolean; threshold: number; updatedById: number }): Promise<void> {
  await db.routingModelSetting.upsert({ where: { id: 1 }, create: { id: 1, ...s }, update: s });
}

export interface SuggestionToPredict {
  title: string;
  problem: string;
  proposal: string;
  categoryCode: string;
  roundCode: string | null;
  proposedDepartmentId: number | null;
}

export async function findSuggestionsToPredict(db: DbClient, ids: readonly number[]): Promise<(SuggestionToPredict & { id: number })[]> {
  if (ids.length === 0) return [];
  const rows = await db.suggestion.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, title: true, problem: true, proposal: true, proposedDepartmentId: true, category: { select: { code: true } }, round: { select: { code: true } } },
  });
  return rows.map((s) => ({
    id: s.id, title: s.title, problem: s.problem, proposal: s.proposal, proposedDepartmentId: s.proposedDepartmentId,
    categoryCode: s.category.code, roundCode: s.round?.code ?? null,
  }));
}

export async function findSuggestionToPredict(db: DbClient, id: number): Promise<SuggestionToPredict | null> {
  const s = await db.suggestion.findUnique({
    where: { id },
    select: { title: true, problem: true, proposal: true, proposedDepartmentId: true, category: { select: { code: true } }, round: { select: { code: true } } },
  });
  return s && {
    title: s.title, problem: s.problem, proposal: s.proposal, proposedDepartmentId: s.proposedDepartmentId,
    categoryCode: s.category.code, roundCode: s.round?.code ?? null,
  };
}

export async function findDepartmentsByCode(db: DbClient, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.department.findMany({ where: { code: { in: [...codes] } }, select: { id: true, code: true, name: true, nameEn: true } });
}

export async function findDepartmentName(db: DbClient, id: number) {
  return db.department.findUnique({ where: { id }, select: { id: true, code: true, name: true, nameEn: true } });
}
