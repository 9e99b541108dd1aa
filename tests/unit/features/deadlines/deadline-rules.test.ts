import { describe, expect, it } from "vitest";
import {
  isDueForReminder, isOverdue, isRatingWindowOpen, ratingCutoff, ratingWindowEndsAt, reminderHorizon,
} from "../../../../src/features/deadlines/deadline-rules.ts";
import { overdueKey, overdueNote, reminderKey } from "../../../../src/features/reminders/index.ts";

const endOf = (isoDate: string) => new Date(`${isoDate}T15:59:59.999Z`);
const DAY = 24 * 3600_000;

describe("deadline rules", () => {
  it("when it is Monday morning, then the reminder horizon is the end of Thursday", () => {
    expect(reminderHorizon(new Date("2026-03-09T02:00:00Z"), 3)).toEqual(endOf("2026-03-12"));
  });

  it("when it is Friday, then the weekend does not count towards the 3 working days", () => {
    expect(reminderHorizon(new Date("2026-03-13T02:00:00Z"), 3)).toEqual(endOf("2026-03-18"));
  });

  it("when a public holiday falls in the window, then the horizon moves past it", () => {
    // 劳动节 2026: 1–5 May off; Saturday 9 May is a make-up working day.
    expect(reminderHorizon(new Date("2026-04-30T02:00:00Z"), 3)).toEqual(endOf("2026-05-08"));
  });

  it("when the deadline is later today, within the horizon, past or beyond it, then only the first two are due for a reminder", () => {
    const now = new Date("2026-03-09T02:00:00Z");
    expect(isDueForReminder(endOf("2026-03-09"), now, 3)).toBe(true);
    expect(isDueForReminder(endOf("2026-03-12"), now, 3)).toBe(true);
    expect(isDueForReminder(endOf("2026-03-13"), now, 3)).toBe(false);
    expect(isDueForReminder(endOf("2026-03-06"), now, 3)).toBe(false);
  });

  it("when the last millisecond of the deadline day has passed, then it is overdue, not before", () => {
    const due = endOf("2026-03-06");
    expect(isOverdue(due, due)).toBe(false);
    expect(isOverdue(due, new Date(due.getTime() + 1))).toBe(true);
  });

  it("when 30 days have passed since the reply, then the window is still open at the last moment and closed after it", () => {
    const replyAt = new Date("2026-03-01T08:00:00Z");
    const end = ratingWindowEndsAt(replyAt, 30);
    expect(end).toEqual(new Date(replyAt.getTime() + 30 * DAY));
    expect(isRatingWindowOpen(replyAt, end, 30)).toBe(true);
    expect(isRatingWindowOpen(replyAt, new Date(end.getTime() + 1), 30)).toBe(false);
    expect(ratingCutoff(end, 30)).toEqual(replyAt);
  });

  it("when the dedupe keys are built, then they name the assignment, the deadline's instant and the recipient", () => {
    const due = endOf("2026-03-12");
    expect(reminderKey(7, due, 42)).toBe(`reminder-7-${due.getTime()}-42`);
    expect(overdueKey(7, due, " Head@Dept.Example ")).toBe(`overdue-7-${due.getTime()}-head@dept.example`);
    expect(reminderKey(7, new Date(due.getTime() + DAY), 42)).not.toBe(reminderKey(7, due, 42));
  });

  it("when an escalation note is written, then it gives the deadline as a Chinese date in Shanghai", () => {
    expect(overdueNote(endOf("2026-03-06")).note).toBe("已超过答复期限（2026年3月6日），已提醒征集办和单位负责人督办");
  });
});
