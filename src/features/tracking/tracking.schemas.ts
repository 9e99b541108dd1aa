// The look-up form: a tracking code and the last four digits of the phone number given with the suggestion.
import { z } from "zod";
import { first, parseForm, type ParseResult } from "../../web/forms.ts";
import { trackingCodeField, TRACKING_CODE_PATTERN } from "../submissions/index.ts";

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
  return parseForm(trackLookupSchema, body);
}
