// What a department does with a case: sign for it (签收), return it (退回), ask for more time (申请延期), add an
// internal note, reply (答复) or, assisting, give an opinion. Each action is one transaction that locks the
// suggestion row and asks the rule book (department-rules.ts) under that lock, so a double-clicked form applies once.
import type { Infrastructure } from "../../container.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import { TX_OPTIONS, type DbClient } from "../../platform/db.ts";
import type { Deadlines } from "../deadlines/index.ts";
import { applyTransition, EVENT_TYPE, recordEvent, typedNote } from "../lifecycle/index.ts";
import { queueEmails } from "../notifications/index.ts";
import { departmentAssignment, loadAccessibleSuggestion, type AccessAssignment, type AccessibleSuggestion, type Viewer } from "./access.ts";
import type { ExtensionForm, NoteForm, ReplyForm, ReturnForm } from "./casework.schemas.ts";
import * as repo from "./department-actions.repository.ts";
import { LIVE_ASSIGNMENT, refusal, type ActionContext, type DepartmentAction } from "./department-rules.ts";
import { replyEmailDrafts } from "./reply-emails.ts";

/** Two identical notes from one person within this time are one note clicked twice. */
const DUPLICATE_NOTE_WINDOW_MS = 10 * 60 * 1000;

export type DepartmentActionDeps = Pick<Infrastructure, "db" | "config" | "enqueuer" | "now"> & { deadlines: Deadlines };

export function createDepartmentActionService(deps: DepartmentActionDeps) {
  const { db } = deps;

  async function actionContext(tx: DbClient, viewer: Viewer, s: AccessibleSuggestion): Promise<ActionContext> {
    const [leadReplied, pendingExtension] = await Promise.all([repo.hasLeadReply(tx, s.id), repo.hasPendingExtension(tx, s.id)]);
    return { viewer, suggestion: s, leadReplied, pendingExtension, now: deps.now(), returnWindowWorkingDays: deps.deadlines.settings.returnWindowWorkingDays };
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

  return {
    /** 签收. The lead's signature starts the handling; an assisting department's only records that it has it. */
    async sign(viewer: Viewer, id: number): Promise<void> {
      await act(viewer, id, "sign", async (tx, _s, mine, now) => {
        if (!(await repo.updateAssignment(tx, mine.id, ["PENDING"], { status: "ACCEPTED", acceptedAt: now }))) {
          throw new ConflictError("casework:errors.alreadySigned");
        }
        if (mine.role === "LEAD") {
          await applyTransition(tx, { suggestionId: id, action: "sign", actorId: viewer.id, departmentId: mine.departmentId });
        } else {
          await recordEvent(tx, { suggestionId: id, type: EVENT_TYPE.ASSIST_SIGNED, actorId: viewer.id, departmentId: mine.departmentId, internal: true });
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
          note: typedNote(form.reason),
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
        await recordEvent(tx, {
          suggestionId: id, type: EVENT_TYPE.EXTENSION_REQUESTED, actorId: viewer.id, departmentId: mine.departmentId, note: typedNote(form.reason), internal: true,
        });
      });
    },

    /** 内部备注. Returns false when the same note was just added (a double submission): nothing is written. */
    async addNote(viewer: Viewer, id: number, form: NoteForm): Promise<boolean> {
      return act(viewer, id, "note", async (tx, _s, mine, now) => {
        const since = new Date(now.getTime() - DUPLICATE_NOTE_WINDOW_MS);
        if (await repo.findRecentSameNote(tx, { suggestionId: id, actorId: viewer.id, note: form.note, since })) return false;
        await recordEvent(tx, { suggestionId: id, type: EVENT_TYPE.NOTE, actorId: viewer.id, departmentId: mine.departmentId, note: typedNote(form.note), internal: true });
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
          await recordEvent(tx, { suggestionId: id, type: EVENT_TYPE.OPINION_ADDED, actorId: viewer.id, departmentId: mine.departmentId, internal: true });
        }
        const reply = await repo.createReply(tx, {
          suggestionId: id, departmentId: mine.departmentId, authorId: viewer.id, isLead,
          body: form.body, adoption: form.adoption, explanation: form.explanation, createdAt: now,
        });
        if (!isLead) return { isLead, emailIds: [] };

        const drafts = await replyEmailDrafts(tx, deps.config.publicBaseUrl, {
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

export type DepartmentActionService = ReturnType<typeof createDepartmentActionService>;
