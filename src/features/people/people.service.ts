// People (人员管理): invitations with a one-time set-password link, role and department changes, deactivation (its
// sessions end at once), and every signed-in person's own password. Each change and its audit entry commit together.
import { createHash, randomBytes } from "node:crypto";
import type { Infrastructure } from "../../container.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../errors.ts";
import { sqlState, TX_OPTIONS, UNIQUE_VIOLATION } from "../../platform/db.ts";
import { toLocale } from "../../platform/i18n.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import { endSessionsOf, hashPassword, verifyPassword } from "../auth/index.ts";
import { createEmailRenderer } from "../notifications/index.ts";
import * as repo from "./people.repository.ts";
import { roleOf, type InviteInput, type PersonInput } from "./people.schemas.ts";

/** How long a set-password link works: long enough for a weekend, short enough that a forgotten email goes stale. */
export const INVITATION_TTL_HOURS = 72;

export type PeopleDeps = Pick<Infrastructure, "db" | "config" | "logger" | "mailer" | "sessionRedis" | "now">;

export function tokenHashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What a person's audit entry shows: never the password hash. */
function auditView(p: repo.PersonRow) {
  return { email: p.email, name: p.name, role: p.role, isHead: p.isHead, departmentId: p.departmentId, active: p.active };
}

export type InvitationState = { kind: "valid"; email: string; name: string } | { kind: "expired" } | { kind: "used" } | { kind: "unknown" };

