// Everything under /staff and /admin: the Redis-backed session, sign-in, and the staff features behind requireStaff.
import { Router } from "express";
import { ServiceUnavailableError } from "../../errors.ts";
import type { Container } from "../../container.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { loadStaffUser, requireStaff, staffOf } from "./auth.middleware.ts";
import { authRoutes } from "./auth.routes.ts";
import { createSessionStore, sessionMiddleware, STAFF_TREES } from "./session.ts";

export function staffRoutes(c: Container, csrf: Csrf, features: Router[] = []): Router {
  const router = Router();
  const auth = c.services.auth;
  const store = createSessionStore(c.sessionRedis, c.config.redisPrefix);
  // Nothing under /staff or /admin works without the session store: while its Redis is known to be down, answer 503 at once
  // rather than let every request wait out the reconnect attempts for the same failure.
  router.use(STAFF_TREES, (_req, _res, next) => next(c.sessionRedisDown() ? new ServiceUnavailableError("errors:staffUnavailable") : undefined));
  router.use(STAFF_TREES, sessionMiddleware(c.config, store), loadStaffUser(auth));
  router.use(authRoutes(c, csrf, auth));
  router.get("/staff", requireStaff(), (req, res) => {
    const user = staffOf(req);
    res.redirect(303, user.role === "OFFICIAL" ? "/staff/inbox" : user.role === "ADMIN" ? "/admin" : "/staff/screening");
  });
  for (const feature of features) router.use(feature);
  return router;
}
