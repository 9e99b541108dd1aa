// The report's queries. Counting reads only ReportFact, the summary table the database keeps per suggestion (see
// the report_facts migration), in one pass per question: GROUPING SETS give the totals and every breakdown from a
// single scan. Lists (1–2 star cases, measures) and names are small look-ups by id.
import { Prisma } from "../../generated/prisma/client.ts";
import { TX_OPTIONS, type Db, type DbClient } from "../../platform/db.ts";
import type { ReportScope } from "./report-scope.ts";
import { scopeBounds } from "./report-scope.ts";

/** Statuses a suggestion reaches only after the office accepted it (受理). */
export const ACCEPTED_STATUSES = ["ACCEPTED", "ASSIGNED", "IN_HANDLING", "RETURNED", "EXTENDED", "REPLIED", "CLOSED"] as const;
/** With a lead department and no reply yet: the reply deadline runs (as in features/deadlines). */
export const REPLY_RUNNING_STATUSES = ["ASSIGNED", "IN_HANDLING", "EXTENDED"] as const;

export interface Counts {
  collected: number;
  accepted: number;
  assigned: number;
  replied: number;
  adopted: number;
  converted: number;
  onTime: number;
  late: number;
  openOverdue: number;
  rated: number;
  ratingSum: number;
  satisfied: number;
}

export type Dimension = "total" | "department" | "category" | "city" | "round" | "topic" | "month";

export interface GroupRow extends Counts {
  dim: Dimension;
  departmentId: number | null;
  categoryId: number | null;
  cityId: number | null;
  roundId: number | null;
  topicId: number | null;
  month: string | null;
}

/** The scope as SQL conditions on the summary table (alias `f`). */
export function where(scope: ReportScope, alias = "f"): Prisma.Sql {
  const { from, to } = scopeBounds(scope);
  const a = Prisma.raw(alias);
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (from) parts.push(Prisma.sql`${a}."submittedAt" >= ${from}`);
  if (to) parts.push(Prisma.sql`${a}."submittedAt" <= ${to}`);
  if (scope.roundId) parts.push(Prisma.sql`${a}."roundId" = ${scope.roundId}`);
  if (scope.departmentId) parts.push(Prisma.sql`${a}."leadDepartmentId" = ${scope.departmentId}`);
  return Prisma.join(parts, " AND ");
}

/**
 * Two levels: one pass over the facts groups them by every dimension at once (tens of thousands of groups for a
 * million suggestions), then GROUPING SETS roll those groups up into the totals and each breakdown. Grouping sets
 * straight over the facts would run every aggregate once per set and row (measured: 5× slower). The first level has
 * ~140,000 groups for a million suggestions: with PostgreSQL's default 4 MB of work_mem it sorts them, with 64 MB
 * (for this statement's transaction only) it hashes them, 1.9 s instead of 3.0 s measured on the bench data.
 */
export async function groupCounts(db: Db, scope: ReportScope, asOf: Date): Promise<GroupRow[]> {
  const rows = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
    return tx.$queryRaw<(Omit<GroupRow, "month"> & { month: number | null })[]>`
    WITH g AS (
      SELECT f."leadDepartmentId" AS d, f."categoryId" AS c, f."cityId" AS ci, f."roundId" AS r, f."topicId" AS tp, f."submittedMonth" AS m,
        count(*) AS collected,
        count(*) FILTER (WHERE f.status = ANY(${[...ACCEPTED_STATUSES]}::"SuggestionStatus"[])) AS accepted,
        count(f."leadAssignedAt") AS assigned,
        count(f."repliedAt") AS replied,
        count(*) FILTER (WHERE f.adoption IN ('ADOPTED', 'PARTIALLY_ADOPTED')) AS adopted,
        count(*) FILTER (WHERE f."measureCount" > 0) AS converted,
        count(*) FILTER (WHERE f."repliedAt" <= f."replyDueAt") AS "onTime",
        count(*) FILTER (WHERE f."repliedAt" > f."replyDueAt") AS late,
        count(*) FILTER (WHERE f."repliedAt" IS NULL AND f.status = ANY(${[...REPLY_RUNNING_STATUSES]}::"SuggestionStatus"[])
                           AND f."replyDueAt" < ${asOf}) AS "openOverdue",
        count(f.rating) AS rated,
        COALESCE(sum(f.rating), 0) AS "ratingSum",
        count(*) FILTER (WHERE f.rating >= 4) AS satisfied
      FROM "ReportFact" f
      WHERE ${where(scope)}
      GROUP BY 1, 2, 3, 4, 5, 6
    )
    SELECT
      CASE WHEN GROUPING(tp) = 0 THEN 'topic' WHEN GROUPING(r) = 0 THEN 'round' WHEN GROUPING(d) = 0 THEN 'department'
           WHEN GROUPING(c) = 0 THEN 'category' WHEN GROUPING(ci) = 0 THEN 'city' WHEN GROUPING(m) = 0 THEN 'month'
           ELSE 'total' END AS dim,
      d AS "departmentId", c AS "categoryId", ci AS "cityId", r AS "roundId", tp AS "topicId", m AS month,
      sum(collected)::int AS collected, sum(accepted)::int AS accepted, sum(assigned)::int AS assigned,
      sum(replied)::int AS replied, sum(adopted)::int AS adopted, sum(converted)::int AS converted,
      sum("onTime")::int AS "onTime", sum(late)::int AS late, sum("openOverdue")::int AS "openOverdue",
      sum(rated)::int AS rated, sum("ratingSum")::int AS "ratingSum", sum(satisfied)::int AS satisfied
    FROM g
    GROUP BY GROUPING SETS ((), (d), (c), (ci), (r), (r, tp), (m))`;
  }, { ...TX_OPTIONS, timeout: 120_000 });
  return rows.map((row) => ({
    ...row,
    month: row.month === null ? null : `${Math.floor(Number(row.month) / 100)}-${String(Number(row.month) % 100).padStart(2, "0")}`,
  }));
}

