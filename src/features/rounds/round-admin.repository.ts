// The administrators' reads and writes of themed rounds. Functions taking the root client or a transaction client
// first. Every write of a round's state is conditional on the state it expects, so a job and a person acting at the
// same moment cannot both win.
import type { DbClient } from "../../platform/db.ts";
import type { RoundStatus } from "../../generated/prisma/enums.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { PUBLIC_SELECT, type RoundCall, type RoundSettings } from "./rounds.repository.ts";
import type { TopicInput } from "./rounds.schemas.ts";

export const ADMIN_SELECT = {
  ...PUBLIC_SELECT,
  openedAt: true,
  closedAt: true,
  version: true,
  updatedAt: true,
  ownerDepartmentId: true,
  ownerDepartment: { select: { id: true, name: true, nameEn: true } },
  topics: { select: { id: true, title: true, titleEn: true, sortOrder: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] },
} satisfies Prisma.CollectionRoundSelect;

export type AdminRound = Prisma.CollectionRoundGetPayload<{ select: typeof ADMIN_SELECT }>;

export interface AdminRoundRow {
  id: number;
  code: string;
  title: string;
  titleEn: string;
  status: RoundStatus;
  opensAt: Date;
  closesAt: Date;
  ownerDepartment: { name: string; nameEn: string };
  _count: { suggestions: number };
}

export function listRounds(db: DbClient): Promise<AdminRoundRow[]> {
  return db.collectionRound.findMany({
    orderBy: [{ opensAt: "desc" }, { id: "desc" }],
    select: {
      id: true, code: true, title: true, titleEn: true, status: true, opensAt: true, closesAt: true,
      ownerDepartment: { select: { name: true, nameEn: true } },
      _count: { select: { suggestions: true } },
    },
  });
}

export function findAdminRound(db: DbClient, id: number): Promise<AdminRound | null> {
  return db.collectionRound.findUnique({ where: { id }, select: ADMIN_SELECT });
}

export function findDepartmentChoices(db: DbClient): Promise<{ id: number; name: string; nameEn: string }[]> {
  return db.department.findMany({ orderBy: [{ code: "asc" }], select: { id: true, name: true, nameEn: true } });
}

export function codeExists(db: DbClient, code: string): Promise<boolean> {
  return db.collectionRound.count({ where: { code } }).then((n) => n > 0);
}

export interface RoundFields extends RoundCall, RoundSettings {
  ownerDepartmentId: number;
}

export function createRound(
  db: DbClient,
  input: Omit<RoundFields, "resultsSummary" | "resultsSummaryEn" | "resultsPublishedAt"> & { code: string; topics: TopicInput[] },
): Promise<{ id: number }> {
  const { topics, ...fields } = input;
  return db.collectionRound.create({
    data: { ...fields, status: "DRAFT", topics: { create: topics.map((t, i) => ({ ...t, sortOrder: i + 1 })) } },
    select: { id: true },
  });
}

/** Saves an edit made from `version` in state `status`; false when the round changed in between. */
export async function updateRound(db: DbClient, id: number, expected: { version: number; status: RoundStatus }, fields: Partial<RoundFields>): Promise<boolean> {
  const { count } = await db.collectionRound.updateMany({
    where: { id, version: expected.version, status: expected.status },
    data: { ...fields, version: { increment: 1 } },
  });
  return count === 1;
}

/** Sub-topic ids that suggestions point at: those cannot be removed. */
export async function usedTopicIds(db: DbClient, roundId: number): Promise<Set<number>> {
  const rows = await db.suggestion.groupBy({ by: ["topicId"], where: { roundId, topicId: { not: null } } });
  return new Set(rows.flatMap((r) => (r.topicId === null ? [] : [r.topicId])));
}

/** Lines are matched to the existing sub-topics by position: renamed in place, added at the end, removed from the end. */
export async function replaceTopics(db: DbClient, roundId: number, existing: { id: number }[], topics: TopicInput[]): Promise<void> {
  for (const [i, topic] of topics.entries()) {
    const current = existing[i];
    if (current) await db.roundTopic.update({ where: { id: current.id }, data: { ...topic, sortOrder: i + 1 } });
    else await db.roundTopic.create({ data: { roundId, ...topic, sortOrder: i + 1 } });
  }
  const removed = existing.slice(topics.length).map((t) => t.id);
  if (removed.length) await db.roundTopic.deleteMany({ where: { id: { in: removed }, roundId } });
}

/** A state change, only from one of `from` (and, for the jobs, only once the set time has come). */
export async function moveRound(
  db: DbClient,
  id: number,
  change: { from: RoundStatus[]; to: RoundStatus; version?: number; dueBy?: { field: "opensAt" | "closesAt"; now: Date }; data?: Prisma.CollectionRoundUpdateManyMutationInput },
): Promise<boolean> {
  const where: Prisma.CollectionRoundWhereInput = { id, status: { in: change.from } };
  if (change.version !== undefined) where.version = change.version;
  if (change.dueBy) where[change.dueBy.field] = { lte: change.dueBy.now };
  const { count } = await db.collectionRound.updateMany({
    where,
    // A change by hand makes forms opened before it stale; a job's change does not (the form's edits still apply).
    data: { ...change.data, status: change.to, ...(change.version !== undefined ? { version: { increment: 1 } } : {}) },
  });
  return count === 1;
}

/** Rounds whose open-round or close-round job should exist. */
export function findLiveRounds(db: DbClient): Promise<{ id: number; status: RoundStatus; opensAt: Date; closesAt: Date }[]> {
  return db.collectionRound.findMany({
    where: { status: { in: ["SCHEDULED", "OPEN"] } },
    select: { id: true, status: true, opensAt: true, closesAt: true },
  });
}

export function setCover(db: DbClient, id: number, version: number, cover: { coverImage: string | null; coverImageType: string | null }): Promise<boolean> {
  return db.collectionRound
    .updateMany({ where: { id, version }, data: { ...cover, version: { increment: 1 } } })
    .then(({ count }) => count === 1);
}

export function findSuggestionsByCodes(db: DbClient, roundId: number, codes: string[]): Promise<{ id: number; trackingCode: string }[]> {
  return db.suggestion.findMany({ where: { roundId, trackingCode: { in: codes } }, select: { id: true, trackingCode: true } });
}

export async function replaceHighlights(db: DbClient, roundId: number, suggestionIds: number[]): Promise<void> {
  await db.roundHighlight.deleteMany({ where: { roundId } });
  if (suggestionIds.length) {
    await db.roundHighlight.createMany({ data: suggestionIds.map((suggestionId, i) => ({ roundId, suggestionId, sortOrder: i + 1 })) });
  }
}

export async function highlightCodes(db: DbClient, roundId: number): Promise<string[]> {
  const rows = await db.roundHighlight.findMany({
    where: { roundId },
    orderBy: { sortOrder: "asc" },
    select: { suggestion: { select: { trackingCode: true } } },
  });
  return rows.map((r) => r.suggestion.trackingCode);
}
