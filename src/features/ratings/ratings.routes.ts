// POST /track/rating: the citizen's rating, sent from the tracking result page. The code + phone pair is checked
// again exactly like the look-up; a wrong pair gets the look-up's answer to an unknown code.
import { Router, type Response } from "express";
import type { Container } from "../../container.ts";
import { ConflictError } from "../../errors.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { rateLimitPerIpOf } from "../../web/middleware/rate-limit.ts";
import { parseTrackLookup, type TrackLookup } from "../tracking/tracking.schemas.ts";
import { trackingServiceFor } from "../tracking/tracking.service.ts";
import { renderForm, renderResult } from "../tracking/tracking.routes.ts";
import { feedbackServiceFor } from "./ratings.service.ts";
import { parseRating, ratingValues } from "./ratings.schemas.ts";
import { ratingPanels, type RatingPanelOptions } from "./ratings.view.ts";

// A citizen rates once; the allowance only has to cover a few corrections after a 422.
const RATINGS_PER_WINDOW = 10;
const WINDOW_SEC = 10 * 60;

export function feedbackRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const feedback = feedbackServiceFor(c);
  const tracking = trackingServiceFor(c);
  const ratingPanel = ratingPanels(c);
  const limit = rateLimitPerIpOf(c, { name: "track-rating", points: RATINGS_PER_WINDOW, durationSec: WINDOW_SEC });

  /** The tracking result again, with the rating panel in the state the post left it in. */
  async function showResult(res: Response, pair: TrackLookup, status: number, opts: RatingPanelOptions) {
    const result = await tracking.lookup(pair);
    if (!result) return renderForm(res, 404, { notFound: true });
    renderResult(res, result, { rating: await ratingPanel(res, result.trackingCode, pair.phoneLast4, opts) }, status);
  }

  router.post("/track/rating", limit, csrf.verify, async (req, res) => {
    const pair = parseTrackLookup(req.body);
    const suggestionId = pair.ok ? await feedback.verify(pair.data) : null;
    if (!pair.ok || suggestionId === null) return renderForm(res, 404, { notFound: true });

    const parsed = parseRating(req.body);
    if (!parsed.ok) return showResult(res, pair.data, 422, { values: ratingValues(req.body), errors: parsed.errors });
    try {
      await feedback.rate(suggestionId, parsed.data);
    } catch (err) {
      if (err instanceof ConflictError) return showResult(res, pair.data, 409, { notice: { kind: "refused", key: err.messageKey } });
      throw err;
    }
    await showResult(res, pair.data, 200, { notice: { kind: "thanks", key: "ratings:thanks" } });
  });

  return router;
}
