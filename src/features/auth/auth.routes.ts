import { Router, type Request } from "express";
import { z } from "zod";
import type { Container } from "../../container.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { AppError } from "../../errors.ts";
import type { AuthService } from "./auth.service.ts";
import { requireStaff, staffOf } from "./auth.middleware.ts";
import { endSessionsOf, userSessionsKey, SESSION_COOKIE_PATH, SESSION_TTL_SECONDS } from "./session.ts";

const signInSchema = z.object({
  email: z.string().trim().max(200).default(""),
  password: z.string().max(500).default(""),
  next: z.string().max(500).optional(),
});

/** Only same-site staff and administration paths may be the target after sign-in (no open redirect). */
function safeNext(next: string | undefined): string {
  return next && /^\/(staff|admin)(\/[\w\-/?=&%.]*)?$/.test(next) && !next.startsWith("//") ? next : "/staff";
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}
function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

export function authRoutes(c: Container, csrf: Csrf, auth: AuthService): Router {
  const router = Router();
  const prefix = c.config.redisPrefix;

  router.get("/staff/sign-in", (req, res) => {
    if (req.staff) return res.redirect(303, "/staff");
    res.render("staff/sign-in", {
      title: res.locals.t("auth:title"),
      next: safeNext(String(req.query.next ?? "")),
      passwordSet: req.query.passwordSet === "1",
    });
  });

  router.post("/staff/sign-in", csrf.verify, async (req, res) => {
    const input = signInSchema.parse(req.body ?? {});
    try {
      const user = await auth.signIn(input.email, input.password, req.ip ?? "unknown");
      // A new session id at sign-in: a session id planted before sign-in is worth nothing after it.
      await regenerate(req);
      req.session.userId = user.id;
      req.session.signedInAt = Date.now();
      await save(req);
      const key = userSessionsKey(prefix, user.id);
      await c.sessionRedis.multi().sadd(key, req.sessionID).expire(key, SESSION_TTL_SECONDS * 2).exec();
      c.logger.info({ userId: user.id }, "staff signed in");
      res.redirect(303, safeNext(input.next));
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 422 && err.status !== 429)) throw err;
      res.status(err.status).render("staff/sign-in", {
        title: res.locals.t("auth:title"),
        email: input.email,
        next: safeNext(input.next),
        error: res.locals.t(err.messageKey, err.params),
      });
    }
  });

  router.post("/staff/sign-out", csrf.verify, (req, res, next) => {
    const userId = req.session?.userId;
    const sid = req.sessionID;
    req.session.destroy((err) => {
      if (err) return next(err);
      if (userId) void c.sessionRedis.srem(userSessionsKey(prefix, userId), sid).catch(() => undefined);
      res.clearCookie("gi.sid", { path: SESSION_COOKIE_PATH });
      res.redirect(303, "/staff/sign-in");
    });
  });

  router.post("/staff/sign-out-everywhere", requireStaff(), csrf.verify, async (req, res) => {
    const user = staffOf(req);
    const sessions = await endSessionsOf(c.sessionRedis, prefix, user.id);
    c.logger.info({ userId: user.id, sessions }, "staff signed out everywhere");
    res.clearCookie("gi.sid", { path: SESSION_COOKIE_PATH });
    res.redirect(303, "/staff/sign-in");
  });

  return router;
}
