// What staff may send in the policy-measure forms. Messages are i18n keys of the "measures" namespace; a message
// about particular tracking codes carries them as params, so the form can name the codes that are wrong.
import { z } from "zod";
import type { PolicyMeasureType } from "../../generated/prisma/enums.ts";
import { cleanLine } from "../submissions/submissions.schemas.ts";
import { normalizeTrackingCode, TRACKING_CODE_PATTERN } from "../submissions/tracking-code.ts";

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

export interface FieldMessage {
  key: string;
  params?: Record<string, string | number>;
}
export type MeasureFieldErrors = Record<string, FieldMessage>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: MeasureFieldErrors };

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** A one-line text field; empty means absent. */
const line = (value: unknown): string | undefined => {
  const s = first(value);
  if (typeof s !== "string") return undefined;
  const cleaned = cleanLine(s.slice(0, 5_000));
  return cleaned === "" ? undefined : cleaned;
};

/** "12 34\nAB-2026-XXXX，CD-…": codes separated by anything people use between them. */
export function splitTrackingCodes(raw: string): string[] {
  const codes = raw
    .slice(0, 10_000)
    .split(/[\s,，、;；]+/)
    .map((part) => normalizeTrackingCode(part))
    .filter((code) => code !== "");
  return [...new Set(codes)];
}

function isCalendarDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** Only plain web links: a measure's link is shown to staff and, on the tracking page, to the public. */
export function isWebUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
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
      (v) => {
        const s = first(v);
        if (typeof s !== "string") return undefined;
        const t = s.normalize("NFKC").trim();
        return t === "" ? undefined : t;
      },
      z
        .string({ error: "measures:errors.issuedOnRequired" })
        .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isCalendarDate(s), { error: "measures:errors.issuedOnInvalid" })
        .refine((s) => s >= EARLIEST_ISSUE_DATE, { error: "measures:errors.issuedOnTooEarly" })
        .refine((s) => s <= today, { error: "measures:errors.issuedOnFuture" }),
    ),
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

const measureId = z.preprocess((v) => {
  const s = first(v);
  if (typeof s !== "string" || !/^\d{1,9}$/.test(s.trim())) return undefined;
  const n = Number(s.trim());
  return n > 0 ? n : undefined;
}, z.number({ error: "measures:errors.measureRequired" }).int());

export const linkFormSchema = z.object({ measureId });
export type LinkForm = z.infer<typeof linkFormSchema>;

/** The first message per field, with the params a custom issue carried. */
export function fieldErrorsOf(error: z.ZodError): MeasureFieldErrors {
  const out: MeasureFieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const params = (issue as { params?: Record<string, string | number> }).params;
    out[field] ??= params ? { key: issue.message, params } : { key: issue.message };
  }
  return out;
}

export function parseMeasureForm(body: unknown, today: string): ParseResult<MeasureForm> {
  const r = measureFormSchema(today).safeParse(body ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldErrorsOf(r.error) };
}

export function parseLinkForm(body: unknown): ParseResult<LinkForm> {
  const r = linkFormSchema.safeParse(body ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldErrorsOf(r.error) };
}

/** A path id: digits only, or the page does not exist. */
export function parsePathId(raw: unknown): number | null {
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

/** What the form shows back after an error: the input as typed, cut to a sane length. */
export function measureFormValues(body: unknown): Record<string, string> {
  const src = (body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const field of ["type", "title", "docNumber", "issuingBody", "issuedOn", "url", "trackingCodes"]) {
    const raw = first(src[field]);
    if (typeof raw === "string") values[field] = raw.slice(0, 2_000);
  }
  return values;
}

export const FIELD_ORDER = ["type", "title", "docNumber", "issuingBody", "issuedOn", "url", "trackingCodes", "measureId"] as const;
