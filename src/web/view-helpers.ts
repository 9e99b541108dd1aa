import type { HelperOptions } from "handlebars";
import type { Translate } from "../platform/i18n.ts";
import { formHelpers } from "./form-helpers.ts";

const TZ = "Asia/Shanghai";

function rootT(options: HelperOptions): Translate {
  return (options.data as { root: { t: Translate } }).root.t;
}

function rootLocale(options: HelperOptions): string {
  return (options.data as { root: { locale?: string } }).root.locale ?? "zh-CN";
}

function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

export const viewHelpers = {
  ...formHelpers,
  /** {{t "ns:key" name=value}} — text in the request's language; Handlebars escapes the result. */
  t(key: string, options: HelperOptions) {
    return rootT(options)(key, options.hash);
  },
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  gt: (a: number, b: number) => a > b,
  /** Like JS `||` and `&&`: the deciding value itself, so `value=(or typed default)` and `error=(and isMine errors.note)` work. */
  or: (...args: unknown[]) => args.slice(0, -1).reduce((a, b) => a || b),
  and: (...args: unknown[]) => args.slice(0, -1).reduce((a, b) => a && b),
  not: (a: unknown) => !a,
  formatDate(value: unknown, options: HelperOptions) {
    const d = asDate(value);
    if (!d) return "";
    // English as "9 Oct 2026": "10/09/2026" reads differently in different English-speaking countries.
    const en = rootLocale(options) === "en";
    return new Intl.DateTimeFormat(en ? "en-GB" : "zh-CN", en
      ? { timeZone: TZ, year: "numeric", month: "short", day: "numeric" }
      : { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  },
  formatDateTime(value: unknown, options: HelperOptions) {
    const d = asDate(value);
    if (!d) return "";
    const en = rootLocale(options) === "en";
    return new Intl.DateTimeFormat(en ? "en-GB" : "zh-CN", {
      timeZone: TZ, year: "numeric", month: en ? "short" : "2-digit", day: en ? "numeric" : "2-digit", hour: "2-digit", minute: "2-digit", hour12: false,
    }).format(d);
  },
  isoDate(value: unknown) {
    const d = asDate(value);
    return d ? d.toISOString() : "";
  },
  /** Picks the English or Chinese variant of a bilingual record field: {{localized round "title"}}. */
  localized(record: Record<string, unknown> | undefined, field: string, options: HelperOptions) {
    if (!record) return "";
    const en = record[`${field}En`];
    return rootLocale(options) === "en" && typeof en === "string" && en ? en : String(record[field] ?? "");
  },
  /** The current page in the other language, keeping the query string. */
  langUrl(lang: string, options: HelperOptions) {
    const root = (options.data as { root: { currentUrl?: string } }).root;
    const url = new URL(root.currentUrl ?? "/", "http://x");
    url.searchParams.set("lang", lang);
    return `${url.pathname}${url.search}`;
  },
  fileSize(bytes: number) {
    if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  },
};
