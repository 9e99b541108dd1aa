// Reads and writes of the citizen's rating. Plain objects out; every function takes the root or a transaction client.
import type { DbClient } from "../../platform/db.ts";
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

export async function findRatingSubject(db: DbClient, where: { id: number } | { trackingCode: string }): Promise<RatingSubject | null> {
  const row = await db.suggestion.findUnique({
    where,
    select: {
      id: true,
      status: true,
      rating: { select: { score: true, comment: true, createdAt: true } },
      replies: { where: { isLead: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { createdAt: true } },
    },
  });
  if (!row) return null;
  return { id: row.id, status: row.status, rating: row.rating, leadReplyAt: row.replies[0]?.createdAt ?? null };
}

export async function insertRating(
  tx: DbClient,
  rating: { suggestionId: number; score: number; comment: string | null; createdAt: Date },
): Promise<void> {
  await tx.rating.create({ data: rating });
}
