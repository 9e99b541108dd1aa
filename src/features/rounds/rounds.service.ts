// Themed collection rounds (专题征集) as the public sees them, and submission to a round. Whether a round takes
// suggestions is decided from a fresh read at submission time; the cached list only serves the pages.
import type { Infrastructure } from "../../container.ts";
import { AppError, NotFoundError } from "../../errors.ts";
import type { Locale } from "../../platform/i18n.ts";
import { keyedTtlCache, ttlCache } from "../../platform/ttl-cache.ts";
import type { RoundSuggestionForm, SubmissionService, SubmitResult, UploadedFile } from "../submissions/index.ts";
import * as repo from "./rounds.repository.ts";
import * as overview from "./round-overview.repository.ts";
import type { PublicRound } from "./rounds.repository.ts";
import { maskPersonalData } from "../privacy/index.ts";

export type RoundPhase = "open" | "upcoming" | "closed";

export interface RoundView extends PublicRound {
  phase: RoundPhase;
}

/** A round that exists but does not take suggestions now (closed, or not yet open). */
export class RoundNotOpenError extends AppError {
  constructor(readonly round: RoundView) {
    super(409, round.phase === "upcoming" ? "rounds:notYetOpen" : "rounds:closedMessage");
  }
}

/**
 * The status is the record (written by the open-round / close-round jobs and by administrators); the times are
 * compared too, so a job running a few seconds late neither keeps a round open past its close nor keeps citizens
 * out after its opening time.
 */
export function roundPhase(round: Pick<PublicRound, "status" | "opensAt" | "closesAt">, now: Date): RoundPhase {
  if ((round.status !== "OPEN" && round.status !== "SCHEDULED") || now >= round.closesAt) return "closed";
  return now < round.opensAt ? "upcoming" : "open";
}

const LIST_TTL_MS = 60_000;
/**
 * A round's public page shows how many suggestions it has received, and after the close its published results. The
 * count was taken on every view (thousands of rows per round, the page's costliest read); a figure a few seconds
 * behind is honest for "已收到 N 条建议", so each process keeps it, and the results, this long per round. An
 * administrator's change to a round clears them on this process at once (`forget`).
 */
const DETAILS_TTL_MS = 5_000;
const DETAILS_MAX_ROUNDS = 500;

export function createRoundService(deps: Pick<Infrastructure, "db" | "now"> & { submissions: SubmissionService }) {
  const list = ttlCache(LIST_TTL_MS, () => repo.listPublicRounds(deps.db));
  // Object.assign rather than a spread with an added key (V8's slow path), on every round page view.
  const withPhase = (r: PublicRound): RoundView => Object.assign({}, r, { phase: roundPhase(r, deps.now()) });
  const received = keyedTtlCache(DETAILS_TTL_MS, DETAILS_MAX_ROUNDS, (roundId: number) => overview.countReceived(deps.db, roundId));
  // Keyed by "<id>:<publishAdopted>" (a key compares by value; the round object is new on every request).
  const results = keyedTtlCache(DETAILS_TTL_MS, DETAILS_MAX_ROUNDS, (key: string) => {
    const [id, publishAdopted] = key.split(":");
    return loadResults({ id: Number(id), publishAdopted: publishAdopted === "1" });
  });

  async function loadResults(round: { id: number; publishAdopted: boolean }) {
    const [highlights, measures] = await Promise.all([
      round.publishAdopted ? overview.findPublicHighlights(deps.db, round.id) : Promise.resolve([]),
      overview.findRoundMeasures(deps.db, round.id),
    ]);
    return {
      // Published text is the masked text (features/privacy): a title can carry a phone number or a name.
      highlights: highlights.map(({ suggestion: { submitter, ...s } }) => ({
        ...s,
        title: maskPersonalData(s.title, { names: submitter ? [submitter.realName] : [] }),
        adoption: s.replies[0]?.adoption ?? null,
      })),
      measures,
    };
  }

  return {
    async listRounds(): Promise<{ open: RoundView[]; upcoming: RoundView[]; closed: RoundView[] }> {
      const rounds = (await list.get()).map(withPhase);
      return {
        // Open rounds closing soonest first: those are the ones a citizen must not miss.
        open: rounds.filter((r) => r.phase === "open").sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime()),
        upcoming: rounds.filter((r) => r.phase === "upcoming").sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime()),
        closed: rounds.filter((r) => r.phase === "closed"),
      };
    },

    /** A round's public page; drafts and unknown ids are not found. */
    async getRound(id: number): Promise<RoundView> {
      const round = (await list.get()).find((r) => r.id === id) ?? (await repo.findRound(deps.db, id));
      if (!round || round.status === "DRAFT") throw new NotFoundError("rounds:notFound");
      return withPhase(round);
    },

    /** What the public page adds to the round: how many suggestions came in, and after the close its results. */
    async publicDetails(round: RoundView) {
      const count = await received.get(round.id);
      if (round.phase !== "closed" || !round.resultsPublishedAt) return { received: count, results: null };
      return { received: count, results: await results.get(`${round.id}:${round.publishAdopted ? 1 : 0}`) };
    },

    /** The cover image of a round the public may see. */
    async cover(id: number): Promise<{ storedName: string; mimeType: string }> {
      const round = await repo.findRound(deps.db, id);
      if (!round || round.status === "DRAFT" || !round.coverImage || !round.coverImageType) throw new NotFoundError("rounds:notFound");
      return { storedName: round.coverImage, mimeType: round.coverImageType };
    },

    /** Forgets the cached list: called after an administrator's change, so this process shows it at once. */
    forget: () => {
      list.clear();
      received.clear();
      results.clear();
    },

    /** The round to submit to, read fresh: a round closed a second ago takes nothing more. */
    async openRoundForSubmission(id: number): Promise<RoundView> {
      const fresh = await repo.findRound(deps.db, id);
      if (!fresh || fresh.status === "DRAFT") throw new NotFoundError("rounds:notFound");
      const round = withPhase(fresh);
      if (round.phase !== "open") throw new RoundNotOpenError(round);
      return round;
    },

    /** Throws ValidationError with field messages; nothing is stored unless it succeeds. */
    submit(round: RoundView, input: { form: RoundSuggestionForm; files: UploadedFile[]; locale: Locale; formToken?: string }): Promise<SubmitResult> {
      return deps.submissions.submit({
        form: input.form,
        formToken: input.formToken,
        files: input.files,
        locale: input.locale,
        round: { id: round.id, code: round.code, topicId: input.form.topicId, topicIds: round.topics.map((t) => t.id) },
      });
    },
  };
}

export type RoundService = ReturnType<typeof createRoundService>;
