// Dates as read on pages: formatDate remembers its texts per minute, so every moment reads as Intl itself formats it.
import { describe, expect, it } from "vitest";
import { formatDate } from "../../../src/platform/dates.ts";

const intl = (locale: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", ...options });
const EXPECTED = {
  date: { "zh-CN": intl("zh-CN", { year: "numeric", month: "2-digit", day: "2-digit" }), en: intl("en-GB", { year: "numeric", month: "short", day: "numeric" }) },
  textDate: { "zh-CN": intl("zh-CN", { year: "numeric", month: "long", day: "numeric" }), en: intl("en-GB", { year: "numeric", month: "short", day: "numeric" }) },
  dateTime: {
    "zh-CN": intl("zh-CN", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }),
    en: intl("en-GB", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false }),
  },
} as const;

describe("formatDate", () => {
  it("when moments within one minute (and across Shanghai's midnight) are formatted in turn, then each reads as Intl formats it", () => {
    // 15:59:59.999 UTC is 23:59:59.999 in Shanghai: the second before a new day there.
    const base = Date.UTC(2026, 9, 8, 15, 59, 0);
    const moments = [base + 59_999, base, base + 30_000, base + 60_000, base + 60_001, base - 1, base + 86_400_000 + 59_000];
    for (const style of ["date", "textDate", "dateTime"] as const) {
      for (const locale of ["zh-CN", "en"] as const) {
        for (const ms of [...moments, ...moments.reverse()]) expect(formatDate(new Date(ms), locale, style)).toBe(EXPECTED[style][locale].format(ms));
      }
    }
  });

  it("when the value is not a date, then the text is empty", () => {
    expect(formatDate("not a date", "en")).toBe("");
    expect(formatDate(undefined, "zh-CN", "dateTime")).toBe("");
  });

  it("when a date is given as ISO text or epoch milliseconds, then it reads as the Date would", () => {
    const ms = Date.UTC(2026, 0, 5, 3, 4, 5);
    expect(formatDate(new Date(ms).toISOString(), "en", "dateTime")).toBe(formatDate(new Date(ms), "en", "dateTime"));
    expect(formatDate(ms, "zh-CN")).toBe(EXPECTED.date["zh-CN"].format(ms));
  });
});
