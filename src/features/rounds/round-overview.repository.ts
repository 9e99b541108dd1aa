// Figures of one round for the office: what came in per day, per sub-topic, per status and per lead department, and
// its suggestions page by page. Functions taking the root client or a transaction client first.
import type { DbClient } from "../../platform/db.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

/** Suggestions received per Shanghai calendar day (the platform's day, see platform/dates.ts). */
export async function receivedPerDay(db: DbClient, roundId: number): Promise<{ day: string; count: number }[]> {
  const rows = await db.$queryRaw<{ day: string; count: bigint }[]>`
    SELECT to_char(("submittedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, count(*) AS count
    FROM "Suggestion" WHERE "roundId" = ${roundId} GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({ day: r.day, count: Number(r.count) }));
}

export async function countsByTopic(db: DbClient, roundId: number): Promise<{ key: number | null; count: number }[]> {
  const rows = await db.suggestion.groupBy({ by: ["topicId"], where: { roundId }, _count: { _all: true } });
  return rows.map((r) => ({ key: r.topicId, count: r._count._all }));
}

export async function countsByStatus(db: DbClient, roundId: number): Promise<{ key: SuggestionStatus; count: number }[]> {
  const rows = await db.suggestion.groupBy({ by: ["status"], where: { roundId }, _count: { _all: true } });
  return rows.map((r) => ({ key: r.status, count: r._count._all }));
}

export async function countsByLeadDepartment(db: DbClient, roundId: number): Promise<{ key: number | null; count: number }[]> {
  const rows = await db.suggestion.groupBy({ by: ["leadDepartmentId"], where: { roundId }, _count: { _all: true } });
  return rows.map((r) => ({ key: r.leadDepartmentId, count: r._count._all }));
}

export function countReceived(db: DbClient, roundId: number): Promise<number> {
  return db.suggestion.count({ where: { roundId } });
}

export interface RoundSuggestionFilter {
  status?: SuggestionStatus;
  topicId?: number;
  categoryId?: number;
  departmentId?: number;
}

export const OVERVIEW_PAGE_SIZE = 20;

export async function findRoundSuggestions(db: DbClient, roundId: number, filter: RoundSuggestionFilter, page: number) {
  const where: Prisma.SuggestionWhereInput = {
    roundId,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.topicId ? { topicId: filter.topicId } : {}),
    ...(filter.categoryId ? { categoryId: filter.categoryId } : {}),
    ...(filter.departmentId ? { leadDepartmentId: filter.departmentId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.suggestion.count({ where }),
    db.suggestion.findMany({
      where,
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OVERVIEW_PAGE_SIZE,
      take: OVERVIEW_PAGE_SIZE,
      select: {
        id: true, trackingCode: true, title: true, status: true, submittedAt: true, important: true,
        topic: { select: { title: true, titleEn: true } },
        category: { select: { name: true, nameEn: true } },
        leadDepartment: { select: { name: true, nameEn: true } },
      },
    }),
  ]);
  return { total, rows };
}

export function findCategoryChoices(db: DbClient) {
  return db.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, nameEn: true } });
}

/** What the public results section shows of the selected suggestions: only those whose authors agreed to publication. */
export function findPublicHighlights(db: DbClient, roundId: number) {
  return db.roundHighlight.findMany({
    where: { roundId, suggestion: { submitter: { consentPublish: true } } },
    orderBy: { sortOrder: "asc" },
    select: {
      suggestion: {
        select: {
          id: true, title: true,
          // Only to mask the citizen's name wherever it appears in the title; never shown.
          submitter: { select: { realName: true } },
          topic: { select: { title: true, titleEn: true } },
          replies: { where: { isLead: true }, orderBy: { createdAt: "desc" }, take: 1, select: { adoption: true } },
        },
      },
    },
  });
}

/** Policy measures that came from the round's suggestions (recorded by the departments, features/measures). */
export function findRoundMeasures(db: DbClient, roundId: number) {
  return db.policyMeasure.findMany({
    where: { links: { some: { suggestion: { roundId } } } },
    orderBy: [{ issuedOn: "desc" }, { id: "desc" }],
    select: { id: true, type: true, title: true, docNumber: true, issuingBody: true, issuedOn: true, url: true },
  });
}
