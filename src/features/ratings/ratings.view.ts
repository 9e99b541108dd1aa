// The view model of the rating panel on the tracking result page (views/partials/ratings/rating-form.hbs), which
// the tracking page passes as `rating`.
import type { FieldErrors } from "../../errors.ts";
import type { Translate } from "../../platform/i18n.ts";
import type { RatingState } from "./ratings.service.ts";
import { RATING_LIMITS } from "./ratings.schemas.ts";

export interface RatingPanelOptions {
  values?: { score?: string; comment?: string };
  errors?: FieldErrors;
  /** A thank-you after rating, or why a rating was refused. */
  notice?: { kind: "thanks" | "refused"; key: string };
}

const SCORES = [1, 2, 3, 4, 5] as const;

export function stars(score: number): string {
  const n = Math.max(0, Math.min(RATING_LIMITS.scoreMax, Math.round(score)));
  return "★".repeat(n) + "☆".repeat(RATING_LIMITS.scoreMax - n);
}

export function ratingPanelView(
  t: Translate,
  state: RatingState,
  /** What opened the page — the code and phone digits, or the private link's token — sent back with the rating. */
  pair: { code: string; phoneLast4: string } | { token: string },
  opts: RatingPanelOptions = {},
) {
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(opts.errors ?? {})) errors[field] = t(key, { ...RATING_LIMITS });
  const errorList = Object.entries(errors).map(([field, message]) => ({ id: `f-rating-${field}`, message }));
  const values = opts.values ?? {};
  // The citizen typed these a moment ago; the form sends them back so the pair can be checked again. Object.assign
  // rather than a spread followed by more keys (V8's slow path: µs per object, on every tracking page).
  return Object.assign({}, pair, {
    isOpen: state.kind === "open",
    isRated: state.kind === "rated",
    isExpired: state.kind === "expired",
    windowEndsAt: state.kind === "open" ? state.windowEndsAt : null,
    rating:
      state.kind === "rated"
        ? Object.assign({}, state.rating, { stars: stars(state.rating.score), label: t("ratings:scoreOf", { score: state.rating.score, max: RATING_LIMITS.scoreMax }) })
        : null,
    // The chosen one is marked by the form partial from values.score.
    scores: SCORES.map((score) => ({ value: score, label: t(`ratings:score.${score}`) })),
    values,
    errors,
    errorList,
    notice: opts.notice ? { thanks: opts.notice.kind === "thanks", message: t(opts.notice.key) } : null,
    limits: RATING_LIMITS,
  });
}

export type RatingPanelView = ReturnType<typeof ratingPanelView>;
