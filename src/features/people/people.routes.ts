// /admin/people (administrators: invite, edit, deactivate), /staff/set-password/<token> (the invitation link, no
// session needed) and /staff/password (everyone signed in: their own password).
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { AppError, ValidationError, type FieldErrors } from "../../errors.ts";
import { localizedName } from "../../platform/i18n.ts";
import { errorMessages } from "../../web/form-errors.ts";
import { pathId, typedValues } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { actorOf, requireStaff, staffOf } from "../auth/index.ts";
import {
  LIMITS, parseChangePassword, parseInviteForm, parseNewPassword, parsePersonForm, PASSWORD_FIELDS, PERSON_FIELDS, ROLE_CHOICES, roleChoiceOf,
} from "./people.schemas.ts";
import type { InvitationState, PeopleService } from "./people.service.ts";

const TOKEN = /^[\w-]{20,100}$/;

export function peopleRoutes(c: Container, csrf: Csrf, people: PeopleService): Router {
  const router = Router();
  const admin = requireStaff("ADMIN");

  async function renderPerson(req: Request, res: Response, opts: { id: number | null; status?: number; values?: Record<string, string>; errors?: FieldErrors; extra?: Record<string, unknown> }) {
    const t = translatorOf(res);
    const locale = String(res.locals.locale ?? "zh-CN");
    const departments = await people.departments();
    const { errors, errorList } = errorMessages(t, opts.errors, PERSON_FIELDS, LIMITS);
    const title = opts.id === null ? t("people:new.title") : t("people:edit.title");
    res.status(opts.status ?? 200).render("admin/person", {
      title: errorList.length ? `${t("people:errorTitlePrefix")}${title}` : title,
      heading: title,
      id: opts.id,
      isNew: opts.id === null,
      action: opts.id === null ? "/admin/people" : `/admin/people/${opts.id}`,
      values: opts.values ?? {},
      errors,
      errorList,
      limits: LIMITS,
      roleOptions: ROLE_CHOICES.map((r) => ({ value: r, label: t(`people:role.${r}`) })),
      departmentOptions: departments.map((d) => ({ value: String(d.id), label: `${localizedName(d, locale)} (${d.code})` })),
      ...opts.extra,
    });
  }

  router.get("/admin/people", admin, async (_req, res) => {
    const t = translatorOf(res);
    const list = await people.people();
    res.render("admin/people", {
      title: t("people:index.title"),
      people: list.map((p) => ({ ...p, roleLabel: t(`people:role.${roleChoiceOf(p)}`) })),
    });
  });

  router.get("/admin/people/new", admin, (req, res) => renderPerson(req, res, { id: null }));

  router.post("/admin/people", admin, csrf.verify, async (req, res) => {
    const values = typedValues(req.body, PERSON_FIELDS, 300);
    const parsed = parseInviteForm(req.body);
    if (!parsed.ok) return renderPerson(req, res, { id: null, status: 422, values, errors: parsed.errors });
    try {
      const { person, sent } = await people.invite(actorOf(req), parsed.data, String(res.locals.locale ?? "zh-CN"));
      res.redirect(303, `/admin/people/${person.id}?invited=${sent ? "sent" : "failed"}`);
    } catch (err) {
      if (err instanceof ValidationError) return renderPerson(req, res, { id: null, status: 422, values, errors: err.fields });
      throw err;
    }
  });

  async function showPerson(req: Request, res: Response, id: number, status = 200, values?: Record<string, string>, errors?: FieldErrors, notice?: string) {
    const { person, invitationExpiresAt } = await people.person(id);
    const t = translatorOf(res);
    const invited = req.query.invited === "sent" ? "sent" : req.query.invited === "failed" ? "failed" : null;
    await renderPerson(req, res, {
      id,
      status,
      values: values ?? { email: person.email, name: person.name, role: roleChoiceOf(person), departmentId: person.departmentId ? String(person.departmentId) : "" },
      errors,
      extra: {
        person,
        isSelf: person.id === staffOf(req).id,
        invitationExpiresAt,
        invitedSent: invited === "sent",
        invitedFailed: invited === "failed",
        saved: req.query.saved === "1",
        notice: notice ? t(notice) : null,
      },
    });
  }

  router.get("/admin/people/:id", admin, (req, res) => showPerson(req, res, pathId(req.params.id, "people:notFound")));

  router.post("/admin/people/:id", admin, csrf.verify, async (req, res) => {
    const id = pathId(req.params.id, "people:notFound");
    const values = typedValues(req.body, PERSON_FIELDS, 300);
    const parsed = parsePersonForm(req.body);
    if (!parsed.ok) return showPerson(req, res, id, 422, values, parsed.errors);
    try {
      await people.update(actorOf(req), id, parsed.data);
      res.redirect(303, `/admin/people/${id}?saved=1`);
    } catch (err) {
      if (err instanceof ValidationError) return showPerson(req, res, id, 422, values, err.fields);
      throw err;
    }
  });

  router.post("/admin/people/:id/active", admin, csrf.verify, async (req, res) => {
    const id = pathId(req.params.id, "people:notFound");
    try {
      await people.setActive(actorOf(req), id, (req.body as Record<string, unknown>)?.active === "true");
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return showPerson(req, res, id, 409, undefined, undefined, err.messageKey);
      throw err;
    }
    res.redirect(303, `/admin/people/${id}?saved=1`);
  });

  router.post("/admin/people/:id/invitation", admin, csrf.verify, async (req, res) => {
    const id = pathId(req.params.id, "people:notFound");
    try {
      const { sent } = await people.resendInvitation(actorOf(req), id, String(res.locals.locale ?? "zh-CN"));
      res.redirect(303, `/admin/people/${id}?invited=${sent ? "sent" : "failed"}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return showPerson(req, res, id, 409, undefined, undefined, err.messageKey);
      throw err;
    }
  });

  // ---- the invitation link ----
  function renderSetPassword(res: Response, token: string, state: InvitationState, opts: { status?: number; errors?: FieldErrors } = {}) {
    const t = translatorOf(res);
    const { errors, errorList } = errorMessages(t, opts.errors, PASSWORD_FIELDS, LIMITS);
    // 410 Gone: the link existed and will never work again; the page says what to do instead.
    const status = state.kind === "valid" ? (opts.status ?? 200) : state.kind === "unknown" ? 404 : 410;
    res.status(status).render("staff/set-password", {
      title: t("people:setPassword.title"),
      state: state.kind,
      valid: state.kind === "valid",
      stateMessage: state.kind === "valid" ? null : t(`people:setPassword.${state.kind}`),
      person: state.kind === "valid" ? state : null,
      action: `/staff/set-password/${token}`,
      errors,
      errorList,
      limits: LIMITS,
    });
  }

  router.get("/staff/set-password/:token", async (req, res) => {
    const token = String(req.params.token);
    res.setHeader("Cache-Control", "no-store");
    renderSetPassword(res, token, TOKEN.test(token) ? await people.invitation(token) : { kind: "unknown" });
  });

  router.post("/staff/set-password/:token", csrf.verify, async (req, res) => {
    const token = String(req.params.token);
    res.setHeader("Cache-Control", "no-store");
    if (!TOKEN.test(token)) return renderSetPassword(res, token, { kind: "unknown" });
    const parsed = parseNewPassword(req.body);
    if (!parsed.ok) return renderSetPassword(res, token, await people.invitation(token), { status: 422, errors: parsed.errors });
    const state = await people.setPasswordWithToken(token, parsed.data.password);
    if (state.kind !== "valid") return renderSetPassword(res, token, state);
    res.redirect(303, "/staff/sign-in?passwordSet=1");
  });

  // ---- one's own password ----
  function renderPassword(res: Response, opts: { status?: number; errors?: FieldErrors; saved?: boolean } = {}) {
    const t = translatorOf(res);
    const { errors, errorList } = errorMessages(t, opts.errors, PASSWORD_FIELDS, LIMITS);
    res.status(opts.status ?? 200).render("staff/password", {
      title: errorList.length ? `${t("people:errorTitlePrefix")}${t("people:password.title")}` : t("people:password.title"),
      errors,
      errorList,
      limits: LIMITS,
      saved: opts.saved ?? false,
    });
  }

  router.get("/staff/password", requireStaff(), (req, res) => renderPassword(res, { saved: req.query.saved === "1" }));

  router.post("/staff/password", requireStaff(), csrf.verify, async (req, res) => {
    const parsed = parseChangePassword(req.body);
    if (!parsed.ok) return renderPassword(res, { status: 422, errors: parsed.errors });
    try {
      await people.changeOwnPassword(actorOf(req), parsed.data.current, parsed.data.password);
      res.redirect(303, "/staff/password?saved=1");
    } catch (err) {
      if (err instanceof ValidationError) return renderPassword(res, { status: 422, errors: err.fields });
      throw err;
    }
  });

  return router;
}
