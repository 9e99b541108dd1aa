// Reads and writes of the directory: departments, categories, regions. Every function takes the root client or a
// transaction client first and returns plain objects.
import type { DbClient } from "../../platform/db.ts";
import type { RegionLevel } from "../../generated/prisma/enums.ts";
import type { CategoryInput, DepartmentInput, RegionInput } from "./directory.schemas.ts";

export interface DepartmentRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  email: string;
  headEmail: string | null;
  regionId: number | null;
  parentId: number | null;
  active: boolean;
  repliesNeedApproval: boolean;
}

const DEPARTMENT = { id: true, code: true, name: true, nameEn: true, email: true, headEmail: true, regionId: true, parentId: true, active: true, repliesNeedApproval: true } as const;

export function findDepartments(db: DbClient): Promise<(DepartmentRow & { region: { name: string; nameEn: string } | null; _count: { users: number } })[]> {
  return db.department.findMany({
    orderBy: [{ active: "desc" }, { code: "asc" }],
    select: { ...DEPARTMENT, region: { select: { name: true, nameEn: true } }, _count: { select: { users: true } } },
  });
}

export function findDepartment(db: DbClient, id: number): Promise<DepartmentRow | null> {
  return db.department.findUnique({ where: { id }, select: DEPARTMENT });
}

export function createDepartment(db: DbClient, input: DepartmentInput): Promise<DepartmentRow> {
  return db.department.create({
    data: { ...input, regionId: input.regionId ?? null, parentId: input.parentId ?? null, headEmail: input.headEmail ?? null },
    select: DEPARTMENT,
  });
}

export function updateDepartment(db: DbClient, id: number, data: Partial<DepartmentInput> & { active?: boolean }): Promise<DepartmentRow> {
  return db.department.update({ where: { id }, data, select: DEPARTMENT });
}

/** Parent links of every department, for the cycle check (a few hundred rows at most). */
export async function findDepartmentParents(db: DbClient): Promise<Map<number, number | null>> {
  const rows = await db.department.findMany({ select: { id: true, parentId: true } });
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

export interface OpenCase {
  assignmentId: number;
  role: string;
  dueAt: Date;
  suggestion: { id: number; trackingCode: string; title: string; status: string };
}

/** The department's current assignments (lead or assisting, not yet answered, returned or transferred). */
export function findOpenCases(db: DbClient, departmentId: number): Promise<OpenCase[]> {
  return db.assignment
    .findMany({
      where: { departmentId, status: { in: ["PENDING", "ACCEPTED"] } },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      select: { id: true, role: true, dueAt: true, suggestion: { select: { id: true, trackingCode: true, title: true, status: true } } },
    })
    .then((rows) => rows.map(({ id, ...rest }) => ({ assignmentId: id, ...rest })));
}

export interface CategoryRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  sortOrder: number;
  active: boolean;
}
const CATEGORY = { id: true, code: true, name: true, nameEn: true, sortOrder: true, active: true } as const;

export function findCategories(db: DbClient): Promise<CategoryRow[]> {
  return db.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: CATEGORY });
}
export function findCategory(db: DbClient, id: number): Promise<CategoryRow | null> {
  return db.category.findUnique({ where: { id }, select: CATEGORY });
}
export function createCategory(db: DbClient, input: CategoryInput): Promise<CategoryRow> {
  return db.category.create({ data: input, select: CATEGORY });
}
export function updateCategory(db: DbClient, id: number, input: CategoryInput): Promise<CategoryRow> {
  return db.category.update({ where: { id }, data: input, select: CATEGORY });
}

export interface RegionRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: RegionLevel;
  parentId: number | null;
}
const REGION = { id: true, code: true, name: true, nameEn: true, level: true, parentId: true } as const;

export function findRegions(db: DbClient): Promise<RegionRow[]> {
  return db.region.findMany({ orderBy: { code: "asc" }, select: REGION });
}
export function findRegion(db: DbClient, id: number): Promise<RegionRow | null> {
  return db.region.findUnique({ where: { id }, select: REGION });
}
export function createRegion(db: DbClient, input: RegionInput & { level: RegionLevel }): Promise<RegionRow> {
  return db.region.create({ data: { ...input, parentId: input.parentId ?? null }, select: REGION });
}
export function updateRegion(db: DbClient, id: number, input: Pick<RegionInput, "code" | "name" | "nameEn">): Promise<RegionRow> {
  return db.region.update({ where: { id }, data: input, select: REGION });
}
