import { describe, expect, it } from "vitest";
import { parseShanghaiTime, parseTopicLines, shanghaiInputValue } from "../../../../src/features/rounds/rounds.schemas.ts";

describe("round form times", () => {
  it("when a time is typed, then it is read as Shanghai time, with or without seconds", () => {
    expect(parseShanghaiTime("2027-01-05T09:00")?.toISOString()).toBe("2027-01-05T01:00:00.000Z");
    expect(parseShanghaiTime("2027-01-05T09:00:30")?.toISOString()).toBe("2027-01-05T01:00:30.000Z");
  });

  it("when a time does not exist, then it is not read at all", () => {
    for (const bad of ["2027-02-30T09:00", "2027-13-01T09:00", "2027-01-05T24:00", "2027-01-05", "yesterday"]) {
      expect(parseShanghaiTime(bad), bad).toBeUndefined();
    }
  });

  it("when a saved time is shown in the form, then it reads back as the same time", () => {
    const d = new Date("2027-01-05T01:00:00.000Z");
    expect(shanghaiInputValue(d)).toBe("2027-01-05T09:00");
    expect(parseShanghaiTime(shanghaiInputValue(d))?.getTime()).toBe(d.getTime());
    expect(shanghaiInputValue(new Date("2027-01-05T01:00:30.000Z"))).toBe("2027-01-05T09:00:30");
  });
});

describe("sub-topic lines", () => {
  it("when lines carry an English title after a bar, then both are kept; blank lines are skipped", () => {
    expect(parseTopicLines("教育服务 | Education\n\n医疗服务｜Health care\n养老服务")).toEqual([
      { title: "教育服务", titleEn: "Education" },
      { title: "医疗服务", titleEn: "Health care" },
      { title: "养老服务", titleEn: "" },
    ]);
  });
});
