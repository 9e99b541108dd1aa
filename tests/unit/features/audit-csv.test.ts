import { describe, expect, it } from "vitest";
import { csvField } from "../../../src/features/audit/index.ts";

describe("audit CSV fields", () => {
  it("when a value starts like a formula, then it gets an apostrophe and is quoted when needed", () => {
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField("-1,2")).toBe(`"'-1,2"`);
    expect(csvField('say "hi"')).toBe(`"say ""hi"""`);
    expect(csvField({ a: 1 })).toBe(`"{""a"":1}"`);
    expect(csvField(null)).toBe("");
  });
});
