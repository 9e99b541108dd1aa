// Reads and writes of the case page, the inbox and the department's actions. Plain objects out; every function
// takes the root client or a transaction client first.
import { Prisma } from "../../generated/prisma/client.ts";
import type {
  AdoptionResult, AssignmentRole, AssignmentStatus, ExtensionStatus, PolicyMeasureType, SuggestionKind, SuggestionStatus,
} from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";
import { EVENT_TYPE, type EventType } from "../lifecycle/event-types.ts";
import type { Cursor } from "./casework.schemas.ts";

// ---------------------------------------------------------------------------------------------------------
// Locking

/**
 * Serialises the department actions on one suggestion: a double-clicked form's second request waits here for
 * the first to commit, then sees its result (an accepted assignment, a pending extension, the same note) and
 * refuses or skips instead of applying twice.
 */
export async function lockSuggestion(tx: DbClient, id: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Suggestion" WHERE id = ${id} FOR UPDATE`;
  return rows.length === 1;
}

// ---------------------------------------------------------------------------------------------------------
// The inbox

export interface InboxRow {
  assignmentId: number;
  role: AssignmentRole;
  assignmentStatus: AssignmentStatus;
  dueAt: Date;
  assignedAt: Date;
  id: number;
  trackingCode: string;
  title: string;
  status: SuggestionStatus;
  replyDueAt: Date | null;
  important: boolean;
  roundId: number | null;
  categoryId: number;
}

export interface InboxPageQuery {
  departmentId: number;
  assignmentStatuses: readonly AssignmentStatus[];
  /** null: any status. */
  suggestionStatuses: readonly SuggestionStatus[] | null;
  roundId?: number;
  categoryId?: number;
  /** The list's own order; "asc" = nearest deadline first. */
  direction: "asc" | "desc";
  /** Rows after this position in the list's order (the next page) ... */
  after?: Cursor;
  /** ... or before it (the previous page). */
  before?: Cursor;
  limit: number;
}

/**
 * One page of a department's assignments in (dueAt, id) order, by keyset: the page starts at the cursor through
 * the index ("Assignment"(departmentId, dueAt, id)) instead of counting past every earlier row, so page 500
 * costs what page 1 costs. Returns up to limit + 1 rows in scan order (the extra row says "there is more").
 */
export async function findInboxRows(db: DbClient, q: InboxPageQuery): Promise<{ rows: InboxRow[]; backward: boolean }> {
  const backward = q.before !== undefined;
  const cursor = q.before ?? q.after;
  const scanAsc = (q.direction === "asc") !== backward;
  const order = scanAsc ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const conditions: Prisma.Sql[] = [
    Prisma.sql`a."departmentId" = ${q.departmentId}`,
    Prisma.sql`a.status = ANY(${[...q.assignmentStatuses]}::"AssignmentStatus"[])`,
  ];
  if (q.suggestionStatuses) conditions.push(Prisma.sql`s.status = ANY(${[...q.suggestionStatuses]}::"SuggestionStatus"[])`);
  if (q.roundId !== undefined) conditions.push(Prisma.sql`s."roundId" = ${q.roundId}`);
  if (q.categoryId !== undefined) conditions.push(Prisma.sql`s."categoryId" = ${q.categoryId}`);
  if (cursor) {
    conditions.push(
      scanAsc
        ? Prisma.sql`(a."dueAt", a.id) > (${cursor.dueAt}::timestamp(3), ${cursor.id})`
        : Prisma.sql`(a."dueAt", a.id) < (${cursor.dueAt}::timestamp(3), ${cursor.id})`,
    );
  }
  const rows = await db.$queryRaw<InboxRow[]>`
    SELECT a.id AS "assignmentId", a.role, a.status AS "assignmentStatus", a."dueAt", a."assignedAt",
           s.id, s."trackingCode", s.title, s.status, s."replyDueAt", s.important, s."roundId", s."categoryId"
      FROM "Assignment" a
      JOIN "Suggestion" s ON s.id = a."suggestionId"
     WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY a."dueAt" ${order}, a.id ${order}
     LIMIT ${q.limit + 1}`;
  return { rows, backward };
}

export interface NamedRef {
  id: number;
  name: string;
  nameEn: string;
}

export function findDepartments(db: DbClient): Promise<NamedRef[]> {
  return db.department.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, nameEn: true } });
}

export function findDepartment(db: DbClient, id: number): Promise<NamedRef | null> {
  return db.department.findUnique({ where: { id }, select: { id: true, name: true, nameEn: true } });
}

