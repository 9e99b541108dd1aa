// /admin/queues: Bull Board (@bull-board/express) over the platform's BullMQ queues, for administrators only. To
// anyone else the path does not exist (404, not 403: the dashboard is not advertised). Its UI changes jobs with
// fetch() PUT/POST/DELETE calls that cannot carry our form token, so writes must come from our own origin; the
// session cookie being SameSite=Lax already keeps it off cross-site requests.
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import { Router, type NextFunction, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import { isAdmin } from "../auth/index.ts";

export const QUEUE_BOARD_PATH = "/admin/queues";

function administratorsOnly(req: Request, _res: Response, next: NextFunction) {
  next(req.staff && isAdmin(req.staff) ? undefined : new NotFoundError());
}

/** A write must say it comes from this site: Origin equal to ours, or the browser's Sec-Fetch-Site same-origin. */
export function sameOriginWrites(req: Request, _res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  const ours = `${req.protocol}://${req.get("host")}`;
  if (origin === ours || (origin === undefined && site === "same-origin")) return next();
  next(new ForbiddenError("errors:csrf"));
}

export function queueBoardRoutes(c: Container): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  const { routing, email, maintenance, indexing } = c.queues;
  createBullBoard({ queues: [routing, email, maintenance, indexing].map((q) => new BullMQAdapter(q)), serverAdapter });
  const router = Router();
  router.use(QUEUE_BOARD_PATH, administratorsOnly, sameOriginWrites, serverAdapter.getRouter() as Router);
  return router;
}
