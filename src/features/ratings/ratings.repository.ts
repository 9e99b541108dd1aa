// Reads and writes of the citizen's rating. Plain objects out; every function takes the root or a transaction client.
import { dateOf, isoText, sql, type DbClient } from "../../platform/db.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";

export interface RatingRow {
  score: number;
  comment: string | null;
  createdAt: Date;
}

/** What deciding "may this suggestion be rated now" needs. */
export interface RatingSubject {
  id: number;
  status: SuggestionStatus;
  rating: RatingRow | null;
  /** When the lead department replied (its latest reply), or null before any reply. */
  leadReplyAt: Date | null;
}

/**
 * One statement on the `pg` pool (the tracking page asks on every look-up; inside the rating's transaction it runs on
 * that transaction's connection): the status, the rating if any, and the lead department's latest reply's time.
 */
export async function findRatingSubject(db: DbClient, where: { id: number } | { trackingCode: string }): Promise<RatingSubject | null> {
  const [row] = await sql<{ id: number; status: SuggestionStatus; score: number | null; comment: string | null; ratedAt: string | null; leadReplyAt: string | null }>(
    db,
    `SELECT s.id, s.status::text AS status, rt.score, rt.comment, ${isoText('rt."createdAt"')} AS "ratedAt",
            (SELECT ${isoText('rp."createdAt"')} FROM "Reply" rp WHERE rp."suggestionId" = s.id AND rp."isLead"
              ORDER BY rp."createdAt" DESC, rp.id DESC LIMIT 1) AS "leadReplyAt"
       FROM "Suggestion" s LEFT JOIN "Rating" rt ON rt."suggestionId" = s.id
      WHERE ${"id" in where ? "s.id = $1" : 's."trackingCode" = $1'}`,
    ["id" in where ? where.id : where.trackingCode],
  );
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    rating: row.score !== null && row.ratedAt !== null ? { score: row.score, comment: row.comment, createdAt: dateOf(row.ratedAt) } : null,
    leadReplyAt: dateOf(row.leadReplyAt),
  };
}

export async function insertRating(
  tx: DbClient,
  rating: { suggestionId: number; score: number; comment: string | null; createdAt: Date },
): Promise<void> {
  await tx.rating.create({ data: rating });
}