export interface OutcomeRow {
  status: string;
  adoption: string | null;
  notAcceptedReason: string | null;
  n: number;
}

/** Adoption results, reasons for not accepting and referrals, from one grouped scan. */
export async function outcomeCounts(db: DbClient, scope: ReportScope): Promise<OutcomeRow[]> {
  return db.$queryRaw<OutcomeRow[]>`
    SELECT CASE WHEN f.status IN ('NOT_ACCEPTED', 'REFERRED') THEN f.status::text ELSE '' END AS status,
           f.adoption::text AS adoption, f."notAcceptedReason"::text AS "notAcceptedReason", count(*)::int AS n
    FROM "ReportFact" f WHERE ${where(scope)}
    GROUP BY 1, 2, 3`;
}

/** How many replies took `days` working days, per replying department: the distribution the percentiles come from. */
export interface DurationCount {
  /** "sub": submission → reply; "asg": lead assignment → reply. */
  kind: "sub" | "asg";
  departmentId: number;
  days: number;
  n: number;
}

/**
 * Working days, submission → reply and lead assignment → reply, counted per (department, days). `cumulative[i]` is
 * the number of working days from day `firstDay` to day `firstDay + i`, so the working days after day a up to day
 * b are cumulative[b] − cumulative[a]: one array look-up per row instead of a calendar walk (the official calendar
 * lives in JavaScript, platform/working-days.ts). The percentiles are taken from these counts (report-data.ts):
 * a few hundred rows instead of sorting every reply four times.
 */
export async function replyDurationCounts(db: DbClient, scope: ReportScope, firstDay: number, cumulative: number[]): Promise<DurationCount[]> {
  // The subquery is kept apart by OFFSET 0: flattened, the planner would carry the calendar array in every row.
  return db.$queryRaw<DurationCount[]>`
    SELECT CASE WHEN GROUPING(x.sub) = 0 THEN 'sub' ELSE 'asg' END AS kind, x.dept AS "departmentId",
           COALESCE(x.sub, x.asg) AS days, count(*)::int AS n
    FROM (
      SELECT f."replyDepartmentId" AS dept,
             c.cum[f."repliedDay" - ${firstDay} + 1] - c.cum[f."submittedDay" - ${firstDay} + 1] AS sub,
             c.cum[f."repliedDay" - ${firstDay} + 1] - c.cum[f."assignedDay" - ${firstDay} + 1] AS asg
      FROM "ReportFact" f, (SELECT ${cumulative}::int[] AS cum) c
      WHERE ${where(scope)} AND f."repliedAt" IS NOT NULL
      OFFSET 0
    ) x
    GROUP BY GROUPING SETS ((x.dept, x.sub), (x.dept, x.asg))
    HAVING COALESCE(x.sub, x.asg) IS NOT NULL`;
}

/** The first Shanghai day of the scope's submissions (index-backed), or null when the scope is empty. */
export async function firstDay(db: DbClient, scope: ReportScope): Promise<number | null> {
  const [row] = await db.$queryRaw<{ day: number }[]>`
    SELECT f."submittedDay" AS day FROM "ReportFact" f WHERE ${where(scope)} ORDER BY f."submittedAt" LIMIT 1`;
  return row ? Number(row.day) : null;
}

