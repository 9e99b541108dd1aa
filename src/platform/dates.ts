// Dates as people read them, in the reader's language and always in Shanghai time (the platform's day and
// deadlines are Shanghai days, wherever the server runs). Pages, emails and the history's system notes all format
// through here, so a date reads the same everywhere.
import type { Locale } from "./i18n.ts";

const TZ = "Asia/Shanghai";

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  // English as "9 Oct 2026": "10/09/2026" reads differently in different English-speaking countries.
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", { timeZone: TZ, ...options });
}

const FORMATS = {
  // Tables and facts: "2026/10/09" · "9 Oct 2026".
  date: {
    "zh-CN": formatter("zh-CN", { year: "numeric", month: "2-digit", day: "2-digit" }),
    en: formatter("en", { year: "numeric", month: "short", day: "numeric" }),
  },
  // Inside a sentence: "2026年10月9日" · "9 Oct 2026".
  textDate: {
    "zh-CN": formatter("zh-CN", { year: "numeric", month: "long", day: "numeric" }),
    en: formatter("en", { year: "numeric", month: "short", day: "numeric" }),
  },
  dateTime: {
    "zh-CN": formatter("zh-CN", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }),
    en: formatter("en", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false }),
  },
} satisfies Record<string, Record<Locale, Intl.DateTimeFormat>>;

export type DateStyle = keyof typeof FORMATS;

/** A Date, an ISO string or epoch milliseconds; undefined for anything else. */
export function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "string" || typeof value === "number") {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/**
 * Formatted texts by style, locale and minute: an Intl format call costs microseconds and a list page formats
 * the same few dozen dates on every view. No format shows seconds, and Intl cuts them off rather than rounding,
 * so every moment within a minute reads the same. Bounded: emptied when full.
 */
const MEMO = new Map<Intl.DateTimeFormat, Map<number, string>>();
const MEMO_MAX = 20_000;

/** "" when the value is not a date, so a template never prints "Invalid Date". */
export function formatDate(value: unknown, locale: string, style: DateStyle = "date"): string {
  const d = asDate(value);
  if (!d) return "";
  const format = FORMATS[style][locale === "en" ? "en" : "zh-CN"];
  let memo = MEMO.get(format);
  if (!memo) MEMO.set(format, (memo = new Map()));
  const minute = Math.floor(d.getTime() / 60_000);
  let text = memo.get(minute);
  if (text === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(minute, (text = format.format(d)));
  }
  return text;
}
