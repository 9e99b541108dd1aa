// What a citizen may send in the suggestion forms. Every message is an i18n key (namespace "submissions"), so
// the form re-renders it in the citizen's language. Existence of the chosen category, region, round and topic is
// checked by the service against the reference data; this file only checks shape.
import { z } from "zod";
import { cleanLine, first, isTicked, parseForm, selectedIdField, textInput, type ParseResult } from "../../web/forms.ts";

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

const text = (required: string, opts: { min: number; max: number; tooShort: string; tooLong: string; line?: boolean }) =>
  z.preprocess(
    (v) => textInput(v, { line: opts.line ?? false }),
    z.string({ error: required }).min(opts.min, { error: opts.tooShort }).max(opts.max, { error: opts.tooLong }),
  );

const selectedId = selectedIdField;

const checkbox = z.preprocess(isTicked, z.boolean());

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

export function parseSuggestionForm(body: unknown): ParseResult<SuggestionForm> {
  return parseForm(suggestionFormSchema, body);
}

export function parseRoundSuggestionForm(body: unknown): ParseResult<RoundSuggestionForm> {
  return parseForm(roundSuggestionFormSchema, body);
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
