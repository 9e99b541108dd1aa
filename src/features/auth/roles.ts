import type { Role } from "../../generated/prisma/enums.ts";

/**
 * The collection office's staff (征集办): coordinators, and administrators, who may do all a coordinator does. They
 * see every suggestion; an official sees only their own department's.
 */
export function isOfficeStaff(user: { role: Role }): boolean {
  return user.role === "COORDINATOR" || user.role === "ADMIN";
}

/** Administrators run themed rounds and the directory (the pages under /admin). */
export function isAdmin(user: { role: Role }): boolean {
  return user.role === "ADMIN";
}
