import { describe, expect, it } from "vitest";
import { translator } from "../../../../src/platform/i18n.ts";
import { describeRouting, regionPath } from "../../../../src/features/coordination/coordination.words.ts";

const zh = translator("zh-CN");
const en = translator("en");
const category = { name: "教育", nameEn: "Education" };
const round = { title: "优化营商环境金点子", titleEn: "Ideas for a better business environment" };

describe("routing reason in words", () => {
  it("when a rule matched keywords and the category, then the words name the rule and what matched", () => {
    const facts = {
      routingState: "TRIAGE" as const,
      routingReason: JSON.stringify({ ruleId: 3, ruleName: "教育", matchedKeywords: ["入学", "学区"], matchedCategory: true, matchedRegion: true }),
      round: null,
      category,
    };
    expect(describeRouting(facts, zh, "zh-CN")).toBe("分办规则“教育”：关键词 入学、学区；类别“教育”；地区相符");
    expect(describeRouting(facts, en, "en")).toBe("Routing rule “教育”: keywords 入学, 学区; category “Education”; region");
  });

  it("when no rule matched, the router has not run, or the round's owner was chosen, then the words say so", () => {
    expect(describeRouting({ routingState: "TRIAGE", routingReason: null, round: null, category }, zh, "zh-CN")).toBe("未匹配分办规则，需人工分办。");
    expect(describeRouting({ routingState: "PENDING", routingReason: null, round: null, category }, zh, "zh-CN")).toBe("尚未完成自动分办。");
    expect(describeRouting({ routingState: "TRIAGE", routingReason: "{not json", round: null, category }, zh, "zh-CN")).toBe("未匹配分办规则，需人工分办。");
    const owner = { routingState: "ROUTED" as const, routingReason: JSON.stringify({ ruleId: null, ruleName: null, roundOwner: true, matchedRound: true, matchedKeywords: [] }), round, category };
    expect(describeRouting(owner, zh, "zh-CN")).toBe("专题征集“优化营商环境金点子”的发起单位（无专门分办规则）");
    expect(describeRouting(owner, en, "en")).toContain("Ideas for a better business environment");
  });

  it("when a region has parents, then the path starts at the province", () => {
    const region = { name: "和平区", nameEn: "Heping District", parent: { name: "沈阳市", nameEn: "Shenyang", parent: { name: "辽宁省", nameEn: "Liaoning Province" } } };
    expect(regionPath(region, "zh-CN")).toBe("辽宁省 沈阳市 和平区");
    expect(regionPath(region, "en")).toBe("Liaoning Province Shenyang Heping District");
    expect(regionPath({ name: "辽宁省", nameEn: "Liaoning Province", parent: null }, "zh-CN")).toBe("辽宁省");
  });
});
