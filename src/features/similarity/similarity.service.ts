// Similar and duplicate suggestions: keeps each suggestion's signature in the index, and finds the stored
// suggestions closest to a text (a citizen's draft) or to a stored suggestion (a coordinator's screening view).
import { createHash } from "node:crypto";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { Db } from "../../platform/db.ts";
import * as repo from "./similarity.repository.ts";
import { computeSignature, SIGNATURE_VERSION, SIMILAR_THRESHOLD, type Signature, type SuggestionText } from "./signature.ts";

export interface SimilarityDeps {
  db: Db;
  now(): Date;
}

export type IndexOutcome = "indexed" | "unchanged" | "missing";

export interface SimilarOptions {
  /** At most this many (default 5, what the citizen's form shows). */
  limit?: number;
  /** Default SIMILAR_THRESHOLD; a lower value widens the net to suggestions on the same topic. */
  minScore?: number;
  statuses?: readonly SuggestionStatus[];
  submittedAfter?: Date;
  /** Only suggestions the public may see (replied, with the citizen's consent to publish). */
  publishedOnly?: boolean;
}

export interface SimilarSuggestion {
  suggestionId: number;
  score: number;
}

export interface SimilarityService {
  /** Idempotent: a suggestion whose text and signature version are unchanged is left alone. */
  indexSuggestion(suggestionId: number): Promise<IndexOutcome>;
  findSimilarToText(text: SuggestionText, options?: SimilarOptions): Promise<SimilarSuggestion[]>;
  /** Uses the stored signature, or computes one when the job has not run yet; [] for an unknown id. */
  findSimilarToSuggestion(suggestionId: number, options?: SimilarOptions): Promise<SimilarSuggestion[]>;
  /**
   * Suggestions committed before `submittedBefore` with no current signature, oldest first by id, after `afterId` (a
   * keyset page): for the sweep and the outbox relay's catch-up.
   */
  findUnindexed(submittedBefore: Date, limit: number, afterId?: number): Promise<number[]>;
  /** Of these ids, the ones still waiting for their signature. */
  stillUnindexed(ids: number[]): Promise<Set<number>>;
}

/** What the signature is computed from: the title, then the problem and proposal as one body. */
export function indexedText(s: { title: string; problem: string; proposal: string }): SuggestionText {
  return { title: s.title, body: `${s.problem}\n${s.proposal}` };
}

function hashText(text: SuggestionText): string {
  return createHash("sha256").update(text.title).update("\u0000").update(text.body).digest("hex");
}

export function createSimilarityService(deps: SimilarityDeps): SimilarityService {
  const filterOf = (options: SimilarOptions, excludeSuggestionId?: number): repo.CandidateFilter => ({
    limit: options.limit ?? 5,
    minScore: options.minScore ?? SIMILAR_THRESHOLD,
    excludeSuggestionId,
    statuses: options.statuses,
    submittedAfter: options.submittedAfter,
    publishedOnly: options.publishedOnly,
  });

  return {
    async indexSuggestion(suggestionId) {
      const s = await repo.findSuggestionToIndex(deps.db, suggestionId);
      if (s === null) return "missing";
      const text = indexedText(s);
      const textHash = hashText(text);
      if (s.signature?.version === SIGNATURE_VERSION && s.signature.textHash === textHash) return "unchanged";
      const signature = computeSignature(text);
      await repo.saveSignature(deps.db, suggestionId, signature, { version: SIGNATURE_VERSION, textHash, indexedAt: deps.now() });
      return "indexed";
    },

    async findSimilarToText(text, options = {}) {
      return repo.findCandidates(deps.db, computeSignature(text), filterOf(options));
    },

    async findSimilarToSuggestion(suggestionId, options = {}) {
      const stored = await repo.findStoredSignature(deps.db, suggestionId);
      let signature: Signature;
      if (stored?.version === SIGNATURE_VERSION) {
        signature = stored;
      } else {
        const s = await repo.findSuggestionToIndex(deps.db, suggestionId);
        if (s === null) return [];
        signature = computeSignature(indexedText(s));
      }
      return repo.findCandidates(deps.db, signature, filterOf(options, suggestionId));
    },

    findUnindexed: (submittedBefore, limit, afterId = 0) => repo.findUnindexedIds(deps.db, submittedBefore, SIGNATURE_VERSION, limit, afterId),
    stillUnindexed: (ids) => repo.filterUnindexedIds(deps.db, ids, SIGNATURE_VERSION),
  };
}
