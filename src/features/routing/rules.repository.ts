// Reads and writes of the routing rules for the administrators' pages. Every function takes the root client or a
// transaction client first.
import type { DbClient } from "../../platform/db.ts";
import type { RuleForm } from "./rules.schemas.ts";

export interface RuleRow {
  id: number;
  name: string;
  priority: number;
  active: boolean;
  roundId: number | null;
  categoryId: number | null;
  regionId: number | null;
  keywords: string[];
  departmentId: number;
  assistDepartmentIds: number[];
}

const RULE = {
  id: true, name: true, priority: true, active: true, roundId: true, categoryId: true, regionId: true, keywords: true, departmentId: true, assistDepartmentIds: true,
} as const;

/** In the order the matcher weighs them after round rules: priority, then the older rule. */
export function findRules(db: DbClient): Promise<RuleRow[]> {
  return db.routingRule.findMany({ orderBy: [{ priority: "asc" }, { id: "asc" }], select: RULE });
}

export function findRule(db: DbClient, id: number): Promise<RuleRow | null> {
  return db.routingRule.findUnique({ where: { id }, select: RULE });
}

function data(input: RuleForm) {
  return {
    name: input.name, priority: input.priority, active: input.active, keywords: input.keywords,
    roundId: input.roundId ?? null, categoryId: input.categoryId ?? null, regionId: input.regionId ?? null,
    departmentId: input.departmentId, assistDepartmentIds: input.assistDepartmentIds,
  };
}

export function createRule(db: DbClient, input: RuleForm): Promise<RuleRow> {
  return db.routingRule.create({ data: data(input), select: RULE });
}

export function updateRule(db: DbClient, id: number, input: RuleForm): Promise<RuleRow> {
  return db.routingRule.update({ where: { id }, data: data(input), select: RULE });
}

export function setPriority(db: DbClient, id: number, priority: number): Promise<RuleRow> {
  return db.routingRule.update({ where: { id }, data: { priority }, select: RULE });
}

export async function deleteRule(db: DbClient, id: number): Promise<void> {
  await db.routingRule.delete({ where: { id } });
}

export interface Choice {
  id: number;
  name: string;
  nameEn: string;
}

/** What a rule can point at and be conditioned on; departments include inactive ones, marked, for the names. */
export async function findChoices(db: DbClient) {
  const [departments, categories, regions, rounds] = await Promise.all([
    db.department.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true, nameEn: true, active: true } }),
    db.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, nameEn: true } }),
    db.region.findMany({ orderBy: { code: "asc" }, select: { id: true, name: true, nameEn: true, level: true } }),
    db.collectionRound.findMany({ orderBy: { id: "desc" }, select: { id: true, title: true, titleEn: true, ownerDepartmentId: true } }),
  ]);
  return { departments, categories, regions, rounds };
}

/** Which of these ids are active departments. */
export async function activeDepartmentIds(db: DbClient, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.department.findMany({ where: { id: { in: ids }, active: true }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
