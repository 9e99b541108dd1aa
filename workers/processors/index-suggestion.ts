// index-suggestion: { suggestionId } → the similarity service's indexSuggestion (idempotent; see src/features/similarity).
import { UnrecoverableError, type Job } from "bullmq";
import type { IndexOutcome, SimilarityService } from "../../src/features/similarity/index.ts";
import { JOBS } from "../../src/platform/queues.ts";
import { positiveId } from "./job-data.ts";

export function createIndexSuggestionProcessor(c: { services: { similarity: Pick<SimilarityService, "indexSuggestion"> } }) {
  return async (job: Pick<Job, "data">): Promise<IndexOutcome> => {
    const suggestionId = positiveId(job.data, "suggestionId");
    if (suggestionId === null) throw new UnrecoverableError(`${JOBS.indexSuggestion} needs a positive integer suggestionId`);
    const outcome = await c.services.similarity.indexSuggestion(suggestionId);
    // A suggestion that does not exist will never be indexed: retrying cannot help.
    if (outcome === "missing") throw new UnrecoverableError(`suggestion ${suggestionId} does not exist`);
    return outcome;
  };
}
