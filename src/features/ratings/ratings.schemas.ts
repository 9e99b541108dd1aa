// The citizen's rating form. The tracking code and phone digits it carries are checked with the tracking
// look-up's own schema (features/tracking); this file checks the rating itself.
import { z } from "zod";
import { first, parseForm, textInput, typedValues, type ParseResult } from "../../web/forms.ts";

export const RATING_LIMITS = { scoreMin: 1, scoreMax: 5, commentMax: 500 } as const;

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
  // Cut long before the limit check so a megabyte paste costs nothing, but keep enough to say it is too long.
  comment: z.preprocess(
    (v) => textInput(v, { cut: RATING_LIMITS.commentMax * 4 }),
    z.string().max(RATING_LIMITS.commentMax, { error: "ratings:errors.commentTooLong" }).optional(),
  ),
});

export type RatingInput = z.infer<typeof ratingSchema>;

export function parseRating(body: unknown): ParseResult<RatingInput> {
  return parseForm(ratingSchema, body);
}

/** What the form shows back after an error. */
export function ratingValues(body: unknown): { score?: string; comment?: string } {
  const typed = typedValues(body, ["comment"], RATING_LIMITS.commentMax * 2);
  const score = typedValues(body, ["score"], 2).score;
  return { ...(score !== undefined ? { score } : {}), ...typed };
}
