// Casework (办理): the department's inbox, the case page every staff role opens, and what a department does with
// a case — accept, return, ask for more time, note, reply. Every method goes through access.ts first, and every
// department action runs in one transaction that locks the suggestion row, so a double-clicked form applies once.
import type { Readable } from "node:stream";
import type { Container } from "../../container.ts";
import { ConflictError, ForbiddenError, NotFoundError, type AppError } from "../../errors.ts";
import type { AssignmentStatus, SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";
import { addWorkingDays, shanghaiDateString, workingDaysBetween } from "../../platform/working-days.ts";
import { EVENT_TYPE } from "../lifecycle/event-types.ts";
import { canApply } from "../lifecycle/state-machine.ts";
import { applyTransition } from "../lifecycle/transitions.ts";
import { queueEmails } from "../notifications/outbox.ts";
import { parseRoutingReason, type RoutingReason } from "../routing/routing.service.ts";
import {
  departmentAssignment, loadAccessibleSuggestion, type AccessAssignment, type AccessibleSuggestion, type DepartmentRole, type Viewer,
} from "./access.ts";
import * as repo from "./casework.repository.ts";
import {
  INBOX_PAGE_SIZE, encodeCursor, type ExtensionForm, type InboxQuery, type NoteForm, type ReplyForm, type ReturnForm, type StatusFilter,
} from "./casework.schemas.ts";
import { maskEmail, maskName, maskPhone } from "./masking.ts";
import { replyEmailDrafts } from "./reply-emails.ts";

type CaseworkDeps = Pick<Container, "db" | "config" | "enqueuer" | "logger" | "now">;

// Concurrent requests on one case queue on its row lock only for the length of a short transaction.
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;
/** Two identical notes from one person within this time are one note clicked twice. */
const DUPLICATE_NOTE_WINDOW_MS = 10 * 60 * 1000;

/** Statuses in which the department still owes the case work. */
const IN_DEPARTMENT: readonly SuggestionStatus[] = ["ASSIGNED", "IN_HANDLING", "EXTENDED"];
const HANDLING: readonly SuggestionStatus[] = ["IN_HANDLING", "EXTENDED"];
const LIVE_ASSIGNMENT: readonly AssignmentStatus[] = ["PENDING", "ACCEPTED"];

export type DepartmentAction = "accept" | "return" | "extension" | "note" | "reply";

export interface ActionContext {
  viewer: Viewer;
  suggestion: AccessibleSuggestion;
  leadReplied: boolean;
  pendingExtension: boolean;
  now: Date;
  returnWindowWorkingDays: number;
}

/**
 * Why the viewer may not take this action now, as the error to throw, or null when they may. The case page's
 * buttons and the POST handlers both ask this one function, so what is offered is what is allowed.
 */
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
    case "accept":
      if (mine.status === "ACCEPTED" || mine.status === "REPLIED") return new ConflictError("casework:errors.alreadyAccepted");
      if (mine.status !== "PENDING") return illegal();
      if (mine.role === "LEAD" ? !canApply("acceptAssignment", s.status) : !IN_DEPARTMENT.includes(s.status)) return illegal();
      return null;
    case "return":
      if (mine.role !== "LEAD") return new ForbiddenError("casework:errors.leadOnly");
      if (!live || !canApply("returnAssignment", s.status)) return illegal();
      if (ctx.now > returnWindowEnd(mine, ctx.returnWindowWorkingDays)) {
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
        if (!live || !canApply("reply", s.status)) return illegal();
        return null;
      }
      if (mine.status === "REPLIED") return new ConflictError("casework:errors.opinionGiven");
      if (!live || !HANDLING.includes(s.status)) return illegal();
      return null;
  }
}

/** A lead department may hand a case back only within the return window, counted from its assignment. */
export function returnWindowEnd(assignment: Pick<AccessAssignment, "assignedAt">, workingDays: number): Date {
  return addWorkingDays(assignment.assignedAt, workingDays);
}

export interface Permissions {
  role: DepartmentRole | null;
  accept: boolean;
  return: boolean;
  extension: boolean;
  note: boolean;
  reply: boolean;
  /** The lead department's return window: when it ends and whether that is past. */
  returnWindowEndsAt: Date | null;
  returnWindowPassed: boolean;
  extensionPending: boolean;
  /** Whether any department form is shown at all. */
  any: boolean;
}

