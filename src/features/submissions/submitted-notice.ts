// The submission notice (提交通知): the submission's own statement calls pg_notify, so PostgreSQL tells the outbox
// relay (workers/outbox-relay.ts) about a committed suggestion the moment it commits — NOTIFY is delivered only on
// commit, so a rolled-back submission is never announced — and the web process needs no Redis round trip to queue
// its follow-up work. The channel and the payload's shape have this one home, shared by the writer and the reader.

/** A PostgreSQL identifier (LISTEN takes no parameter): lower case, no quoting needed. */
export const SUBMITTED_CHANNEL = "gi_suggestion_submitted";

export interface SubmittedNotice {
  suggestionId: number;
  /** The acknowledgement email's row, when the citizen gave an address. */
  emailId: number | null;
}

/**
 * The SQL expression of a notice's payload, "<suggestionId>" or "<suggestionId>,<emailId>", from the columns the
 * submission's statement has at hand (ids only: a payload is limited to 8000 bytes and must carry no personal data).
 */
export function noticePayloadSql(suggestionIdSql: string, emailIdSql: string): string {
  return `${suggestionIdSql}::text || coalesce(',' || ${emailIdSql}::text, '')`;
}

/** The notice in a payload, or null for anything else on the channel (logged by the reader, never thrown). */
export function parseSubmittedNotice(payload: string | undefined): SubmittedNotice | null {
  const match = /^(\d{1,10})(?:,(\d{1,10}))?$/.exec(payload ?? "");
  if (!match) return null;
  const suggestionId = Number(match[1]);
  const emailId = match[2] === undefined ? null : Number(match[2]);
  if (suggestionId <= 0 || (emailId !== null && emailId <= 0)) return null;
  return { suggestionId, emailId };
}
