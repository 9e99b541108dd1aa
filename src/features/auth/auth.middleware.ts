import type { NextFunction, Request, Response } from "express";
import type { Role } from "../../generated/prisma/enums.ts";
import { ForbiddenError } from "../../errors.ts";
import type { AuthService, StaffUser } from "./auth.service.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      staff?: StaffUser;
    }
  }
}

/** Loads the signed-in user on every staff request; a deleted or deactivated account ends the session. */
export function loadStaffUser(auth: AuthService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const userId = req.session?.userId;
    if (!userId) return next();
    const user = await auth.findUser(userId);
    if (!user || !user.active) {
      req.session.destroy(() => next());
      return;
    }
    req.staff = user;
    res.locals.staffUser = user;
    next();
  };
}

export function requireStaff(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.staff) {
      const nextUrl = req.method === "GET" ? `?next=${encodeURIComponent(req.originalUrl)}` : "";
      return res.redirect(303, `/staff/sign-in${nextUrl}`);
    }
    if (roles.length && !roles.includes(req.staff.role)) return next(new ForbiddenError());
    next();
  };
}

/** The collection office's pages: coordinators and administrators (see roles.ts). */
export function requireOfficeStaff() {
  return requireStaff("COORDINATOR", "ADMIN");
}

/** The administration (/admin): administrators only. */
export function requireAdmin() {
  return requireStaff("ADMIN");
}

/** The signed-in user; only call behind requireStaff. */
export function staffOf(req: Request): StaffUser {
  if (!req.staff) throw new ForbiddenError();
  return req.staff;
}

/** Who acted, as the audit log records them: the signed-in user's id and email. */
export function actorOf(req: Request): { id: number; email: string } {
  const { id, email } = staffOf(req);
  return { id, email };
}