export function findCategories(db: DbClient): Promise<NamedRef[]> {
  return db.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, nameEn: true } });
}

export async function findRounds(db: DbClient): Promise<NamedRef[]> {
  const rows = await db.collectionRound.findMany({ orderBy: { opensAt: "desc" }, select: { id: true, title: true, titleEn: true } });
  return rows.map((r) => ({ id: r.id, name: r.title, nameEn: r.titleEn }));
}

// ---------------------------------------------------------------------------------------------------------
// The case page

const PERSON = { select: { id: true, name: true } } as const;
const DEPT = { select: { id: true, name: true, nameEn: true } } as const;

export interface CaseRecord {
  id: number;
  trackingCode: string;
  kind: SuggestionKind;
  title: string;
  problem: string;
  proposal: string;
  status: SuggestionStatus;
  important: boolean;
  locale: string;
  submittedAt: Date;
  screeningDueAt: Date;
  replyDueAt: Date | null;
  routingReason: string | null;
  proposedDepartmentId: number | null;
  leadDepartmentId: number | null;
  notAcceptedReason: string | null;
  category: { name: string; nameEn: string };
  region: { name: string; nameEn: string; parent: { name: string; nameEn: string } | null };
  round: { id: number; title: string; titleEn: string } | null;
  topic: { title: string; titleEn: string } | null;
  mergedInto: { id: number; trackingCode: string; title: string } | null;
  merged: { id: number; trackingCode: string; title: string }[];
  submitter: { realName: string; phone: string; email: string | null; hideIdentity: boolean; consentPublish: boolean } | null;
  attachments: { id: number; originalName: string; mimeType: string; size: number }[];
  assignments: {
    id: number;
    role: AssignmentRole;
    status: AssignmentStatus;
    assignedAt: Date;
    dueAt: Date;
    acceptedAt: Date | null;
    returnReason: string | null;
    department: NamedRef;
  }[];
  events: {
    id: number;
    type: string;
    fromStatus: SuggestionStatus | null;
    toStatus: SuggestionStatus | null;
    note: string | null;
    internal: boolean;
    createdAt: Date;
    actor: { id: number; name: string } | null;
    departmentId: number | null;
  }[];
  replies: {
    id: number;
    isLead: boolean;
    body: string;
    adoption: AdoptionResult;
    explanation: string;
    createdAt: Date;
    department: NamedRef;
    author: { id: number; name: string } | null;
  }[];
  extensions: {
    id: number;
    workingDays: number;
    reason: string;
    status: ExtensionStatus;
    decisionNote: string | null;
    createdAt: Date;
    decidedAt: Date | null;
    department: NamedRef;
  }[];
  measures: {
    linkedAt: Date;
    measure: { id: number; type: PolicyMeasureType; title: string; docNumber: string | null; issuingBody: string; issuedOn: Date; url: string | null };
  }[];
  rating: { score: number; comment: string | null; createdAt: Date } | null;
}

/** The whole case in a fixed number of queries (one per relation), whatever the length of its history. */
export function findCase(db: DbClient, id: number): Promise<CaseRecord | null> {
  return db.suggestion.findUnique({
    where: { id },
    select: {
      id: true,
      trackingCode: true,
      kind: true,
      title: true,
      problem: true,
      proposal: true,
      status: true,
      important: true,
      locale: true,
      submittedAt: true,
      screeningDueAt: true,
      replyDueAt: true,
      routingReason: true,
      proposedDepartmentId: true,
      leadDepartmentId: true,
      notAcceptedReason: true,
      category: { select: { name: true, nameEn: true } },
      region: { select: { name: true, nameEn: true, parent: { select: { name: true, nameEn: true } } } },
      round: { select: { id: true, title: true, titleEn: true } },
      topic: { select: { title: true, titleEn: true } },
      mergedInto: { select: { id: true, trackingCode: true, title: true } },
      merged: { orderBy: { id: "asc" }, select: { id: true, trackingCode: true, title: true } },
      submitter: { select: { realName: true, phone: true, email: true, hideIdentity: true, consentPublish: true } },
      attachments: { orderBy: { id: "asc" }, select: { id: true, originalName: true, mimeType: true, size: true } },
      assignments: {
        orderBy: { id: "asc" },
        select: {
          id: true, role: true, status: true, assignedAt: true, dueAt: true, acceptedAt: true, returnReason: true, department: DEPT,
        },
      },
      events: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true, type: true, fromStatus: true, toStatus: true, note: true, internal: true, createdAt: true, departmentId: true, actor: PERSON,
        },
      },
      replies: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, isLead: true, body: true, adoption: true, explanation: true, createdAt: true, department: DEPT, author: PERSON },
      },
      extensions: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true, workingDays: true, reason: true, status: true, decisionNote: true, createdAt: true, decidedAt: true, department: DEPT,
        },
      },
      measures: {
        orderBy: { linkedAt: "asc" },
        select: {
          linkedAt: true,
          measure: { select: { id: true, type: true, title: true, docNumber: true, issuingBody: true, issuedOn: true, url: true } },
        },
      },
      rating: { select: { score: true, comment: true, createdAt: true } },
    },
  });
}

