// Does the department inbox stay fast deep into a big department's list? 100,000 suggestions (two in five led
// by one department, one in ten with an assisting department) go into a throwaway database; then the app's own
// keyset query (casework/inbox.repository.ts findInboxRows) fetches page 1 and page 500, and the same query written
// the naive way (OFFSET) fetches page 500 on the same data. The ratios are the result; times vary by machine.
//
//   npx tsx bench/inbox.bench.ts            (BENCH_DATABASE_URL to use another throwaway database,
//                                            BENCH_SUGGESTIONS to change the 100,000)
//   npm run bench                           (bench/submit.bench.ts, then this one)
import { performance } from "node:perf_hooks";
import { ensureDatabase, migrateDeploy } from "../src/cli/database.ts";
import { createDb, type Db } from "../src/platform/db.ts";
import { Prisma } from "../src/generated/prisma/client.ts";
import { findInboxRows, type InboxPageQuery } from "../src/features/casework/inbox.repository.ts";
import { encodeCursor, INBOX_PAGE_SIZE } from "../src/features/casework/casework.schemas.ts";
import { seedDemoData } from "../prisma/seed.ts";

const URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/gi_bench_inbox";
const SUGGESTIONS = Number(process.env.BENCH_SUGGESTIONS ?? 100_000);
const DEEP_PAGE = 500;
const RUNS = 21;

async function reset(db: Db): Promise<void> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

