// Reads and writes of the similarity index. Every function takes the root client or a transaction client.
import { Prisma } from "../../generated/prisma/client.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";
import type { Signature } from "./signature.ts";

export interface SuggestionToIndex {
  id: number;
  title: string;
  problem: string;
  proposal: string;
  signature: { version: number; textHash: string } | null;
}

export function findSuggestionToIndex(db: DbClient, id: number): Promise<SuggestionToIndex | null> {
  // No submitter: the index is built from the suggestion's own text only.
  return db.suggestion.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      problem: true,
      proposal: true,
      similaritySignature: { select: { version: true, textHash: true } },
    },
  }).then((row) => row && {
    id: row.id, title: row.title, problem: row.problem, proposal: row.proposal, signature: row.similaritySignature,
  });
}

export async function findStoredSignature(db: DbClient, suggestionId: number): Promise<(Signature & { version: number }) | null> {
  return db.similaritySignature.findUnique({
    where: { suggestionId },
    select: { version: true, terms: true, weights: true },
  });
}

/**
 * Replaces the suggestion's signature and its postings. Three statements: run it inside a transaction, where the
 * upsert's row lock also serialises two jobs indexing the same suggestion.
 */
export async function saveSignature(
  db: DbClient, suggestionId: number, signature: Signature, meta: { version: number; textHash: string; indexedAt: Date },
): Promise<void> {
  const data = { ...meta, terms: signature.terms, weights: signature.weights };
  await db.similaritySignature.upsert({ where: { suggestionId }, create: { suggestionId, ...data }, update: data });
  await db.similarityPosting.deleteMany({ where: { suggestionId } });
  if (signature.terms.length > 0) {
    await db.similarityPosting.createMany({
      data: signature.terms.map((term, i) => ({ term, suggestionId, weight: signature.weights[i] ?? 0 })),
    });
  }
}

export interface CandidateFilter {
  /** At most this many, best first. */
  limit: number;
  /** Scores below this are not returned. */
  minScore: number;
  /** The suggestion the look-up is for, which would otherwise find itself. */
  excludeSuggestionId?: number;
  statuses?: readonly SuggestionStatus[];
  submittedAfter?: Date;
}

export interface ScoredCandidate {
  suggestionId: number;
  /** Cosine similarity of the two signatures, in [0, 1]. */
  score: number;
}

/**
 * The stored suggestions most similar to a signature. Each query term reads its posting list through the
 * (term, suggestionId) primary key; the products of the weights summed per suggestion are exactly the cosine of
 * the two (normalised) signatures. Only suggestions above `minScore` are then joined to check status and date, so
 * the join touches a handful of rows, not every suggestion sharing a common word.
 */
export async function findCandidates(db: DbClient, signature: Signature, filter: CandidateFilter): Promise<ScoredCandidate[]> {
  if (signature.terms.length === 0) return [];
  const exclude = filter.excludeSuggestionId ?? 0;
  const statuses = filter.statuses
    ? Prisma.sql`AND s.status::text = ANY(${[...filter.statuses]}::text[])`
    : Prisma.empty;
  const after = filter.submittedAfter ? Prisma.sql`AND s."submittedAt" >= ${filter.submittedAfter}` : Prisma.empty;
  const rows = await db.$queryRaw<{ suggestionId: number; score: number }[]>`
    WITH q AS (
      SELECT * FROM unnest(${signature.terms}::text[], ${signature.weights}::float8[]) AS q(term, weight)
    ), scored AS (
      SELECT p."suggestionId", SUM(p.weight * q.weight) AS score
      FROM q JOIN "SimilarityPosting" p ON p.term = q.term
      WHERE p."suggestionId" <> ${exclude}
      GROUP BY p."suggestionId"
      HAVING SUM(p.weight * q.weight) >= ${filter.minScore}
    )
    SELECT sc."suggestionId", sc.score::float8 AS score
    FROM scored sc JOIN "Suggestion" s ON s.id = sc."suggestionId"
    WHERE TRUE ${statuses} ${after}
    ORDER BY sc.score DESC, sc."suggestionId" DESC
    LIMIT ${filter.limit}`;
  return rows.map((r) => ({ suggestionId: Number(r.suggestionId), score: Math.min(1, Number(r.score)) }));
}
