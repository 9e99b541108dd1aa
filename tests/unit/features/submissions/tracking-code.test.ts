import { describe, expect, it } from "vitest";
import {
  generateTrackingCode,
  normalizeTrackingCode,
  TRACKING_CODE_PATTERN,
} from "../../../../src/features/submissions/tracking-code.ts";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const randomPart = (code: string): string => code.split("-")[2] ?? "";

describe("generateTrackingCode", () => {
  it("when a code is generated, then it is prefix, year and 8 Crockford base32 characters", () => {
    const code = generateTrackingCode("JY", 2026);
    expect(code).toMatch(/^JY-2026-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(code).toMatch(TRACKING_CODE_PATTERN);
  });

  it("when the prefix or year is malformed, then it throws", () => {
    for (const prefix of ["", "J", "jy", "JY1", "ABCDEFG", "J-Y", "建议", " JY"]) {
      expect(() => generateTrackingCode(prefix, 2026), JSON.stringify(prefix)).toThrow(RangeError);
    }
    for (const year of [26, 999, 10_000, 2026.5, Number.NaN]) {
      expect(() => generateTrackingCode("JY", year), String(year)).toThrow(RangeError);
    }
    expect(generateTrackingCode("ABCDEF", 2026)).toMatch(TRACKING_CODE_PATTERN);
  });

  it("when 10,000 codes are generated, then all are distinct and use every symbol of the alphabet in every position", () => {
    const codes = Array.from({ length: 10_000 }, () => generateTrackingCode("JY", 2026));
    expect(new Set(codes).size).toBe(codes.length);
    for (let position = 0; position < 8; position += 1) {
      const seen = new Set(codes.map((code) => randomPart(code)[position]));
      expect([...seen].sort().join(""), `position ${position}`).toBe(CROCKFORD);
    }
  });

  it("when codes are generated one after another, then consecutive random parts differ in most positions", () => {
    const codes = Array.from({ length: 1_001 }, () => randomPart(generateTrackingCode("JY", 2026)));
    let differingPositions = 0;
    for (let i = 1; i < codes.length; i += 1) {
      const previous = codes[i - 1] ?? "";
      const current = codes[i] ?? "";
      for (let position = 0; position < 8; position += 1) {
        if (previous[position] !== current[position]) differingPositions += 1;
      }
    }
    // Independent uniform symbols differ with probability 31/32 (7.75 of 8 positions); a counter would give ~1.
    expect(differingPositions / (codes.length - 1)).toBeGreaterThan(7.3);
  });
});

describe("TRACKING_CODE_PATTERN", () => {
  it("when a string is not shaped like a code, then the pattern rejects it", () => {
    for (const text of ["jy-2026-7K3QX9PM", "JY-26-7K3QX9PM", "JY-2026-7K3QX", "JY2026-7K3QX9PM", "JY-2026-7K3QX9PM "]) {
      expect(text, text).not.toMatch(TRACKING_CODE_PATTERN);
    }
  });
});

describe("normalizeTrackingCode", () => {
  it("when a code is typed in lower case with surrounding spaces, then it is trimmed and upper-cased", () => {
    expect(normalizeTrackingCode("  jy-2026-7k3qx9pm \n")).toBe("JY-2026-7K3QX9PM");
  });

  it("when a code is typed in full-width characters on a phone, then it becomes half-width", () => {
    expect(normalizeTrackingCode("ＪＹ－２０２６－７Ｋ３ＱＸ９ＰＭ")).toBe("JY-2026-7K3QX9PM");
    expect(normalizeTrackingCode("\u3000ｊｙ－２０２６－７ｋ３ｑｘ９ｐｍ\u3000")).toBe("JY-2026-7K3QX9PM");
  });

  it("when a Chinese input method turns the hyphens into dashes, then they become hyphens", () => {
    expect(normalizeTrackingCode("JY—2026——7K3QX9PM")).toBe("JY-2026-7K3QX9PM");
    expect(normalizeTrackingCode("JY–2026−7K3QX9PM")).toBe("JY-2026-7K3QX9PM");
  });

  it("when the random part contains O, I or L, then they are read as 0 and 1 but the prefix is kept", () => {
    expect(normalizeTrackingCode("gold-2026-7kOqxIpl")).toBe("GOLD-2026-7K0QX1P1");
  });

  it("when a generated code is typed back in any of these ways, then it normalizes to itself", () => {
    const code = generateTrackingCode("JY", 2026);
    const fullWidth = [...code].map((c) => (c === "-" ? "－" : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join("");
    expect(normalizeTrackingCode(code)).toBe(code);
    expect(normalizeTrackingCode(code.toLowerCase())).toBe(code);
    expect(normalizeTrackingCode(fullWidth)).toBe(code);
    expect(normalizeTrackingCode(fullWidth)).toMatch(TRACKING_CODE_PATTERN);
  });
});