export interface LowRatingRow {
  trackingCode: string;
  title: string;
  departmentId: number | null;
  score: number;
  comment: string | null;
  ratedAt: Date;
}

export const LOW_RATING_LIMIT = 1_000;

/** The 1–2 star cases, for follow-up (回访), the worst first, at most LOW_RATING_LIMIT. */
export async function lowRatings(db: DbClient, scope: ReportScope): Promise<LowRatingRow[]> {
  // The worst and the oldest first, chosen on the summary table alone (a top-N over one narrow scan); only the rows
  // listed are joined to the suggestion and its rating.
  return db.$queryRaw<LowRatingRow[]>`
    SELECT s."trackingCode", s.title, low."leadDepartmentId" AS "departmentId", r.score, r.comment, r."createdAt" AS "ratedAt"
    FROM (
      SELECT f."suggestionId", f."leadDepartmentId", f.rating FROM "ReportFact" f
      WHERE ${where(scope)} AND f.rating <= 2
      ORDER BY f.rating, f."suggestionId" LIMIT ${LOW_RATING_LIMIT}
    ) low
    JOIN "Suggestion" s ON s.id = low."suggestionId" JOIN "Rating" r ON r."suggestionId" = low."suggestionId"
    ORDER BY low.rating, low."suggestionId"`;
}

export interface MeasureRow {
  id: number;
  type: string;
  title: string;
  docNumber: string | null;
  issuingBody: string;
  issuedOn: Date;
  codes: string[];
  titles: string[];
}

/** The measures the scope's suggestions were converted into, each with the suggestions (in scope) behind it. */
export async function convertedMeasures(db: DbClient, scope: ReportScope): Promise<MeasureRow[]> {
  return db.$queryRaw<MeasureRow[]>`
    SELECT m.id, m.type::text AS type, m.title, m."docNumber", m."issuingBody", m."issuedOn",
           array_agg(s."trackingCode" ORDER BY s.id) AS codes, array_agg(s.title ORDER BY s.id) AS titles
    FROM "ReportFact" f
    JOIN "PolicyMeasureLink" l ON l."suggestionId" = f."suggestionId"
    JOIN "PolicyMeasure" m ON m.id = l."measureId"
    JOIN "Suggestion" s ON s.id = f."suggestionId"
    WHERE ${where(scope)} AND f."measureCount" > 0
    GROUP BY m.id ORDER BY m."issuedOn", m.id`;
}

export interface NamedRow { id: number; name: string; nameEn: string }

export async function names(db: DbClient) {
  const [departments, categories, cities, rounds, topics] = await Promise.all([
    db.department.findMany({ select: { id: true, name: true, nameEn: true } }),
    db.category.findMany({ select: { id: true, name: true, nameEn: true, sortOrder: true } }),
    db.region.findMany({ where: { level: "CITY" }, select: { id: true, name: true, nameEn: true } }),
    db.collectionRound.findMany({ select: { id: true, title: true, titleEn: true } }),
    db.roundTopic.findMany({ select: { id: true, roundId: true, title: true, titleEn: true } }),
  ]);
  return {
    departments,
    categories,
    cities,
    rounds: rounds.map((r) => ({ id: r.id, name: r.title, nameEn: r.titleEn })),
    topics: topics.map((t) => ({ id: t.id, roundId: t.roundId, name: t.title, nameEn: t.titleEn })),
  };
}

/**
 * Every suggestion of the scope, one row each, for the CSV export: no personal data (the submitter is not read).
 * Streamed through a cursor (suggestions-csv.ts), so it is written as text for `pg`, with $n placeholders.
 */
export function suggestionRowsQuery(scope: ReportScope): { text: string; values: unknown[] } {
  const q = Prisma.sql`
    SELECT s."trackingCode", f."submittedAt", f.status::text AS status, c.name AS category, c."nameEn" AS "categoryEn",
           city.name AS city, city."nameEn" AS "cityEn", r.title AS round, r."titleEn" AS "roundEn",
           d.name AS department, d."nameEn" AS "departmentEn", f."replyDueAt", f."repliedAt", f.adoption::text AS adoption,
           f.rating, f."measureCount"
    FROM "ReportFact" f
    JOIN "Suggestion" s ON s.id = f."suggestionId"
    JOIN "Category" c ON c.id = f."categoryId"
    LEFT JOIN "Region" city ON city.id = f."cityId"
    LEFT JOIN "CollectionRound" r ON r.id = f."roundId"
    LEFT JOIN "Department" d ON d.id = f."leadDepartmentId"
    WHERE ${where(scope)}
    ORDER BY f."suggestionId"`;
  return { text: q.text, values: q.values };
}
