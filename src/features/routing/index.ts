// Routing (分办, see CONTEXT.md): the route-suggestion job's service, the wording of the router's reason, the
// department's assignment email (the collection office sends the same one), and what the router writes in the history.
export { createRoutingService, type RoutingDeps, type RoutingOutcome, type RoutingService } from "./routing.service.ts";
export { describeRoutingReason, parseRoutingReason, type RoutingFacts, type RoutingReason } from "./routing-reason.ts";
export { routingBasis, routingNotes } from "./routing-notes.ts";
export { assignedEmail, type AssignedEmailInput } from "./assigned-email.ts";
export { createTokenizer, matchRule, type RuleInput, type RuleReason, type Tokenizer } from "./rule-matcher.ts";
