// Reads of the citizen's look-up. Functions taking the root client or a transaction client first.
import type { DbClient } from "../../platform/db.ts";
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

const LEAD_REPLY = {
  where: { isLead: true },
  orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
  take: 1,
  select: { adoption: true, explanation: true, body: true, createdAt: true, department: { select: { name: true, nameEn: true } } },
};

const MEASURES = {
  orderBy: { linkedAt: "asc" as const },
  select: { measure: { select: { type: true, title: true, docNumber: true, issuingBody: true, issuedOn: true, url: true } } },
};

/** Just enough to check the pair: the same small query whether or not the code exists. */
export function findCredentials(client: DbClient, trackingCode: string): Promise<{ id: number; phone: string } | null> {
  return client.submitter
    .findFirst({ where: { suggestion: { trackingCode } }, select: { suggestionId: true, phone: true } })
    .then((row) => (row ? { id: row.suggestionId, phone: row.phone } : null));
}

/** The suggestion a private link opens; a unique index, so an unknown token costs one index probe. */
export function findIdByToken(client: DbClient, trackToken: string): Promise<number | null> {
  return client.suggestion.findUnique({ where: { trackToken }, select: { id: true } }).then((row) => row?.id ?? null);
}

export async function findTracked(client: DbClient, id: number): Promise<TrackedSuggestion | null> {
  const row = await client.suggestion.findUnique({
    where: { id },
    select: {
      trackingCode: true,
      trackToken: true,
      title: true,
      kind: true,
      status: true,
      submittedAt: true,
      screeningDueAt: true,
      replyDueAt: true,
      notAcceptedReason: true,
      round: { select: { title: true, titleEn: true } },
      topic: { select: { title: true, titleEn: true } },
      leadDepartment: { select: { name: true, nameEn: true } },
      // Internal events (notes between offices, reminders) are not the citizen's to read.
      events: {
        where: { internal: false, toStatus: { not: null } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { type: true, toStatus: true, createdAt: true, departmentId: true, note: true, noteEn: true },
      },
      replies: LEAD_REPLY,
      measures: MEASURES,
      mergedInto: {
        select: { trackingCode: true, leadDepartment: { select: { name: true, nameEn: true } }, replies: LEAD_REPLY, measures: MEASURES },
      },
    },
  });
  if (!row) return null;
  const departmentIds = [...new Set(row.events.map((e) => e.departmentId).filter((d): d is number => d !== null))];
  const departments = departmentIds.length
    ? await client.department.findMany({ where: { id: { in: departmentIds } }, select: { id: true, name: true, nameEn: true } })
    : [];
  const byId = new Map(departments.map((d) => [d.id, { name: d.name, nameEn: d.nameEn }]));
  // No status change, so not in the history above: their own list.
  const followUps = await client.handlingEvent.findMany({
    where: { suggestionId: id, internal: false, type: EVENT_TYPE.FOLLOW_UP, note: { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { createdAt: true, note: true },
  });
  const { events, replies, measures, mergedInto, ...rest } = row;
  return {
    ...rest,
    // A merged suggestion is answered with the reply to the one it joined, by that one's department.
    leadDepartment: rest.leadDepartment ?? mergedInto?.leadDepartment ?? null,
    mergedInto: mergedInto ? { trackingCode: mergedInto.trackingCode } : null,
    events: events.flatMap((e) =>
      e.toStatus
        ? [{
            type: e.type,
            toStatus: e.toStatus,
            createdAt: e.createdAt,
            department: e.departmentId !== null ? (byId.get(e.departmentId) ?? null) : null,
            note: e.note && CITIZEN_NOTE_EVENTS.includes(e.type) ? { note: e.note, noteEn: e.noteEn } : null,
          }]
        : [],
    ),
    followUps: followUps.flatMap((f) => (f.note ? [{ createdAt: f.createdAt, note: f.note }] : [])),
    reply: replies[0] ?? mergedInto?.replies[0] ?? null,
    measures: [...measures, ...(mergedInto?.measures ?? [])].map((m) => m.measure),
  };
}
