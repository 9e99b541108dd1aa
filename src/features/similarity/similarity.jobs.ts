// The index-suggestion job: { suggestionId } → SimilarityService.indexSuggestion. Not wired yet: the queue it runs
// on, its enqueue after the submission commits and its sweep are a later task (issue 12); these names are what
// that wiring uses, so producer and processor cannot disagree.

export const INDEX_SUGGESTION_JOB = "index-suggestion";

export interface IndexSuggestionData {
  suggestionId: number;
}

/** Deterministic, so enqueueing the same suggestion twice (submission path + sweep) yields one job; no ':'. */
export function indexSuggestionJobId(suggestionId: number): string {
  return `index-suggestion-${suggestionId}`;
}
