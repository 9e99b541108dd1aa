// Is the similar-suggestion look-up fast against a year of a big province's suggestions? 100,000 signatures go
// into a throwaway database; then new suggestions (texts not in the database) are looked up through the app's
// own service (signature + one index-backed query, bounded per term) and timed. The baseline, measured in the
// same run, is the exact inverted-index query that reads every posting of every term; the bench also compares the
// scores of the two result lists rank by rank (what the bound costs in quality: the data has many suggestions
// with equal scores, so the same score from another suggestion counts as a match).
//
// The texts: the demo seed's suggestion templates (prisma/seed-data/suggestion-templates.ts) with random subsets of
// their sentences and random cities, and the similarity evaluation texts recombined sentence by sentence. Fewer
// than 300 distinct sources make posting lists far longer than a real year's varied vocabulary would: a
// pessimistic case for the look-up.
//
//   npm run bench:similar          (BENCH_DATABASE_URL for another throwaway database, BENCH_SUGGESTIONS for the
//                                   100,000, BENCH_REUSE=1 to keep the data of the previous run when it has as many)
import os from "node:os";
import { performance } from "node:perf_hooks";
import { ensureDatabase, migrateDeploy } from "../src/cli/database.ts";
import { createDb, type Db } from "../src/platform/db.ts";
import { Prisma } from "../src/generated/prisma/client.ts";
import {
  CANDIDATES, computeSignature, createSimilarityService, POSTINGS_PER_STRONG_TERM, POSTINGS_PER_TERM, SIGNATURE_VERSION,
  SIMILAR_THRESHOLD, STRONG_TERMS, type SuggestionText,
} from "../src/features/similarity/index.ts";
import { seedDemoData } from "../prisma/seed.ts";
import { createRng, type Rng } from "../prisma/seed-data/prng.ts";
import { CITIES } from "../prisma/seed-data/regions.ts";
import { EVERYDAY_TEMPLATES, ROUND_TEMPLATES } from "../prisma/seed-data/suggestion-templates.ts";
import { SUGGESTIONS as EVAL_TEXTS } from "../tests/fixtures/similarity/pairs.ts";

const URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/gi_bench_similar";
const COUNT = Number(process.env.BENCH_SUGGESTIONS ?? 100_000);
const LOOKUPS = 300;
const BASELINE_LOOKUPS = 30;
const REUSE = process.env.BENCH_REUSE === "1";
const BATCH = 2_000;

const TEMPLATES = [...EVERYDAY_TEMPLATES, ...ROUND_TEMPLATES];
const EVAL = Object.values(EVAL_TEXTS);
const NUMERALS = ["一", "二", "三", "四", "五"];

function templateText(rng: Rng): SuggestionText {
  const t = rng.pick(TEMPLATES);
  const city = rng.pick(CITIES);
  const place = rng.chance(0.6) ? rng.pick(city.counties).name : city.name;
  const fill = (s: string) => s.replaceAll("{city}", city.name).replaceAll("{place}", place);
  const [first, ...rest] = t.problems;
  const problems = [first ?? "", ...rng.sample(rest, rng.int(0, rest.length))].map(fill).join("");
  const proposals = rng.sample(t.proposals, Math.min(t.proposals.length, rng.int(1, 4)))
    .map((p, i) => `${NUMERALS[i]}是${fill(p)}`).join("；");
  return { title: `关于${fill(t.subject)}的建议`, body: `${problems}\n建议：${proposals}。` };
}

function sentences(text: string): string[] {
  return text.split(/(?<=[。！？])/u).filter((s) => s.length > 0);
}

/** Two evaluation texts cut into sentences and interleaved: new wording on known subjects. */
function evalText(rng: Rng): SuggestionText {
  const a = rng.pick(EVAL);
  const b = rng.pick(EVAL);
  const mixed = [...rng.sample(sentences(a.body), rng.int(1, 3)), ...rng.sample(sentences(b.body), rng.int(0, 2))];
  return { title: rng.chance(0.5) ? a.title : b.title, body: mixed.join("") };
}

function realisticText(rng: Rng): SuggestionText {
  return rng.chance(0.7) ? templateText(rng) : evalText(rng);
}

async function reset(db: Db): Promise<void> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

