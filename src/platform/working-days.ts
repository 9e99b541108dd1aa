// The official Chinese working-day calendar, as a library every feature uses (deadlines, supervision, reports).
// The package's functions build their holiday table with local-time getters over dates parsed as UTC, so in any
// process TZ west of Greenwich every holiday and make-up day lands one day early (seen with
// TZ=America/Los_Angeles: 2026-01-03 became a working day). The JSON it publishes was generated once and is
// plain "YYYY-MM-DD" keys, so reading it ourselves gives the same answer on every server.
import calendar from "chinese-days/dist/chinese-days.json" with { type: "json" };

interface OfficialCalendar {
  /** Days off under the State Council's schedule that would otherwise be working days or weekends. */
  holidays: Record<string, string>;
  /** Make-up working days (调休上班), almost always a Saturday or Sunday. */
  workdays: Record<string, string>;
}

const official: OfficialCalendar = calendar;

// China has had no daylight saving time since 1991, so a fixed offset is exact for every date we handle.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day in Shanghai, counted from 1970-01-01; integers make "the next day" trivial. */
type ShanghaiDay = number;

const officialYears: ReadonlySet<number> = new Set(
  Object.keys(official.holidays).map((date) => Number(date.slice(0, 4))),
);

export type CalendarDayKind = "HOLIDAY" | "WORKDAY";

export interface CalendarDay {
  /** "YYYY-MM-DD", a Shanghai day. */
  date: string;
  kind: CalendarDayKind;
}

interface Overrides {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  /** Years with at least one entered holiday: their schedule counts as entered. */
  years: ReadonlySet<number>;
}

// Days entered by administrators (the years chinese-days does not cover, or a correction), kept in PostgreSQL and
// loaded into every process by features/deadlines. Module state because the calendar is one per process, like the
// official table above; replaced whole, never patched, so a reader never sees half an update.
let overrides: Overrides = { holidays: new Set(), workdays: new Set(), years: new Set() };

/** Replaces the entered days; they win over the official table. */
export function setCalendarOverrides(days: readonly CalendarDay[]): void {
  overrides = {
    holidays: new Set(days.filter((d) => d.kind === "HOLIDAY").map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === "WORKDAY").map((d) => d.date)),
    years: new Set(days.filter((d) => d.kind === "HOLIDAY").map((d) => Number(d.date.slice(0, 4)))),
  };
}

/** What the official table alone says of a "YYYY-MM-DD" day (ignoring entered days): for checking an entry. */
export function officialDayKind(isoDate: string): CalendarDayKind | "WEEKDAY" | "WEEKEND" {
  if (official.workdays[isoDate] !== undefined) return "WORKDAY";
  if (official.holidays[isoDate] !== undefined) return "HOLIDAY";
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? "WEEKEND" : "WEEKDAY";
}

function assertValidDate(date: Date, name: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
}

function shanghaiDayOf(date: Date): ShanghaiDay {
  return Math.floor((date.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}

function isoDateOf(day: ShanghaiDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isWorkingShanghaiDay(day: ShanghaiDay): boolean {
  const iso = isoDateOf(day);
  if (overrides.workdays.has(iso)) return true;
  if (overrides.holidays.has(iso)) return false;
  if (official.workdays[iso] !== undefined) return true;
  if (official.holidays[iso] !== undefined) return false;
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** "YYYY-MM-DD" of the calendar day in Shanghai. */
export function shanghaiDateString(date: Date): string {
  assertValidDate(date, "date");
  return isoDateOf(shanghaiDayOf(date));
}

export function isWorkingDay(date: Date): boolean {
  assertValidDate(date, "date");
  return isWorkingShanghaiDay(shanghaiDayOf(date));
}

/**
 * The deadline for "within `days` working days of `from`": the day of `from` itself never counts (a suggestion
 * submitted at 08:00 on Monday has the same deadline as one submitted at 23:00), and the deadline is the last
 * millisecond of the final working day in Shanghai so that anything done that day is on time.
 */
export function addWorkingDays(from: Date, days: number): Date {
  assertValidDate(from, "from");
  if (!Number.isSafeInteger(days) || days < 1) {
    throw new RangeError(`days must be a positive integer, got ${days}`);
  }
  const start = shanghaiDayOf(from);
  const key = `${start}:${days}`;
  let due = DUE_DAYS.get(key);
  if (due === undefined) {
    due = start;
    for (let remaining = days; remaining > 0; ) {
      due += 1;
      if (isWorkingShanghaiDay(due)) remaining -= 1;
    }
    if (DUE_DAYS.size >= DUE_DAYS_MAX) DUE_DAYS.clear();
    DUE_DAYS.set(key, due);
  }
  return new Date((due + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

/**
 * The answer depends only on the Shanghai day and the count, and the calendar is fixed at start-up: every
 * submission of a day asks the same question (it was walked per request, on the submission's hot path).
 */
const DUE_DAYS = new Map<string, number>();
const DUE_DAYS_MAX = 1_000;

/** Working days after `from`'s Shanghai day, up to and including `to`'s; "due within 3 working days" is `<= 3`. */
export function workingDaysBetween(from: Date, to: Date): number {
  assertValidDate(from, "from");
  assertValidDate(to, "to");
  const last = shanghaiDayOf(to);
  let count = 0;
  for (let day = shanghaiDayOf(from) + 1; day <= last; day += 1) {
    if (isWorkingShanghaiDay(day)) count += 1;
  }
  return count;
}

/**
 * Whether the State Council's holiday schedule for `year` is known: in the installed chinese-days, or entered by an
 * administrator (at least one holiday of that year). Outside it only weekends are days off, so a deadline reaching
 * into such a year ignores its public holidays until the schedule is entered (each year's is published around
 * November of the year before): worth a warning in logs and on staff pages.
 */
export function hasOfficialCalendar(year: number): boolean {
  return officialYears.has(year) || overrides.years.has(year);
}

/** Whether the official schedule covers the Shanghai calendar year `date` falls in (31 Dec 20:00 UTC is 1 Jan). */
export function hasOfficialCalendarFor(date: Date): boolean {
  return hasOfficialCalendar(Number(shanghaiDateString(date).slice(0, 4)));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM-DD" that names a real calendar day (2026-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The last millisecond of a "YYYY-MM-DD" day in Shanghai: what a deadline on that day means. */
export function endOfShanghaiDay(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1) - SHANGHAI_OFFSET_MS - 1);
}
