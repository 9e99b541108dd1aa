// Running themed rounds (专题征集) from the administration: create and edit them, move them through their states by
// hand, plan the open-round / close-round jobs that move them at the set times, and write the results section.
//
// States: DRAFT → SCHEDULED → OPEN → CLOSED → ARCHIVED (SCHEDULED may go back to DRAFT). The status column is the
// record; the jobs write it at the set times, and the public pages still compare the times themselves, so a job a
// few seconds late never lets a suggestion in after the close (see roundPhase).
import { fileTypeFromFile } from "file-type";
import { rm } from "node:fs/promises";
import type { Infrastructure } from "../../container.ts";
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from "../../errors.ts";
import type { RoundStatus } from "../../generated/prisma/enums.ts";
import { JOBS } from "../../platform/queues.ts";
import * as repo from "./round-admin.repository.ts";
import type { AdminRound } from "./round-admin.repository.ts";
import type { ResultsForm, RoundForm } from "./rounds.schemas.ts";

export type RoundAction = "schedule" | "unschedule" | "open" | "close" | "archive";

/** Which hand actions each state offers. */
export const ACTIONS: Readonly<Record<RoundStatus, readonly RoundAction[]>> = {
  DRAFT: ["schedule", "open"],
  SCHEDULED: ["unschedule", "open"],
  OPEN: ["close"],
  CLOSED: ["archive"],
  ARCHIVED: [],
};

/** The cover image's accepted types, sniffed from the content (the browser's claim decides nothing). */
export const COVER_TYPES: Readonly<Record<string, string>> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };
export const COVER_MAX_BYTES = 2 * 1024 * 1024;

/** Someone else saved the round since this form was opened: the form comes back with what was typed. */
export class StaleRoundError extends ConflictError {
  constructor() {
    super("rounds:admin.errors.stale");
  }
}

/** What changed, for the audit log once it exists: the fields before and after. */
export interface RoundChange {
  actorId: number | null;
  roundId: number;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export type RoundAdminDeps = Pick<Infrastructure, "db" | "now" | "enqueuer" | "storage" | "logger"> & {
  /** Called after every committed change: clears the public pages' cached list, records the change. */
  onChange?: (change: RoundChange) => Promise<void> | void;
};

const TRACKED_FIELDS = [
  "title", "titleEn", "body", "bodyEn", "wanted", "wantedEn", "excluded", "excludedEn", "resultsUse", "resultsUseEn",
  "ownerDepartmentId", "opensAt", "closesAt", "publishAdopted", "status", "coverImage", "resultsSummary", "resultsSummaryEn",
] as const;

/** Times as the form shows them: to the second (a time set by hand carries milliseconds the form drops). */
function sameTime(a: Date, b: Date): boolean {
  return Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000);
}

function snapshotOf(round: AdminRound): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(TRACKED_FIELDS.map((f) => [f, round[f]]));
  out.topics = round.topics.map((t) => (t.titleEn ? `${t.title} | ${t.titleEn}` : t.title));
  return out;
}

