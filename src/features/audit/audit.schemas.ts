// The audit page's filters, from the query string: anything malformed is simply not applied (a filter form, not a
// record being saved, so there is nothing to refuse).
import { endOfShanghaiDay, isCalendarDate } from "../../platform/working-days.ts";
import { first, idInput, plainInput } from "../../web/forms.ts";
import type { AuditFilters } from "./audit.repository.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const ACTION = /^[a-z][a-zA-Z-]{0,40}(\.[a-zA-Z-]{1,40})?$/;
const ENTITY = /^[A-Z][A-Za-z]{0,40}$/;

function day(value: unknown): string | undefined {
  const s = plainInput(value);
  return s !== undefined && isCalendarDate(s) ? s : undefined;
}

export interface AuditQuery {
  filters: AuditFilters;
  beforeId: number | undefined;
  /** What the form shows back. */
  values: { action: string; actor: string; from: string; to: string; entity: string; entityId: string };
}

export function parseAuditQuery(query: Record<string, unknown>): AuditQuery {
  const action = plainInput(query.action);
  const actor = plainInput(query.actor)?.slice(0, 200);
  const entity = plainInput(query.entity);
  const entityId = plainInput(query.entityId);
  const from = day(query.from);
  const to = day(query.to);
  const filters: AuditFilters = {};
  if (action && ACTION.test(action)) filters.action = action;
  if (actor) filters.actor = actor;
  if (entity && ENTITY.test(entity)) filters.entity = entity;
  if (entityId && /^[\w-]{1,64}$/.test(entityId)) filters.entityId = entityId;
  // Shanghai days, like every date on the platform: "from" at the day's first moment, "to" through its last.
  if (from) filters.from = new Date(endOfShanghaiDay(from).getTime() + 1 - DAY_MS);
  if (to) filters.to = new Date(endOfShanghaiDay(to).getTime() + 1);
  return {
    filters,
    beforeId: idInput(first(query.before)),
    values: {
      action: filters.action ?? "", actor: filters.actor ?? "", from: from ?? "", to: to ?? "",
      entity: filters.entity ?? "", entityId: filters.entityId ?? "",
    },
  };
}

/** The filters as a query string, for the export link and the next page. */
export function queryStringOf(values: AuditQuery["values"], extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}
