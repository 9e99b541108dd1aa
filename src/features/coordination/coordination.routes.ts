// The collection office's pages and actions. Handlers parse, call the service, then render or redirect; the
// service checks the role again and owns every rule.
import { Router, type Request, type Response } from "express";
import type { z } from "zod";
import type { Container } from "../../container.ts";
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from "../../errors.ts";
import type { Translate } from "../../platform/i18n.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { requireStaff, staffOf } from "../auth/auth.middleware.ts";
import type { StaffUser } from "../auth/auth.service.ts";
import {
  acceptFormSchema, approveFormSchema, formatCursor, importantFormSchema, mergeFormSchema, notAcceptFormSchema,
  parseDepartmentFilter, parseForm, parseId, parseQueueFilters, referFormSchema, refuseFormSchema, transferFormSchema,
  type QueueFilters,
} from "./coordination.schemas.ts";
import { coordinationServiceFor, type CoordinationService, type PanelModel } from "./coordination.service.ts";
import { describeRouting, localizedName, regionPath } from "./coordination.words.ts";

type ActionName = "accept" | "not-accept" | "refer" | "merge" | "important" | "transfer";

interface ActionDef<T> {
  schema: z.ZodType<T>;
  run: (service: CoordinationService, user: StaffUser, id: number, data: T) => Promise<void>;
}

function action<T>(schema: z.ZodType<T>, run: ActionDef<T>["run"]): ActionDef<unknown> {
  return { schema, run } as ActionDef<unknown>;
}

const ACTIONS: Record<ActionName, ActionDef<unknown>> = {
  accept: action(acceptFormSchema, (s, u, id, d) => s.acceptAndAssign(u, id, d)),
  "not-accept": action(notAcceptFormSchema, (s, u, id, d) => s.notAccept(u, id, d)),
  refer: action(referFormSchema, (s, u, id, d) => s.refer(u, id, d)),
  merge: action(mergeFormSchema, (s, u, id, d) => s.merge(u, id, d)),
  important: action(importantFormSchema, (s, u, id, d) => s.setImportant(u, id, d)),
  transfer: action(transferFormSchema, (s, u, id, d) => s.transfer(u, id, d)),
};

/** Keys of `coordinator.errors` / `coordinator.values` in the panel (Handlebars paths cannot hold a dash). */
const FORM_KEY: Record<ActionName, string> = {
  accept: "accept",
  "not-accept": "notAccept",
  refer: "refer",
  merge: "merge",
  important: "important",
  transfer: "transfer",
};

// What is echoed back into a form after an error: enough to fix a note, not an amplifier for a 1 MB field.
const ECHO_MAX = 4000;

function firstString(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" ? v.slice(0, ECHO_MAX) : undefined;
}

function idOrNull(value: unknown): number | null {
  return parseId(firstString(value));
}

/** The coordinator's input as typed, shaped for the panel. */
function echo(body: unknown): Record<string, unknown> {
  const src = (body ?? {}) as Record<string, unknown>;
  const assists = ([] as unknown[]).concat(src.assistDepartmentIds ?? []).map(idOrNull).filter((n): n is number => n !== null);
  return {
    leadDepartmentId: idOrNull(src.leadDepartmentId),
    assistDepartmentIds: assists,
    replyDueDate: firstString(src.replyDueDate)?.slice(0, 20),
    note: firstString(src.note),
    reason: firstString(src.reason),
    channel: firstString(src.channel),
    targetCode: firstString(src.targetCode)?.slice(0, 100),
  };
}

function translateErrors(t: Translate, errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)]));
}

/** The panel's view model with the words the page needs; the case page builds the same shape. */
function panelView(model: PanelModel, t: Translate, locale: string) {
  const { routing, ...coordinator } = model.coordinator;
  return { ...coordinator, routingReasonText: describeRouting(routing, t, locale) };
}

