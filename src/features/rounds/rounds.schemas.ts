// What administrators send in the round forms. Messages are i18n keys of the "rounds" namespace. Times are typed in
// Shanghai time (the platform's clock, see platform/dates.ts) with <input type="datetime-local">.
import { z } from "zod";
import { first, idInput, isTicked, parseForm, plainInput, textInput, typedValues, type ParseResult } from "../../web/forms.ts";
import { normalizeTrackingCode } from "../submissions/index.ts";

export const ROUND_LIMITS = {
  titleMax: 100,
  callMax: 10_000,
  topicsMax: 20,
  topicTitleMax: 60,
  resultsMax: 10_000,
  highlightsMax: 30,
} as const;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
// Seconds are optional: browsers send them when the value has them (a script or a test setting a time to the second).
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2027-01-05T09:00" read as Shanghai time; undefined when it is not a real time. */
export function parseShanghaiTime(raw: string): Date | undefined {
  const m = LOCAL_TIME.exec(raw);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, sec);
  const check = new Date(utc);
  // 2027-02-30 rolls over into March: not a date anyone meant.
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined;
  return new Date(utc - SHANGHAI_OFFSET_MS);
}

/** The value of a datetime-local input showing `date` in Shanghai time (with seconds only when it has them). */
export function shanghaiInputValue(date: Date): string {
  const iso = new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return date.getTime() % 60_000 === 0 ? iso.slice(0, 16) : iso.slice(0, 19);
}

export interface TopicInput {
  title: string;
  titleEn: string;
}

/** One sub-topic a line: "中文标题 | English title" (the English part may be left out). */
export function parseTopicLines(raw: string): TopicInput[] {
  return raw
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const [zh = "", ...rest] = line.split(/\s*[|｜]\s*/);
      return { title: zh.trim(), titleEn: rest.join(" ").trim() };
    });
}

export function topicLines(topics: readonly TopicInput[]): string {
  return topics.map((t) => (t.titleEn ? `${t.title} | ${t.titleEn}` : t.title)).join("\n");
}

const line = (required: string, max: number, tooLong: string) =>
  z.preprocess((v) => textInput(v, { line: true, cut: 5_000 }), z.string({ error: required }).max(max, { error: tooLong }));
const optionalLine = (max: number, tooLong: string) =>
  z.preprocess((v) => textInput(v, { line: true, cut: 5_000 }) ?? "", z.string().max(max, { error: tooLong }));
const text = (required: string, max: number) =>
  z.preprocess((v) => textInput(v, { cut: 50_000 }), z.string({ error: required }).max(max, { error: "rounds:admin.errors.textTooLong" }));
const optionalText = (max: number) =>
  z.preprocess((v) => textInput(v, { cut: 50_000 }) ?? "", z.string().max(max, { error: "rounds:admin.errors.textTooLong" }));
const time = (required: string) =>
  z.preprocess((v) => {
    const s = plainInput(v);
    if (s === undefined) return undefined;
    return parseShanghaiTime(s) ?? "invalid";
  }, z.date({ error: (issue) => (issue.input === undefined ? required : "rounds:admin.errors.timeInvalid") }));

