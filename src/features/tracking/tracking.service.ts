// Tracking a suggestion with its code and the last four digits of the submitter's phone. An unknown code and a
// wrong pair are indistinguishable to the caller (same answer, same query), so codes cannot be probed.
import { timingSafeEqual } from "node:crypto";
import type { Infrastructure } from "../../container.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { linkHref } from "../../web/links.ts";
import { TRACK_TOKEN_PATTERN } from "../notifications/index.ts";
import { isReplyDeadlineRunning, isScreeningDeadlineRunning, type Deadlines } from "../deadlines/index.ts";
import * as repo from "./tracking.repository.ts";
import type { TrackedSuggestion } from "./tracking.repository.ts";
import type { TrackLookup } from "./tracking.schemas.ts";

export interface TrackingView extends Omit<TrackedSuggestion, "measures"> {
  /** The private link's token, shown on the page so the citizen can bookmark it. */
  trackToken: string;
  /** The deadline the suggestion is waiting on now, if any. */
  deadline: { kind: "screening" | "reply"; at: Date; overdue: boolean } | null;
  measures: (TrackedSuggestion["measures"][number] & { href: string | null })[];
}

function lastFourMatches(phone: string, last4: string): boolean {
  const a = Buffer.from(phone.slice(-4).padStart(4, "#"));
  const b = Buffer.from(last4.padStart(4, "#"));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** For the citizen, an accepted suggestion still waits on the office (to be assigned), within the screening time. */
function waitsOnScreening(status: SuggestionStatus): boolean {
  return isScreeningDeadlineRunning(status) || status === "ACCEPTED";
}

export type TrackingDeps = Pick<Infrastructure, "db" | "now"> & { deadlines: Deadlines };

export function createTrackingService(deps: TrackingDeps) {
  /**
   * The suggestion's id when the code and the last four phone digits match, else null: the same query and answer
   * for an unknown code. Asked again before a rating, which the same pair authorises.
   */
  async function verify(input: TrackLookup): Promise<number | null> {
    const found = await repo.findCredentials(deps.db, input.code);
    return found && lastFourMatches(found.phone, input.phoneLast4) ? found.id : null;
  }

  /** The suggestion's id for a private link's token, else null (malformed tokens never reach the database). */
  async function verifyToken(token: string): Promise<number | null> {
    return TRACK_TOKEN_PATTERN.test(token) ? repo.findIdByToken(deps.db, token) : null;
  }

  return {
    verify,
    verifyToken,

    /** The page for a code and phone digits that match, or for a private link's token; null for anything else. */
    async lookup(input: TrackLookup | { token: string }): Promise<TrackingView | null> {
      const id = "token" in input ? await verifyToken(input.token) : await verify(input);
      if (id === null) return null;
      const s = await repo.findTracked(deps.db, id);
      if (!s) return null;
      const now = deps.now();
      let deadline: TrackingView["deadline"] = null;
      if (waitsOnScreening(s.status)) deadline = { kind: "screening", at: s.screeningDueAt, overdue: deps.deadlines.isOverdue(s.screeningDueAt, now) };
      else if (isReplyDeadlineRunning(s.status) && s.replyDueAt) deadline = { kind: "reply", at: s.replyDueAt, overdue: deps.deadlines.isOverdue(s.replyDueAt, now) };
      // Object.assign rather than a spread with added keys (V8's slow path: µs per object).
      return Object.assign({}, s, { deadline, measures: s.measures.map((m) => Object.assign({}, m, { href: linkHref(m.url) })) });
    },
  };
}

export type TrackingService = ReturnType<typeof createTrackingService>;
