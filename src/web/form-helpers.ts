// Helpers behind the form partials in views/partials/form/ and the data-table partial. A partial gets its whole
// context from one of them, `{{> form/field (field id="f-title" name="title" label=(t "…") …)}}`, rather than
// from hash parameters on the partial itself: Handlebars merges a partial's hash into the caller's context, so a
// key a caller leaves out (hint, error, value) would silently be read from the page around it. The models below
// set every key the partials read.
import type { HelperOptions } from "handlebars";
import * as prismaEnums from "../generated/prisma/enums.ts";
import type { Translate } from "../platform/i18n.ts";

/** The database's enums by name; a value list kept in code only is passed in by its view model instead. */
const ENUMS: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(prismaEnums).map(([name, values]) => [name, Object.values(values as Record<string, string>)]),
);

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

type Hash = Record<string, unknown>;

function rootOf(options: HelperOptions): { t: Translate; locale?: string } {
  return (options.data as { root: { t: Translate; locale?: string } }).root;
}

/** Unset: what a template passes for "nothing" (a missing key, or false from `(and cond value)`). */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "" || value === false;
}

/** Whether an option is the chosen one: the field's value (one, or a list for a checkbox group) wins over a flag the option brings. */
function isSelected(optionValue: string, fieldValue: unknown, flagged: unknown): boolean {
  if (Array.isArray(fieldValue)) return fieldValue.map(String).includes(optionValue);
  if (!isBlank(fieldValue)) return String(fieldValue).trim() === optionValue;
  return flagged === true;
}

/** Options as the partials render them, from {value|id, label, selected?} objects. */
function toOptions(list: unknown, fieldValue: unknown): Option[] {
  if (!Array.isArray(list)) return [];
  return list.map((raw: Record<string, unknown>) => {
    const value = String(raw.value ?? raw.id ?? "");
    return { value, label: String(raw.label ?? ""), selected: isSelected(value, fieldValue, raw.selected) };
  });
}

const TYPES_WITHOUT_VALUE = new Set(["password", "file", "checkbox"]);

/**
 * The model of one form control with its label, hint and error, wired for assistive technology: the control is
 * described by the hint and the error (in that order) and marked invalid when there is an error.
 * Required: id, label. Common: name (defaults to the id), type (text, email, tel, url, number, date, password, file,
 * textarea, select, checkbox; radio or checkbox with `options` in form/choices), value, hint, error, required,
 * optional, marker=false (a required field without the "required" mark), options, placeholder (a select's empty
 * first option). Control attributes: inputClass, fieldClass (the wrapper), rows, maxlength, countMax (the limit the
 * characters-left counter of public/js/forms.js shows, where the server enforces it without maxlength), min, max, step,
 * autocomplete, inputmode, autocapitalize, spellcheck, accept, multiple, checked, lang, readonly; for groups listClass, optionClass.
 * optionsBlock / labelBlock: a select's options, or a group's option text, come from the partial block. Anything
 * else is passed through, for a partial block to read.
 */
export function fieldModel(hash: Hash, t: Translate) {
  const id = String(hash.id ?? "");
  if (!id) throw new Error("form field without an id");
  const type = String(hash.type ?? "text");
  const hint = isBlank(hash.hint) ? undefined : String(hash.hint);
  const error = isBlank(hash.error) ? undefined : String(hash.error);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const required = hash.required === true;
  const marker = hash.optional === true
    ? { className: "opt", text: t("common:optional") }
    : required && hash.marker !== false
      ? { className: "req", text: t("common:required") }
      : undefined;
  // Object.assign, not `{ ...hash, id, … }`: V8 (Node 20) takes a slow path for a spread followed by keys that
  // override the spread's, ~20 µs per field against ~1 µs, and a form renders dozens of fields. Same object.
  return Object.assign({}, hash, {
    id,
    name: String(hash.name ?? id),
    type,
    label: String(hash.label ?? ""),
    hint,
    hintId,
    error,
    errorId,
    describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined,
    invalid: Boolean(error),
    required,
    marker,
    value: isBlank(hash.value) ? undefined : hash.value,
    hasValueAttribute: !TYPES_WITHOUT_VALUE.has(type),
    options: toOptions(hash.options, hash.value),
    // Every radio of a required group carries `required`; a checkbox group never does (it would require them all).
    choiceRequired: required && type === "radio",
  });
}

export type FieldModel = ReturnType<typeof fieldModel>;

/**
 * The model of an error summary: `errors` is [{id, message}], each linking to the field with that id; or one
 * `message` that links to the field `link`, or that stands alone (a form-level message, no field to go to).
 */
