// /staff/search: the staff search box and its results (a GET form: bookmarkable, changes nothing but the audit log
// for a phone search).
import { Router } from "express";
import type { Container } from "../../container.ts";
import { first } from "../../web/forms.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireStaff, staffOf } from "../auth/index.ts";
import type { SearchService } from "./search.service.ts";

export function searchRoutes(_c: Container, search: SearchService): Router {
  const router = Router();
  router.get("/staff/search", requireStaff(), async (req, res) => {
    const t = translatorOf(res);
    const raw = first(req.query.q);
    const q = typeof raw === "string" ? raw.slice(0, 100) : "";
    const viewer = staffOf(req);
    const result = q.trim() ? await search.search(viewer, q) : null;
    // Results can name citizens' suggestions: not for shared caches or the back button's disk cache.
    res.set("Cache-Control", "no-store");
    res.render("staff/search", {
      title: t("search:title"),
      q,
      phoneAllowed: viewer.role !== "OFFICIAL",
      result: result && {
        ...result,
        kindLabel: t(`search:kind.${result.kind}`),
        hits: result.hits.map((h) => ({ ...h, statusLabel: t(`tracking:status.${h.status}`) })),
      },
    });
  });
  return router;
}
