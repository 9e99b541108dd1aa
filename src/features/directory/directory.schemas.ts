// What administrators may send in the directory's forms (departments, categories, regions). Messages are keys of the
// "directory" namespace.
import { z } from "zod";
import { idInput, isTicked, parseForm, plainInput, textInput, type ParseResult } from "../../web/forms.ts";

export const LIMITS = { codeMax: 20, nameMax: 100, emailMax: 200, sortMax: 9999 } as const;

const line = (v: unknown) => textInput(v, { line: true, cut: 1_000 });
const code = (pattern: RegExp) =>
  z.preprocess((v) => plainInput(v)?.toUpperCase(), z.string({ error: "directory:errors.codeRequired" }).max(LIMITS.codeMax, { error: "directory:errors.codeInvalid" }).regex(pattern, { error: "directory:errors.codeInvalid" }));
const name = z.preprocess(line, z.string({ error: "directory:errors.nameRequired" }).max(LIMITS.nameMax, { error: "directory:errors.nameTooLong" }));
const nameEn = z.preprocess(line, z.string({ error: "directory:errors.nameEnRequired" }).max(LIMITS.nameMax, { error: "directory:errors.nameTooLong" }));
const optionalId = z.preprocess(idInput, z.number().int().optional());
const email = z.preprocess(
  (v) => plainInput(v)?.toLowerCase(),
  z.string({ error: "directory:errors.emailRequired" }).max(LIMITS.emailMax, { error: "directory:errors.emailInvalid" }).email({ error: "directory:errors.emailInvalid" }),
);
const optionalEmail = z.preprocess(
  (v) => plainInput(v)?.toLowerCase(),
  z.string().max(LIMITS.emailMax, { error: "directory:errors.emailInvalid" }).email({ error: "directory:errors.emailInvalid" }).optional(),
);

const departmentSchema = z.object({
  code: code(/^[A-Z][A-Z0-9_-]{1,19}$/),
  name,
  nameEn,
  regionId: optionalId,
  parentId: optionalId,
  email,
  headEmail: optionalEmail,
  // 答复需负责人审核 (features/casework): an unticked checkbox is not sent at all, so absent means off.
  repliesNeedApproval: z.preprocess(isTicked, z.boolean()),
});
export type DepartmentInput = z.infer<typeof departmentSchema>;
export const DEPARTMENT_FIELDS = ["code", "name", "nameEn", "regionId", "parentId", "email", "headEmail", "repliesNeedApproval"] as const;

export function parseDepartmentForm(body: unknown): ParseResult<DepartmentInput> {
  return parseForm(departmentSchema, body);
}

const categorySchema = z.object({
  code: code(/^[A-Z][A-Z0-9_-]{1,19}$/),
  name,
  nameEn,
  sortOrder: z.preprocess((v) => plainInput(v) ?? "0", z.coerce.number({ error: "directory:errors.sortInvalid" }).int({ error: "directory:errors.sortInvalid" }).min(0, { error: "directory:errors.sortInvalid" }).max(LIMITS.sortMax, { error: "directory:errors.sortInvalid" })),
  active: z.preprocess(isTicked, z.boolean()),
});
export type CategoryInput = z.infer<typeof categorySchema>;
export const CATEGORY_FIELDS = ["code", "name", "nameEn", "sortOrder"] as const;

export function parseCategoryForm(body: unknown): ParseResult<CategoryInput> {
  return parseForm(categorySchema, body);
}

const regionSchema = z.object({
  // GB/T 2260: six digits.
  code: code(/^\d{6}$/),
  name,
  nameEn,
  parentId: optionalId,
});
export type RegionInput = z.infer<typeof regionSchema>;
export const REGION_FIELDS = ["code", "name", "nameEn", "parentId"] as const;

export function parseRegionForm(body: unknown): ParseResult<RegionInput> {
  return parseForm(regionSchema, body);
}
