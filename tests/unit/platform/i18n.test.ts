import { describe, expect, it } from "vitest";
import { namePath, translator } from "../../../src/platform/i18n.ts";

describe("localized names", () => {
  it("when a region has parents, then the path starts at the province", () => {
    const region = { name: "和平区", nameEn: "Heping District", parent: { name: "沈阳市", nameEn: "Shenyang", parent: { name: "辽宁省", nameEn: "Liaoning Province" } } };
    expect(namePath(region, "zh-CN")).toBe("辽宁省 沈阳市 和平区");
    expect(namePath(region, "en")).toBe("Liaoning Province Shenyang Heping District");
    expect(namePath({ name: "辽宁省", nameEn: "Liaoning Province", parent: null }, "zh-CN")).toBe("辽宁省");
  });
});

describe("translator", () => {
  it("when a message is asked for again, with or without values, then it reads as i18next gives it, in that locale", () => {
    const zh = translator("zh-CN");
    const en = translator("en");
    expect(zh("common:siteName")).toBe(zh("common:siteName", {}));
    expect(en("common:siteName")).not.toBe(zh("common:siteName"));
    expect(en("common:siteName")).toBe(en("common:siteName"));
    // Values are never served from the memo: each call interpolates its own.
    expect(en("tracking:result.mergedInto", { code: "A1" })).toContain("A1");
    expect(en("tracking:result.mergedInto", { code: "B2" })).toContain("B2");
    expect(en("tracking:result.mergedInto", { code: "A1" })).toContain("A1");
    expect(en("tracking:result.mergedInto", { code: 'A1","code":"B2' })).toContain('A1","code":"B2');
    expect(en("tracking:result.mergedInto", { code: 5 })).toBe(en("tracking:result.mergedInto", { code: "5" }));
    // Plurals follow the count each time, remembered or not.
    expect(en("rounds:topicCount", { count: 1 })).toBe("1 sub-topic");
    expect(en("rounds:topicCount", { count: 2 })).toBe("2 sub-topics");
    expect(en("rounds:topicCount", { count: 1 })).toBe("1 sub-topic");
    expect(en("no-such:key")).toBe("key");
  });
});
