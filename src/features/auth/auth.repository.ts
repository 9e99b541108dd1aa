// Reads of staff accounts. Functions taking the root client or a transaction client first.
import type { DbClient } from "../../platform/db.ts";
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

export async function findStaffUser(db: DbClient, id: number): Promise<StaffUser | null> {
  const row = await db.user.findUnique({ where: { id }, select: SELECT });
  return row ? toStaffUser(row) : null;
}
