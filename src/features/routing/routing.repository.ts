// Reads and writes of the routing step: one statement each on the hot path (see bench/PROFILE.md). Every function
// takes the root client or a transaction client.
import { sql, type DbClient } from "../../platform/db.ts";
import type { RoutingState, SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { EventNote } from "../lifecycle/index.ts";
import { EMAILS_CHANNEL, emailNoticePayloadSql, type EmailDraft } from "../notifications/index.ts";
import type { RuleInput } from "./rule-matcher.ts";

export interface SuggestionToRoute {
  id: number;
  trackingCode: string;
  /** The private tracking link's secret, for the citizen's "accepted" email. */
  trackToken: string;
  title: string;
  problem: string;
  proposal: string;
  /** The language the citizen wrote in: their emails are in it. */
  locale: string;
  status: SuggestionStatus;
  routingState: RoutingState;
  roundId: number | null;
  categoryId: number;
  regionId: number;
  category: { code: string; name: string; nameEn: string };
  round: { title: string; titleEn: string; ownerDepartmentId: number; ownerActive: boolean } | null;
}

export interface RegionInPath {
  id: number;
  name: string;
  nameEn: string;
}

export interface DepartmentToNotify {
  id: number;
  name: string;
  nameEn: string;
  email: string;
  active: boolean;
}

/** Everything one routing decision reads, fetched together (see loadRoutingContext). */
export interface RoutingContext {
  suggestion: SuggestionToRoute;
  rules: RuleInput[];
  /** The suggestion's region and its ancestors, province first. */
  regionPath: RegionInPath[];
  /** The departments a decision can name: those of the active rules and the round's owner. */
  departments: Map<number, DepartmentToNotify>;
}

/**
 * The suggestion (with its category and round), the active rules, its region path and the departments the rules
 * can name (leads and assisting ones), in ONE statement: each was its own query before (six round trips, and six times Prisma's per-query
 * CPU, the worker's largest cost). Read fresh on every job, so an administrator's rule edit applies to the next
 * suggestion, in every worker process, without a cache to invalidate. Deliberately no submitter: routing never
 * needs personal data, so it never loads it.
 */
export async function loadRoutingContext(db: DbClient, id: number): Promise<RoutingContext | null> {
  const rows = await sql<{
    suggestion: SuggestionToRoute;
    rules: RuleInput[];
    regionPath: RegionInPath[];
    departments: DepartmentToNotify[];
  }>(
    db,
    `WITH RECURSIVE s AS (
       SELECT s.id, s."trackingCode", s."trackToken", s.title, s.problem, s.proposal, s.locale, s.status, s."routingState", s."roundId", s."categoryId",
              s."regionId", json_build_object('code', c.code, 'name', c.name, 'nameEn', c."nameEn") AS category,
              CASE WHEN r.id IS NULL THEN NULL
                   ELSE json_build_object('title', r.title, 'titleEn', r."titleEn", 'ownerDepartmentId', r."ownerDepartmentId",
                                          'ownerActive', o.active) END AS round,
              r."ownerDepartmentId"
       FROM "Suggestion" s JOIN "Category" c ON c.id = s."categoryId" LEFT JOIN "CollectionRound" r ON r.id = s."roundId"
            LEFT JOIN "Department" o ON o.id = r."ownerDepartmentId"
       WHERE s.id = $1
     ), path AS (
       SELECT g.id, g.name, g."nameEn", g."parentId", 0 AS depth FROM "Region" g JOIN s ON g.id = s."regionId"
       UNION ALL
       SELECT g.id, g.name, g."nameEn", g."parentId", p.depth + 1 FROM "Region" g JOIN path p ON g.id = p."parentId" WHERE p.depth < 10
     ), rules AS (
       -- A rule whose department was deactivated routes nothing: the next matching rule, or the coordinators, decide.
       SELECT u.id, u.name, u.priority, u."roundId", u."categoryId", u."regionId", u.keywords, u."departmentId", u."assistDepartmentIds"
       FROM "RoutingRule" u JOIN "Department" d ON d.id = u."departmentId" WHERE u.active AND d.active
     )
     SELECT (SELECT row_to_json(s) FROM s) AS suggestion,
            (SELECT coalesce(json_agg(rules ORDER BY id), '[]') FROM rules) AS rules,
            (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'nameEn', "nameEn") ORDER BY depth DESC), '[]') FROM path) AS "regionPath",
            (SELECT coalesce(json_agg(json_build_object('id', d.id, 'name', d.name, 'nameEn', d."nameEn", 'email', d.email, 'active', d.active)), '[]')
             FROM "Department" d
             WHERE d.id IN (SELECT "departmentId" FROM rules UNION ALL SELECT unnest("assistDepartmentIds") FROM rules
                            UNION ALL SELECT "ownerDepartmentId" FROM s)) AS departments`,
    [id],
  );
  const row = rows[0];
  if (!row?.suggestion) return null;
  const { ownerDepartmentId: _owner, ...suggestion } = row.suggestion as SuggestionToRoute & { ownerDepartmentId?: number };
  return {
    suggestion,
    rules: row.rules,
    regionPath: row.regionPath,
    departments: new Map(row.departments.map((d) => [d.id, d])),
  };
}

// The administrators' "try it" box (rules.service.ts) reads the rules and a region path with these; the router reads
// them inside loadRoutingContext's one statement, with the same filters.
export async function findActiveRules(db: DbClient): Promise<RuleInput[]> {
  return db.routingRule.findMany({
    // A rule whose department was deactivated routes nothing: the next matching rule, or the coordinators, decide.
    where: { active: true, department: { active: true } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      name: true,
      priority: true,
      roundId: true,
      categoryId: true,
      regionId: true,
      keywords: true,
      departmentId: true,
      assistDepartmentIds: true,
    },
  });
}

/** The region and its ancestors, province first: one round trip whatever the depth. */
export async function findRegionPath(db: DbClient, regionId: number): Promise<RegionInPath[]> {
  const rows = await db.$queryRaw<(RegionInPath & { depth: number })[]>`
    WITH RECURSIVE path AS (
      SELECT id, name, "nameEn", "parentId", 0 AS depth FROM "Region" WHERE id = ${regionId}
      UNION ALL
      SELECT r.id, r.name, r."nameEn", r."parentId", p.depth + 1
      FROM "Region" r JOIN path p ON r.id = p."parentId"
      WHERE p.depth < 10
    )
    SELECT id, name, "nameEn", depth FROM path ORDER BY depth DESC`;
  return rows.map(({ id, name, nameEn }) => ({ id, name, nameEn }));
}

export function findDepartment(db: DbClient, id: number): Promise<DepartmentToNotify | null> {
  return db.department.findUnique({ where: { id }, select: { id: true, name: true, nameEn: true, email: true, active: true } });
}

export interface RoutingRecord {
  routingState: Exclude<RoutingState, "PENDING">;
  routedAt: Date;
  proposedDepartmentId: number | null;
  routingReason: string | null;
}

/**
 * Takes the routing work without changing the status (a coordinator acted first): true only for the one caller
 * that found it still PENDING.
 */
export async function claimRouting(db: DbClient, suggestionId: number, record: RoutingRecord): Promise<boolean> {
  const rows = await sql<{ id: number }>(
    db,
    `UPDATE "Suggestion" SET "routingState" = $2::"RoutingState", "routedAt" = $3::timestamp, "proposedDepartmentId" = $4, "routingReason" = $5
     WHERE id = $1 AND "routingState" = 'PENDING' RETURNING id`,
    [suggestionId, record.routingState, record.routedAt, record.proposedDepartmentId, record.routingReason],
  );
  return rows.length === 1;
}

export interface RoutingCommit {
  suggestionId: number;
  record: RoutingRecord;
  /** The status the claim requires and the status it leaves (the ends of `events`' chain). */
  fromStatus: SuggestionStatus;
  toStatus: SuggestionStatus;
  /** Set with the status when the router assigns. */
  leadDepartmentId: number | null;
  replyDueAt: Date | null;
  /** One per transition, in order (see lifecycle's planTransitions). */
  events: { type: string; fromStatus: SuggestionStatus; toStatus: SuggestionStatus; departmentId: number | null; note: EventNote; internal: boolean }[];
  /**
   * The LEAD and ASSIST assignments and their emails, whose dedupe keys end with a new assignment's id. An email `toSubmitter`
   * goes to the submitter's address, read by the statement (none when they left none; its `to` is ignored).
   */
  assignment: {
    departmentId: number;
    /** ASSIST assignments, each with the lead's deadline; those deactivated by then are left out. */
    assistDepartmentIds: number[];
    dueAt: Date;
    /** `keyDepartmentId` names the assignment whose id ends the email's dedupe key. */
    emails: (Omit<EmailDraft, "dedupeKey"> & { dedupeKeyPrefix: string; keyDepartmentId: number; toSubmitter: boolean })[];
  } | null;
}

export interface RoutingCommitted {
  /** False when the routing was no longer PENDING or the status no longer `fromStatus`: nothing was written. */
  claimed: boolean;
  assignmentId: number | null;
  emailIds: number[];
  /** Whether the statement announced its emails to the outbox relay (it does whenever it wrote any). */
  announced: boolean;
}

/**
 * The router's whole write in ONE statement (data-modifying CTEs run in one implicit transaction, like the
 * submission's): the claim with the status change (conditional on routingState PENDING and on the status the
 * state machine was asked about, so a concurrent run or a coordinator's action makes it write nothing), the
 * handling events, the lead assignment and the department's email in the outbox, announced to the outbox relay on
 * commit. It replaces an interactive transaction of 12 round trips.
 */
export async function commitRouting(db: DbClient, w: RoutingCommit): Promise<RoutingCommitted> {
  const e = w.events;
  const a = w.assignment;
  const m = a?.emails ?? [];
  const rows = await sql<RoutingCommitted>(
    db,
    `WITH claimed AS (
       UPDATE "Suggestion" SET "routingState" = $2::"RoutingState", "routedAt" = $3::timestamp, "proposedDepartmentId" = $4,
              "routingReason" = $5, status = $6::"SuggestionStatus",
              "leadDepartmentId" = coalesce($7::int, "leadDepartmentId"), "replyDueAt" = coalesce($8::timestamp, "replyDueAt")
       WHERE id = $1 AND "routingState" = 'PENDING' AND status = $9::"SuggestionStatus"
       RETURNING id
     ), events AS (
       -- No actorId: the system acted.
       INSERT INTO "HandlingEvent" ("suggestionId", type, "fromStatus", "toStatus", "departmentId", note, "noteEn", internal, "createdAt")
       SELECT claimed.id, ev.type, ev."fromStatus"::"SuggestionStatus", ev."toStatus"::"SuggestionStatus", ev."departmentId",
              ev.note, ev."noteEn", ev.internal, $17::timestamp
       FROM claimed, unnest($10::text[], $11::text[], $12::text[], $13::int[], $14::text[], $15::text[], $16::boolean[])
            WITH ORDINALITY AS ev(type, "fromStatus", "toStatus", "departmentId", note, "noteEn", internal, n)
       ORDER BY ev.n
     ), assignment AS (
       INSERT INTO "Assignment" ("suggestionId", "departmentId", role, status, "assignedAt", "dueAt")
       SELECT claimed.id, a."departmentId", a.role::"AssignmentRole", 'PENDING', $3::timestamp, $19::timestamp
       FROM claimed, unnest($18::int[], $26::text[]) WITH ORDINALITY AS a("departmentId", role, n)
            JOIN "Department" d ON d.id = a."departmentId"
       WHERE a.role = 'LEAD' OR d.active
       ORDER BY a.n
       RETURNING id, "departmentId", role
     ), email AS (
       INSERT INTO "EmailMessage" ("dedupeKey", "toAddress", template, locale, data)
       SELECT m.prefix || asg.id, coalesce(sub.email, m.address), m.template, m.locale, m.data::jsonb
       FROM unnest($20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::boolean[], $27::int[])
                   WITH ORDINALITY AS m(prefix, address, template, locale, data, "toSubmitter", "keyDepartmentId", n)
            JOIN assignment asg ON asg."departmentId" = m."keyDepartmentId"
            LEFT JOIN "Submitter" sub ON m."toSubmitter" AND sub."suggestionId" = $1
       WHERE NOT m."toSubmitter" OR coalesce(sub.email, '') <> ''
       ORDER BY m.n
       ON CONFLICT ("dedupeKey") DO NOTHING
       RETURNING id
     ), notice AS (
       -- The outbox relay queues the emails' jobs when this commits (see notifications' email-notice.ts).
       SELECT pg_notify($28, ${emailNoticePayloadSql("id")}) FROM email HAVING count(*) > 0
     )
     SELECT EXISTS (SELECT 1 FROM claimed) AS claimed, (SELECT id FROM assignment WHERE role = 'LEAD') AS "assignmentId",
            (SELECT coalesce(json_agg(id ORDER BY id), '[]') FROM email) AS "emailIds", EXISTS (SELECT 1 FROM notice) AS announced`,
    [
      w.suggestionId, w.record.routingState, w.record.routedAt, w.record.proposedDepartmentId, w.record.routingReason, w.toStatus,
      w.leadDepartmentId, w.replyDueAt, w.fromStatus,
      e.map((x) => x.type), e.map((x) => x.fromStatus), e.map((x) => x.toStatus), e.map((x) => x.departmentId),
      e.map((x) => x.note.note), e.map((x) => x.note.noteEn), e.map((x) => x.internal),
      // When it happened, by the clock (as Prisma's @default(now()) wrote it); routedAt is the service's clock.
      new Date(),
      a ? [a.departmentId, ...a.assistDepartmentIds] : [], a?.dueAt ?? null,
      m.map((x) => x.dedupeKeyPrefix), m.map((x) => (x.toSubmitter ? null : x.to)), m.map((x) => x.template), m.map((x) => x.locale),
      m.map((x) => JSON.stringify(x.data)), m.map((x) => x.toSubmitter),
      a ? ["LEAD", ...a.assistDepartmentIds.map(() => "ASSIST")] : [], m.map((x) => x.keyDepartmentId),
      EMAILS_CHANNEL,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error("the routing statement returned no row");
  return row;
}

/** Suggestions still waiting for the router, oldest first by id (insertion order), after `afterId` (a keyset page). */
export async function findPendingSuggestionIds(db: DbClient, submittedBefore: Date, limit: number, afterId: number): Promise<number[]> {
  const rows = await db.suggestion.findMany({
    where: { routingState: "PENDING", submittedAt: { lt: submittedBefore }, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function filterPendingSuggestionIds(db: DbClient, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.suggestion.findMany({
    where: { id: { in: ids }, routingState: "PENDING" },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}
