// A department's inbox (本单位待办): its assignments, nearest deadline first while work is owed, keyset-paged.
// Coordinators and administrators choose the department to look at; an official always sees their own.
import type { Infrastructure } from "../../container.ts";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { isReplyDeadlineRunning, REPLY_DEADLINE_STATUSES, type Deadlines } from "../deadlines/index.ts";
import type { Viewer } from "./access.ts";
import { encodeCursor, INBOX_PAGE_SIZE, type InboxQuery, type StatusFilter } from "./casework.schemas.ts";
import { LIVE_ASSIGNMENT } from "./department-rules.ts";
import * as repo from "./inbox.repository.ts";
import { ttlCache } from "../../platform/ttl-cache.ts";
import { findDepartment, loadInboxNames, type NamedRef } from "./reference.repository.ts";

export interface InboxItem extends repo.InboxRow {
  deadline: Date;
  owed: boolean;
  overdue: boolean;
  dueSoon: boolean;
}

export interface InboxView {
  department: NamedRef | null;
  /** For coordinators and administrators, who choose the department to look at. */
  departments: NamedRef[] | null;
  categories: NamedRef[];
  rounds: NamedRef[];
  items: InboxItem[];
  nextCursor: string | null;
  prevCursor: string | null;
  query: InboxQuery;
  /** For a department head: the lead replies waiting for their approval (答复待审核), oldest first. */
  awaitingApproval: repo.AwaitingReplyRow[];
}

/** The nearest deadline first while work is owed; the most recent first when looking back. */
export function inboxDirection(status: StatusFilter): "asc" | "desc" {
  return status === "open" || isReplyDeadlineRunning(status as SuggestionStatus) ? "asc" : "desc";
}

export type InboxDeps = Pick<Infrastructure, "db" | "now"> & { deadlines: Deadlines };

/**
 * The names beside the rows and in the filters change a few times a year and were read on every inbox request:
 * each process keeps them for this long. An administrator's change clears this process's copy at once (`forgetNames`,
 * wired in services.ts); other web processes show a renamed department, category or round within the TTL.
 */
const NAMES_TTL_MS = 30_000;

export function createInboxService(deps: InboxDeps) {
  const { db } = deps;
  const names = ttlCache(NAMES_TTL_MS, () => loadInboxNames(db));

  /** From the cached list; a department created since (on another process) is read fresh rather than refused. */
  async function departmentOf(id: number, departments: NamedRef[]): Promise<NamedRef | null> {
    return departments.find((d) => d.id === id) ?? (await findDepartment(db, id));
  }

  return {
    /** Forgets the cached names: called after an administrator's change, so this process shows it at once. */
    forgetNames: () => names.clear(),

    async inbox(viewer: Viewer, query: InboxQuery): Promise<InboxView> {
      // An official's inbox is their own department's, whatever the query string says.
      const departmentId = viewer.role === "OFFICIAL" ? viewer.departmentId : (query.departmentId ?? null);
      if (viewer.role === "OFFICIAL" && departmentId === null) throw new ForbiddenError();
      const { departments: all, categories, rounds } = await names.get();
      const department = departmentId !== null ? await departmentOf(departmentId, all) : null;
      const departments = viewer.role === "OFFICIAL" ? null : all;
      if (departmentId !== null && !department) throw new NotFoundError();
      const view: InboxView = { department, departments, categories, rounds, items: [], nextCursor: null, prevCursor: null, query, awaitingApproval: [] };
      if (!department) return view;
      // A head's replies awaiting approval and the page's rows are independent reads: side by side.
      const awaiting = viewer.role === "OFFICIAL" && viewer.isHead ? repo.findAwaitingReplies(db, department.id) : undefined;
      const inbox = repo.findInboxRows(db, {
        departmentId: department.id,
        assignmentStatuses: query.status === "open" ? LIVE_ASSIGNMENT : ["PENDING", "ACCEPTED", "REPLIED", "RETURNED"],
        suggestionStatuses: query.status === "open" ? REPLY_DEADLINE_STATUSES : query.status === "all" ? null : [query.status],
        ...(query.roundId !== undefined ? { roundId: query.roundId } : {}),
        ...(query.categoryId !== undefined ? { categoryId: query.categoryId } : {}),
        direction: inboxDirection(query.status),
        ...(query.after ? { after: query.after } : {}),
        ...(query.before ? { before: query.before } : {}),
        limit: INBOX_PAGE_SIZE,
      });
      const [{ rows, backward }, awaitingApproval] = await Promise.all([inbox, awaiting]);
      if (awaitingApproval) view.awaitingApproval = awaitingApproval;
      const more = rows.length > INBOX_PAGE_SIZE;
      const page = rows.slice(0, INBOX_PAGE_SIZE);
      if (backward) page.reverse();
      const now = deps.now();
      view.items = page.map((row) => {
        // The lead's deadline moves with an approved extension; an assisting department keeps its own.
        const at = row.role === "LEAD" && row.replyDueAt ? row.replyDueAt : row.dueAt;
        const owed = LIVE_ASSIGNMENT.includes(row.assignmentStatus) && isReplyDeadlineRunning(row.status);
        const d = deps.deadlines.state(at, owed, now);
        // Object.assign, not a spread with added keys: V8's slow path for that shape cost µs per row (see form-helpers).
        return Object.assign({}, row, { deadline: d.at, owed, overdue: d.overdue, dueSoon: d.dueSoon });
      });
      const firstRow = page[0];
      const lastRow = page[page.length - 1];
      const hasNext = backward ? true : more;
      const hasPrev = backward ? more : query.after !== undefined;
      view.nextCursor = hasNext && lastRow ? encodeCursor({ dueAt: lastRow.dueAt, id: lastRow.assignmentId }) : null;
      view.prevCursor = hasPrev && firstRow ? encodeCursor({ dueAt: firstRow.dueAt, id: firstRow.assignmentId }) : null;
      return view;
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
