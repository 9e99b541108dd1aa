// Reads of staff accounts. Functions taking the root client or a transaction client first.
import { sql, type DbClient } from "../../platform/db.ts";
import type { Role } from "../../generated/prisma/enums.ts";

export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  isHead: boolean;
  locale: string;
  departmentId: number | null;
  departmentName: string | null;
  departmentNameEn: string | null;
  /** A deactivated account signs in nowhere; a session it still holds ends on its next request. */
  active: boolean;
}

const SELECT = {
  id: true, email: true, name: true, role: true, isHead: true, locale: true, departmentId: true, active: true,
  department: { select: { name: true, nameEn: true } },
} as const;

type Row = { id: number; email: string; name: string; role: Role; isHead: boolean; locale: string; departmentId: number | null; active: boolean; department: { name: string; nameEn: string } | null };

function toStaffUser(row: Row): StaffUser {
  const { department, ...rest } = row;
  return { ...rest, departmentName: department?.name ?? null, departmentNameEn: department?.nameEn ?? null };
}

export async function findCredentialsByEmail(db: DbClient, email: string): Promise<{ user: StaffUser; passwordHash: string } | null> {
  const row = await db.user.findUnique({ where: { email }, select: { ...SELECT, passwordHash: true } });
  if (!row) return null;
  const { passwordHash, ...user } = row;
  return { user: toStaffUser(user), passwordHash };
}

/** Read on every signed-in request (loadStaffUser), so one statement on the `pg` pool rather than through Prisma. */
export async function findStaffUser(db: DbClient, id: number): Promise<StaffUser | null> {
  const [row] = await sql<StaffUser>(
    db,
    `SELECT u.id, u.email, u.name, u.role::text AS role, u."isHead", u.locale, u."departmentId", u.active,
            d.name AS "departmentName", d."nameEn" AS "departmentNameEn"
       FROM "User" u LEFT JOIN "Department" d ON d.id = u."departmentId"
      WHERE u.id = $1`,
    [id],
  );
  return row ?? null;
}
