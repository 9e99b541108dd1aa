// Tracking a suggestion with its code and the last four digits of the submitter's phone. An unknown code and a
// wrong pair are indistinguishable to the caller (same answer, same query), so codes cannot be probed.
import { timingSafeEqual } from "node:crypto";
import type { Container } from "../../container.ts";
import type { Db } from "../../platform/db.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { safeUrl } from "../../web/links.ts";
import { createTrackingRepository, type TrackedSuggestion } from "./tracking.repository.ts";
import type { TrackLookup } from "./tracking.schemas.ts";

const SCREENING: readonly SuggestionStatus[] = ["SUBMITTED", "SCREENING", "ACCEPTED", "RETURNED"];
const HANDLING: readonly SuggestionStatus[] = ["ASSIGNED", "IN_HANDLING", "EXTENDED"];

export interface TrackingView extends Omit<TrackedSuggestion, "measures"> {
  /** The deadline the suggestion is waiting on now, if any. */
  deadline: { kind: "screening" | "reply"; at: Date; overdue: boolean } | null;
  measures: (TrackedSuggestion["measures"][number] & { safeUrl: string | null })[];
}

function lastFourMatches(phone: string, last4: string): boolean {
  const a = Buffer.from(phone.slice(-4).padStart(4, "#"));
  const b = Buffer.from(last4.padStart(4, "#"));
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The suggestion's id when the code and the last four phone digits match, else null: the same query and answer
 * for an unknown code. Exported for features/feedback, which re-checks the pair before a rating.
 */
export async function matchingSuggestionId(
  repo: Pick<ReturnType<typeof createTrackingRepository>, "findCredentials">,
  input: TrackLookup,
): Promise<number | null> {
  const found = await repo.findCredentials(input.code);
  return found && lastFourMatches(found.phone, input.phoneLast4) ? found.id : null;
}

export function createTrackingService(deps: { db: Db; now: () => Date }) {
  const repo = createTrackingRepository(deps.db);
  return {
    async lookup(input: TrackLookup): Promise<TrackingView | null> {
      const id = await matchingSuggestionId(repo, input);
      if (id === null) return null;
      const s = await repo.findTracked(id);
      if (!s) return null;
      const now = deps.now();
      let deadline: TrackingView["deadline"] = null;
      if (SCREENING.includes(s.status)) deadline = { kind: "screening", at: s.screeningDueAt, overdue: now > s.screeningDueAt };
      else if (HANDLING.includes(s.status) && s.replyDueAt) deadline = { kind: "reply", at: s.replyDueAt, overdue: now > s.replyDueAt };
      return { ...s, deadline, measures: s.measures.map((m) => ({ ...m, safeUrl: safeUrl(m.url) })) };
    },
  };
}

export type TrackingService = ReturnType<typeof createTrackingService>;

export function trackingServiceFor(c: Container): TrackingService {
  return createTrackingService({ db: c.db, now: () => c.now() });
}