export function permissionsFor(ctx: ActionContext): Permissions {
  const mine = departmentAssignment(ctx.viewer, ctx.suggestion);
  const may = (a: DepartmentAction) => refusal(a, ctx) === null;
  const p = {
    role: mine?.role ?? null,
    accept: may("accept"),
    return: may("return"),
    extension: may("extension"),
    note: may("note"),
    reply: may("reply"),
    returnWindowEndsAt: mine?.role === "LEAD" ? returnWindowEnd(mine, ctx.returnWindowWorkingDays) : null,
    returnWindowPassed: false,
    extensionPending: ctx.pendingExtension,
    any: false,
  };
  p.returnWindowPassed =
    mine?.role === "LEAD" && LIVE_ASSIGNMENT.includes(mine.status) && canApply("returnAssignment", ctx.suggestion.status) &&
    p.returnWindowEndsAt !== null && ctx.now > p.returnWindowEndsAt;
  p.any = p.accept || p.return || p.extension || p.note || p.reply;
  return p;
}

// ---------------------------------------------------------------------------------------------------------

export type Contact =
  | { state: "none" }
  /** The citizen asked to hide their identity from departments: an official sees nothing of it. */
  | { state: "hidden" }
  | { state: "masked" | "revealed"; name: string; phone: string; email: string | null; hideIdentity: boolean };

export interface Deadline {
  at: Date;
  overdue: boolean;
  dueSoon: boolean;
}

export interface CoordinatorData {
  departments: repo.NamedRef[];
  proposedDepartmentId: number | null;
  routingReason: RoutingReason | null;
  defaultReplyDueDate: string;
  canScreen: boolean;
  canTransfer: boolean;
  important: boolean;
}

export interface CaseView {
  record: Omit<repo.CaseRecord, "submitter" | "events"> & {
    events: (repo.CaseRecord["events"][number] & { department: repo.NamedRef | null })[];
  };
  contact: Contact;
  canReveal: boolean;
  screeningDeadline: Deadline | null;
  replyDeadline: Deadline | null;
  permissions: Permissions;
  /** Only for coordinators and administrators. */
  coordinator: CoordinatorData | null;
}

export interface InboxItem extends repo.InboxRow {
  deadline: Date;
  owed: boolean;
  overdue: boolean;
  dueSoon: boolean;
}

export interface InboxView {
  department: repo.NamedRef | null;
  /** For coordinators and administrators, who choose the department to look at. */
  departments: repo.NamedRef[] | null;
  categories: repo.NamedRef[];
  rounds: repo.NamedRef[];
  items: InboxItem[];
  nextCursor: string | null;
  prevCursor: string | null;
  query: InboxQuery;
}

export interface AttachmentDownload {
  originalName: string;
  mimeType: string;
  size: number;
  stream: Readable;
}

const OPEN_FILTER: readonly SuggestionStatus[] = IN_DEPARTMENT;

/** The nearest deadline first while work is owed; the most recent first when looking back. */
export function inboxDirection(status: StatusFilter): "asc" | "desc" {
  return status === "open" || IN_DEPARTMENT.includes(status as SuggestionStatus) ? "asc" : "desc";
}

