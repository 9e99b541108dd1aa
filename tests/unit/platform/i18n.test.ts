import { describe, expect, it } from "vitest";
import { namePath } from "../../../src/platform/i18n.ts";

describe("localized names", () => {
  it("when a region has parents, then the path starts at the province", () => {
    const region = { name: "和平区", nameEn: "Heping District", parent: { name: "沈阳市", nameEn: "Shenyang", parent: { name: "辽宁省", nameEn: "Liaoning Province" } } };
    expect(namePath(region, "zh-CN")).toBe("辽宁省 沈阳市 和平区");
    expect(namePath(region, "en")).toBe("Liaoning Province Shenyang Heping District");
    expect(namePath({ name: "辽宁省", nameEn: "Liaoning Province", parent: null }, "zh-CN")).toBe("辽宁省");
  });
});
