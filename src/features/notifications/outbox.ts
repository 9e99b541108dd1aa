// The email outbox: an EmailMessage row is written in the same transaction as the event that causes it,
// then a send-email job (id only) delivers it. dedupeKey makes each email at most once per event.
import type { DbClient } from "../../platform/db.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Locale } from "../../platform/i18n.ts";

/**
 * Each template is views/emails/<name>.html.hbs + .text.hbs, with its subject at "<name>.subject" in the emails
 * locale namespace of both languages (tests/unit/notifications checks all three exist for every name here).
 */
export const EMAIL_TEMPLATES = [
  "suggestion-received", // to the citizen: acknowledgment with the tracking code
  "suggestion-assigned", // to the department: a new assignment
  "deadline-reminder", // to the lead department's officials: the reply deadline is near (features/reminders)
  "deadline-overdue", // to the coordinators and the department head: the reply deadline has passed (features/reminders)
  "suggestion-accepted", // to the citizen: accepted, with the lead department and the reply deadline
  "suggestion-not-accepted", // to the citizen: not accepted, with the reason and the office's note
  "suggestion-referred", // to the citizen: referred to the 12345 hotline or the petition office
  "suggestion-replied", // to the citizen (and everyone merged into the case): the lead department's reply
  "extension-decided", // to the requesting department: its extension request approved or refused (features/coordination)
  "staff-invitation", // to an invited person: the one-time set-password link (features/people; sent directly, never through the outbox)
  "suggestion-transferred", // to the citizen: another lead department and reply deadline (features/coordination)
  "reply-deadline-extended", // to the citizen: an approved extension moved the reply deadline (features/coordination)
  "suggestion-measure-linked", // to the citizen (and those merged into the case): it became a policy measure (features/measures)
  "rating-follow-up", // to the citizen who rated the reply 1 or 2 stars: the office's follow-up note (features/coordination)
  "suggestion-urged", // to the lead department's head and officials: the office urges a reply (features/coordination, supervision)
  "assignment-withdrawn", // to a department a transfer took the case from: the old lead or a removed assisting one (features/coordination)
] as const;

export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

export function isEmailTemplate(name: string): name is EmailTemplate {
  return (EMAIL_TEMPLATES as readonly string[]).includes(name);
}

export interface EmailDraft {
  /** Unique per (event, recipient), e.g. `received-<suggestionId>` or `assigned-<assignmentId>`. */
  dedupeKey: string;
  to: string;
  template: EmailTemplate;
  locale: Locale;
  /** Only what the template shows; never more personal data than the recipient may see. */
  data: Prisma.InputJsonObject;
}

export function emailMessageData(draft: EmailDraft): Prisma.EmailMessageCreateInput {
  return { dedupeKey: draft.dedupeKey, toAddress: draft.to, template: draft.template, locale: draft.locale, data: draft.data };
}

/** Writes drafts inside the caller's transaction; drafts already written (same dedupeKey) are kept as they are. */
export async function queueEmails(tx: DbClient, drafts: EmailDraft[]): Promise<number[]> {
  if (drafts.length === 0) return [];
  await tx.emailMessage.createMany({ data: drafts.map(emailMessageData), skipDuplicates: true });
  const rows = await tx.emailMessage.findMany({
    where: { dedupeKey: { in: drafts.map((d) => d.dedupeKey) }, status: "PENDING" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
