import { describe, expect, it } from "vitest";
import { translator } from "../../../../src/platform/i18n.ts";
import { describeRoutingReason } from "../../../../src/features/routing/routing-reason.ts";

const zh = translator("zh-CN");
const en = translator("en");
const category = { name: "教育", nameEn: "Education" };
const region = { name: "和平区", nameEn: "Heping District" };
const round = { title: "优化营商环境金点子", titleEn: "Ideas for a better business environment" };

describe("routing reason in words", () => {
  it("when a rule matched keywords and the category, then the words name the rule and what matched", () => {
    const facts = {
      routingState: "TRIAGE" as const,
      routingReason: JSON.stringify({ ruleId: 3, ruleName: "教育", matchedKeywords: ["入学", "学区"], matchedCategory: true, matchedRegion: true }),
      round: null,
      category,
      region,
    };
    expect(describeRoutingReason(facts, zh, "zh-CN")).toBe("分办规则“教育”：类别“教育”，地区“和平区”，关键词 “入学”、“学区”。");
    expect(describeRoutingReason(facts, en, "en")).toBe("Routing rule “教育”: category “Education”; region “Heping District”; keywords “入学”, “学区”.");
  });

  it("when no rule matched, the router has not run, or the round's owner was chosen, then the words say so", () => {
    expect(describeRoutingReason({ routingState: "TRIAGE", routingReason: null, round: null, category, region }, zh, "zh-CN")).toBe("未匹配分办规则。");
    expect(describeRoutingReason({ routingState: "PENDING", routingReason: null, round: null, category, region }, zh, "zh-CN")).toBe("尚未完成自动分办。");
    expect(describeRoutingReason({ routingState: "TRIAGE", routingReason: "{not json", round: null, category, region }, zh, "zh-CN")).toBe("未匹配分办规则。");
    const owner = { routingState: "ROUTED" as const, routingReason: JSON.stringify({ ruleId: null, ruleName: null, roundOwner: true, matchedRound: true, matchedKeywords: [] }), round, category, region };
    expect(describeRoutingReason(owner, zh, "zh-CN")).toBe("专题征集“优化营商环境金点子”的牵头单位（没有专门的分办规则）。");
    expect(describeRoutingReason(owner, en, "en")).toContain("Ideas for a better business environment");
  });
});