export function errorSummaryModel(hash: Hash) {
  let errors = Array.isArray(hash.errors) ? (hash.errors as { id: string; message: string }[]) : [];
  let message = isBlank(hash.message) ? undefined : String(hash.message);
  if (message !== undefined && !isBlank(hash.link)) {
    errors = [{ id: String(hash.link), message }];
    message = undefined;
  }
  return {
    id: String(hash.id ?? "error-summary"),
    title: isBlank(hash.title) ? undefined : String(hash.title),
    level: Number(hash.level ?? 2),
    errors,
    message,
    shown: errors.length > 0 || message !== undefined,
  };
}

/** An enum's values as options, labelled from the locale files: `labels` "ns:key" reads "ns:key.VALUE" ("ns:key_" reads "ns:key_VALUE"). */
export function enumOptionList(name: string | readonly string[], labels: string, t: Translate, selected?: unknown): Option[] {
  const values = typeof name === "string" ? ENUMS[name] : name;
  if (!values) throw new Error(`enumOptions: no enum named ${name}`);
  const key = (value: string) => (labels.endsWith("_") || labels.endsWith(".") ? `${labels}${value}` : `${labels}.${value}`);
  return values.map((value) => ({ value, label: t(key(value)), selected: isSelected(value, selected, false) }));
}

/** Reference records ({id, name, nameEn} or {id, title, titleEn}) as options in the reader's language. */
export function referenceOptionList(list: unknown, field: string, locale: string | undefined): Option[] {
  if (!Array.isArray(list)) return [];
  return list.map((record: Record<string, unknown>) => {
    const en = record[`${field}En`];
    const label = locale === "en" && typeof en === "string" && en ? en : String(record[field] ?? "");
    return { value: String(record.id ?? ""), label, selected: record.selected === true };
  });
}

/** The model of an action disclosure (form/action): every key set, so nothing is read from the page around it. */
export function formActionModel(hash: Hash) {
  return {
    id: isBlank(hash.id) ? undefined : String(hash.id),
    open: Boolean(hash.open),
    title: String(hash.title ?? ""),
    heading: hash.heading === true,
    url: String(hash.url ?? ""),
    submit: String(hash.submit ?? ""),
    submitClass: isBlank(hash.submitClass) ? undefined : String(hash.submitClass),
  };
}

/** The model of a data table (data-table.hbs): the header's column names and the table's attributes; the rest passes through. */
export function dataTableModel(hash: Hash) {
  return Object.assign({}, hash, {
    id: isBlank(hash.id) ? undefined : String(hash.id),
    className: isBlank(hash.className) ? undefined : String(hash.className),
    describedBy: isBlank(hash.describedBy) ? undefined : String(hash.describedBy),
    caption: isBlank(hash.caption) ? undefined : String(hash.caption),
    captionClass: isBlank(hash.captionClass) ? "visually-hidden" : String(hash.captionClass),
    columns: Array.isArray(hash.columns) ? hash.columns.map(String) : [],
  });
}

export const formHelpers = {
  /** {{> form/field (field id="f-x" label=(t "…") …)}}: see fieldModel. */
  field(options: HelperOptions) {
    return fieldModel(options.hash as Hash, rootOf(options).t);
  },
  /** {{> form/error-summary (errorSummary errors=errorList title=(t "…"))}}; `message` for a form-level message without links. */
  errorSummary(options: HelperOptions) {
    return errorSummaryModel(options.hash as Hash);
  },
  /** options=(enumOptions "NotAcceptedReason" "coordination:notAcceptedReason" selected=value) */
  enumOptions(name: string | readonly string[], labels: string, options: HelperOptions) {
    return enumOptionList(name, labels, rootOf(options).t, (options.hash as Hash).selected);
  },
  /** options=(referenceOptions categories "name"): reference data labelled in the reader's language. */
  referenceOptions(list: unknown, field: string, options: HelperOptions) {
    return referenceOptionList(list, field, rootOf(options).locale);
  },
  /** {{#> form/action (formAction id="…" open=… title=(t "…") url="…" submit=(t "…") submitClass="secondary" heading=true)}} */
  formAction(options: HelperOptions) {
    return formActionModel(options.hash as Hash);
  },
  /** {{#> data-table (dataTable columns=(list …) rows=items)}}…{{/data-table}} */
  dataTable(options: HelperOptions) {
    return dataTableModel(options.hash as Hash);
  },
  /** Its arguments as a list: columns=(list (t "a") (t "b")). */
  list(...args: unknown[]) {
    return args.slice(0, -1);
  },
  /** `a` when the condition holds, otherwise `b`: label=(t (choose isLead "ns:reply" "ns:opinion")). */
  choose(condition: unknown, a: unknown, b: unknown) {
    return condition ? a : b;
  },
  /** Strings joined, for ids built from parts: id=(concat "ext-" id "-note"). */
  concat(...args: unknown[]) {
    return args.slice(0, -1).map((v) => (isBlank(v) ? "" : String(v))).join("");
  },
};
