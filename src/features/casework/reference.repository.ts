// Names the casework pages show next to ids: departments, categories, rounds. Functions taking the root client or a
// transaction client first, returning plain objects.
import type { DbClient } from "../../platform/db.ts";

export interface NamedRef {
  id: number;
  name: string;
  nameEn: string;
}

export function findDepartments(db: DbClient): Promise<NamedRef[]> {
  return db.department.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, nameEn: true } });
}

export function findDepartment(db: DbClient, id: number): Promise<NamedRef | null> {
  return db.department.findUnique({ where: { id }, select: { id: true, name: true, nameEn: true } });
}

export function findCategories(db: DbClient): Promise<NamedRef[]> {
  return db.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, nameEn: true } });
}

export async function findRounds(db: DbClient): Promise<NamedRef[]> {
  const rows = await db.collectionRound.findMany({ orderBy: { opensAt: "desc" }, select: { id: true, title: true, titleEn: true } });
  return rows.map((r) => ({ id: r.id, name: r.title, nameEn: r.titleEn }));
}

export function findDepartmentsByIds(db: DbClient, ids: number[]): Promise<NamedRef[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.department.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, nameEn: true } });
}
