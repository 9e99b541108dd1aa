// The one suggestion builder: a suggestion at any point of its life, written straight through Prisma in one nested
// write, shaped like what the submission path, the router, the coordinators and the departments leave behind.
// Also the look-ups every test needs (department and user ids) and the one before/after snapshot.
import { randomBytes } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Container } from "../../src/container.ts";
import type { Db } from "../../src/platform/db.ts";
import type { AdoptionResult, AssignmentStatus, NotAcceptedReason, RoutingState, SuggestionStatus } from "../../src/generated/prisma/enums.ts";
import { addWorkingDays } from "../../src/platform/working-days.ts";

/** The default submitter: what masking, privacy and tracking tests look for (tracking asks for the phone's last 4). */
export const SUBMITTER = {
  realName: "张三丰",
  phone: "13912345678",
  email: "zhang.sanfeng@citizen.example",
} as const;

/** The default text of a suggestion. */
export const SUGGESTION_TEXT = {
  title: "关于改进办事流程的建议",
  problem: "办事需要反复提交相同材料。",
  proposal: "建议推行一次告知、一表申请。",
} as const;

export interface SuggestionInput {
  /** Default SUBMITTED, or ASSIGNED when `lead` is given. */
  status?: SuggestionStatus;
  /** Default: a random one shaped like the real ones (JY-2026-1A2B3C4D). */
  trackingCode?: string;
  /** NOT_ACCEPTED: the reason code. */
  notAcceptedReason?: NotAcceptedReason;
  title?: string;
  problem?: string;
  proposal?: string;
  /** Category code from prisma/seed-data/categories.ts (default OTHER). */
  categoryCode?: string;
  /** Region code (GB/T 2260) from prisma/seed-data/regions.ts (default 210102). */
  regionCode?: string;
  roundId?: number | null;
  topicId?: number | null;
  locale?: "zh-CN" | "en";
  important?: boolean;
  /** Default: an hour before `assignedAt`, else 30 days before `replyDueAt`, else now when SUBMITTED, else an hour ago. */
  submittedAt?: Date;

  // The submitter (defaults: SUBMITTER). email null: no address given.
  realName?: string;
  phone?: string;
  email?: string | null;
  hideIdentity?: boolean;
  /** The citizen agreed to publish the suggestion and its reply (同意公开). */
  consentPublish?: boolean;

  // Routing. Default routingState: PENDING when SUBMITTED, ROUTED with a lead, TRIAGE otherwise.
  routingState?: RoutingState;
  proposedDepartmentCode?: string | null;
  routingReason?: Record<string, unknown> | null;

  /** Department code of the lead department (prisma/seed-data/departments.ts): a LEAD assignment and an ASSIGNED event. */
  lead?: string;
  /** Default from the status: PENDING (ASSIGNED), ACCEPTED (IN_HANDLING, EXTENDED; with an ASSIGNMENT_ACCEPTED event), REPLIED (REPLIED, CLOSED). */
  leadStatus?: AssignmentStatus;
  /** Department codes of assisting departments, in `assistStatus` (default PENDING). */
  assists?: string[];
  assistStatus?: AssignmentStatus;
  /** When the lead was assigned (default: `submittedAt`). */
  assignedAt?: Date;
  /** Suggestion.replyDueAt and the assignments' dueAt; default 15 working days after `assignedAt` when there is a lead. */
  replyDueAt?: Date | null;
  /** The lead department's reply row (for REPLIED and CLOSED cases; not written unless asked for). Made `at` (default:
   * the day before the deadline when that is past, else now). */
  reply?: { at?: Date; body?: string; adoption?: AdoptionResult; explanation?: string };
  /** CLOSED by the citizen's rating (1–5). */
  rating?: { score: number; comment?: string | null; at?: Date };
  /** RETURNED: the department that returned it and why (a RETURNED LEAD assignment and a RETURNED event). */
  returnedBy?: { departmentCode: string; reason: string; at?: Date };
  /** MERGED: the suggestion it was merged into. */
  mergedIntoId?: number;
}

export interface CreatedSuggestion {
  id: number;
  trackingCode: string;
  title: string;
  leadDepartmentId: number | null;
  /** 0 when there is no lead. */
  leadAssignmentId: number;
  assistAssignmentIds: number[];
}

