// The administration's round pages (/admin/rounds…) and the office's round overview (/staff/rounds/:id). Thin:
// parse, call the service, render or redirect. A refused save (invalid, or someone saved first) shows the form again
// with what was typed.
import { mkdirSync } from "node:fs";
import { Router, type NextFunction, type Request, type Response } from "express";
import multer from "multer";
import type { Container } from "../../container.ts";
import { NotFoundError, ValidationError, type FieldErrors } from "../../errors.ts";
import { localizedName } from "../../platform/i18n.ts";
import { errorMessages } from "../../web/form-errors.ts";
import { idInput, pathId } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { actorOf, isAdmin, requireAdmin, requireOfficeStaff, staffOf } from "../auth/index.ts";
import { uploadTempDir } from "../submissions/index.ts";
import type { AdminRound } from "./round-admin.repository.ts";
import { COVER_MAX_BYTES, StaleRoundError, type RoundAction } from "./round-admin.service.ts";
import { parseOverviewQuery } from "./round-overview.service.ts";
import {
  parseResultsForm, parseRoundForm, resultsFormValues, ROUND_FIELDS, ROUND_LIMITS, roundFormValues, shanghaiInputValue, topicLines,
} from "./rounds.schemas.ts";

const roundId = (raw: unknown) => pathId(raw, "rounds:notFound");
const ACTION_NAMES = new Set<string>(["schedule", "unschedule", "open", "close", "archive"]);

/** A saved round as the form's values. */
function valuesOf(round: AdminRound): Record<string, string> {
  return {
    code: round.code,
    title: round.title,
    titleEn: round.titleEn,
    body: round.body,
    bodyEn: round.bodyEn,
    wanted: round.wanted,
    wantedEn: round.wantedEn,
    excluded: round.excluded,
    excludedEn: round.excludedEn,
    resultsUse: round.resultsUse,
    resultsUseEn: round.resultsUseEn,
    topics: topicLines(round.topics),
    ownerDepartmentId: String(round.ownerDepartmentId),
    opensAt: shanghaiInputValue(round.opensAt),
    closesAt: shanghaiInputValue(round.closesAt),
    publishAdopted: round.publishAdopted ? "on" : "",
    version: String(round.version),
  };
}

