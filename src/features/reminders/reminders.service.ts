// The deadline scans (reminders, escalation, closing after the rating window), run by the scan-deadlines job every few minutes (workers/processors/scan-deadlines.ts):
// reminders before the reply deadline, escalation after it, and closing answered suggestions whose rating window
// has passed. Every scan is idempotent — emails have a dedupe key per deadline and recipient, an escalation's event
// is guarded under a row lock, a close is a conditional transition — so running it twice, or on two workers at
// once, changes nothing the second time.
import type { Infrastructure } from "../../container.ts";
import { ConflictError } from "../../errors.ts";
import { TX_OPTIONS } from "../../platform/db.ts";
import { toLocale, DEFAULT_LOCALE, type Locale } from "../../platform/i18n.ts";
import { isReplyDeadlineRunning, type Deadlines } from "../deadlines/index.ts";
import { applyTransition } from "../lifecycle/index.ts";
import { queueEmails, type EmailDraft } from "../notifications/index.ts";
import { overdueKey, reminderKey } from "./reminder-keys.ts";
import { autoCloseNote, overdueNote } from "./reminder-notes.ts";
import * as repo from "./reminders.repository.ts";

/** Suggestions per query and transaction. */
export const SCAN_BATCH = 200;
/** Batches per kind of work and run; a larger backlog is taken by the next runs, oldest id first. */
export const SCAN_MAX_BATCHES = 10;

export interface ScanResult {
  /** Reminder emails written to the outbox by this run (not counting those written by earlier runs). */
  reminders: number;
  /** Suggestions escalated by this run. */
  escalated: number;
  /** Escalation emails written to the outbox by this run. */
  escalationEmails: number;
  /** Suggestions closed because their rating window had passed. */
  closed: number;
}

export type ReminderDeps = Pick<Infrastructure, "db" | "config" | "logger" | "enqueuer" | "now"> & { deadlines: Deadlines };

function localeOf(value: string): Locale {
  return toLocale(value) ?? DEFAULT_LOCALE;
}

