// What staff may send in the policy-measure forms. Messages are i18n keys of the "measures" namespace; a message
// about particular tracking codes carries them as params, so the form can name the codes that are wrong.
import { z } from "zod";
import type { PolicyMeasureType } from "../../generated/prisma/enums.ts";
import { isCalendarDate } from "../../platform/working-days.ts";
import {
  first, idInput, parseFormWithParams, plainInput, textInput, typedValues, type FieldMessage, type FieldMessages, type ParseResult,
} from "../../web/forms.ts";
import { isWebUrl } from "../../web/links.ts";
import { normalizeTrackingCode, TRACKING_CODE_PATTERN } from "../submissions/index.ts";

export const MEASURE_TYPES = [
  "POLICY_DOCUMENT",
  "NORMATIVE_DOCUMENT",
  "PRACTICAL_PROJECT",
  "WORK_MEASURE",
  "LEGISLATION",
] as const satisfies readonly PolicyMeasureType[];

export const LIMITS = {
  titleMin: 2,
  titleMax: 200,
  docNumberMax: 100,
  issuingBodyMax: 100,
  urlMax: 1000,
  codesMax: 50,
} as const;

/** The first date accepted as an issue date: nothing older is a measure this platform could have led to. */
export const EARLIEST_ISSUE_DATE = "2000-01-01";

export type { FieldMessage };
export type MeasureFieldErrors = FieldMessages;

/** A one-line text field; empty means absent. */
const line = (value: unknown): string | undefined => textInput(value, { line: true, cut: 5_000 });

/** "12 34\nAB-2026-XXXX，CD-…": codes separated by anything people use between them. */
export function splitTrackingCodes(raw: string): string[] {
  const codes = raw
    .slice(0, 10_000)
    .split(/[\s,，、;；]+/)
    .map((part) => normalizeTrackingCode(part))
    .filter((code) => code !== "");
  return [...new Set(codes)];
}


const trackingCodes = z.preprocess(
  (v) => {
    const s = first(v);
    return typeof s === "string" ? splitTrackingCodes(s) : [];
  },
  z
    .array(z.string())
    .min(1, { error: "measures:errors.codesRequired" })
    .max(LIMITS.codesMax, { error: "measures:errors.codesTooMany" })
    .superRefine((codes, ctx) => {
      const bad = codes.filter((code) => !TRACKING_CODE_PATTERN.test(code));
      if (bad.length) ctx.addIssue({ code: "custom", message: "measures:errors.codesInvalid", params: { codes: bad.slice(0, 5).join("、") } });
    }),
);

/** `today` is the Shanghai date ("YYYY-MM-DD") the form is checked on: a measure cannot be issued after it. */
export function measureFormSchema(today: string) {
  return z.object({
    type: z.preprocess(first, z.enum(MEASURE_TYPES, { error: "measures:errors.typeRequired" })),
    title: z.preprocess(
      line,
      z
        .string({ error: "measures:errors.titleRequired" })
        .min(LIMITS.titleMin, { error: "measures:errors.titleTooShort" })
        .max(LIMITS.titleMax, { error: "measures:errors.titleTooLong" }),
    ),
    docNumber: z.preprocess(line, z.string().max(LIMITS.docNumberMax, { error: "measures:errors.docNumberTooLong" }).optional()),
    issuingBody: z.preprocess(
      line,
      z.string({ error: "measures:errors.issuingBodyRequired" }).max(LIMITS.issuingBodyMax, { error: "measures:errors.issuingBodyTooLong" }),
    ),
    issuedOn: z.preprocess(
      plainInput,
      z
        .string({ error: "measures:errors.issuedOnRequired" })
        .refine(isCalendarDate, { error: "measures:errors.issuedOnInvalid" })
        .refine((s) => s >= EARLIEST_ISSUE_DATE, { error: "measures:errors.issuedOnTooEarly" })
        .refine((s) => s <= today, { error: "measures:errors.issuedOnFuture" }),
    ),
    // Only plain web links: a measure's link is shown to staff and, on the tracking page, to the public.
    url: z.preprocess(
      (v) => {
        const s = first(v);
        if (typeof s !== "string") return undefined;
        const t = s.trim();
        return t === "" ? undefined : t;
      },
      z
        .string()
        .max(LIMITS.urlMax, { error: "measures:errors.urlTooLong" })
        .refine(isWebUrl, { error: "measures:errors.urlInvalid" })
        .optional(),
    ),
    trackingCodes,
  });
}

export type MeasureForm = z.infer<ReturnType<typeof measureFormSchema>>;

const measureId = z.preprocess(idInput, z.number({ error: "measures:errors.measureRequired" }).int());

export const linkFormSchema = z.object({ measureId });
export type LinkForm = z.infer<typeof linkFormSchema>;

export function parseMeasureForm(body: unknown, today: string): ParseResult<MeasureForm, MeasureFieldErrors> {
  return parseFormWithParams(measureFormSchema(today), body);
}

export function parseLinkForm(body: unknown): ParseResult<LinkForm, MeasureFieldErrors> {
  return parseFormWithParams(linkFormSchema, body);
}

const ECHOED = ["type", "title", "docNumber", "issuingBody", "issuedOn", "url", "trackingCodes"] as const;

/** What the form shows back after an error: the input as typed, cut to a sane length. */
export function measureFormValues(body: unknown): Record<string, string> {
  return typedValues(body, ECHOED, 2_000);
}

export const FIELD_ORDER = ["type", "title", "docNumber", "issuingBody", "issuedOn", "url", "trackingCodes", "measureId"] as const;