export function roundAdminRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const admin = c.services.roundAdmin;
  const overviews = c.services.roundOverview;
  const tempDir = uploadTempDir(c.config.uploadDir);
  mkdirSync(tempDir, { recursive: true });
  const coverUpload = multer({
    storage: multer.diskStorage({ destination: tempDir }),
    limits: { fileSize: COVER_MAX_BYTES, files: 1, fields: 5, parts: 8 },
  }).single("cover");

  async function renderForm(
    req: Request,
    res: Response,
    status: number,
    opts: { round?: AdminRound; values?: Record<string, string>; errors?: FieldErrors; notice?: string; coverError?: string; success?: string },
  ) {
    const t = translatorOf(res);
    const { round } = opts;
    const departments = await admin.departments();
    const { errors, errorList } = errorMessages(t, opts.errors, ROUND_FIELDS, { ...ROUND_LIMITS });
    const heading = round ? t("rounds:admin.edit.heading", { title: localizedName({ name: round.title, nameEn: round.titleEn }, req.locale) }) : t("rounds:admin.new.heading");
    res.status(status).render("rounds/admin/form", {
      title: `${errorList.length || opts.notice ? t("rounds:admin.errorTitlePrefix") : ""}${heading}`,
      heading,
      round,
      action: round ? `/admin/rounds/${round.id}` : "/admin/rounds",
      values: opts.values ?? (round ? valuesOf(round) : {}),
      departmentOptions: departments.map((d) => ({ id: d.id, label: localizedName(d, req.locale) })),
      errors,
      errorList,
      notice: opts.notice,
      success: opts.success,
      coverError: opts.coverError,
      limits: ROUND_LIMITS,
      timesLocked: round ? round.status === "CLOSED" || round.status === "ARCHIVED" : false,
      opensLocked: round ? round.status !== "DRAFT" && round.status !== "SCHEDULED" : false,
      statusLabel: round ? t(`rounds:status.${round.status}`) : null,
      actions: round
        ? admin.actionsOf(round.status).map((a) => ({ name: a, label: t(`rounds:admin.actions.${a}`), hint: t(`rounds:admin.actionHints.${a}`) }))
        : [],
      canWriteResults: round ? round.status === "CLOSED" || round.status === "ARCHIVED" : false,
    });
  }

  // The same list for administrators (who edit rounds) and for coordinators (who follow them in the overview).
  async function renderList(req: Request, res: Response, forAdmin: boolean) {
    const t = translatorOf(res);
    const rounds = await admin.list();
    res.render("rounds/admin/index", {
      title: t(forAdmin ? "rounds:admin.index.title" : "rounds:overview.listTitle"),
      forAdmin,
      rounds: rounds.map((r) => ({
        ...r,
        statusLabel: t(`rounds:status.${r.status}`),
        received: r._count.suggestions,
        href: forAdmin ? `/admin/rounds/${r.id}` : `/staff/rounds/${r.id}`,
      })),
    });
  }

  router.get("/admin/rounds", requireAdmin(), (req, res) => renderList(req, res, true));
  router.get("/staff/rounds", requireOfficeStaff(), (req, res) => renderList(req, res, false));

  router.get("/admin/rounds/new", requireAdmin(), async (req, res) => {
    await renderForm(req, res, 200, {});
  });

  router.post("/admin/rounds", requireAdmin(), csrf.verify, async (req, res) => {
    const parsed = parseRoundForm(req.body);
    const values = roundFormValues(req.body);
    if (!parsed.ok) return renderForm(req, res, 422, { values, errors: parsed.errors });
    try {
      const { id } = await admin.create(actorOf(req), parsed.data);
      res.redirect(303, `/admin/rounds/${id}?saved=1`);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(req, res, 422, { values, errors: err.fields });
      throw err;
    }
  });

  router.get("/admin/rounds/:id", requireAdmin(), async (req, res) => {
    const round = await admin.get(roundId(req.params.id));
    const t = translatorOf(res);
    const done = typeof req.query.done === "string" && (ACTION_NAMES.has(req.query.done) || req.query.done === "cover") ? req.query.done : null;
    const success = req.query.saved ? t("rounds:admin.saved") : done ? t(`rounds:admin.done.${done}`) : undefined;
    await renderForm(req, res, 200, { round, ...(success ? { success } : {}) });
  });

  router.post("/admin/rounds/:id", requireAdmin(), csrf.verify, async (req, res) => {
    const id = roundId(req.params.id);
    const values = roundFormValues(req.body);
    const parsed = parseRoundForm(req.body);
    if (!parsed.ok) return renderForm(req, res, 422, { round: await admin.get(id), values, errors: parsed.errors });
    try {
      await admin.update(actorOf(req), id, parsed.data);
      res.redirect(303, `/admin/rounds/${id}?saved=1`);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(req, res, 422, { round: await admin.get(id), values, errors: err.fields });
      if (err instanceof StaleRoundError) {
        // Nothing lost: the form comes back with what was typed, against the current version.
        const round = await admin.get(id);
        return renderForm(req, res, 409, { round, values: { ...values, version: String(round.version) }, notice: translatorOf(res)(err.messageKey) });
      }
      throw err;
    }
  });

  router.post("/admin/rounds/:id/actions/:action", requireAdmin(), csrf.verify, async (req, res) => {
    const id = roundId(req.params.id);
    const action = String(req.params.action);
    if (!ACTION_NAMES.has(action)) throw new NotFoundError();
    try {
      await admin.act(actorOf(req), id, action as RoundAction, idInput((req.body as Record<string, unknown>).version));
      res.redirect(303, `/admin/rounds/${id}?done=${action}`);
    } catch (err) {
      if (err instanceof StaleRoundError || (err as { status?: number }).status === 409) {
        return renderForm(req, res, 409, { round: await admin.get(id), notice: translatorOf(res)((err as StaleRoundError).messageKey) });
      }
      throw err;
    }
  });

  // Multipart: the CSRF token arrives in the body, so it is checked after parsing.
  router.post(
    "/admin/rounds/:id/cover",
    requireAdmin(),
    (req: Request, res: Response, next: NextFunction) => {
      coverUpload(req, res, (err?: unknown) => {
        if (err instanceof multer.MulterError) {
          res.locals.coverError = err.code === "LIMIT_FILE_SIZE" ? "rounds:admin.errors.coverTooBig" : "rounds:admin.errors.coverType";
          return next();
        }
        next(err);
      });
    },
    csrf.verify,
    async (req, res) => {
      const id = roundId(req.params.id);
      const t = translatorOf(res);
      if (res.locals.coverError) return renderForm(req, res, 422, { round: await admin.get(id), coverError: t(res.locals.coverError as string) });
      const body = req.body as Record<string, unknown>;
      const remove = body.remove === "1";
      const file = req.file ? { tempPath: req.file.path, size: req.file.size } : null;
      if (!file && !remove) return renderForm(req, res, 422, { round: await admin.get(id), coverError: t("rounds:admin.errors.coverRequired") });
      try {
        await admin.setCover(actorOf(req), id, idInput(body.version), remove ? null : file);
        res.redirect(303, `/admin/rounds/${id}?done=cover`);
      } catch (err) {
        if (err instanceof ValidationError) return renderForm(req, res, 422, { round: await admin.get(id), coverError: t(err.fields.cover ?? "errors:validation") });
        if (err instanceof StaleRoundError) return renderForm(req, res, 409, { round: await admin.get(id), notice: t(err.messageKey) });
        throw err;
      }
    },
  );

  async function renderResults(req: Request, res: Response, id: number, status: number, opts: { values?: Record<string, string>; errors?: FieldErrors; notice?: string; success?: string } = {}) {
    const t = translatorOf(res);
    const round = await admin.get(id);
    const codes = await admin.highlightCodes(id);
    const { errors, errorList } = errorMessages(t, opts.errors, ["resultsSummary", "resultsSummaryEn", "highlights"], { ...ROUND_LIMITS });
    const heading = t("rounds:admin.results.heading", { title: localizedName({ name: round.title, nameEn: round.titleEn }, req.locale) });
    res.status(status).render("rounds/admin/results", {
      title: `${errorList.length || opts.notice ? t("rounds:admin.errorTitlePrefix") : ""}${heading}`,
      heading,
      round,
      open: round.status !== "CLOSED" && round.status !== "ARCHIVED",
      values: opts.values ?? {
        resultsSummary: round.resultsSummary,
        resultsSummaryEn: round.resultsSummaryEn,
        highlights: codes.join("\n"),
        version: String(round.version),
      },
      errors,
      errorList,
      notice: opts.notice,
      success: opts.success,
      limits: ROUND_LIMITS,
    });
  }

  router.get("/admin/rounds/:id/results", requireAdmin(), async (req, res) => {
    await renderResults(req, res, roundId(req.params.id), 200, req.query.saved ? { success: translatorOf(res)("rounds:admin.results.saved") } : {});
  });

  router.post("/admin/rounds/:id/results", requireAdmin(), csrf.verify, async (req, res) => {
    const id = roundId(req.params.id);
    const values = resultsFormValues(req.body);
    const parsed = parseResultsForm(req.body);
    if (!parsed.ok) return renderResults(req, res, id, 422, { values, errors: parsed.errors });
    try {
      await admin.saveResults(actorOf(req), id, parsed.data);
      res.redirect(303, `/admin/rounds/${id}/results?saved=1`);
    } catch (err) {
      if (err instanceof ValidationError) return renderResults(req, res, id, 422, { values, errors: err.fields });
      if ((err as { status?: number }).status === 409) {
        return renderResults(req, res, id, 409, { values, notice: translatorOf(res)((err as StaleRoundError).messageKey) });
      }
      throw err;
    }
  });

  router.get("/staff/rounds/:id", requireOfficeStaff(), async (req, res) => {
    const t = translatorOf(res);
    const id = roundId(req.params.id);
    const query = parseOverviewQuery(req.query);
    const view = await overviews.overview(id, query);
    const locale = req.locale;
    const params = (extra: Record<string, string | number | undefined>) => {
      const p = new URLSearchParams();
      const all: Record<string, string | number | undefined> = { status: query.status, topic: query.topicId, category: query.categoryId, department: query.departmentId, ...extra };
      for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== "") p.set(k, String(v));
      const s = p.toString();
      return `/staff/rounds/${id}${s ? `?${s}` : ""}`;
    };
    const maxDay = Math.max(1, ...view.perDay.map((d) => d.count));
    res.render("rounds/overview", {
      title: t("rounds:overview.title", { title: localizedName({ name: view.round.title, nameEn: view.round.titleEn }, locale) }),
      round: view.round,
      statusLabel: t(`rounds:status.${view.round.status}`),
      isAdmin: isAdmin(staffOf(req)),
      received: view.received,
      perDay: view.perDay.map((d) => ({ ...d, width: Math.round((d.count / maxDay) * 100) })),
      perTopic: view.perTopic,
      withoutTopic: view.withoutTopic,
      perStatus: view.perStatus.map((s) => ({ ...s, label: t(`casework:status.${s.status}`), url: params({ status: s.status, page: undefined }) })),
      perDepartment: view.perDepartment.map((d) => ({ ...d, label: localizedName(d, locale), inboxUrl: `/staff/inbox?department=${d.id}&round=${id}&status=all` })),
      unassigned: view.unassigned,
      statusOptions: Object.keys(t("casework:status", { returnObjects: true }) as Record<string, string>).map((s) => ({
        value: s, label: t(`casework:status.${s}`), selected: s === query.status,
      })),
      topicOptions: view.round.topics.map((tp) => ({ id: tp.id, label: localizedName({ name: tp.title, nameEn: tp.titleEn }, locale), selected: tp.id === query.topicId })),
      categoryOptions: view.categories.map((cat) => ({ id: cat.id, label: localizedName(cat, locale), selected: cat.id === query.categoryId })),
      departmentOptions: view.departments.map((d) => ({ id: d.id, label: localizedName(d, locale), selected: d.id === query.departmentId })),
      filtered: query.status !== undefined || query.topicId !== undefined || query.categoryId !== undefined || query.departmentId !== undefined,
      resetUrl: `/staff/rounds/${id}`,
      suggestions: view.suggestions.map((s) => ({
        ...s,
        statusLabel: t(`casework:status.${s.status}`),
        topicName: s.topic ? localizedName({ name: s.topic.title, nameEn: s.topic.titleEn }, locale) : "",
        categoryName: localizedName(s.category, locale),
        departmentName: s.leadDepartment ? localizedName(s.leadDepartment, locale) : "",
      })),
      total: view.total,
      page: query.page,
      pageCount: view.pageCount,
      prevUrl: query.page > 1 ? params({ page: query.page - 1 }) : null,
      nextUrl: query.page < view.pageCount ? params({ page: query.page + 1 }) : null,
    });
  });

  return router;
}
