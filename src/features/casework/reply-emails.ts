// The lead reply as an email to the citizen — and to every citizen whose suggestion was merged into the replied
// one (并案办理, 分别答复). Used when the lead department replies, and when a coordinator merges a suggestion into
// one that has already been answered.
import type { AdoptionResult } from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";
import { citizenEmail, type EmailDraft } from "../notifications/index.ts";
import { findReplyRecipients } from "./case.repository.ts";
import { findDepartment } from "./reference.repository.ts";

export interface LeadReply {
  id: number;
  suggestionId: number;
  departmentId: number;
  adoption: AdoptionResult;
  body: string;
  explanation: string;
  createdAt: Date;
}

/**
 * Drafts for the replied suggestion's own submitter and those merged into it (only `onlySuggestionIds`, when
 * given). The dedupe keys are per (reply, recipient suggestion), so a merged citizen is told once.
 */
export async function replyEmailDrafts(tx: DbClient, publicBaseUrl: string, reply: LeadReply, onlySuggestionIds?: number[]): Promise<EmailDraft[]> {
  const [department, recipients] = await Promise.all([findDepartment(tx, reply.departmentId), findReplyRecipients(tx, reply.suggestionId)]);
  const main = recipients.find((r) => r.id === reply.suggestionId);
  const drafts: EmailDraft[] = [];
  for (const r of recipients) {
    if (onlySuggestionIds && !onlySuggestionIds.includes(r.id)) continue;
    const merged = r.id !== reply.suggestionId;
    drafts.push(...citizenEmail(publicBaseUrl, r, {
      dedupeKey: merged ? `replied-${reply.id}-${r.id}` : `replied-${reply.id}`,
      template: "suggestion-replied",
      // The reply as the citizen will read it on the tracking page; no staff names, no internal notes.
      data: {
        departmentName: department?.name ?? "",
        departmentNameEn: department?.nameEn ?? "",
        adoption: reply.adoption,
        body: reply.body,
        explanation: reply.explanation,
        repliedAt: reply.createdAt.toISOString(),
        ...(merged && main ? { mergedInto: { trackingCode: main.trackingCode, title: main.title } } : {}),
      },
    }));
  }
  return drafts;
}

/** The lead department's reply to a suggestion, if it has one. */
export function findLeadReply(tx: DbClient, suggestionId: number): Promise<LeadReply | null> {
  return tx.reply.findFirst({
    where: { suggestionId, isLead: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, suggestionId: true, departmentId: true, adoption: true, body: true, explanation: true, createdAt: true },
  });
}
