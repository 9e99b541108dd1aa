// The department's "suggestion-assigned" email, written by the router and by the collection office
// (features/coordination) alike, so a department cannot tell who assigned the case by what the email holds.
import type { AssignmentRole } from "../../generated/prisma/enums.ts";
import type { EmailDraft } from "../notifications/index.ts";

export interface AssignedEmailInput {
  assignment: { id: number; role: AssignmentRole };
  department: { name: string; email: string };
  suggestion: { id: number; trackingCode: string; title: string; category: { name: string }; round: { title: string } | null };
  /** Province first, in Chinese: "辽宁省 沈阳市 和平区". */
  region: string;
  dueAt: Date;
  publicBaseUrl: string;
}

/** The dedupe key is this followed by the assignment's id: one email per assignment. */
export const ASSIGNED_DEDUPE_PREFIX = "assigned-";

/** What the department needs to find the case; the submitter is shown (masked) only inside the app. */
export function assignedEmail(input: AssignedEmailInput): EmailDraft {
  return { dedupeKey: `${ASSIGNED_DEDUPE_PREFIX}${input.assignment.id}`, ...assignedEmailContent(input) };
}

/**
 * The email without its dedupe key, for a writer that creates the assignment and the email in one statement and
 * completes the key there (the router, see routing.repository.ts).
 */
export function assignedEmailContent(input: Omit<AssignedEmailInput, "assignment"> & { assignment: { role: AssignmentRole } }): Omit<EmailDraft, "dedupeKey"> {
  const { assignment, department, suggestion: s } = input;
  return {
    to: department.email,
    template: "suggestion-assigned",
    // Department emails are in Chinese, whatever the citizen wrote in.
    locale: "zh-CN",
    data: {
      trackingCode: s.trackingCode,
      title: s.title,
      category: s.category.name,
      region: input.region,
      ...(s.round ? { round: s.round.title } : {}),
      departmentName: department.name,
      // Worded per role by the template: the lead replies to the citizen, an assisting department to the lead.
      role: assignment.role,
      dueAt: input.dueAt.toISOString(),
      url: `${input.publicBaseUrl}/staff/suggestions/${s.id}`,
    },
  };
}
