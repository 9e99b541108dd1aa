// Staff sign-in and sessions (see CONTEXT.md): everything under /staff, the role checks other features' routes use,
// and who counts as the collection office.
export { staffRoutes } from "./staff.routes.ts";
export { createAuthService, hashPassword, verifyPassword, type AuthDeps, type AuthService, type StaffUser } from "./auth.service.ts";
export { endSessionsOf } from "./session.ts";
export { requireAdmin, requireOfficeStaff, requireStaff, staffOf, actorOf } from "./auth.middleware.ts";
export { isAdmin, isOfficeStaff } from "./roles.ts";
