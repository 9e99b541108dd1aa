// The supervision page (督办): what is overdue or due soon, by lead department; the low ratings and their follow-up.
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import type { FieldErrors } from "../../errors.ts";
import { localizedName } from "../../platform/i18n.ts";
import { parseForm, pathId } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireOfficeStaff, staffOf } from "../auth/index.ts";
import { followUpFormSchema, parseDepartmentFilter, urgeFormSchema } from "./coordination.schemas.ts";
import { firstString, translateErrors } from "./screening.routes.ts";

export function supervisionRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const { supervision } = c.services.coordination;

  /** The page; after an invalid follow-up, that rating's form open again with the message and the typed note. */
  async function render(req: Request, res: Response, status: number, failed?: { kind: "follow-up" | "urge"; suggestionId: number; errors: FieldErrors }) {
    const t = translatorOf(res);
    const locale = req.locale;
    const view = await supervision.overview(staffOf(req), parseDepartmentFilter(req.query as Record<string, unknown>));
    res.set("Cache-Control", "no-store");
    res.status(status).render("coordination/supervision", {
      title: `${failed ? t("coordination:action.errorTitlePrefix") : ""}${t("coordination:supervision.title")}`,
      ...view,
      done: status === 200 && (req.query.done === "followUp" || req.query.done === "urged") ? `coordination:supervision.done.${req.query.done}` : null,
      lowRatings: view.lowRatings.map((r) => {
        const mine = failed?.kind === "follow-up" && failed.suggestionId === r.suggestionId;
        return {
          ...r,
          open: mine,
          errors: mine && failed ? translateErrors(t, failed.errors) : {},
          note: mine ? firstString((req.body as Record<string, unknown> | undefined)?.note) : undefined,
        };
      }),
      failedId: failed?.suggestionId ?? null,
      failedKind: failed?.kind ?? null,
      departmentQuery: view.departmentId ? `?department=${view.departmentId}` : "",
      failedError: failed ? translateErrors(t, failed.errors).note : null,
      groups: view.groups.map((g) => ({
        ...g,
        departmentName: localizedName(g, locale),
        items: g.items.map((i) => {
          const mine = failed?.kind === "urge" && failed.suggestionId === i.id;
          return {
            ...i,
            statusLabel: t(`coordination:status.${i.status}`),
            urgeOpen: mine,
            urgeError: mine && failed ? translateErrors(t, failed.errors).note : undefined,
            urgeNote: mine ? firstString((req.body as Record<string, unknown> | undefined)?.note) : undefined,
          };
        }),
      })),
    });
  }

  router.get("/staff/supervision", requireOfficeStaff(), (req, res) => render(req, res, 200));

  router.post("/staff/supervision/low-ratings/:id/follow-up", requireOfficeStaff(), csrf.verify, async (req, res) => {
    const suggestionId = pathId(req.params.id);
    const parsed = parseForm(followUpFormSchema, req.body);
    if (!parsed.ok) return render(req, res, 422, { kind: "follow-up", suggestionId, errors: parsed.errors });
    await supervision.followUp(staffOf(req), suggestionId, parsed.data);
    res.redirect(303, "/staff/supervision?done=followUp#low-ratings");
  });

  router.post("/staff/supervision/:id/urge", requireOfficeStaff(), csrf.verify, async (req, res) => {
    const suggestionId = pathId(req.params.id);
    const parsed = parseForm(urgeFormSchema, req.body);
    if (!parsed.ok) return render(req, res, 422, { kind: "urge", suggestionId, errors: parsed.errors });
    await supervision.urge(staffOf(req), suggestionId, parsed.data);
    const department = parseDepartmentFilter(req.query as Record<string, unknown>);
    res.redirect(303, `/staff/supervision?${department ? `department=${department}&` : ""}done=urged`);
  });

  return router;
}
