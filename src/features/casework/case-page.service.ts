// The case page every staff role opens: the whole case, the submitter as this viewer may see them, the deadlines,
// and the department forms this viewer may use. Access is checked first (access.ts): a case the viewer may not see
// is "not found", like an id that does not exist.
import type { Infrastructure } from "../../container.ts";
import { recordAudit } from "../audit/index.ts";
import { NotFoundError } from "../../errors.ts";
import { TX_OPTIONS } from "../../platform/db.ts";
import { isReplyDeadlineRunning, isScreeningDeadlineRunning, type Deadlines, type DeadlineState } from "../deadlines/index.ts";
import { EVENT_TYPE, recordEvent } from "../lifecycle/index.ts";
import { loadAccessibleSuggestion, type Viewer } from "./access.ts";
import * as repo from "./case.repository.ts";
import { permissionsFor, type ActionContext, type Permissions } from "./department-rules.ts";
import { contactFor, isHiddenFrom, type Contact } from "./masking.ts";
import { findDepartmentsByIds, type NamedRef } from "./reference.repository.ts";

export interface CaseView {
  record: Omit<repo.CaseRecord, "submitter" | "events"> & {
    events: (repo.CaseRecord["events"][number] & { department: NamedRef | null })[];
  };
  contact: Contact;
  canReveal: boolean;
  screeningDeadline: DeadlineState | null;
  replyDeadline: DeadlineState | null;
  permissions: Permissions;
  /** The lead reply awaiting the head's approval or sent back: only for the officials of its department. */
  pendingReply: repo.PendingReplyRecord | null;
}

export type CasePageDeps = Pick<Infrastructure, "db" | "logger" | "now"> & { deadlines: Deadlines };

export function createCasePageService(deps: CasePageDeps) {
  const { db, deadlines } = deps;

  async function getCase(viewer: Viewer, id: number, opts: { revealed?: boolean } = {}): Promise<CaseView> {
    const access = await loadAccessibleSuggestion(db, viewer, id);
    const [record, pending] = await Promise.all([repo.findCase(db, id), repo.findOpenPendingReply(db, id)]);
    if (!record) throw new NotFoundError();
    const now = deps.now();
    const ctx: ActionContext = {
      viewer,
      suggestion: access,
      leadReplied: record.replies.some((r) => r.isLead),
      pendingExtension: record.extensions.some((e) => e.status === "PENDING"),
      replyAwaitingApproval: pending?.status === "AWAITING_APPROVAL",
      now,
      returnWindowWorkingDays: deadlines.settings.returnWindowWorkingDays,
    };
    const departmentIds = [...new Set(record.events.map((e) => e.departmentId).filter((d): d is number => d !== null))];
    const departments = new Map((await findDepartmentsByIds(db, departmentIds)).map((d) => [d.id, d]));
    const { submitter, events, ...rest } = record;
    const revealed = opts.revealed ?? false;

    return {
      record: { ...rest, events: events.map((e) => ({ ...e, department: e.departmentId !== null ? (departments.get(e.departmentId) ?? null) : null })) },
      contact: contactFor(viewer, submitter, revealed),
      canReveal: submitter !== null && !isHiddenFrom(viewer, submitter) && !revealed,
      screeningDeadline: deadlines.state(record.screeningDueAt, isScreeningDeadlineRunning(record.status), now),
      replyDeadline: record.replyDueAt ? deadlines.state(record.replyDueAt, isReplyDeadlineRunning(record.status), now) : null,
      permissions: permissionsFor(ctx),
      // Not yet the department's answer: other departments and the coordinators see the case as still in handling.
      pendingReply: pending && viewer.role === "OFFICIAL" && viewer.departmentId === pending.departmentId ? pending : null,
    };
  }

  return {
    getCase,

    /** Logs who looked at the full contact details, then shows them (this once, on the page it answers with). */
    async revealContact(viewer: Viewer & { email: string }, id: number): Promise<CaseView> {
      await db.$transaction(async (tx) => {
        await loadAccessibleSuggestion(tx, viewer, id);
        const submitter = await repo.findSubmitter(tx, id);
        // Hidden from departments means hidden: an official cannot reveal it either, and learns nothing from the answer.
        if (!submitter || isHiddenFrom(viewer, submitter)) throw new NotFoundError();
        await recordEvent(tx, {
          suggestionId: id,
          type: EVENT_TYPE.CONTACT_REVEALED,
          actorId: viewer.id,
          departmentId: viewer.role === "OFFICIAL" ? viewer.departmentId : null,
          internal: true,
        });
        // Also in the administrators' audit log, next to every other look at personal data (features/audit).
        await recordAudit(tx, { actor: { id: viewer.id, email: viewer.email }, action: "contact.reveal", entity: "Suggestion", entityId: id });
      }, TX_OPTIONS);
      deps.logger.info({ suggestionId: id, userId: viewer.id }, "submitter contact revealed");
      return getCase(viewer, id, { revealed: true });
    },
  };
}

export type CasePageService = ReturnType<typeof createCasePageService>;
