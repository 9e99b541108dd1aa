// What the similar-suggestion lists show of each match: for the public, a published suggestion (see PUBLISHED_STATUSES)
// — its text, its lead reply and the submitter's name, the name only so that it can be masked wherever it appears,
// never shown; for coordinators, a summary.
import type { AdoptionResult, SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { DbClient } from "../../platform/db.ts";

export interface PublishedSuggestion {
  id: number;
  title: string;
  problem: string;
  proposal: string;
  submittedAt: Date;
  /** For masking only. */
  submitterName: string | null;
  reply: {
    body: string;
    explanation: string;
    adoption: AdoptionResult;
    createdAt: Date;
    department: { name: string; nameEn: string };
  } | null;
}

export async function findPublished(db: DbClient, ids: readonly number[]): Promise<PublishedSuggestion[]> {
  if (ids.length === 0) return [];
  const rows = await db.suggestion.findMany({
    where: { id: { in: [...ids] }, submitter: { consentPublish: true } },
    select: {
      id: true,
      title: true,
      problem: true,
      proposal: true,
      submittedAt: true,
      submitter: { select: { realName: true } },
      replies: {
        where: { isLead: true },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { body: true, explanation: true, adoption: true, createdAt: true, department: { select: { name: true, nameEn: true } } },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    problem: r.problem,
    proposal: r.proposal,
    submittedAt: r.submittedAt,
    submitterName: r.submitter?.realName ?? null,
    reply: r.replies[0] ?? null,
  }));
}

export interface SuggestionSummary {
  id: number;
  trackingCode: string;
  title: string;
  status: SuggestionStatus;
  submittedAt: Date;
}

/** What the coordinators' panel lists of each similar suggestion (staff see the text unmasked, as on the case page). */
export async function findSummaries(db: DbClient, ids: readonly number[]): Promise<SuggestionSummary[]> {
  if (ids.length === 0) return [];
  return db.suggestion.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, trackingCode: true, title: true, status: true, submittedAt: true },
  });
}
