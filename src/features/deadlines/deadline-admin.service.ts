// What administrators set for deadlines, and keeping every process in step with it: the working-day limits (applied
// to the process's Deadlines) and the calendar's entered days (applied to platform/working-days.ts). The process
// that saves a change applies it at once; the others pick it up on their next refresh (every REFRESH_MS).
import type { Infrastructure } from "../../container.ts";
import { ValidationError } from "../../errors.ts";
import { sqlState, TX_OPTIONS, UNIQUE_VIOLATION } from "../../platform/db.ts";
import { hasOfficialCalendar, officialDayKind, setCalendarOverrides, shanghaiDateString } from "../../platform/working-days.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import * as repo from "./deadline-admin.repository.ts";
import type { DayInput } from "./deadline-admin.schemas.ts";
import { EDITABLE_SETTINGS, type Deadlines, type EditableSetting } from "./deadlines.ts";

export const REFRESH_MS = 60_000;
const DAY_MS = 24 * 3600_000;
/** How far ahead staff are warned about a year without its holiday schedule: about as far as deadlines reach. */
export const CALENDAR_WARNING_DAYS = 90;

export type DeadlineAdminDeps = Pick<Infrastructure, "db" | "logger" | "now"> & { deadlines: Deadlines };

export function createDeadlineAdmin(c: DeadlineAdminDeps) {
  const { db } = c;

  /** Reads the saved limits and days and applies them to this process. */
  async function load(): Promise<void> {
    const [settings, days] = await Promise.all([repo.findSettings(db), repo.findDays(db)]);
    c.deadlines.apply(settings as Partial<Record<EditableSetting, number>>);
    setCalendarOverrides(days);
  }

  return {
    load,

    /**
     * Loads now (awaited, so the first deadline computed already uses what administrators saved; a failure leaves the
     * configured values), then every REFRESH_MS, keeping the last values when a refresh fails. Returns the stop
     * function.
     */
    async startRefreshing(everyMs = REFRESH_MS): Promise<() => void> {
      await load().catch((err: Error) => c.logger.warn({ err: err.message }, "deadline settings not loaded; using the configured ones"));
      const refresh = () => load().catch((err: Error) => c.logger.warn({ err: err.message }, "deadline settings not refreshed; keeping the last ones"));
      const timer = setInterval(refresh, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },

    settings: () => ({ current: { ...c.deadlines.settings }, defaults: c.deadlines.defaults }),

    async saveSettings(actor: AuditActor, input: Record<EditableSetting, number>) {
      await db.$transaction(async (tx) => {
        const saved = await repo.findSettings(tx);
        for (const key of EDITABLE_SETTINGS) {
          const before = saved[key] ?? c.deadlines.defaults[key];
          if (before === input[key]) continue;
          await repo.saveSetting(tx, key, input[key]);
          await recordAudit(tx, { actor, action: "deadline.update", entity: "DeadlineSetting", entityId: key, before: { [key]: before }, after: { [key]: input[key] } });
        }
      }, TX_OPTIONS);
      await load();
    },

    days: (year: number) => repo.findDays(db, year),

    /**
     * Enters a day. Refused: a date already entered, a holiday on a day the official calendar already has off, a
     * make-up working day on a day that already is a working day (a weekday, or an official make-up day).
     */
    async addDay(actor: AuditActor, day: DayInput) {
      const official = officialDayKind(day.date);
      if (day.kind === "HOLIDAY" && official === "HOLIDAY") throw new ValidationError({ date: "deadlines:errors.alreadyHoliday" });
      if (day.kind === "WORKDAY" && (official === "WEEKDAY" || official === "WORKDAY")) throw new ValidationError({ date: "deadlines:errors.alreadyWorkday" });
      await db.$transaction(async (tx) => {
        await repo.createDay(tx, day, actor.id).catch((err: unknown) => {
          if (sqlState(err) === UNIQUE_VIOLATION) throw new ValidationError({ date: "deadlines:errors.alreadyEntered" });
          throw err;
        });
        await recordAudit(tx, { actor, action: "calendar.create", entity: "CalendarOverride", entityId: day.date, after: day });
      }, TX_OPTIONS);
      await load();
    },

    async removeDay(actor: AuditActor, date: string) {
      await db.$transaction(async (tx) => {
        const before = await repo.findDay(tx, date);
        if (!before) return;
        await repo.deleteDay(tx, date);
        await recordAudit(tx, { actor, action: "calendar.delete", entity: "CalendarOverride", entityId: date, before });
      }, TX_OPTIONS);
      await load();
    },

    /** The years from today to CALENDAR_WARNING_DAYS ahead whose holiday schedule is neither shipped nor entered. */
    missingYears(): number[] {
      const now = c.now();
      const first = Number(shanghaiDateString(now).slice(0, 4));
      const last = Number(shanghaiDateString(new Date(now.getTime() + CALENDAR_WARNING_DAYS * DAY_MS)).slice(0, 4));
      const years: number[] = [];
      for (let y = first; y <= last; y += 1) if (!hasOfficialCalendar(y)) years.push(y);
      return years;
    },
  };
}

export type DeadlineAdmin = ReturnType<typeof createDeadlineAdmin>;