const roundFormSchema = z
  .object({
    // The round's tracking-code prefix (SQGZ-2026-…): set when the round is created, fixed after.
    code: z.preprocess(
      (v) => plainInput(v)?.toUpperCase(),
      z.string({ error: "rounds:admin.errors.codeRequired" }).regex(/^[A-Z]{2,6}$/, { error: "rounds:admin.errors.codeInvalid" }).optional(),
    ),
    title: line("rounds:admin.errors.titleRequired", ROUND_LIMITS.titleMax, "rounds:admin.errors.titleTooLong"),
    titleEn: optionalLine(ROUND_LIMITS.titleMax, "rounds:admin.errors.titleTooLong"),
    body: text("rounds:admin.errors.bodyRequired", ROUND_LIMITS.callMax),
    bodyEn: optionalText(ROUND_LIMITS.callMax),
    wanted: text("rounds:admin.errors.wantedRequired", ROUND_LIMITS.callMax),
    wantedEn: optionalText(ROUND_LIMITS.callMax),
    excluded: optionalText(ROUND_LIMITS.callMax),
    excludedEn: optionalText(ROUND_LIMITS.callMax),
    resultsUse: text("rounds:admin.errors.resultsUseRequired", ROUND_LIMITS.callMax),
    resultsUseEn: optionalText(ROUND_LIMITS.callMax),
    topics: z.preprocess(
      (v) => {
        const s = textInput(v, { cut: 20_000 });
        return s === undefined ? [] : parseTopicLines(s);
      },
      z
        .array(z.object({ title: z.string(), titleEn: z.string() }))
        .min(1, { error: "rounds:admin.errors.topicsRequired" })
        .max(ROUND_LIMITS.topicsMax, { error: "rounds:admin.errors.topicsTooMany" })
        .refine((list) => list.every((t) => t.title !== "" && t.title.length <= ROUND_LIMITS.topicTitleMax && t.titleEn.length <= ROUND_LIMITS.topicTitleMax), {
          error: "rounds:admin.errors.topicInvalid",
        }),
    ),
    ownerDepartmentId: z.preprocess(idInput, z.number({ error: "rounds:admin.errors.ownerRequired" }).int()),
    opensAt: time("rounds:admin.errors.opensAtRequired"),
    closesAt: time("rounds:admin.errors.closesAtRequired"),
    publishAdopted: z.preprocess(isTicked, z.boolean()),
    version: z.preprocess(idInput, z.number().int().optional()),
  })
  .superRefine((v, ctx) => {
    if (v.closesAt <= v.opensAt) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "rounds:admin.errors.closesBeforeOpens" });
  });

export type RoundForm = z.infer<typeof roundFormSchema>;

export const ROUND_FIELDS = [
  "code", "title", "titleEn", "body", "bodyEn", "wanted", "wantedEn", "excluded", "excludedEn", "resultsUse", "resultsUseEn",
  "topics", "ownerDepartmentId", "opensAt", "closesAt", "publishAdopted", "version",
] as const;

export function parseRoundForm(body: unknown): ParseResult<RoundForm> {
  return parseForm(roundFormSchema, body);
}

/** The form as typed, for showing it again after an error or a refused save. */
export function roundFormValues(body: unknown): Record<string, string> {
  return typedValues(body, ROUND_FIELDS, 20_000);
}

/** "12 34\nAB-2026-XXXX，CD-…": the selected suggestions' codes, separated by anything people use between them. */
export function splitCodes(raw: string): string[] {
  return [...new Set(raw.slice(0, 10_000).split(/[\s,，、;；]+/).map(normalizeTrackingCode).filter((c) => c !== ""))];
}

const resultsFormSchema = z.object({
  resultsSummary: text("rounds:admin.errors.resultsRequired", ROUND_LIMITS.resultsMax),
  resultsSummaryEn: optionalText(ROUND_LIMITS.resultsMax),
  highlights: z.preprocess(
    (v) => {
      const s = first(v);
      return typeof s === "string" ? splitCodes(s) : [];
    },
    z.array(z.string()).max(ROUND_LIMITS.highlightsMax, { error: "rounds:admin.errors.highlightsTooMany" }),
  ),
  version: z.preprocess(idInput, z.number().int().optional()),
});

export type ResultsForm = z.infer<typeof resultsFormSchema>;

export function parseResultsForm(body: unknown): ParseResult<ResultsForm> {
  return parseForm(resultsFormSchema, body);
}

export function resultsFormValues(body: unknown): Record<string, string> {
  return typedValues(body, ["resultsSummary", "resultsSummaryEn", "highlights", "version"], 20_000);
}
