// What a citizen may send in the suggestion forms. Every message is an i18n key (namespace "submissions"), so
// the form re-renders it in the citizen's language. Existence of the chosen category, region, round and topic is
// checked by the service against the reference data; this file only checks shape.
import { z } from "zod";
import type { FieldErrors } from "../../errors.ts";

export const LIMITS = {
  titleMin: 5,
  titleMax: 100,
  textMin: 10,
  textMax: 5000,
  nameMax: 50,
  emailMax: 254,
  maxFiles: 5,
  maxFileBytes: 10 * 1024 * 1024,
} as const;

/** Form bodies can repeat a field (title=a&title=b) and then carry an array: only the first value counts. */
function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

// PostgreSQL text cannot hold NUL, and other C0 controls are never typed by a person: they would only break the
// pages and emails that show the text later. Tabs and line feeds stay; CR LF from browsers becomes LF so a
// textarea's length is what the citizen sees.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function cleanText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
}

/** A single-line field: also folds runs of whitespace (including line breaks) into one space. */
export function cleanLine(value: string): string {
  return cleanText(value).replace(/\s+/g, " ");
}

const text = (required: string, opts: { min: number; max: number; tooShort: string; tooLong: string; line?: boolean }) =>
  z.preprocess(
    (v) => {
      const s = first(v);
      if (typeof s !== "string") return undefined;
      const cleaned = opts.line ? cleanLine(s) : cleanText(s);
      return cleaned === "" ? undefined : cleaned;
    },
    z.string({ error: required }).min(opts.min, { error: opts.tooShort }).max(opts.max, { error: opts.tooLong }),
  );

/** An id chosen from a <select>: digits only, anything else reads as "nothing chosen". */
const selectedId = (required: string) =>
  z.preprocess((v) => {
    const s = first(v);
    if (typeof s !== "string" || !/^\d{1,9}$/.test(s.trim())) return undefined;
    const n = Number(s.trim());
    return n > 0 ? n : undefined;
  }, z.number({ error: required }).int());

/** An unticked checkbox is simply absent from the body, so absent (or anything unexpected) is false. */
const checkbox = z.preprocess((v) => {
  const s = first(v);
  return typeof s === "string" && ["on", "1", "true", "yes"].includes(s.trim().toLowerCase());
}, z.boolean());

export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A mainland mobile number as people type it: full-width digits (NFKC), spaces and dashes in groups, an optional
 * +86 / 0086 country code. Returns the 11 digits, or the cleaned input when it is not a mobile number.
 */
export function normalizePhone(input: string): string {
  let s = input.normalize("NFKC").replace(/[\s\-\u2010-\u2015\u2212()（）]/g, "");
  if (s.startsWith("+86")) s = s.slice(3);
  else if (s.startsWith("0086")) s = s.slice(4);
  else if (/^861\d{10}$/.test(s)) s = s.slice(2);
  return s;
}

const phone = z.preprocess(
  (v) => {
    const s = first(v);
    if (typeof s !== "string") return undefined;
    const n = normalizePhone(s);
    return n === "" ? undefined : n;
  },
  z.string({ error: "submissions:errors.phoneRequired" }).regex(MAINLAND_MOBILE, { error: "submissions:errors.phoneInvalid" }),
);

const email = z.preprocess(
  (v) => {
    const s = first(v);
    if (typeof s !== "string") return undefined;
    const cleaned = s.normalize("NFKC").trim();
    return cleaned === "" ? undefined : cleaned;
  },
  z
    .email({ error: "submissions:errors.emailInvalid" })
    .max(LIMITS.emailMax, { error: "submissions:errors.emailInvalid" })
    .transform((e) => e.toLowerCase())
    .optional(),
);

export const suggestionFormSchema = z.object({
  title: text("submissions:errors.titleRequired", {
    min: LIMITS.titleMin,
    max: LIMITS.titleMax,
    tooShort: "submissions:errors.titleTooShort",
    tooLong: "submissions:errors.titleTooLong",
    line: true,
  }),
  categoryId: selectedId("submissions:errors.categoryRequired"),
  regionId: selectedId("submissions:errors.regionRequired"),
  problem: text("submissions:errors.problemRequired", {
    min: LIMITS.textMin,
    max: LIMITS.textMax,
    tooShort: "submissions:errors.problemTooShort",
    tooLong: "submissions:errors.problemTooLong",
  }),
  proposal: text("submissions:errors.proposalRequired", {
    min: LIMITS.textMin,
    max: LIMITS.textMax,
    tooShort: "submissions:errors.proposalTooShort",
    tooLong: "submissions:errors.proposalTooLong",
  }),
  realName: text("submissions:errors.realNameRequired", {
    min: 1,
    max: LIMITS.nameMax,
    tooShort: "submissions:errors.realNameRequired",
    tooLong: "submissions:errors.realNameTooLong",
    line: true,
  }),
  phone,
  email,
  consentPublish: checkbox,
  hideIdentity: checkbox,
});

export const roundSuggestionFormSchema = suggestionFormSchema.extend({
  topicId: selectedId("submissions:errors.topicRequired"),
});

export type SuggestionForm = z.infer<typeof suggestionFormSchema>;
export type RoundSuggestionForm = z.infer<typeof roundSuggestionFormSchema>;

/** The form's field names, in the order they appear on the page (the error summary follows it). */
export const FIELD_ORDER = [
  "title", "topicId", "categoryId", "regionId", "problem", "proposal",
  "realName", "phone", "email", "consentPublish", "hideIdentity", "attachments",
] as const;

/** The first message per field, keyed by field name. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    out[field] ??= issue.message;
  }
  return out;
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseSuggestionForm(body: unknown): ParseResult<SuggestionForm> {
  const r = suggestionFormSchema.safeParse(body ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldErrorsOf(r.error) };
}

export function parseRoundSuggestionForm(body: unknown): ParseResult<RoundSuggestionForm> {
  const r = roundSuggestionFormSchema.safeParse(body ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldErrorsOf(r.error) };
}

/**
 * Original file names are shown back to staff: keep only the last path segment, drop control and bidi-override
 * characters (a name like "report\u202Efdp.exe" reads as "reportexe.pdf"), and cap the length.
 */
export function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = cleanLine(base).replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069<>:"|?*]/g, "").trim();
  const capped = [...cleaned].slice(-120).join("");
  return capped === "" || /^\.+$/.test(capped) ? "attachment" : capped;
}
