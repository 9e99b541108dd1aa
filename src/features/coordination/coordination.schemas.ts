// What a coordinator may post in the screening, assignment and extension forms. Every message is an i18n key
// ("coordination" namespace) so a form re-renders it in the reader's language. Whether a department or a
// tracking code exists, and whether a date is a working day, is checked by the service; this file checks shape.
import { z } from "zod";
import type { NotAcceptedReason } from "../../generated/prisma/enums.ts";
import { isCalendarDate } from "../../platform/working-days.ts";
import { all, first, idInput, selectedIdField, textInput } from "../../web/forms.ts";
import { trackingCodeField } from "../submissions/index.ts";

export const NOTE_MAX = 2000;

export const NOT_ACCEPTED_REASONS = [
  "COMPLAINT_OR_REQUEST",
  "LEGAL_CHANNEL",
  "IN_PETITION_CHANNEL",
  "PRIVATE_DISPUTE",
  "EMPTY_OR_UNLAWFUL",
  "DUPLICATE",
] as const satisfies readonly NotAcceptedReason[];

/** Where a referred suggestion goes: the 12345 government service hotline or the petition (信访) office. */
export const REFERRAL_CHANNELS = ["HOTLINE_12345", "PETITION"] as const;
export type ReferralChannel = (typeof REFERRAL_CHANNELS)[number];

const selectedId = selectedIdField;

const cleanedNote = (v: unknown) => textInput(v);

/** A note someone must write (the citizen or a department reads it). */
const requiredNote = (required: string) =>
  z.preprocess(cleanedNote, z.string({ error: required }).max(NOTE_MAX, { error: "coordination:errors.noteTooLong" }));

const optionalNote = z.preprocess(cleanedNote, z.string().max(NOTE_MAX, { error: "coordination:errors.noteTooLong" }).optional());

// Whether the date is a working day after today is a deadline rule (features/deadlines), checked by the service.
const dueDate = z.preprocess(
  (v) => {
    const s = first(v);
    if (typeof s !== "string") return undefined;
    const trimmed = s.trim();
    return trimmed === "" ? undefined : trimmed;
  },
  z
    .string({ error: "coordination:errors.dueDateRequired" })
    .refine(isCalendarDate, { error: "coordination:errors.dueDateInvalid" }),
);

const assistDepartmentIds = z.preprocess(
  (v) => [...new Set(all(v).map(idInput).filter((id): id is number => id !== undefined))],
  z.array(z.number().int()).max(20, { error: "coordination:errors.tooManyAssists" }),
);

export const acceptFormSchema = z.object({
  leadDepartmentId: selectedId("coordination:errors.leadRequired"),
  assistDepartmentIds,
  replyDueDate: dueDate,
  note: optionalNote,
});
export type AcceptForm = z.infer<typeof acceptFormSchema>;

export const notAcceptFormSchema = z.object({
  reason: z.preprocess((v) => first(v), z.enum(NOT_ACCEPTED_REASONS, { error: "coordination:errors.reasonRequired" })),
  note: requiredNote("coordination:errors.citizenNoteRequired"),
});
export type NotAcceptForm = z.infer<typeof notAcceptFormSchema>;

export const referFormSchema = z.object({
  channel: z.preprocess((v) => first(v), z.enum(REFERRAL_CHANNELS, { error: "coordination:errors.channelRequired" })),
  note: requiredNote("coordination:errors.citizenNoteRequired"),
});
export type ReferForm = z.infer<typeof referFormSchema>;

export const mergeFormSchema = z.object({
  targetCode: z.preprocess(
    trackingCodeField,
    z.string({ error: "coordination:errors.targetRequired" }).max(40, { error: "coordination:errors.targetNotFound" }),
  ),
  note: optionalNote,
});
export type MergeForm = z.infer<typeof mergeFormSchema>;

export const importantFormSchema = z.object({
  important: z.preprocess((v) => {
    const s = first(v);
    if (s === "1" || s === "true") return true;
    if (s === "0" || s === "false") return false;
    return undefined;
  }, z.boolean({ error: "coordination:errors.importantInvalid" })),
});
export type ImportantForm = z.infer<typeof importantFormSchema>;

export const transferFormSchema = z.object({
  leadDepartmentId: selectedId("coordination:errors.leadRequired"),
  /** The assisting departments after the transfer (the form starts with the current ones ticked). */
  assistDepartmentIds,
  replyDueDate: dueDate,
  /** Why: recorded in the history and sent to the new departments with their assignment. */
  reason: requiredNote("coordination:errors.transferReasonRequired"),
});
export type TransferForm = z.infer<typeof transferFormSchema>;

/** 回访: the office's note to a citizen who rated the reply low; sent as typed. */
export const followUpFormSchema = z.object({
  note: requiredNote("coordination:errors.followUpRequired"),
});
export type FollowUpForm = z.infer<typeof followUpFormSchema>;

/** 催办: an optional message to the lead department, added to the standard text. */
export const urgeFormSchema = z.object({
  note: optionalNote,
});
export type UrgeForm = z.infer<typeof urgeFormSchema>;

export const approveFormSchema = z.object({
  note: optionalNote,
});
export type ApproveForm = z.infer<typeof approveFormSchema>;

export const refuseFormSchema = z.object({
  note: requiredNote("coordination:errors.refusalNoteRequired"),
});
export type RefuseForm = z.infer<typeof refuseFormSchema>;

/** Queue filters from the query string: anything malformed is simply no filter. */
export interface QueueFilters {
  kind: "EVERYDAY" | "ROUND" | null;
  roundId: number | null;
  categoryId: number | null;
  /** Keyset cursor: the last row of the previous page. */
  after: { submittedAt: Date; id: number } | null;
}

export function parseQueueFilters(query: Record<string, unknown>): QueueFilters {
  const kind = first(query.kind);
  return {
    kind: kind === "EVERYDAY" || kind === "ROUND" ? kind : null,
    roundId: idInput(query.round) ?? null,
    categoryId: idInput(query.category) ?? null,
    after: parseCursor(first(query.after)),
  };
}

/** `<epoch ms>.<id>`: opaque to the user, but plain enough to need no signing (it only selects what staff may see). */
export function formatCursor(row: { submittedAt: Date; id: number }): string {
  return `${row.submittedAt.getTime()}.${row.id}`;
}

export function parseCursor(value: unknown): QueueFilters["after"] {
  if (typeof value !== "string") return null;
  const m = /^(\d{1,15})\.(\d{1,9})$/.exec(value);
  if (!m) return null;
  const submittedAt = new Date(Number(m[1]));
  const id = Number(m[2]);
  return Number.isNaN(submittedAt.getTime()) || id < 1 ? null : { submittedAt, id };
}

export function parseDepartmentFilter(query: Record<string, unknown>): number | null {
  return idInput(query.department) ?? null;
}
