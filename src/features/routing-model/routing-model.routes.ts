// The administrators' page of the learned routing suggestion: the model in use (version, date, held-out accuracy
// beside the rules'), the accuracy by confidence level, a "retrain now" button, and the auto-assign setting.
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { ValidationError, type FieldErrors } from "../../errors.ts";
import { first, isTicked } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireAdmin, staffOf } from "../auth/index.ts";
import { THRESHOLD_RANGE } from "./routing-model.service.ts";

export const ADMIN_PATH = "/admin/routing-model";

const percent = (x: number | null | undefined) => (x === null || x === undefined ? null : `${(x * 100).toFixed(1)}%`);

export function routingModelRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const service = c.services.routingModel;
  const adminsOnly = requireAdmin();

  async function render(req: Request, res: Response, status: number, extra: { errors?: FieldErrors; values?: Record<string, unknown>; notice?: string } = {}) {
    const t = translatorOf(res);
    const [latest, settings] = await Promise.all([service.latest(), service.settings()]);
    const errors = Object.fromEntries(Object.entries(extra.errors ?? {}).map(([k, v]) => [k, t(v)]));
    res.set("Cache-Control", "no-store");
    res.status(status).render("routing-model/admin", {
      title: t("routingModel:admin.title"),
      latest: latest && {
        ...latest,
        accuracyText: percent(latest.accuracy),
        ruleAccuracyText: percent(latest.ruleAccuracy),
        byConfidence: latest.byConfidence.map((b) => ({ atLeast: percent(b.atLeast), predictions: b.predictions, accuracy: b.predictions ? percent(b.accuracy) : "—" })),
      },
      settings: { ...settings, ...extra.values },
      range: THRESHOLD_RANGE,
      errors,
      errorList: Object.entries(errors).map(([field, message]) => ({ id: `rm-${field}`, message })),
      notice: extra.notice ? t(extra.notice) : null,
    });
  }

  router.get(ADMIN_PATH, adminsOnly, (req, res) => render(req, res, 200, { notice: typeof req.query.done === "string" ? `routingModel:admin.done.${req.query.done === "train" ? "train" : "settings"}` : undefined }));

  router.post(`${ADMIN_PATH}/settings`, adminsOnly, csrf.verify, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const raw = first(body.threshold);
    const threshold = typeof raw === "string" && raw.trim() !== "" ? Number(raw.trim()) : Number.NaN;
    const autoAssign = isTicked(body.autoAssign);
    try {
      if (!Number.isFinite(threshold)) throw new ValidationError({ threshold: "routingModel:errors.threshold" });
      await service.saveSettings(staffOf(req), { autoAssign, threshold });
    } catch (err) {
      if (err instanceof ValidationError) {
        return render(req, res, 422, { errors: err.fields, values: { autoAssign, threshold: typeof raw === "string" ? raw.slice(0, 20) : "" } });
      }
      throw err;
    }
    res.redirect(303, `${ADMIN_PATH}?done=settings`);
  });

  router.post(`${ADMIN_PATH}/train`, adminsOnly, csrf.verify, async (_req, res) => {
    await c.enqueuer.trainRoutingModel();
    res.redirect(303, `${ADMIN_PATH}?done=train`);
  });

  return router;
}
