// /admin/rules: the routing rules, an ordered list edited by administrators, and /admin/rules/try, the "try it" box
// (a GET form: it changes nothing). Thin: parse, call the service, render or redirect.
import { Router, type Response } from "express";
import type { Container } from "../../container.ts";
import { ValidationError, type FieldErrors } from "../../errors.ts";
import { localizedField, localizedName, namePath } from "../../platform/i18n.ts";
import { errorMessages } from "../../web/form-errors.ts";
import { pathId, typedValues } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { actorOf, requireAdmin } from "../auth/index.ts";
import { describeRoutingReason } from "./routing-reason.ts";
import { parseRuleForm, parseTryForm, RULE_FIELDS, RULE_LIMITS, TRY_FIELDS } from "./rules.schemas.ts";
import type { RuleAdminService } from "./rules.service.ts";
import type { RuleRow } from "./rules.repository.ts";


type Choices = Awaited<ReturnType<RuleAdminService["choices"]>>;

function options(choices: Choices, locale: string) {
  const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const regions = byId(choices.regions);
  return {
    departmentOptions: choices.departments.filter((d) => d.active).map((d) => ({ value: String(d.id), label: `${localizedName(d, locale)} (${d.code})` })),
    categoryOptions: choices.categories.map((x) => ({ value: String(x.id), label: localizedName(x, locale) })),
    regionOptions: choices.regions.map((r) => ({ value: String(r.id), label: r.level === "COUNTY" ? `— ${localizedName(r, locale)}` : localizedName(r, locale) })),
    roundOptions: choices.rounds.map((r) => ({ value: String(r.id), label: localizedField(r, "title", locale) })),
    departments: byId(choices.departments),
    categories: byId(choices.categories),
    regions,
    rounds: byId(choices.rounds),
  };
}

