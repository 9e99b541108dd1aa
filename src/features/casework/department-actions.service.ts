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
import type { ExtensionForm, NoteForm, ReplyForm, ReturnForm, SendBackForm } from "./casework.schemas.ts";
import * as repo from "./department-actions.repository.ts";
import { LIVE_ASSIGNMENT, refusal, type ActionContext, type DepartmentAction } from "./department-rules.ts";
import { replyEmailDrafts } from "./reply-emails.ts";

/** Two identical notes from one person within this time are one note clicked twice. */
const DUPLICATE_NOTE_WINDOW_MS = 10 * 60 * 1000;

export type DepartmentActionDeps = Pick<Infrastructure, "db" | "config" | "enqueuer" | "now"> & { deadlines: Deadlines };

export function createDepartmentActionService(deps: DepartmentActionDeps) {
  const { db } = deps;

  async function actionContext(tx: DbClient, viewer: Viewer, s: AccessibleSuggestion): Promise<ActionContext> {
    const [leadReplied, pendingExtension, replyAwaitingApproval] = await Promise.all([
      repo.hasLeadReply(tx, s.id), repo.hasPendingExtension(tx, s.id), repo.hasAwaitingReply(tx, s.id),
    ]);
    return { viewer, suggestion: s, leadReplied, pendingExtension, replyAwaitingApproval, now: deps.now(), returnWindowWorkingDays: deps.deadlines.settings.returnWindowWorkingDays };
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

  /**
   * The lead reply going out: the REPLIED transition, the Reply row and the citizens' emails (queued in this
   * transaction, sent after commit). The caller has already marked the assignment REPLIED.
   */
  async function sendLeadReply(
    tx: DbClient,
    r: { suggestionId: number; departmentId: number; actorId: number; authorId: number; form: Pick<ReplyForm, "body" | "adoption" | "explanation">; now: Date },
  ): Promise<{ replyId: number; emailIds: number[] }> {
    await applyTransition(tx, { suggestionId: r.suggestionId, action: "reply", actorId: r.actorId, departmentId: r.departmentId });
    const reply = await repo.createReply(tx, {
      suggestionId: r.suggestionId, departmentId: r.departmentId, authorId: r.authorId, isLead: true,
      body: r.form.body, adoption: r.form.adoption, explanation: r.form.explanation, createdAt: r.now,
    });
    const drafts = await replyEmailDrafts(tx, deps.config.publicBaseUrl, {
      id: reply.id, suggestionId: r.suggestionId, departmentId: r.departmentId,
      adoption: r.form.adoption, body: r.form.body, explanation: r.form.explanation, createdAt: r.now,
    });
    return { replyId: reply.id, emailIds: await queueEmails(tx, drafts) };
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
     * one) and ends the handling; an assisting department's is an opinion attached to the case for the lead. When
     * the department has its replies approved (答复需负责人审核), the lead reply is only stored for the head: no status
     * change, no email (`awaitingApproval`).
     */
    async reply(viewer: Viewer, id: number, form: ReplyForm): Promise<{ isLead: boolean; awaitingApproval: boolean; emailIds: number[] }> {
      const result = await act(viewer, id, "reply", async (tx, _s, mine, now) => {
        const isLead = mine.role === "LEAD";
        if (isLead && (await repo.repliesNeedApproval(tx, mine.departmentId))) {
          await repo.savePendingReply(tx, {
            assignmentId: mine.id, suggestionId: id, departmentId: mine.departmentId, authorId: viewer.id,
            body: form.body, adoption: form.adoption, explanation: form.explanation,
          });
          await recordEvent(tx, { suggestionId: id, type: EVENT_TYPE.REPLY_SUBMITTED, actorId: viewer.id, departmentId: mine.departmentId, internal: true });
          return { isLead, awaitingApproval: true, emailIds: [] };
        }
        if (!(await repo.updateAssignment(tx, mine.id, LIVE_ASSIGNMENT, { status: "REPLIED" }))) {
          throw new ConflictError(isLead ? "casework:errors.alreadyReplied" : "casework:errors.opinionGiven");
        }
        if (!isLead) {
          await recordEvent(tx, { suggestionId: id, type: EVENT_TYPE.OPINION_ADDED, actorId: viewer.id, departmentId: mine.departmentId, internal: true });
          await repo.createReply(tx, {
            suggestionId: id, departmentId: mine.departmentId, authorId: viewer.id, isLead,
            body: form.body, adoption: form.adoption, explanation: form.explanation, createdAt: now,
          });
          return { isLead, awaitingApproval: false, emailIds: [] };
        }
        const sent = await sendLeadReply(tx, { suggestionId: id, departmentId: mine.departmentId, actorId: viewer.id, authorId: viewer.id, form, now });
        return { isLead, awaitingApproval: false, emailIds: sent.emailIds };
      });
      // After commit and best-effort: with Redis down the outbox sweep sends them later.
      await deps.enqueuer.sendEmails(result.emailIds);
      return result;
    },

    /** 审核同意: a head of the lead department lets the reply awaiting approval go out, exactly as a direct reply. */
    async approveReply(viewer: Viewer, id: number): Promise<void> {
      const emailIds = await act(viewer, id, "reviewReply", async (tx, _s, mine, now) => {
        const pending = await repo.findAwaitingReply(tx, mine.id);
        if (!pending || !(await repo.updateAssignment(tx, mine.id, LIVE_ASSIGNMENT, { status: "REPLIED" }))) {
          throw new ConflictError("casework:errors.noReplyAwaiting");
        }
        // The reply stays its author's; the REPLIED event is the head's, who made it go out.
        const sent = await sendLeadReply(tx, { suggestionId: id, departmentId: mine.departmentId, actorId: viewer.id, authorId: pending.authorId, form: pending, now });
        await repo.reviewPendingReply(tx, pending.id, { status: "APPROVED", reviewedById: viewer.id, reviewedAt: now, replyId: sent.replyId });
        return sent.emailIds;
      });
      await deps.enqueuer.sendEmails(emailIds);
    },

    /** 退回修改: the head sends the reply back with a note; the officials see it and may edit and resubmit. */
    async sendBackReply(viewer: Viewer, id: number, form: SendBackForm): Promise<void> {
      await act(viewer, id, "reviewReply", async (tx, _s, mine, now) => {
        const pending = await repo.findAwaitingReply(tx, mine.id);
        if (!pending || !(await repo.reviewPendingReply(tx, pending.id, { status: "SENT_BACK", reviewedById: viewer.id, reviewedAt: now, reviewNote: form.note }))) {
          throw new ConflictError("casework:errors.noReplyAwaiting");
        }
        await recordEvent(tx, {
          suggestionId: id, type: EVENT_TYPE.REPLY_SENT_BACK, actorId: viewer.id, departmentId: mine.departmentId, note: typedNote(form.note), internal: true,
        });
      });
    },
  };
}

export type DepartmentActionService = ReturnType<typeof createDepartmentActionService>;
