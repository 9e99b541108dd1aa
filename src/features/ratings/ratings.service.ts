// The citizen's rating of the reply (满意度评价): once per suggestion, only while it is REPLIED and within the
// rating window after the lead department's reply; rating closes the suggestion (REPLIED → CLOSED) in the same
// transaction. The citizen proves who they are exactly as on the tracking page: code + last 4 phone digits.
import type { Container } from "../../container.ts";
import { ConflictError } from "../../errors.ts";
import { applyTransition } from "../lifecycle/transitions.ts";
import { isRatingWindowOpen, ratingNote, ratingWindowEndsAt } from "../deadlines/deadline-rules.ts";
import { createTrackingRepository } from "../tracking/tracking.repository.ts";
import { matchingSuggestionId } from "../tracking/tracking.service.ts";
import type { TrackLookup } from "../tracking/tracking.schemas.ts";
import * as repo from "./ratings.repository.ts";
import type { RatingInput } from "./ratings.schemas.ts";

export type RatingState =
  /** Not answered yet (or not a suggestion that gets a reply): nothing to show. */
  | { kind: "none" }
  | { kind: "open"; windowEndsAt: Date }
  | { kind: "rated"; rating: repo.RatingRow }
  /** Answered, but the window has passed or the suggestion was closed without a rating. */
  | { kind: "expired" };

const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

type FeedbackDeps = Pick<Container, "db" | "config" | "logger" | "now">;

export function createFeedbackService(c: FeedbackDeps) {
  const tracking = createTrackingRepository(c.db);
  const windowDays = c.config.deadlines.ratingWindowDays;

  function stateOf(s: repo.RatingSubject | null): RatingState {
    if (!s) return { kind: "none" };
    if (s.rating) return { kind: "rated", rating: s.rating };
    if (s.leadReplyAt === null || (s.status !== "REPLIED" && s.status !== "CLOSED")) return { kind: "none" };
    if (s.status === "REPLIED" && isRatingWindowOpen(s.leadReplyAt, c.now(), windowDays)) {
      return { kind: "open", windowEndsAt: ratingWindowEndsAt(s.leadReplyAt, windowDays) };
    }
    return { kind: "expired" };
  }

  return {
    /** The suggestion's id when the pair matches, else null: the same query and answer for an unknown code. */
    async verify(input: TrackLookup): Promise<number | null> {
      return matchingSuggestionId(tracking, input);
    },

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
          if (!isRatingWindowOpen(s.leadReplyAt, now, windowDays)) throw new ConflictError("ratings:errors.windowClosed");
          await repo.insertRating(tx, { suggestionId, score: input.score, comment: input.comment ?? null, createdAt: now });
          // The citizen acts without an account: no actor. Their comment stays on the rating, not in the history.
          await applyTransition(tx, { suggestionId, action: "close", actorId: null, note: ratingNote(input.score) });
        }, TX_OPTIONS);
      } catch (err) {
        // The one unique key written here is the rating per suggestion.
        if ((err as { code?: string } | null)?.code === "P2002") {
          throw new ConflictError("ratings:errors.alreadyRated");
        }
        // Closed by the scan (window over) between the read and the update.
        if (err instanceof ConflictError && err.messageKey === "errors:illegalTransition") throw new ConflictError("ratings:errors.closed");
        throw err;
      }
      c.logger.info({ suggestionId, score: input.score }, "suggestion rated and closed");
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;

export function feedbackServiceFor(c: Container): FeedbackService {
  return createFeedbackService({ db: c.db, config: c.config, logger: c.logger, now: () => c.now() });
}