async function fill(db: Db, rng: Rng): Promise<{ postings: number }> {
  await seedDemoData(db, { historicalSuggestions: 0 });
  const categories = (await db.category.findMany({ select: { id: true } })).map((c) => c.id);
  const regions = (await db.region.findMany({ where: { level: "COUNTY" }, select: { id: true } })).map((r) => r.id);
  // The rows the signatures belong to; their own text does not matter to the look-up, so PostgreSQL makes them.
  await db.$executeRaw`
    INSERT INTO "Suggestion" ("trackingCode", kind, title, problem, proposal, "categoryId", "regionId", status,
                              "submittedAt", "screeningDueAt", "routingState")
    SELECT 'BENCH-' || g, 'EVERYDAY', '基准测试建议' || g, '', '',
           (${categories}::int[])[1 + g % cardinality(${categories}::int[])],
           (${regions}::int[])[1 + g % cardinality(${regions}::int[])],
           (CASE WHEN g % 10 < 6 THEN 'CLOSED' WHEN g % 10 < 8 THEN 'REPLIED' ELSE 'IN_HANDLING' END)::"SuggestionStatus",
           now() - (g % 365) * interval '1 day', now(), 'ROUTED'
      FROM generate_series(1, ${COUNT}) g`;
  const ids = (await db.suggestion.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id);

  let postings = 0;
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH).map((id) => ({ id, signature: computeSignature(realisticText(rng)) }));
    const sigIds = batch.map((b) => b.id);
    // Arrays of arrays do not bind as parameters: terms and weights travel as JSON and are unpacked by PostgreSQL.
    const terms = JSON.stringify(batch.map((b) => b.signature.terms));
    const weights = JSON.stringify(batch.map((b) => b.signature.weights));
    await db.$executeRaw`
      INSERT INTO "SimilaritySignature" ("suggestionId", version, "textHash", terms, weights)
      SELECT id, ${SIGNATURE_VERSION}, 'bench',
             ARRAY(SELECT jsonb_array_elements_text(t)), ARRAY(SELECT jsonb_array_elements_text(w)::real)
        FROM unnest(${sigIds}::int[]) WITH ORDINALITY AS i(id, n)
        JOIN jsonb_array_elements(${terms}::jsonb) WITH ORDINALITY AS tt(t, n) USING (n)
        JOIN jsonb_array_elements(${weights}::jsonb) WITH ORDINALITY AS ww(w, n) USING (n)`;
    const pTerms = batch.flatMap((b) => b.signature.terms);
    const pIds = batch.flatMap((b) => b.signature.terms.map(() => b.id));
    const pWeights = batch.flatMap((b) => b.signature.weights);
    await db.$executeRaw`
      INSERT INTO "SimilarityPosting" (term, "suggestionId", weight)
      SELECT * FROM unnest(${pTerms}::text[], ${pIds}::int[], ${pWeights}::real[])`;
    postings += pTerms.length;
    if ((start / BATCH) % 10 === 0) process.stdout.write(`\r  ${start + batch.length} / ${ids.length} signatures`);
  }
  process.stdout.write("\n");
  await db.$executeRawUnsafe(`VACUUM ANALYZE "SimilarityPosting"`);
  await db.$executeRawUnsafe(`ANALYZE "SimilaritySignature"`);
  await db.$executeRawUnsafe(`ANALYZE "Suggestion"`);
  return { postings };
}

