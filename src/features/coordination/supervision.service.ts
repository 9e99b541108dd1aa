// Supervision (督办): open suggestions overdue or due within the reminder window, by lead department.
import type { Infrastructure } from "../../container.ts";
import type { StaffUser } from "../auth/index.ts";
import type { Deadlines } from "../deadlines/index.ts";
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

export type SupervisionDeps = Pick<Infrastructure, "db" | "now"> & { deadlines: Deadlines };

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
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
