// The supervision page (督办): what is overdue or due soon, by lead department; the low ratings and their follow-up.
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import type { FieldErrors } from "../../errors.ts";
import { localizedName } from "../../platform/i18n.ts";
import { parseForm, pathId } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireOfficeStaff, staffOf } from "../auth/index.ts";
import { followUpFormSchema, parseDepartmentFilter } from "./coordination.schemas.ts";
import { firstString, translateErrors } from "./screening.routes.ts";

export function supervisionRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const { supervision } = c.services.coordination;

  /** The page; after an invalid follow-up, that rating's form open again with the message and the typed note. */
  async function render(req: Request, res: Response, status: number, failed?: { suggestionId: number; errors: FieldErrors }) {
    const t = translatorOf(res);
    const locale = req.locale;
    const view = await supervision.overview(staffOf(req), parseDepartmentFilter(req.query as Record<string, unknown>));
    res.set("Cache-Control", "no-store");
    res.status(status).render("coordination/supervision", {
      title: `${failed ? t("coordination:action.errorTitlePrefix") : ""}${t("coordination:supervision.title")}`,
      ...view,
      done: status === 200 && req.query.done === "followUp" ? "coordination:supervision.followUpDone" : null,
      lowRatings: view.lowRatings.map((r) => {
        const mine = failed?.suggestionId === r.suggestionId;
        return {
          ...r,
          open: mine,
          errors: mine && failed ? translateErrors(t, failed.errors) : {},
          note: mine ? firstString((req.body as Record<string, unknown> | undefined)?.note) : undefined,
        };
      }),
      failedId: failed?.suggestionId ?? null,
      failedError: failed ? translateErrors(t, failed.errors).note : null,
      groups: view.groups.map((g) => ({
        ...g,
        departmentName: localizedName(g, locale),
        items: g.items.map((i) => ({ ...i, statusLabel: t(`coordination:status.${i.status}`) })),
      })),
    });
  }

  router.get("/staff/supervision", requireOfficeStaff(), (req, res) => render(req, res, 200));

  router.post("/staff/supervision/low-ratings/:id/follow-up", requireOfficeStaff(), csrf.verify, async (req, res) => {
    const suggestionId = pathId(req.params.id);
    const parsed = parseForm(followUpFormSchema, req.body);
    if (!parsed.ok) return render(req, res, 422, { suggestionId, errors: parsed.errors });
    await supervision.followUp(staffOf(req), suggestionId, parsed.data);
    res.redirect(303, "/staff/supervision?done=followUp#low-ratings");
  });

  return router;
}
