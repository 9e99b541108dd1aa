import { describe, expect, it } from "vitest";
import type { HelperOptions } from "handlebars";
import { viewHelpers } from "../../../src/web/view-helpers.ts";

const at = (currentUrl: string | undefined) => ({ data: { root: { currentUrl } } }) as unknown as HelperOptions;

describe("langUrl", () => {
  it("when the page has a plain path, then the link adds the language to it", () => {
    expect(viewHelpers.langUrl("en", at("/track"))).toBe("/track?lang=en");
    expect(viewHelpers.langUrl("zh-CN", at("/staff/suggestions/12/"))).toBe("/staff/suggestions/12/?lang=zh-CN");
    expect(viewHelpers.langUrl("en", at(undefined))).toBe("/?lang=en");
    expect(viewHelpers.langUrl("en", at(""))).toBe("/?lang=en");
  });

  it("when the page has a query, odd characters or dot segments, then the URL parser's reading is kept", () => {
    expect(viewHelpers.langUrl("en", at("/track?lang=zh-CN&a=b"))).toBe("/track?lang=en&a=b");
    expect(viewHelpers.langUrl("en", at("//evil.example/x"))).toBe("/x?lang=en");
    expect(viewHelpers.langUrl("en", at("/a/../b"))).toBe("/b?lang=en");
    expect(viewHelpers.langUrl("en", at("/中文"))).toBe("/%E4%B8%AD%E6%96%87?lang=en");
  });
});
