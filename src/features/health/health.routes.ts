import { Router } from "express";
import type { Infrastructure } from "../../container.ts";
import { checkHealth } from "./health.service.ts";

export function healthRoutes(c: Pick<Infrastructure, "db" | "redis" | "logger">): Router {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    const report = await checkHealth(c);
    res.status(report.ok ? 200 : 503).json(report);
  });
  return router;
}
