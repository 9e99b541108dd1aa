// route-suggestion: { suggestionId } → RoutingService.routeSuggestion (idempotent; see src/features/routing).
import { UnrecoverableError, type Job } from "bullmq";
import type { Container } from "../../src/container.ts";
import { createRoutingService, type RoutingOutcome } from "../../src/features/routing/routing.service.ts";
import { positiveId } from "./job-data.ts";

export function createRouteSuggestionProcessor(c: Container) {
  const routing = createRoutingService(c);
  return async (job: Pick<Job, "data">): Promise<RoutingOutcome> => {
    const suggestionId = positiveId(job.data, "suggestionId");
    if (suggestionId === null) throw new UnrecoverableError("route-suggestion needs a positive integer suggestionId");
    return routing.routeSuggestion(suggestionId);
  };
}
