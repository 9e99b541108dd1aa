// Staff pages of policy measures: the list, a measure with its suggestions, the create form, and linking a
// suggestion from its case page. Thin: parse, call the service, render or redirect.
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import type { Translate } from "../../platform/i18n.ts";
import { pathId } from "../../web/forms.ts";
import { linkHref } from "../../web/links.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireStaff, staffOf } from "../auth/index.ts";
import { normalizeTrackingCode, TRACKING_CODE_PATTERN } from "../submissions/index.ts";
import { choiceLabel } from "./measures.panel.ts";
import { FIELD_ORDER, LIMITS, measureFormValues, parseLinkForm, parseMeasureForm, type MeasureFieldErrors } from "./measures.schemas.ts";
import { MeasureInputError } from "./measures.service.ts";

/** Messages in the reader's language, and the summary at the top of the form in page order. */
function messagesOf(t: Translate, errors: MeasureFieldErrors = {}) {
  const messages: Record<string, string> = {};
  for (const [field, m] of Object.entries(errors)) messages[field] = t(m.key, { ...LIMITS, ...m.params });
  const rank = (field: string) => {
    const i = (FIELD_ORDER as readonly string[]).indexOf(field);
    return i === -1 ? FIELD_ORDER.length : i;
  };
  const errorList = Object.keys(messages)
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => ({ id: `f-${field}`, message: messages[field] }));
  return { errors: messages, errorList };
}

function withType<T extends { type: string }>(t: Translate, m: T) {
  return { ...m, typeLabel: t("measures:kind", { context: m.type }) };
}

export function measureRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const service = c.services.measures;

  function renderNew(res: Response, status: number, opts: { values?: Record<string, string>; errors?: MeasureFieldErrors } = {}) {
    const t = translatorOf(res);
    const values = opts.values ?? {};
    const { errors, errorList } = messagesOf(t, opts.errors);
    const title = t("measures:new.title");
    res.status(status).render("measures/new", {
      title: errorList.length ? `${t("measures:errorTitlePrefix")}${title}` : title,
      values,
      errors,
      errorList,
      limits: LIMITS,
      today: service.today(),
    });
  }

  async function renderLink(req: Request, res: Response, suggestionId: number, status: number, errors?: MeasureFieldErrors) {
    const t = translatorOf(res);
    const { suggestion, choices, linked } = await service.linkable(staffOf(req), suggestionId);
    const messages = messagesOf(t, errors);
    const title = t("measures:link.title");
    res.status(status).render("measures/link", {
      title: messages.errorList.length ? `${t("measures:errorTitlePrefix")}${title}` : title,
      suggestion: { ...suggestion, statusLabel: t(`tracking:status.${suggestion.status}`) },
      choices: choices.map((m) => ({ id: m.id, label: choiceLabel(t, m) })),
      linked: linked.map((m) => withType(t, m)),
      newUrl: `/staff/measures/new?code=${encodeURIComponent(suggestion.trackingCode)}`,
      ...messages,
    });
  }

  router.get("/staff/measures", requireStaff(), async (req, res) => {
    const t = translatorOf(res);
    const raw = typeof req.query.page === "string" && /^\d{1,6}$/.test(req.query.page) ? Number(req.query.page) : 1;
    const { items, page, hasNext } = await service.list(raw);
    res.render("measures/index", {
      title: t("measures:index.title"),
      items: items.map((m) => withType(t, m)),
      page,
      prevUrl: page > 1 ? `/staff/measures?page=${page - 1}` : null,
      nextUrl: hasNext ? `/staff/measures?page=${page + 1}` : null,
    });
  });

  router.get("/staff/measures/new", requireStaff(), (req, res) => {
    // From a case page: the suggestion's code is filled in (only if it looks like one; it is checked on submit).
    const code = typeof req.query.code === "string" ? normalizeTrackingCode(req.query.code.slice(0, 100)) : "";
    renderNew(res, 200, { values: TRACKING_CODE_PATTERN.test(code) ? { trackingCodes: code } : {} });
  });

  router.post("/staff/measures", requireStaff(), csrf.verify, async (req, res) => {
    const parsed = parseMeasureForm(req.body, service.today());
    if (!parsed.ok) return renderNew(res, 422, { values: measureFormValues(req.body), errors: parsed.errors });
    try {
      const { id } = await service.create(staffOf(req), parsed.data);
      res.redirect(303, `/staff/measures/${id}`);
    } catch (err) {
      if (err instanceof MeasureInputError) return renderNew(res, 422, { values: measureFormValues(req.body), errors: err.messages });
      throw err;
    }
  });

  router.get("/staff/measures/:id", requireStaff(), async (req, res) => {
    const t = translatorOf(res);
    const { measure, suggestions, total, hidden } = await service.get(staffOf(req), pathId(req.params.id));
    res.render("measures/show", {
      title: measure.title,
      // Checked when entered; checked again here because rows can come from elsewhere (the seed, an import).
      measure: { ...withType(t, measure), href: linkHref(measure.url) },
      suggestions: suggestions.map((s) => ({ ...s, statusLabel: t(`tracking:status.${s.status}`) })),
      total,
      hidden,
    });
  });

  router.get("/staff/suggestions/:id/measures", requireStaff(), async (req, res) => {
    await renderLink(req, res, pathId(req.params.id), 200);
  });

  router.post("/staff/suggestions/:id/measures", requireStaff(), csrf.verify, async (req, res) => {
    const suggestionId = pathId(req.params.id);
    const parsed = parseLinkForm(req.body);
    if (!parsed.ok) return renderLink(req, res, suggestionId, 422, parsed.errors);
    try {
      await service.link(staffOf(req), suggestionId, parsed.data.measureId);
      res.redirect(303, `/staff/suggestions/${suggestionId}`);
    } catch (err) {
      if (err instanceof MeasureInputError) return renderLink(req, res, suggestionId, 422, err.messages);
      throw err;
    }
  });

  return router;
}