export function coordinationRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const service = coordinationServiceFor(c);
  const coordinatorsOnly = requireStaff("COORDINATOR", "ADMIN");

  // ---- the screening queue --------------------------------------------------------------------------------

  function queueUrl(f: QueueFilters, after?: string): string {
    const q = new URLSearchParams();
    if (f.kind) q.set("kind", f.kind);
    if (f.roundId) q.set("round", String(f.roundId));
    if (f.categoryId) q.set("category", String(f.categoryId));
    if (after) q.set("after", after);
    const s = q.toString();
    return `/staff/screening${s ? `?${s}` : ""}`;
  }

  router.get("/staff/screening", coordinatorsOnly, async (req, res) => {
    const t = res.locals.t as Translate;
    const locale = req.locale;
    const filters = parseQueueFilters(req.query as Record<string, unknown>);
    const page = await service.screeningQueue(staffOf(req), filters);
    res.set("Cache-Control", "no-store");
    res.render("coordination/screening", {
      title: t("coordination:queue.title"),
      screeningDays: c.config.deadlines.screeningWorkingDays,
      total: page.total,
      filters,
      rounds: page.rounds,
      categories: page.categories,
      items: page.items.map((r) => ({
        id: r.id,
        trackingCode: r.trackingCode,
        title: r.title,
        status: r.status,
        statusLabel: t(`coordination:status.${r.status}`),
        kindLabel: t(`coordination:kind.${r.kind}`),
        important: r.important,
        category: localizedName(r.category, locale),
        region: regionPath(r.region, locale),
        round: r.round ? (locale === "en" && r.round.titleEn ? r.round.titleEn : r.round.title) : null,
        submittedAt: r.submittedAt,
        screeningDueAt: r.screeningDueAt,
        screeningOverdue: r.screeningOverdue,
        proposedDepartment: r.proposedDepartment ? localizedName(r.proposedDepartment, locale) : null,
        routingText: describeRouting(r, t, locale),
        returned: r.returned
          ? { reason: r.returned.reason, department: r.returned.department ? localizedName(r.returned.department, locale) : null, at: r.returned.at }
          : null,
      })),
      nextUrl: page.nextCursor ? queueUrl(filters, formatCursor(page.nextCursor)) : null,
      firstUrl: filters.after ? queueUrl(filters) : null,
    });
  });

  // ---- actions on a suggestion ----------------------------------------------------------------------------

  async function renderActionForm(req: Request, res: Response, id: number, name: ActionName, errors: FieldErrors) {
    const t = res.locals.t as Translate;
    const model = await service.panel(staffOf(req), id);
    // A form the suggestion's status no longer offers: the status is the problem, not the input.
    const offered = name === "transfer" ? model.coordinator.canTransfer : name === "important" || model.coordinator.canScreen;
    if (!offered) throw new ConflictError("errors:illegalTransition", { action: name, from: model.suggestion.status });
    const values = echo(req.body);
    const coordinator = panelView(model, t, req.locale);
    // The lead chosen in the failed post is what the form shows selected again.
    if (name === "accept") coordinator.proposedDepartmentId = values.leadDepartmentId as number | null;
    const key = FORM_KEY[name];
    res.status(422).render("coordination/action", {
      title: `${t("coordination:action.errorTitlePrefix")}${t(`coordination:action.titles.${key}`)}`,
      suggestion: model.suggestion,
      statusLabel: t(`coordination:status.${model.suggestion.status}`),
      coordinator: { ...coordinator, open: key, errors: { [key]: translateErrors(t, errors) }, values: { [key]: values } },
      errorList: Object.entries(errors).map(([field, k]) => ({ id: `ca-${key}-${field}`, message: t(k) })),
    });
  }

  function withDeadlineError(errors: FieldErrors, body: unknown): FieldErrors {
    const raw = firstString((body as Record<string, unknown> | undefined)?.replyDueDate)?.trim();
    if (errors.replyDueDate || raw === undefined) return errors;
    const deadlineError = service.replyDeadlineError(raw);
    return deadlineError ? { ...errors, replyDueDate: deadlineError } : errors;
  }

  for (const [name, def] of Object.entries(ACTIONS) as [ActionName, ActionDef<unknown>][]) {
    router.post(`/staff/suggestions/:id/${name}`, coordinatorsOnly, csrf.verify, async (req, res) => {
      const id = parseId(req.params.id);
      if (id === null) throw new NotFoundError();
      const parsed = parseForm(def.schema, req.body);
      try {
        if (!parsed.ok) throw new ValidationError(withDeadlineError(parsed.errors, req.body));
        await def.run(service, staffOf(req), id, parsed.data);
      } catch (err) {
        if (err instanceof ValidationError) return renderActionForm(req, res, id, name, err.fields);
        throw err;
      }
      res.redirect(303, `/staff/suggestions/${id}`);
    });
  }

  // ---- extension requests ---------------------------------------------------------------------------------

  async function renderExtensions(req: Request, res: Response, status: number, failed?: { id: number; decision: string; errors: FieldErrors }) {
    const t = res.locals.t as Translate;
    const locale = req.locale;
    const { items, total } = await service.pendingExtensions(staffOf(req));
    res.set("Cache-Control", "no-store");
    res.status(status).render("coordination/extensions", {
      title: `${failed ? t("coordination:action.errorTitlePrefix") : ""}${t("coordination:extensions.title")}`,
      total,
      shown: items.length,
      done: status === 200 && (req.query.done === "approved" || req.query.done === "refused") ? `coordination:extensions.done.${req.query.done}` : null,
      items: items.map((x) => {
        const mine = failed?.id === x.id;
        return {
          id: x.id,
          suggestion: x.suggestion,
          statusLabel: t(`coordination:status.${x.suggestion.status}`),
          department: localizedName(x.department, locale),
          requester: x.requester?.name ?? null,
          createdAt: x.createdAt,
          workingDays: x.workingDays,
          reason: x.reason,
          currentDueAt: x.suggestion.replyDueAt,
          newDueAt: x.newDueAt,
          stale: x.stale,
          open: mine ? failed?.decision : null,
          errors: mine && failed ? translateErrors(t, failed.errors) : {},
          note: mine ? firstString((req.body as Record<string, unknown> | undefined)?.note) : undefined,
        };
      }),
    });
  }

  router.get("/staff/extensions", coordinatorsOnly, (req, res) => renderExtensions(req, res, 200));

  for (const decision of ["approve", "refuse"] as const) {
    router.post(`/staff/extensions/:id/${decision}`, coordinatorsOnly, csrf.verify, async (req, res) => {
      const id = parseId(req.params.id);
      if (id === null) throw new NotFoundError();
      const user = staffOf(req);
      if (decision === "approve") {
        const parsed = parseForm(approveFormSchema, req.body);
        if (!parsed.ok) return renderExtensions(req, res, 422, { id, decision, errors: parsed.errors });
        await service.approveExtension(user, id, parsed.data);
      } else {
        const parsed = parseForm(refuseFormSchema, req.body);
        if (!parsed.ok) return renderExtensions(req, res, 422, { id, decision, errors: parsed.errors });
        await service.refuseExtension(user, id, parsed.data);
      }
      res.redirect(303, `/staff/extensions?done=${decision === "approve" ? "approved" : "refused"}`);
    });
  }

  // ---- supervision ----------------------------------------------------------------------------------------

  router.get("/staff/supervision", coordinatorsOnly, async (req, res) => {
    const t = res.locals.t as Translate;
    const locale = req.locale;
    const view = await service.supervision(staffOf(req), parseDepartmentFilter(req.query as Record<string, unknown>));
    res.set("Cache-Control", "no-store");
    res.render("coordination/supervision", {
      title: t("coordination:supervision.title"),
      ...view,
      groups: view.groups.map((g) => ({
        ...g,
        departmentName: localizedName(g, locale),
        items: g.items.map((i) => ({ ...i, statusLabel: t(`coordination:status.${i.status}`) })),
      })),
    });
  });

  return router;
}
