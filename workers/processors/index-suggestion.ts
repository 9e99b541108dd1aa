// index-suggestion: { suggestionId } → SimilarityService.indexSuggestion (idempotent; see src/features/similarity).
// Ready to be wired into workers/index.ts (a later task): not registered with any Worker yet.
import { UnrecoverableError, type Job } from "bullmq";
import { createSimilarityService, type IndexOutcome, type SimilarityDeps } from "../../src/features/similarity/index.ts";
import { positiveId } from "./job-data.ts";

export function createIndexSuggestionProcessor(deps: SimilarityDeps) {
  const similarity = createSimilarityService(deps);
  return async (job: Pick<Job, "data">): Promise<IndexOutcome> => {
    const suggestionId = positiveId(job.data, "suggestionId");
    if (suggestionId === null) throw new UnrecoverableError("index-suggestion needs a positive integer suggestionId");
    const outcome = await similarity.indexSuggestion(suggestionId);
    // A suggestion that does not exist will never be indexed: retrying cannot help.
    if (outcome === "missing") throw new UnrecoverableError(`suggestion ${suggestionId} does not exist`);
    return outcome;
  };
}