async function fill(db: Db): Promise<number> {
  await seedDemoData(db, { historicalSuggestions: 0 });
  const departments = (await db.department.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((d) => d.id);
  const categories = (await db.category.findMany({ select: { id: true } })).map((c) => c.id);
  const regions = (await db.region.findMany({ where: { level: "COUNTY" }, select: { id: true } })).map((r) => r.id);
  const rounds = (await db.collectionRound.findMany({ select: { id: true } })).map((r) => r.id);
  const bench = departments[0];
  if (bench === undefined) throw new Error("no departments were seeded");
  const others = departments.slice(1);

  // One statement per table (INSERT … SELECT generate_series): the data is made by PostgreSQL, not sent over.
  await db.$executeRaw`
    INSERT INTO "Suggestion" ("trackingCode", kind, "roundId", title, problem, proposal, "categoryId", "regionId", status,
                              "submittedAt", "screeningDueAt", "replyDueAt", "routingState", "leadDepartmentId")
    SELECT 'BENCH-' || g,
           CASE WHEN g % 7 = 0 THEN 'ROUND' ELSE 'EVERYDAY' END::"SuggestionKind",
           CASE WHEN g % 7 = 0 THEN (${rounds}::int[])[1 + g % cardinality(${rounds}::int[])] END,
           '关于改进第' || g || '项公共服务的建议', '办事需要反复提交相同材料。', '建议推行一次告知、一表申请。',
           (${categories}::int[])[1 + g % cardinality(${categories}::int[])],
           (${regions}::int[])[1 + g % cardinality(${regions}::int[])],
           (CASE WHEN g % 20 < 12 THEN 'REPLIED' WHEN g % 20 < 14 THEN 'CLOSED' WHEN g % 20 < 17 THEN 'IN_HANDLING'
                 WHEN g % 20 < 19 THEN 'ASSIGNED' ELSE 'EXTENDED' END)::"SuggestionStatus",
           ts, ts + interval '7 days', ts + interval '21 days' + (g % 97) * interval '1 minute', 'ROUTED',
           CASE WHEN g % 5 < 2 THEN ${bench} ELSE (${others}::int[])[1 + g % cardinality(${others}::int[])] END
      FROM generate_series(1, ${SUGGESTIONS}) g,
           LATERAL (SELECT (now() AT TIME ZONE 'UTC') - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute' AS ts) t`;
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
  await db.$executeRawUnsafe(`ANALYZE "Suggestion"`);
  await db.$executeRawUnsafe(`ANALYZE "Assignment"`);
  return bench;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(); // warm the cache and the plan
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

/** The same query as findInboxRows without a cursor, paged the naive way: the database counts past every earlier row. */
function offsetQuery(db: Db, q: InboxPageQuery, offset: number) {
  return db.$queryRaw`
    SELECT a.id AS "assignmentId", a.role, a.status AS "assignmentStatus", a."dueAt", a."assignedAt",
           s.id, s."trackingCode", s.title, s.status, s."replyDueAt", s.important, s."roundId", s."categoryId"
      FROM "Assignment" a
      JOIN "Suggestion" s ON s.id = a."suggestionId"
     WHERE a."departmentId" = ${q.departmentId} AND a.status = ANY(${[...q.assignmentStatuses]}::"AssignmentStatus"[])
     ORDER BY a."dueAt" DESC, a.id DESC
     OFFSET ${offset} LIMIT ${q.limit + 1}`;
}

async function explain(db: Db, sql: Prisma.Sql): Promise<string> {
  const rows = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`);
  return rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n");
}

async function main(): Promise<void> {
  await ensureDatabase(URL);
  await migrateDeploy(URL);
  const db = createDb(URL, 4);
  try {
    const started = performance.now();
    await reset(db);
    const departmentId = await fill(db);
    const mine = await db.assignment.count({ where: { departmentId } });
    console.log(`data: ${SUGGESTIONS} suggestions, ${mine} assignments of the measured department (${((performance.now() - started) / 1000).toFixed(1)} s to build)`);

    // "All" (most recent deadline first) is the view that goes deep: every assignment the department ever had.
    const all: InboxPageQuery = {
      departmentId, assignmentStatuses: ["PENDING", "ACCEPTED", "REPLIED", "RETURNED"], suggestionStatuses: null,
      direction: "desc", limit: INBOX_PAGE_SIZE,
    };
    const offset = (DEEP_PAGE - 1) * INBOX_PAGE_SIZE;
    // The cursor a reader on page 499 would follow ("next"): the last row of that page.
    const prev = (await offsetQuery(db, all, offset - 1)) as { dueAt: Date; assignmentId: number }[];
    const last = prev[0];
    if (!last) throw new Error(`the department has fewer than ${offset} assignments`);
    const cursor = { dueAt: last.dueAt, id: last.assignmentId };
    console.log(`page ${DEEP_PAGE} cursor: after=${encodeCursor(cursor)} (offset ${offset})`);

    // Same rows either way, or the comparison means nothing.
    const viaKeyset = (await findInboxRows(db, { ...all, after: cursor })).rows.map((r) => r.assignmentId);
    const viaOffset = ((await offsetQuery(db, all, offset)) as { assignmentId: number }[]).map((r) => r.assignmentId);
    if (JSON.stringify(viaKeyset) !== JSON.stringify(viaOffset)) throw new Error("keyset and OFFSET pages differ");

    const page1 = await time(() => findInboxRows(db, all));
    const keysetDeep = await time(() => findInboxRows(db, { ...all, after: cursor }));
    const offsetDeep = await time(() => offsetQuery(db, all, offset));

    // The default view: what the department still has to do, nearest deadline first.
    const open: InboxPageQuery = {
      departmentId, assignmentStatuses: ["PENDING", "ACCEPTED"], suggestionStatuses: ["ASSIGNED", "IN_HANDLING", "EXTENDED"],
      direction: "asc", limit: INBOX_PAGE_SIZE,
    };
    const openPage1 = await time(() => findInboxRows(db, open));

    const ms = (n: number) => `${n.toFixed(2)} ms`;
    console.log("\nmedian of %d runs", RUNS);
    console.log(`  keyset page 1 ("all")          ${ms(page1)}`);
    console.log(`  keyset page ${DEEP_PAGE} ("all")        ${ms(keysetDeep)}`);
    console.log(`  OFFSET page ${DEEP_PAGE} ("all")        ${ms(offsetDeep)}   (baseline)`);
    console.log(`  keyset page 1 ("open", default) ${ms(openPage1)}`);
    console.log(`\n  keyset page ${DEEP_PAGE} / keyset page 1:  ${(keysetDeep / page1).toFixed(2)}x   (flat paging is ~1x)`);
    console.log(`  OFFSET page ${DEEP_PAGE} / keyset page ${DEEP_PAGE}: ${(offsetDeep / keysetDeep).toFixed(1)}x   (what keyset saves)`);

    const keysetSql = Prisma.sql`
      SELECT a.id FROM "Assignment" a JOIN "Suggestion" s ON s.id = a."suggestionId"
       WHERE a."departmentId" = ${departmentId} AND a.status = ANY(${[...all.assignmentStatuses]}::"AssignmentStatus"[])
         AND (a."dueAt", a.id) < (${cursor.dueAt}::timestamp(3), ${cursor.id})
       ORDER BY a."dueAt" DESC, a.id DESC LIMIT ${INBOX_PAGE_SIZE + 1}`;
    console.log(`\nplan of keyset page ${DEEP_PAGE}:\n${await explain(db, keysetSql)}`);
  } finally {
    await db.$disconnect();
  }
}

await main();