export function createReminderService(c: ReminderDeps, opts: { batch?: number; maxBatches?: number } = {}) {
  const batch = opts.batch ?? SCAN_BATCH;
  const maxBatches = opts.maxBatches ?? SCAN_MAX_BATCHES;
  const caseUrl = (id: number) => `${c.config.publicBaseUrl}/staff/suggestions/${id}`;

  /** What the staff emails show: where to find the case, never who submitted it. */
  function emailData(s: repo.DueSuggestion, department: repo.DepartmentContact | undefined) {
    return {
      trackingCode: s.trackingCode,
      title: s.title,
      dueAt: s.dueAt.toISOString(),
      department: { name: department?.name ?? "", nameEn: department?.nameEn ?? "" },
      url: caseUrl(s.id),
    };
  }

  /** Counts only rows this run created: queueEmails returns every still-pending id of the keys. */
  async function newRows(tx: Parameters<typeof queueEmails>[0], drafts: EmailDraft[]): Promise<{ ids: number[]; created: number }> {
    if (drafts.length === 0) return { ids: [], created: 0 };
    const before = await tx.emailMessage.count({ where: { dedupeKey: { in: drafts.map((d) => d.dedupeKey) } } });
    const ids = await queueEmails(tx, drafts);
    return { ids, created: drafts.length - before };
  }

  async function sendReminders(now: Date): Promise<number> {
    const horizon = c.deadlines.reminderHorizon(now);
    let afterId = 0;
    let written = 0;
    for (let i = 0; i < maxBatches; i += 1) {
      const due = await repo.findDueForReminder(c.db, { now, horizon, afterId, limit: batch });
      if (due.length === 0) break;
      afterId = due[due.length - 1]!.id;
      const departmentIds = [...new Set(due.map((s) => s.departmentId))];
      const [officials, departments] = await Promise.all([repo.findOfficials(c.db, departmentIds), repo.findDepartments(c.db, departmentIds)]);
      const byId = new Map(departments.map((d) => [d.id, d]));
      const drafts: EmailDraft[] = due.flatMap((s) =>
        (officials.get(s.departmentId) ?? []).map((user) => ({
          dedupeKey: reminderKey(s.assignmentId, s.dueAt, user.id),
          to: user.email,
          template: "deadline-reminder" as const,
          locale: localeOf(user.locale),
          data: { ...emailData(s, byId.get(s.departmentId)), workingDays: c.deadlines.settings.reminderWorkingDays },
        })),
      );
      const { ids, created } = await c.db.$transaction((tx) => newRows(tx, drafts), TX_OPTIONS);
      written += created;
      // After commit and best-effort: the sweep sends whatever could not be queued now.
      await c.enqueuer.sendEmails(ids);
      if (due.length < batch) break;
    }
    return written;
  }

  async function escalateOverdue(now: Date): Promise<{ escalated: number; emails: number }> {
    let afterId = 0;
    let escalated = 0;
    let emails = 0;
    const coordinators = await repo.findCoordinators(c.db);
    for (let i = 0; i < maxBatches; i += 1) {
      const overdue = await repo.findOverdue(c.db, { now, afterId, limit: batch });
      if (overdue.length === 0) break;
      afterId = overdue[overdue.length - 1]!.id;
      const departmentIds = [...new Set(overdue.map((s) => s.departmentId))];
      const [heads, departments] = await Promise.all([repo.findHeads(c.db, departmentIds), repo.findDepartments(c.db, departmentIds)]);
      const byId = new Map(departments.map((d) => [d.id, d]));

      for (const s of overdue) {
        const department = byId.get(s.departmentId);
        const recipients = new Map<string, Locale>();
        for (const user of [...coordinators, ...(heads.get(s.departmentId) ?? [])]) {
          if (!recipients.has(user.email.toLowerCase())) recipients.set(user.email.toLowerCase(), localeOf(user.locale));
        }
        if (department?.headEmail && !recipients.has(department.headEmail.toLowerCase())) {
          recipients.set(department.headEmail.toLowerCase(), DEFAULT_LOCALE);
        }
        const drafts: EmailDraft[] = [...recipients].map(([to, locale]) => ({
          dedupeKey: overdueKey(s.assignmentId, s.dueAt, to),
          to,
          template: "deadline-overdue",
          locale,
          data: emailData(s, department),
        }));

        const outcome = await c.db.$transaction(async (tx) => {
          const current = await repo.lockForEscalation(tx, s.id);
          // Replied, returned or extended since the query: nothing to escalate any more (or a new deadline).
          if (
            !current ||
            !isReplyDeadlineRunning(current.status) ||
            current.replyDueAt?.getTime() !== s.dueAt.getTime() ||
            !c.deadlines.isOverdue(s.dueAt, now)
          ) {
            return null;
          }
          if (await repo.hasEscalation(tx, s.id, s.dueAt)) return null;
          await repo.recordEscalation(tx, { suggestionId: s.id, departmentId: s.departmentId, note: overdueNote(s.dueAt), at: now });
          return newRows(tx, drafts);
        }, TX_OPTIONS);
        if (!outcome) continue;
        escalated += 1;
        emails += outcome.created;
        await c.enqueuer.sendEmails(outcome.ids);
      }
      if (overdue.length < batch) break;
    }
    return { escalated, emails };
  }

  async function closeExpiredRatings(now: Date): Promise<number> {
    const cutoff = c.deadlines.ratingCutoff(now);
    let afterId = 0;
    let closed = 0;
    for (let i = 0; i < maxBatches; i += 1) {
      const ids = await repo.findRatingExpired(c.db, { cutoff, afterId, limit: batch });
      if (ids.length === 0) break;
      afterId = ids[ids.length - 1]!;
      for (const suggestionId of ids) {
        try {
          await c.db.$transaction(
            (tx) => applyTransition(tx, { suggestionId, action: "close", actorId: null, note: autoCloseNote() }),
            TX_OPTIONS,
          );
          closed += 1;
        } catch (err) {
          // Rated (and so closed) by the citizen in the meantime, or closed by another run.
          if (!(err instanceof ConflictError)) throw err;
        }
      }
      if (ids.length < batch) break;
    }
    return closed;
  }

  return {
    sendReminders,
    escalateOverdue,
    closeExpiredRatings,
    /** One run of all three scans against the same "now". */
    async scan(): Promise<ScanResult> {
      const now = c.now();
      const reminders = await sendReminders(now);
      const { escalated, emails } = await escalateOverdue(now);
      const closed = await closeExpiredRatings(now);
      const result = { reminders, escalated, escalationEmails: emails, closed };
      if (reminders + escalated + closed > 0) c.logger.info(result, "deadline scan wrote reminders, escalations or closes");
      return result;
    },
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