export function ruleRoutes(c: Container, csrf: Csrf, rules: RuleAdminService): Router {
  const router = Router();
  const admin = requireAdmin();

  function describe(rule: RuleRow, o: ReturnType<typeof options>, locale: string) {
    const name = (m: Map<number, { name: string; nameEn: string }>, id: number | null) => (id === null ? null : localizedName(m.get(id), locale));
    return {
      ...rule,
      round: rule.roundId === null ? null : localizedField(o.rounds.get(rule.roundId), "title", locale),
      category: name(o.categories, rule.categoryId),
      region: name(o.regions, rule.regionId),
      lead: name(o.departments, rule.departmentId),
      leadInactive: o.departments.get(rule.departmentId)?.active === false,
      assists: rule.assistDepartmentIds.map((id) => name(o.departments, id)).join("、"),
      keywordList: rule.keywords.join("、"),
    };
  }

  router.get("/admin/rules", admin, async (_req, res) => {
    const t = translatorOf(res);
    const locale = String(res.locals.locale ?? "zh-CN");
    const [list, choices] = await Promise.all([rules.rules(), rules.choices()]);
    const o = options(choices, locale);
    res.render("admin/rules", {
      title: t("rules:index.title"),
      rules: list.map((r, i) => ({ ...describe(r, o, locale), position: i + 1, first: i === 0, last: i === list.length - 1 })),
      saved: _req.query.saved === "1",
    });
  });

  async function renderRule(res: Response, opts: { id: number | null; status?: number; values?: Record<string, unknown>; errors?: FieldErrors }) {
    const t = translatorOf(res);
    const locale = String(res.locals.locale ?? "zh-CN");
    const o = options(await rules.choices(), locale);
    const { errors, errorList } = errorMessages(t, opts.errors, RULE_FIELDS, RULE_LIMITS);
    const title = opts.id === null ? t("rules:new.title") : t("rules:edit.title");
    res.status(opts.status ?? 200).render("admin/rule", {
      title: errorList.length ? `${t("rules:errorTitlePrefix")}${title}` : title,
      heading: title,
      id: opts.id,
      action: opts.id === null ? "/admin/rules" : `/admin/rules/${opts.id}`,
      values: opts.values ?? { priority: "100", active: true },
      errors,
      errorList,
      limits: RULE_LIMITS,
      ...o,
    });
  }

  function formValues(body: unknown): Record<string, unknown> {
    const values: Record<string, unknown> = typedValues(body, RULE_FIELDS, 5_000);
    const raw = (body ?? {}) as Record<string, unknown>;
    values.assistDepartmentIds = ([] as unknown[]).concat(raw.assistDepartmentIds ?? []).map(String);
    values.active = raw.active !== undefined;
    return values;
  }

  router.get("/admin/rules/new", admin, (_req, res) => renderRule(res, { id: null }));

  router.get("/admin/rules/try", admin, async (req, res) => {
    const t = translatorOf(res);
    const locale = String(res.locals.locale ?? "zh-CN");
    const choices = await rules.choices();
    const o = options(choices, locale);
    const asked = Object.keys(req.query).some((k) => (TRY_FIELDS as readonly string[]).includes(k));
    const values = typedValues(req.query, TRY_FIELDS, 5_000);
    let result: Record<string, unknown> | null = null;
    let fieldErrors: FieldErrors | undefined;
    if (asked) {
      const parsed = parseTryForm(req.query);
      if (!parsed.ok) fieldErrors = parsed.errors;
      else {
        try {
          const tried = await rules.tryRoute(parsed.data);
          const d = tried.decision;
          const region = o.regions.get(parsed.data.regionId);
          const category = o.categories.get(parsed.data.categoryId);
          const round = parsed.data.roundId === undefined ? null : o.rounds.get(parsed.data.roundId) ?? null;
          result = {
            matched: d !== null,
            lead: d ? localizedName(o.departments.get(d.departmentId), locale) : null,
            assists: d ? d.assistDepartmentIds.map((id) => localizedName(o.departments.get(id), locale)).join("、") : "",
            ruleId: d?.reason.ruleId ?? null,
            why: describeRoutingReason(
              {
                routingState: d ? "ROUTED" : "TRIAGE",
                routingReason: d ? JSON.stringify(d.reason) : null,
                round,
                category: category ?? { name: "", nameEn: "" },
                region: region ? { name: namePath({ ...region, parent: null }, locale), nameEn: region.nameEn } : { name: "", nameEn: "" },
              },
              t,
              locale,
            ),
            tokens: tried.tokens.join(" / "),
          };
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          fieldErrors = err.fields;
        }
      }
    }
    const { errors, errorList } = errorMessages(t, fieldErrors, TRY_FIELDS, RULE_LIMITS);
    res.status(errorList.length ? 422 : 200).render("admin/rules-try", {
      title: t("rules:try.title"),
      values,
      errors,
      errorList,
      result,
      limits: RULE_LIMITS,
      ...o,
    });
  });

  router.get("/admin/rules/:id", admin, async (req, res) => {
    const rule = await rules.rule(pathId(req.params.id, "rules:notFound"));
    res.locals.saved = req.query.saved === "1";
    await renderRule(res, {
      id: rule.id,
      values: {
        ...Object.fromEntries(Object.entries(rule).map(([k, v]) => [k, v === null ? "" : String(v)])),
        keywords: rule.keywords.join("、"),
        assistDepartmentIds: rule.assistDepartmentIds.map(String),
        active: rule.active,
      },
    });
  });

  for (const path of ["/admin/rules", "/admin/rules/:id"]) {
    router.post(path, admin, csrf.verify, async (req, res) => {
      const id = req.params.id === undefined ? null : pathId(req.params.id, "rules:notFound");
      const values = formValues(req.body);
      const parsed = parseRuleForm(req.body);
      if (!parsed.ok) return renderRule(res, { id, status: 422, values, errors: parsed.errors });
      try {
        const saved = await rules.save(actorOf(req), id, parsed.data);
        res.redirect(303, `/admin/rules/${saved.id}?saved=1`);
      } catch (err) {
        if (err instanceof ValidationError) return renderRule(res, { id, status: 422, values, errors: err.fields });
        throw err;
      }
    });
  }

  router.post("/admin/rules/:id/move", admin, csrf.verify, async (req, res) => {
    const direction = (req.body as Record<string, unknown>)?.direction === "down" ? "down" : "up";
    await rules.move(actorOf(req), pathId(req.params.id, "rules:notFound"), direction);
    res.redirect(303, "/admin/rules?saved=1");
  });

  router.post("/admin/rules/:id/delete", admin, csrf.verify, async (req, res) => {
    await rules.remove(actorOf(req), pathId(req.params.id, "rules:notFound"));
    res.redirect(303, "/admin/rules?saved=1");
  });

  return router;
}
