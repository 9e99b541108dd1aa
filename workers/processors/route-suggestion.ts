// route-suggestion: { suggestionId } → the routing service's routeSuggestion (idempotent; see src/features/routing).
import type { Container } from "../../src/container.ts";
import { JOBS } from "../../src/platform/queues.ts";
import { idJob } from "./job-data.ts";

export function createRouteSuggestionProcessor(c: Container) {
  return idJob(JOBS.routeSuggestion, "suggestionId", (suggestionId) => c.services.routing.routeSuggestion(suggestionId));
}
