// The screening queue (甄别): new, triaged and returned suggestions, oldest first, with the router's proposal, the
// return reason and the overdue mark, filtered by kind, round and category.
import type { Infrastructure } from "../../container.ts";
import type { StaffUser } from "../auth/index.ts";
import type { Deadlines } from "../deadlines/index.ts";
import type { QueueFilters } from "./coordination.schemas.ts";
import { assertOfficeStaff } from "./office-staff.ts";
import * as repo from "./screening-queue.repository.ts";

export const QUEUE_PAGE_SIZE = 50;

export interface QueueItem extends repo.QueueRow {
  screeningOverdue: boolean;
  returned: repo.ReturnInfo | null;
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  nextCursor: { submittedAt: Date; id: number } | null;
  rounds: { id: number; title: string; titleEn: string }[];
  categories: { id: number; name: string; nameEn: string }[];
}

export type ScreeningQueueDeps = Pick<Infrastructure, "db" | "now"> & { deadlines: Deadlines };

export function createScreeningQueue(c: ScreeningQueueDeps) {
  return {
    async page(user: StaffUser, filters: QueueFilters): Promise<QueuePage> {
      assertOfficeStaff(user);
      const where = { kind: filters.kind, roundId: filters.roundId, categoryId: filters.categoryId };
      const [rows, total, rounds, categories] = await Promise.all([
        repo.findQueuePage(c.db, where, filters.after, QUEUE_PAGE_SIZE + 1),
        repo.countQueue(c.db, where),
        repo.findRoundOptions(c.db),
        repo.findCategoryOptions(c.db),
      ]);
      const page = rows.slice(0, QUEUE_PAGE_SIZE);
      const returned = await repo.findReturnInfo(c.db, page.filter((r) => r.status === "RETURNED").map((r) => r.id));
      const now = c.now();
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          ...r,
          // A returned suggestion's screening deadline is long past and says nothing about the new round.
          screeningOverdue: r.status !== "RETURNED" && c.deadlines.isOverdue(r.screeningDueAt, now),
          returned: returned.get(r.id) ?? null,
        })),
        total,
        nextCursor: rows.length > QUEUE_PAGE_SIZE && last ? { submittedAt: last.submittedAt, id: last.id } : null,
        rounds,
        categories,
      };
    },
  };
}

export type ScreeningQueue = ReturnType<typeof createScreeningQueue>;
