// /admin/deadlines (the working-day limits) and /admin/calendar (holidays and make-up working days), for
// administrators; and the notice every staff page shows while a year ahead has no holiday schedule.
import { Router, type NextFunction, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { ValidationError, type FieldErrors } from "../../errors.ts";
import { hasOfficialCalendar, isCalendarDate, shanghaiDateString } from "../../platform/working-days.ts";
import { errorMessages } from "../../web/form-errors.ts";
import { typedValues } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { actorOf, requireStaff } from "../auth/index.ts";
import { DAY_FIELDS, MAX_LIMIT_DAYS, parseDayForm, parseSettingsForm } from "./deadline-admin.schemas.ts";
import type { DeadlineAdmin } from "./deadline-admin.service.ts";
import { EDITABLE_SETTINGS } from "./deadlines.ts";


/** Staff pages say when deadlines ahead fall in a year whose holidays nobody has entered (see CONTEXT.md). */
export function calendarNotice(admin: DeadlineAdmin) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.staff) {
      const years = admin.missingYears();
      if (years.length > 0) {
        res.locals.calendarNotice = {
          text: translatorOf(res)("deadlines:notice", { years: years.join("、") }),
          link: req.staff.role === "ADMIN" ? `/admin/calendar?year=${years[0]}` : null,
        };
      }
    }
    next();
  };
}

export function deadlineAdminRoutes(c: Container, csrf: Csrf, admin: DeadlineAdmin): Router {
  const router = Router();
  const onlyAdmin = requireStaff("ADMIN");

  function renderSettings(res: Response, opts: { status?: number; values?: Record<string, string>; errors?: FieldErrors; saved?: boolean } = {}) {
    const t = translatorOf(res);
    const { current, defaults } = admin.settings();
    const { errors, errorList } = errorMessages(t, opts.errors, EDITABLE_SETTINGS, { max: MAX_LIMIT_DAYS });
    res.status(opts.status ?? 200).render("admin/deadlines", {
      title: t("deadlines:settings.title"),
      fields: EDITABLE_SETTINGS.map((key) => ({
        key,
        id: `f-${key}`,
        label: t(`deadlines:settings.${key}`),
        hint: t("deadlines:settings.defaultHint", { days: defaults[key] }),
        value: opts.values?.[key] ?? String(current[key]),
        error: errors[key],
      })),
      errorList,
      max: MAX_LIMIT_DAYS,
      saved: opts.saved ?? false,
    });
  }

  router.get("/admin/deadlines", onlyAdmin, (req, res) => renderSettings(res, { saved: req.query.saved === "1" }));

  router.post("/admin/deadlines", onlyAdmin, csrf.verify, async (req, res) => {
    const parsed = parseSettingsForm(req.body);
    if (!parsed.ok) return renderSettings(res, { status: 422, values: typedValues(req.body, EDITABLE_SETTINGS, 20), errors: parsed.errors });
    await admin.saveSettings(actorOf(req), parsed.data);
    res.redirect(303, "/admin/deadlines?saved=1");
  });

  async function renderCalendar(req: Request, res: Response, opts: { status?: number; values?: Record<string, string>; errors?: FieldErrors } = {}) {
    const t = translatorOf(res);
    const thisYear = Number(shanghaiDateString(c.now()).slice(0, 4));
    const raw = typeof req.query.year === "string" && /^\d{4}$/.test(req.query.year) ? Number(req.query.year) : thisYear + 1;
    const year = Math.min(Math.max(raw, 2000), 2100);
    const days = await admin.days(year);
    const { errors, errorList } = errorMessages(t, opts.errors, DAY_FIELDS);
    res.status(opts.status ?? 200).render("admin/calendar", {
      title: t("deadlines:calendar.title"),
      year,
      prevYear: year - 1,
      nextYear: year + 1,
      missing: !hasOfficialCalendar(year),
      days: days.map((d) => ({ ...d, kindLabel: t(`deadlines:kind.${d.kind}`) })),
      values: opts.values ?? { date: `${year}-01-01`, kind: "HOLIDAY" },
      kindOptions: ["HOLIDAY", "WORKDAY"].map((k) => ({ value: k, label: t(`deadlines:kind.${k}`) })),
      errors,
      errorList,
      saved: req.query.saved === "1",
    });
  }

  router.get("/admin/calendar", onlyAdmin, (req, res) => renderCalendar(req, res));

  router.post("/admin/calendar", onlyAdmin, csrf.verify, async (req, res) => {
    const values = typedValues(req.body, DAY_FIELDS, 100);
    const parsed = parseDayForm(req.body);
    if (!parsed.ok) return renderCalendar(req, res, { status: 422, values, errors: parsed.errors });
    try {
      await admin.addDay(actorOf(req), parsed.data);
    } catch (err) {
      if (err instanceof ValidationError) return renderCalendar(req, res, { status: 422, values, errors: err.fields });
      throw err;
    }
    res.redirect(303, `/admin/calendar?year=${parsed.data.date.slice(0, 4)}&saved=1`);
  });

  router.post("/admin/calendar/:date/delete", onlyAdmin, csrf.verify, async (req, res) => {
    const date = String(req.params.date);
    if (isCalendarDate(date)) await admin.removeDay(actorOf(req), date);
    res.redirect(303, `/admin/calendar?year=${date.slice(0, 4)}&saved=1`);
  });

  return router;
}
