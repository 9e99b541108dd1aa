// What administrators send for the deadline limits and the calendar. Messages are keys of the "deadlines" namespace.
import { z } from "zod";
import { isCalendarDate } from "../../platform/working-days.ts";
import { first, parseForm, plainInput, textInput, type ParseResult } from "../../web/forms.ts";
import { EDITABLE_SETTINGS, type EditableSetting } from "./deadlines.ts";

/** Beyond this a limit is a typing mistake (a reply due in two years), not a policy. */
export const MAX_LIMIT_DAYS = 120;

const days = z.preprocess(
  (v) => plainInput(v),
  z.coerce
    .number({ error: "deadlines:errors.daysInvalid" })
    .int({ error: "deadlines:errors.daysInvalid" })
    .min(1, { error: "deadlines:errors.daysInvalid" })
    .max(MAX_LIMIT_DAYS, { error: "deadlines:errors.daysInvalid" }),
);

const settingsSchema = z.object(Object.fromEntries(EDITABLE_SETTINGS.map((k) => [k, days])) as Record<EditableSetting, typeof days>);

export function parseSettingsForm(body: unknown): ParseResult<Record<EditableSetting, number>> {
  return parseForm(settingsSchema, body) as ParseResult<Record<EditableSetting, number>>;
}

const daySchema = z.object({
  date: z.preprocess(plainInput, z.string({ error: "deadlines:errors.dateRequired" }).refine(isCalendarDate, { error: "deadlines:errors.dateInvalid" })),
  kind: z.preprocess(first, z.enum(["HOLIDAY", "WORKDAY"], { error: "deadlines:errors.kindRequired" })),
  name: z.preprocess((v) => textInput(v, { line: true, cut: 500 }), z.string({ error: "deadlines:errors.nameRequired" }).max(50, { error: "deadlines:errors.nameTooLong" })),
});

export type DayInput = z.infer<typeof daySchema>;
export const DAY_FIELDS = ["date", "kind", "name"] as const;

export function parseDayForm(body: unknown): ParseResult<DayInput> {
  return parseForm(daySchema, body);
}
