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

describe("memo", () => {
  const zh = (key: string) => `zh:${key}`;
  const en = (key: string) => `en:${key}`;
  const block = (hash: Record<string, unknown>, t: (key: string) => string, locale: string, render: () => string) =>
    ({ hash, fn: render, data: { root: { t, locale } } }) as unknown as HelperOptions;

  it("when the same object is given again in the same language, then the block is rendered once and its text reused", () => {
    const owner = {};
    let renders = 0;
    const render = () => `text ${++renders}`;
    expect(viewHelpers.memo.call({}, block({ for: owner }, zh, "zh-CN", render))).toBe("text 1");
    expect(viewHelpers.memo.call({}, block({ for: owner }, zh, "zh-CN", render))).toBe("text 1");
    expect(viewHelpers.memo.call({}, block({ for: owner }, en, "en", render))).toBe("text 2");
    expect(viewHelpers.memo.call({}, block({ for: {} }, zh, "zh-CN", render))).toBe("text 3");
    expect(renders).toBe(3);
  });

  it("when no object is given, then the block is rendered every time", () => {
    let renders = 0;
    const render = () => `text ${++renders}`;
    for (const hash of [{}, { for: undefined }, { for: null }, { for: "key" }]) viewHelpers.memo.call({}, block(hash, zh, "zh-CN", render));
    expect(renders).toBe(4);
  });
});
