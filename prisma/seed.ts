// Demo data: Liaoning's regions, the provincial departments, categories, routing rules, three themed rounds,
// demo accounts and a few hundred historical suggestions with their whole handling history.
// Run directly (`tsx prisma/seed.ts`) or call seedDemoData() from the start-up script and tests.
// The data lives in prisma/seed-data/; this file only writes it, in a few batched inserts.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { hash } from "@node-rs/argon2";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../src/generated/prisma/client.ts";
import { CATEGORIES } from "./seed-data/categories.ts";
import { DEPARTMENTS, type DepartmentCode } from "./seed-data/departments.ts";
import { planHistory, type PlannedSuggestion } from "./seed-data/history.ts";
import { createRng } from "./seed-data/prng.ts";
import { CITIES, PROVINCE } from "./seed-data/regions.ts";
import { roundSeeds } from "./seed-data/rounds.ts";
import { RULES } from "./seed-data/rules.ts";
import { DEMO_ACCOUNTS } from "./seed-data/users.ts";

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from "./seed-data/users.ts";

export interface SeedOptions {
  /** How many past suggestions to create (default 300). */
  historicalSuggestions?: number;
  /** The moment the history leads up to (default: the current time). */
  now?: Date;
}

const PRNG_SEED = 20260101;
/** Serialises concurrent seeders (two app instances starting at once): the second waits, then finds data. */
const ADVISORY_LOCK_KEY = 7_261_830_114;
const CHUNK = 500;

type Tx = Prisma.TransactionClient;

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

function lookup<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`seed: unknown ${what} ${String(key)}`);
  return value;
}

/**
 * Fills an empty database with demo data. Does nothing when any department exists, so it is safe to call on
 * every start. Everything is written in one transaction: a failed seed leaves the database empty, not half full.
 */
