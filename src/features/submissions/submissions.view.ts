// The view model of the suggestion form, shared by the everyday form and a round's form
// (views/partials/submissions/form.hbs), and the receipt cookie that carries a tracking code across the redirect.
import { randomUUID } from "node:crypto";
import type { Request, Response } from "express";
import type { FieldErrors } from "../../errors.ts";
import type { Translate } from "../../platform/i18n.ts";
import { errorMessages } from "../../web/form-errors.ts";
import { isTicked, typedValues } from "../../web/forms.ts";
import { TRACK_TOKEN_PATTERN } from "../notifications/index.ts";
import type { NamedOption, ReferenceData } from "./submissions.repository.ts";
import { FIELD_ORDER, LIMITS } from "./submissions.schemas.ts";
import { TRACKING_CODE_PATTERN } from "./tracking-code.ts";

const TEXT_FIELDS = ["title", "categoryId", "regionId", "topicId", "problem", "proposal", "realName", "phone", "email"] as const;
const CHECKBOXES = ["consentPublish", "hideIdentity"] as const;
// What is echoed back into the form: enough to fix an over-long text, not an amplifier for a 1 MB field.
const ECHO_MAX = 20_000;

export type FormValues = Partial<Record<(typeof TEXT_FIELDS)[number], string>> & Partial<Record<(typeof CHECKBOXES)[number], boolean>>;

/** The citizen's input as typed, for re-rendering the form after an error. */
export function formValues(body: unknown): FormValues {
  const src = (body ?? {}) as Record<string, unknown>;
  const values: FormValues = typedValues(body, TEXT_FIELDS, ECHO_MAX);
  for (const field of CHECKBOXES) values[field] = isTicked(src[field]);
  return values;
}

const FORM_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The form's one-time token: a new one when the form is opened, the same one when it is shown again after an
 * error (the citizen is still filling in the same suggestion). Posted back with the form, stored with the suggestion.
 */
export function formTokenOf(body: unknown): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.formToken;
  return typeof v === "string" && FORM_TOKEN.test(v) ? v : undefined;
}

export interface TopicOption {
  id: number;
  title: string;
  titleEn: string;
}

type ChoiceLists = ReturnType<typeof choiceLists>;

/** The category and region choices with the typed ones selected (the regions tree is some 115 options). */
const selected = (id: number, value: string | undefined) => value !== undefined && String(id) === value.trim();

function choiceLists(reference: ReferenceData, values: FormValues) {
  // Object.assign, not `{ ...o, selected }`: V8 (Node 20) is several times slower on a spread followed by a key, and
  // this runs once per region whenever a refused form is shown again.
  const option = (o: NamedOption, value: string | undefined) => Object.assign({}, o, { selected: selected(o.id, value) });
  return {
    categories: reference.categories.map((c) => option(c, values.categoryId)),
    province: reference.province ? option(reference.province, values.regionId) : null,
    cities: reference.cities.map((city) => Object.assign(option(city, values.regionId), { counties: city.counties.map((c) => option(c, values.regionId)) })),
  };
}

// A form opened afresh selects nothing, so its choice lists are the same until the cached reference data is
// replaced: built once per reference object instead of on every view (templates only read them).
const UNSELECTED = new WeakMap<ReferenceData, ChoiceLists>();

function unselectedChoices(reference: ReferenceData): ChoiceLists {
  let lists = UNSELECTED.get(reference);
  if (!lists) UNSELECTED.set(reference, (lists = choiceLists(reference, {})));
  return lists;
}

export function suggestionFormView(opts: {
  action: string;
  reference: ReferenceData;
  values?: FormValues;
  errors?: FieldErrors;
  t: Translate;
  topics?: TopicOption[];
  filesDropped?: boolean;
  /** The token of the post being shown again; a new one otherwise. */
  formToken?: string;
}) {
  const values = opts.values ?? {};
  const errors = opts.errors ?? {};
  const { errors: messages, errorList } = errorMessages(opts.t, errors, ["form", ...FIELD_ORDER], { ...LIMITS, maxFileMb: LIMITS.maxFileBytes / 1024 / 1024 });
  const choices = values.categoryId === undefined && values.regionId === undefined ? unselectedChoices(opts.reference) : undefined;
  return {
    action: opts.action,
    formToken: opts.formToken ?? randomUUID(),
    values,
    errors: messages,
    errorList,
    hasErrors: errorList.length > 0,
    filesDropped: Boolean(opts.filesDropped),
    ...(choices ?? choiceLists(opts.reference, values)),
    // Nothing selected: the region options' text is the same on every view (per language) while the reference data
    // lasts, so the template renders it once ({{#memo}}) rather than 115 options per view.
    regionsMemo: choices,
    topics: opts.topics?.map((topic) => Object.assign({}, topic, { selected: selected(topic.id, values.topicId) })),
    limits: { ...LIMITS, maxFileMb: LIMITS.maxFileBytes / 1024 / 1024 },
  };
}

// The confirmation page after the redirect reads the code from a short-lived signed cookie rather than from the
// URL, so the code does not end up in browser history, shared links or proxy logs.
const RECEIPT_COOKIE = "gi_receipt";
export const RECEIPT_PATH = "/suggestions/received";
const RECEIPT_MAX_AGE_MS = 30 * 60 * 1000;

// The cookie's attributes never change: written once instead of res.cookie's option merge, date and serialisation
// per submission. Max-Age alone (no Expires): every browser the platform supports reads it.
const receiptAttributes = (secure: boolean) =>
  `; Max-Age=${RECEIPT_MAX_AGE_MS / 1000}; Path=${RECEIPT_PATH}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
const RECEIPT_ATTRIBUTES = { true: receiptAttributes(true), false: receiptAttributes(false) } as const;

/**
 * The receipt cookie: the tracking code and the suggestion's private tracking token (letters, digits, dashes,
 * base64url or hex: all cookie-safe). The receipt page shows the private link, so the cookie was always worth the
 * token; holding the token itself proves the cookie came from the submission, as a MAC did, without an HMAC per
 * submission (~15 µs of OpenSSL set-up each) and another per receipt.
 */
export function setReceipt(res: Response, opts: { secure: boolean; trackingCode: string; trackToken: string }): void {
  res.append("Set-Cookie", `${RECEIPT_COOKIE}=${opts.trackingCode}.${opts.trackToken}${RECEIPT_ATTRIBUTES[`${opts.secure}`]}`);
}

/**
 * The 303 to the receipt page, without a body: res.redirect negotiates a note in HTML or text (accepts, format,
 * send, an ETag) that no browser shows for a 303.
 */
export function redirectToReceipt(res: Response): void {
  res.status(303).location(RECEIPT_PATH).end();
}

/** The tracking code and token the cookie claims; the service checks the token against the suggestion's own. */
export function readReceipt(req: Request): { trackingCode: string; trackToken: string } | undefined {
  const raw: unknown = req.cookies?.[RECEIPT_COOKIE];
  if (typeof raw !== "string") return undefined;
  const dot = raw.indexOf(".");
  if (dot < 0) return undefined;
  const trackingCode = raw.slice(0, dot);
  const trackToken = raw.slice(dot + 1);
  return TRACKING_CODE_PATTERN.test(trackingCode) && TRACK_TOKEN_PATTERN.test(trackToken) ? { trackingCode, trackToken } : undefined;
}
