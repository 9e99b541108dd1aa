// /admin/departments, /admin/categories, /admin/regions: the directory, for administrators. Thin: parse, call the
// service, render or redirect; a form with a problem is shown again with what was typed (422).
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { ValidationError, type FieldErrors } from "../../errors.ts";
import { localizedName } from "../../platform/i18n.ts";
import { errorMessages } from "../../web/form-errors.ts";
import { isTicked, pathId, typedValues } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { actorOf, requireAdmin } from "../auth/index.ts";
import { CATEGORY_FIELDS, DEPARTMENT_FIELDS, LIMITS, parseCategoryForm, parseDepartmentForm, parseRegionForm, REGION_FIELDS } from "./directory.schemas.ts";
import type { DirectoryService } from "./directory.service.ts";
import type { CategoryRow, DepartmentRow, RegionRow } from "./directory.repository.ts";


function asValues(record: object): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === null || v === undefined ? "" : String(v)]));
}

export function directoryRoutes(c: Container, csrf: Csrf, directory: DirectoryService): Router {
  const router = Router();
  const admin = requireAdmin();

  // ---- departments ----
  async function renderDepartment(req: Request, res: Response, opts: { id: number | null; status?: number; values?: Record<string, string>; errors?: FieldErrors; openCases?: Awaited<ReturnType<DirectoryService["department"]>>["openCases"]; confirmDeactivate?: boolean; active?: boolean }) {
    const t = translatorOf(res);
    const locale = String(res.locals.locale ?? "zh-CN");
    const [departments, regions] = await Promise.all([directory.departments(), directory.regions()]);
    const { errors, errorList } = errorMessages(t, opts.errors, DEPARTMENT_FIELDS, LIMITS);
    const title = opts.id === null ? t("directory:department.newTitle") : t("directory:department.editTitle");
    res.status(opts.status ?? 200).render("admin/department", {
      title: errorList.length ? `${t("directory:errorTitlePrefix")}${title}` : title,
      heading: title,
      id: opts.id,
      action: opts.id === null ? "/admin/departments" : `/admin/departments/${opts.id}`,
      values: opts.values ?? {},
      errors,
      errorList,
      limits: LIMITS,
      active: opts.active ?? true,
      // "true" from the saved row, "on" from a form shown again.
      repliesNeedApproval: isTicked(opts.values?.repliesNeedApproval),
      regionOptions: regions.filter((r) => r.level !== "COUNTY").map((r) => ({ value: String(r.id), label: localizedName(r, locale) })),
      parentOptions: departments.filter((d) => d.id !== opts.id).map((d) => ({ value: String(d.id), label: `${localizedName(d, locale)} (${d.code})` })),
      openCases: opts.openCases ?? [],
      confirmDeactivate: opts.confirmDeactivate ?? false,
    });
  }

  router.get("/admin/departments", admin, async (_req, res) => {
    const t = translatorOf(res);
    res.render("admin/departments", { title: t("directory:departments.title"), departments: await directory.departments() });
  });

  router.get("/admin/departments/new", admin, async (req, res) => {
    await renderDepartment(req, res, { id: null });
  });

  router.post("/admin/departments", admin, csrf.verify, async (req, res) => {
    const values = typedValues(req.body, DEPARTMENT_FIELDS, 300);
    const parsed = parseDepartmentForm(req.body);
    if (!parsed.ok) return renderDepartment(req, res, { id: null, status: 422, values, errors: parsed.errors });
    try {
      const created = await directory.createDepartment(actorOf(req), parsed.data);
      res.redirect(303, `/admin/departments/${created.id}?saved=1`);
    } catch (err) {
      if (err instanceof ValidationError) return renderDepartment(req, res, { id: null, status: 422, values, errors: err.fields });
      throw err;
    }
  });

  router.get("/admin/departments/:id", admin, async (req, res) => {
    const id = pathId(req.params.id, "directory:notFound");
    const { department, openCases } = await directory.department(id);
    res.locals.saved = req.query.saved === "1";
    await renderDepartment(req, res, { id, values: asValues(department), openCases, active: department.active });
  });

  router.post("/admin/departments/:id", admin, csrf.verify, async (req, res) => {
    const id = pathId(req.params.id, "directory:notFound");
    const { department, openCases } = await directory.department(id);
    const values = typedValues(req.body, DEPARTMENT_FIELDS, 300);
    const again = (errors: FieldErrors) => renderDepartment(req, res, { id, status: 422, values, errors, openCases, active: department.active });
    const parsed = parseDepartmentForm(req.body);
    if (!parsed.ok) return again(parsed.errors);
    try {
      await directory.updateDepartment(actorOf(req), id, parsed.data);
      res.redirect(303, `/admin/departments/${id}?saved=1`);
    } catch (err) {
      if (err instanceof ValidationError) return again(err.fields);
      throw err;
    }
  });

  router.post("/admin/departments/:id/active", admin, csrf.verify, async (req, res) => {
    const id = pathId(req.params.id, "directory:notFound");
    const body = (req.body ?? {}) as Record<string, unknown>;
    const active = body.active === "true";
    const result = await directory.setDepartmentActive(actorOf(req), id, active, isTicked(body.confirm));
    if ("needsConfirmation" in result) {
      const { department } = await directory.department(id);
      // 409: the request was understood, but the department's open cases have to be acknowledged first.
      return renderDepartment(req, res, { id, status: 409, values: asValues(department), openCases: result.needsConfirmation, confirmDeactivate: true, active: department.active });
    }
    res.redirect(303, `/admin/departments/${id}?saved=1`);
  });

  // ---- categories ----
  async function renderCategory(res: Response, opts: { id: number | null; status?: number; values?: Record<string, string>; errors?: FieldErrors; active?: boolean }) {
    const t = translatorOf(res);
    const { errors, errorList } = errorMessages(t, opts.errors, CATEGORY_FIELDS, LIMITS);
    const title = opts.id === null ? t("directory:category.newTitle") : t("directory:category.editTitle");
    res.status(opts.status ?? 200).render("admin/category", {
      title: errorList.length ? `${t("directory:errorTitlePrefix")}${title}` : title,
      heading: title,
      action: opts.id === null ? "/admin/categories" : `/admin/categories/${opts.id}`,
      values: opts.values ?? { sortOrder: "0" },
      active: opts.active ?? true,
      errors,
      errorList,
      limits: LIMITS,
    });
  }

  router.get("/admin/categories", admin, async (_req, res) => {
    const t = translatorOf(res);
    res.render("admin/categories", { title: t("directory:categories.title"), categories: await directory.categories() });
  });
  router.get("/admin/categories/new", admin, (_req, res) => renderCategory(res, { id: null }));
  router.get("/admin/categories/:id", admin, async (req, res) => {
    const category: CategoryRow = await directory.category(pathId(req.params.id, "directory:notFound"));
    res.locals.saved = req.query.saved === "1";
    await renderCategory(res, { id: category.id, values: asValues(category), active: category.active });
  });
  for (const path of ["/admin/categories", "/admin/categories/:id"]) {
    router.post(path, admin, csrf.verify, async (req, res) => {
      const id = req.params.id === undefined ? null : pathId(req.params.id, "directory:notFound");
      const values = typedValues(req.body, CATEGORY_FIELDS, 300);
      const active = isTicked((req.body as Record<string, unknown>)?.active);
      const parsed = parseCategoryForm(req.body);
      if (!parsed.ok) return renderCategory(res, { id, status: 422, values, errors: parsed.errors, active });
      try {
        const saved = await directory.saveCategory(actorOf(req), id, parsed.data);
        res.redirect(303, `/admin/categories/${saved.id}?saved=1`);
      } catch (err) {
        if (err instanceof ValidationError) return renderCategory(res, { id, status: 422, values, errors: err.fields, active });
        throw err;
      }
    });
  }

  // ---- regions ----
  async function renderRegion(res: Response, opts: { id: number | null; status?: number; values?: Record<string, string>; errors?: FieldErrors; level?: string }) {
    const t = translatorOf(res);
    const locale = String(res.locals.locale ?? "zh-CN");
    const regions = await directory.regions();
    const { errors, errorList } = errorMessages(t, opts.errors, REGION_FIELDS, LIMITS);
    const title = opts.id === null ? t("directory:region.newTitle") : t("directory:region.editTitle");
    res.status(opts.status ?? 200).render("admin/region", {
      title: errorList.length ? `${t("directory:errorTitlePrefix")}${title}` : title,
      heading: title,
      isNew: opts.id === null,
      action: opts.id === null ? "/admin/regions" : `/admin/regions/${opts.id}`,
      values: opts.values ?? {},
      levelLabel: opts.level ? t(`directory:level.${opts.level}`) : "",
      parentOptions: regions.filter((r) => r.level !== "COUNTY").map((r) => ({ value: String(r.id), label: localizedName(r, locale) })),
      errors,
      errorList,
      limits: LIMITS,
    });
  }

  router.get("/admin/regions", admin, async (_req, res) => {
    const t = translatorOf(res);
    const regions = await directory.regions();
    const childrenOf = (id: number) => regions.filter((r) => r.parentId === id);
    const tree = regions
      .filter((r) => r.level === "PROVINCE")
      .map((p) => ({ ...p, cities: childrenOf(p.id).map((city) => ({ ...city, counties: childrenOf(city.id) })) }));
    res.render("admin/regions", { title: t("directory:regions.title"), tree, count: regions.length });
  });
  router.get("/admin/regions/new", admin, (req, res) => {
    const parentId = typeof req.query.parent === "string" && /^\d{1,9}$/.test(req.query.parent) ? req.query.parent : "";
    return renderRegion(res, { id: null, values: { parentId } });
  });
  router.get("/admin/regions/:id", admin, async (req, res) => {
    const region: RegionRow = await directory.region(pathId(req.params.id, "directory:notFound"));
    res.locals.saved = req.query.saved === "1";
    await renderRegion(res, { id: region.id, values: asValues(region), level: region.level });
  });
  router.post("/admin/regions", admin, csrf.verify, async (req, res) => {
    const values = typedValues(req.body, REGION_FIELDS, 300);
    const parsed = parseRegionForm(req.body);
    if (!parsed.ok) return renderRegion(res, { id: null, status: 422, values, errors: parsed.errors });
    try {
      const created = await directory.createRegion(actorOf(req), parsed.data);
      res.redirect(303, `/admin/regions/${created.id}?saved=1`);
    } catch (err) {
      if (err instanceof ValidationError) return renderRegion(res, { id: null, status: 422, values, errors: err.fields });
      throw err;
    }
  });
  router.post("/admin/regions/:id", admin, csrf.verify, async (req, res) => {
    const region = await directory.region(pathId(req.params.id, "directory:notFound"));
    const values = typedValues(req.body, REGION_FIELDS, 300);
    // The level and the parent are fixed once created (moving a county would move its history): only names and code.
    const parsed = parseRegionForm({ ...(req.body as object), parentId: String(region.parentId ?? "") });
    if (!parsed.ok) return renderRegion(res, { id: region.id, status: 422, values, errors: parsed.errors, level: region.level });
    try {
      await directory.updateRegion(actorOf(req), region.id, parsed.data);
      res.redirect(303, `/admin/regions/${region.id}?saved=1`);
    } catch (err) {
      if (err instanceof ValidationError) return renderRegion(res, { id: region.id, status: 422, values, errors: err.fields, level: region.level });
      throw err;
    }
  });

  return router;
}

export type { DepartmentRow };
