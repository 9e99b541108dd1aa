// Stored facts put into words for the coordinators' pages: why the router proposed a department, and where a
// suggestion is. Pure functions of the data and a translator, so the case page can use them too.
import type { RoutingState } from "../../generated/prisma/enums.ts";
import type { Translate } from "../../platform/i18n.ts";
import { parseRoutingReason } from "../routing/routing.service.ts";

interface Named {
  name: string;
  nameEn: string;
}

function pick(record: Named, locale: string): string {
  return locale === "en" && record.nameEn ? record.nameEn : record.name;
}

export interface RoutingFacts {
  routingState: RoutingState;
  routingReason: string | null;
  round: { title: string; titleEn: string } | null;
  category: Named;
}

/**
 * "分办规则“教育”：关键词：入学、学区；类别“教育”相符" — the rule that matched and what in the suggestion matched it;
 * "未匹配分办规则" when the router found none; "尚未完成自动分办" before the router has run.
 */
export function describeRouting(facts: RoutingFacts, t: Translate, locale: string): string {
  if (facts.routingState === "PENDING") return t("coordination:routing.pending");
  const reason = parseRoutingReason(facts.routingReason);
  if (reason === null) return t("coordination:routing.noRule");
  if (reason.roundOwner === true) {
    const round = facts.round ? (locale === "en" && facts.round.titleEn ? facts.round.titleEn : facts.round.title) : "";
    return t("coordination:routing.roundOwner", { round });
  }
  const details: string[] = [];
  if (reason.matchedKeywords.length > 0) {
    details.push(t("coordination:routing.matchedKeywords", { keywords: reason.matchedKeywords.join(t("coordination:routing.listSeparator")) }));
  }
  if (reason.matchedCategory === true) details.push(t("coordination:routing.matchedCategory", { category: pick(facts.category, locale) }));
  if (reason.matchedRegion === true) details.push(t("coordination:routing.matchedRegion"));
  if (reason.matchedRound === true) details.push(t("coordination:routing.matchedRound"));
  const rule = t("coordination:routing.rule", { rule: reason.ruleName ?? "" });
  return details.length > 0 ? t("coordination:routing.withDetails", { rule, details: details.join(t("coordination:routing.detailSeparator")) }) : rule;
}

export interface RegionPath extends Named {
  parent: (Named & { parent: Named | null }) | null;
}

/** "辽宁省 沈阳市 和平区": province first. */
export function regionPath(region: RegionPath, locale: string): string {
  const parts: string[] = [];
  let node: (Named & { parent?: Named | RegionPath["parent"] | null }) | null = region;
  while (node) {
    parts.unshift(pick(node, locale));
    node = (node.parent ?? null) as typeof node;
  }
  return parts.join(" ");
}

export function localizedName(record: Named | null | undefined, locale: string): string {
  return record ? pick(record, locale) : "";
}
