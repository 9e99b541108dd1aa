// The golden ideas (金点子) a page may show: adopted (fully or partly) by the lead department's reply, and published
// with the citizen's consent. The submitter's name is read only to mask it in the text; it never leaves the service.
import { Prisma } from "../../generated/prisma/client.ts";
import { escapeLike, type DbClient } from "../../platform/db.ts";

export interface ShowcaseQuery {
  /** Every word must appear in the title, the problem or the proposal. */
  words: string[];
  categoryId: number | null;
  roundId: number | null;
  limit: number;
  offset: number;
}

export interface ShowcaseRow {
  id: number;
  title: string;
  problem: string;
  proposal: string;
  submittedAt: Date;
  categoryName: string;
  categoryNameEn: string;
  roundId: number | null;
  roundTitle: string | null;
  roundTitleEn: string | null;
  cityName: string | null;
  cityNameEn: string | null;
  realName: string;
  replyBody: string;
  adoption: string;
  repliedAt: Date;
  departmentName: string;
  departmentNameEn: string;
}

export async function findGoldenIdeas(db: DbClient, q: ShowcaseQuery): Promise<ShowcaseRow[]> {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`f.adoption IN ('ADOPTED', 'PARTIALLY_ADOPTED')`,
    Prisma.sql`sub."consentPublish"`,
  ];
  if (q.categoryId) conditions.push(Prisma.sql`f."categoryId" = ${q.categoryId}`);
  if (q.roundId) conditions.push(Prisma.sql`f."roundId" = ${q.roundId}`);
  if (q.words.length) {
    const patterns = q.words.map((w) => `%${escapeLike(w)}%`);
    conditions.push(Prisma.sql`(s.title || ' ' || s.problem || ' ' || s.proposal) ILIKE ALL(${patterns}::text[])`);
  }
  return db.$queryRaw<ShowcaseRow[]>`
    SELECT s.id, s.title, s.problem, s.proposal, s."submittedAt",
           c.name AS "categoryName", c."nameEn" AS "categoryNameEn",
           s."roundId", r.title AS "roundTitle", r."titleEn" AS "roundTitleEn",
           city.name AS "cityName", city."nameEn" AS "cityNameEn",
           sub."realName", rp.body AS "replyBody", rp.adoption::text AS adoption, rp."createdAt" AS "repliedAt",
           d.name AS "departmentName", d."nameEn" AS "departmentNameEn"
    FROM "ReportFact" f
    JOIN "Suggestion" s ON s.id = f."suggestionId"
    JOIN "Submitter" sub ON sub."suggestionId" = s.id
    JOIN "Category" c ON c.id = f."categoryId"
    LEFT JOIN "CollectionRound" r ON r.id = f."roundId"
    LEFT JOIN "Region" city ON city.id = f."cityId"
    JOIN LATERAL (
      SELECT x.body, x.adoption, x."createdAt" FROM "Reply" x
      WHERE x."suggestionId" = s.id AND x."isLead" ORDER BY x."createdAt", x.id LIMIT 1
    ) rp ON true
    JOIN "Department" d ON d.id = f."replyDepartmentId"
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY f."repliedAt" DESC, s.id DESC
    LIMIT ${q.limit} OFFSET ${q.offset}`;
}

export interface MeasureOfIdea {
  suggestionId: number;
  type: string;
  title: string;
  docNumber: string | null;
  issuingBody: string;
  issuedOn: Date;
}

export async function measuresOf(db: DbClient, suggestionIds: number[]): Promise<MeasureOfIdea[]> {
  if (!suggestionIds.length) return [];
  return db.$queryRaw<MeasureOfIdea[]>`
    SELECT l."suggestionId", m.type::text AS type, m.title, m."docNumber", m."issuingBody", m."issuedOn"
    FROM "PolicyMeasureLink" l JOIN "PolicyMeasure" m ON m.id = l."measureId"
    WHERE l."suggestionId" = ANY(${suggestionIds}::int[])
    ORDER BY m."issuedOn", m.id`;
}

export async function filterChoices(db: DbClient) {
  const [categories, rounds] = await Promise.all([
    db.category.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true, nameEn: true } }),
    db.collectionRound.findMany({ where: { status: { not: "DRAFT" } }, orderBy: { opensAt: "desc" }, select: { id: true, title: true, titleEn: true } }),
  ]);
  return { categories, rounds };
}
