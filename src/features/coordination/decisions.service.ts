// The office's decisions on a suggestion (征集办): accept and assign, not accept, refer, merge, mark important,
// transfer (see CONTEXT.md). Every decision is one transaction: the status through the lifecycle's applyTransition,
// the rows that go with it, and the emails it causes in the outbox; the emails are queued after commit,
// best-effort (the sweep catches up).
import type { Infrastructure } from "../../container.ts";
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from "../../errors.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { TX_OPTIONS } from "../../platform/db.ts";
import { isCalendarDate } from "../../platform/working-days.ts";
import type { StaffUser } from "../auth/index.ts";
import { findLeadReply, replyEmailDrafts } from "../casework/index.ts";
import type { Deadlines, TypedDeadlineProblem } from "../deadlines/index.ts";
import {
  applyTransition, canApply, EVENT_TYPE, OPEN_STATUSES, recordEvent, typedNote, type Action, type TransitionInput,
} from "../lifecycle/index.ts";
import { queueEmails, type EmailDraft } from "../notifications/index.ts";
import { createCoordinationEmails } from "./coordination-emails.ts";
import { coordinationNotes } from "./coordination-notes.ts";
import type { AcceptForm, ImportantForm, MergeForm, NotAcceptForm, ReferForm, TransferForm } from "./coordination.schemas.ts";
import * as repo from "./decisions.repository.ts";
import { assertOfficeStaff } from "./office-staff.ts";

/** Statuses a suggestion can no longer be merged into: it will never get a reply of its own. */
export const NOT_MERGEABLE_INTO: readonly SuggestionStatus[] = ["MERGED", "NOT_ACCEPTED", "REFERRED"];

/** How the form words a typed reply deadline that the deadline rules refuse. */
const DEADLINE_PROBLEM: Record<TypedDeadlineProblem, string> = {
  past: "coordination:errors.dueDatePast",
  tooFar: "coordination:errors.dueDateTooFar",
  notWorkingDay: "coordination:errors.dueDateNotWorkingDay",
};

export type DecisionDeps = Pick<Infrastructure, "db" | "config" | "logger" | "enqueuer" | "now"> & { deadlines: Deadlines };