export async function seedDemoData(prisma: PrismaClient, options: SeedOptions = {}): Promise<void> {
  if ((await prisma.department.count()) > 0) return;

  const now = options.now ?? new Date();
  const rounds = roundSeeds(now);
  const plan = planHistory({ now, count: options.historicalSuggestions ?? 300, rng: createRng(PRNG_SEED), rounds });
  const passwordHashes = await Promise.all(DEMO_ACCOUNTS.map((account) => hash(account.password)));

  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
    if ((await tx.department.count()) > 0) return;

    const regionIds = await seedRegions(tx);
    const provinceId = lookup(regionIds, PROVINCE.code, "region");

    const departments = await tx.department.createManyAndReturn({
      data: DEPARTMENTS.map((d) => ({
        code: d.code, name: d.name, nameEn: d.nameEn, email: d.email, headEmail: d.headEmail, regionId: provinceId,
      })),
      select: { id: true, code: true },
    });
    const departmentIds = new Map(departments.map((d) => [d.code as DepartmentCode, d.id]));
    const dept = (code: DepartmentCode) => lookup(departmentIds, code, "department");
    const optionalDept = (code: DepartmentCode | null) => (code === null ? null : dept(code));

    const categories = await tx.category.createManyAndReturn({ data: [...CATEGORIES], select: { id: true, code: true } });
    const categoryIds = new Map(categories.map((c) => [c.code, c.id]));

    const users = await tx.user.createManyAndReturn({
      data: DEMO_ACCOUNTS.map((a, i) => ({
        email: a.email, name: a.name, role: a.role, isHead: a.isHead, passwordHash: passwordHashes[i] ?? "",
        departmentId: optionalDept(a.departmentCode),
      })),
      select: { id: true, email: true },
    });
    const userIds = new Map(users.map((u) => [u.email, u.id]));
    const user = (email: string) => lookup(userIds, email, "user");
    const optionalUser = (email: string | null) => (email === null ? null : user(email));

    const roundIds = new Map<string, number>();
    const topicIds = new Map<string, number>();
    for (const round of rounds) {
      const created = await tx.collectionRound.create({
        data: {
          code: round.code, title: round.title, titleEn: round.titleEn, body: round.body, bodyEn: round.bodyEn,
          status: round.status, opensAt: round.opensAt, closesAt: round.closesAt, createdAt: round.createdAt,
          openedAt: round.status === "OPEN" || round.status === "CLOSED" ? round.opensAt : null,
          closedAt: round.status === "CLOSED" ? round.closesAt : null,
          publishAdopted: round.publishAdopted ?? false,
          ...(round.results
            ? { resultsSummary: round.results.zh, resultsSummaryEn: round.results.en, resultsPublishedAt: new Date(round.closesAt.getTime() + 7 * 86_400_000) }
            : {}),
          ownerDepartmentId: dept(round.owner),
          topics: { create: round.topics.map((t, i) => ({ title: t.title, titleEn: t.titleEn, sortOrder: i + 1 })) },
        },
        select: { id: true, topics: { select: { id: true, sortOrder: true } } },
      });
      roundIds.set(round.code, created.id);
      for (const topic of created.topics) topicIds.set(`${round.code}/${topic.sortOrder - 1}`, topic.id);
    }

    const rules = await tx.routingRule.createManyAndReturn({
      data: RULES.map((r) => ({
        name: r.name, priority: r.priority, active: r.active ?? true,
        roundId: r.round ? lookup(roundIds, r.round, "round") : null,
        categoryId: r.category ? lookup(categoryIds, r.category, "category") : null,
        regionId: r.regionCode ? lookup(regionIds, r.regionCode, "region") : null,
        keywords: [...(r.keywords ?? [])],
        departmentId: dept(r.department),
      })),
      select: { id: true, name: true },
    });
    const ruleIds = new Map(rules.map((r) => [r.name, r.id]));

    // Suggestions, then everything that hangs off them.
    const suggestionIds = new Map<string, number>();
    await inChunks(plan.suggestions, async (chunk) => {
      const rows = await tx.suggestion.createManyAndReturn({
        data: chunk.map((s): Prisma.SuggestionCreateManyInput => ({
          trackingCode: s.trackingCode, kind: s.kind,
          roundId: s.round ? lookup(roundIds, s.round, "round") : null,
          topicId: s.round !== null && s.topic !== null ? lookup(topicIds, `${s.round}/${s.topic}`, "topic") : null,
          title: s.title, problem: s.problem, proposal: s.proposal,
          categoryId: lookup(categoryIds, s.category, "category"),
          regionId: lookup(regionIds, s.regionCode, "region"),
          status: s.status, important: s.important, submittedAt: s.submittedAt,
          screeningDueAt: s.screeningDueAt, replyDueAt: s.replyDueAt,
          routingState: s.routingState, routedAt: s.routedAt,
          proposedDepartmentId: optionalDept(s.proposedDepartment),
          routingReason: routingReason(s, ruleIds),
          leadDepartmentId: optionalDept(s.leadDepartment),
          notAcceptedReason: s.notAcceptedReason,
        })),
        select: { id: true, trackingCode: true },
      });
      for (const row of rows) suggestionIds.set(row.trackingCode, row.id);
    });
    const sid = (s: PlannedSuggestion) => lookup(suggestionIds, s.trackingCode, "suggestion");

    for (const s of plan.suggestions) {
      if (s.mergedInto) await tx.suggestion.update({ where: { id: sid(s) }, data: { mergedIntoId: sid(s.mergedInto) } });
    }

    await inChunks(plan.suggestions, (chunk) => tx.submitter.createMany({
      data: chunk.map((s) => ({ suggestionId: sid(s), ...s.submitter, createdAt: s.submittedAt })),
    }));
    await inChunks(plan.suggestions.flatMap((s) => s.assignments.map((a) => ({ s, a }))), (chunk) => tx.assignment.createMany({
      data: chunk.map(({ s, a }) => ({
        suggestionId: sid(s), departmentId: dept(a.department), role: a.role, status: a.status,
        assignedAt: a.assignedAt, dueAt: a.dueAt, acceptedAt: a.acceptedAt, returnReason: a.returnReason,
      })),
    }));
    await inChunks(plan.suggestions.flatMap((s) => s.events.map((e) => ({ s, e }))), (chunk) => tx.handlingEvent.createMany({
      data: chunk.map(({ s, e }) => ({
        suggestionId: sid(s), type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus,
        actorId: optionalUser(e.actor), departmentId: optionalDept(e.department), note: e.note.note, noteEn: e.note.noteEn,
        internal: e.internal, createdAt: e.at,
      })),
    }));
    await inChunks(plan.suggestions.flatMap((s) => s.replies.map((r) => ({ s, r }))), (chunk) => tx.reply.createMany({
      data: chunk.map(({ s, r }) => ({
        suggestionId: sid(s), departmentId: dept(r.department), authorId: user(r.author), isLead: r.isLead,
        body: r.body, adoption: r.adoption, explanation: r.explanation, createdAt: r.at,
      })),
    }));
    await inChunks(plan.suggestions.flatMap((s) => s.extensions.map((x) => ({ s, x }))), (chunk) => tx.extensionRequest.createMany({
      data: chunk.map(({ s, x }) => ({
        suggestionId: sid(s), departmentId: dept(x.department), requestedBy: user(x.requestedBy),
        workingDays: x.workingDays, reason: x.reason, status: x.status, decidedBy: optionalUser(x.decidedBy),
        decisionNote: x.decisionNote, createdAt: x.createdAt, decidedAt: x.decidedAt,
      })),
    }));
    await inChunks(plan.suggestions.filter((s) => s.rating !== null), (chunk) => tx.rating.createMany({
      data: chunk.flatMap((s) => (s.rating ? [{
        suggestionId: sid(s), score: s.rating.score, comment: s.rating.comment, createdAt: s.rating.at,
      }] : [])),
    }));

    for (const m of plan.measures) {
      await tx.policyMeasure.create({
        data: {
          type: m.type, title: m.title, docNumber: m.docNumber, issuingBody: m.issuingBody, issuedOn: m.issuedOn,
          url: m.url, createdBy: user(m.createdBy), createdAt: m.createdAt,
          links: { create: m.suggestions.map((s) => ({ suggestionId: sid(s), linkedAt: m.linkedAt })) },
        },
      });
    }
  }, { maxWait: 30_000, timeout: 120_000 });
}

