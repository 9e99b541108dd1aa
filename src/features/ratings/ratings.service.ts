// The citizen's rating of the reply (满意度评价): once per suggestion, only while it is REPLIED and within the
// rating window after the lead department's reply; rating closes the suggestion (REPLIED → CLOSED) in the same
// transaction. Who the citizen is was checked by the caller (the tracking page's code + last 4 phone digits).
import type { Infrastructure } from "../../container.ts";
import { ConflictError } from "../../errors.ts";
import { sqlState, TX_OPTIONS, UNIQUE_VIOLATION } from "../../platform/db.ts";
import type { Deadlines } from "../deadlines/index.ts";
import { applyTransition, systemNote } from "../lifecycle/index.ts";
import * as repo from "./ratings.repository.ts";
import type { RatingInput } from "./ratings.schemas.ts";

export type RatingState =
  /** Not answered yet (or not a suggestion that gets a reply): nothing to show. */
  | { kind: "none" }
  | { kind: "open"; windowEndsAt: Date }
  | { kind: "rated"; rating: repo.RatingRow }
  /** Answered, but the window has passed or the suggestion was closed without a rating. */
  | { kind: "expired" };

export type RatingDeps = Pick<Infrastructure, "db" | "logger" | "now"> & { deadlines: Deadlines };

/** "建议人评价：4星": the close event's note; the rating's comment stays on the rating, not in the history. */
export function ratingNote(score: number) {
  return systemNote("ratings:notes.rated", { score });
}

export function createRatingService(c: RatingDeps) {
  function stateOf(s: repo.RatingSubject | null): RatingState {
    if (!s) return { kind: "none" };
    if (s.rating) return { kind: "rated", rating: s.rating };
    if (s.leadReplyAt === null || (s.status !== "REPLIED" && s.status !== "CLOSED")) return { kind: "none" };
    if (s.status === "REPLIED" && c.deadlines.isRatingWindowOpen(s.leadReplyAt, c.now())) {
      return { kind: "open", windowEndsAt: c.deadlines.ratingWindowEndsAt(s.leadReplyAt) };
    }
    return { kind: "expired" };
  }

  return {
    /** For a suggestion the caller has already verified (the tracking page found it). */
    async stateByCode(trackingCode: string): Promise<RatingState> {
      return stateOf(await repo.findRatingSubject(c.db, { trackingCode }));
    },

    /**
     * Stores the rating and closes the suggestion, or throws a ConflictError saying why not (rated already, not
     * answered yet, already closed, window passed) and changes nothing. Two identical posts: the unique rating
     * per suggestion lets one through.
     */
    async rate(suggestionId: number, input: RatingInput): Promise<void> {
      const now = c.now();
      try {
        await c.db.$transaction(async (tx) => {
          const s = await repo.findRatingSubject(tx, { id: suggestionId });
          if (!s) throw new ConflictError("ratings:errors.notReplied");
          if (s.rating) throw new ConflictError("ratings:errors.alreadyRated");
          if (s.status === "CLOSED") throw new ConflictError("ratings:errors.closed");
          if (s.status !== "REPLIED" || s.leadReplyAt === null) throw new ConflictError("ratings:errors.notReplied");
          if (!c.deadlines.isRatingWindowOpen(s.leadReplyAt, now)) throw new ConflictError("ratings:errors.windowClosed");
          await repo.insertRating(tx, { suggestionId, score: input.score, comment: input.comment ?? null, createdAt: now });
          // The citizen acts without an account: no actor.
          await applyTransition(tx, { suggestionId, action: "close", actorId: null, note: ratingNote(input.score) });
        }, TX_OPTIONS);
      } catch (err) {
        // The one unique key written here is the rating per suggestion.
        if (sqlState(err) === UNIQUE_VIOLATION) throw new ConflictError("ratings:errors.alreadyRated");
        // Closed by the scan (window over) between the read and the update.
        if (err instanceof ConflictError && err.messageKey === "errors:illegalTransition") throw new ConflictError("ratings:errors.closed");
        throw err;
      }
      c.logger.info({ suggestionId, score: input.score }, "suggestion rated and closed");
    },
  };
}

export type RatingService = ReturnType<typeof createRatingService>;
