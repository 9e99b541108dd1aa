// The audit log's reading side: the page's filtered list and the CSV export. Writing is `recordAudit` (index.ts),
// called by each feature inside the transaction of the change it records.
import type { Db } from "../../platform/db.ts";
import * as repo from "./audit.repository.ts";
import type { AuditEntry, AuditFilters } from "./audit.repository.ts";

export const AUDIT_PAGE_SIZE = 50;
/** An export larger than this is a mistake in the filters, not a report: it is cut and says so. */
export const AUDIT_EXPORT_MAX = 100_000;
const EXPORT_BATCH = 1_000;

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The fields that differ between before and after, for the page (the CSV carries both whole). */
export function changesOf(entry: Pick<AuditEntry, "before" | "after">): FieldChange[] {
  const b = (entry.before && typeof entry.before === "object" ? entry.before : {}) as Record<string, unknown>;
  const a = (entry.after && typeof entry.after === "object" ? entry.after : {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }));
}

export function createAuditService(deps: { db: Db }) {
  return {
    async page(filters: AuditFilters, beforeId?: number) {
      const rows = await repo.findAuditEntries(deps.db, filters, { beforeId, limit: AUDIT_PAGE_SIZE + 1 });
      const entries = rows.slice(0, AUDIT_PAGE_SIZE);
      const last = entries.at(-1);
      return { entries, nextBeforeId: rows.length > AUDIT_PAGE_SIZE && last ? last.id : null };
    },

    actions: () => repo.findAuditActions(deps.db),

    /** Every matching entry, newest first, in batches so a long log never sits in memory at once. */
    async *exportRows(filters: AuditFilters): AsyncGenerator<AuditEntry> {
      let beforeId: number | undefined;
      let sent = 0;
      while (sent < AUDIT_EXPORT_MAX) {
        const batch = await repo.findAuditEntries(deps.db, filters, { beforeId, limit: Math.min(EXPORT_BATCH, AUDIT_EXPORT_MAX - sent) });
        for (const row of batch) yield row;
        sent += batch.length;
        if (batch.length < EXPORT_BATCH) return;
        beforeId = batch.at(-1)?.id;
      }
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
