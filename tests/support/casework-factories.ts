// Suggestions in the states the casework tests need, written straight through Prisma in one nested write each:
// assigned to a lead department (and assisting ones), accepted or not, with a submitter who may hide their identity.
import { randomBytes } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Container } from "../../src/container.ts";
import type { Db } from "../../src/platform/db.ts";
import type { SuggestionStatus } from "../../src/generated/prisma/enums.ts";
import { addWorkingDays } from "../../src/platform/working-days.ts";

export const CITIZEN = {
  realName: "张三丰",
  phone: "13812341234",
  email: "zhang.sanfeng@citizen.example",
} as const;

export interface CaseInput {
  lead: string;
  assists?: string[];
  /** ASSIGNED (not accepted yet, the default), IN_HANDLING or EXTENDED (accepted). */
  status?: Extract<SuggestionStatus, "ASSIGNED" | "IN_HANDLING" | "EXTENDED">;
  assignedAt?: Date;
  title?: string;
  problem?: string;
  proposal?: string;
  categoryCode?: string;
  roundId?: number | null;
  hideIdentity?: boolean;
  email?: string | null;
  realName?: string;
  phone?: string;
  locale?: "zh-CN" | "en";
  important?: boolean;
}

export interface CreatedCase {
  id: number;
  trackingCode: string;
  leadAssignmentId: number;
  assistAssignmentIds: number[];
}

export async function departmentId(db: Db, code: string): Promise<number> {
  return (await db.department.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}

export async function createAssignedCase(db: Db, input: CaseInput): Promise<CreatedCase> {
  const assignedAt = input.assignedAt ?? new Date();
  const submittedAt = new Date(assignedAt.getTime() - 60 * 60 * 1000);
  const status = input.status ?? "ASSIGNED";
  const accepted = status !== "ASSIGNED";
  const dueAt = addWorkingDays(assignedAt, 15);
  const [lead, category, region, ...assists] = await Promise.all([
    departmentId(db, input.lead),
    db.category.findUniqueOrThrow({ where: { code: input.categoryCode ?? "OTHER" }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: "210102" }, select: { id: true } }),
    ...(input.assists ?? []).map((code) => departmentId(db, code)),
  ]);
  const trackingCode = `TEST-2026-${randomBytes(5).toString("hex").toUpperCase()}`;
  const created = await db.suggestion.create({
    data: {
      trackingCode,
      kind: input.roundId ? "ROUND" : "EVERYDAY",
      roundId: input.roundId ?? null,
      title: input.title ?? "关于改进社区养老服务的建议",
      problem: input.problem ?? "社区养老服务点开放时间短。",
      proposal: input.proposal ?? "建议延长开放时间并增加助餐服务。",
      categoryId: category.id,
      regionId: region.id,
      status,
      important: input.important ?? false,
      locale: input.locale ?? "zh-CN",
      submittedAt,
      screeningDueAt: addWorkingDays(submittedAt, 5),
      replyDueAt: dueAt,
      routingState: "ROUTED",
      routedAt: assignedAt,
      leadDepartmentId: lead,
      submitter: {
        create: {
          realName: input.realName ?? CITIZEN.realName,
          phone: input.phone ?? CITIZEN.phone,
          email: input.email === undefined ? CITIZEN.email : input.email,
          hideIdentity: input.hideIdentity ?? false,
        },
      },
      assignments: {
        create: [
          { departmentId: lead, role: "LEAD", status: accepted ? "ACCEPTED" : "PENDING", assignedAt, dueAt, acceptedAt: accepted ? assignedAt : null },
          ...assists.map((d) => ({ departmentId: d, role: "ASSIST" as const, status: "PENDING" as const, assignedAt, dueAt })),
        ],
      },
      events: {
        create: [
          { type: "SUBMITTED", toStatus: "SUBMITTED", createdAt: submittedAt },
          { type: "ASSIGNED", fromStatus: "ACCEPTED", toStatus: "ASSIGNED", departmentId: lead, createdAt: assignedAt },
          ...(accepted ? [{ type: "ASSIGNMENT_ACCEPTED", fromStatus: "ASSIGNED" as const, toStatus: "IN_HANDLING" as const, departmentId: lead, createdAt: assignedAt }] : []),
        ],
      },
    },
    select: { id: true, assignments: { orderBy: { id: "asc" }, select: { id: true, role: true } } },
  });
  return {
    id: created.id,
    trackingCode,
    leadAssignmentId: created.assignments.find((a) => a.role === "LEAD")?.id ?? 0,
    assistAssignmentIds: created.assignments.filter((a) => a.role === "ASSIST").map((a) => a.id),
  };
}

/** A suggestion a coordinator merged into `intoId`: its submitter gets the reply of the case it was merged into. */
export async function createMergedInto(db: Db, intoId: number, input: { email: string | null; locale?: "zh-CN" | "en"; title?: string }) {
  const [category, region] = await Promise.all([
    db.category.findUniqueOrThrow({ where: { code: "OTHER" }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: "210102" }, select: { id: true } }),
  ]);
  const now = new Date();
  return db.suggestion.create({
    data: {
      trackingCode: `TEST-2026-${randomBytes(5).toString("hex").toUpperCase()}`,
      kind: "EVERYDAY",
      title: input.title ?? "建议延长社区养老服务点的开放时间",
      problem: "开放时间太短。",
      proposal: "延长开放时间。",
      categoryId: category.id,
      regionId: region.id,
      status: "MERGED",
      locale: input.locale ?? "zh-CN",
      screeningDueAt: addWorkingDays(now, 5),
      routingState: "ROUTED",
      mergedIntoId: intoId,
      submitter: { create: { realName: "李四", phone: "13900001111", email: input.email } },
    },
    select: { id: true, trackingCode: true },
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

/** Everything the cross-department test compares before and after: a change anywhere shows up here. */
export async function snapshot(db: Db, suggestionId: number) {
  const [suggestion, assignments, events, replies, extensions, emails] = await Promise.all([
    db.suggestion.findUniqueOrThrow({ where: { id: suggestionId } }),
    db.assignment.findMany({ where: { suggestionId }, orderBy: { id: "asc" } }),
    db.handlingEvent.findMany({ where: { suggestionId }, orderBy: { id: "asc" } }),
    db.reply.findMany({ where: { suggestionId }, orderBy: { id: "asc" } }),
    db.extensionRequest.findMany({ where: { suggestionId }, orderBy: { id: "asc" } }),
    db.emailMessage.count(),
  ]);
  return { suggestion, assignments, events, replies, extensions, emails };
}

/**
 * Turns a case from createAssignedCase into a published one: answered by its lead department (REPLIED, a lead
 * Reply) and, unless `consent` is false, with the citizen's consent to publish (同意公开).
 */
export async function replyAndPublish(db: Db, c: CreatedCase, input: { body: string; consent?: boolean; adoption?: "ADOPTED" | "PARTIALLY_ADOPTED" | "FOR_REFERENCE" | "NOT_ADOPTED" }) {
  const s = await db.suggestion.update({
    where: { id: c.id },
    data: { status: "REPLIED", submitter: { update: { consentPublish: input.consent ?? true } } },
    select: { leadDepartmentId: true },
  });
  await db.reply.create({
    data: {
      suggestionId: c.id, departmentId: s.leadDepartmentId ?? 0, isLead: true, body: input.body,
      adoption: input.adoption ?? "ADOPTED", explanation: "已纳入年度工作计划。",
    },
  });
}
