// Suggestions in the states the collection office works on, written straight through Prisma in one nested write,
// shaped like what the router, the departments and earlier coordinator actions leave behind.
import { randomBytes } from "node:crypto";
import type { Db } from "../../src/platform/db.ts";
import type { AssignmentStatus, RoutingState, SuggestionStatus } from "../../src/generated/prisma/enums.ts";
import { addWorkingDays } from "../../src/platform/working-days.ts";

export const CITIZEN_EMAIL = "li.citizen@citizen.example";

export interface StateInput {
  status: SuggestionStatus;
  title?: string;
  categoryCode?: string;
  regionCode?: string;
  roundId?: number | null;
  submittedAt?: Date;
  /** null: no email address given. */
  email?: string | null;
  locale?: "zh-CN" | "en";
  important?: boolean;
  routingState?: RoutingState;
  proposedDepartmentCode?: string | null;
  routingReason?: Record<string, unknown> | null;
  /** The current lead (ASSIGNED, IN_HANDLING, EXTENDED): a LEAD assignment in `leadStatus`. */
  leadDepartmentCode?: string | null;
  leadStatus?: AssignmentStatus;
  assistDepartmentCodes?: string[];
  replyDueAt?: Date | null;
  /** RETURNED: the department that returned it and why (a RETURNED LEAD assignment and a RETURNED event). */
  returnedBy?: { departmentCode: string; reason: string; at?: Date };
}

async function departmentId(db: Db, code: string): Promise<number> {
  return (await db.department.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}

export async function insertSuggestion(db: Db, input: StateInput): Promise<{ id: number; trackingCode: string }> {
  const submittedAt = input.submittedAt ?? new Date(Date.now() - 60 * 60 * 1000);
  const [category, region] = await Promise.all([
    db.category.findUniqueOrThrow({ where: { code: input.categoryCode ?? "EDUCATION" }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: input.regionCode ?? "210102" }, select: { id: true } }),
  ]);
  const lead = input.leadDepartmentCode ? await departmentId(db, input.leadDepartmentCode) : null;
  const proposed = input.proposedDepartmentCode ? await departmentId(db, input.proposedDepartmentCode) : null;
  const assists = await Promise.all((input.assistDepartmentCodes ?? []).map((c) => departmentId(db, c)));
  const returnedBy = input.returnedBy ? { ...input.returnedBy, id: await departmentId(db, input.returnedBy.departmentCode) } : null;
  const replyDueAt = input.replyDueAt !== undefined ? input.replyDueAt : lead ? addWorkingDays(submittedAt, 15) : null;
  const trackingCode = `JY-${submittedAt.getUTCFullYear()}-${randomBytes(5).toString("hex").toUpperCase().slice(0, 8)}`;
  const assignedAt = new Date(submittedAt.getTime() + 60_000);

  const assignments = [
    ...(lead ? [{ departmentId: lead, role: "LEAD" as const, status: input.leadStatus ?? "PENDING", assignedAt, dueAt: replyDueAt ?? addWorkingDays(assignedAt, 15) }] : []),
    ...assists.map((d) => ({ departmentId: d, role: "ASSIST" as const, status: "PENDING" as const, assignedAt, dueAt: replyDueAt ?? addWorkingDays(assignedAt, 15) })),
    ...(returnedBy
      ? [{ departmentId: returnedBy.id, role: "LEAD" as const, status: "RETURNED" as const, assignedAt, dueAt: addWorkingDays(assignedAt, 15), returnReason: returnedBy.reason }]
      : []),
  ];
  const events = [
    { type: "SUBMITTED", toStatus: "SUBMITTED" as const, createdAt: submittedAt },
    ...(returnedBy
      ? [{ type: "RETURNED", fromStatus: "ASSIGNED" as const, toStatus: "RETURNED" as const, departmentId: returnedBy.id, note: returnedBy.reason, internal: true, createdAt: returnedBy.at ?? new Date(submittedAt.getTime() + 120_000) }]
      : []),
  ];

  return db.suggestion.create({
    data: {
      trackingCode,
      kind: input.roundId ? "ROUND" : "EVERYDAY",
      roundId: input.roundId ?? null,
      title: input.title ?? "关于增加中小学课后服务时段的建议",
      problem: "双职工家庭下午接孩子困难。",
      proposal: "建议延长课后服务至18点，并提供托管。",
      categoryId: category.id,
      regionId: region.id,
      status: input.status,
      important: input.important ?? false,
      locale: input.locale ?? "zh-CN",
      submittedAt,
      screeningDueAt: addWorkingDays(submittedAt, 5),
      replyDueAt,
      routingState: input.routingState ?? (input.status === "SUBMITTED" ? "PENDING" : "TRIAGE"),
      routedAt: input.status === "SUBMITTED" ? null : submittedAt,
      proposedDepartmentId: proposed,
      routingReason: input.routingReason === undefined || input.routingReason === null ? null : JSON.stringify(input.routingReason),
      leadDepartmentId: lead,
      submitter: {
        create: {
          realName: "李明",
          phone: "13800001234",
          email: input.email === undefined ? CITIZEN_EMAIL : input.email,
        },
      },
      assignments: { create: assignments },
      events: { create: events },
    },
    select: { id: true, trackingCode: true },
  });
}

export async function insertExtensionRequest(
  db: Db,
  input: { suggestionId: number; departmentCode: string; requestedByEmail: string; workingDays: number; reason?: string },
): Promise<{ id: number }> {
  const [dept, user] = await Promise.all([
    departmentId(db, input.departmentCode),
    db.user.findUniqueOrThrow({ where: { email: input.requestedByEmail }, select: { id: true } }),
  ]);
  return db.extensionRequest.create({
    data: {
      suggestionId: input.suggestionId,
      departmentId: dept,
      requestedBy: user.id,
      workingDays: input.workingDays,
      reason: input.reason ?? "需赴基层开展实地调研，申请延期办理。",
    },
    select: { id: true },
  });
}

/** Everything a test may compare before and after a refused request. */
export async function snapshot(db: Db, suggestionId: number) {
  const [suggestion, assignments, events, emails] = await Promise.all([
    db.suggestion.findUniqueOrThrow({ where: { id: suggestionId } }),
    db.assignment.findMany({ where: { suggestionId }, orderBy: { id: "asc" } }),
    db.handlingEvent.findMany({ where: { suggestionId }, orderBy: { id: "asc" } }),
    db.emailMessage.count(),
  ]);
  return { suggestion, assignments, events, emails };
}
