// The similarity index in PostgreSQL: signatures and postings written by the index-suggestion processor, and
// look-ups that score through the posting lists exactly as the in-memory cosine does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UnrecoverableError } from "bullmq";
import type { Container } from "../../../src/container.ts";
import {
  computeSignature, cosine, createSimilarityService, indexedText, POSTINGS_PER_STRONG_TERM, SIGNATURE_VERSION,
  type SimilarityService,
} from "../../../src/features/similarity/index.ts";
import { createIndexSuggestionProcessor } from "../../../workers/processors/index-suggestion.ts";
import { SUGGESTIONS } from "../../fixtures/similarity/pairs.ts";
import { insertSuggestion } from "../../support/suggestions.ts";
import { createTestContainer, resetAndSeed, resetSuggestions } from "../../support/harness.ts";

let c: Container;
let similarity: SimilarityService;
let indexJob: ReturnType<typeof createIndexSuggestionProcessor>;

/** Inserts an evaluation text as a suggestion (body as the problem) and indexes it. */
async function stored(key: string, extra: { submittedAt?: Date } = {}): Promise<number> {
  const text = SUGGESTIONS[key];
  if (!text) throw new Error(key);
  const { id } = await insertSuggestion(c.db, { title: text.title, problem: text.body, proposal: "", ...extra });
  await indexJob({ data: { suggestionId: id } });
  return id;
}

beforeAll(async () => {
  // Loads jieba's dictionary and IDF table once, outside the tests' timeouts (seconds on a busy machine).
  computeSignature(SUGGESTIONS["heating.a"]!);
  c = createTestContainer();
  similarity = createSimilarityService(c);
  indexJob = createIndexSuggestionProcessor(c);
  await resetAndSeed(c);
});

afterAll(async () => {
  await c.close();
});

beforeEach(async () => {
  await resetSuggestions(c);
});

