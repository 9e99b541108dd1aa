// The email notice (邮件通知): a statement that writes outbox rows and whose caller would otherwise queue their
// send-email jobs itself (the router's, one Redis round trip per routed suggestion) calls pg_notify instead, and the
// outbox relay (workers/outbox-relay.ts) queues them in its next batch. NOTIFY is delivered only on commit; a notice
// nobody heard is found by the relay's catch-up and the sweep (`findUnsent`), like any unsent row.

/** A PostgreSQL identifier (LISTEN takes no parameter): lower case, no quoting needed. */
export const EMAILS_CHANNEL = "gi_email_committed";

/** The payload: the rows' ids, comma-separated (ids only; a payload holds at most 8000 bytes). */
export function emailNoticePayloadSql(idColumnSql: string): string {
  return `string_agg(${idColumnSql}::text, ',' ORDER BY ${idColumnSql})`;
}

/** The ids in a payload, or null for anything else on the channel (logged by the reader, never thrown). */
export function parseEmailNotice(payload: string | undefined): number[] | null {
  if (!/^\d{1,10}(,\d{1,10}){0,500}$/.test(payload ?? "")) return null;
  const ids = (payload as string).split(",").map(Number);
  return ids.every((id) => id > 0) ? ids : null;
}
