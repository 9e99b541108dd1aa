// The public face of the submissions feature: reference data for the forms, and the write path of a citizen's
// suggestion. The write path never needs Redis: the suggestion, its submitter, attachments, first event and the
// acknowledgment email are committed in one statement with routingState PENDING (the outbox), and that statement's
// submission notice wakes the outbox relay in the worker, which queues the jobs (workers/outbox-relay.ts); the sweep
// catches up on anything the relay missed. The web process itself queues nothing.
import type { Infrastructure } from "../../container.ts";
import { ValidationError, type FieldErrors } from "../../errors.ts";
import { FOREIGN_KEY_VIOLATION, sqlState, UNIQUE_VIOLATION } from "../../platform/db.ts";
import type { Locale } from "../../platform/i18n.ts";
import { ttlCache } from "../../platform/ttl-cache.ts";
import { shanghaiDateString } from "../../platform/working-days.ts";
import type { Deadlines } from "../deadlines/index.ts";
import { newTrackToken, trackUrl, type EmailDraft } from "../notifications/index.ts";
import * as repo from "./submissions.repository.ts";
import type { NewSuggestion, Receipt, ReferenceData } from "./submissions.repository.ts";
import type { SuggestionForm } from "./submissions.schemas.ts";
import { generateTrackingCode } from "./tracking-code.ts";
import { checkFileTypes, discardTempFiles, type UploadedFile } from "./uploads.ts";

export const EVERYDAY_PREFIX = "JY";
/** Used only when a round's code cannot serve as a tracking-code prefix (2–6 letters A–Z). */
export const ROUND_FALLBACK_PREFIX = "ZT";
const REFERENCE_TTL_MS = 60_000;
const CODE_ATTEMPTS = 5;

export interface SubmissionServiceDeps extends Pick<Infrastructure, "db" | "storage" | "logger" | "config" | "now"> {
  deadlines: Deadlines;
  /** Tests pass a generator that collides on purpose. */
  generateCode?: (prefix: string, year: number) => string;
}

export interface RoundTarget {
  id: number;
  code: string;
  topicId: number;
  topicIds: readonly number[];
}

export interface SubmitInput {
  form: SuggestionForm;
  files: UploadedFile[];
  locale: Locale;
  /** Set for a suggestion to a themed round; the caller has checked that the round is open. */
  round?: RoundTarget;
  /** The form's one-time token: a second post with it returns the first suggestion (see formTokenOf). */
  formToken?: string | null;
}

export interface SubmitResult {
  id: number;
  trackingCode: string;
  /** The private tracking link's secret, for the receipt cookie. */
  trackToken: string;
}

