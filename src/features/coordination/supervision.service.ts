// Supervision (督办): open suggestions overdue or due within the reminder window, by lead department.
import type { Infrastructure } from "../../container.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import { TX_OPTIONS } from "../../platform/db.ts";
import type { StaffUser } from "../auth/index.ts";
import type { Deadlines } from "../deadlines/index.ts";
import { EVENT_TYPE, recordEvent, typedNote } from "../lifecycle/index.ts";
import { citizenEmailFor, queueEmails } from "../notifications/index.ts";
import type { FollowUpForm } from "./coordination.schemas.ts";
import { assertOfficeStaff } from "./office-staff.ts";
import * as repo from "./supervision.repository.ts";

export const SUPERVISION_LIMIT = 300;
/** 1 or 2 stars: a citizen unhappy with the answer, whom a well-run office calls back (满意度回访). */
export const LOW_RATING_MAX_SCORE = 2;
const LOW_RATING_DAYS = 90;
const LOW_RATING_LIMIT = 100;

export interface SupervisionItem extends repo.SupervisedRow {
  overdue: boolean;
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
      const items = rows.slice(0, SUPERVISION_LIMIT).map((r): SupervisionItem => {
        const due = r.replyDueAt ?? now;
        return { ...r, overdue: c.deadlines.isOverdue(due, now), workingDays: c.deadlines.workingDaysFromDeadline(due, now) };
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
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