export function createCaseworkService(deps: CaseworkDeps) {
  const { db, config } = deps;
  const windowDays = config.deadlines.returnWindowWorkingDays;

  function deadline(at: Date | null, owed: boolean, now: Date): Deadline | null {
    if (!at) return null;
    const overdue = owed && now > at;
    const dueSoon = owed && !overdue && workingDaysBetween(now, at) <= config.deadlines.reminderWorkingDays;
    return { at, overdue, dueSoon };
  }

  async function actionContext(tx: DbClient, viewer: Viewer, s: AccessibleSuggestion): Promise<ActionContext> {
    const [leadReplied, pendingExtension] = await Promise.all([repo.hasLeadReply(tx, s.id), repo.hasPendingExtension(tx, s.id)]);
    return { viewer, suggestion: s, leadReplied, pendingExtension, now: deps.now(), returnWindowWorkingDays: windowDays };
  }

  /**
   * Runs a department action: locks the case, checks access (404) and the action's own rule (403/409), then
   * `apply`. Everything in one transaction, so a refusal anywhere leaves nothing behind.
   */
  async function act<T>(
    viewer: Viewer,
    id: number,
    action: DepartmentAction,
    apply: (tx: DbClient, s: AccessibleSuggestion, mine: AccessAssignment, now: Date) => Promise<T>,
  ): Promise<T> {
    return db.$transaction(async (tx) => {
      if (!(await repo.lockSuggestion(tx, id))) throw new NotFoundError();
      const s = await loadAccessibleSuggestion(tx, viewer, id);
      const ctx = await actionContext(tx, viewer, s);
      const refused = refusal(action, ctx);
      if (refused) throw refused;
      const mine = departmentAssignment(viewer, s);
      if (!mine) throw new NotFoundError();
      return apply(tx, s, mine, ctx.now);
    }, TX_OPTIONS);
  }

  async function getCase(viewer: Viewer, id: number, opts: { revealed?: boolean } = {}): Promise<CaseView> {
    const access = await loadAccessibleSuggestion(db, viewer, id);
    const record = await repo.findCase(db, id);
    if (!record) throw new NotFoundError();
    const now = deps.now();
    const ctx: ActionContext = {
      viewer,
      suggestion: access,
      leadReplied: record.replies.some((r) => r.isLead),
      pendingExtension: record.extensions.some((e) => e.status === "PENDING"),
      now,
      returnWindowWorkingDays: windowDays,
    };
    const departmentIds = [...new Set(record.events.map((e) => e.departmentId).filter((d): d is number => d !== null))];
    const departments = new Map((await repo.findDepartmentsByIds(db, departmentIds)).map((d) => [d.id, d]));
    const { submitter, events, ...rest } = record;

    const hiddenFromViewer = submitter?.hideIdentity === true && viewer.role === "OFFICIAL";
    let contact: Contact;
    if (!submitter) contact = { state: "none" };
    else if (hiddenFromViewer) contact = { state: "hidden" };
    else if (opts.revealed) {
      contact = { state: "revealed", name: submitter.realName, phone: submitter.phone, email: submitter.email, hideIdentity: submitter.hideIdentity };
    } else {
      contact = {
        state: "masked",
        name: maskName(submitter.realName),
        phone: maskPhone(submitter.phone),
        email: submitter.email ? maskEmail(submitter.email) : null,
        hideIdentity: submitter.hideIdentity,
      };
    }

    const screeningOwed = ["SUBMITTED", "SCREENING", "RETURNED"].includes(record.status);
    const coordinator: CoordinatorData | null =
      viewer.role === "COORDINATOR" || viewer.role === "ADMIN"
        ? {
            departments: await repo.findDepartments(db),
            proposedDepartmentId: record.proposedDepartmentId,
            routingReason: parseRoutingReason(record.routingReason),
            defaultReplyDueDate: shanghaiDateString(addWorkingDays(now, config.deadlines.replyWorkingDays)),
            canScreen: canApply("accept", record.status),
            canTransfer: canApply("transfer", record.status),
            important: record.important,
          }
        : null;

    return {
      record: { ...rest, events: events.map((e) => ({ ...e, department: e.departmentId !== null ? (departments.get(e.departmentId) ?? null) : null })) },
      contact,
      canReveal: Boolean(submitter) && !hiddenFromViewer && !opts.revealed,
      screeningDeadline: deadline(record.screeningDueAt, screeningOwed, now),
      replyDeadline: deadline(record.replyDueAt, IN_DEPARTMENT.includes(record.status), now),
      permissions: permissionsFor(ctx),
      coordinator,
    };
  }

  return {
    getCase,

    /** Logs who looked at the full contact details, then shows them (this once, on the page it answers with). */
    async revealContact(viewer: Viewer, id: number): Promise<CaseView> {
      await db.$transaction(async (tx) => {
        await loadAccessibleSuggestion(tx, viewer, id);
        const submitter = await repo.findSubmitter(tx, id);
        // Hidden from departments means hidden: an official cannot reveal it either, and learns nothing from the answer.
        if (!submitter || (submitter.hideIdentity && viewer.role === "OFFICIAL")) throw new NotFoundError();
        await repo.createEvent(tx, {
          suggestionId: id,
          type: EVENT_TYPE.CONTACT_REVEALED,
          actorId: viewer.id,
          departmentId: viewer.role === "OFFICIAL" ? viewer.departmentId : null,
          internal: true,
        });
      }, TX_OPTIONS);
      deps.logger.info({ suggestionId: id, userId: viewer.id }, "submitter contact revealed");
      return getCase(viewer, id, { revealed: true });
    },

    /** The file behind an attachment link, after the same access check as its suggestion. */
    async openAttachment(viewer: Viewer, attachmentId: number, open: (storedName: string) => Readable): Promise<AttachmentDownload> {
      const attachment = await repo.findAttachment(db, attachmentId);
      if (!attachment) throw new NotFoundError();
      await loadAccessibleSuggestion(db, viewer, attachment.suggestionId);
      return { originalName: attachment.originalName, mimeType: attachment.mimeType, size: attachment.size, stream: open(attachment.storedName) };
    },

    async inbox(viewer: Viewer, query: InboxQuery): Promise<InboxView> {
      // An official's inbox is their own department's, whatever the query string says.
      const departmentId = viewer.role === "OFFICIAL" ? viewer.departmentId : (query.departmentId ?? null);
      if (viewer.role === "OFFICIAL" && departmentId === null) throw new ForbiddenError();
      const [department, departments, categories, rounds] = await Promise.all([
        departmentId !== null ? repo.findDepartment(db, departmentId) : Promise.resolve(null),
        viewer.role === "OFFICIAL" ? Promise.resolve(null) : repo.findDepartments(db),
        repo.findCategories(db),
        repo.findRounds(db),
      ]);
      if (departmentId !== null && !department) throw new NotFoundError();
      const view: InboxView = { department, departments, categories, rounds, items: [], nextCursor: null, prevCursor: null, query };
      if (!department) return view;

      const { rows, backward } = await repo.findInboxRows(db, {
        departmentId: department.id,
        assignmentStatuses: query.status === "open" ? LIVE_ASSIGNMENT : ["PENDING", "ACCEPTED", "REPLIED", "RETURNED"],
        suggestionStatuses: query.status === "open" ? OPEN_FILTER : query.status === "all" ? null : [query.status],
        ...(query.roundId !== undefined ? { roundId: query.roundId } : {}),
        ...(query.categoryId !== undefined ? { categoryId: query.categoryId } : {}),
        direction: inboxDirection(query.status),
        ...(query.after ? { after: query.after } : {}),
        ...(query.before ? { before: query.before } : {}),
        limit: INBOX_PAGE_SIZE,
      });
      const more = rows.length > INBOX_PAGE_SIZE;
      const page = rows.slice(0, INBOX_PAGE_SIZE);
      if (backward) page.reverse();
      const now = deps.now();
      view.items = page.map((row) => {
        // The lead's deadline moves with an approved extension; an assisting department keeps its own.
        const at = row.role === "LEAD" && row.replyDueAt ? row.replyDueAt : row.dueAt;
        const owed = LIVE_ASSIGNMENT.includes(row.assignmentStatus) && IN_DEPARTMENT.includes(row.status);
        const d = deadline(at, owed, now) ?? { at, overdue: false, dueSoon: false };
        return { ...row, deadline: d.at, owed, overdue: d.overdue, dueSoon: d.dueSoon };
      });
      const firstRow = page[0];
      const lastRow = page[page.length - 1];
      const hasNext = backward ? true : more;
      const hasPrev = backward ? more : query.after !== undefined;
      view.nextCursor = hasNext && lastRow ? encodeCursor({ dueAt: lastRow.dueAt, id: lastRow.assignmentId }) : null;
      view.prevCursor = hasPrev && firstRow ? encodeCursor({ dueAt: firstRow.dueAt, id: firstRow.assignmentId }) : null;
      return view;
    },

    /** 签收. The lead's acceptance starts the handling; an assisting department's only records that it has it. */
    async acceptAssignment(viewer: Viewer, id: number): Promise<void> {
      await act(viewer, id, "accept", async (tx, _s, mine, now) => {
        if (!(await repo.updateAssignment(tx, mine.id, ["PENDING"], { status: "ACCEPTED", acceptedAt: now }))) {
          throw new ConflictError("casework:errors.alreadyAccepted");
        }
        if (mine.role === "LEAD") {
          await applyTransition(tx, { suggestionId: id, action: "acceptAssignment", actorId: viewer.id, departmentId: mine.departmentId });
        } else {
          await repo.createEvent(tx, { suggestionId: id, type: EVENT_TYPE.ASSIST_ACCEPTED, actorId: viewer.id, departmentId: mine.departmentId, internal: true });
        }
      });
    },

    /** 退回: back to the coordinators' screening list with the department's reason. */
    async returnAssignment(viewer: Viewer, id: number, form: ReturnForm): Promise<void> {
      await act(viewer, id, "return", async (tx, _s, mine) => {
        if (!(await repo.updateAssignment(tx, mine.id, LIVE_ASSIGNMENT, { status: "RETURNED", returnReason: form.reason }))) {
          throw new ConflictError("errors:illegalTransition", { action: "return" });
        }
        await applyTransition(tx, {
          suggestionId: id,
          action: "returnAssignment",
          actorId: viewer.id,
          departmentId: mine.departmentId,
          note: form.reason,
          set: { replyDueAt: null },
          // The department's reason is for the coordinators; the citizen sees that the case is being screened again.
          internal: true,
        });
        await repo.clearLeadDepartment(tx, id);
      });
    },

    /** 申请延期: a request the coordinators decide on; nothing moves until they approve it. */
    async requestExtension(viewer: Viewer, id: number, form: ExtensionForm): Promise<void> {
      await act(viewer, id, "extension", async (tx, _s, mine, now) => {
        await repo.createExtension(tx, {
          suggestionId: id, departmentId: mine.departmentId, requestedBy: viewer.id, workingDays: form.workingDays, reason: form.reason, createdAt: now,
        });
        await repo.createEvent(tx, {
          suggestionId: id, type: EVENT_TYPE.EXTENSION_REQUESTED, actorId: viewer.id, departmentId: mine.departmentId, note: form.reason, internal: true,
        });
      });
    },

    /** 内部备注. Returns false when the same note was just added (a double submission): nothing is written. */
    async addNote(viewer: Viewer, id: number, form: NoteForm): Promise<boolean> {
      return act(viewer, id, "note", async (tx, _s, mine, now) => {
        const since = new Date(now.getTime() - DUPLICATE_NOTE_WINDOW_MS);
        if (await repo.findRecentSameNote(tx, { suggestionId: id, actorId: viewer.id, note: form.note, since })) return false;
        await repo.createEvent(tx, { suggestionId: id, type: EVENT_TYPE.NOTE, actorId: viewer.id, departmentId: mine.departmentId, note: form.note, internal: true });
        return true;
      });
    },

    /**
     * 答复. The lead department's reply answers the citizen (and everyone whose suggestion was merged into this
     * one) and ends the handling; an assisting department's is an opinion attached to the case for the lead.
     */
    async reply(viewer: Viewer, id: number, form: ReplyForm): Promise<{ isLead: boolean; emailIds: number[] }> {
      const result = await act(viewer, id, "reply", async (tx, _s, mine, now) => {
        const isLead = mine.role === "LEAD";
        if (!(await repo.updateAssignment(tx, mine.id, LIVE_ASSIGNMENT, { status: "REPLIED" }))) {
          throw new ConflictError(isLead ? "casework:errors.alreadyReplied" : "casework:errors.opinionGiven");
        }
        if (isLead) {
          await applyTransition(tx, { suggestionId: id, action: "reply", actorId: viewer.id, departmentId: mine.departmentId });
        } else {
          await repo.createEvent(tx, { suggestionId: id, type: EVENT_TYPE.OPINION_ADDED, actorId: viewer.id, departmentId: mine.departmentId, internal: true });
        }
        const reply = await repo.createReply(tx, {
          suggestionId: id, departmentId: mine.departmentId, authorId: viewer.id, isLead,
          body: form.body, adoption: form.adoption, explanation: form.explanation, createdAt: now,
        });
        if (!isLead) return { isLead, emailIds: [] };

        const drafts = await replyEmailDrafts(tx, config.publicBaseUrl, {
          id: reply.id, suggestionId: id, departmentId: mine.departmentId,
          adoption: form.adoption, body: form.body, explanation: form.explanation, createdAt: now,
        });
        return { isLead, emailIds: await queueEmails(tx, drafts) };
      });
      // After commit and best-effort: with Redis down the outbox sweep sends them later.
      await deps.enqueuer.sendEmails(result.emailIds);
      return result;
    },
  };
}

export type CaseworkService = ReturnType<typeof createCaseworkService>;

export function caseworkServiceFor(c: Container): CaseworkService {
  return createCaseworkService({ db: c.db, config: c.config, enqueuer: c.enqueuer, logger: c.logger, now: () => c.now() });
}
