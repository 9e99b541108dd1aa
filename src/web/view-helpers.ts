import type { HelperOptions } from "handlebars";
import { asDate, formatDate } from "../platform/dates.ts";
import { localizedField, type Translate } from "../platform/i18n.ts";
import { formHelpers } from "./form-helpers.ts";

function rootT(options: HelperOptions): Translate {
  return (options.data as { root: { t: Translate } }).root.t;
}

function rootLocale(options: HelperOptions): string {
  return (options.data as { root: { locale?: string } }).root.locale ?? "zh-CN";
}

// {{#memo}}'s texts: per owner object, translator and language (see the helper).
const MEMO = new WeakMap<object, WeakMap<Translate, Map<string, string>>>();

const PLAIN_PATH = /^\/(?:[\w-]+(?:\/[\w-]+)*\/?)?$/;
const PLAIN_VALUE = /^[\w-]+$/;

export const viewHelpers = {
  ...formHelpers,
  /** {{t "ns:key" name=value}} — text in the request's language; Handlebars escapes the result. */
  t(key: string, options: HelperOptions) {
    return rootT(options)(key, options.hash);
  },
  /**
   * {{#memo for=object}}…{{/memo}}: the block rendered once per object, translator and language, then its text
   * reused. Only for a block whose output depends on nothing else: the view model passes `for` when that holds (an
   * unchanging list, such as the form's region tree with nothing selected, some 115 options) and leaves it out
   * otherwise, and then the block is rendered as usual. Kept while the object lives (a WeakMap).
   */
  memo(this: unknown, options: HelperOptions) {
    const owner: unknown = options.hash.for;
    if (owner === null || typeof owner !== "object") return options.fn(this);
    const t = rootT(options);
    const locale = rootLocale(options);
    let byT = MEMO.get(owner);
    if (!byT) MEMO.set(owner, (byT = new WeakMap()));
    let byLocale = byT.get(t);
    if (!byLocale) byT.set(t, (byLocale = new Map()));
    let text = byLocale.get(locale);
    if (text === undefined) byLocale.set(locale, (text = options.fn(this)));
    return text;
  },
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  gt: (a: number, b: number) => a > b,
  /** Like JS `||` and `&&`: the deciding value itself, so `value=(or typed default)` and `error=(and isMine errors.note)` work. */
  or: (...args: unknown[]) => args.slice(0, -1).reduce((a, b) => a || b),
  and: (...args: unknown[]) => args.slice(0, -1).reduce((a, b) => a && b),
  not: (a: unknown) => !a,
  formatDate(value: unknown, options: HelperOptions) {
    return formatDate(value, rootLocale(options), "date");
  },
  formatDateTime(value: unknown, options: HelperOptions) {
    return formatDate(value, rootLocale(options), "dateTime");
  },
  isoDate(value: unknown) {
    const d = asDate(value);
    return d ? d.toISOString() : "";
  },
  /** Picks the English or Chinese variant of a bilingual record field: {{localized round "title"}}. */
  localized(record: Record<string, unknown> | undefined, field: string, options: HelperOptions) {
    return localizedField(record, field, rootLocale(options));
  },
  /** The current page in the other language, keeping the query string. */
  langUrl(lang: string, options: HelperOptions) {
    const root = (options.data as { root: { currentUrl?: string } }).root;
    const current = root.currentUrl ?? "/";
    // Every page's header links here: a plain path with no query needs no URL parser (same result, a fraction of it).
    if (PLAIN_PATH.test(current) && PLAIN_VALUE.test(lang)) return `${current}?lang=${lang}`;
    const url = new URL(current, "http://x");
    url.searchParams.set("lang", lang);
    return `${url.pathname}${url.search}`;
  },
  fileSize(bytes: number) {
    if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  },
};
