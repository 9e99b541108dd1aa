// Running themed rounds (专题征集) from the administration: create and edit them, move them through their states by
// hand, plan the open-round / close-round jobs that move them at the set times, and write the results section.
//
// States: DRAFT → SCHEDULED → OPEN → CLOSED → ARCHIVED (SCHEDULED may go back to DRAFT). The status column is the
// record; the jobs write it at the set times, and the public pages still compare the times themselves, so a job a
// few seconds late never lets a suggestion in after the close (see roundPhase).
import { fileTypeFromFile } from "file-type";
import { rm } from "node:fs/promises";
import type { Infrastructure } from "../../container.ts";
import { TX_OPTIONS, type DbClient } from "../../platform/db.ts";
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

/** Who acted: a signed-in administrator, or null for the open-round / close-round jobs. */
export type RoundActor = { id: number; email: string } | null;

/** A change as the audit log records it: the fields that changed, before and after. */
export interface RoundChange {
  actor: RoundActor;
  /** "round.<verb>": round.create, round.update, round.schedule, round.open, round.close, … */
  action: string;
  entity: "round";
  entityId: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export type RoundAdminDeps = Pick<Infrastructure, "db" | "now" | "enqueuer" | "storage" | "logger"> & {
  /** Writes the change's record inside the change's own transaction, so both commit or neither (the audit log). */
  record?: (tx: DbClient, change: RoundChange) => Promise<unknown>;
  /** After every committed change: clears the public pages' cached list. */
  onChange?: () => void;
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

  async function load(id: number, client: DbClient = db): Promise<AdminRound> {
    const round = await repo.findAdminRound(client, id);
    if (!round) throw new NotFoundError("rounds:notFound");
    return round;
  }

  /**
   * Runs a change and records it in one transaction: `work` returns the round's id, or null when it changed nothing
   * (a job finding nothing due), which records nothing. The round as saved is returned for planning its jobs.
   */
  async function commit(actor: RoundActor, action: string, before: AdminRound | null, work: (tx: DbClient) => Promise<number | null>) {
    const after = await db.$transaction(async (tx) => {
      const id = await work(tx);
      if (id === null) return null;
      const saved = await load(id, tx);
      const d = before ? diff(snapshotOf(before), snapshotOf(saved)) : { before: null, after: snapshotOf(saved) };
      await deps.record?.(tx, { actor, action, entity: "round", entityId: id, ...d });
      return saved;
    }, TX_OPTIONS);
    if (after) deps.onChange?.();
    return after;
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

  /** A hand action's write, conditional on the state and version the administrator saw. */
  function moveByHand(tx: DbClient, action: RoundAction, before: AdminRound, now: Date): Promise<boolean> {
    const { id, version } = before;
    switch (action) {
      case "schedule":
        if (before.closesAt <= now) throw new ConflictError("rounds:admin.errors.closesInPast");
        return repo.moveRound(tx, id, { from: ["DRAFT"], to: "SCHEDULED", version });
      case "unschedule":
        return repo.moveRound(tx, id, { from: ["SCHEDULED"], to: "DRAFT", version });
      case "open":
        if (before.closesAt <= now) throw new ConflictError("rounds:admin.errors.closesInPast");
        // Opened early by hand: the period shown to the public starts now.
        return repo.moveRound(tx, id, {
          from: ["DRAFT", "SCHEDULED"], to: "OPEN", version,
          data: { openedAt: now, ...(before.opensAt > now ? { opensAt: now } : {}) },
        });
      case "close":
        return repo.moveRound(tx, id, {
          from: ["OPEN"], to: "CLOSED", version,
          data: { closedAt: now, ...(before.closesAt > now ? { closesAt: now } : {}) },
        });
      case "archive":
        return repo.moveRound(tx, id, { from: ["CLOSED"], to: "ARCHIVED", version });
    }
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

    async create(actor: RoundActor, form: RoundForm): Promise<{ id: number }> {
      if (!form.code) throw new ValidationError({ code: "rounds:admin.errors.codeRequired" });
      if (await repo.codeExists(db, form.code)) throw new ValidationError({ code: "rounds:admin.errors.codeTaken" });
      const { code, topics, version: _v, ...fields } = form;
      const created = await commit(actor, "round.create", null, async (tx) => (await repo.createRound(tx, { ...fields, code, topics })).id);
      return { id: created!.id };
    },

    /**
     * Saves an edit made on the form of `form.version`. Times follow the state: both while the round has not opened,
     * only the closing time while it is open (extending or shortening the period), neither after it closed.
     */
    async update(actor: RoundActor, id: number, form: RoundForm): Promise<void> {
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

      const after = await commit(actor, "round.update", before, async (tx) => {
        const saved = await repo.updateRound(tx, id, { version: before.version, status: before.status }, { ...fields, ...times });
        if (!saved) throw new StaleRoundError();
        await repo.replaceTopics(tx, id, before.topics, topics);
        return id;
      });
      await plan(after!);
    },

    /** A state change by hand. `version` is the version the administrator saw, so a click on a stale page is refused. */
    async act(actor: RoundActor, id: number, action: RoundAction, version: number | undefined): Promise<void> {
      const before = await load(id);
      if (version !== undefined && version !== before.version) throw new StaleRoundError();
      if (!ACTIONS[before.status].includes(action)) throw new ConflictError("rounds:admin.errors.actionNotAllowed");
      const now = deps.now();
      const after = await commit(actor, `round.${action}`, before, async (tx) => {
        if (!(await moveByHand(tx, action, before, now))) throw new StaleRoundError();
        return id;
      });
      await plan(after!);
    },

    /** The open-round job: opens a scheduled round once its opening time has come; anything else is a no-op. */
    async openDue(id: number): Promise<"opened" | "skipped"> {
      const before = await repo.findAdminRound(db, id);
      if (!before) return "skipped";
      const now = deps.now();
      const moved = await commit(null, "round.open", before, async (tx) =>
        (await repo.moveRound(tx, id, { from: ["SCHEDULED"], to: "OPEN", dueBy: { field: "opensAt", now }, data: { openedAt: now } })) ? id : null,
      );
      // A job left from before the times were edited finds nothing due: the round's jobs are planned again.
      await plan(moved ?? (await load(id)));
      return moved ? "opened" : "skipped";
    },

    /** The close-round job: closes an open round once its closing time has come; anything else is a no-op. */
    async closeDue(id: number): Promise<"closed" | "skipped"> {
      const before = await repo.findAdminRound(db, id);
      if (!before) return "skipped";
      const now = deps.now();
      const moved = await commit(null, "round.close", before, async (tx) =>
        (await repo.moveRound(tx, id, { from: ["OPEN"], to: "CLOSED", dueBy: { field: "closesAt", now }, data: { closedAt: now } })) ? id : null,
      );
      await plan(moved ?? (await load(id)));
      return moved ? "closed" : "skipped";
    },

    /** The sweep: every scheduled or open round's jobs planned again (after a restart, a Redis outage, a lost job). */
    async replanAll(): Promise<number> {
      const rounds = await repo.findLiveRounds(db);
      for (const round of rounds) await plan(round);
      return rounds.length;
    },

    /** The results section: a summary and the selected suggestions by tracking code (of this round only). */
    async saveResults(actor: RoundActor, id: number, form: ResultsForm): Promise<void> {
      const before = await load(id);
      if (form.version !== undefined && form.version !== before.version) throw new StaleRoundError();
      if (before.status !== "CLOSED" && before.status !== "ARCHIVED") throw new ConflictError("rounds:admin.errors.resultsBeforeClose");
      const found = await repo.findSuggestionsByCodes(db, id, form.highlights);
      const byCode = new Map(found.map((s) => [s.trackingCode, s.id]));
      const unknown = form.highlights.filter((code) => !byCode.has(code));
      if (unknown.length) throw new ValidationError({ highlights: "rounds:admin.errors.highlightsUnknown" });
      await commit(actor, "round.results", before, async (tx) => {
        const saved = await repo.updateRound(tx, id, { version: before.version, status: before.status }, {
          resultsSummary: form.resultsSummary,
          resultsSummaryEn: form.resultsSummaryEn,
          resultsPublishedAt: before.resultsPublishedAt ?? deps.now(),
        });
        if (!saved) throw new StaleRoundError();
        await repo.replaceHighlights(tx, id, form.highlights.map((code) => byCode.get(code) as number));
        return id;
      });
    },

    highlightCodes: (id: number) => repo.highlightCodes(db, id),

    /**
     * A new cover image from a temporary upload: its type is read from its bytes; anything but a JPEG, PNG or WebP
     * is refused. The temporary file is always removed.
     */
    async setCover(actor: RoundActor, id: number, version: number | undefined, file: { tempPath: string; size: number } | null): Promise<void> {
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
        try {
          await commit(actor, "round.cover", before, async (tx) => {
            if (!(await repo.setCover(tx, id, before.version, cover))) throw new StaleRoundError();
            return id;
          });
        } catch (err) {
          if (cover.coverImage) await deps.storage.remove(cover.coverImage).catch(() => undefined);
          throw err;
        }
        if (before.coverImage) await deps.storage.remove(before.coverImage).catch(() => undefined);
      } finally {
        if (file) await rm(file.tempPath, { force: true });
      }
    },
  };
}

export type RoundAdminService = ReturnType<typeof createRoundAdminService>;
