// Every deadline rule of the platform, pure, over the official working-day calendar (src/platform/working-days.ts):
// the screening deadline, the reply deadline (by default, typed by a coordinator, moved by an extension), the
// return window, when a deadline is due soon or overdue, the reminder horizon and the citizen's rating window.
// No I/O here, so the rules are unit-tested on their own (tests/unit/features/deadlines); deadlines.ts binds them
// to the configured numbers.
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import {
  addWorkingDays, endOfShanghaiDay, isWorkingDay, shanghaiDateString, workingDaysBetween,
} from "../../platform/working-days.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** A typed reply deadline further away than this is a typing mistake (2062 for 2026), not a plan. */
export const MAX_TYPED_DEADLINE_DAYS = 366;

/** Waiting for the office's screening decision: the screening deadline runs. */
export const SCREENING_DEADLINE_STATUSES = ["SUBMITTED", "SCREENING", "RETURNED"] as const satisfies readonly SuggestionStatus[];
/** With the departments, waiting for the lead department's reply: the reply deadline runs. */
export const REPLY_DEADLINE_STATUSES = ["ASSIGNED", "IN_HANDLING", "EXTENDED"] as const satisfies readonly SuggestionStatus[];

export function isScreeningDeadlineRunning(status: SuggestionStatus): boolean {
  return (SCREENING_DEADLINE_STATUSES as readonly SuggestionStatus[]).includes(status);
}

export function isReplyDeadlineRunning(status: SuggestionStatus): boolean {
  return (REPLY_DEADLINE_STATUSES as readonly SuggestionStatus[]).includes(status);
}

/** "Within N working days of `from`": the end of the N-th working day after `from`'s day, in Shanghai. */
export function workingDaysAfter(from: Date, days: number): Date {
  return addWorkingDays(from, days);
}

/** Why a typed reply deadline cannot be used; the form that asked words it. */
export type TypedDeadlineProblem = "past" | "tooFar" | "notWorkingDay";

/**
 * A reply deadline typed as "YYYY-MM-DD" (a real calendar day): the end of that day in Shanghai, on a working day
 * after today and within a year.
 */
export function typedReplyDueAt(isoDate: string, now: Date): { dueAt: Date } | { problem: TypedDeadlineProblem } {
  const dueAt = endOfShanghaiDay(isoDate);
  if (isoDate <= shanghaiDateString(now)) return { problem: "past" };
  if (dueAt.getTime() - now.getTime() > MAX_TYPED_DEADLINE_DAYS * DAY_MS) return { problem: "tooFar" };
  if (!isWorkingDay(dueAt)) return { problem: "notWorkingDay" };
  return { dueAt };
}

/** The reply deadline after an approved extension: the requested working days, counted from the current deadline. */
export function extendedReplyDueAt(current: Date | null, now: Date, workingDays: number): Date {
  return addWorkingDays(current ?? now, workingDays);
}

/** A lead department may hand a case back only within the return window, counted from its assignment. */
export function returnWindowEndsAt(assignedAt: Date, workingDays: number): Date {
  return addWorkingDays(assignedAt, workingDays);
}

/**
 * The latest deadline that is "within `days` working days" of `now`: the end of the `days`-th working day after
 * today in Shanghai. A deadline later today counts as within the window too.
 */
export function reminderHorizon(now: Date, days: number): Date {
  return addWorkingDays(now, days);
}

/** A reminder is due when the deadline has not passed and falls within the horizon. */
export function isDueForReminder(dueAt: Date, now: Date, days: number): boolean {
  return dueAt.getTime() > now.getTime() && dueAt.getTime() <= reminderHorizon(now, days).getTime();
}

/** Overdue once the deadline's last millisecond has passed. */
export function isOverdue(dueAt: Date, now: Date): boolean {
  return dueAt.getTime() < now.getTime();
}

export interface DeadlineState {
  at: Date;
  overdue: boolean;
  /** Not overdue, and within `reminderDays` working days: what a badge warns about. */
  dueSoon: boolean;
}

/** How a deadline stands while work is `owed` on it; one that is not owed any more is neither overdue nor due soon. */
export function deadlineState(at: Date, owed: boolean, now: Date, reminderDays: number): DeadlineState {
  const overdue = owed && isOverdue(at, now);
  const dueSoon = owed && !overdue && workingDaysBetween(now, at) <= reminderDays;
  return { at, overdue, dueSoon };
}

/** Working days left until a deadline (0 = due today) or, once it has passed, working days past it. */
export function workingDaysFromDeadline(dueAt: Date, now: Date): number {
  return isOverdue(dueAt, now) ? workingDaysBetween(dueAt, now) : workingDaysBetween(now, dueAt);
}

/** The citizen may rate within `days` calendar days of the lead department's reply (30 by default). */
export function ratingWindowEndsAt(replyAt: Date, days: number): Date {
  return new Date(replyAt.getTime() + days * DAY_MS);
}

export function isRatingWindowOpen(replyAt: Date, now: Date, days: number): boolean {
  return now.getTime() <= ratingWindowEndsAt(replyAt, days).getTime();
}

/** Replies made before this moment have had their full rating window by `now`. */
export function ratingCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
