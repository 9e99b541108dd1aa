// The citizen's rating form. The tracking code and phone digits it carries are checked with the tracking
// look-up's own schema (features/tracking); this file checks the rating itself.
import { z } from "zod";
import type { FieldErrors } from "../../errors.ts";
import { cleanText, fieldErrorsOf } from "../submissions/submissions.schemas.ts";

export const RATING_LIMITS = { scoreMin: 1, scoreMax: 5, commentMax: 500 } as const;

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

export const ratingSchema = z.object({
  score: z.preprocess(
    (v) => {
      const s = first(v);
      if (typeof s !== "string" || !/^\d$/.test(s.trim())) return undefined;
      return Number(s.trim());
    },
    z
      .number({ error: "ratings:errors.scoreRequired" })
      .int()
      .min(RATING_LIMITS.scoreMin, { error: "ratings:errors.scoreRequired" })
      .max(RATING_LIMITS.scoreMax, { error: "ratings:errors.scoreRequired" }),
  ),
  comment: z.preprocess(
    (v) => {
      const s = first(v);
      if (typeof s !== "string") return undefined;
      // Cut long before the limit check so a megabyte paste costs nothing, but keep enough to say it is too long.
      const cleaned = cleanText(s.slice(0, RATING_LIMITS.commentMax * 4));
      return cleaned === "" ? undefined : cleaned;
    },
    z.string().max(RATING_LIMITS.commentMax, { error: "ratings:errors.commentTooLong" }).optional(),
  ),
});

export type RatingInput = z.infer<typeof ratingSchema>;

export function parseRating(body: unknown): { ok: true; data: RatingInput } | { ok: false; errors: FieldErrors } {
  const r = ratingSchema.safeParse(body ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldErrorsOf(r.error) };
}

/** What the form shows back after an error. */
export function ratingValues(body: unknown): { score?: string; comment?: string } {
  const src = (body ?? {}) as Record<string, unknown>;
  const score = first(src.score);
  const comment = first(src.comment);
  return {
    ...(typeof score === "string" ? { score: score.slice(0, 2) } : {}),
    ...(typeof comment === "string" ? { comment: comment.slice(0, RATING_LIMITS.commentMax * 2) } : {}),
  };
}
