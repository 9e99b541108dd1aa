// A year of a busy platform in the bench database: N suggestions (two in five led by one department, one in ten
// with an assisting department), each with its submitter and its history, made by PostgreSQL itself (INSERT …
// SELECT generate_series) rather than sent over. Used by the pages and inbox benchmarks.
import type { Db } from "../../src/platform/db.ts";

/** The measured department's id. Tracking codes are BN-2026-00000001 … and every submitter's phone ends in 5678. */
export async function fillSuggestions(db: Db, count: number): Promise<number> {
  const departments = (await db.department.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((d) => d.id);
  const categories = (await db.category.findMany({ select: { id: true } })).map((c) => c.id);
  const regions = (await db.region.findMany({ where: { level: "COUNTY" }, select: { id: true } })).map((r) => r.id);
  const rounds = (await db.collectionRound.findMany({ select: { id: true } })).map((r) => r.id);
  const bench = departments[0];
  if (bench === undefined) throw new Error("no departments were seeded");
  const others = departments.slice(1);

  await db.$executeRaw`
    INSERT INTO "Suggestion" ("trackingCode", kind, "roundId", title, problem, proposal, "categoryId", "regionId", status,
                              "submittedAt", "screeningDueAt", "replyDueAt", "routingState", "routedAt", "leadDepartmentId")
    SELECT 'BN-2026-' || lpad(g::text, 8, '0'),
           CASE WHEN g % 7 = 0 THEN 'ROUND' ELSE 'EVERYDAY' END::"SuggestionKind",
           CASE WHEN g % 7 = 0 THEN (${rounds}::int[])[1 + g % cardinality(${rounds}::int[])] END,
           '关于改进第' || g || '项公共服务的建议', '办事需要反复提交相同材料。', '建议推行一次告知、一表申请。',
           (${categories}::int[])[1 + g % cardinality(${categories}::int[])],
           (${regions}::int[])[1 + g % cardinality(${regions}::int[])],
           (CASE WHEN g % 20 < 12 THEN 'REPLIED' WHEN g % 20 < 14 THEN 'CLOSED' WHEN g % 20 < 17 THEN 'IN_HANDLING'
                 WHEN g % 20 < 19 THEN 'ASSIGNED' ELSE 'EXTENDED' END)::"SuggestionStatus",
           ts, ts + interval '7 days', ts + interval '21 days' + (g % 97) * interval '1 minute', 'ROUTED', ts + interval '1 minute',
           CASE WHEN g % 5 < 2 THEN ${bench} ELSE (${others}::int[])[1 + g % cardinality(${others}::int[])] END
      FROM generate_series(1, ${count}) g,
           LATERAL (SELECT (now() AT TIME ZONE 'UTC') - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute' AS ts) t`;
  await db.$executeRaw`
    INSERT INTO "Submitter" ("suggestionId", "realName", phone, email)
    SELECT id, '王小明', '13812345678', CASE WHEN id % 3 = 0 THEN NULL ELSE 'citizen' || id || '@example.com' END
      FROM "Suggestion"`;
  await db.$executeRaw`
    INSERT INTO "HandlingEvent" ("suggestionId", type, "toStatus", "createdAt")
    SELECT id, 'SUBMITTED', 'SUBMITTED'::"SuggestionStatus", "submittedAt" FROM "Suggestion"
    UNION ALL
    SELECT id, 'ACCEPTED', 'ACCEPTED'::"SuggestionStatus", "submittedAt" + interval '1 minute' FROM "Suggestion"
    UNION ALL
    SELECT id, 'ASSIGNED', 'ASSIGNED'::"SuggestionStatus", "submittedAt" + interval '1 minute' FROM "Suggestion"`;
  await db.$executeRaw`
    INSERT INTO "Assignment" ("suggestionId", "departmentId", role, status, "assignedAt", "dueAt", "acceptedAt")
    SELECT s.id, s."leadDepartmentId", 'LEAD',
           (CASE s.status WHEN 'ASSIGNED' THEN 'PENDING' WHEN 'REPLIED' THEN 'REPLIED' WHEN 'CLOSED' THEN 'REPLIED' ELSE 'ACCEPTED' END)::"AssignmentStatus",
           s."submittedAt" + interval '1 day', s."replyDueAt",
           CASE WHEN s.status <> 'ASSIGNED' THEN s."submittedAt" + interval '2 days' END
      FROM "Suggestion" s`;
  await db.$executeRaw`
    INSERT INTO "Assignment" ("suggestionId", "departmentId", role, status, "assignedAt", "dueAt")
    SELECT s.id, CASE WHEN s."leadDepartmentId" = ${bench} THEN ${others[0] ?? bench}::int ELSE ${bench}::int END, 'ASSIST',
           (CASE WHEN s.status IN ('REPLIED', 'CLOSED') THEN 'REPLIED' ELSE 'PENDING' END)::"AssignmentStatus",
           s."submittedAt" + interval '1 day', s."replyDueAt"
      FROM "Suggestion" s WHERE s.id % 10 = 3`;
  for (const table of ["Suggestion", "Submitter", "HandlingEvent", "Assignment"]) await db.$executeRawUnsafe(`ANALYZE "${table}"`);
  const events = await db.handlingEvent.count();
  if (events !== 3 * count) throw new Error(`the fill made ${events} events for ${count} suggestions`);
  return bench;
}
