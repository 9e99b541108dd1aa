// Supervision (督办): open suggestions overdue or due within the reminder window, by lead department.
import type { Infrastructure } from "../../container.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import { TX_OPTIONS } from "../../platform/db.ts";
import type { StaffUser } from "../auth/index.ts";
import { isReplyDeadlineRunning, type Deadlines } from "../deadlines/index.ts";
import { EVENT_TYPE, recordEvent, typedNote } from "../lifecycle/index.ts";
import { citizenEmailFor, queueEmails, type EmailDraft } from "../notifications/index.ts";
import { DEFAULT_LOCALE, toLocale } from "../../platform/i18n.ts";
import { coordinationNotes } from "./coordination-notes.ts";
import type { FollowUpForm, UrgeForm } from "./coordination.schemas.ts";
import { assertOfficeStaff } from "./office-staff.ts";
import * as repo from "./supervision.repository.ts";

export const SUPERVISION_LIMIT = 300;
/** 1 or 2 stars: a citizen unhappy with the answer, whom a well-run office calls back (满意度回访). */
export const LOW_RATING_MAX_SCORE = 2;
const LOW_RATING_DAYS = 90;
const LOW_RATING_LIMIT = 100;
/** 催办 at most once a day per case: an urge is the office's voice, not a spam button. */
export const URGE_INTERVAL_MS = 24 * 3600_000;

export interface SupervisionItem extends repo.SupervisedRow {
  overdue: boolean;
  /** Urged within URGE_INTERVAL_MS: the urge form is not offered again yet. */
  urgedRecently: boolean;
  /** Working days left (0 = due today) or, when overdue, working days past the deadline. */
  workingDays: number;
}

export interface SupervisionGroup extends repo.DepartmentLoad {
  items: SupervisionItem[];
}

export interface Supervision {
  groups: SupervisionGroup[];
  totals: { overdue: number; dueSoon: number };
  dueBy: Date;
  reminderWorkingDays: number;
  departmentId: number | null;
  truncated: boolean;
  /** Low ratings of the last 90 days, newest first. */
  lowRatings: repo.LowRating[];
}

export type SupervisionDeps = Pick<Infrastructure, "db" | "now" | "config" | "enqueuer" | "logger"> & { deadlines: Deadlines };

