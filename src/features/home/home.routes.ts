import { Router } from "express";
import type { Container } from "../../container.ts";
import { roundServiceFor } from "../rounds/rounds.service.ts";

export function homeRoutes(c: Container): Router {
  const router = Router();
  const rounds = roundServiceFor(c);
  router.get("/", async (_req, res) => {
    const { open } = await rounds.listRounds();
    res.render("home/index", {
      openRounds: open,
      screeningDays: c.config.deadlines.screeningWorkingDays,
      replyDays: c.config.deadlines.replyWorkingDays,
    });
  });
  return router;
}