/** Top 5 by exact cosine over complete posting lists, at the threshold. */
async function exactLookup(db: Db, q: { terms: string[]; weights: number[] }): Promise<{ suggestionId: number; score: number }[]> {
  const rows = await db.$queryRaw<{ suggestionId: number; score: number }[]>`
    SELECT p."suggestionId", SUM(p.weight * q.weight)::float8 AS score
      FROM unnest(${q.terms}::text[], ${q.weights}::float8[]) AS q(term, weight)
      JOIN "SimilarityPosting" p ON p.term = q.term
     GROUP BY p."suggestionId"
    HAVING SUM(p.weight * q.weight) >= ${SIMILAR_THRESHOLD}
     ORDER BY SUM(p.weight * q.weight) DESC, p."suggestionId" DESC
     LIMIT 5`;
  return rows.map((r) => ({ suggestionId: Number(r.suggestionId), score: Number(r.score) }));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  await ensureDatabase(URL);
  await migrateDeploy(URL);
  const db = createDb(URL, 4);
  const rng = createRng(20261130);
  try {
    let started = performance.now();
    let postings = await db.similarityPosting.count();
    if (!REUSE || (await db.similaritySignature.count()) !== COUNT) {
      await reset(db);
      ({ postings } = await fill(db, rng));
    } else {
      for (let i = 0; i < COUNT; i += BATCH) realisticText(rng); // the queries below stay the same as in a full run
    }
    const size = await db.$queryRaw<{ size: string }[]>`SELECT pg_size_pretty(pg_total_relation_size('"SimilarityPosting"')) AS size`;
    console.log(`data: ${COUNT} signatures, ${postings} postings (${size[0]?.size}), built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const similarity = createSimilarityService({ db, now: () => new Date() });
    const queries = Array.from({ length: LOOKUPS }, () => realisticText(rng));
    for (const q of queries.slice(0, 10)) await similarity.findSimilarToText(q); // warm the cache and the plan

    const total: number[] = [];
    const signing: number[] = [];
    let found = 0;
    for (const q of queries) {
      started = performance.now();
      computeSignature(q);
      signing.push(performance.now() - started);
      started = performance.now();
      found += (await similarity.findSimilarToText(q, { limit: 5 })).length;
      total.push(performance.now() - started);
    }
    total.sort((a, b) => a - b);
    signing.sort((a, b) => a - b);

    // Baseline: the exact inverted-index query, reading every posting of every query term.
    const baseline: number[] = [];
    let asGood = 0;
    let exactResults = 0;
    let sameIds = 0;
    let exactTop = 0;
    let boundedTop = 0;
    for (const q of queries.slice(0, BASELINE_LOOKUPS)) {
      const signature = computeSignature(q);
      started = performance.now();
      const exact = await exactLookup(db, signature);
      baseline.push(performance.now() - started);
      const bounded = await similarity.findSimilarToText(q, { limit: 5 });
      const boundedIds = new Set(bounded.map((r) => r.suggestionId));
      exactResults += exact.length;
      exactTop += exact[0]?.score ?? 0;
      boundedTop += bounded[0]?.score ?? 0;
      exact.forEach((e, rank) => {
        if ((bounded[rank]?.score ?? 0) >= e.score - 0.005) asGood += 1;
        if (boundedIds.has(e.suggestionId)) sameIds += 1;
      });
    }
    baseline.sort((a, b) => a - b);

    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`\n${LOOKUPS} look-ups of new suggestions (threshold ${SIMILAR_THRESHOLD}, up to 5 results; ${(found / LOOKUPS).toFixed(1)} found on average)`);
    console.log(`  signature + query   p50 ${ms(percentile(total, 50))}   p95 ${ms(percentile(total, 95))}   max ${ms(total[total.length - 1] ?? NaN)}   (target < 50 ms)`);
    console.log(`  of which signature  p50 ${ms(percentile(signing, 50))}   p95 ${ms(percentile(signing, 95))}`);
    console.log(`  exact baseline      p50 ${ms(percentile(baseline, 50))}   p95 ${ms(percentile(baseline, 95))}   (${BASELINE_LOOKUPS} look-ups reading every posting, query only)`);
    console.log(`  baseline / bounded  ${(percentile(baseline, 50) / percentile(total, 50)).toFixed(1)}x at p50`);
    console.log(`  best match          mean score ${(boundedTop / BASELINE_LOOKUPS).toFixed(3)} bounded vs ${(exactTop / BASELINE_LOOKUPS).toFixed(3)} exact`);
    console.log(`  quality             ${asGood} of the baseline's ${exactResults} top-5 results matched rank by rank by a bounded result scoring as high (${((100 * asGood) / Math.max(1, exactResults)).toFixed(1)}%); ${sameIds} are the very same suggestions`);

    const q = computeSignature(queries[0] ?? { title: "", body: "" });
    const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`
      EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
      SELECT p."suggestionId", SUM(q.weight * p.weight)
        FROM unnest(${q.terms}::text[], ${q.weights}::float8[]) WITH ORDINALITY AS q(term, weight, rank)
        CROSS JOIN LATERAL (SELECT "suggestionId", weight FROM "SimilarityPosting" WHERE term = q.term ORDER BY weight DESC
                             LIMIT CASE WHEN q.rank <= ${STRONG_TERMS}::int THEN ${POSTINGS_PER_STRONG_TERM}::int
                                        ELSE ${POSTINGS_PER_TERM}::int END) p
       GROUP BY p."suggestionId" ORDER BY 2 DESC LIMIT ${CANDIDATES}`);
    console.log(`\nplan of one look-up's first pass:\n${plan.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
  } finally {
    await db.$disconnect();
  }
}

await main();