export function createSubmissionService(deps: SubmissionServiceDeps) {
  const reference = ttlCache(REFERENCE_TTL_MS, () => repo.loadReferenceData(deps.db));

  function referenceErrors(ref: ReferenceData, input: SubmitInput): FieldErrors {
    const errors: FieldErrors = {};
    if (!ref.categoryIds.has(input.form.categoryId)) errors.categoryId = "submissions:errors.categoryUnknown";
    if (!ref.regionIds.has(input.form.regionId)) errors.regionId = "submissions:errors.regionUnknown";
    if (input.round && !input.round.topicIds.includes(input.round.topicId)) errors.topicId = "submissions:errors.topicUnknown";
    return errors;
  }

  function prefixFor(input: SubmitInput): string {
    if (!input.round) return EVERYDAY_PREFIX;
    if (/^[A-Z]{2,6}$/.test(input.round.code)) return input.round.code;
    deps.logger.warn({ roundId: input.round.id }, "round code is not a valid tracking-code prefix; using the fallback");
    return ROUND_FALLBACK_PREFIX;
  }

  type Committed = { id: number; trackingCode: string; trackToken: string; duplicate?: boolean };

  async function commit(input: SubmitInput, attachments: NewSuggestion["attachments"]): Promise<Committed> {
    const now = deps.now();
    const prefix = prefixFor(input);
    const year = Number(shanghaiDateString(now).slice(0, 4));
    const screeningDueAt = deps.deadlines.screeningDueAt(now);
    const f = input.form;
    for (let attempt = 1; ; attempt += 1) {
      const trackingCode = (deps.generateCode ?? generateTrackingCode)(prefix, year);
      const trackToken = newTrackToken();
      const suggestion: NewSuggestion = {
        trackingCode,
        trackToken,
        formToken: input.formToken ?? null,
        kind: input.round ? "ROUND" : "EVERYDAY",
        roundId: input.round?.id ?? null,
        topicId: input.round?.topicId ?? null,
        title: f.title,
        problem: f.problem,
        proposal: f.proposal,
        categoryId: f.categoryId,
        regionId: f.regionId,
        locale: input.locale,
        submittedAt: now,
        screeningDueAt,
        submitter: {
          realName: f.realName,
          phone: f.phone,
          email: f.email ?? null,
          consentPublish: f.consentPublish,
          hideIdentity: f.hideIdentity,
        },
        attachments,
      };
      const draft: EmailDraft | null = f.email
        ? {
            dedupeKey: `received-${trackingCode}`,
            to: f.email,
            template: "suggestion-received",
            locale: input.locale,
            // screeningDueAt lets the email name the date; the template falls back to "within N working days".
            data: { trackingCode, title: f.title, trackUrl: trackUrl(deps.config.publicBaseUrl, trackToken), screeningDueAt: screeningDueAt.toISOString() },
          }
        : null;
      try {
        const created = await repo.insertSubmission(deps.db, suggestion, draft);
        return { ...created, trackingCode, trackToken };
      } catch (err) {
        // The same form posted again (a double click, a retry): its first post won the unique form token, and
        // this one answers with that suggestion's receipt instead of creating a second one.
        if (input.formToken && sqlState(err) === UNIQUE_VIOLATION) {
          const first = await repo.findByFormToken(deps.db, input.formToken);
          if (first) return { ...first, duplicate: true };
        }
        // 32^8 random codes make this astronomically rare, but a collision must not cost the citizen their text.
        // The only unique keys on this path are the tracking code and the email dedupe key derived from it.
        if (attempt < CODE_ATTEMPTS && sqlState(err) === UNIQUE_VIOLATION) continue;
        throw err;
      }
    }
  }

  return {
    referenceData: () => reference.get(),

    /**
     * Validates what the schema cannot (existence of category, region and topic; file types by content), stores
     * the files and commits everything in one statement (its notice has the relay queue the follow-up work). Throws ValidationError with
     * field messages; on any failure nothing is kept, including files.
     */
    async submit(input: SubmitInput): Promise<SubmitResult> {
      try {
        const errors = referenceErrors(await reference.get(), input);
        const checked = await checkFileTypes(input.files);
        if ("error" in checked) errors.attachments = checked.error;
        if (Object.keys(errors).length > 0 || "error" in checked) throw new ValidationError(errors);

        const stored: NewSuggestion["attachments"] = [];
        let created: Committed;
        try {
          for (const file of checked.files) {
            const storedName = await deps.storage.put(file.tempPath, file.ext);
            stored.push({ storedName, originalName: file.originalName, mimeType: file.mimeType, size: file.size });
          }
          created = await commit(input, stored);
          if (created.duplicate) {
            // The first post keeps its own files; this one's copies go.
            await Promise.all(stored.map((s) => deps.storage.remove(s.storedName).catch(() => undefined)));
            deps.logger.info({ suggestionId: created.id }, "same form posted again: answered with the first receipt");
            return { id: created.id, trackingCode: created.trackingCode, trackToken: created.trackToken };
          }
        } catch (err) {
          await Promise.all(stored.map((s) => deps.storage.remove(s.storedName).catch(() => undefined)));
          if (sqlState(err) === FOREIGN_KEY_VIOLATION) {
            // A category, region or topic removed since the cache was filled: answer as if it had been unknown.
            reference.clear();
            const fresh = referenceErrors(await reference.get(), input);
            if (Object.keys(fresh).length > 0) throw new ValidationError(fresh);
          }
          throw err;
        }

        return { id: created.id, trackingCode: created.trackingCode, trackToken: created.trackToken };
      } finally {
        await discardTempFiles(input.files);
      }
    },

    /**
     * Every problem with a refused form at once (everyday and round forms alike): the field errors, the upload
     * limits, and a file that is empty or not an allowed type by content, so that one is not revealed only on the
     * next try. The type check is skipped when the upload was cut short by a limit (the files are incomplete).
     */
    async refusalErrors(files: UploadedFile[], fieldErrors: FieldErrors | undefined, limitErrors: FieldErrors | undefined): Promise<FieldErrors> {
      const checked = limitErrors?.attachments ? null : await checkFileTypes(files);
      const fileError: FieldErrors = checked && "error" in checked ? { attachments: checked.error } : {};
      return { ...fieldErrors, ...fileError, ...limitErrors };
    },

    /** The receipt of the suggestion with this code, if the token is that suggestion's own (else null). */
    findReceipt: (trackingCode: string, trackToken: string): Promise<Receipt | null> => repo.findReceipt(deps.db, trackingCode, trackToken),
  };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;