/** Only what differs, so an audit entry says what the edit did. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const keys = Object.keys(after).filter((k) => !same(before[k], after[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

export function createRoundAdminService(deps: RoundAdminDeps) {
  const { db } = deps;

  async function load(id: number): Promise<AdminRound> {
    const round = await repo.findAdminRound(db, id);
    if (!round) throw new NotFoundError("rounds:notFound");
    return round;
  }

  async function changed(actorId: number | null, before: AdminRound | null, after: AdminRound, action: string) {
    const d = before ? diff(snapshotOf(before), snapshotOf(after)) : { before: null, after: snapshotOf(after) };
    try {
      await deps.onChange?.({ actorId, roundId: after.id, action, ...d });
    } catch (err) {
      deps.logger.error({ err: (err as Error).message, roundId: after.id, action }, "recording a round change failed");
    }
  }

  /**
   * The jobs a round needs in its state: an open-round at its opening time while scheduled, a close-round at its
   * closing time while scheduled or open, none otherwise. Redis being down is logged; the sweep plans them later.
   */
  async function plan(round: { id: number; status: RoundStatus; opensAt: Date; closesAt: Date }): Promise<void> {
    const now = deps.now();
    const live = round.status === "SCHEDULED" || round.status === "OPEN";
    await deps.enqueuer.planRoundJob(JOBS.openRound, round.id, round.status === "SCHEDULED" ? round.opensAt : null, now);
    await deps.enqueuer.planRoundJob(JOBS.closeRound, round.id, live ? round.closesAt : null, now);
  }

  async function checkTopics(roundId: number, existing: { id: number }[], count: number): Promise<void> {
    const removed = existing.slice(count);
    if (!removed.length) return;
    const used = await repo.usedTopicIds(db, roundId);
    if (removed.some((t) => used.has(t.id))) throw new ValidationError({ topics: "rounds:admin.errors.topicInUse" });
  }

  return {
    list: () => repo.listRounds(db),
    get: load,
    departments: () => repo.findDepartmentChoices(db),
    actionsOf: (status: RoundStatus) => ACTIONS[status],

    async create(actorId: number, form: RoundForm): Promise<{ id: number }> {
      if (!form.code) throw new ValidationError({ code: "rounds:admin.errors.codeRequired" });
      if (await repo.codeExists(db, form.code)) throw new ValidationError({ code: "rounds:admin.errors.codeTaken" });
      const { code, topics, version: _v, ...fields } = form;
      const { id } = await repo.createRound(db, { ...fields, code, topics });
      await changed(actorId, null, await load(id), "round.create");
      return { id };
    },

    /**
     * Saves an edit made on the form of `form.version`. Times follow the state: both while the round has not opened,
     * only the closing time while it is open (extending or shortening the period), neither after it closed.
     */
    async update(actorId: number, id: number, form: RoundForm): Promise<void> {
      const before = await load(id);
      if (form.version !== undefined && form.version !== before.version) throw new StaleRoundError();
      const { code: _c, topics, version: _v, opensAt, closesAt, ...fields } = form;
      const errors: FieldErrors = {};
      const times: { opensAt?: Date; closesAt?: Date } = {};
      if (before.status === "DRAFT" || before.status === "SCHEDULED") {
        Object.assign(times, { opensAt, closesAt });
        if (before.status === "SCHEDULED" && closesAt <= deps.now()) errors.closesAt = "rounds:admin.errors.closesInPast";
      } else if (before.status === "OPEN") {
        if (!sameTime(opensAt, before.opensAt)) errors.opensAt = "rounds:admin.errors.opensAtFixed";
        if (closesAt <= deps.now()) errors.closesAt = "rounds:admin.errors.closesInPastUseClose";
        times.closesAt = closesAt;
      } else if (!sameTime(opensAt, before.opensAt) || !sameTime(closesAt, before.closesAt)) {
        errors.closesAt = "rounds:admin.errors.timesFixed";
      }
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await checkTopics(id, before.topics, topics.length);

      await db.$transaction(async (tx) => {
        const saved = await repo.updateRound(tx, id, { version: before.version, status: before.status }, { ...fields, ...times });
        if (!saved) throw new StaleRoundError();
        await repo.replaceTopics(tx, id, before.topics, topics);
      });
      const after = await load(id);
      await plan(after);
      await changed(actorId, before, after, "round.update");
    },

    /** A state change by hand. `version` is the version the administrator saw, so a click on a stale page is refused. */
    async act(actorId: number, id: number, action: RoundAction, version: number | undefined): Promise<void> {
      const before = await load(id);
      if (version !== undefined && version !== before.version) throw new StaleRoundError();
      if (!ACTIONS[before.status].includes(action)) throw new ConflictError("rounds:admin.errors.actionNotAllowed");
      const now = deps.now();
      const v = before.version;
      let moved: boolean;
      switch (action) {
        case "schedule":
          if (before.closesAt <= now) throw new ConflictError("rounds:admin.errors.closesInPast");
          moved = await repo.moveRound(db, id, { from: ["DRAFT"], to: "SCHEDULED", version: v });
          break;
        case "unschedule":
          moved = await repo.moveRound(db, id, { from: ["SCHEDULED"], to: "DRAFT", version: v });
          break;
        case "open":
          if (before.closesAt <= now) throw new ConflictError("rounds:admin.errors.closesInPast");
          // Opened early by hand: the period shown to the public starts now.
          moved = await repo.moveRound(db, id, {
            from: ["DRAFT", "SCHEDULED"], to: "OPEN", version: v,
            data: { openedAt: now, ...(before.opensAt > now ? { opensAt: now } : {}) },
          });
          break;
        case "close":
          moved = await repo.moveRound(db, id, {
            from: ["OPEN"], to: "CLOSED", version: v,
            data: { closedAt: now, ...(before.closesAt > now ? { closesAt: now } : {}) },
          });
          break;
        case "archive":
          moved = await repo.moveRound(db, id, { from: ["CLOSED"], to: "ARCHIVED", version: v });
          break;
      }
      if (!moved) throw new StaleRoundError();
      const after = await load(id);
      await plan(after);
      await changed(actorId, before, after, `round.${action}`);
    },

    /** The open-round job: opens a scheduled round once its opening time has come; anything else is a no-op. */
    async openDue(id: number): Promise<"opened" | "skipped"> {
      const before = await repo.findAdminRound(db, id);
      if (!before) return "skipped";
      const now = deps.now();
      const moved = await repo.moveRound(db, id, { from: ["SCHEDULED"], to: "OPEN", dueBy: { field: "opensAt", now }, data: { openedAt: now } });
      const after = await load(id);
      // A job left from before the times were edited finds nothing due: the round's jobs are planned again.
      await plan(after);
      if (moved) await changed(null, before, after, "round.open");
      return moved ? "opened" : "skipped";
    },

    /** The close-round job: closes an open round once its closing time has come; anything else is a no-op. */
    async closeDue(id: number): Promise<"closed" | "skipped"> {
      const before = await repo.findAdminRound(db, id);
      if (!before) return "skipped";
      const now = deps.now();
      const moved = await repo.moveRound(db, id, { from: ["OPEN"], to: "CLOSED", dueBy: { field: "closesAt", now }, data: { closedAt: now } });
      const after = await load(id);
      await plan(after);
      if (moved) await changed(null, before, after, "round.close");
      return moved ? "closed" : "skipped";
    },

    /** The sweep: every scheduled or open round's jobs planned again (after a restart, a Redis outage, a lost job). */
    async replanAll(): Promise<number> {
      const rounds = await repo.findLiveRounds(db);
      for (const round of rounds) await plan(round);
      return rounds.length;
    },

    /** The results section: a summary and the selected suggestions by tracking code (of this round only). */
    async saveResults(actorId: number, id: number, form: ResultsForm): Promise<void> {
      const before = await load(id);
      if (form.version !== undefined && form.version !== before.version) throw new StaleRoundError();
      if (before.status !== "CLOSED" && before.status !== "ARCHIVED") throw new ConflictError("rounds:admin.errors.resultsBeforeClose");
      const found = await repo.findSuggestionsByCodes(db, id, form.highlights);
      const byCode = new Map(found.map((s) => [s.trackingCode, s.id]));
      const unknown = form.highlights.filter((code) => !byCode.has(code));
      if (unknown.length) throw new ValidationError({ highlights: "rounds:admin.errors.highlightsUnknown" });
      await db.$transaction(async (tx) => {
        const saved = await repo.updateRound(tx, id, { version: before.version, status: before.status }, {});
        if (!saved) throw new StaleRoundError();
        await tx.collectionRound.update({
          where: { id },
          data: { resultsSummary: form.resultsSummary, resultsSummaryEn: form.resultsSummaryEn, resultsPublishedAt: before.resultsPublishedAt ?? deps.now() },
        });
        await repo.replaceHighlights(tx, id, form.highlights.map((code) => byCode.get(code) as number));
      });
      await changed(actorId, before, await load(id), "round.results");
    },

    highlightCodes: (id: number) => repo.highlightCodes(db, id),

    /**
     * A new cover image from a temporary upload: its type is read from its bytes; anything but a JPEG, PNG or WebP
     * is refused. The temporary file is always removed.
     */
    async setCover(actorId: number, id: number, version: number | undefined, file: { tempPath: string; size: number } | null): Promise<void> {
      try {
        const before = await load(id);
        if (version !== undefined && version !== before.version) throw new StaleRoundError();
        let cover: { coverImage: string | null; coverImageType: string | null } = { coverImage: null, coverImageType: null };
        if (file) {
          if (file.size > COVER_MAX_BYTES) throw new ValidationError({ cover: "rounds:admin.errors.coverTooBig" });
          const type = await fileTypeFromFile(file.tempPath);
          const ext = type ? COVER_TYPES[type.mime] : undefined;
          if (!type || !ext) throw new ValidationError({ cover: "rounds:admin.errors.coverType" });
          cover = { coverImage: await deps.storage.put(file.tempPath, ext), coverImageType: type.mime };
        }
        if (!(await repo.setCover(db, id, before.version, cover))) {
          if (cover.coverImage) await deps.storage.remove(cover.coverImage);
          throw new StaleRoundError();
        }
        if (before.coverImage) await deps.storage.remove(before.coverImage).catch(() => undefined);
        await changed(actorId, before, await load(id), "round.cover");
      } finally {
        if (file) await rm(file.tempPath, { force: true });
      }
    },
  };
}

export type RoundAdminService = ReturnType<typeof createRoundAdminService>;