export function createDecisionService(c: DecisionDeps) {
  const emails = createCoordinationEmails(c.config.publicBaseUrl);

  async function load(id: number): Promise<repo.SuggestionForAction> {
    const s = await repo.findSuggestionForAction(c.db, id);
    if (!s) throw new NotFoundError();
    return s;
  }

  /**
   * The suggestion, refused early with the conflict message when the action is not possible in its status, so
   * the coordinator is not asked to fix a form that could never apply. The transaction checks again under lock.
   */
  async function loadFor(id: number, action: Action): Promise<repo.SuggestionForAction> {
    const s = await load(id);
    if (!canApply(action, s.status)) throw new ConflictError("errors:illegalTransition", { action, from: s.status });
    return s;
  }

  /** The typed reply deadline, or the field message saying why it cannot be used. */
  function replyDeadline(isoDate: string, now: Date, suggestionId?: number): { dueAt: Date } | { error: string } {
    const typed = c.deadlines.typedReplyDueAt(isoDate, now, suggestionId === undefined ? {} : { suggestionId });
    return "dueAt" in typed ? typed : { error: DEADLINE_PROBLEM[typed.problem] };
  }

  async function afterCommit(emailIds: number[]): Promise<void> {
    await c.enqueuer.sendEmails(emailIds);
  }

  async function departmentsById(): Promise<Map<number, repo.DepartmentOption>> {
    return new Map((await repo.findDepartments(c.db)).map((d) => [d.id, d]));
  }

  /**
   * What accepting-and-assigning and transferring both check: the suggestion may take the action, the typed reply
   * deadline and the lead department are valid. `more` adds the form's other checks; every problem is reported at
   * once (ValidationError), else the suggestion, the lead, the deadline and all departments by id.
   */
  async function checkAssignment(
    id: number,
    action: "accept" | "transfer",
    form: { replyDueDate: string; leadDepartmentId: number },
    more: (s: repo.SuggestionForAction, lead: repo.DepartmentOption | undefined, departments: Map<number, repo.DepartmentOption>, errors: FieldErrors) => void,
  ) {
    const [s, departments] = await Promise.all([loadFor(id, action), departmentsById()]);
    const now = c.now();
    const errors: FieldErrors = {};
    const deadline = replyDeadline(form.replyDueDate, now, s.id);
    if ("error" in deadline) errors.replyDueDate = deadline.error;
    const lead = departments.get(form.leadDepartmentId);
    if (!lead) errors.leadDepartmentId = "coordination:errors.departmentUnknown";
    more(s, lead, departments, errors);
    if (Object.keys(errors).length > 0 || !lead || "error" in deadline) throw new ValidationError(errors);
    return { s, lead, departments, now, dueAt: deadline.dueAt };
  }

  /**
   * Screening that ends the suggestion's way through the office (不予受理, 转信访/12345): the transition and the
   * citizen's email in one transaction, the email enqueued after commit. Final statuses: one email per suggestion.
   */
  async function screenOut(
    user: StaffUser,
    id: number,
    step: {
      action: "notAccept" | "refer";
      note: TransitionInput["note"];
      set?: TransitionInput["set"];
      email: { key: string; template: EmailDraft["template"]; data: EmailDraft["data"] };
      log: { message: string } & Record<string, unknown>;
    },
  ): Promise<void> {
    assertOfficeStaff(user);
    const s = await loadFor(id, step.action);
    const emailIds = await c.db.$transaction(async (tx) => {
      await applyTransition(tx, { suggestionId: s.id, action: step.action, actorId: user.id, note: step.note, ...(step.set ? { set: step.set } : {}) });
      return queueEmails(tx, emails.citizen(s, `${step.email.key}-${s.id}`, step.email.template, step.email.data));
    }, TX_OPTIONS);
    const { message, ...fields } = step.log;
    c.logger.info({ suggestionId: s.id, ...fields, actorId: user.id }, message);
    await afterCommit(emailIds);
  }

  return {
    /**
     * The deadline's own message when the rest of a form failed its shape check, so the coordinator sees every
     * problem at once; null when the date is fine or not a date at all.
     */
    replyDeadlineError(isoDate: string): string | null {
      if (!isCalendarDate(isoDate)) return null;
      const checked = replyDeadline(isoDate, c.now());
      return "error" in checked ? checked.error : null;
    },

    /** 受理并交办: accept, then assign to a lead (and assisting) department with a reply deadline. */
    async acceptAndAssign(user: StaffUser, id: number, form: AcceptForm): Promise<void> {
      assertOfficeStaff(user);
      const { s, lead, departments, now, dueAt } = await checkAssignment(id, "accept", form, (_s, _lead, all, errors) => {
        if (form.assistDepartmentIds.some((d) => !all.has(d))) errors.assistDepartmentIds = "coordination:errors.departmentUnknown";
        else if (form.assistDepartmentIds.includes(form.leadDepartmentId)) errors.assistDepartmentIds = "coordination:errors.assistIncludesLead";
      });
      const assisting = form.assistDepartmentIds.flatMap((d) => departments.get(d) ?? []);

      const emailIds = await c.db.$transaction(async (tx) => {
        await applyTransition(tx, { suggestionId: s.id, action: "accept", actorId: user.id, note: typedNote(form.note) });
        // Back from a return: what the earlier departments still held is superseded; RETURNED rows stay as history.
        await repo.transferCurrentAssignments(tx, s.id);
        await applyTransition(tx, {
          suggestionId: s.id,
          action: "assign",
          actorId: user.id,
          departmentId: lead.id,
          note: coordinationNotes.assigned(lead, assisting, dueAt),
          // ROUTED also tells a router job that has not run yet that there is nothing left for it to do.
          set: { replyDueAt: dueAt, routingState: "ROUTED" },
        });
        await repo.setLeadDepartment(tx, s.id, lead.id);
        const created = await repo.createAssignments(tx, [
          { suggestionId: s.id, departmentId: lead.id, role: "LEAD", assignedAt: now, dueAt },
          ...assisting.map((d) => ({ suggestionId: s.id, departmentId: d.id, role: "ASSIST" as const, assignedAt: now, dueAt })),
        ]);
        const leadAssignment = created.find((a) => a.role === "LEAD");
        const drafts: EmailDraft[] = created.map((a) => emails.assigned(s, a, departments.get(a.departmentId) ?? lead, dueAt));
        if (leadAssignment) {
          // One per acceptance: a suggestion accepted again after a return is a new lead assignment.
          drafts.push(...emails.citizen(s, `accepted-${leadAssignment.id}`, "suggestion-accepted", {
            leadDepartment: { name: lead.name, nameEn: lead.nameEn },
            replyDueAt: dueAt.toISOString(),
          }));
        }
        return queueEmails(tx, drafts);
      }, TX_OPTIONS);
      c.logger.info({ suggestionId: s.id, leadDepartmentId: lead.id, assists: assisting.length, actorId: user.id }, "suggestion accepted and assigned");
      await afterCommit(emailIds);
    },

    /** 不予受理, with a reason from the list and a note the citizen reads. */
    notAccept: (user: StaffUser, id: number, form: NotAcceptForm): Promise<void> =>
      screenOut(user, id, {
        action: "notAccept",
        note: typedNote(form.note),
        set: { notAcceptedReason: form.reason },
        // NOT_ACCEPTED is final: once per suggestion.
        email: { key: "not-accepted", template: "suggestion-not-accepted", data: {
          reason: form.reason,
          reasonKey: `emails:suggestion-not-accepted.reasons.${form.reason}`,
          note: form.note,
        } },
        log: { message: "suggestion not accepted", reason: form.reason },
      }),

    /** 转信访/12345: a complaint or request, not a suggestion. */
    refer: (user: StaffUser, id: number, form: ReferForm): Promise<void> =>
      screenOut(user, id, {
        action: "refer",
        note: coordinationNotes.referred(form.channel, form.note),
        email: { key: "referred", template: "suggestion-referred", data: {
          channel: form.channel,
          channelKey: `emails:suggestion-referred.channels.${form.channel}`,
          channelHowKey: `emails:suggestion-referred.how.${form.channel}`,
          note: form.note,
        } },
        log: { message: "suggestion referred", channel: form.channel },
      }),

    /** 合并: handled together with another suggestion, whose reply its submitter gets too. */
    async merge(user: StaffUser, id: number, form: MergeForm): Promise<void> {
      assertOfficeStaff(user);
      const s = await loadFor(id, "merge");
      const target = await repo.findByTrackingCode(c.db, form.targetCode);
      if (!target) throw new ValidationError({ targetCode: "coordination:errors.targetNotFound" });
      // A typing slip in the code field: said at the field, with the typed note kept.
      if (target.id === s.id) throw new ValidationError({ targetCode: "coordination:errors.mergeIntoItself" });
      const emailIds = await c.db.$transaction(async (tx) => {
        const locked = await repo.lockForMerge(tx, [s.id, target.id]);
        const targetNow = locked.find((r) => r.id === target.id);
        if (!targetNow || NOT_MERGEABLE_INTO.includes(targetNow.status)) {
          throw new ConflictError("coordination:errors.mergeTargetClosed", { code: target.trackingCode });
        }
        await applyTransition(tx, {
          suggestionId: s.id,
          action: "merge",
          actorId: user.id,
          note: form.note ? typedNote(form.note) : coordinationNotes.merged(target.trackingCode),
        });
        await repo.setMergedInto(tx, s.id, target.id);
        const followers = await repo.repointMerged(tx, s.id, target.id);
        for (const followerId of followers) {
          await recordEvent(tx, {
            suggestionId: followerId,
            type: EVENT_TYPE.MERGE_TARGET_CHANGED,
            actorId: user.id,
            note: coordinationNotes.mergeFollowed(s.trackingCode, target.trackingCode),
            internal: true,
            at: c.now(),
          });
        }
        // Merged into a suggestion already answered: its reply answers these citizens too, now.
        const reply = await findLeadReply(tx, target.id);
        if (!reply) return [];
        return queueEmails(tx, await replyEmailDrafts(tx, c.config.publicBaseUrl, reply, [s.id, ...followers]));
      }, TX_OPTIONS);
      c.logger.info({ suggestionId: s.id, targetId: target.id, actorId: user.id }, "suggestion merged");
      await afterCommit(emailIds);
    },

    /** 重要建议: a mark for leaders, no status change. */
    async setImportant(user: StaffUser, id: number, form: ImportantForm): Promise<void> {
      assertOfficeStaff(user);
      const s = await load(id);
      if (!OPEN_STATUSES.includes(s.status)) throw new ConflictError("errors:illegalTransition", { action: "important", from: s.status });
      await c.db.$transaction(async (tx) => {
        const changed = await repo.setImportant(tx, s.id, form.important, OPEN_STATUSES);
        if (!changed) throw new ConflictError(form.important ? "coordination:errors.alreadyImportant" : "coordination:errors.notImportant");
        await recordEvent(tx, {
          suggestionId: s.id,
          type: form.important ? EVENT_TYPE.IMPORTANT_MARKED : EVENT_TYPE.IMPORTANT_UNMARKED,
          actorId: user.id,
          internal: true,
          at: c.now(),
        });
      }, TX_OPTIONS);
    },

    /** 改派: a new lead department and deadline; the old lead assignment becomes history (TRANSFERRED). */
    async transfer(user: StaffUser, id: number, form: TransferForm): Promise<void> {
      assertOfficeStaff(user);
      const { s, lead, departments, now, dueAt } = await checkAssignment(id, "transfer", form, (found, chosen, all, errors) => {
        if (chosen && found.leadDepartmentId === chosen.id && found.status !== "RETURNED") errors.leadDepartmentId = "coordination:errors.sameLead";
        if (form.assistDepartmentIds.some((d) => !all.has(d))) errors.assistDepartmentIds = "coordination:errors.departmentUnknown";
        else if (form.assistDepartmentIds.includes(form.leadDepartmentId)) errors.assistDepartmentIds = "coordination:errors.assistIncludesLead";
      });
      const assisting = form.assistDepartmentIds.flatMap((d) => departments.get(d) ?? []);

      const emailIds = await c.db.$transaction(async (tx) => {
        const before = await repo.findCurrentAssignments(tx, s.id);
        await applyTransition(tx, {
          suggestionId: s.id,
          action: "transfer",
          actorId: user.id,
          departmentId: lead.id,
          note: coordinationNotes.transferred(lead, assisting, dueAt, form.reason),
          set: { replyDueAt: dueAt },
        });
        await repo.transferCurrentAssignments(tx, s.id, { role: "LEAD" });
        // Assisting departments no longer in the list (and one that now leads) step down; the others keep theirs.
        const kept = await repo.keepAssisting(tx, s.id, form.assistDepartmentIds);
        await repo.moveCurrentDeadlines(tx, s.id, dueAt);
        await repo.setLeadDepartment(tx, s.id, lead.id);
        const created = await repo.createAssignments(tx, [
          { suggestionId: s.id, departmentId: lead.id, role: "LEAD", assignedAt: now, dueAt },
          ...assisting.filter((d) => !kept.includes(d.id)).map((d) => ({ suggestionId: s.id, departmentId: d.id, role: "ASSIST" as const, assignedAt: now, dueAt })),
        ]);
        const assignment = created.find((a) => a.role === "LEAD");
        if (!assignment) return [];
        // Departments the case left (the old lead, assisting departments no longer listed) are told it is no longer
        // theirs and why; one that stays in another role gets its new assignment instead.
        const stays = new Set([lead.id, ...form.assistDepartmentIds]);
        const withdrawn = before.filter((a) => !stays.has(a.departmentId)).flatMap((a) => {
          const department = departments.get(a.departmentId);
          return department ? [emails.withdrawn(s, a, department, lead, form.reason)] : [];
        });
        return queueEmails(tx, [
          ...withdrawn,
          // The new lead and each newly assisting department get their assignment.
          ...created.map((a) => emails.assigned(s, a, departments.get(a.departmentId) ?? lead, dueAt)),
          // The citizen's tracking page now names another department and deadline: they are told why it changed.
          ...emails.citizen(s, `transferred-${assignment.id}`, "suggestion-transferred", {
            leadDepartment: { name: lead.name, nameEn: lead.nameEn },
            replyDueAt: dueAt.toISOString(),
          }),
        ]);
      }, TX_OPTIONS);
      c.logger.info({ suggestionId: s.id, leadDepartmentId: lead.id, actorId: user.id }, "suggestion transferred");
      await afterCommit(emailIds);
    },
  };
}

export type DecisionService = ReturnType<typeof createDecisionService>;
