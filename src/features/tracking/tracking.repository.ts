// Reads of the citizen's look-up, on the `pg` pool (see findTracked). Functions taking the root client or a transaction
// client first.
import { dateOf, isoText, sql, type DbClient } from "../../platform/db.ts";
import type { AdoptionResult, NotAcceptedReason, SuggestionKind, SuggestionStatus } from "../../generated/prisma/enums.ts";
import { EVENT_TYPE } from "../lifecycle/index.ts";
import type { MeasureData } from "../measures/index.ts";

export interface TrackedSuggestion {
  trackingCode: string;
  trackToken: string;
  title: string;
  kind: SuggestionKind;
  status: SuggestionStatus;
  submittedAt: Date;
  screeningDueAt: Date;
  replyDueAt: Date | null;
  notAcceptedReason: NotAcceptedReason | null;
  round: { title: string; titleEn: string } | null;
  topic: { title: string; titleEn: string } | null;
  leadDepartment: { name: string; nameEn: string } | null;
  events: {
    type: string;
    toStatus: SuggestionStatus;
    createdAt: Date;
    department: { name: string; nameEn: string } | null;
    /** The note of a decision whose form tells staff that the citizen reads it (see CITIZEN_NOTE_EVENTS), else null. */
    note: { note: string; noteEn: string | null } | null;
  }[];
  /** The office's follow-up notes after a low rating (回访), oldest first: written to the citizen, so shown as typed. */
  followUps: { createdAt: Date; note: string }[];
  reply: {
    adoption: AdoptionResult;
    explanation: string;
    body: string;
    createdAt: Date;
    department: { name: string; nameEn: string };
  } | null;
  measures: MeasureData[];
  /** Set when this suggestion was merged (并案): its answer is the one given to the suggestion it joined. */
  mergedInto: { trackingCode: string } | null;
}

/**
 * The decisions whose note is written for the citizen: the accept form says "建议人可在进度查询页面看到这段文字",
 * the not-accept and refer forms "建议人会在邮件和进度查询页面看到这段文字". Every other note (a merge's, a
 * department's, the system's routing lines) was written for staff and stays off the citizen's page.
 */
export const CITIZEN_NOTE_EVENTS: readonly string[] = [EVENT_TYPE.ACCEPTED, EVENT_TYPE.NOT_ACCEPTED, EVENT_TYPE.REFERRED];

type Named = { name: string; nameEn: string };
type ReplyJson = { adoption: AdoptionResult; explanation: string; body: string; createdAt: string; department: Named };
type MeasureJson = Omit<MeasureData, "issuedOn"> & { issuedOn: string };

interface TrackedRow {
  trackingCode: string;
  trackToken: string;
  title: string;
  kind: SuggestionKind;
  status: SuggestionStatus;
  submittedAt: string;
  screeningDueAt: string;
  replyDueAt: string | null;
  notAcceptedReason: NotAcceptedReason | null;
  round: { title: string; titleEn: string } | null;
  topic: { title: string; titleEn: string } | null;
  leadDepartment: Named | null;
  events: { type: string; toStatus: SuggestionStatus; createdAt: string; department: Named | null; note: string | null; noteEn: string | null }[];
  followUps: { createdAt: string; note: string }[];
  reply: ReplyJson | null;
  measures: MeasureJson[];
  mergedInto: { trackingCode: string; leadDepartment: Named | null; reply: ReplyJson | null; measures: MeasureJson[] } | null;
}

/** The lead department's latest reply to the suggestion `alias`, as json (null when there is none). */
function leadReplyJson(alias: string): string {
  return `(SELECT json_build_object('adoption', rp.adoption, 'explanation', rp.explanation, 'body', rp.body,
              'createdAt', ${isoText('rp."createdAt"')}, 'department', json_build_object('name', d.name, 'nameEn', d."nameEn"))
             FROM "Reply" rp JOIN "Department" d ON d.id = rp."departmentId"
            WHERE rp."suggestionId" = ${alias}.id AND rp."isLead"
            ORDER BY rp."createdAt" DESC, rp.id DESC LIMIT 1)`;
}