export function createSupervisionService(c: SupervisionDeps) {
  return {
    async overview(user: StaffUser, departmentId: number | null): Promise<Supervision> {
      assertOfficeStaff(user);
      const now = c.now();
      const dueBy = c.deadlines.reminderHorizon(now);
      const [summary, rows, lowRatings] = await Promise.all([
        repo.supervisionSummary(c.db, now, dueBy),
        repo.findSupervised(c.db, dueBy, departmentId, SUPERVISION_LIMIT + 1),
        repo.findLowRatings(c.db, LOW_RATING_MAX_SCORE, new Date(now.getTime() - LOW_RATING_DAYS * 24 * 3600_000), LOW_RATING_LIMIT),
      ]);
      const shownRows = rows.slice(0, SUPERVISION_LIMIT);
      const urged = await repo.lastUrged(c.db, shownRows.map((r) => r.id));
      const items = shownRows.map((r): SupervisionItem => {
        const due = r.replyDueAt ?? now;
        const lastUrgedAt = urged.get(r.id) ?? null;
        return {
          ...r,
          lastUrgedAt,
          urgedRecently: lastUrgedAt !== null && now.getTime() - lastUrgedAt.getTime() < URGE_INTERVAL_MS,
          overdue: c.deadlines.isOverdue(due, now),
          workingDays: c.deadlines.workingDaysFromDeadline(due, now),
        };
      });
      const shown = departmentId ? summary.filter((d) => d.departmentId === departmentId) : summary;
      return {
        groups: shown.map((d) => ({ ...d, items: items.filter((i) => i.leadDepartmentId === d.departmentId) })),
        totals: {
          overdue: summary.reduce((n, d) => n + d.overdue, 0),
          dueSoon: summary.reduce((n, d) => n + d.dueSoon, 0),
        },
        dueBy,
        reminderWorkingDays: c.deadlines.settings.reminderWorkingDays,
        departmentId,
        truncated: rows.length > SUPERVISION_LIMIT,
        lowRatings,
      };
    },

    /**
     * 回访: the office's note to a citizen who rated the reply 1 or 2 stars. Once per suggestion; a history event the
     * citizen reads on the tracking page (not internal) and their email, in one transaction.
     */
    async followUp(user: StaffUser, suggestionId: number, form: FollowUpForm): Promise<void> {
      assertOfficeStaff(user);
      const emailIds = await c.db.$transaction(async (tx) => {
        const state = await repo.followUpState(tx, suggestionId, LOW_RATING_MAX_SCORE);
        if (state === "none") throw new NotFoundError();
        if (state === "sent") throw new ConflictError("coordination:errors.followUpSent");
        await recordEvent(tx, { suggestionId, type: EVENT_TYPE.FOLLOW_UP, actorId: user.id, note: typedNote(form.note), internal: false, at: c.now() });
        return queueEmails(tx, await citizenEmailFor(tx, c.config.publicBaseUrl, suggestionId, {
          dedupeKey: `follow-up-${suggestionId}`,
          template: "rating-follow-up",
          data: { note: form.note },
        }));
      }, TX_OPTIONS);
      c.logger.info({ suggestionId, actorId: user.id }, "low rating followed up");
      await c.enqueuer.sendEmails(emailIds);
    },

    /**
     * 催办: a message to the lead department's head and officials (and the head's address on the department) about a
     * case still waiting for its reply; an internal history event. Once per URGE_INTERVAL_MS per case.
     */
    async urge(user: StaffUser, suggestionId: number, form: UrgeForm): Promise<void> {
      assertOfficeStaff(user);
      const now = c.now();
      const emailIds = await c.db.$transaction(async (tx) => {
        const s = await repo.lockForUrge(tx, suggestionId);
        if (!s) throw new NotFoundError();
        const lead = s.leadDepartment;
        if (!lead || !isReplyDeadlineRunning(s.status)) throw new ConflictError("coordination:errors.notUrgeable");
        const last = (await repo.lastUrged(tx, [s.id])).get(s.id);
        if (last && now.getTime() - last.getTime() < URGE_INTERVAL_MS) throw new ConflictError("coordination:errors.urgedRecently");
        await recordEvent(tx, { suggestionId: s.id, type: EVENT_TYPE.URGED, actorId: user.id, departmentId: lead.id, note: coordinationNotes.urged(lead, form.note), internal: true, at: now });
        const to = new Map<string, string>();
        for (const r of await repo.findUrgeRecipients(tx, lead.id)) to.set(r.email.toLowerCase(), r.locale);
        if (lead.headEmail && !to.has(lead.headEmail.toLowerCase())) to.set(lead.headEmail.toLowerCase(), DEFAULT_LOCALE);
        const drafts: EmailDraft[] = [...to].map(([address, locale]) => ({
          // One per urge and person: the urge's time is in the key, so the next day's urge is a new email.
          dedupeKey: `urged-${s.id}-${now.getTime()}-${address}`,
          to: address,
          template: "suggestion-urged",
          locale: toLocale(locale) ?? DEFAULT_LOCALE,
          data: {
            trackingCode: s.trackingCode,
            title: s.title,
            departmentName: lead.name,
            ...(s.replyDueAt ? { dueAt: s.replyDueAt.toISOString() } : {}),
            ...(form.note ? { note: form.note } : {}),
            url: `${c.config.publicBaseUrl}/staff/suggestions/${s.id}`,
          },
        }));
        return queueEmails(tx, drafts);
      }, TX_OPTIONS);
      c.logger.info({ suggestionId, actorId: user.id }, "suggestion urged");
      await c.enqueuer.sendEmails(emailIds);
    },
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
