// The helpers every form and query string shares: reading urlencoded bodies (where a repeated field arrives as an
// array), cleaning what people type, turning zod issues into per-field message keys, ids from URLs and <select>s,
// and echoing input back into a form shown again after an error. Features keep only their own fields' rules.
import { z } from "zod";
import { NotFoundError, type FieldErrors } from "../errors.ts";

export type { FieldErrors };

/** Form bodies can repeat a field (a=1&a=2) and then carry an array: only the first value counts. */
export function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** Every value of a field that may repeat (checkbox groups, multiple selects). */
export function all(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

// PostgreSQL text cannot hold NUL, and other C0 controls are never typed by a person: they would only break the
// pages and emails that show the text later. Tabs and line feeds stay; CR LF from browsers becomes LF so a
// textarea's length is what the person sees.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function cleanText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
}

// Direction embeddings, overrides and isolates (U+202A–202E, U+2066–2069): in a title or a name they make the line
// read differently from what it is ("\u202Efdp.exe"), in inboxes and email subjects alike. Nobody needs them in one
// line of Chinese or English.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** A single-line field: also drops direction controls and folds runs of whitespace (line breaks too) into one space. */
export function cleanLine(value: string): string {
  return cleanText(value.replace(BIDI_CONTROLS, "")).replace(/\s+/g, " ");
}

/**
 * A text field's value for a zod preprocess: cleaned, or undefined when it is absent or blank (so "required"
 * and "optional" are decided by the schema, not by an empty string). `cut` bounds the work on a huge paste.
 */
export function textInput(value: unknown, opts: { line?: boolean; cut?: number } = {}): string | undefined {
  const s = first(value);
  if (typeof s !== "string") return undefined;
  const raw = opts.cut === undefined ? s : s.slice(0, opts.cut);
  const cleaned = opts.line ? cleanLine(raw) : cleanText(raw);
  return cleaned === "" ? undefined : cleaned;
}

/** A value typed as is (a date, a number, a link): NFKC-folded and trimmed, undefined when blank. */
export function plainInput(value: unknown): string | undefined {
  const s = first(value);
  if (typeof s !== "string") return undefined;
  const trimmed = s.normalize("NFKC").trim();
  return trimmed === "" ? undefined : trimmed;
}

const ID = /^\d{1,9}$/;

/** A positive id from a form field or query parameter (the first value if repeated), or undefined. */
export function idInput(value: unknown): number | undefined {
  const s = first(value);
  if (typeof s !== "string" || !ID.test(s.trim())) return undefined;
  const n = Number(s.trim());
  return n > 0 ? n : undefined;
}

/** An id chosen from a <select>: anything but a positive id reads as "nothing chosen". */
export function selectedIdField(requiredKey: string) {
  return z.preprocess(idInput, z.number({ error: requiredKey }).int());
}

const PATH_ID = /^[1-9]\d{0,8}$/;

/**
 * The id in a URL segment. Anything but a plain positive integer cannot name a record, so it is the same 404 as
 * an id that does not exist (`notFoundKey` names what was not found, for the page's message).
 */
export function pathId(raw: unknown, notFoundKey?: string): number {
  if (typeof raw !== "string" || !PATH_ID.test(raw)) throw new NotFoundError(notFoundKey);
  return Number(raw);
}

/** A message key and the values it names (the tracking codes that are wrong, say). */
export interface FieldMessage {
  key: string;
  params?: Record<string, string | number>;
}

export type FieldMessages = Record<string, FieldMessage>;

export type ParseResult<T, E = FieldErrors> = { ok: true; data: T } | { ok: false; errors: E };

/** The first message per field, with the params a custom issue carried. */
export function fieldMessagesOf(error: z.ZodError): FieldMessages {
  const out: FieldMessages = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const params = (issue as { params?: Record<string, string | number> }).params;
    out[field] ??= params ? { key: issue.message, params } : { key: issue.message };
  }
  return out;
}

/** The first message key per field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return Object.fromEntries(Object.entries(fieldMessagesOf(error)).map(([field, m]) => [field, m.key]));
}

/** A form body through its schema: the data, or a message key per field. */
export function parseForm<T>(schema: z.ZodType<T>, body: unknown): ParseResult<T> {
  const r = schema.safeParse(body ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldErrorsOf(r.error) };
}

/** Like parseForm, keeping the params of each message. */
export function parseFormWithParams<T>(schema: z.ZodType<T>, body: unknown): ParseResult<T, FieldMessages> {
  const r = schema.safeParse(body ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldMessagesOf(r.error) };
}

/**
 * What a form shows back after an error: the named fields as typed (first value), cut to `max` characters —
 * enough to fix an over-long text, not an amplifier for a megabyte pasted into a field.
 */
export function typedValues(body: unknown, fields: readonly string[], max: number): Record<string, string> {
  const src = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const field of fields) {
    const raw = first(src[field]);
    if (typeof raw === "string") out[field] = raw.slice(0, max);
  }
  return out;
}

/** An unticked checkbox is absent from the body, so absent (or anything unexpected) is false. */
export function isTicked(value: unknown): boolean {
  const s = first(value);
  return typeof s === "string" && ["on", "1", "true", "yes"].includes(s.trim().toLowerCase());
}

/** The DOM id of a field's input: what the error summary links to. */
export function fieldId(field: string): string {
  return field === "form" ? "form-top" : `f-${field}`;
}
