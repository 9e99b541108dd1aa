// The collection office's work (征集办): screening, accepting and assigning, not accepting, referring, merging,
// marking important, transferring, deciding extensions and supervising deadlines (see CONTEXT.md).
// Every change is one transaction: the status through applyTransition, the rows that go with it, and the
// emails it causes in the outbox; the emails are queued after commit, best-effort (the sweep catches up).
import type { Container } from "../../container.ts";
import type { AssignmentRole, SuggestionStatus } from "../../generated/prisma/enums.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "../../errors.ts";
import type { DbClient } from "../../platform/db.ts";
import { DEFAULT_LOCALE, toLocale } from "../../platform/i18n.ts";
import type { StaffUser } from "../auth/auth.service.ts";
import { addWorkingDays, hasOfficialCalendar, isWorkingDay, shanghaiDateString, workingDaysBetween } from "../../platform/working-days.ts";
import { EVENT_TYPE } from "../lifecycle/event-types.ts";
import { OPEN_STATUSES, canApply, type Action } from "../lifecycle/state-machine.ts";
import { findLeadReply, replyEmailDrafts } from "../casework/reply-emails.ts";
import { applyTransition, type TransitionInput } from "../lifecycle/transitions.ts";
import { queueEmails, type EmailDraft } from "../notifications/outbox.ts";
import { assignedEmail } from "../routing/assigned-email.ts";
import {
  endOfShanghaiDay, isCalendarDate, type AcceptForm, type ApproveForm, type ImportantForm, type MergeForm, type NotAcceptForm,
  type QueueFilters, type ReferForm, type ReferralChannel, type RefuseForm, type TransferForm,
} from "./coordination.schemas.ts";
import * as repo from "./coordination.repository.ts";
import { regionPath } from "./coordination.words.ts";

type CoordinationDeps = Pick<Container, "db" | "config" | "logger" | "enqueuer" | "now">;

export const QUEUE_PAGE_SIZE = 50;
export const EXTENSIONS_LIMIT = 200;
export const SUPERVISION_LIMIT = 300;
/** A reply deadline further away than this is a typing mistake (2062 for 2026), not a plan. */
const MAX_DEADLINE_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;
// Waits only for a concurrent action on the same suggestion holding its row lock.
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

const ZH_DATE = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });
const zhDate = (date: Date) => ZH_DATE.format(date);

/**
 * Event notes are the record the citizen's tracking page and the case history show; like the demo history and
 * the router's, the ones the system words itself are in Chinese, the platform's working language.
 */
const REFERRAL_NOTE: Record<ReferralChannel, string> = {
  HOTLINE_12345: "已转12345政务服务便民热线办理。",
  PETITION: "已转信访部门依法处理。",
};

/** Statuses a suggestion can no longer be merged into: it will never get a reply of its own. */
const NOT_MERGEABLE_INTO: readonly SuggestionStatus[] = ["MERGED", "NOT_ACCEPTED", "REFERRED"];

export interface PanelModel {
  suggestion: { id: number; trackingCode: string; title: string; status: SuggestionStatus; important: boolean };
  coordinator: {
    departments: { id: number; name: string; nameEn: string }[];
    proposedDepartmentId: number | null;
    routing: Pick<repo.SuggestionForAction, "routingState" | "routingReason" | "round" | "category">;
    defaultReplyDueDate: string;
    canScreen: boolean;
    canTransfer: boolean;
    important: boolean;
  };
}

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

export interface ExtensionItem extends repo.PendingExtension {
  newDueAt: Date | null;
  /** The requesting department no longer leads (transferred): approving would be refused. */
  stale: boolean;
}

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
}

