// Extension requests as the office decides them (延期审批): the waiting list, approving (the deadline moves by the
// requested working days, counted from the current deadline) and refusing (the deadline stays).
import type { Infrastructure } from "../../container.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import { TX_OPTIONS, type DbClient } from "../../platform/db.ts";
import type { StaffUser } from "../auth/index.ts";
import { extendedReplyDueAt, type Deadlines } from "../deadlines/index.ts";
import { applyTransition, canApply, EVENT_TYPE, recordEvent, typedNote } from "../lifecycle/index.ts";
import { citizenEmailFor, queueEmails, type EmailDraft } from "../notifications/index.ts";
import { createCoordinationEmails } from "./coordination-emails.ts";
import { coordinationNotes } from "./coordination-notes.ts";
import type { ApproveForm, RefuseForm } from "./coordination.schemas.ts";
import { moveCurrentDeadlines } from "./decisions.repository.ts";
import * as repo from "./extensions.repository.ts";
import { assertOfficeStaff } from "./office-staff.ts";

export const EXTENSIONS_LIMIT = 200;

export interface ExtensionItem extends repo.PendingExtension {
  newDueAt: Date | null;
  /** The requesting department no longer leads (transferred): approving would be refused. */
  stale: boolean;
}

export type ExtensionDecisionDeps = Pick<Infrastructure, "db" | "config" | "logger" | "enqueuer" | "now"> & { deadlines: Deadlines };

export function createExtensionDecisionService(c: ExtensionDecisionDeps) {
  const emails = createCoordinationEmails(c.config.publicBaseUrl);

  /**
   * Decides a request once (only a PENDING one is claimed: two clicks, two coordinators), applies what the decision
   * changes, and emails the requesting department, all in one transaction; the email is queued after commit.
   */
  async function decide(
    user: StaffUser,
    extensionId: number,
    status: "APPROVED" | "REFUSED",
    note: string | null,
    apply: (tx: DbClient, ext: NonNullable<Awaited<ReturnType<typeof repo.findExtension>>>, now: Date) => Promise<EmailDraft[]>,
  ): Promise<{ suggestionId: number }> {
    assertOfficeStaff(user);
    const ext = await repo.findExtension(c.db, extensionId);
    if (!ext) throw new NotFoundError();
    const now = c.now();
    const emailIds = await c.db.$transaction(async (tx) => {
      const claimed = await repo.decideExtension(tx, ext.id, { status, decidedBy: user.id, decisionNote: note, decidedAt: now });
      if (!claimed) throw new ConflictError("coordination:errors.extensionDecided");
      const more = await apply(tx, ext, now);
      return queueEmails(tx, [emails.extensionDecided(ext, await repo.findDecisionEmailFacts(tx, ext), status, note), ...more]);
    }, TX_OPTIONS);
    c.logger.info({ extensionId: ext.id, suggestionId: ext.suggestionId, actorId: user.id }, status === "APPROVED" ? "extension approved" : "extension refused");
    await c.enqueuer.sendEmails(emailIds);
    return { suggestionId: ext.suggestionId };
  }

  return {
    async pending(user: StaffUser): Promise<{ items: ExtensionItem[]; total: number }> {
      assertOfficeStaff(user);
      const [rows, total] = await Promise.all([repo.findPendingExtensions(c.db, EXTENSIONS_LIMIT), repo.countPendingExtensions(c.db)]);
      const now = c.now();
      return {
        items: rows.map((r) => ({
          ...r,
          newDueAt: r.suggestion.replyDueAt ? extendedReplyDueAt(r.suggestion.replyDueAt, now, r.workingDays) : null,
          stale: r.suggestion.leadDepartmentId !== r.department.id || !canApply("extend", r.suggestion.status),
        })),
        total,
      };
    },

    /** Moves the reply deadline by the requested working days, counted from the current deadline. */
    approve: (user: StaffUser, extensionId: number, form: ApproveForm) =>
      decide(user, extensionId, "APPROVED", form.note ?? null, async (tx, ext, now) => {
        const s = await repo.findDeadlineAndLead(tx, ext.suggestionId);
        if (!s || s.leadDepartmentId !== ext.departmentId) throw new ConflictError("coordination:errors.extensionNotLead");
        const newDue = c.deadlines.extendedReplyDueAt(s.replyDueAt, now, ext.workingDays, { suggestionId: ext.suggestionId });
        await applyTransition(tx, {
          suggestionId: ext.suggestionId,
          action: "extend",
          actorId: user.id,
          departmentId: ext.departmentId,
          note: coordinationNotes.extended(ext.workingDays, newDue),
          set: { replyDueAt: newDue },
        });
        await moveCurrentDeadlines(tx, ext.suggestionId, newDue);
        // The tracking page shows the new deadline; the citizen hears of it (a refusal changes nothing they see).
        return citizenEmailFor(tx, c.config.publicBaseUrl, ext.suggestionId, {
          dedupeKey: `extended-${ext.id}`,
          template: "reply-deadline-extended",
          data: { replyDueAt: newDue.toISOString() },
        });
      }),

    /** Refused: the deadline stays; the department reads why in its email and the case history. */
    refuse: (user: StaffUser, extensionId: number, form: RefuseForm) =>
      decide(user, extensionId, "REFUSED", form.note, async (tx, ext, now) => {
        await recordEvent(tx, {
          suggestionId: ext.suggestionId,
          type: EVENT_TYPE.EXTENSION_REFUSED,
          actorId: user.id,
          departmentId: ext.departmentId,
          note: typedNote(form.note),
          internal: true,
          at: now,
        });
        return [];
      }),
  };
}

export type ExtensionDecisionService = ReturnType<typeof createExtensionDecisionService>;
