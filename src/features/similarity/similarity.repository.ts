// Reads and writes of the similarity index. Every function takes the root client or a transaction client.
import { Prisma } from "../../generated/prisma/client.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { sql, type DbClient } from "../../platform/db.ts";
import type { Signature } from "./signature.ts";

export interface SuggestionToIndex {
  id: number;
  title: string;
  problem: string;
  proposal: string;
  signature: { version: number; textHash: string } | null;
}

/**
 * The indexing job's read and write are one statement each on the `pg` pool (`sql`): through Prisma they were five
 * calls whose query compiler cost the email-and-indexing process a quarter of its CPU during a burst, CPU that the
 * routing worker on the same small host was waiting for (see bench/PROFILE.md).
 */
export async function findSuggestionToIndex(db: DbClient, id: number): Promise<SuggestionToIndex | null> {
  // No submitter: the index is built from the suggestion's own text only.
  const rows = await sql<SuggestionToIndex>(
    db,
    `SELECT s.id, s.title, s.problem, s.proposal,
            CASE WHEN g."suggestionId" IS NULL THEN NULL ELSE json_build_object('version', g.version, 'textHash', g."textHash") END AS signature
     FROM "Suggestion" s LEFT JOIN "SimilaritySignature" g ON g."suggestionId" = s.id
     WHERE s.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findStoredSignature(db: DbClient, suggestionId: number): Promise<(Signature & { version: number }) | null> {
  return db.similaritySignature.findUnique({
    where: { suggestionId },
    select: { version: true, terms: true, weights: true },
  });
}

/**
 * Replaces the suggestion's signature and its postings in one statement (one implicit transaction): the signature
 * upserted, the postings of terms it no longer has deleted, its terms' postings upserted. The postings' foreign key
 * to the signature is checked at the end of the statement, after both inserts. Two jobs indexing the same
 * suggestion at once meet on the rows' locks and leave the same result.
 */
export async function saveSignature(
  db: DbClient, suggestionId: number, signature: Signature, meta: { version: number; textHash: string; indexedAt: Date },
): Promise<void> {
  await sql(
    db,
    `WITH sig AS (
       INSERT INTO "SimilaritySignature" ("suggestionId", version, "textHash", terms, weights, "indexedAt")
       VALUES ($1, $2, $3, $4::text[], $5::real[], $6::timestamp)
       ON CONFLICT ("suggestionId") DO UPDATE SET version = EXCLUDED.version, "textHash" = EXCLUDED."textHash",
         terms = EXCLUDED.terms, weights = EXCLUDED.weights, "indexedAt" = EXCLUDED."indexedAt"
       RETURNING "suggestionId"
     ), stale AS (
       DELETE FROM "SimilarityPosting" WHERE "suggestionId" = $1 AND NOT (term = ANY ($4::text[]))
     ), postings AS (
       INSERT INTO "SimilarityPosting" ("suggestionId", term, weight)
       SELECT sig."suggestionId", p.term, p.weight FROM sig, unnest($4::text[], $5::real[]) AS p(term, weight)
       ON CONFLICT ("suggestionId", term) DO UPDATE SET weight = EXCLUDED.weight
     )
     SELECT 1`,
    [suggestionId, meta.version, meta.textHash, signature.terms, signature.weights, meta.indexedAt],
  );
}

/**
 * Suggestions committed before `before` whose signature is missing or from an older SIGNATURE_VERSION, oldest first by
 * id, after `afterId` (a keyset page): what the sweep and the outbox relay's catch-up queue again.
 */
export async function findUnindexedIds(db: DbClient, before: Date, version: number, limit: number, afterId: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT s.id FROM "Suggestion" s
    LEFT JOIN "SimilaritySignature" g ON g."suggestionId" = s.id
    WHERE (g."suggestionId" IS NULL OR g.version <> ${version}) AND s."submittedAt" < ${before} AND s.id > ${afterId}
    ORDER BY s.id
    LIMIT ${limit}`;
  return rows.map((r) => Number(r.id));
}

/** Of these ids, the suggestions that still exist and still lack a current signature. */
export async function filterUnindexedIds(db: DbClient, ids: readonly number[], version: number): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT s.id FROM "Suggestion" s
    LEFT JOIN "SimilaritySignature" g ON g."suggestionId" = s.id
    WHERE s.id = ANY(${[...ids]}::int[]) AND (g."suggestionId" IS NULL OR g.version <> ${version})`;
  return new Set(rows.map((r) => Number(r.id)));
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
  /** Only published suggestions (see PUBLISHED_STATUSES): what a citizen may be shown. */
  publishedOnly?: boolean;
}

/**
 * A suggestion is published once it has a lead reply and its citizen ticked 同意公开: what the public form may show
 * (masked, see src/features/privacy). Replied or closed; a merged one is answered through the one it joined.
 */
export const PUBLISHED_STATUSES = ["REPLIED", "CLOSED"] as const satisfies readonly SuggestionStatus[];

export interface ScoredCandidate {
  suggestionId: number;
  /** Cosine similarity of the two signatures, in [0, 1]. */
  score: number;
}

/**
 * Postings read per query term, strongest first. A look-up reads at most STRONG_TERMS × POSTINGS_PER_STRONG_TERM +
 * (MAX_TERMS − STRONG_TERMS) × POSTINGS_PER_TERM index entries (≈ 11,000) however big the table grows.
 * The new text's strongest terms are its rarest words, where a duplicate shows: they are read deep (for a word
 * fewer than 1,000 suggestions use, completely); a common word contributes only through the suggestions where it
 * weighs most. bench/similar.bench.ts measures what this costs against the exact query.
 */
export const POSTINGS_PER_TERM = 100;
export const STRONG_TERMS = 8;
export const POSTINGS_PER_STRONG_TERM = 1_000;
/** Suggestions rescored exactly from their signatures after the first pass. */
export const CANDIDATES = 200;

/**
 * The stored suggestions most similar to a signature, in two passes within one statement:
 * 1. for each term of the signature, its strongest postings from the (term, weight DESC, suggestionId) index (an
 *    index-only scan of a bounded range, see POSTINGS_PER_TERM), summed per suggestion into a partial score that
 *    ranks candidates;
 * 2. the best candidates rescored exactly — the cosine over all their stored terms — then filtered by the threshold,
 *    status and date, which therefore touch a hundred rows, not every suggestion sharing a common word.
 * A filtered look-up (e.g. open suggestions only) whose best matches are all filtered out can come back short:
 * the filter applies to the best CANDIDATES × 3 suggestions, not to all of them.
 */
export async function findCandidates(db: DbClient, signature: Signature, filter: CandidateFilter): Promise<ScoredCandidate[]> {
  if (signature.terms.length === 0) return [];
  const exclude = filter.excludeSuggestionId ?? 0;
  const filtered = filter.statuses !== undefined || filter.submittedAfter !== undefined || filter.publishedOnly === true;
  const candidates = filtered ? CANDIDATES * 3 : CANDIDATES;
  const statuses = filter.statuses
    ? Prisma.sql`AND s.status::text = ANY(${[...filter.statuses]}::text[])`
    : Prisma.empty;
  const after = filter.submittedAfter ? Prisma.sql`AND s."submittedAt" >= ${filter.submittedAfter}` : Prisma.empty;
  const published = filter.publishedOnly
    ? Prisma.sql`AND s.status::text = ANY(${[...PUBLISHED_STATUSES]}::text[])
        AND EXISTS (SELECT 1 FROM "Submitter" sub WHERE sub."suggestionId" = s.id AND sub."consentPublish")
        AND EXISTS (SELECT 1 FROM "Reply" r WHERE r."suggestionId" = s.id AND r."isLead")`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ suggestionId: number; score: number }[]>`
    WITH q AS (
      SELECT * FROM unnest(${signature.terms}::text[], ${signature.weights}::float8[]) WITH ORDINALITY AS q(term, weight, rank)
    ), hits AS (
      SELECT p."suggestionId", q.weight * p.weight AS part
      FROM q CROSS JOIN LATERAL (
        SELECT "suggestionId", weight FROM "SimilarityPosting"
        WHERE term = q.term
        ORDER BY weight DESC
        LIMIT CASE WHEN q.rank <= ${STRONG_TERMS}::int THEN ${POSTINGS_PER_STRONG_TERM}::int ELSE ${POSTINGS_PER_TERM}::int END
      ) p
    ), candidates AS (
      SELECT "suggestionId" FROM hits
      WHERE "suggestionId" <> ${exclude}
      GROUP BY "suggestionId"
      ORDER BY SUM(part) DESC, "suggestionId" DESC
      LIMIT ${candidates}
    ), scored AS (
      SELECT c."suggestionId", SUM(q.weight * t.weight) AS score
      FROM candidates c
      JOIN "SimilaritySignature" sig ON sig."suggestionId" = c."suggestionId"
      CROSS JOIN LATERAL unnest(sig.terms, sig.weights) AS t(term, weight)
      JOIN q ON q.term = t.term
      GROUP BY c."suggestionId"
      HAVING SUM(q.weight * t.weight) >= ${filter.minScore}
    )
    SELECT sc."suggestionId", sc.score::float8 AS score
    FROM scored sc JOIN "Suggestion" s ON s.id = sc."suggestionId"
    WHERE TRUE ${statuses} ${after} ${published}
    ORDER BY sc.score DESC, sc."suggestionId" DESC
    LIMIT ${filter.limit}`;
  return rows.map((r) => ({ suggestionId: Number(r.suggestionId), score: Math.min(1, Number(r.score)) }));
}
