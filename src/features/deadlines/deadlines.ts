// The deadline rules bound to the platform's configured numbers (config.deadlines), built once in the composition
// root and handed to every feature that sets or reads a deadline. The rules themselves are in deadline-rules.ts.
import type { Config } from "../../config.ts";
import type { Logger } from "../../platform/logger.ts";
import { hasOfficialCalendarFor, shanghaiDateString } from "../../platform/working-days.ts";
import * as rules from "./deadline-rules.ts";

export type DeadlineSettings = Config["deadlines"];

/** The limits an administrator may change (features/deadlines/deadline-admin.service.ts). */
export const EDITABLE_SETTINGS = ["screeningWorkingDays", "replyWorkingDays", "extensionMaxWorkingDays", "returnWindowWorkingDays", "reminderWorkingDays"] as const;
export type EditableSetting = (typeof EDITABLE_SETTINGS)[number];

export function createDeadlines(defaults: DeadlineSettings, logger: Pick<Logger, "warn">) {
  // The configured numbers, with what an administrator saved on top (`apply`). One object, changed in place, so
  // every rule below reads the current value; a deadline already stored never moves.
  const settings: { -readonly [K in keyof DeadlineSettings]: DeadlineSettings[K] } = { ...defaults };
  /**
   * Outside the installed official calendar only weekends are days off, so a deadline reaching into such a year
   * ignores its public holidays until chinese-days is updated (each year's schedule is published around November
   * of the year before): every deadline set there is worth a warning. The year is the Shanghai one.
   */
  function checkCalendar(dueAt: Date, context: Record<string, unknown>): Date {
    if (!hasOfficialCalendarFor(dueAt)) {
      logger.warn({ ...context, dueAt }, "deadline falls in a year without the official holiday calendar; update chinese-days");
    }
    return dueAt;
  }

  return {
    settings: settings as DeadlineSettings,
    defaults,

    /** Sets the limits to the defaults with `saved` on top (values an administrator saved). */
    apply(saved: Partial<Record<EditableSetting, number>>) {
      Object.assign(settings, defaults);
      for (const key of EDITABLE_SETTINGS) {
        const value = saved[key];
        if (value !== undefined && Number.isSafeInteger(value) && value > 0) settings[key] = value;
      }
    },

    /** 甄别期限: SCREENING_WORKING_DAYS working days after the submission. */
    screeningDueAt: (submittedAt: Date, context: Record<string, unknown> = {}) =>
      checkCalendar(rules.workingDaysAfter(submittedAt, settings.screeningWorkingDays), context),

    /** 答复期限 set without a typed date (the router's assignment): REPLY_WORKING_DAYS working days from `from`. */
    replyDueAt: (from: Date, context: Record<string, unknown> = {}) =>
      checkCalendar(rules.workingDaysAfter(from, settings.replyWorkingDays), context),

    /** The date a coordinator's form offers before anything is typed, "YYYY-MM-DD" in Shanghai. */
    defaultReplyDueDate: (now: Date) => shanghaiDateString(rules.workingDaysAfter(now, settings.replyWorkingDays)),

    /** A reply deadline typed by a coordinator; a problem instead when it cannot be used. */
    typedReplyDueAt(isoDate: string, now: Date, context: Record<string, unknown> = {}): { dueAt: Date } | { problem: rules.TypedDeadlineProblem } {
      const typed = rules.typedReplyDueAt(isoDate, now);
      if ("dueAt" in typed) checkCalendar(typed.dueAt, context);
      return typed;
    },

    /** The reply deadline after an approved extension of `workingDays`. */
    extendedReplyDueAt: (current: Date | null, now: Date, workingDays: number, context: Record<string, unknown> = {}) =>
      checkCalendar(rules.extendedReplyDueAt(current, now, workingDays), context),

    /** The most working days a department may ask for in one extension request. */
    get extensionMaxWorkingDays() {
      return settings.extensionMaxWorkingDays;
    },

    returnWindowEndsAt: (assignedAt: Date) => rules.returnWindowEndsAt(assignedAt, settings.returnWindowWorkingDays),

    /** A deadline on a page: overdue, or due within REMINDER_WORKING_DAYS, while work is owed on it. */
    state: (at: Date, owed: boolean, now: Date) => rules.deadlineState(at, owed, now, settings.reminderWorkingDays),

    /** Deadlines up to this moment are due soon (reminders, supervision). */
    reminderHorizon: (now: Date) => rules.reminderHorizon(now, settings.reminderWorkingDays),

    isOverdue: rules.isOverdue,
    workingDaysFromDeadline: rules.workingDaysFromDeadline,

    ratingWindowEndsAt: (replyAt: Date) => rules.ratingWindowEndsAt(replyAt, settings.ratingWindowDays),
    isRatingWindowOpen: (replyAt: Date, now: Date) => rules.isRatingWindowOpen(replyAt, now, settings.ratingWindowDays),
    ratingCutoff: (now: Date) => rules.ratingCutoff(now, settings.ratingWindowDays),
  };
}

export type Deadlines = ReturnType<typeof createDeadlines>;
