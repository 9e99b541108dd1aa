// What administrators send in the routing-rule form and the "try it" box. Messages are keys of the "rules" namespace.
import { z } from "zod";
import { all, first, idInput, isTicked, parseForm, plainInput, textInput, type ParseResult } from "../../web/forms.ts";

export const RULE_LIMITS = { nameMax: 100, keywordsMax: 30, keywordMax: 20, priorityMax: 9999, titleMax: 200, textMax: 5000 } as const;

/** "医保, 报销\n异地就医": keywords separated by whatever people put between them, each once. */
export function splitKeywords(raw: string): string[] {
  return [...new Set(raw.slice(0, 5_000).normalize("NFKC").split(/[\s,，、;；]+/).map((k) => k.trim()).filter(Boolean))];
}

const optionalId = z.preprocess(idInput, z.number().int().optional());

const ruleSchema = z
  .object({
    name: z.preprocess((v) => textInput(v, { line: true, cut: 1_000 }), z.string({ error: "rules:errors.nameRequired" }).max(RULE_LIMITS.nameMax, { error: "rules:errors.nameTooLong" })),
    priority: z.preprocess(
      (v) => plainInput(v) ?? "100",
      z.coerce.number({ error: "rules:errors.priorityInvalid" }).int({ error: "rules:errors.priorityInvalid" }).min(0, { error: "rules:errors.priorityInvalid" }).max(RULE_LIMITS.priorityMax, { error: "rules:errors.priorityInvalid" }),
    ),
    active: z.preprocess(isTicked, z.boolean()),
    roundId: optionalId,
    categoryId: optionalId,
    regionId: optionalId,
    keywords: z.preprocess(
      (v) => (typeof first(v) === "string" ? splitKeywords(first(v) as string) : []),
      z
        .array(z.string().max(RULE_LIMITS.keywordMax, { error: "rules:errors.keywordTooLong" }))
        .max(RULE_LIMITS.keywordsMax, { error: "rules:errors.keywordsTooMany" }),
    ),
    departmentId: z.preprocess(idInput, z.number({ error: "rules:errors.departmentRequired" }).int()),
    assistDepartmentIds: z.preprocess((v) => all(v).map(idInput).filter((id) => id !== undefined), z.array(z.number().int()).max(10)),
  })
  .superRefine((v, ctx) => {
    // A rule with no condition would take every suggestion: refused, so that a forgotten field cannot do that.
    if (v.roundId === undefined && v.categoryId === undefined && v.regionId === undefined && v.keywords.length === 0) {
      ctx.addIssue({ code: "custom", path: ["categoryId"], message: "rules:errors.noConditions" });
    }
    if (v.assistDepartmentIds.includes(v.departmentId)) {
      ctx.addIssue({ code: "custom", path: ["assistDepartmentIds"], message: "rules:errors.leadAlsoAssists" });
    }
  });

export type RuleForm = z.infer<typeof ruleSchema>;
export const RULE_FIELDS = ["name", "priority", "roundId", "categoryId", "regionId", "keywords", "departmentId", "assistDepartmentIds"] as const;

export function parseRuleForm(body: unknown): ParseResult<RuleForm> {
  return parseForm(ruleSchema, body);
}

const trySchema = z.object({
  title: z.preprocess((v) => textInput(v, { line: true, cut: 1_000 }), z.string({ error: "rules:errors.titleRequired" }).max(RULE_LIMITS.titleMax, { error: "rules:errors.textTooLong" })),
  text: z.preprocess((v) => textInput(v, { cut: 20_000 }) ?? "", z.string().max(RULE_LIMITS.textMax, { error: "rules:errors.textTooLong" })),
  categoryId: z.preprocess(idInput, z.number({ error: "rules:errors.categoryRequired" }).int()),
  regionId: z.preprocess(idInput, z.number({ error: "rules:errors.regionRequired" }).int()),
  roundId: optionalId,
});

export type TryInput = z.infer<typeof trySchema>;
export const TRY_FIELDS = ["title", "text", "categoryId", "regionId", "roundId"] as const;

export function parseTryForm(query: unknown): ParseResult<TryInput> {
  return parseForm(trySchema, query);
}
