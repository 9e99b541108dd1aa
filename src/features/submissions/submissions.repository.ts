// Reads and writes for the submission path. The write is one SQL statement: one round trip to PostgreSQL for the
// whole submission. Like every repository: functions taking the root client or a transaction client first.
import { sql, type DbClient } from "../../platform/db.ts";
import type { SuggestionKind } from "../../generated/prisma/enums.ts";
import { EVENT_TYPE } from "../lifecycle/index.ts";
import type { EmailDraft } from "../notifications/index.ts";
import { noticePayloadSql, SUBMITTED_CHANNEL } from "./submitted-notice.ts";

export interface NamedOption {
  id: number;
  name: string;
  nameEn: string;
}

export interface CityOption extends NamedOption {
  counties: NamedOption[];
}

export interface ReferenceData {
  categories: NamedOption[];
  province: NamedOption | null;
  cities: CityOption[];
  categoryIds: ReadonlySet<number>;
  regionIds: ReadonlySet<number>;
}

export interface NewSuggestion {
  trackingCode: string;
  /** The private tracking link's secret (see the schema). */
  trackToken: string;
  /** The form post's one-time token (submissions.view.ts formTokenOf), or null. */
  formToken: string | null;
  kind: SuggestionKind;
  roundId: number | null;
  topicId: number | null;
  title: string;
  problem: string;
  proposal: string;
  categoryId: number;
  regionId: number;
  locale: string;
  submittedAt: Date;
  screeningDueAt: Date;
  submitter: {
    realName: string;
    phone: string;
    email: string | null;
    consentPublish: boolean;
    hideIdentity: boolean;
  };
  attachments: { storedName: string; originalName: string; mimeType: string; size: number }[];
}

export interface Receipt {
  trackingCode: string;
  trackToken: string;
  title: string;
  kind: SuggestionKind;
  submittedAt: Date;
  screeningDueAt: Date;
  emailGiven: boolean;
  round: { title: string; titleEn: string } | null;
  topic: { title: string; titleEn: string } | null;
  attachmentCount: number;
}

export async function loadReferenceData(client: DbClient): Promise<ReferenceData> {
  const [categories, regions] = await Promise.all([
    client.category.findMany({ where: { active: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, nameEn: true } }),
    client.region.findMany({ orderBy: { code: "asc" }, select: { id: true, name: true, nameEn: true, level: true, parentId: true } }),
  ]);
  const province = regions.find((r) => r.level === "PROVINCE") ?? null;
  const cities: CityOption[] = regions
    .filter((r) => r.level === "CITY")
    .map((c) => ({
      id: c.id,
      name: c.name,
      nameEn: c.nameEn,
      counties: regions.filter((r) => r.parentId === c.id).map((r) => ({ id: r.id, name: r.name, nameEn: r.nameEn })),
    }));
  return {
    categories,
    province: province ? { id: province.id, name: province.name, nameEn: province.nameEn } : null,
    cities,
    categoryIds: new Set(categories.map((c) => c.id)),
    regionIds: new Set(regions.map((r) => r.id)),
  };
}

// Built once: a text assembled per call is a fresh 2 KB string that the statement-name lookup hashes again and that
// the driver compares with the prepared one, on every submission.
const SUBMISSION_SQL = `WITH s AS (
  INSERT INTO "Suggestion" ("trackingCode", "formToken", "trackToken", kind, "roundId", "topicId", title, problem, proposal, "categoryId", "regionId",
                            status, "routingState", locale, "submittedAt", "screeningDueAt")
  VALUES ($1, $29, $30, $2::"SuggestionKind", $3, $4, $5, $6, $7, $8, $9, 'SUBMITTED', 'PENDING', $10, $11::timestamp, $12::timestamp)
  RETURNING id
), submitter AS (
  INSERT INTO "Submitter" ("suggestionId", "realName", phone, email, "consentPublish", "hideIdentity")
  SELECT id, $13, $14, $15, $16::boolean, $17::boolean FROM s
), event AS (
  INSERT INTO "HandlingEvent" ("suggestionId", type, "toStatus", "createdAt")
  SELECT id, $18, 'SUBMITTED', $11::timestamp FROM s
), attachments AS (
  INSERT INTO "Attachment" ("suggestionId", "storedName", "originalName", "mimeType", size)
  SELECT s.id, f."storedName", f."originalName", f."mimeType", f.size
  FROM s, unnest($19::text[], $20::text[], $21::text[], $22::int[]) AS f("storedName", "originalName", "mimeType", size)
), email AS (
  INSERT INTO "EmailMessage" ("dedupeKey", "toAddress", template, locale, data)
  SELECT $23, $24, $25, $26, $27::jsonb
  WHERE $28::boolean
  RETURNING id
), notice AS (
  -- Referenced below: a CTE that writes nothing runs only if the query reads it.
  SELECT pg_notify($31, ${noticePayloadSql("s.id", "(SELECT id FROM email)")}) FROM s
)
SELECT s.id FROM s, notice`;

