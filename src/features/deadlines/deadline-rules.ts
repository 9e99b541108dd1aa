// The deadline rules, pure: which suggestions are due for a reminder, which are overdue, when the citizen's rating
// window closes, and the dedupe keys that make each email at most once per deadline. No I/O here, so the rules
// are unit-tested on their own (tests/unit/features/deadlines).
import { addWorkingDays } from "../../platform/working-days.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

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

export function isOverdue(dueAt: Date, now: Date): boolean {
  return dueAt.getTime() < now.getTime();
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

/**
 * One reminder per official per deadline: the deadline's instant is part of the key, so an extension that moves it
 * earns a new reminder while a second scan for the same deadline writes nothing.
 */
export function reminderKey(assignmentId: number, dueAt: Date, userId: number): string {
  return `reminder-${assignmentId}-${dueAt.getTime()}-${userId}`;
}

/** One escalation per recipient address per deadline (a head's account and the head mailbox may coincide). */
export function overdueKey(assignmentId: number, dueAt: Date, recipient: string): string {
  return `overdue-${assignmentId}-${dueAt.getTime()}-${recipient.trim().toLowerCase()}`;
}

const ZH_DATE = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });

/** The internal history line of an escalation; notes are written in Chinese like every other handling event. */
export function overdueNote(dueAt: Date): string {
  return `已超过答复期限（${ZH_DATE.format(dueAt)}），已提醒征集办和单位负责人督办`;
}

export const AUTO_CLOSE_NOTE = "评价期满自动办结";

export function ratingNote(score: number): string {
  return `建议人评价：${score}星`;
}
