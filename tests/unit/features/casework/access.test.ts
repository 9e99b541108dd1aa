import { describe, expect, it } from "vitest";
import { canSee, departmentRole, type AccessAssignment, type AccessibleSuggestion, type Viewer } from "../../../../src/features/casework/access.ts";
import { permissionsFor, refusal, type ActionContext, type DepartmentAction } from "../../../../src/features/casework/department-rules.ts";
import { pathId as parseId } from "../../../../src/web/forms.ts";
import type { AssignmentStatus, SuggestionStatus } from "../../../../src/generated/prisma/enums.ts";

const A = 1;
const B = 2;
const official = (departmentId: number): Viewer => ({ id: 10 + departmentId, role: "OFFICIAL", departmentId });
const coordinator: Viewer = { id: 1, role: "COORDINATOR", departmentId: 99 };
const admin: Viewer = { id: 2, role: "ADMIN", departmentId: null };

let nextId = 1;
function assignment(departmentId: number, role: "LEAD" | "ASSIST", status: AssignmentStatus = "PENDING", assignedAt = new Date()): AccessAssignment {
  return { id: nextId++, departmentId, role, status, assignedAt, dueAt: new Date(assignedAt.getTime() + 30 * 86_400_000), acceptedAt: null };
}
function suggestion(status: SuggestionStatus, assignments: AccessAssignment[]): AccessibleSuggestion {
  return { id: 1, status, leadDepartmentId: assignments.find((a) => a.role === "LEAD")?.departmentId ?? null, replyDueAt: null, assignments };
}
function ctx(viewer: Viewer, s: AccessibleSuggestion, extra: Partial<ActionContext> = {}): ActionContext {
  return { viewer, suggestion: s, leadReplied: false, pendingExtension: false, replyAwaitingApproval: false, now: new Date(), returnWindowWorkingDays: 7, ...extra };
}
const code = (action: DepartmentAction, c: ActionContext) => {
  const err = refusal(action, c);
  return err ? `${err.status} ${err.messageKey}` : "ok";
};

describe("who sees a suggestion", () => {
  it("when the viewer is a coordinator or an administrator, then they see every suggestion, assigned or not", () => {
    expect(canSee(coordinator, suggestion("SCREENING", []))).toBe(true);
    expect(canSee(admin, suggestion("ASSIGNED", [assignment(B, "LEAD")]))).toBe(true);
  });

  it("when the viewer is an official, then only a current lead or assisting assignment of their department lets them see it", () => {
    expect(canSee(official(A), suggestion("ASSIGNED", [assignment(A, "LEAD")]))).toBe(true);
    expect(canSee(official(A), suggestion("ASSIGNED", [assignment(B, "LEAD"), assignment(A, "ASSIST")]))).toBe(true);
    expect(canSee(official(A), suggestion("RETURNED", [assignment(A, "LEAD", "RETURNED")]))).toBe(true);
    expect(canSee(official(A), suggestion("ASSIGNED", [assignment(B, "LEAD")]))).toBe(false);
    expect(canSee(official(A), suggestion("ASSIGNED", [assignment(A, "LEAD", "TRANSFERRED"), assignment(B, "LEAD")]))).toBe(false);
    expect(canSee(official(A), suggestion("SCREENING", []))).toBe(false);
    expect(canSee({ id: 5, role: "OFFICIAL", departmentId: null }, suggestion("ASSIGNED", [assignment(A, "LEAD")]))).toBe(false);
  });

  it("when a department holds an old returned assignment and a new live one, then its role is the live one's", () => {
    const s = suggestion("ASSIGNED", [assignment(A, "LEAD", "RETURNED"), assignment(B, "LEAD", "TRANSFERRED"), assignment(A, "ASSIST", "PENDING")]);
    expect(departmentRole(official(A), s)).toBe("ASSIST");
    expect(departmentRole(coordinator, s)).toBeNull();
  });

  it("when an id in a URL is not a positive integer, then it names nothing (404)", () => {
    expect(parseId("42")).toBe(42);
    for (const bad of ["0", "-1", "01", "1e3", "abc", "9999999999", undefined]) expect(() => parseId(bad)).toThrow(/notFound/);
  });
});

