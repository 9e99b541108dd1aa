import { describe, expect, it } from "vitest";
import {
  acceptFormSchema, formatCursor, mergeFormSchema, notAcceptFormSchema, parseCursor, parseQueueFilters, referFormSchema, refuseFormSchema,
} from "../../../../src/features/coordination/coordination.schemas.ts";
import { endOfShanghaiDay, isCalendarDate } from "../../../../src/platform/working-days.ts";
import { parseForm } from "../../../../src/web/forms.ts";

describe("coordination form schemas", () => {
  it("when a date is typed, then only real calendar days in YYYY-MM-DD pass", () => {
    expect(isCalendarDate("2026-03-02")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-2-3")).toBe(false);
    expect(isCalendarDate("03/02/2026")).toBe(false);
  });

  it("when a deadline day is chosen, then it ends at the last millisecond of that day in Shanghai", () => {
    expect(endOfShanghaiDay("2026-03-02").toISOString()).toBe("2026-03-02T15:59:59.999Z");
    expect(endOfShanghaiDay("2026-12-31").toISOString()).toBe("2026-12-31T15:59:59.999Z");
  });

  it("when the accept form is posted, then assisting departments are deduplicated, junk ids dropped and the note cleaned", () => {
    const r = parseForm(acceptFormSchema, {
      leadDepartmentId: "4",
      assistDepartmentIds: ["5", "5", "x", "6"],
      replyDueDate: " 2026-03-02 ",
      note: "  受理。\r\n请办理。\u0000 ",
    });
    expect(r).toEqual({ ok: true, data: { leadDepartmentId: 4, assistDepartmentIds: [5, 6], replyDueDate: "2026-03-02", note: "受理。\n请办理。" } });
    expect(parseForm(acceptFormSchema, { leadDepartmentId: "4", assistDepartmentIds: "7", replyDueDate: "2026-03-02", note: "" })).toEqual({
      ok: true, data: { leadDepartmentId: 4, assistDepartmentIds: [7], replyDueDate: "2026-03-02", note: undefined },
    });
  });

  it("when required fields are missing or malformed, then each gets its own message key", () => {
    expect(parseForm(acceptFormSchema, { leadDepartmentId: "0", replyDueDate: "2026-13-01" })).toEqual({
      ok: false, errors: { leadDepartmentId: "coordination:errors.leadRequired", replyDueDate: "coordination:errors.dueDateInvalid" },
    });
    expect(parseForm(notAcceptFormSchema, { reason: "OTHER", note: " " })).toEqual({
      ok: false, errors: { reason: "coordination:errors.reasonRequired", note: "coordination:errors.citizenNoteRequired" },
    });
    expect(parseForm(referFormSchema, { channel: "EMAIL", note: "x".repeat(2001) })).toEqual({
      ok: false, errors: { channel: "coordination:errors.channelRequired", note: "coordination:errors.noteTooLong" },
    });
    expect(parseForm(refuseFormSchema, {})).toEqual({ ok: false, errors: { note: "coordination:errors.refusalNoteRequired" } });
  });

  it("when a tracking code is typed with a Chinese input method, then it is normalised", () => {
    expect(parseForm(mergeFormSchema, { targetCode: " jy－2026－7k3m9qxa " })).toEqual({ ok: true, data: { targetCode: "JY-2026-7K3M9QXA", note: undefined } });
  });

  it("when the queue's query string is malformed, then the bad parts are ignored", () => {
    expect(parseQueueFilters({ kind: "ROUND", round: "3", category: "x", after: "nope" })).toEqual({ kind: "ROUND", roundId: 3, categoryId: null, after: null });
    const cursor = formatCursor({ submittedAt: new Date("2026-01-05T01:02:03.004Z"), id: 42 });
    expect(parseCursor(cursor)).toEqual({ submittedAt: new Date("2026-01-05T01:02:03.004Z"), id: 42 });
    expect(parseCursor("1.0")).toBeNull();
  });
});