export function createCoordinationService(c: CoordinationDeps) {
  function assertCoordinator(user: StaffUser): void {
    // Routes already require the role; the service refuses too, so no other caller can skip the check.
    if (user.role !== "COORDINATOR" && user.role !== "ADMIN") throw new ForbiddenError();
  }

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

  /** A reply deadline typed as a date: the end of that day in Shanghai, on a working day after today. */
  function replyDeadline(isoDate: string, now: Date): { dueAt: Date } | { error: string } {
    const dueAt = endOfShanghaiDay(isoDate);
    if (isoDate <= shanghaiDateString(now)) return { error: "coordination:errors.dueDatePast" };
    if (dueAt.getTime() - now.getTime() > MAX_DEADLINE_DAYS * DAY_MS) return { error: "coordination:errors.dueDateTooFar" };
    if (!isWorkingDay(dueAt)) return { error: "coordination:errors.dueDateNotWorkingDay" };
    return { dueAt };
  }

  function warnIfNoCalendar(dueAt: Date, suggestionId: number): void {
    if (!hasOfficialCalendar(Number(shanghaiDateString(dueAt).slice(0, 4)))) {
      c.logger.warn({ suggestionId, dueAt }, "deadline falls in a year without the official holiday calendar; update chinese-days");
    }
  }

  function citizenLocale(s: repo.SuggestionForAction) {
    return toLocale(s.locale) ?? DEFAULT_LOCALE;
  }

  const trackUrl = () => `${c.config.publicBaseUrl}/track`;

  /** The citizen's email about a decision, in their language; none when they left no address. */
  function citizenEmails(
    s: repo.SuggestionForAction,
    dedupeKey: string,
    template: EmailDraft["template"],
    data: EmailDraft["data"],
  ): EmailDraft[] {
    if (!s.submitter?.email) return [];
    return [{
      dedupeKey,
      to: s.submitter.email,
      template,
      locale: citizenLocale(s),
      data: { trackingCode: s.trackingCode, title: s.title, ...data, trackUrl: trackUrl() },
    }];
  }

  function departmentEmail(
    s: repo.SuggestionForAction,
    assignment: { id: number; role: AssignmentRole },
    department: repo.DepartmentOption,
    dueAt: Date,
  ): EmailDraft {
    return assignedEmail({
      assignment, department, suggestion: s, region: regionPath(s.region, "zh-CN"), dueAt, publicBaseUrl: c.config.publicBaseUrl,
    });
  }

  /**
   * The requesting department's email about the decision on its extension request, in Chinese like every
   * department email; once per request (a request is decided once). No submitter data: the link leads to the case.
   */
  async function extensionDecidedEmail(
    tx: DbClient,
    ext: { id: number; suggestionId: number; departmentId: number; workingDays: number },
    decision: "APPROVED" | "REFUSED",
    note: string | null,
  ): Promise<EmailDraft> {
    // Read after the decision in the same transaction: replyDueAt is the moved deadline, or the one that stays.
    const s = await tx.suggestion.findUniqueOrThrow({ where: { id: ext.suggestionId }, select: { trackingCode: true, title: true, replyDueAt: true } });
    const department = await tx.department.findUniqueOrThrow({ where: { id: ext.departmentId }, select: { name: true, email: true } });
    return {
      dedupeKey: `extension-decided-${ext.id}`,
      to: department.email,
      template: "extension-decided",
      locale: "zh-CN",
      data: {
        trackingCode: s.trackingCode,
        title: s.title,
        departmentName: department.name,
        decision,
        workingDays: ext.workingDays,
        ...(s.replyDueAt ? { dueAt: s.replyDueAt.toISOString() } : {}),
        ...(note ? { note } : {}),
        url: `${c.config.publicBaseUrl}/staff/suggestions/${ext.suggestionId}`,
      },
    };
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
      note: string;
      set?: TransitionInput["set"];
      email: { key: string; template: EmailDraft["template"]; data: EmailDraft["data"] };
      log: { message: string } & Record<string, unknown>;
    },
  ): Promise<void> {
    assertCoordinator(user);
    const s = await loadFor(id, step.action);
    const emailIds = await c.db.$transaction(async (tx) => {
      await applyTransition(tx, { suggestionId: s.id, action: step.action, actorId: user.id, note: step.note, ...(step.set ? { set: step.set } : {}) });
      return queueEmails(tx, citizenEmails(s, `${step.email.key}-${s.id}`, step.email.template, step.email.data));
    }, TX_OPTIONS);
    const { message, ...fields } = step.log;
    c.logger.info({ suggestionId: s.id, ...fields, actorId: user.id }, message);
    await afterCommit(emailIds);
  }

  async function afterCommit(emailIds: number[]): Promise<void> {
    await c.enqueuer.sendEmails(emailIds);
  }

  async function departmentsById(): Promise<Map<number, repo.DepartmentOption>> {
    return new Map((await repo.findDepartments(c.db)).map((d) => [d.id, d]));
  }

  function failIf(errors: FieldErrors): void {
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
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

    /** What the coordinator's panel shows; used to re-render a form after invalid input. */
    async panel(user: StaffUser, id: number): Promise<PanelModel> {
      assertCoordinator(user);
      const [s, departments] = await Promise.all([load(id), repo.findDepartments(c.db)]);
      const now = c.now();
      return {
        suggestion: { id: s.id, trackingCode: s.trackingCode, title: s.title, status: s.status, important: s.important },
        coordinator: {
          departments: departments.map(({ id: deptId, name, nameEn }) => ({ id: deptId, name, nameEn })),
          proposedDepartmentId: s.proposedDepartmentId,
          routing: { routingState: s.routingState, routingReason: s.routingReason, round: s.round, category: s.category },
          defaultReplyDueDate: shanghaiDateString(addWorkingDays(now, c.config.deadlines.replyWorkingDays)),
          canScreen: canApply("accept", s.status),
          canTransfer: canApply("transfer", s.status),
          important: s.important,
        },
      };
    },

    async screeningQueue(user: StaffUser, filters: QueueFilters): Promise<QueuePage> {
      assertCoordinator(user);
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
          screeningOverdue: r.status !== "RETURNED" && r.screeningDueAt < now,
          returned: returned.get(r.id) ?? null,
        })),
        total,
        nextCursor: rows.length > QUEUE_PAGE_SIZE && last ? { submittedAt: last.submittedAt, id: last.id } : null,
        rounds,
        categories,
      };
    },

    /** 受理并交办: accept, then assign to a lead (and assisting) department with a reply deadline. */
    async acceptAndAssign(user: StaffUser, id: number, form: AcceptForm): Promise<void> {
      assertCoordinator(user);
      const [s, departments] = await Promise.all([loadFor(id, "accept"), departmentsById()]);
      const now = c.now();
      const errors: FieldErrors = {};
      const deadline = replyDeadline(form.replyDueDate, now);
      if ("error" in deadline) errors.replyDueDate = deadline.error;
      const lead = departments.get(form.leadDepartmentId);
      if (!lead) errors.leadDepartmentId = "coordination:errors.departmentUnknown";
      const assists = form.assistDepartmentIds.map((d) => departments.get(d));
      if (assists.some((d) => d === undefined)) errors.assistDepartmentIds = "coordination:errors.departmentUnknown";
      else if (form.assistDepartmentIds.includes(form.leadDepartmentId)) errors.assistDepartmentIds = "coordination:errors.assistIncludesLead";
      failIf(errors);
      if (!lead || "error" in deadline) return;
      const dueAt = deadline.dueAt;
      const assisting = assists.filter((d): d is repo.DepartmentOption => d !== undefined);

      const emailIds = await c.db.$transaction(async (tx) => {
        await applyTransition(tx, { suggestionId: s.id, action: "accept", actorId: user.id, note: form.note ?? null });
        // Back from a return: what the earlier departments still held is superseded; RETURNED rows stay as history.
        await repo.transferCurrentAssignments(tx, s.id);
        const assistNames = assisting.map((d) => d.name).join("、");
        await applyTransition(tx, {
          suggestionId: s.id,
          action: "assign",
          actorId: user.id,
          departmentId: lead.id,
          note: `交${lead.name}主办${assisting.length > 0 ? `，${assistNames}协办` : ""}，请于${zhDate(dueAt)}前答复`,
          // ROUTED also tells a router job that has not run yet that there is nothing left for it to do.
          set: { replyDueAt: dueAt, routingState: "ROUTED" },
        });
        await repo.setLeadDepartment(tx, s.id, lead.id);
        const created = await repo.createAssignments(tx, [
          { suggestionId: s.id, departmentId: lead.id, role: "LEAD", assignedAt: now, dueAt },
          ...assisting.map((d) => ({ suggestionId: s.id, departmentId: d.id, role: "ASSIST" as const, assignedAt: now, dueAt })),
        ]);
        const leadAssignment = created.find((a) => a.role === "LEAD");
        const drafts: EmailDraft[] = created.map((a) => departmentEmail(s, a, departments.get(a.departmentId) ?? lead, dueAt));
        if (leadAssignment) {
          // One per acceptance: a suggestion accepted again after a return is a new lead assignment.
          drafts.push(...citizenEmails(s, `accepted-${leadAssignment.id}`, "suggestion-accepted", {
            leadDepartment: { name: lead.name, nameEn: lead.nameEn },
            replyDueAt: dueAt.toISOString(),
          }));
        }
        return queueEmails(tx, drafts);
      }, TX_OPTIONS);
      warnIfNoCalendar(dueAt, s.id);
      c.logger.info({ suggestionId: s.id, leadDepartmentId: lead.id, assists: assisting.length, actorId: user.id }, "suggestion accepted and assigned");
      await afterCommit(emailIds);
    },

    /** 不予受理, with a reason from the list and a note the citizen reads. */
    notAccept: (user: StaffUser, id: number, form: NotAcceptForm): Promise<void> =>
      screenOut(user, id, {
        action: "notAccept",
        note: form.note,
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
        // The channel opens the note so the history and the tracking page say where it went.
        note: `${REFERRAL_NOTE[form.channel]}\n${form.note}`,
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
      assertCoordinator(user);
      const s = await loadFor(id, "merge");
      const target = await repo.findByTrackingCode(c.db, form.targetCode);
      if (!target) throw new ValidationError({ targetCode: "coordination:errors.targetNotFound" });
      if (target.id === s.id) throw new ConflictError("coordination:errors.mergeIntoItself");
      const emailIds = await c.db.$transaction(async (tx) => {
        // Both rows locked in id order: two merges crossing each other (A into B, B into A) cannot both pass.
        const locked = await tx.$queryRaw<{ id: number; status: SuggestionStatus }[]>`
          SELECT id, status FROM "Suggestion" WHERE id IN (${s.id}, ${target.id}) ORDER BY id FOR UPDATE`;
        const targetNow = locked.find((r) => r.id === target.id);
        if (!targetNow || NOT_MERGEABLE_INTO.includes(targetNow.status)) {
          throw new ConflictError("coordination:errors.mergeTargetClosed", { code: target.trackingCode });
        }
        await applyTransition(tx, {
          suggestionId: s.id,
          action: "merge",
          actorId: user.id,
          note: form.note ?? `与建议${target.trackingCode}内容相同，并案办理，办理结果将一并告知建议人`,
        });
        await repo.setMergedInto(tx, s.id, target.id);
        const followers = await repo.repointMerged(tx, s.id, target.id);
        for (const followerId of followers) {
          await repo.createEvent(tx, {
            suggestionId: followerId,
            type: EVENT_TYPE.MERGE_TARGET_CHANGED,
            actorId: user.id,
            note: `随建议${s.trackingCode}并入建议${target.trackingCode}`,
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
      assertCoordinator(user);
      const s = await load(id);
      if (!OPEN_STATUSES.includes(s.status)) throw new ConflictError("errors:illegalTransition", { action: "important", from: s.status });
      await c.db.$transaction(async (tx) => {
        const changed = await repo.setImportant(tx, s.id, form.important, OPEN_STATUSES);
        if (!changed) throw new ConflictError(form.important ? "coordination:errors.alreadyImportant" : "coordination:errors.notImportant");
        await repo.createEvent(tx, {
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
      assertCoordinator(user);
      const [s, departments] = await Promise.all([loadFor(id, "transfer"), departmentsById()]);
      const now = c.now();
      const errors: FieldErrors = {};
      const deadline = replyDeadline(form.replyDueDate, now);
      if ("error" in deadline) errors.replyDueDate = deadline.error;
      const lead = departments.get(form.leadDepartmentId);
      if (!lead) errors.leadDepartmentId = "coordination:errors.departmentUnknown";
      else if (s.leadDepartmentId === lead.id && s.status !== "RETURNED") errors.leadDepartmentId = "coordination:errors.sameLead";
      failIf(errors);
      if (!lead || "error" in deadline) return;
      const dueAt = deadline.dueAt;

      const emailIds = await c.db.$transaction(async (tx) => {
        await applyTransition(tx, {
          suggestionId: s.id,
          action: "transfer",
          actorId: user.id,
          departmentId: lead.id,
          note: `改交${lead.name}主办，请于${zhDate(dueAt)}前答复`,
          set: { replyDueAt: dueAt },
        });
        await repo.transferCurrentAssignments(tx, s.id, { role: "LEAD" });
        // A department that assisted and now leads keeps one assignment, the lead one.
        await repo.transferCurrentAssignments(tx, s.id, { role: "ASSIST", departmentId: lead.id });
        await repo.moveCurrentDeadlines(tx, s.id, dueAt);
        await repo.setLeadDepartment(tx, s.id, lead.id);
        const [assignment] = await repo.createAssignments(tx, [
          { suggestionId: s.id, departmentId: lead.id, role: "LEAD", assignedAt: now, dueAt },
        ]);
        return assignment ? queueEmails(tx, [departmentEmail(s, assignment, lead, dueAt)]) : [];
      }, TX_OPTIONS);
      warnIfNoCalendar(dueAt, s.id);
      c.logger.info({ suggestionId: s.id, leadDepartmentId: lead.id, actorId: user.id }, "suggestion transferred");
      await afterCommit(emailIds);
    },

    async pendingExtensions(user: StaffUser): Promise<{ items: ExtensionItem[]; total: number }> {
      assertCoordinator(user);
      const [rows, total] = await Promise.all([repo.findPendingExtensions(c.db, EXTENSIONS_LIMIT), repo.countPendingExtensions(c.db)]);
      return {
        items: rows.map((r) => ({
          ...r,
          newDueAt: r.suggestion.replyDueAt ? addWorkingDays(r.suggestion.replyDueAt, r.workingDays) : null,
          stale: r.suggestion.leadDepartmentId !== r.department.id || !canApply("extend", r.suggestion.status),
        })),
        total,
      };
    },

    /** Moves the reply deadline by the requested working days, counted from the current deadline. */
    async approveExtension(user: StaffUser, extensionId: number, form: ApproveForm): Promise<{ suggestionId: number }> {
      assertCoordinator(user);
      const ext = await repo.findExtension(c.db, extensionId);
      if (!ext) throw new NotFoundError();
      const now = c.now();
      let newDue: Date | null = null;
      const emailIds = await c.db.$transaction(async (tx) => {
        const claimed = await repo.decideExtension(tx, ext.id, { status: "APPROVED", decidedBy: user.id, decisionNote: form.note ?? null, decidedAt: now });
        if (!claimed) throw new ConflictError("coordination:errors.extensionDecided");
        const s = await tx.suggestion.findUnique({ where: { id: ext.suggestionId }, select: { replyDueAt: true, leadDepartmentId: true } });
        if (!s || s.leadDepartmentId !== ext.departmentId) throw new ConflictError("coordination:errors.extensionNotLead");
        newDue = addWorkingDays(s.replyDueAt ?? now, ext.workingDays);
        await applyTransition(tx, {
          suggestionId: ext.suggestionId,
          action: "extend",
          actorId: user.id,
          departmentId: ext.departmentId,
          note: `同意延期${ext.workingDays}个工作日，答复期限延至${zhDate(newDue)}`,
          set: { replyDueAt: newDue },
        });
        await repo.moveCurrentDeadlines(tx, ext.suggestionId, newDue);
        return queueEmails(tx, [await extensionDecidedEmail(tx, ext, "APPROVED", form.note ?? null)]);
      }, TX_OPTIONS);
      if (newDue) warnIfNoCalendar(newDue, ext.suggestionId);
      c.logger.info({ extensionId: ext.id, suggestionId: ext.suggestionId, actorId: user.id }, "extension approved");
      await afterCommit(emailIds);
      return { suggestionId: ext.suggestionId };
    },

    /** Refused: the deadline stays; the department reads why in its email and the case history. */
    async refuseExtension(user: StaffUser, extensionId: number, form: RefuseForm): Promise<{ suggestionId: number }> {
      assertCoordinator(user);
      const ext = await repo.findExtension(c.db, extensionId);
      if (!ext) throw new NotFoundError();
      const now = c.now();
      const emailIds = await c.db.$transaction(async (tx) => {
        const claimed = await repo.decideExtension(tx, ext.id, { status: "REFUSED", decidedBy: user.id, decisionNote: form.note, decidedAt: now });
        if (!claimed) throw new ConflictError("coordination:errors.extensionDecided");
        await repo.createEvent(tx, {
          suggestionId: ext.suggestionId,
          type: EVENT_TYPE.EXTENSION_REFUSED,
          actorId: user.id,
          departmentId: ext.departmentId,
          note: form.note,
          internal: true,
          at: now,
        });
        return queueEmails(tx, [await extensionDecidedEmail(tx, ext, "REFUSED", form.note)]);
      }, TX_OPTIONS);
      c.logger.info({ extensionId: ext.id, suggestionId: ext.suggestionId, actorId: user.id }, "extension refused");
      await afterCommit(emailIds);
      return { suggestionId: ext.suggestionId };
    },

    /** 督办: open suggestions overdue or due within the reminder window, by lead department. */
    async supervision(user: StaffUser, departmentId: number | null): Promise<Supervision> {
      assertCoordinator(user);
      const now = c.now();
      const reminderWorkingDays = c.config.deadlines.reminderWorkingDays;
      const dueBy = addWorkingDays(now, reminderWorkingDays);
      const [summary, rows] = await Promise.all([
        repo.supervisionSummary(c.db, now, dueBy),
        repo.findSupervised(c.db, dueBy, departmentId, SUPERVISION_LIMIT + 1),
      ]);
      const items = rows.slice(0, SUPERVISION_LIMIT).map((r): SupervisionItem => {
        const due = r.replyDueAt ?? now;
        const overdue = due < now;
        return { ...r, overdue, workingDays: overdue ? workingDaysBetween(due, now) : workingDaysBetween(now, due) };
      });
      const shown = departmentId ? summary.filter((d) => d.departmentId === departmentId) : summary;
      return {
        groups: shown.map((d) => ({ ...d, items: items.filter((i) => i.leadDepartmentId === d.departmentId) })),
        totals: {
          overdue: summary.reduce((n, d) => n + d.overdue, 0),
          dueSoon: summary.reduce((n, d) => n + d.dueSoon, 0),
        },
        dueBy,
        reminderWorkingDays,
        departmentId,
        truncated: rows.length > SUPERVISION_LIMIT,
      };
    },
  };
}

export type CoordinationService = ReturnType<typeof createCoordinationService>;

export function coordinationServiceFor(c: Container): CoordinationService {
  return createCoordinationService({ db: c.db, config: c.config, logger: c.logger, enqueuer: c.enqueuer, now: () => c.now() });
}
