// Suggestions at a given point of their handling, written straight through Prisma (as the tracking tests do):
// the measures, feedback and deadlines tests need cases that are assigned, overdue, answered or closed.
import type { Container } from "../../../src/container.ts";
import type { SuggestionStatus } from "../../../src/generated/prisma/enums.ts";
import { insertPendingSuggestion, SUBMITTER } from "../../support/factories.ts";

export { SUBMITTER };
/** The last 4 digits of SUBMITTER.phone. */
export const PHONE_LAST4 = SUBMITTER.phone.slice(-4);

export interface CaseInput {
  /** Department code of the lead department (prisma/seed-data/departments.ts). */
  lead: string;
  /** Department code of an assisting department. */
  assist?: string;
  status: Extract<SuggestionStatus, "ASSIGNED" | "IN_HANDLING" | "EXTENDED" | "REPLIED" | "CLOSED">;
  /** The reply deadline (Suggestion.replyDueAt and the lead assignment's dueAt). */
  dueAt: Date;
  /** When the lead department replied (REPLIED, CLOSED); defaults to a day before dueAt. */
  replyAt?: Date;
  title?: string;
}

export interface Case {
  id: number;
  trackingCode: string;
  assignmentId: number;
  leadDepartmentId: number;
}

export async function department(c: Container, code: string) {
  return c.db.department.findUniqueOrThrow({ where: { code }, select: { id: true, name: true, email: true, headEmail: true } });
}

export async function userId(c: Container, email: string): Promise<number> {
  return (await c.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

export async function createCase(c: Container, input: CaseInput): Promise<Case> {
  const lead = await department(c, input.lead);
  const submittedAt = new Date(input.dueAt.getTime() - 30 * 24 * 3600_000);
  const s = await insertPendingSuggestion(c.db, { submittedAt, ...(input.title ? { title: input.title } : {}) });
  const answered = input.status === "REPLIED" || input.status === "CLOSED";
  const assignment = await c.db.assignment.create({
    data: {
      suggestionId: s.id,
      departmentId: lead.id,
      role: "LEAD",
      status: answered ? "REPLIED" : input.status === "ASSIGNED" ? "PENDING" : "ACCEPTED",
      assignedAt: submittedAt,
      dueAt: input.dueAt,
      acceptedAt: input.status === "ASSIGNED" ? null : submittedAt,
    },
    select: { id: true },
  });
  if (input.assist) {
    const assist = await department(c, input.assist);
    await c.db.assignment.create({
      data: { suggestionId: s.id, departmentId: assist.id, role: "ASSIST", status: "ACCEPTED", assignedAt: submittedAt, dueAt: input.dueAt },
    });
  }
  await c.db.suggestion.update({
    where: { id: s.id },
    data: { status: input.status, leadDepartmentId: lead.id, replyDueAt: input.dueAt, routingState: "ROUTED" },
  });
  if (answered) {
    await c.db.reply.create({
      data: {
        suggestionId: s.id,
        departmentId: lead.id,
        isLead: true,
        body: "经研究，您的建议具有较强的可行性，我们将在下一步工作中认真落实。",
        adoption: "PARTIALLY_ADOPTED",
        explanation: "部分内容已纳入年度工作计划。",
        createdAt: input.replyAt ?? new Date(input.dueAt.getTime() - 24 * 3600_000),
      },
    });
  }
  return { id: s.id, trackingCode: s.trackingCode, assignmentId: assignment.id, leadDepartmentId: lead.id };
}
