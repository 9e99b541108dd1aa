// Routing (分办, see CONTEXT.md): the route-suggestion job's service, the wording of the router's reason, the
// department's assignment email (the collection office sends the same one), what the router writes in the history, and the
// administrators' rule pages with the "try it" box (the router and the box both decide through routing-decision.ts).
export { createRoutingService, type RoutingDeps, type RoutingOutcome, type RoutingService } from "./routing.service.ts";
export { describeRoutingReason, parseRoutingReason, type RoutingFacts, type RoutingReason } from "./routing-reason.ts";
export { routingBasis, routingNotes } from "./routing-notes.ts";
export { assignedEmail, type AssignedEmailInput } from "./assigned-email.ts";
export { createTokenizer, matchRule, type RuleInput, type RuleReason, type Tokenizer } from "./rule-matcher.ts";
export { decideRouting, type RoutingDecision } from "./routing-decision.ts";
export { createRuleAdminService, type RuleAdminService } from "./rules.service.ts";
export { ruleRoutes } from "./rules.routes.ts";
