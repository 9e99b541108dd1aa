// Names the casework pages show next to ids: departments, categories, rounds. Functions taking the root client or a
// transaction client first, returning plain objects.
import { sql, type DbClient } from "../../platform/db.ts";

export interface NamedRef {
  id: number;
  name: string;
  nameEn: string;
}

export function findDepartment(db: DbClient, id: number): Promise<NamedRef | null> {
  return db.department.findUnique({ where: { id }, select: { id: true, name: true, nameEn: true } });
}

/** Every department, category and round name the inbox shows or offers as a filter, in the orders above. */
export interface InboxNames {
  departments: NamedRef[];
  categories: NamedRef[];
  rounds: NamedRef[];
}

/** The three lists in one statement on the `pg` pool (the inbox caches them, see inbox.service.ts). */
export async function loadInboxNames(db: DbClient): Promise<InboxNames> {
  const [row] = await sql<InboxNames>(
    db,
    `SELECT (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'nameEn', "nameEn") ORDER BY id), '[]'::json)
               FROM "Department") AS departments,
            (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'nameEn', "nameEn") ORDER BY "sortOrder", id), '[]'::json)
               FROM "Category") AS categories,
            (SELECT coalesce(json_agg(json_build_object('id', id, 'name', title, 'nameEn', "titleEn") ORDER BY "opensAt" DESC, id), '[]'::json)
               FROM "CollectionRound") AS rounds`,
    [],
  );
  return row ?? { departments: [], categories: [], rounds: [] };
}

export function findDepartmentsByIds(db: DbClient, ids: number[]): Promise<NamedRef[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.department.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, nameEn: true } });
}
