import { afterEach, describe, expect, it } from "vitest";
import {
  addWorkingDays,
  hasOfficialCalendar,
  isWorkingDay,
  shanghaiDateString,
  workingDaysBetween,
} from "../../../src/platform/working-days.ts";

const shanghai = (isoLocal: string): Date => new Date(`${isoLocal}+08:00`);
const endOfShanghaiDay = (date: string): string => shanghai(`${date}T23:59:59.999`).toISOString();

describe("isWorkingDay", () => {
  it("when a day is an ordinary weekday or weekend, then only Monday to Friday are working days", () => {
    const week = ["2025-11-10", "2025-11-11", "2025-11-12", "2025-11-13", "2025-11-14", "2025-11-15", "2025-11-16"];
    expect(week.map((d) => isWorkingDay(shanghai(`${d}T12:00`)))).toEqual([true, true, true, true, true, false, false]);
  });

  it("when the National Day week of 2025 comes, then 1-8 October are off and both make-up days are on", () => {
    for (const d of ["01", "02", "03", "06", "07", "08"]) {
      expect(isWorkingDay(shanghai(`2025-10-${d}T12:00`)), `2025-10-${d}`).toBe(false);
    }
    expect(isWorkingDay(shanghai("2025-09-28T12:00")), "Sunday 28 September").toBe(true);
    expect(isWorkingDay(shanghai("2025-10-11T12:00")), "Saturday 11 October").toBe(true);
    expect(isWorkingDay(shanghai("2025-10-12T12:00")), "Sunday 12 October").toBe(false);
  });

  it("when Spring Festival 2026 comes, then 15-23 February are off and Saturdays 14 and 28 February are on", () => {
    for (let d = 15; d <= 23; d += 1) expect(isWorkingDay(shanghai(`2026-02-${d}T12:00`)), `2026-02-${d}`).toBe(false);
    expect(isWorkingDay(shanghai("2026-02-14T12:00"))).toBe(true);
    expect(isWorkingDay(shanghai("2026-02-28T12:00"))).toBe(true);
  });

  it("when it is Saturday 00:30 in Shanghai but still Friday in UTC, then it is not a working day", () => {
    const saturdayInShanghai = new Date("2026-01-09T16:30:00Z");
    expect(shanghaiDateString(saturdayInShanghai)).toBe("2026-01-10");
    expect(isWorkingDay(saturdayInShanghai)).toBe(false);
  });

  describe("when the server runs west of Greenwich", () => {
    const originalTz = process.env.TZ;
    afterEach(() => {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    });

    it("then holidays and make-up days still fall on their Shanghai dates", () => {
      process.env.TZ = "America/Los_Angeles";
      expect(isWorkingDay(shanghai("2026-01-03T12:00"))).toBe(false);
      expect(isWorkingDay(shanghai("2026-01-04T12:00"))).toBe(true);
      expect(addWorkingDays(shanghai("2025-09-30T10:00"), 3).toISOString()).toBe(endOfShanghaiDay("2025-10-11"));
    });
  });
});

describe("addWorkingDays", () => {
  it("when counting within a plain week, then the deadline is the end of the n-th following working day", () => {
    const monday = shanghai("2025-11-10T09:00");
    expect(addWorkingDays(monday, 1).toISOString()).toBe(endOfShanghaiDay("2025-11-11"));
    expect(addWorkingDays(monday, 3).toISOString()).toBe("2025-11-13T15:59:59.999Z");
    expect(addWorkingDays(monday, 5).toISOString()).toBe(endOfShanghaiDay("2025-11-17"));
  });

  it("when the period spans the 2025 National Day holiday, then the holiday is skipped and the make-up Saturday counts", () => {
    const tuesdayBefore = shanghai("2025-09-30T10:00");
    expect(addWorkingDays(tuesdayBefore, 1).toISOString()).toBe(endOfShanghaiDay("2025-10-09"));
    expect(addWorkingDays(tuesdayBefore, 3).toISOString()).toBe(endOfShanghaiDay("2025-10-11"));
    expect(addWorkingDays(tuesdayBefore, 4).toISOString()).toBe(endOfShanghaiDay("2025-10-13"));
  });

  it("when submitted on the Friday before National Day, then the make-up Sunday is the first working day", () => {
    expect(addWorkingDays(shanghai("2025-09-26T15:00"), 1).toISOString()).toBe(endOfShanghaiDay("2025-09-28"));
  });

  it("when the period spans Spring Festival 2026, then the nine days off are skipped", () => {
    const thursdayBefore = shanghai("2026-02-12T10:00");
    expect(addWorkingDays(thursdayBefore, 2).toISOString()).toBe(endOfShanghaiDay("2026-02-14"));
    expect(addWorkingDays(thursdayBefore, 3).toISOString()).toBe(endOfShanghaiDay("2026-02-24"));
    expect(addWorkingDays(thursdayBefore, 5).toISOString()).toBe(endOfShanghaiDay("2026-02-26"));
  });

  it("when submitted late in the evening in Shanghai, then counting starts from the Shanghai date", () => {
    const mondayLateEvening = new Date("2026-01-05T15:30:00Z");
    expect(shanghaiDateString(mondayLateEvening)).toBe("2026-01-05");
    expect(addWorkingDays(mondayLateEvening, 1).toISOString()).toBe(endOfShanghaiDay("2026-01-06"));
  });

  it("when submitted just after midnight in Shanghai while UTC is still on the previous day, then the Shanghai date counts", () => {
    const tuesdayJustAfterMidnight = new Date("2026-01-05T16:30:00Z");
    expect(shanghaiDateString(tuesdayJustAfterMidnight)).toBe("2026-01-06");
    expect(addWorkingDays(tuesdayJustAfterMidnight, 1).toISOString()).toBe(endOfShanghaiDay("2026-01-07"));
  });

  it("when days is not a positive integer, then it throws a RangeError", () => {
    const from = shanghai("2025-11-10T09:00");
    for (const days of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkingDays(from, days), String(days)).toThrow(RangeError);
    }
    expect(() => addWorkingDays(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("when to is on or before from's day, then there are no working days between", () => {
    const monday = shanghai("2025-11-10T09:00");
    expect(workingDaysBetween(monday, shanghai("2025-11-10T23:00"))).toBe(0);
    expect(workingDaysBetween(monday, shanghai("2025-11-07T09:00"))).toBe(0);
  });

  it("when the range crosses National Day, then only the working days after from's day up to to's day count", () => {
    expect(workingDaysBetween(shanghai("2025-09-30T10:00"), shanghai("2025-10-12T10:00"))).toBe(3);
    expect(workingDaysBetween(shanghai("2025-09-26T10:00"), shanghai("2025-10-08T10:00"))).toBe(3);
  });

  it("when a deadline was computed with addWorkingDays, then it is exactly that many working days away", () => {
    const from = shanghai("2026-02-12T10:00");
    const due = addWorkingDays(from, 5);
    expect(workingDaysBetween(from, due)).toBe(5);
    expect(workingDaysBetween(shanghai("2026-02-24T09:00"), due)).toBe(2);
  });
});

describe("hasOfficialCalendar", () => {
  it("when a year's schedule is in chinese-days, then it is known, and years outside its data are not", () => {
    expect(hasOfficialCalendar(2004)).toBe(true);
    expect(hasOfficialCalendar(2026)).toBe(true);
    expect(hasOfficialCalendar(2003)).toBe(false);
    expect(hasOfficialCalendar(2100)).toBe(false);
  });
});
