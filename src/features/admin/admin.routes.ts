// /admin: the administration's landing page. Each area's pages live in their own feature; this page only links them
// (views/admin/index.hbs holds the list).
import { Router } from "express";
import { translatorOf } from "../../web/pages.ts";
import { requireAdmin } from "../auth/index.ts";

export function adminLandingRoutes(): Router {
  const router = Router();
  router.get("/admin", requireAdmin(), (_req, res) => {
    res.render("admin/index", { title: translatorOf(res)("admin:index.title") });
  });
  return router;
}
