// The public home page: what the platform is for, the open themed rounds, and how long screening and replies take.
import { Router } from "express";
import type { Container } from "../../container.ts";

export function homeRoutes(c: Container): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    const { open } = await c.services.rounds.listRounds();
    res.render("home/index", {
      openRounds: open,
      screeningDays: c.services.deadlines.settings.screeningWorkingDays,
      replyDays: c.services.deadlines.settings.replyWorkingDays,
    });
  });
  return router;
}
