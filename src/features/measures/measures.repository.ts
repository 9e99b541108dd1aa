// Reads and writes of policy measures and their links to suggestions. Plain objects out; every function takes the
// root client or a transaction client.
import type { DbClient } from "../../platform/db.ts";
import type { PolicyMeasureType, SuggestionStatus } from "../../generated/prisma/enums.ts";
import { EVENT_TYPE, recordEvent, type EventNote } from "../lifecycle/index.ts";

export interface MeasureSummary extends MeasureData {
  id: number;
  createdAt: Date;
}

export interface MeasureListItem extends MeasureSummary {
  linkCount: number;
}

export interface LinkedSuggestion {
  id: number;
  trackingCode: string;
  title: string;
  status: SuggestionStatus;
  leadDepartment: { name: string; nameEn: string } | null;
  linkedAt: Date;
}

/** What deciding "may this person link this suggestion" needs. */
export interface LinkTarget {
  id: number;
  trackingCode: string;
  title: string;
  status: SuggestionStatus;
  leadDepartmentId: number | null;
  /** Departments with a current (not transferred) assignment: who may see the suggestion at all. */
  assignedDepartmentIds: number[];
}

const SUMMARY = {
  id: true, type: true, title: true, docNumber: true, issuingBody: true, issuedOn: true, url: true, createdAt: true,
} as const;

const LINK_TARGET = {
  id: true,
  trackingCode: true,
  title: true,
  status: true,
  leadDepartmentId: true,
  assignments: { where: { status: { not: "TRANSFERRED" } }, select: { departmentId: true } },
} as const;

type LinkTargetRow = {
  id: number; trackingCode: string; title: string; status: SuggestionStatus; leadDepartmentId: number | null;
  assignments: { departmentId: number }[];
};

function toLinkTarget(row: LinkTargetRow): LinkTarget {
  const { assignments, ...rest } = row;
  return { ...rest, assignedDepartmentIds: [...new Set(assignments.map((a) => a.departmentId))] };
}

/** A suggestion an official's department handles (lead or assisting, not transferred away). */
function visibleTo(departmentId: number) {
  return { assignments: { some: { departmentId, status: { not: "TRANSFERRED" as const } } } };
}

/** Newest issue date first; `take` one more than a page tells whether there is a next one. */
export async function listMeasures(db: DbClient, opts: { skip: number; take: number }): Promise<MeasureListItem[]> {
  const rows = await db.policyMeasure.findMany({
    orderBy: [{ issuedOn: "desc" }, { id: "desc" }],
    skip: opts.skip,
    take: opts.take,
    select: { ...SUMMARY, _count: { select: { links: true } } },
  });
  return rows.map(({ _count, ...m }) => ({ ...m, linkCount: _count.links }));
}

export function findMeasure(db: DbClient, id: number): Promise<MeasureSummary | null> {
  return db.policyMeasure.findUnique({ where: { id }, select: SUMMARY });
}

/**
 * The measure's suggestions, oldest link first; for an official only those of their department (`departmentId`),
 * the others are counted, never shown.
 */
export async function findLinkedSuggestions(
  db: DbClient,
  measureId: number,
  opts: { departmentId: number | null; take: number },
): Promise<{ shown: LinkedSuggestion[]; total: number }> {
  const where = { measureId, ...(opts.departmentId !== null ? { suggestion: visibleTo(opts.departmentId) } : {}) };
  const [rows, total] = await Promise.all([
    db.policyMeasureLink.findMany({
      where,
      orderBy: [{ linkedAt: "asc" }, { suggestionId: "asc" }],
      take: opts.take,
      select: {
        linkedAt: true,
        suggestion: {
          select: { id: true, trackingCode: true, title: true, status: true, leadDepartment: { select: { name: true, nameEn: true } } },
        },
      },
    }),
    db.policyMeasureLink.count({ where: { measureId } }),
  ]);
  return { shown: rows.map((r) => ({ ...r.suggestion, linkedAt: r.linkedAt })), total };
}

export async function findLinkTargetsByCodes(db: DbClient, codes: string[]): Promise<LinkTarget[]> {
  if (codes.length === 0) return [];
  const rows = await db.suggestion.findMany({ where: { trackingCode: { in: codes } }, select: LINK_TARGET });
  return rows.map(toLinkTarget);
}

export async function findLinkTarget(db: DbClient, id: number): Promise<LinkTarget | null> {
  const row = await db.suggestion.findUnique({ where: { id }, select: LINK_TARGET });
  return row ? toLinkTarget(row) : null;
}

/** The measures a suggestion could still be linked to, newest first (for the select on the case page). */
export function findLinkChoices(db: DbClient, suggestionId: number, take: number): Promise<MeasureSummary[]> {
  return db.policyMeasure.findMany({
    where: { links: { none: { suggestionId } } },
    orderBy: [{ issuedOn: "desc" }, { id: "desc" }],
    take,
    select: SUMMARY,
  });
}

export function findLinkedMeasures(db: DbClient, suggestionId: number): Promise<MeasureSummary[]> {
  return db.policyMeasure.findMany({
    where: { links: { some: { suggestionId } } },
    orderBy: [{ issuedOn: "desc" }, { id: "desc" }],
    select: SUMMARY,
  });
}

/**
 * Serializes the creation of identical measures (a double-clicked form, two people entering the same document),
 * so that the second finds the first instead of creating a copy. Held until the transaction ends.
 */
export async function lockMeasureContent(tx: DbClient, contentKey: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${MEASURE_LOCK_NAMESPACE}::int, hashtext(${contentKey}))`;
}

/** An arbitrary constant that keeps these locks apart from other advisory locks (the seed's, for one). */
const MEASURE_LOCK_NAMESPACE = 7_301;

/** A measure's own fields: what staff enter, and what the citizen's tracking page shows (features/tracking). */
export interface MeasureData {
  type: PolicyMeasureType;
  title: string;
  docNumber: string | null;
  issuingBody: string;
  issuedOn: Date;
  url: string | null;
}

/** The same document entered again: same type, title, number, issuing body and date. */
export function findIdenticalMeasure(tx: DbClient, data: MeasureData): Promise<{ id: number } | null> {
  return tx.policyMeasure.findFirst({
    where: {
      type: data.type,
      title: data.title,
      docNumber: data.docNumber,
      issuingBody: data.issuingBody,
      issuedOn: data.issuedOn,
    },
    orderBy: { id: "asc" },
    select: { id: true },
  });
}

export function createMeasure(tx: DbClient, data: MeasureData & { createdBy: number; createdAt: Date }): Promise<{ id: number }> {
  return tx.policyMeasure.create({ data, select: { id: true } });
}

/** Inserts the link unless it exists (the composite primary key): true when this call created it. */
export async function insertLink(tx: DbClient, link: { measureId: number; suggestionId: number; linkedAt: Date }): Promise<boolean> {
  const { count } = await tx.policyMeasureLink.createMany({ data: [link], skipDuplicates: true });
  return count === 1;
}

export function recordLinkEvent(
  tx: DbClient,
  event: { suggestionId: number; actorId: number; departmentId: number | null; note: EventNote; at: Date },
): Promise<void> {
  // Not internal: the citizen's history may say that the suggestion became a policy measure.
  return recordEvent(tx, { ...event, type: EVENT_TYPE.MEASURE_LINKED, internal: false });
}

/** The suggestions merged into this one (并案): their citizens are answered with its reply and its measures. */
export async function findMergedInto(tx: DbClient, suggestionId: number): Promise<number[]> {
  const rows = await tx.suggestion.findMany({ where: { mergedIntoId: suggestionId }, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}
