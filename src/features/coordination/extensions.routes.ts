// The extension requests waiting for the office's decision, and the approve and refuse forms on that page.
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import type { FieldErrors } from "../../errors.ts";
import { localizedName } from "../../platform/i18n.ts";
import { parseForm, pathId } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireOfficeStaff, staffOf } from "../auth/index.ts";
import { approveFormSchema, refuseFormSchema } from "./coordination.schemas.ts";
import { firstString, translateErrors } from "./screening.routes.ts";

export function extensionRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const { extensions } = c.services.coordination;
  const coordinatorsOnly = requireOfficeStaff();

  async function renderExtensions(req: Request, res: Response, status: number, failed?: { id: number; decision: string; errors: FieldErrors }) {
    const t = translatorOf(res);
    const locale = req.locale;
    const { items, total } = await extensions.pending(staffOf(req));
    res.set("Cache-Control", "no-store");
    res.status(status).render("coordination/extensions", {
      title: `${failed ? t("coordination:action.errorTitlePrefix") : ""}${t("coordination:extensions.title")}`,
      total,
      shown: items.length,
      done: status === 200 && (req.query.done === "approved" || req.query.done === "refused") ? `coordination:extensions.done.${req.query.done}` : null,
      items: items.map((x) => {
        const mine = failed?.id === x.id;
        return {
          id: x.id,
          suggestion: x.suggestion,
          statusLabel: t(`coordination:status.${x.suggestion.status}`),
          department: localizedName(x.department, locale),
          requester: x.requester?.name ?? null,
          createdAt: x.createdAt,
          workingDays: x.workingDays,
          reason: x.reason,
          currentDueAt: x.suggestion.replyDueAt,
          newDueAt: x.newDueAt,
          stale: x.stale,
          open: mine ? failed?.decision : null,
          errors: mine && failed ? translateErrors(t, failed.errors) : {},
          note: mine ? firstString((req.body as Record<string, unknown> | undefined)?.note) : undefined,
        };
      }),
    });
  }

  router.get("/staff/extensions", coordinatorsOnly, (req, res) => renderExtensions(req, res, 200));

  for (const decision of ["approve", "refuse"] as const) {
    router.post(`/staff/extensions/:id/${decision}`, coordinatorsOnly, csrf.verify, async (req, res) => {
      const id = pathId(req.params.id);
      const user = staffOf(req);
      if (decision === "approve") {
        const parsed = parseForm(approveFormSchema, req.body);
        if (!parsed.ok) return renderExtensions(req, res, 422, { id, decision, errors: parsed.errors });
        await extensions.approve(user, id, parsed.data);
      } else {
        const parsed = parseForm(refuseFormSchema, req.body);
        if (!parsed.ok) return renderExtensions(req, res, 422, { id, decision, errors: parsed.errors });
        await extensions.refuse(user, id, parsed.data);
      }
      res.redirect(303, `/staff/extensions?done=${decision === "approve" ? "approved" : "refused"}`);
    });
  }

  return router;
}
