// Who may see a suggestion, and in what capacity a department acts on it. Every casework service method starts
// here, so the rule lives in one place: coordinators and administrators see every suggestion; an official sees
// only suggestions on which their department has a current (not TRANSFERRED) LEAD or ASSIST assignment. Any
// other id is "not found" — never "forbidden", which would confirm that the id exists.
import { NotFoundError } from "../../errors.ts";
import type { DbClient } from "../../platform/db.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { AssignmentRole, AssignmentStatus, Role, SuggestionStatus } from "../../generated/prisma/enums.ts";
import { isOfficeStaff } from "../auth/index.ts";

export interface Viewer {
  id: number;
  role: Role;
  departmentId: number | null;
  /** 单位负责人: approves the department's replies when it asks for that (department-rules.ts, "reviewReply"). */
  isHead?: boolean;
}

export interface AccessAssignment {
  id: number;
  departmentId: number;
  role: AssignmentRole;
  status: AssignmentStatus;
  assignedAt: Date;
  dueAt: Date;
  acceptedAt: Date | null;
}

export interface AccessibleSuggestion {
  id: number;
  status: SuggestionStatus;
  leadDepartmentId: number | null;
  replyDueAt: Date | null;
  assignments: AccessAssignment[];
}

export type DepartmentRole = "LEAD" | "ASSIST";

/** A transfer moves the case away from a department for good; a return or a reply leaves it on their record. */
export function isCurrentAssignment(a: Pick<AccessAssignment, "status">): boolean {
  return a.status !== "TRANSFERRED";
}

export function canSee(viewer: Viewer, suggestion: Pick<AccessibleSuggestion, "assignments">): boolean {
  if (isOfficeStaff(viewer)) return true;
  if (viewer.role !== "OFFICIAL" || viewer.departmentId === null) return false;
  return suggestion.assignments.some((a) => a.departmentId === viewer.departmentId && isCurrentAssignment(a));
}

/** `canSee` as a query condition, for lists that must show only what the viewer may open (staff search). */
export function visibleSuggestionsWhere(viewer: Viewer): Prisma.SuggestionWhereInput {
  if (isOfficeStaff(viewer)) return {};
  if (viewer.role !== "OFFICIAL" || viewer.departmentId === null) return { id: -1 };
  return { assignments: { some: { departmentId: viewer.departmentId, status: { not: "TRANSFERRED" } } } };
}

export function assertCanSee(viewer: Viewer, suggestion: Pick<AccessibleSuggestion, "assignments">): void {
  if (!canSee(viewer, suggestion)) throw new NotFoundError();
}

// A department can hold more than one assignment on a case (returned, then assigned again): the live one counts.
const STATUS_RANK: Record<AssignmentStatus, number> = { PENDING: 0, ACCEPTED: 0, REPLIED: 1, RETURNED: 2, TRANSFERRED: 3 };

/**
 * The viewer's department's current assignment on the case, or null. Only officials act for a department: a
 * coordinator belongs to the collection office's own department, but does not act as that department.
 */
export function departmentAssignment(viewer: Viewer, suggestion: Pick<AccessibleSuggestion, "assignments">): AccessAssignment | null {
  if (viewer.role !== "OFFICIAL" || viewer.departmentId === null) return null;
  const mine = suggestion.assignments
    .filter((a) => a.departmentId === viewer.departmentId && isCurrentAssignment(a))
    .sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || (a.role === b.role ? 0 : a.role === "LEAD" ? -1 : 1) || b.id - a.id);
  return mine[0] ?? null;
}

export function departmentRole(viewer: Viewer, suggestion: Pick<AccessibleSuggestion, "assignments">): DepartmentRole | null {
  return departmentAssignment(viewer, suggestion)?.role ?? null;
}

/** The suggestion with its assignments, if the viewer may see it; NotFoundError otherwise (same as a missing id). */
export async function loadAccessibleSuggestion(db: DbClient, viewer: Viewer, id: number): Promise<AccessibleSuggestion> {
  const row = await db.suggestion.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      leadDepartmentId: true,
      replyDueAt: true,
      assignments: {
        orderBy: { id: "asc" },
        select: { id: true, departmentId: true, role: true, status: true, assignedAt: true, dueAt: true, acceptedAt: true },
      },
    },
  });
  if (!row) throw new NotFoundError();
  assertCanSee(viewer, row);
  return row;
}
