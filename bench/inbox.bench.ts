// Does the department inbox query stay fast deep into a big department's list? 100,000 suggestions (bench/lib/fill.ts)
// go into the bench database; then the app's own keyset query (casework/inbox.repository.ts findInboxRows) fetches page 1
// and page 500, and the same query written the naive way (OFFSET) fetches page 500 on the same data, alternated
// twice. This times single queries (median of 21, no concurrent load), so it runs in-process; the inbox PAGE under
// load is measured by bench/pages.bench.ts. The ratios are the result; times vary by machine.
//
//   npx tsx bench/inbox.bench.ts            (BENCH_DATABASE_URL, BENCH_SUGGESTIONS to change the 100,000)
import { performance } from "node:perf_hooks";
import type { Db } from "../src/platform/db.ts";
import { Prisma } from "../src/generated/prisma/client.ts";
import { findInboxRows, type InboxPageQuery } from "../src/features/casework/inbox.repository.ts";
import { encodeCursor, INBOX_PAGE_SIZE } from "../src/features/casework/casework.schemas.ts";
import { prepareDatabase } from "./lib/setup.ts";
import { fillSuggestions } from "./lib/fill.ts";
import { header, median, writeResult } from "./lib/report.ts";

const SUGGESTIONS = Number(process.env.BENCH_SUGGESTIONS ?? 100_000);
const DEEP_PAGE = 500;
const RUNS = 21;
const ROUNDS = 2;

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
  const m = header(`department inbox query over ${SUGGESTIONS} suggestions: keyset vs OFFSET`, [`median of ${RUNS} runs per measurement, alternated ${ROUNDS}×`]);
  const db = await prepareDatabase();
  try {
    const started = performance.now();
    const departmentId = await fillSuggestions(db, SUGGESTIONS);
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

    // The default view: what the department still has to do, nearest deadline first.
    const open: InboxPageQuery = {
      departmentId, assignmentStatuses: ["PENDING", "ACCEPTED"], suggestionStatuses: ["ASSIGNED", "IN_HANDLING", "EXTENDED"],
      direction: "asc", limit: INBOX_PAGE_SIZE,
    };
    const samples: Record<string, number[]> = { page1: [], keysetDeep: [], offsetDeep: [], openPage1: [] };
    for (let r = 0; r < ROUNDS; r++) {
      samples.offsetDeep?.push(await time(() => offsetQuery(db, all, offset)));
      samples.page1?.push(await time(() => findInboxRows(db, all)));
      samples.keysetDeep?.push(await time(() => findInboxRows(db, { ...all, after: cursor })));
      samples.openPage1?.push(await time(() => findInboxRows(db, open)));
    }
    const page1 = median(samples.page1 ?? []);
    const keysetDeep = median(samples.keysetDeep ?? []);
    const offsetDeep = median(samples.offsetDeep ?? []);
    const openPage1 = median(samples.openPage1 ?? []);
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    console.log(`\nmedian of ${RUNS} runs (median over ${ROUNDS} alternated rounds)`);
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
    writeResult("inbox", { bench: "inbox", at: new Date().toISOString(), machine: m, suggestions: SUGGESTIONS, runs: RUNS, rounds: ROUNDS,
      medianMs: { page1, keysetDeep, offsetDeep, openPage1 }, samples, ratios: { keysetDeepOverPage1: keysetDeep / page1, offsetOverKeysetDeep: offsetDeep / keysetDeep } });
  } finally {
    await db.$disconnect();
  }
}

await main();