export function createPeopleService(c: PeopleDeps) {
  const { db } = c;
  const renderer = createEmailRenderer({
    site: { baseUrl: c.config.publicBaseUrl, screeningWorkingDays: c.config.deadlines.screeningWorkingDays },
    cache: c.config.viewCache,
  });

  async function checkDepartment(input: PersonInput) {
    const { role } = roleOf(input.role);
    if (input.departmentId === undefined) return null;
    if (!(await repo.departmentExists(db, input.departmentId))) throw new ValidationError({ departmentId: "people:errors.departmentUnknown" });
    // An administrator belongs to no department.
    return role === "ADMIN" ? null : input.departmentId;
  }

  /**
   * A new link for a person, sent straight to them rather than through the outbox: the outbox keeps each email's
   * data in the database, and the link must exist only in the email (the database keeps its SHA-256).
   */
  async function sendInvitation(actor: AuditActor, person: { id: number; email: string; name: string }, locale: string) {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(c.now().getTime() + INVITATION_TTL_HOURS * 3600_000);
    await repo.createInvitation(db, { userId: person.id, tokenHash: tokenHashOf(token), expiresAt, createdById: actor.id });
    const mail = renderer.render({
      template: "staff-invitation",
      locale,
      data: { name: person.name, email: person.email, url: `${c.config.publicBaseUrl}/staff/set-password/${token}`, expiresAt: expiresAt.toISOString(), hours: INVITATION_TTL_HOURS },
    });
    try {
      await c.mailer.send({ to: person.email, ...mail });
      return { sent: true, expiresAt };
    } catch (err) {
      c.logger.warn({ userId: person.id, err: (err as Error).message }, "invitation email not sent");
      return { sent: false, expiresAt };
    }
  }

  async function invitation(token: string): Promise<InvitationState> {
    const inv = await repo.findInvitation(db, tokenHashOf(token));
    if (!inv || !inv.user.active) return { kind: "unknown" };
    if (inv.usedAt) return { kind: "used" };
    if (inv.expiresAt.getTime() <= c.now().getTime()) return { kind: "expired" };
    return { kind: "valid", email: inv.user.email, name: inv.user.name };
  }

  return {
    people: () => repo.findPeople(db),
    departments: () => repo.activeDepartments(db),

    async person(id: number) {
      const person = await repo.findPerson(db, id);
      if (!person) throw new NotFoundError("people:notFound");
      return { person, invitationExpiresAt: person.hasPassword ? null : await repo.pendingInvitationExpiry(db, id) };
    },

    async invite(actor: AuditActor, input: InviteInput, locale: string) {
      const departmentId = await checkDepartment(input);
      const person = await db.$transaction(async (tx) => {
        const created = await repo
          .createPerson(tx, { email: input.email, name: input.name, ...roleOf(input.role), departmentId, locale: toLocale(locale) ?? "zh-CN" })
          .catch((err: unknown) => {
            if (sqlState(err) === UNIQUE_VIOLATION) throw new ValidationError({ email: "people:errors.emailTaken" });
            throw err;
          });
        await recordAudit(tx, { actor, action: "user.invite", entity: "User", entityId: created.id, after: auditView(created) });
        return created;
      }, TX_OPTIONS);
      const sent = await sendInvitation(actor, person, locale);
      return { person, ...sent };
    },

    /** A fresh link for someone who has not set a password yet (the old one stops working). */
    async resendInvitation(actor: AuditActor, id: number, locale: string) {
      const person = await repo.findPerson(db, id);
      if (!person) throw new NotFoundError("people:notFound");
      if (person.hasPassword || !person.active) throw new ConflictError("people:errors.cannotResend");
      const sent = await sendInvitation(actor, person, locale);
      await recordAudit(db, { actor, action: "user.reinvite", entity: "User", entityId: id });
      return sent;
    },

    async update(actor: AuditActor, id: number, input: PersonInput) {
      const departmentId = await checkDepartment(input);
      return db.$transaction(async (tx) => {
        const before = await repo.findPerson(tx, id);
        if (!before) throw new NotFoundError("people:notFound");
        const next = roleOf(input.role);
        // Nobody can lock themselves out of the administration by accident.
        if (id === actor.id && next.role !== "ADMIN") throw new ValidationError({ role: "people:errors.ownRole" });
        const after = await repo.updatePerson(tx, id, { name: input.name, ...next, departmentId });
        await recordAudit(tx, { actor, action: "user.update", entity: "User", entityId: id, before: auditView(before), after: auditView(after) });
        return after;
      }, TX_OPTIONS);
    },

    /** Deactivation ends the person's sessions at once (and loadStaffUser refuses the account on any request). */
    async setActive(actor: AuditActor, id: number, active: boolean) {
      if (id === actor.id && !active) throw new ConflictError("people:errors.ownAccount");
      const after = await db.$transaction(async (tx) => {
        const before = await repo.findPerson(tx, id);
        if (!before) throw new NotFoundError("people:notFound");
        if (before.active === active) return before;
        const updated = await repo.updatePerson(tx, id, { active });
        await recordAudit(tx, { actor, action: active ? "user.activate" : "user.deactivate", entity: "User", entityId: id, before: auditView(before), after: auditView(updated) });
        return updated;
      }, TX_OPTIONS);
      if (!active) await endSessionsOf(c.sessionRedis, c.config.redisPrefix, id).catch((err: Error) => c.logger.warn({ userId: id, err: err.message }, "sessions not ended; they end on their next request"));
      return after;
    },

    invitation,

    /** Sets the password behind a link, once. Returns the state that stopped it otherwise. */
    async setPasswordWithToken(token: string, password: string): Promise<InvitationState> {
      const state = await invitation(token);
      if (state.kind !== "valid") return state;
      const passwordHash = await hashPassword(password);
      const inv = await repo.findInvitation(db, tokenHashOf(token));
      if (!inv) return { kind: "unknown" };
      const ok = await db.$transaction(async (tx) => {
        if (!(await repo.useInvitation(tx, inv.id, c.now()))) return false;
        await repo.setPasswordHash(tx, inv.userId, passwordHash);
        await recordAudit(tx, { actor: { id: inv.userId, email: inv.user.email }, action: "user.setPassword", entity: "User", entityId: inv.userId });
        return true;
      }, TX_OPTIONS);
      if (!ok) return { kind: "used" };
      await endSessionsOf(c.sessionRedis, c.config.redisPrefix, inv.userId).catch(() => undefined);
      return state;
    },

    async changeOwnPassword(actor: AuditActor, current: string, password: string) {
      const hash = await repo.findPasswordHash(db, actor.id);
      if (hash === null || !(await verifyPassword(hash, current))) throw new ValidationError({ current: "people:errors.currentWrong" });
      if (current === password) throw new ValidationError({ password: "people:errors.samePassword" });
      const passwordHash = await hashPassword(password);
      await db.$transaction(async (tx) => {
        await repo.setPasswordHash(tx, actor.id, passwordHash);
        await recordAudit(tx, { actor, action: "user.changePassword", entity: "User", entityId: actor.id });
      }, TX_OPTIONS);
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