export function findDepartmentsByIds(db: DbClient, ids: number[]): Promise<NamedRef[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.department.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, nameEn: true } });
}

export function findAttachment(db: DbClient, id: number) {
  return db.attachment.findUnique({
    where: { id },
    select: { id: true, suggestionId: true, storedName: true, originalName: true, mimeType: true, size: true },
  });
}

export function findSubmitter(db: DbClient, suggestionId: number) {
  return db.submitter.findUnique({
    where: { suggestionId },
    select: { realName: true, phone: true, email: true, hideIdentity: true },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Writes

export interface EventInput {
  suggestionId: number;
  type: EventType;
  actorId: number;
  departmentId: number | null;
  note?: string | null;
  internal: boolean;
}

/** An event that changes no status (notes, opinions, requests, reveals); status changes go through applyTransition. */
export async function createEvent(tx: DbClient, e: EventInput): Promise<void> {
  await tx.handlingEvent.create({
    data: {
      suggestionId: e.suggestionId,
      type: e.type,
      actorId: e.actorId,
      departmentId: e.departmentId,
      note: e.note ?? null,
      internal: e.internal,
    },
  });
}

/** Conditional: changes the assignment only while it is in one of `from`; false when someone got there first. */
export async function updateAssignment(
  tx: DbClient,
  id: number,
  from: readonly AssignmentStatus[],
  data: { status: AssignmentStatus; acceptedAt?: Date; returnReason?: string },
): Promise<boolean> {
  const updated = await tx.assignment.updateMany({ where: { id, status: { in: [...from] } }, data });
  return updated.count === 1;
}

/** After a return the suggestion has no lead department until the coordinators assign it again. */
export async function clearLeadDepartment(tx: DbClient, id: number): Promise<void> {
  await tx.suggestion.updateMany({ where: { id }, data: { leadDepartmentId: null } });
}

export async function hasPendingExtension(tx: DbClient, suggestionId: number): Promise<boolean> {
  return (await tx.extensionRequest.count({ where: { suggestionId, status: "PENDING" } })) > 0;
}

export function createExtension(
  tx: DbClient,
  e: { suggestionId: number; departmentId: number; requestedBy: number; workingDays: number; reason: string; createdAt: Date },
) {
  return tx.extensionRequest.create({ data: { ...e, status: "PENDING" }, select: { id: true } });
}

export async function hasLeadReply(tx: DbClient, suggestionId: number): Promise<boolean> {
  return (await tx.reply.count({ where: { suggestionId, isLead: true } })) > 0;
}

export function createReply(
  tx: DbClient,
  r: { suggestionId: number; departmentId: number; authorId: number; isLead: boolean; body: string; adoption: AdoptionResult; explanation: string; createdAt: Date },
) {
  return tx.reply.create({ data: r, select: { id: true } });
}

/** The same note by the same person on the same case shortly before: the second click of a double submission. */
export async function findRecentSameNote(tx: DbClient, q: { suggestionId: number; actorId: number; note: string; since: Date }): Promise<boolean> {
  const found = await tx.handlingEvent.findFirst({
    where: { suggestionId: q.suggestionId, actorId: q.actorId, type: EVENT_TYPE.NOTE, note: q.note, createdAt: { gte: q.since } },
    select: { id: true },
  });
  return found !== null;
}

/** What the citizens' reply emails need: this suggestion's and every suggestion merged into it. */
export function findReplyRecipients(tx: DbClient, suggestionId: number) {
  return tx.suggestion.findMany({
    where: { OR: [{ id: suggestionId }, { mergedIntoId: suggestionId }] },
    orderBy: { id: "asc" },
    select: { id: true, trackingCode: true, title: true, locale: true, submitter: { select: { email: true } } },
  });
}
