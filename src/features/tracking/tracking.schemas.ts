import { z } from "zod";
import { trackingCodeField, TRACKING_CODE_PATTERN } from "../submissions/tracking-code.ts";
import { fieldErrorsOf, type ParseResult } from "../submissions/submissions.schemas.ts";

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

export const trackLookupSchema = z.object({
  code: z.preprocess(
    trackingCodeField,
    z.string({ error: "tracking:errors.codeRequired" }).regex(TRACKING_CODE_PATTERN, { error: "tracking:errors.codeInvalid" }),
  ),
  phoneLast4: z.preprocess(
    (v) => {
      const s = first(v);
      if (typeof s !== "string") return undefined;
      const digits = s.slice(0, 100).normalize("NFKC").replace(/\s+/g, "");
      return digits === "" ? undefined : digits;
    },
    z.string({ error: "tracking:errors.phoneRequired" }).regex(/^\d{4}$/, { error: "tracking:errors.phoneInvalid" }),
  ),
});

export type TrackLookup = z.infer<typeof trackLookupSchema>;

export function parseTrackLookup(body: unknown): ParseResult<TrackLookup> {
  const r = trackLookupSchema.safeParse(body ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldErrorsOf(r.error) };
}
