// The one place that decides where a suggestion goes, from the rules and the suggestion's facts: the route-suggestion
// job and the administrators' "try it" box both call `decideRouting`, so what the box shows is what the router does.
import type { RoutingReason } from "./routing-reason.ts";
import { matchRule, type RuleInput, type SuggestionFacts, type Tokenizer } from "./rule-matcher.ts";

export interface RoutingDecision {
  departmentId: number;
  /** Departments asked for an opinion alongside the lead (the rule's assisting departments); none for a round owner. */
  assistDepartmentIds: number[];
  reason: RoutingReason;
}

export interface RoundFacts {
  ownerDepartmentId: number;
  /** A deactivated owner gets nothing new: the ordinary rules decide, or the coordinators. */
  ownerActive: boolean;
}

/**
 * A round suggestion belongs to the round's owner (while it is active) even when nobody wrote a rule for the round;
 * otherwise the rule `matchRule` picks (see rule-matcher.ts for the order), or null when none matches. Rules whose
 * lead department is inactive are never loaded (routing.repository.ts findActiveRules).
 */
export function decideRouting(rules: readonly RuleInput[], facts: SuggestionFacts, round: RoundFacts | null, tokenizer: Tokenizer): RoutingDecision | null {
  const match = matchRule(rules, facts, tokenizer);
  if (round !== null && round.ownerActive && match?.reason.matchedRound !== true) {
    return {
      departmentId: round.ownerDepartmentId,
      assistDepartmentIds: [],
      reason: { ruleId: null, ruleName: null, roundOwner: true, matchedRound: true, matchedKeywords: [] },
    };
  }
  if (match === null) return null;
  return {
    departmentId: match.rule.departmentId,
    // The lead is never also an assisting department, whatever the rule says.
    assistDepartmentIds: [...new Set(match.rule.assistDepartmentIds ?? [])].filter((id) => id !== match.rule.departmentId),
    reason: { ruleId: match.rule.id, ruleName: match.rule.name, ...match.reason },
  };
}
