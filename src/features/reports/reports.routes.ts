// Staff pages of the policy-conversion report: ask for one, watch it being built (the page refreshes itself with a
// Refresh header, no JavaScript, and it can be turned off), read it (tables and server-drawn SVG charts) and
// download it as CSV, XLSX or PDF.
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { ValidationError } from "../../errors.ts";
import { toLocale, type Locale } from "../../platform/i18n.ts";
import { pathId } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireStaff, staffOf } from "../auth/index.ts";
import { reportCharts } from "./report-charts.ts";
import { parseScope, type ScopeErrors } from "./report-scope.ts";
import { reportTables, scopeLabel } from "./report-tables.ts";
import { streamSuggestionsCsv } from "./suggestions-csv.ts";
import type { DownloadFormat, RunSummary } from "./reports.service.ts";

const FIELDS = ["fromDate", "toDate", "roundId", "departmentId"] as const;
/** Seconds between refreshes of a report still being built. */
const REFRESH_SECONDS = 2;

function localeOf(res: Response): Locale {
  return toLocale(res.locals.locale) ?? "zh-CN";
}

export function reportRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const service = c.services.reports;

  async function renderIndex(req: Request, res: Response, status = 200, values: Record<string, string> = {}, fieldErrors: ScopeErrors = {}) {
    const t = translatorOf(res);
    const user = staffOf(req);
    const [options, runs] = await Promise.all([service.formOptions(user), service.list(user)]);
    const errors: Record<string, string> = {};
    for (const [field, key] of Object.entries(fieldErrors)) errors[field] = t(key);
    const errorList = FIELDS.filter((f) => errors[f]).map((f) => ({ id: `f-${f}`, message: errors[f] as string }));
    const mark = <T extends { id: number }>(list: T[], field: string) => list.map((r) => ({ ...r, selected: values[field] === String(r.id) }));
    const title = t("reports:index.title");
    res.status(status).render("reports/index", {
      title: errorList.length ? `${t("reports:errorTitlePrefix")}${title}` : title,
      values,
      errors,
      errorList,
      rounds: mark(options.rounds, "roundId"),
      departments: mark(options.departments, "departmentId"),
      ownDepartmentOnly: options.ownDepartmentOnly,
      headNote: options.ownDepartmentOnly ? t("reports:index.headNote", { department: options.departments[0]?.name ?? "" }) : null,
      runs: runs.map((r) => describe(r, res)),
    });
  }

  function describe(r: RunSummary, res: Response) {
    const t = translatorOf(res);
    return {
      ...r,
      statusLabel: t(`reports:status.${r.status}`),
      originLabel: t(`reports:index.origin_${r.origin}`),
      scopeText: [r.scope.fromDate || r.scope.toDate ? `${r.scope.fromDate ?? "…"} – ${r.scope.toDate ?? "…"}` : t("reports:allTime")]
        .concat(r.scope.roundId ? [`${t("reports:fields.roundId")} #${r.scope.roundId}`] : [])
        .concat(r.scope.departmentId ? [`${t("reports:fields.departmentId")} #${r.scope.departmentId}`] : [])
        .join(" · "),
    };
  }

  router.get("/staff/reports", requireStaff(), async (req, res) => {
    await renderIndex(req, res);
  });

  router.post("/staff/reports", requireStaff(), csrf.verify, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = Object.fromEntries(FIELDS.map((f) => [f, typeof body[f] === "string" ? (body[f] as string).slice(0, 40) : ""]));
    const parsed = parseScope(body);
    if (!parsed.ok) return renderIndex(req, res, 422, values, parsed.errors);
    try {
      const { id } = await service.request(staffOf(req), parsed.scope);
      res.redirect(303, `/staff/reports/${id}`);
    } catch (err) {
      if (err instanceof ValidationError) return renderIndex(req, res, 422, values, err.fields as ScopeErrors);
      throw err;
    }
  });

  router.get("/staff/reports/:id", requireStaff(), async (req, res) => {
    const t = translatorOf(res);
    const locale = localeOf(res);
    const run = await service.get(staffOf(req), pathId(req.params.id));
    const building = run.status === "QUEUED" || run.status === "RUNNING";
    // The Refresh header reloads the page without JavaScript. Timed reloads must be possible to turn off (WCAG
    // 2.2.1): the page links to itself with ?refresh=off, which sends no header.
    const autoRefresh = building && req.query.refresh !== "off";
    if (autoRefresh) res.setHeader("Refresh", String(REFRESH_SECONDS));
    res.render("reports/show", {
      title: run.data ? `${t("reports:title")} · ${scopeLabel(run.data, locale)}` : t("reports:title"),
      run: describe(run, res),
      building,
      failed: run.status === "FAILED",
      autoRefresh,
      scopeText: run.data ? scopeLabel(run.data, locale) : null,
      generatedAt: run.data?.generatedAt ?? null,
      tables: run.data ? reportTables(run.data, locale) : [],
      charts: run.data ? reportCharts(run.data, locale) : [],
    });
  });

  router.get("/staff/reports/:id/suggestions.csv", requireStaff(), async (req, res) => {
    const id = pathId(req.params.id);
    const scope = await service.scopeOf(staffOf(req), id);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="suggestions-${id}.csv"`);
    await streamSuggestionsCsv(c.config.databaseUrl, scope, localeOf(res), res);
  });

  router.get(/^\/staff\/reports\/(\d{1,9})\/report\.(csv|xlsx|pdf)$/, requireStaff(), async (req, res) => {
    const params = req.params as unknown as Record<string, string>;
    const file = await service.download(staffOf(req), pathId(params[0]), params[1] as DownloadFormat, localeOf(res));
    res.setHeader("Content-Type", file.contentType);
    res.setHeader("Content-Disposition", `attachment; filename="${file.filename}"`);
    res.send(file.body);
  });

  return router;
}
