// Why the router chose a department: stored as JSON in Suggestion.routingReason (data, so it can be worded in any
// language later), and worded here, once, for every page that shows it (the screening queue, the coordinator's
// panel on the case page and on a form shown again).
import type { RoutingState } from "../../generated/prisma/enums.ts";
import { localizedField, localizedName, type Named, type Translate } from "../../platform/i18n.ts";
import type { RuleReason } from "./rule-matcher.ts";

/**
 * `roundOwner` marks a round suggestion sent to the round's owner when no rule names the round; `model`, a suggestion
 * no rule matched that the learned routing model assigned (only when an administrator turned that on).
 */
export interface RoutingReason extends RuleReason {
  ruleId: number | null;
  ruleName: string | null;
  roundOwner?: boolean;
  model?: { version: number; confidence: number };
}

export function parseRoutingReason(json: string | null | undefined): RoutingReason | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<RoutingReason> | null;
    if (value === null || typeof value !== "object") return null;
    return {
      ...value,
      ruleId: typeof value.ruleId === "number" ? value.ruleId : null,
      ruleName: typeof value.ruleName === "string" ? value.ruleName : null,
      matchedKeywords: Array.isArray(value.matchedKeywords) ? value.matchedKeywords.map(String) : [],
    };
  } catch {
    return null;
  }
}

/** What the wording needs of a suggestion. */
export interface RoutingFacts {
  routingState: RoutingState;
  routingReason: string | null;
  round: { title: string; titleEn: string } | null;
  category: Named;
  region: Named;
}

/**
 * "分办规则“公共交通”：类别“交通出行”，关键词 “公交”、“线路”。" — the rule and what of the suggestion matched it;
 * "未匹配分办规则。" when the router found none; "尚未完成自动分办。" before the router has run.
 */
export function describeRoutingReason(facts: RoutingFacts, t: Translate, locale: string): string {
  if (facts.routingState === "PENDING") return t("routing:reason.pending");
  const reason = parseRoutingReason(facts.routingReason);
  if (!reason) return t("routing:reason.none");
  const round = localizedField(facts.round, "title", locale);
  if (reason.roundOwner) return t("routing:reason.roundOwner", { round });
  if (reason.model) return t("routing:reason.model", { version: reason.model.version, confidence: Math.round(reason.model.confidence * 100) });
  const parts: string[] = [];
  if (reason.matchedRound) parts.push(t("routing:reason.round", { round }));
  if (reason.matchedCategory) parts.push(t("routing:reason.category", { category: localizedName(facts.category, locale) }));
  if (reason.matchedRegion) parts.push(t("routing:reason.region", { region: localizedName(facts.region, locale) }));
  if (reason.matchedKeywords.length > 0) {
    const keywords = reason.matchedKeywords.map((k) => t("routing:reason.quoted", { text: k })).join(t("routing:reason.listSeparator"));
    parts.push(t("routing:reason.keywords", { keywords }));
  }
  const matched = parts.length > 0 ? parts.join(t("routing:reason.partSeparator")) : t("routing:reason.nothingSpecific");
  return t("routing:reason.rule", { rule: reason.ruleName ?? "", matched });
}
