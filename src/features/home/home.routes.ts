import { Router } from "express";
import type { Container } from "../../container.ts";

export function homeRoutes(_c: Container): Router {
  const router = Router();
  router.get("/", (_req, res) => res.render("home/index", {}));
  return router;
}