describe("what a department may do", () => {
  it("when the lead has not signed for it yet, then it may sign, return, ask for more time and note, but not reply", () => {
    const c = ctx(official(A), suggestion("ASSIGNED", [assignment(A, "LEAD")]));
    expect(code("sign", c)).toBe("ok");
    expect(code("return", c)).toBe("ok");
    expect(code("extension", c)).toBe("ok");
    expect(code("note", c)).toBe("ok");
    expect(code("reply", c)).toBe("409 errors:illegalTransition");
  });

  it("when the lead is handling it, then it may reply once; a second reply, a second signature and a second pending extension are conflicts", () => {
    const s = suggestion("IN_HANDLING", [assignment(A, "LEAD", "ACCEPTED")]);
    expect(code("reply", ctx(official(A), s))).toBe("ok");
    expect(code("sign", ctx(official(A), s))).toBe("409 casework:errors.alreadySigned");
    expect(code("reply", ctx(official(A), s, { leadReplied: true }))).toBe("409 casework:errors.alreadyReplied");
    expect(code("extension", ctx(official(A), s, { pendingExtension: true }))).toBe("409 casework:errors.extensionPending");
  });

  it("when the return window has passed, then a return is refused with its own message", () => {
    const longAgo = new Date(Date.now() - 60 * 86_400_000);
    const c = ctx(official(A), suggestion("IN_HANDLING", [assignment(A, "LEAD", "ACCEPTED", longAgo)]));
    expect(code("return", c)).toBe("409 casework:errors.returnWindowPassed");
    const p = permissionsFor(c);
    expect(p.return).toBe(false);
    expect(p.returnWindowPassed).toBe(true);
  });

  it("when an assisting department acts, then it may sign for its part, note and give one opinion while in handling, and never return or extend", () => {
    const s = suggestion("IN_HANDLING", [assignment(B, "LEAD", "ACCEPTED"), assignment(A, "ASSIST")]);
    const c = ctx(official(A), s);
    expect(code("sign", c)).toBe("ok");
    expect(code("reply", c)).toBe("ok");
    expect(code("note", c)).toBe("ok");
    expect(code("return", c)).toBe("403 casework:errors.leadOnly");
    expect(code("extension", c)).toBe("403 casework:errors.leadOnly");
    const replied = suggestion("IN_HANDLING", [assignment(B, "LEAD", "ACCEPTED"), assignment(A, "ASSIST", "REPLIED")]);
    expect(code("reply", ctx(official(A), replied))).toBe("409 casework:errors.opinionGiven");
    const notYet = suggestion("ASSIGNED", [assignment(B, "LEAD"), assignment(A, "ASSIST")]);
    expect(code("reply", ctx(official(A), notYet))).toBe("409 errors:illegalTransition");
  });

  it("when the case is no longer with departments (returned, replied, not accepted), then only notes remain", () => {
    for (const status of ["RETURNED", "REPLIED", "CLOSED", "NOT_ACCEPTED"] as const) {
      const c = ctx(official(A), suggestion(status, [assignment(A, "LEAD", status === "RETURNED" ? "RETURNED" : "ACCEPTED")]));
      const p = permissionsFor(c);
      expect({ status, sign: p.sign, return: p.return, extension: p.extension, reply: p.reply, note: p.note }).toEqual({
        status, sign: false, return: false, extension: false, reply: false, note: true,
      });
    }
  });

  it("when a coordinator looks at a case, then every department action is refused with 403 and no form is offered", () => {
    const c = ctx(coordinator, suggestion("IN_HANDLING", [assignment(99, "LEAD", "ACCEPTED")]));
    for (const action of ["sign", "return", "extension", "note", "reply"] as const) expect(code(action, c)).toBe("403 casework:errors.departmentsOnly");
    expect(permissionsFor(c).any).toBe(false);
  });
});