/** The policy measures linked to the suggestion `alias`, as a json array in the order they were linked. */
function measuresJson(alias: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('type', pm.type, 'title', pm.title, 'docNumber', pm."docNumber",
              'issuingBody', pm."issuingBody", 'issuedOn', ${isoText('pm."issuedOn"')}, 'url', pm.url)
              ORDER BY l."linkedAt", l."measureId"), '[]'::json)
             FROM "PolicyMeasureLink" l JOIN "PolicyMeasure" pm ON pm.id = l."measureId"
            WHERE l."suggestionId" = ${alias}.id)`;
}

/**
 * The whole page in one statement on the `pg` pool (a citizen's look-up is a public hot path: as one nested Prisma
 * select it cost ~100 ms of CPU per request, mostly Prisma's query compiler). Nested parts come back as json.
 */
const TRACKED_SQL = `
SELECT s."trackingCode", s."trackToken", s.title, s.kind::text AS kind, s.status::text AS status,
       ${isoText('s."submittedAt"')} AS "submittedAt", ${isoText('s."screeningDueAt"')} AS "screeningDueAt",
       ${isoText('s."replyDueAt"')} AS "replyDueAt", s."notAcceptedReason"::text AS "notAcceptedReason",
       CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('title', r.title, 'titleEn', r."titleEn") END AS round,
       CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('title', t.title, 'titleEn', t."titleEn") END AS topic,
       CASE WHEN ld.id IS NULL THEN NULL ELSE json_build_object('name', ld.name, 'nameEn', ld."nameEn") END AS "leadDepartment",
       -- Internal events (notes between offices, reminders) are not the citizen's to read.
       (SELECT coalesce(json_agg(json_build_object('type', e.type, 'toStatus', e."toStatus", 'createdAt', ${isoText('e."createdAt"')},
                 'department', CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('name', d.name, 'nameEn', d."nameEn") END,
                 'note', e.note, 'noteEn', e."noteEn") ORDER BY e."createdAt", e.id), '[]'::json)
          FROM "HandlingEvent" e LEFT JOIN "Department" d ON d.id = e."departmentId"
         WHERE e."suggestionId" = s.id AND NOT e.internal AND e."toStatus" IS NOT NULL) AS events,
       -- No status change, so not in the history above: their own list.
       (SELECT coalesce(json_agg(json_build_object('createdAt', ${isoText('e."createdAt"')}, 'note', e.note) ORDER BY e."createdAt", e.id), '[]'::json)
          FROM "HandlingEvent" e
         WHERE e."suggestionId" = s.id AND NOT e.internal AND e.type = $2 AND e.note IS NOT NULL) AS "followUps",
       ${leadReplyJson("s")} AS reply,
       ${measuresJson("s")} AS measures,
       CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object(
         'trackingCode', m."trackingCode",
         'leadDepartment', CASE WHEN mld.id IS NULL THEN NULL ELSE json_build_object('name', mld.name, 'nameEn', mld."nameEn") END,
         'reply', ${leadReplyJson("m")},
         'measures', ${measuresJson("m")}) END AS "mergedInto"
  FROM "Suggestion" s
  LEFT JOIN "CollectionRound" r ON r.id = s."roundId"
  LEFT JOIN "RoundTopic" t ON t.id = s."topicId"
  LEFT JOIN "Department" ld ON ld.id = s."leadDepartmentId"
  LEFT JOIN "Suggestion" m ON m.id = s."mergedIntoId"
  LEFT JOIN "Department" mld ON mld.id = m."leadDepartmentId"
 WHERE s.id = $1`;

// Object.assign rather than a spread with overriding keys (V8's slow path: µs per object).
const replyOf = (r: ReplyJson | null): TrackedSuggestion["reply"] => (r ? Object.assign({}, r, { createdAt: dateOf(r.createdAt) }) : null);
const measureOf = (m: MeasureJson): MeasureData => Object.assign({}, m, { issuedOn: dateOf(m.issuedOn) });

/**
 * Just enough to check the pair: the same small query whether or not the code exists (a unique index probe and a
 * join on the submitter's unique suggestionId).
 */
export async function findCredentials(client: DbClient, trackingCode: string): Promise<{ id: number; phone: string } | null> {
  const rows = await sql<{ id: number; phone: string }>(
    client,
    `SELECT sub."suggestionId" AS id, sub.phone FROM "Suggestion" s JOIN "Submitter" sub ON sub."suggestionId" = s.id
      WHERE s."trackingCode" = $1`,
    [trackingCode],
  );
  return rows[0] ?? null;
}

/** The suggestion a private link opens; a unique index, so an unknown token costs one index probe. */
export async function findIdByToken(client: DbClient, trackToken: string): Promise<number | null> {
  const rows = await sql<{ id: number }>(client, `SELECT id FROM "Suggestion" WHERE "trackToken" = $1`, [trackToken]);
  return rows[0]?.id ?? null;
}

export async function findTracked(client: DbClient, id: number): Promise<TrackedSuggestion | null> {
  const [row] = await sql<TrackedRow>(client, TRACKED_SQL, [id, EVENT_TYPE.FOLLOW_UP]);
  if (!row) return null;
  const { events, followUps, reply, measures, mergedInto, ...rest } = row;
  return Object.assign(rest, {
    submittedAt: dateOf(rest.submittedAt),
    screeningDueAt: dateOf(rest.screeningDueAt),
    replyDueAt: dateOf(rest.replyDueAt),
    // A merged suggestion is answered with the reply to the one it joined, by that one's department.
    leadDepartment: rest.leadDepartment ?? mergedInto?.leadDepartment ?? null,
    mergedInto: mergedInto ? { trackingCode: mergedInto.trackingCode } : null,
    events: events.map((e) => ({
      type: e.type,
      toStatus: e.toStatus,
      createdAt: dateOf(e.createdAt),
      department: e.department,
      note: e.note && CITIZEN_NOTE_EVENTS.includes(e.type) ? { note: e.note, noteEn: e.noteEn } : null,
    })),
    followUps: followUps.map((f) => ({ createdAt: dateOf(f.createdAt), note: f.note })),
    reply: replyOf(reply) ?? replyOf(mergedInto?.reply ?? null),
    measures: [...measures, ...(mergedInto?.measures ?? [])].map(measureOf),
  });
}