export async function departmentId(db: Db, code: string): Promise<number> {
  return (await db.department.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}

export async function userId(db: Db, email: string): Promise<number> {
  return (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function defaultLeadStatus(status: SuggestionStatus): AssignmentStatus {
  if (status === "IN_HANDLING" || status === "EXTENDED") return "ACCEPTED";
  if (status === "REPLIED" || status === "CLOSED") return "REPLIED";
  return "PENDING";
}

export async function insertSuggestion(db: Db, input: SuggestionInput = {}): Promise<CreatedSuggestion> {
  const status = input.status ?? (input.lead ? "ASSIGNED" : "SUBMITTED");
  const submittedAt =
    input.submittedAt ??
    (input.assignedAt
      ? new Date(input.assignedAt.getTime() - HOUR)
      : input.replyDueAt
        ? new Date(input.replyDueAt.getTime() - 30 * DAY)
        : new Date(Date.now() - (status === "SUBMITTED" ? 0 : HOUR)));
  const assignedAt = input.assignedAt ?? submittedAt;
  const [category, region, lead, proposed, returnedById, ...assists] = await Promise.all([
    db.category.findUniqueOrThrow({ where: { code: input.categoryCode ?? "OTHER" }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: input.regionCode ?? "210102" }, select: { id: true } }),
    input.lead ? departmentId(db, input.lead) : null,
    input.proposedDepartmentCode ? departmentId(db, input.proposedDepartmentCode) : null,
    input.returnedBy ? departmentId(db, input.returnedBy.departmentCode) : null,
    ...(input.assists ?? []).map((code) => departmentId(db, code)),
  ]);
  const replyDueAt = input.replyDueAt !== undefined ? input.replyDueAt : lead ? addWorkingDays(assignedAt, 15) : null;
  const dueAt = replyDueAt ?? addWorkingDays(assignedAt, 15);
  const leadStatus = input.leadStatus ?? defaultLeadStatus(status);
  const accepted = leadStatus === "ACCEPTED" || leadStatus === "REPLIED";
  const title = input.title ?? SUGGESTION_TEXT.title;

  const assignments = [
    ...(lead
      ? [{ departmentId: lead, role: "LEAD" as const, status: leadStatus, assignedAt, dueAt, acceptedAt: accepted ? assignedAt : null }]
      : []),
    ...assists.map((d) => ({ departmentId: d, role: "ASSIST" as const, status: input.assistStatus ?? "PENDING", assignedAt, dueAt })),
    ...(input.returnedBy && returnedById
      ? [{ departmentId: returnedById, role: "LEAD" as const, status: "RETURNED" as const, assignedAt, dueAt, returnReason: input.returnedBy.reason }]
      : []),
  ];
  const events = [
    { type: "SUBMITTED", toStatus: "SUBMITTED" as const, createdAt: submittedAt },
    ...(lead ? [{ type: "ASSIGNED", fromStatus: "ACCEPTED" as const, toStatus: "ASSIGNED" as const, departmentId: lead, createdAt: assignedAt }] : []),
    ...(lead && accepted
      ? [{ type: "ASSIGNMENT_ACCEPTED", fromStatus: "ASSIGNED" as const, toStatus: "IN_HANDLING" as const, departmentId: lead, createdAt: assignedAt }]
      : []),
    ...(input.returnedBy && returnedById
      ? [{
          type: "RETURNED", fromStatus: "ASSIGNED" as const, toStatus: "RETURNED" as const, departmentId: returnedById,
          note: input.returnedBy.reason, internal: true, createdAt: input.returnedBy.at ?? new Date(submittedAt.getTime() + 120_000),
        }]
      : []),
  ];
  const replies = input.reply && lead
    ? [{
        departmentId: lead,
        isLead: true,
        body: input.reply.body ?? "经研究，您的建议具有较强的可行性，我们将在下一步工作中认真落实。",
        adoption: input.reply.adoption ?? ("PARTIALLY_ADOPTED" as const),
        explanation: input.reply.explanation ?? "部分内容已纳入年度工作计划。",
        createdAt: input.reply.at ?? new Date(Math.min(dueAt.getTime() - DAY, Date.now())),
      }]
    : [];

  const created = await db.suggestion.create({
    data: {
      trackingCode: input.trackingCode ?? `JY-${submittedAt.getUTCFullYear()}-${randomBytes(4).toString("hex").toUpperCase()}`,
      kind: input.roundId ? "ROUND" : "EVERYDAY",
      roundId: input.roundId ?? null,
      topicId: input.topicId ?? null,
      title,
      problem: input.problem ?? SUGGESTION_TEXT.problem,
      proposal: input.proposal ?? SUGGESTION_TEXT.proposal,
      categoryId: category.id,
      regionId: region.id,
      status,
      important: input.important ?? false,
      locale: input.locale ?? "zh-CN",
      submittedAt,
      screeningDueAt: addWorkingDays(submittedAt, 5),
      replyDueAt,
      routingState: input.routingState ?? (status === "SUBMITTED" ? "PENDING" : lead ? "ROUTED" : "TRIAGE"),
      routedAt: status === "SUBMITTED" ? null : assignedAt,
      proposedDepartmentId: proposed,
      routingReason: input.routingReason ? JSON.stringify(input.routingReason) : null,
      leadDepartmentId: lead,
      mergedIntoId: input.mergedIntoId ?? null,
      notAcceptedReason: input.notAcceptedReason ?? null,
      submitter: {
        create: {
          realName: input.realName ?? SUBMITTER.realName,
          phone: input.phone ?? SUBMITTER.phone,
          email: input.email === undefined ? SUBMITTER.email : input.email,
          hideIdentity: input.hideIdentity ?? false,
          consentPublish: input.consentPublish ?? false,
        },
      },
      assignments: { create: assignments },
      events: { create: events },
      replies: { create: replies },
      ...(input.rating
        ? { rating: { create: { score: input.rating.score, comment: input.rating.comment ?? null, ...(input.rating.at ? { createdAt: input.rating.at } : {}) } } }
        : {}),
    },
    select: { id: true, trackingCode: true, assignments: { orderBy: { id: "asc" }, select: { id: true, role: true, departmentId: true } } },
  });
  return {
    id: created.id,
    trackingCode: created.trackingCode,
    title,
    leadDepartmentId: lead,
    leadAssignmentId: created.assignments.find((a) => a.role === "LEAD" && a.departmentId === lead)?.id ?? 0,
    assistAssignmentIds: created.assignments.filter((a) => a.role === "ASSIST").map((a) => a.id),
  };
}

/** A department's pending request for more working days on a suggestion it leads. */
export async function insertExtensionRequest(
  db: Db,
  input: { suggestionId: number; departmentCode: string; requestedByEmail: string; workingDays: number; reason?: string },
): Promise<{ id: number }> {
  const [dept, user] = await Promise.all([departmentId(db, input.departmentCode), userId(db, input.requestedByEmail)]);
  return db.extensionRequest.create({
    data: {
      suggestionId: input.suggestionId,
      departmentId: dept,
      requestedBy: user,
      workingDays: input.workingDays,
      reason: input.reason ?? "需赴基层开展实地调研，申请延期办理。",
    },
    select: { id: true },
  });
}

/** An uploaded file stored the way the submission path stores it. */
export async function addAttachment(c: Container, suggestionId: number, file: { name: string; mime: string; content: Buffer }) {
  const dir = await mkdtemp(path.join(tmpdir(), "gi-att-"));
  const temp = path.join(dir, "upload");
  await writeFile(temp, file.content);
  const ext = path.extname(file.name).slice(1).toLowerCase() || "bin";
  const storedName = await c.storage.put(temp, ext);
  return c.db.attachment.create({
    data: { suggestionId, storedName, originalName: file.name, mimeType: file.mime, size: file.content.length },
    select: { id: true },
  });
}

/** Everything a test compares before and after a request about one suggestion: a change anywhere shows up here. */
export async function snapshot(db: Db, suggestionId: number) {
  const [suggestion, submitter, assignments, events, replies, extensions, emails] = await Promise.all([
    db.suggestion.findUniqueOrThrow({ where: { id: suggestionId } }),
    db.submitter.findUnique({ where: { suggestionId } }),
    db.assignment.findMany({ where: { suggestionId }, orderBy: { id: "asc" } }),
    db.handlingEvent.findMany({ where: { suggestionId }, orderBy: { id: "asc" } }),
    db.reply.findMany({ where: { suggestionId }, orderBy: { id: "asc" } }),
    db.extensionRequest.findMany({ where: { suggestionId }, orderBy: { id: "asc" } }),
    db.emailMessage.count(),
  ]);
  return { suggestion, submitter, assignments, events, replies, extensions, emails };
}
