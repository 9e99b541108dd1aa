// The emails the office's decisions cause: to the citizen (in their language, only if they left an address) and to
// departments (in Chinese, carrying no personal data). Drafts only; the services write them to the outbox.
import { namePath } from "../../platform/i18n.ts";
import type { AssignmentRole } from "../../generated/prisma/enums.ts";
import { citizenEmail, type EmailDraft } from "../notifications/index.ts";
import { assignedEmail } from "../routing/index.ts";
import type { DepartmentOption, SuggestionForAction } from "./decisions.repository.ts";

export function createCoordinationEmails(publicBaseUrl: string) {
  const caseUrl = (suggestionId: number) => `${publicBaseUrl}/staff/suggestions/${suggestionId}`;

  return {
    /** The citizen's email about a decision, in their language; none when they left no address. */
    citizen(s: SuggestionForAction, dedupeKey: string, template: EmailDraft["template"], data: EmailDraft["data"]): EmailDraft[] {
      return citizenEmail(publicBaseUrl, s, { dedupeKey, template, data });
    },

    /** The same assignment email the router sends, so a department cannot tell who assigned the case. */
    assigned(s: SuggestionForAction, assignment: { id: number; role: AssignmentRole }, department: DepartmentOption, dueAt: Date): EmailDraft {
      return assignedEmail({ assignment, department, suggestion: s, region: namePath(s.region, "zh-CN"), dueAt, publicBaseUrl });
    },

    /**
     * To a department a transfer took the case from (the old lead, an assisting department no longer listed), in
     * Chinese like every department email; once per assignment. The reason and the new lead, no submitter data and
     * no link: the case is no longer theirs to open.
     */
    withdrawn(
      s: SuggestionForAction,
      assignment: { id: number; role: AssignmentRole },
      department: DepartmentOption,
      lead: DepartmentOption,
      reason: string,
    ): EmailDraft {
      return {
        dedupeKey: `withdrawn-${assignment.id}`,
        to: department.email,
        template: "assignment-withdrawn",
        locale: "zh-CN",
        data: { trackingCode: s.trackingCode, title: s.title, departmentName: department.name, role: assignment.role, leadDepartment: lead.name, reason },
      };
    },

    /**
     * The requesting department's email about the decision on its extension request, in Chinese like every
     * department email; once per request (a request is decided once). No submitter data: the link leads to the case.
     */
    extensionDecided(
      ext: { id: number; suggestionId: number; workingDays: number },
      facts: { suggestion: { trackingCode: string; title: string; replyDueAt: Date | null }; department: { name: string; email: string } },
      decision: "APPROVED" | "REFUSED",
      note: string | null,
    ): EmailDraft {
      const { suggestion: s, department } = facts;
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
          url: caseUrl(ext.suggestionId),
        },
      };
    },
  };
}

export type CoordinationEmails = ReturnType<typeof createCoordinationEmails>;