async function seedRegions(tx: Tx): Promise<Map<string, number>> {
  const province = await tx.region.create({
    data: { code: PROVINCE.code, name: PROVINCE.name, nameEn: PROVINCE.nameEn, level: "PROVINCE" },
    select: { id: true },
  });
  const cities = await tx.region.createManyAndReturn({
    data: CITIES.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, level: "CITY" as const, parentId: province.id })),
    select: { id: true, code: true },
  });
  const ids = new Map<string, number>([[PROVINCE.code, province.id], ...cities.map((c) => [c.code, c.id] as const)]);
  const counties = await tx.region.createManyAndReturn({
    data: CITIES.flatMap((c) => c.counties.map((k) => ({
      code: k.code, name: k.name, nameEn: k.nameEn, level: "COUNTY" as const, parentId: lookup(ids, c.code, "city"),
    }))),
    select: { id: true, code: true },
  });
  for (const county of counties) ids.set(county.code, county.id);
  return ids;
}

/** Which rule routed the suggestion and why, as JSON; the UI words it in the reader's language. */
function routingReason(s: PlannedSuggestion, ruleIds: ReadonlyMap<string, number>): string | null {
  if (!s.routing) return null;
  const rule = RULES[s.routing.ruleIndex];
  if (!rule) return null;
  return JSON.stringify({ ruleId: lookup(ruleIds, rule.name, "rule"), ruleName: rule.name, ...s.routing.reason });
}

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  const started = performance.now();
  try {
    const before = await prisma.department.count();
    await seedDemoData(prisma);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (before > 0) {
      console.log("Seed: the database already has departments; nothing to do.");
    } else {
      const count = await prisma.suggestion.count();
      console.log(`Seed: demo data written (${count} suggestions) in ${seconds} s.`);
      console.log(`Demo accounts (password ${DEMO_ACCOUNTS[0]?.password ?? ""}): ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`);
    }
  } finally {
    await prisma.$disconnect();
  }
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(path.resolve(invokedPath)).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
