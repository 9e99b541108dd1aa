// Reads of the case page: the whole case in a fixed number of queries, an attachment, the submitter's contact.
import type {
  AdoptionResult, AssignmentRole, AssignmentStatus, ExtensionStatus, PolicyMeasureType, SuggestionKind, SuggestionStatus,
} from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";
import type { NamedRef } from "./reference.repository.ts";

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
    noteEn: string | null;
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
          id: true, type: true, fromStatus: true, toStatus: true, note: true, noteEn: true, internal: true, createdAt: true, departmentId: true, actor: PERSON,
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

/** What the citizens' reply emails need: this suggestion's and every suggestion merged into it. */
export function findReplyRecipients(tx: DbClient, suggestionId: number) {
  return tx.suggestion.findMany({
    where: { OR: [{ id: suggestionId }, { mergedIntoId: suggestionId }] },
    orderBy: { id: "asc" },
    select: { id: true, trackingCode: true, trackToken: true, title: true, locale: true, submitter: { select: { email: true } } },
  });
}

export interface PendingReplyRecord {
  id: number;
  status: "AWAITING_APPROVAL" | "SENT_BACK" | "APPROVED";
  departmentId: number;
  body: string;
  adoption: AdoptionResult;
  explanation: string;
  reviewNote: string | null;
  reviewedAt: Date | null;
  updatedAt: Date;
  author: { id: number; name: string };
}

/** The lead reply waiting for the head or sent back by them (答复需负责人审核); an approved one is a Reply by now. */
export function findOpenPendingReply(db: DbClient, suggestionId: number): Promise<PendingReplyRecord | null> {
  return db.pendingReply.findFirst({
    where: { suggestionId, status: { in: ["AWAITING_APPROVAL", "SENT_BACK"] } },
    orderBy: { id: "desc" },
    select: { id: true, status: true, departmentId: true, body: true, adoption: true, explanation: true, reviewNote: true, reviewedAt: true, updatedAt: true, author: PERSON },
  });
}
