// Policy measures (政策举措) and their links to the suggestions they stem from. Who may do what is decided here,
// not in the templates: any staff member reads measures; linking a suggestion needs it to be answered (REPLIED or
// CLOSED) and, for an official, led by their department (see CONTEXT.md).
import type { Infrastructure } from "../../container.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../errors.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { TX_OPTIONS } from "../../platform/db.ts";
import { shanghaiDateString } from "../../platform/working-days.ts";
import { isOfficeStaff, type StaffUser } from "../auth/index.ts";
import { systemNote } from "../lifecycle/index.ts";
import { citizenEmailFor, queueEmails } from "../notifications/index.ts";
import * as repo from "./measures.repository.ts";
import type { FieldMessage, MeasureFieldErrors, MeasureForm } from "./measures.schemas.ts";

export const PAGE_SIZE = 30;
/** Offset paging stays cheap only so far; measures number in the hundreds, so this is never reached in practice. */
export const MAX_PAGE = 200;
/** Links listed on a measure's page; a measure answering more suggestions than this shows the count. */
export const LINKS_SHOWN = 200;
/** Measures offered in the case page's select, newest first; older ones are found on the list page. */
export const CHOICES = 100;

const LINKABLE: readonly SuggestionStatus[] = ["REPLIED", "CLOSED"];

/** Invalid measure input with messages that may carry params (the tracking codes that are wrong). */
export class MeasureInputError extends ValidationError {
  constructor(readonly messages: MeasureFieldErrors) {
    super(Object.fromEntries(Object.entries(messages).map(([field, m]) => [field, m.key])));
  }
}

export interface LinkPanel {
  /** The measures the suggestion could be linked to, for the select. */
  choices: repo.MeasureSummary[];
  trackingCode: string;
}

export type MeasureDeps = Pick<Infrastructure, "db" | "config" | "logger" | "enqueuer" | "now">;

/** Whether the suggestion exists for this person at all: officials see only their department's suggestions. */
function canSee(staff: StaffUser, s: repo.LinkTarget): boolean {
  if (isOfficeStaff(staff)) return true;
  return staff.departmentId !== null && s.assignedDepartmentIds.includes(staff.departmentId);
}

function isLead(staff: StaffUser, s: repo.LinkTarget): boolean {
  return isOfficeStaff(staff) || (staff.departmentId !== null && s.leadDepartmentId === staff.departmentId);
}

/** "转化为政策举措：《…》（辽政办发〔2026〕12号）": what the handling history says, also to the citizen. */
export function linkNote(measure: { title: string; docNumber: string | null }) {
  return measure.docNumber
    ? systemNote("measures:notes.linkedWithNumber", { title: measure.title, docNumber: measure.docNumber })
    : systemNote("measures:notes.linked", { title: measure.title });
}

