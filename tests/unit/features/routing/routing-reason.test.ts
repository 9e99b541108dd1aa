import { describe, expect, it } from "vitest";
import { translator } from "../../../../src/platform/i18n.ts";
import { describeRoutingReason, type RoutingFacts } from "../../../../src/features/routing/routing-reason.ts";

const record = {
  category: { name: "交通出行", nameEn: "Transport" },
  region: { name: "和平区", nameEn: "Heping District", parent: null },
  round: { id: 1, title: "营商环境金点子", titleEn: "Business environment ideas" },
};

const routed = (reason: object | null): RoutingFacts => ({ ...record, routingState: "ROUTED", routingReason: reason ? JSON.stringify(reason) : null });

describe("the routing reason in words", () => {
  it("when a rule matched on keywords, category, region and round, then each is named in the viewer's language", () => {
    const reason = { ruleId: 3, ruleName: "公共交通", matchedRound: true, matchedCategory: true, matchedRegion: true, matchedKeywords: ["公交", "地铁"] };
    expect(describeRoutingReason(routed(reason), translator("zh-CN"), "zh-CN")).toBe(
      "分办规则“公共交通”：专题征集“营商环境金点子”，类别“交通出行”，地区“和平区”，关键词 “公交”、“地铁”。",
    );
    expect(describeRoutingReason(routed(reason), translator("en"), "en")).toBe(
      "Routing rule “公共交通”: themed round “Business environment ideas”; category “Transport”; region “Heping District”; keywords “公交”, “地铁”.",
    );
  });

  it("when no rule matched, or the round's owner was chosen, then that is said instead", () => {
    expect(describeRoutingReason(routed(null), translator("zh-CN"), "zh-CN")).toBe("未匹配分办规则。");
    const owner = { ruleId: null, ruleName: null, roundOwner: true, matchedRound: true, matchedKeywords: [] };
    expect(describeRoutingReason(routed(owner), translator("zh-CN"), "zh-CN")).toBe("专题征集“营商环境金点子”的牵头单位（没有专门的分办规则）。");
  });
});
