// What a department may do with a case now: sign for it, return it, ask for more time, add a note, reply. The case
// page's buttons and the POST handlers both ask `refusal`, so what is offered is what is allowed.
import { ConflictError, ForbiddenError, NotFoundError, type AppError } from "../../errors.ts";
import type { AssignmentStatus, SuggestionStatus } from "../../generated/prisma/enums.ts";
import { isReplyDeadlineRunning, returnWindowEndsAt } from "../deadlines/index.ts";
import { canApply } from "../lifecycle/index.ts";
import { departmentAssignment, type AccessibleSuggestion, type DepartmentRole, type Viewer } from "./access.ts";

/** Assignments a department is still working on; RETURNED, TRANSFERRED and REPLIED ones are history. */
export const LIVE_ASSIGNMENT: readonly AssignmentStatus[] = ["PENDING", "ACCEPTED"];
const HANDLING: readonly SuggestionStatus[] = ["IN_HANDLING", "EXTENDED"];

/**
 * 签收 · 退回 · 申请延期 · 内部备注 · 答复 (or, for an assisting department, its opinion) · 审核答复 (a head approves
 * or sends back the lead reply awaiting approval).
 */
export type DepartmentAction = "sign" | "return" | "extension" | "note" | "reply" | "reviewReply";

export interface ActionContext {
  viewer: Viewer;
  suggestion: AccessibleSuggestion;
  leadReplied: boolean;
  pendingExtension: boolean;
  /** The lead reply is written and waits for the department head (答复需负责人审核). */
  replyAwaitingApproval: boolean;
  now: Date;
  returnWindowWorkingDays: number;
}

/** Why the viewer may not take this action now, as the error to throw, or null when they may. */
export function refusal(action: DepartmentAction, ctx: ActionContext): AppError | null {
  const { viewer, suggestion: s } = ctx;
  // Coordinators can see every case but do not act for a department (they assign, transfer and supervise).
  if (viewer.role !== "OFFICIAL") return new ForbiddenError("casework:errors.departmentsOnly");
  const mine = departmentAssignment(viewer, s);
  if (!mine) return new NotFoundError();
  const illegal = () => new ConflictError("errors:illegalTransition", { action, from: s.status });
  const live = LIVE_ASSIGNMENT.includes(mine.status);
  switch (action) {
    case "note":
      return null;
    case "sign":
      if (mine.status === "ACCEPTED" || mine.status === "REPLIED") return new ConflictError("casework:errors.alreadySigned");
      if (mine.status !== "PENDING") return illegal();
      if (mine.role === "LEAD" ? !canApply("sign", s.status) : !isReplyDeadlineRunning(s.status)) return illegal();
      return null;
    case "return":
      if (mine.role !== "LEAD") return new ForbiddenError("casework:errors.leadOnly");
      if (!live || !canApply("returnAssignment", s.status)) return illegal();
      if (ctx.now > returnWindowEndsAt(mine.assignedAt, ctx.returnWindowWorkingDays)) {
        return new ConflictError("casework:errors.returnWindowPassed", { days: ctx.returnWindowWorkingDays });
      }
      return null;
    case "extension":
      if (mine.role !== "LEAD") return new ForbiddenError("casework:errors.leadOnly");
      if (!live || !canApply("extend", s.status)) return illegal();
      if (ctx.pendingExtension) return new ConflictError("casework:errors.extensionPending");
      return null;
    case "reply":
      if (mine.role === "LEAD") {
        if (ctx.leadReplied) return new ConflictError("casework:errors.alreadyReplied");
        if (ctx.replyAwaitingApproval) return new ConflictError("casework:errors.replyAwaitingApproval");
        if (!live || !canApply("reply", s.status)) return illegal();
        return null;
      }
      if (mine.status === "REPLIED") return new ConflictError("casework:errors.opinionGiven");
      if (!live || !HANDLING.includes(s.status)) return illegal();
      return null;
    case "reviewReply":
      // Only a head of the lead department; other officials of it see the reply waiting, without the buttons.
      if (mine.role !== "LEAD" || !viewer.isHead) return new ForbiddenError("casework:errors.headOnly");
      if (ctx.leadReplied) return new ConflictError("casework:errors.alreadyReplied");
      if (!ctx.replyAwaitingApproval) return new ConflictError("casework:errors.noReplyAwaiting");
      if (!live || !canApply("reply", s.status)) return illegal();
      return null;
  }
}

export interface Permissions {
  role: DepartmentRole | null;
  sign: boolean;
  return: boolean;
  extension: boolean;
  note: boolean;
  reply: boolean;
  reviewReply: boolean;
  /** The lead department's return window: when it ends and whether that is past. */
  returnWindowEndsAt: Date | null;
  returnWindowPassed: boolean;
  extensionPending: boolean;
  /**
   * An assisting department that has signed while the lead department has not: its opinion waits until the case is
   * in handling (the opinion goes to the lead department, which must have taken the case); notes are open already.
   */
  opinionWaitsForLead: boolean;
  /** Whether any department form is shown at all. */
  any: boolean;
}

export function permissionsFor(ctx: ActionContext): Permissions {
  const mine = departmentAssignment(ctx.viewer, ctx.suggestion);
  const may = (a: DepartmentAction) => refusal(a, ctx) === null;
  const windowEndsAt = mine?.role === "LEAD" ? returnWindowEndsAt(mine.assignedAt, ctx.returnWindowWorkingDays) : null;
  const p: Permissions = {
    role: mine?.role ?? null,
    sign: may("sign"),
    return: may("return"),
    extension: may("extension"),
    note: may("note"),
    reply: may("reply"),
    reviewReply: may("reviewReply"),
    returnWindowEndsAt: windowEndsAt,
    returnWindowPassed:
      mine?.role === "LEAD" && LIVE_ASSIGNMENT.includes(mine.status) && canApply("returnAssignment", ctx.suggestion.status) &&
      windowEndsAt !== null && ctx.now > windowEndsAt,
    extensionPending: ctx.pendingExtension,
    opinionWaitsForLead: mine?.role === "ASSIST" && mine.status === "ACCEPTED" && ctx.suggestion.status === "ASSIGNED",
    any: false,
  };
  p.any = p.sign || p.return || p.extension || p.note || p.reply || p.reviewReply;
  return p;
}