/** A DATE column holds midnight UTC of the day. */
function dateOnly(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export function createMeasureService(c: MeasureDeps) {
  /** Per code, why it cannot be linked by this person, or nothing: one message per kind of problem. */
  function codeProblems(staff: StaffUser, codes: string[], found: repo.LinkTarget[]): FieldMessage | null {
    const byCode = new Map(found.map((s) => [s.trackingCode, s]));
    const notFound: string[] = [];
    const otherDepartment: string[] = [];
    const notLead: string[] = [];
    const notReplied: string[] = [];
    for (const code of codes) {
      const s = byCode.get(code);
      if (!s) notFound.push(code);
      // Another department's suggestion: the official learns only that it is not theirs — nothing of its content,
      // status or department (they typed a code someone gave them; "not found" sent them looking for a typo).
      else if (!canSee(staff, s)) otherDepartment.push(code);
      else if (!isLead(staff, s)) notLead.push(code);
      else if (!LINKABLE.includes(s.status)) notReplied.push(code);
    }
    const list = (xs: string[]) => xs.slice(0, 5).join("、");
    if (notFound.length) return { key: "measures:errors.codesNotFound", params: { codes: list(notFound) } };
    if (otherDepartment.length) return { key: "measures:errors.codesOtherDepartment", params: { codes: list(otherDepartment) } };
    if (notLead.length) return { key: "measures:errors.codesNotLead", params: { codes: list(notLead) } };
    if (notReplied.length) return { key: "measures:errors.codesNotReplied", params: { codes: list(notReplied) } };
    return null;
  }

  /**
   * Links in the caller's transaction; writes a MEASURE_LINKED event only for a link this call created, and tells
   * the citizen — and the citizens whose suggestions were merged into it, whose tracking page shows the measure
   * too — by email (queued in the outbox; the ids are returned to enqueue after commit).
   */
  async function linkAll(
    tx: Parameters<typeof repo.insertLink>[0],
    staff: StaffUser,
    measure: { id: number; type: string; title: string; docNumber: string | null; issuingBody: string },
    suggestionIds: number[],
    at: Date,
  ): Promise<{ created: number; emailIds: number[] }> {
    let created = 0;
    const drafts = [];
    for (const suggestionId of suggestionIds) {
      if (!(await repo.insertLink(tx, { measureId: measure.id, suggestionId, linkedAt: at }))) continue;
      created += 1;
      await repo.recordLinkEvent(tx, { suggestionId, actorId: staff.id, departmentId: staff.departmentId, note: linkNote(measure), at });
      for (const recipientId of [suggestionId, ...(await repo.findMergedInto(tx, suggestionId))]) {
        drafts.push(...(await citizenEmailFor(tx, c.config.publicBaseUrl, recipientId, {
          dedupeKey: `measure-linked-${measure.id}-${recipientId}`,
          template: "suggestion-measure-linked",
          data: { measure: { typeKey: `tracking:measureType.${measure.type}`, title: measure.title, docNumber: measure.docNumber, issuingBody: measure.issuingBody } },
        })));
      }
    }
    return { created, emailIds: await queueEmails(tx, drafts) };
  }

  return {
    /** The Shanghai date today, the latest a measure can have been issued on. */
    today(): string {
      return shanghaiDateString(c.now());
    },

    async list(page: number): Promise<{ items: repo.MeasureListItem[]; page: number; hasNext: boolean }> {
      const p = Math.min(Math.max(1, page), MAX_PAGE);
      const rows = await repo.listMeasures(c.db, { skip: (p - 1) * PAGE_SIZE, take: PAGE_SIZE + 1 });
      return { items: rows.slice(0, PAGE_SIZE), page: p, hasNext: rows.length > PAGE_SIZE && p < MAX_PAGE };
    },

    async get(staff: StaffUser, id: number) {
      const measure = await repo.findMeasure(c.db, id);
      if (!measure) throw new NotFoundError("measures:errors.notFound");
      // Measures are public documents; the suggestions behind them are not: an official sees their own only.
      const departmentId = isOfficeStaff(staff) ? null : (staff.departmentId ?? -1);
      const { shown, total } = await repo.findLinkedSuggestions(c.db, id, { departmentId, take: LINKS_SHOWN });
      return { measure, suggestions: shown, total, hidden: Math.max(0, total - shown.length) };
    },

    /**
     * Creates the measure and links the suggestions it stems from, in one transaction. Entering the same document
     * again (or posting the form twice) links to the existing measure instead of copying it.
     */
    async create(staff: StaffUser, form: MeasureForm): Promise<{ id: number; created: boolean }> {
      const targets = await repo.findLinkTargetsByCodes(c.db, form.trackingCodes);
      const problem = codeProblems(staff, form.trackingCodes, targets);
      if (problem) throw new MeasureInputError({ trackingCodes: problem });

      const data: repo.MeasureData = {
        type: form.type,
        title: form.title,
        docNumber: form.docNumber ?? null,
        issuingBody: form.issuingBody,
        issuedOn: dateOnly(form.issuedOn),
        url: form.url ?? null,
      };
      const now = c.now();
      const result = await c.db.$transaction(async (tx) => {
        await repo.lockMeasureContent(tx, JSON.stringify([data.type, data.title, data.docNumber, data.issuingBody, form.issuedOn]));
        const existing = await repo.findIdenticalMeasure(tx, data);
        const measure = existing ?? (await repo.createMeasure(tx, { ...data, createdBy: staff.id, createdAt: now }));
        const { created: linked, emailIds } = await linkAll(tx, staff, { id: measure.id, ...data }, targets.map((t) => t.id), now);
        return { id: measure.id, created: existing === null, linked, emailIds };
      }, TX_OPTIONS);
      await c.enqueuer.sendEmails(result.emailIds);
      c.logger.info({ measureId: result.id, created: result.created, linked: result.linked, by: staff.id }, "policy measure recorded");
      return { id: result.id, created: result.created };
    },

    /**
     * The suggestion as the link page shows it. NotFound for an official whose department does not handle it;
     * Forbidden (with the reason) when they may see it but not link it; Conflict before it is answered.
     */
    async linkable(staff: StaffUser, suggestionId: number) {
      const s = await repo.findLinkTarget(c.db, suggestionId);
      if (!s || !canSee(staff, s)) throw new NotFoundError();
      if (!isLead(staff, s)) throw new ForbiddenError("measures:errors.notLead");
      if (!LINKABLE.includes(s.status)) throw new ConflictError("measures:errors.notReplied");
      const [choices, linked] = await Promise.all([repo.findLinkChoices(c.db, s.id, CHOICES), repo.findLinkedMeasures(c.db, s.id)]);
      return { suggestion: { id: s.id, trackingCode: s.trackingCode, title: s.title, status: s.status }, choices, linked };
    },

    /** What the panel on the case page offers, or null when this person may not link this suggestion (now). */
    async panel(staff: StaffUser, suggestionId: number): Promise<LinkPanel | null> {
      const s = await repo.findLinkTarget(c.db, suggestionId);
      if (!s || !canSee(staff, s) || !isLead(staff, s) || !LINKABLE.includes(s.status)) return null;
      return { choices: await repo.findLinkChoices(c.db, s.id, CHOICES), trackingCode: s.trackingCode };
    },

    /** Links one suggestion to an existing measure. Idempotent: linking twice changes nothing the second time. */
    async link(staff: StaffUser, suggestionId: number, measureId: number): Promise<{ linked: boolean }> {
      const s = await repo.findLinkTarget(c.db, suggestionId);
      if (!s || !canSee(staff, s)) throw new NotFoundError();
      if (!isLead(staff, s)) throw new ForbiddenError("measures:errors.notLead");
      if (!LINKABLE.includes(s.status)) throw new ConflictError("measures:errors.notReplied");
      const measure = await repo.findMeasure(c.db, measureId);
      if (!measure) throw new MeasureInputError({ measureId: { key: "measures:errors.measureNotFound" } });
      const now = c.now();
      const { created, emailIds } = await c.db.$transaction((tx) => linkAll(tx, staff, measure, [s.id], now), TX_OPTIONS);
      await c.enqueuer.sendEmails(emailIds);
      if (created) c.logger.info({ measureId, suggestionId, by: staff.id }, "suggestion linked to a policy measure");
      return { linked: created > 0 };
    },
  };
}

export type MeasureService = ReturnType<typeof createMeasureService>;
