// Front door of the similarity feature: the only module other features, the workers and the benches import.
export {
  createSimilarityService,
  indexedText,
  type IndexOutcome,
  type SimilarityDeps,
  type SimilarityService,
  type SimilarOptions,
  type SimilarSuggestion,
} from "./similarity.service.ts";
export {
  computeSignature,
  cosine,
  MAX_TERMS,
  SIGNATURE_VERSION,
  SIMILAR_THRESHOLD,
  type Signature,
  type SuggestionText,
} from "./signature.ts";
export { CANDIDATES, PUBLISHED_STATUSES, POSTINGS_PER_STRONG_TERM, POSTINGS_PER_TERM, STRONG_TERMS } from "./similarity.repository.ts";
export { similarityRoutes, DRAFT_HINTS_PATH, DRAFT_HINTS_PER_MINUTE } from "./similarity.routes.ts";
export { createDraftHints, type Draft, type DraftHints, type PublishedMatch } from "./draft-hints.ts";
export { PANEL_LIMIT, RECENT_DAYS, similarCasePanel, type SimilarPanelDeps } from "./case-panel.ts";
