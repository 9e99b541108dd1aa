// The audit log as CSV, for the people who check the administration from outside it (a spreadsheet, an archive).
import type { AuditEntry } from "./audit.repository.ts";

export const CSV_COLUMNS = ["id", "at", "actorId", "actorEmail", "action", "entity", "entityId", "before", "after"] as const;

/**
 * One RFC 4180 field. A value a spreadsheet would read as a formula (= + - @, tab, CR at the start) gets a leading
 * apostrophe: the log holds text typed by people (department names, rule keywords), and opening the export must
 * never run it.
 */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(entry: AuditEntry): string {
  return [
    entry.id, entry.at.toISOString(), entry.actorId ?? "", entry.actorEmail ?? "", entry.action, entry.entity, entry.entityId ?? "",
    entry.before ?? "", entry.after ?? "",
  ].map(csvField).join(",");
}

/** The header line, after a UTF-8 byte order mark so that Excel reads the Chinese text as UTF-8. */
export function csvHeader(): string {
  return `\uFEFF${CSV_COLUMNS.join(",")}`;
}
