// The citizen's emails about their suggestion: one builder for every feature that tells the citizen something
// (screening decisions, routing, transfer, extension, reply, measures), so each carries the same tracking link,
// goes to the address they left (none when they left none) and is written in the language they used.
import type { DbClient } from "../../platform/db.ts";
import { DEFAULT_LOCALE, toLocale } from "../../platform/i18n.ts";
import type { EmailDraft } from "./outbox.ts";

/** What a citizen email needs to know about the suggestion; the submitter's address and nothing else of them. */
export interface CitizenEmailTarget {
  trackingCode: string;
  title: string;
  locale: string;
  submitter: { email: string | null } | null;
}

export interface CitizenEmailContent {
  /** Unique per (event, suggestion), e.g. `transferred-<assignmentId>`. */
  dedupeKey: string;
  template: EmailDraft["template"];
  /** The template's own facts (dates as ISO strings); the code, title and tracking link are added here. */
  data: EmailDraft["data"];
}

/** The tracking page's address. */
export function trackUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl}/track`;
}

/** The draft for the suggestion's submitter, or none when they left no address. */
export function citizenEmail(publicBaseUrl: string, s: CitizenEmailTarget, content: CitizenEmailContent): EmailDraft[] {
  const to = s.submitter?.email;
  if (!to) return [];
  return [{
    dedupeKey: content.dedupeKey,
    to,
    template: content.template,
    locale: toLocale(s.locale) ?? DEFAULT_LOCALE,
    data: { trackingCode: s.trackingCode, title: s.title, ...content.data, trackUrl: trackUrl(publicBaseUrl) },
  }];
}

/** Reads the suggestion in the caller's transaction, then drafts as `citizenEmail`. */
export async function citizenEmailFor(tx: DbClient, publicBaseUrl: string, suggestionId: number, content: CitizenEmailContent): Promise<EmailDraft[]> {
  const s = await tx.suggestion.findUnique({
    where: { id: suggestionId },
    select: { trackingCode: true, title: true, locale: true, submitter: { select: { email: true } } },
  });
  return s ? citizenEmail(publicBaseUrl, s, content) : [];
}