/**
 * The whole submission as ONE statement (data-modifying CTEs run in one implicit transaction): the suggestion,
 * its submitter, attachments, first event and the acknowledgment email, and the submission notice that wakes the
 * outbox relay on commit (submitted-notice.ts). One round trip and no interactive transaction — the hot path of a
 * themed round's burst (see bench/submit.bench.ts).
 */
export async function insertSubmission(db: DbClient, s: NewSuggestion, email: EmailDraft | null): Promise<{ id: number }> {
  const a = s.attachments;
  // Straight on the `pg` pool (platform/db.ts `sql`): Prisma's client around this one statement cost more CPU
  // than the driver that runs it.
  const rows = await sql<{ id: number }>(
    db,
    SUBMISSION_SQL,
    [
      s.trackingCode, s.kind, s.roundId, s.topicId, s.title, s.problem, s.proposal, s.categoryId, s.regionId, s.locale, s.submittedAt, s.screeningDueAt,
      s.submitter.realName, s.submitter.phone, s.submitter.email, s.submitter.consentPublish, s.submitter.hideIdentity,
      EVENT_TYPE.SUBMITTED,
      a.map((f) => f.storedName), a.map((f) => f.originalName), a.map((f) => f.mimeType), a.map((f) => f.size),
      email?.dedupeKey ?? null, email?.to ?? null, email?.template ?? null, email?.locale ?? null, JSON.stringify(email?.data ?? null),
      email !== null,
      s.formToken,
      s.trackToken,
      SUBMITTED_CHANNEL,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error("the submission insert returned no row");
  return { id: Number(row.id) };
}

/** The suggestion an earlier post of the same form created, if any. */
export async function findByFormToken(client: DbClient, formToken: string): Promise<{ id: number; trackingCode: string; trackToken: string } | null> {
  return client.suggestion.findUnique({ where: { formToken }, select: { id: true, trackingCode: true, trackToken: true } });
}

/**
 * The receipt of the suggestion whose private token this is, if its code is `trackingCode`. Found by the token (a
 * unique index): a made-up cookie costs one index miss whatever the code it names, so the page cannot tell a real
 * code from an unknown one (as POST /track cannot).
 */
export async function findReceipt(client: DbClient, trackingCode: string, trackToken: string): Promise<Receipt | null> {
  const row = await client.suggestion.findUnique({
    where: { trackToken },
    select: {
      trackingCode: true,
      trackToken: true,
      title: true,
      kind: true,
      submittedAt: true,
      screeningDueAt: true,
      submitter: { select: { email: true } },
      round: { select: { title: true, titleEn: true } },
      topic: { select: { title: true, titleEn: true } },
      _count: { select: { attachments: true } },
    },
  });
  if (!row || row.trackingCode !== trackingCode) return null;
  return {
    trackingCode: row.trackingCode,
    trackToken: row.trackToken,
    title: row.title,
    kind: row.kind,
    submittedAt: row.submittedAt,
    screeningDueAt: row.screeningDueAt,
    emailGiven: Boolean(row.submitter?.email),
    round: row.round,
    topic: row.topic,
    attachmentCount: row._count.attachments,
  };
}
