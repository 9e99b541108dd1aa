// The citizen's tracking page: the look-up form, the result, and the rating form on the result (features/ratings
// decides what may be rated; the pair of code and phone digits is checked here, exactly like the look-up).
import { Router, type Response } from "express";
import type { Container } from "../../container.ts";
import { ConflictError, type FieldErrors } from "../../errors.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { fieldId } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { rateLimitPerIpOf } from "../../web/middleware/rate-limit.ts";
import { translatorOf } from "../../web/pages.ts";
import { trackUrl } from "../notifications/index.ts";
import { parseRating, ratingPanelView, ratingValues, type RatingPanelOptions } from "../ratings/index.ts";
import { parseTrackLookup, type TrackLookup } from "./tracking.schemas.ts";
import type { TrackingView } from "./tracking.service.ts";

/** Screened out by the office: no department will ever handle these, so the page says what happened instead. */
const SCREENED_OUT: readonly SuggestionStatus[] = ["NOT_ACCEPTED", "REFERRED"];

const LOOKUPS_PER_WINDOW = 20;
// A citizen rates once; the allowance only has to cover a few corrections after a 422.
const RATINGS_PER_WINDOW = 10;
const WINDOW_SEC = 10 * 60;

/** The look-up form; with `notFound`, also the one answer to an unknown code or a wrong pair wherever one is checked. */
function renderForm(res: Response, status: number, opts: { values?: { code?: string }; errors?: FieldErrors; notFound?: boolean } = {}) {
  const t = translatorOf(res);
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

/** The result page with its rating panel. */
function renderResult(res: Response, result: TrackingView, rating: unknown, status = 200, privateUrl = "") {
  const t = translatorOf(res);
  res.set("Cache-Control", "no-store");
  // The page's address is a secret: no other site may learn it from a Referer (helmet's default says the same).
  res.set("Referrer-Policy", "no-referrer");
  res.status(status).render("tracking/result", {
    title: t("tracking:result.title"),
    s: result,
    labels: {
      status: t(`tracking:status.${result.status}`),
      statusHelp: t(`tracking:statusHelp.${result.status}`),
      notAcceptedReason: result.notAcceptedReason ? t(`tracking:notAcceptedReason.${result.notAcceptedReason}`) : null,
      adoption: result.reply ? t(`tracking:adoption.${result.reply.adoption}`) : null,
      outcome: SCREENED_OUT.includes(result.status) ? t(`tracking:result.outcome_${result.status}`) : null,
    },
    screenedOut: SCREENED_OUT.includes(result.status),
    privateUrl,
    // Object.assign rather than a spread with an added key (V8's slow path: µs per object).
    events: result.events.map((e) => Object.assign({}, e, { label: t(`tracking:status.${e.toStatus}`) })),
    measures: result.measures.map((m) => Object.assign({}, m, { typeLabel: t(`tracking:measureType.${m.type}`) })),
    rating,
  });
}

export function trackingRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const { tracking, ratings } = c.services;
  const lookupLimit = rateLimitPerIpOf(c, { name: "track", points: LOOKUPS_PER_WINDOW, durationSec: WINDOW_SEC });
  const ratingLimit = rateLimitPerIpOf(c, { name: "track-rating", points: RATINGS_PER_WINDOW, durationSec: WINDOW_SEC });

  /**
   * The result for a pair or a private link, with the rating panel in the state a post left it in; the not-found
   * form when it matches nothing.
   */
  async function showResult(res: Response, access: TrackLookup | { token: string }, status = 200, opts: RatingPanelOptions = {}) {
    const result = await tracking.lookup(access);
    // The same page for an unknown code, a wrong phone and an unknown link: nothing the visitor typed is echoed, so
    // even the bytes do not tell them apart.
    if (!result) return renderForm(res, 404, { notFound: true });
    const state = await ratings.stateByCode(result.trackingCode);
    const pair = "token" in access ? { token: access.token } : { code: result.trackingCode, phoneLast4: access.phoneLast4 };
    const rating = ratingPanelView(translatorOf(res), state, pair, opts);
    renderResult(res, result, rating, status, trackUrl(c.config.publicBaseUrl, result.trackToken));
  }

  /** The rating form's credentials: the private link's token, or the code and digits; null when neither is well-formed. */
  function accessOf(body: unknown): TrackLookup | { token: string } | null {
    const token = (body as Record<string, unknown> | undefined)?.token;
    if (typeof token === "string" && token !== "") return { token: token.slice(0, 100) };
    const pair = parseTrackLookup(body);
    return pair.ok ? pair.data : null;
  }

  router.get("/track", (_req, res) => renderForm(res, 200));

  // The private link from the receipt and the emails: a GET, so it can be bookmarked and opened from an email. Under
  // the same per-address limit as the form, and an unknown token reads exactly like a wrong code.
  router.get("/track/:token", lookupLimit, async (req, res) => {
    await showResult(res, { token: String(req.params.token) });
  });

  router.post("/track", lookupLimit, csrf.verify, async (req, res) => {
    const parsed = parseTrackLookup(req.body);
    if (!parsed.ok) {
      const raw = (req.body ?? {}) as Record<string, unknown>;
      return renderForm(res, 422, { values: { code: typeof raw.code === "string" ? raw.code.slice(0, 100) : "" }, errors: parsed.errors });
    }
    await showResult(res, parsed.data);
  });

  router.post("/track/rating", ratingLimit, csrf.verify, async (req, res) => {
    const access = accessOf(req.body);
    const suggestionId = access === null ? null : "token" in access ? await tracking.verifyToken(access.token) : await tracking.verify(access);
    if (access === null || suggestionId === null) return renderForm(res, 404, { notFound: true });

    const parsed = parseRating(req.body);
    if (!parsed.ok) return showResult(res, access, 422, { values: ratingValues(req.body), errors: parsed.errors });
    try {
      await ratings.rate(suggestionId, parsed.data);
    } catch (err) {
      if (err instanceof ConflictError) return showResult(res, access, 409, { notice: { kind: "refused", key: err.messageKey } });
      throw err;
    }
    await showResult(res, access, 200, { notice: { kind: "thanks", key: "ratings:thanks" } });
  });

  return router;
}
