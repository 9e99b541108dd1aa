// The supervision page (督办): what is overdue or due soon, by lead department.
import { Router } from "express";
import type { Container } from "../../container.ts";
import { localizedName } from "../../platform/i18n.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireOfficeStaff, staffOf } from "../auth/index.ts";
import { parseDepartmentFilter } from "./coordination.schemas.ts";

export function supervisionRoutes(c: Container): Router {
  const router = Router();
  const { supervision } = c.services.coordination;

  router.get("/staff/supervision", requireOfficeStaff(), async (req, res) => {
    const t = translatorOf(res);
    const locale = req.locale;
    const view = await supervision.overview(staffOf(req), parseDepartmentFilter(req.query as Record<string, unknown>));
    res.set("Cache-Control", "no-store");
    res.render("coordination/supervision", {
      title: t("coordination:supervision.title"),
      ...view,
      groups: view.groups.map((g) => ({
        ...g,
        departmentName: localizedName(g, locale),
        items: g.items.map((i) => ({ ...i, statusLabel: t(`coordination:status.${i.status}`) })),
      })),
    });
  });

  return router;
}
