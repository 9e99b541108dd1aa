import { Router, type Response } from "express";
import type { Container } from "../../container.ts";
import type { FieldErrors } from "../../errors.ts";
import type { Translate } from "../../platform/i18n.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { rateLimitPerIpOf } from "../../web/middleware/rate-limit.ts";
import { fieldId } from "../submissions/submissions.view.ts";
import { parseTrackLookup } from "./tracking.schemas.ts";
import { trackingServiceFor, type TrackingView } from "./tracking.service.ts";
import { ratingPanels } from "../ratings/ratings.view.ts";

const LOOKUPS_PER_WINDOW = 20;
const WINDOW_SEC = 10 * 60;

/**
 * The look-up form; with `notFound`, also the one answer to an unknown code or a wrong pair wherever a pair is
 * checked (features/feedback re-checks it before a rating).
 */
export function renderForm(res: Response, status: number, opts: { values?: { code?: string }; errors?: FieldErrors; notFound?: boolean } = {}) {
  const t = res.locals.t as Translate;
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(opts.errors ?? {})) errors[field] = t(key);
  const errorList = Object.entries(errors).map(([field, message]) => ({ id: fieldId(field), message }));
  const title = t("tracking:form.title");
  res.set("Cache-Control", "no-store");
  res.status(status).render("tracking/form", {
    title: errorList.length ? `${t("submissions:form.errorTitlePrefix")}${title}` : title,
    values: opts.values ?? {},
    errors,
    errorList,
    notFound: opts.notFound ?? false,
  });
}

/** The result page; `extra` carries what other features add to it (the rating form of features/feedback). */
export function renderResult(res: Response, result: TrackingView, extra: Record<string, unknown> = {}, status = 200) {
  const t = res.locals.t as Translate;
  res.set("Cache-Control", "no-store");
  res.status(status).render("tracking/result", {
    title: t("tracking:result.title"),
    s: result,
    labels: {
      status: t(`tracking:status.${result.status}`),
      statusHelp: t(`tracking:statusHelp.${result.status}`),
      notAcceptedReason: result.notAcceptedReason ? t(`tracking:notAcceptedReason.${result.notAcceptedReason}`) : null,
      adoption: result.reply ? t(`tracking:adoption.${result.reply.adoption}`) : null,
    },
    events: result.events.map((e) => ({ ...e, label: t(`tracking:status.${e.toStatus}`) })),
    measures: result.measures.map((m) => ({ ...m, typeLabel: t(`tracking:measureType.${m.type}`) })),
    ...extra,
  });
}

export function trackingRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const service = trackingServiceFor(c);
  const ratingPanel = ratingPanels(c);
  const limit = rateLimitPerIpOf(c, { name: "track", points: LOOKUPS_PER_WINDOW, durationSec: WINDOW_SEC });

  router.get("/track", (_req, res) => renderForm(res, 200));

  router.post("/track", limit, csrf.verify, async (req, res) => {
    const parsed = parseTrackLookup(req.body);
    if (!parsed.ok) {
      const raw = (req.body ?? {}) as Record<string, unknown>;
      return renderForm(res, 422, { values: { code: typeof raw.code === "string" ? raw.code.slice(0, 100) : "" }, errors: parsed.errors });
    }
    const result = await service.lookup(parsed.data);
    // The same page for an unknown code and a wrong phone: nothing the visitor typed is echoed, so even the
    // bytes do not tell the two apart.
    if (!result) return renderForm(res, 404, { notFound: true });
    renderResult(res, result, { rating: await ratingPanel(res, result.trackingCode, parsed.data.phoneLast4) });
  });

  return router;
}
