// The collection office's pages: the screening queue and decisions, extension requests, supervision. Every route
// requires a COORDINATOR or ADMIN; the services check the role again.
import { Router } from "express";
import type { Container } from "../../container.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { extensionRoutes } from "./extensions.routes.ts";
import { screeningRoutes } from "./screening.routes.ts";
import { supervisionRoutes } from "./supervision.routes.ts";

export function coordinationRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  router.use(screeningRoutes(c, csrf), extensionRoutes(c, csrf), supervisionRoutes(c, csrf));
  return router;
}