describe("index-suggestion", () => {
  it("when a suggestion is indexed, then its signature and one posting per term are stored", async () => {
    const id = await stored("heating.a");
    const row = await c.db.similaritySignature.findUniqueOrThrow({ where: { suggestionId: id } });
    const s = await c.db.suggestion.findUniqueOrThrow({ where: { id } });
    const expected = computeSignature(indexedText(s));
    expect(row.version).toBe(SIGNATURE_VERSION);
    expect(row.terms).toEqual(expected.terms);
    const postings = await c.db.similarityPosting.findMany({ where: { suggestionId: id } });
    expect(postings.map((p) => p.term).sort()).toEqual([...expected.terms].sort());
  });

  it("when the job runs again on unchanged text, then it is skipped; when the text changed, the postings are replaced", async () => {
    const id = await stored("heating.a");
    expect(await indexJob({ data: { suggestionId: id } })).toBe("unchanged");

    await c.db.suggestion.update({ where: { id }, data: { title: SUGGESTIONS["library.a"]!.title, problem: SUGGESTIONS["library.a"]!.body } });
    expect(await indexJob({ data: { suggestionId: id } })).toBe("indexed");
    const terms = (await c.db.similarityPosting.findMany({ where: { suggestionId: id } })).map((p) => p.term);
    expect(terms).toContain("图书馆");
    expect(terms).not.toContain("供暖费");
  });

  it("when a stored signature has an older version, then the job rebuilds it", async () => {
    const id = await stored("heating.a");
    await c.db.similaritySignature.update({ where: { suggestionId: id }, data: { version: SIGNATURE_VERSION - 1 } });
    expect(await indexJob({ data: { suggestionId: id } })).toBe("indexed");
  });

  it("when the suggestion does not exist or the data is malformed, then the job fails for good", async () => {
    await expect(indexJob({ data: { suggestionId: 999_999 } })).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(indexJob({ data: { suggestionId: "7" } })).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it("when two jobs index the same suggestion at once, then one signature and one set of postings remain", async () => {
    const { id } = await insertSuggestion(c.db, { title: SUGGESTIONS["parking.a"]!.title, problem: SUGGESTIONS["parking.a"]!.body });
    await Promise.all([indexJob({ data: { suggestionId: id } }), indexJob({ data: { suggestionId: id } })]);
    const expected = computeSignature(indexedText(await c.db.suggestion.findUniqueOrThrow({ where: { id } })));
    expect(await c.db.similarityPosting.count({ where: { suggestionId: id } })).toBe(expected.terms.length);
  });
});

describe("similar-suggestion look-up", () => {
  it("when a draft is compared, then the stored duplicate and near-duplicate come back, best first, with the in-memory score", async () => {
    const ids = {
      duplicate: await stored("heating.b"),
      near: await stored("heating.c"),
      sameTopic: await stored("heating.d"),
      unrelated: await stored("library.a"),
    };
    const draft = SUGGESTIONS["heating.a"]!;
    const found = await similarity.findSimilarToText(draft);
    expect(found.map((f) => f.suggestionId)).toEqual([ids.duplicate, ids.near]);
    const expected = cosine(computeSignature(draft), computeSignature({ title: SUGGESTIONS["heating.b"]!.title, body: `${SUGGESTIONS["heating.b"]!.body}\n` }));
    expect(found[0]!.score).toBeCloseTo(expected, 5);
  });

  it("when a lower minimum score is asked for, then suggestions on the same topic come back too, but never the unrelated", async () => {
    const sameTopic = await stored("heating.d");
    const unrelated = await stored("library.a");
    const found = (await similarity.findSimilarToText(SUGGESTIONS["heating.a"]!, { minScore: 0.05 })).map((f) => f.suggestionId);
    expect(found).toContain(sameTopic);
    expect(found).not.toContain(unrelated);
  });

  it("when a stored suggestion is looked up, then it does not find itself", async () => {
    const own = await stored("elevator.a");
    const duplicate = await stored("elevator.b");
    const found = await similarity.findSimilarToSuggestion(own);
    expect(found.map((f) => f.suggestionId)).toEqual([duplicate]);
  });

  it("when statuses and a date are given, then only suggestions in those statuses submitted since then come back", async () => {
    const old = await stored("bus-late.b", { submittedAt: new Date("2025-01-10T02:00:00Z") });
    const recent = await stored("bus-late.c");
    await c.db.suggestion.update({ where: { id: recent }, data: { status: "SCREENING" } });
    const draft = SUGGESTIONS["bus-late.a"]!;
    expect((await similarity.findSimilarToText(draft)).map((f) => f.suggestionId).sort()).toEqual([old, recent].sort());
    expect((await similarity.findSimilarToText(draft, { statuses: ["SCREENING"] })).map((f) => f.suggestionId)).toEqual([recent]);
    expect((await similarity.findSimilarToText(draft, { submittedAfter: new Date("2026-01-01T00:00:00Z") })).map((f) => f.suggestionId)).toEqual([recent]);
    expect(await similarity.findSimilarToText(draft, { statuses: ["CLOSED"] })).toEqual([]);
  });

  it("when more suggestions match than the limit, then only the best ones come back", async () => {
    for (const key of ["snow.a", "snow.b", "snow.c"]) await stored(key);
    expect(await similarity.findSimilarToText(SUGGESTIONS["snow.a"]!, { limit: 2 })).toHaveLength(2);
  });

  it("when a suggestion is deleted, then its signature and postings go with it", async () => {
    const id = await stored("dogs.a");
    await c.db.suggestion.delete({ where: { id } });
    expect(await c.db.similarityPosting.count({ where: { suggestionId: id } })).toBe(0);
    expect(await similarity.findSimilarToText(SUGGESTIONS["dogs.b"]!)).toEqual([]);
  });

  it("when a word is shared by more suggestions than a look-up reads per word, then the duplicate is still found first", async () => {
    // Many copies of one suggestion about bus stops, all sharing 公交 with the draft, written straight in SQL.
    const filler = computeSignature(indexedText({ title: SUGGESTIONS["bus-late.d"]!.title, problem: SUGGESTIONS["bus-late.d"]!.body, proposal: "" }));
    const copies = POSTINGS_PER_STRONG_TERM + 50;
    const { id: template } = await insertSuggestion(c.db, { title: "候车亭", problem: "候车亭", proposal: "" });
    await c.db.$executeRaw`
      INSERT INTO "Suggestion" ("trackingCode", kind, title, problem, proposal, "categoryId", "regionId", status,
                                "submittedAt", "screeningDueAt", "routingState")
      SELECT 'COPY-' || g, kind, title, problem, proposal, "categoryId", "regionId", status, "submittedAt",
             "screeningDueAt", "routingState"
        FROM "Suggestion", generate_series(1, ${copies}) g WHERE id = ${template}`;
    await c.db.$executeRaw`
      INSERT INTO "SimilaritySignature" ("suggestionId", version, "textHash", terms, weights)
      SELECT id, ${SIGNATURE_VERSION}, 'copy', ${filler.terms}::text[], ${filler.weights}::real[]
        FROM "Suggestion" WHERE "trackingCode" LIKE 'COPY-%'`;
    await c.db.$executeRaw`
      INSERT INTO "SimilarityPosting" ("suggestionId", term, weight)
      SELECT s.id, t.term, t.weight FROM "Suggestion" s,
             unnest(${filler.terms}::text[], ${filler.weights}::real[]) AS t(term, weight)
       WHERE s."trackingCode" LIKE 'COPY-%'`;
    expect(await c.db.similarityPosting.count({ where: { term: "公交" } })).toBeGreaterThan(POSTINGS_PER_STRONG_TERM);

    const duplicate = await stored("bus-late.b");
    const found = await similarity.findSimilarToText(SUGGESTIONS["bus-late.a"]!);
    expect(found[0]?.suggestionId).toBe(duplicate);
  });
});
