// Writes and reads of the audit log. Every function takes the root client or a transaction client, so a change and
// its audit entry commit together (or not at all).
import type { DbClient } from "../../platform/db.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** Who acted: a signed-in person, or null for the system. */
export interface AuditActor {
  id: number;
  email: string;
}

export interface AuditInput {
  actor: AuditActor | null;
  /** "<area>.<verb>": "department.update", "user.invite", "contact.reveal". */
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actorId: number | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilters {
  /** An exact action ("user.invite") or an area ("user"): every action of that area. */
  action?: string;
  entity?: string;
  entityId?: string;
  /** Part of the actor's email. */
  actor?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** Dates become ISO strings and undefined fields disappear: what the JSON column stores is what was shown. */
function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  if (value === undefined || value === null) return Prisma.JsonNull;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export async function insertAuditEntry(db: DbClient, input: AuditInput, at?: Date): Promise<{ id: number }> {
  return db.auditEntry.create({
    data: {
      ...(at ? { at } : {}),
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
      before: toJson(input.before),
      after: toJson(input.after),
    },
    select: { id: true },
  });
}

function whereOf(f: AuditFilters): Prisma.AuditEntryWhereInput {
  const where: Prisma.AuditEntryWhereInput = {};
  if (f.action) where.action = f.action.includes(".") ? f.action : { startsWith: `${f.action}.` };
  if (f.entity) where.entity = f.entity;
  if (f.entityId) where.entityId = f.entityId;
  if (f.actor) where.actorEmail = { contains: f.actor, mode: "insensitive" };
  if (f.from || f.to) where.at = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) };
  return where;
}

const SELECT = {
  id: true, at: true, actorId: true, actorEmail: true, action: true, entity: true, entityId: true, before: true, after: true,
} as const;

/** Newest first, keyset-paged on the id (`beforeId` is the last id of the previous page). */
export async function findAuditEntries(db: DbClient, filters: AuditFilters, opts: { beforeId?: number; limit: number }): Promise<AuditEntry[]> {
  const where = whereOf(filters);
  if (opts.beforeId !== undefined) where.id = { lt: opts.beforeId };
  return db.auditEntry.findMany({ where, orderBy: { id: "desc" }, take: opts.limit, select: SELECT });
}

/** The distinct actions ever written, for the filter's choices. */
export async function findAuditActions(db: DbClient): Promise<string[]> {
  // GROUP BY in PostgreSQL: Prisma's `distinct` (without the nativeDistinct preview) reads every row of the ever-growing
  // log into the process and removes duplicates there.
  const rows = await db.auditEntry.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
