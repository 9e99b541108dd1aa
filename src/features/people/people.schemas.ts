// What administrators send when inviting or editing a person, and what anyone sends to set a password. Messages are
// keys of the "people" namespace.
import { z } from "zod";
import type { Role } from "../../generated/prisma/enums.ts";
import { first, idInput, parseForm, plainInput, textInput, type ParseResult } from "../../web/forms.ts";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const LIMITS = { nameMax: 50, emailMax: 200, passwordMin: PASSWORD_MIN, passwordMax: PASSWORD_MAX } as const;

/**
 * The roles an administrator chooses from. A department head (部门负责人) is an official with `isHead`: they see
 * what their department's officials see, and approve its replies when the department asks for that.
 */
export const ROLE_CHOICES = ["COORDINATOR", "OFFICIAL", "HEAD", "ADMIN"] as const;
export type RoleChoice = (typeof ROLE_CHOICES)[number];

export function roleChoiceOf(user: { role: Role; isHead: boolean }): RoleChoice {
  return user.role === "OFFICIAL" && user.isHead ? "HEAD" : user.role;
}

export function roleOf(choice: RoleChoice): { role: Role; isHead: boolean } {
  return choice === "HEAD" ? { role: "OFFICIAL", isHead: true } : { role: choice, isHead: false };
}

const personSchema = z
  .object({
    name: z.preprocess((v) => textInput(v, { line: true, cut: 500 }), z.string({ error: "people:errors.nameRequired" }).max(LIMITS.nameMax, { error: "people:errors.nameTooLong" })),
    role: z.preprocess(first, z.enum(ROLE_CHOICES, { error: "people:errors.roleRequired" })),
    departmentId: z.preprocess(idInput, z.number().int().optional()),
  })
  .superRefine((v, ctx) => {
    // Officials and heads work for one department; it decides what they see.
    if ((v.role === "OFFICIAL" || v.role === "HEAD") && v.departmentId === undefined) {
      ctx.addIssue({ code: "custom", path: ["departmentId"], message: "people:errors.departmentRequired" });
    }
  });

const inviteSchema = z.intersection(
  z.object({
    email: z.preprocess(
      (v) => plainInput(v)?.toLowerCase(),
      z.string({ error: "people:errors.emailRequired" }).max(LIMITS.emailMax, { error: "people:errors.emailInvalid" }).email({ error: "people:errors.emailInvalid" }),
    ),
  }),
  personSchema,
);

export type PersonInput = z.infer<typeof personSchema>;
export type InviteInput = z.infer<typeof inviteSchema>;
export const PERSON_FIELDS = ["email", "name", "role", "departmentId"] as const;

export function parseInviteForm(body: unknown): ParseResult<InviteInput> {
  return parseForm(inviteSchema, body);
}

export function parsePersonForm(body: unknown): ParseResult<PersonInput> {
  return parseForm(personSchema, body);
}

const password = z.preprocess(
  (v) => (typeof first(v) === "string" ? first(v) : undefined),
  z.string({ error: "people:errors.passwordRequired" })
    .min(PASSWORD_MIN, { error: "people:errors.passwordTooShort" })
    .max(PASSWORD_MAX, { error: "people:errors.passwordTooLong" }),
);

const newPasswordSchema = z
  .object({ password, confirm: z.preprocess(first, z.string().optional()) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "people:errors.confirmMismatch" });

export const PASSWORD_FIELDS = ["current", "password", "confirm"] as const;

export function parseNewPassword(body: unknown): ParseResult<{ password: string }> {
  return parseForm(newPasswordSchema, body);
}

export function parseChangePassword(body: unknown): ParseResult<{ password: string; current: string }> {
  const schema = z.intersection(
    newPasswordSchema,
    z.object({ current: z.preprocess(first, z.string({ error: "people:errors.currentRequired" }).min(1, { error: "people:errors.currentRequired" })) }),
  );
  return parseForm(schema, body);
}
