// Reads and writes of staff accounts and their invitations. Every function takes the root client or a transaction
// client first; none returns a password hash except `findPasswordHash`.
import type { DbClient } from "../../platform/db.ts";
import type { Role } from "../../generated/prisma/enums.ts";

export interface PersonRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  isHead: boolean;
  departmentId: number | null;
  active: boolean;
  /** Whether a password was ever set (false while the invitation is pending). */
  hasPassword: boolean;
}

const PERSON = { id: true, email: true, name: true, role: true, isHead: true, departmentId: true, active: true, passwordHash: true } as const;

function toPerson(row: { passwordHash: string } & Omit<PersonRow, "hasPassword">): PersonRow {
  const { passwordHash, ...rest } = row;
  return { ...rest, hasPassword: passwordHash !== "" };
}

export async function findPeople(db: DbClient): Promise<(PersonRow & { department: { name: string; nameEn: string } | null })[]> {
  const rows = await db.user.findMany({
    orderBy: [{ active: "desc" }, { role: "asc" }, { email: "asc" }],
    select: { ...PERSON, department: { select: { name: true, nameEn: true } } },
  });
  return rows.map(({ department, ...row }) => ({ ...toPerson(row), department }));
}

export async function findPerson(db: DbClient, id: number): Promise<PersonRow | null> {
  const row = await db.user.findUnique({ where: { id }, select: PERSON });
  return row ? toPerson(row) : null;
}

export async function createPerson(db: DbClient, data: { email: string; name: string; role: Role; isHead: boolean; departmentId: number | null; locale: string }): Promise<PersonRow> {
  // No password yet: the empty hash verifies nothing until the invitation is used.
  return toPerson(await db.user.create({ data: { ...data, passwordHash: "" }, select: PERSON }));
}

export async function updatePerson(db: DbClient, id: number, data: Partial<{ name: string; role: Role; isHead: boolean; departmentId: number | null; active: boolean }>): Promise<PersonRow> {
  return toPerson(await db.user.update({ where: { id }, data, select: PERSON }));
}

export async function setPasswordHash(db: DbClient, id: number, passwordHash: string): Promise<void> {
  await db.user.update({ where: { id }, data: { passwordHash } });
}

export async function findPasswordHash(db: DbClient, id: number): Promise<string | null> {
  const row = await db.user.findUnique({ where: { id }, select: { passwordHash: true } });
  return row?.passwordHash ?? null;
}

export async function departmentExists(db: DbClient, id: number): Promise<boolean> {
  return (await db.department.count({ where: { id, active: true } })) === 1;
}

export async function activeDepartments(db: DbClient) {
  return db.department.findMany({ where: { active: true }, orderBy: { code: "asc" }, select: { id: true, code: true, name: true, nameEn: true } });
}

export async function createInvitation(db: DbClient, data: { userId: number; tokenHash: string; expiresAt: Date; createdById: number }): Promise<{ id: number }> {
  // A new link replaces any earlier one: only the newest invitation of a person can be used.
  await db.invitation.updateMany({ where: { userId: data.userId, usedAt: null }, data: { expiresAt: new Date(0) } });
  return db.invitation.create({ data, select: { id: true } });
}

export function findInvitation(db: DbClient, tokenHash: string) {
  return db.invitation.findUnique({
    where: { tokenHash },
    select: { id: true, userId: true, expiresAt: true, usedAt: true, user: { select: { email: true, name: true, active: true, locale: true } } },
  });
}

/** Marks the invitation used; false when another request used it first (the link works once). */
export async function useInvitation(db: DbClient, id: number, at: Date): Promise<boolean> {
  const res = await db.invitation.updateMany({ where: { id, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
  return res.count === 1;
}

export async function pendingInvitationExpiry(db: DbClient, userId: number): Promise<Date | null> {
  const row = await db.invitation.findFirst({ where: { userId, usedAt: null }, orderBy: { id: "desc" }, select: { expiresAt: true } });
  return row?.expiresAt ?? null;
}
