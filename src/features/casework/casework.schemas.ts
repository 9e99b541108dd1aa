// What staff may send on the inbox and case pages. Messages are i18n keys in the "casework" namespace. Text is
// kept as typed (after the same clean-up as citizens' text) and escaped when shown, never stripped of HTML.
import { z } from "zod";
import { SuggestionStatus, AdoptionResult } from "../../generated/prisma/enums.ts";
import { first, idInput, textInput } from "../../web/forms.ts";

export const CASE_LIMITS = {
  reasonMax: 1000,
  noteMax: 2000,
  replyMax: 5000,
  explanationMax: 2000,
} as const;

export const INBOX_PAGE_SIZE = 20;

const text = (required: string, tooLong: string, max: number) =>
  z.preprocess((v) => textInput(v), z.string({ error: required }).max(max, { error: tooLong }));

export const returnFormSchema = z.object({
  reason: text("casework:errors.reasonRequired", "casework:errors.reasonTooLong", CASE_LIMITS.reasonMax),
});
export type ReturnForm = z.infer<typeof returnFormSchema>;

export function extensionFormSchema(maxWorkingDays: number) {
  return z.object({
    reason: text("casework:errors.reasonRequired", "casework:errors.reasonTooLong", CASE_LIMITS.reasonMax),
    workingDays: z.preprocess(
      (v) => {
        const s = first(v);
        if (typeof s !== "string") return undefined;
        const t = s.normalize("NFKC").trim();
        if (t === "") return undefined;
        return /^\d{1,4}$/.test(t) ? Number(t) : Number.NaN;
      },
      z
        .number({ error: "casework:errors.workingDaysRequired" })
        .int({ error: "casework:errors.workingDaysRange" })
        .min(1, { error: "casework:errors.workingDaysRange" })
        .max(maxWorkingDays, { error: "casework:errors.workingDaysRange" }),
    ),
  });
}
export type ExtensionForm = z.infer<ReturnType<typeof extensionFormSchema>>;

export const noteFormSchema = z.object({
  note: text("casework:errors.noteRequired", "casework:errors.noteTooLong", CASE_LIMITS.noteMax),
});
export type NoteForm = z.infer<typeof noteFormSchema>;

/** 退回修改: the head's note saying what to change in the reply. */
export const sendBackFormSchema = z.object({
  note: text("casework:errors.sendBackNoteRequired", "casework:errors.noteTooLong", CASE_LIMITS.noteMax),
});
export type SendBackForm = z.infer<typeof sendBackFormSchema>;

export const ADOPTION_RESULTS = Object.values(AdoptionResult);

export const replyFormSchema = z.object({
  body: text("casework:errors.bodyRequired", "casework:errors.bodyTooLong", CASE_LIMITS.replyMax),
  adoption: z.preprocess(
    (v) => {
      const s = first(v);
      return typeof s === "string" && s !== "" ? s : undefined;
    },
    z.enum(AdoptionResult, { error: "casework:errors.adoptionRequired" }),
  ),
  explanation: text("casework:errors.explanationRequired", "casework:errors.explanationTooLong", CASE_LIMITS.explanationMax),
});
export type ReplyForm = z.infer<typeof replyFormSchema>;

// ----- the inbox's query string -----

/** "open" (the department's to-do list) and "all" besides each status. */
export const STATUS_FILTERS = ["open", "all", ...Object.values(SuggestionStatus)] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** A position in the inbox's order: the assignment's deadline and id. */
export interface Cursor {
  dueAt: Date;
  id: number;
}

export function encodeCursor(c: Cursor): string {
  return `${c.dueAt.getTime()}.${c.id}`;
}

export function decodeCursor(raw: unknown): Cursor | undefined {
  const s = first(raw);
  if (typeof s !== "string") return undefined;
  const m = /^(\d{1,15})\.([1-9]\d{0,9})$/.exec(s);
  if (!m) return undefined;
  const dueAt = new Date(Number(m[1]));
  return Number.isNaN(dueAt.getTime()) ? undefined : { dueAt, id: Number(m[2]) };
}

const optionalId = z.preprocess(idInput, z.number().int().optional());

export interface InboxQuery {
  status: StatusFilter;
  roundId?: number;
  categoryId?: number;
  departmentId?: number;
  after?: Cursor;
  before?: Cursor;
}

// A bookmarked or hand-edited query string never fails the page: an unknown value means "no filter".
const inboxQuerySchema = z.object({
  status: z.preprocess((v) => {
    const s = first(v);
    return typeof s === "string" && (STATUS_FILTERS as readonly string[]).includes(s) ? s : "open";
  }, z.enum(STATUS_FILTERS)),
  round: optionalId,
  category: optionalId,
  department: optionalId,
});

export function parseInboxQuery(query: unknown): InboxQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const parsed = inboxQuerySchema.parse(q);
  const after = decodeCursor(q.after);
  const before = after ? undefined : decodeCursor(q.before);
  return {
    status: parsed.status,
    ...(parsed.round !== undefined ? { roundId: parsed.round } : {}),
    ...(parsed.category !== undefined ? { categoryId: parsed.category } : {}),
    ...(parsed.department !== undefined ? { departmentId: parsed.department } : {}),
    ...(after ? { after } : {}),
    ...(before ? { before } : {}),
  };
}
