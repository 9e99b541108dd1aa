// The screening queue and the decisions on a suggestion. Handlers parse, call the service, then render or redirect;
// a decision form that fails its checks is shown again on the coordinator's panel (422).
import { Router, type Request, type Response } from "express";
import type { z } from "zod";
import type { Container } from "../../container.ts";
import { ConflictError, ValidationError, type FieldErrors } from "../../errors.ts";
import { localizedField, localizedName, namePath, type Translate } from "../../platform/i18n.ts";
import { first, idInput, parseForm, pathId } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireOfficeStaff, staffOf, type StaffUser } from "../auth/index.ts";
import { describeRoutingReason } from "../routing/index.ts";
import type { LearnedDepartment } from "../routing-model/index.ts";
import {
  acceptFormSchema, formatCursor, importantFormSchema, mergeFormSchema, notAcceptFormSchema, parseQueueFilters, referFormSchema,
  transferFormSchema, type QueueFilters,
} from "./coordination.schemas.ts";
import { panelView } from "./coordinator-panel.ts";
import type { DecisionService } from "./decisions.service.ts";

type ActionName = "accept" | "not-accept" | "refer" | "merge" | "important" | "transfer";

interface ActionDef<T> {
  schema: z.ZodType<T>;
  run: (service: DecisionService, user: StaffUser, id: number, data: T) => Promise<void>;
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
export const ECHO_MAX = 4000;

export function firstString(value: unknown): string | undefined {
  const v = first(value);
  return typeof v === "string" ? v.slice(0, ECHO_MAX) : undefined;
}

/** The coordinator's input as typed, shaped for the panel. */
function echo(body: unknown): Record<string, unknown> {
  const src = (body ?? {}) as Record<string, unknown>;
  const assists = ([] as unknown[]).concat(src.assistDepartmentIds ?? []).map((v) => idInput(firstString(v)) ?? null).filter((n): n is number => n !== null);
  return {
    leadDepartmentId: idInput(firstString(src.leadDepartmentId)) ?? null,
    assistDepartmentIds: assists,
    replyDueDate: firstString(src.replyDueDate)?.slice(0, 20),
    note: firstString(src.note),
    reason: firstString(src.reason),
    channel: firstString(src.channel),
    targetCode: firstString(src.targetCode)?.slice(0, 100),
  };
}

export function translateErrors(t: Translate, errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)]));
}

function queueUrl(f: QueueFilters, after?: string): string {
  const q = new URLSearchParams();
  if (f.kind) q.set("kind", f.kind);
  if (f.roundId) q.set("round", String(f.roundId));
  if (f.categoryId) q.set("category", String(f.categoryId));
  if (after) q.set("after", after);
  const s = q.toString();
  return `/staff/screening${s ? `?${s}` : ""}`;
}

/** The routing model's department beside the rules' proposal on each row; the words behind it are on the case page. */
function learnedView(l: LearnedDepartment | undefined, locale: string) {
  return l ? { department: localizedName(l.department, locale), confidence: Math.round(l.confidence * 100), disagrees: l.disagrees } : null;
}

export function screeningRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const { queue, decisions, panel } = c.services.coordination;
  const coordinatorsOnly = requireOfficeStaff();

  /** Advice, not a gate: the screening list opens without it when the model cannot be read. */
  async function learnedDepartments(ids: number[]): Promise<Map<number, LearnedDepartment>> {
    try {
      return await c.services.routingModel.departmentsFor(ids);
    } catch (err) {
      c.logger.warn({ err: (err as Error).message }, "learned routing proposals unavailable");
      return new Map();
    }
  }

  router.get("/staff/screening", coordinatorsOnly, async (req, res) => {
    const t = translatorOf(res);
    const locale = req.locale;
    const filters = parseQueueFilters(req.query as Record<string, unknown>);
    const page = await queue.page(staffOf(req), filters);
    const learned = await learnedDepartments(page.items.map((r) => r.id));
    res.set("Cache-Control", "no-store");
    res.render("coordination/screening", {
      title: t("coordination:queue.title"),
      screeningDays: c.services.deadlines.settings.screeningWorkingDays,
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
        region: namePath(r.region, locale),
        round: r.round ? localizedField(r.round, "title", locale) : null,
        submittedAt: r.submittedAt,
        screeningDueAt: r.screeningDueAt,
        screeningOverdue: r.screeningOverdue,
        proposedDepartment: r.proposedDepartment ? localizedName(r.proposedDepartment, locale) : null,
        routingText: describeRoutingReason(r, t, locale),
        learned: learnedView(learned.get(r.id), locale),
        returned: r.returned
          ? { reason: r.returned.reason, department: r.returned.department ? localizedName(r.returned.department, locale) : null, at: r.returned.at }
          : null,
      })),
      nextUrl: page.nextCursor ? queueUrl(filters, formatCursor(page.nextCursor)) : null,
      firstUrl: filters.after ? queueUrl(filters) : null,
    });
  });

  /**
   * The suggestion with the coordinator's panel again, the form that was posted open with what was typed: 422 with
   * the field messages, or 409 with why the action was refused (another coordinator acted first, the target closed).
   */
  async function renderActionForm(req: Request, res: Response, id: number, name: ActionName, errors: FieldErrors, refused?: ConflictError) {
    const t = translatorOf(res);
    const model = await panel.model(staffOf(req), id);
    // A form the suggestion's status no longer offers: the status is the problem, not the input.
    const offered = name === "transfer" ? model.coordinator.canTransfer : name === "important" || model.coordinator.canScreen;
    if (!offered && !refused) throw new ConflictError("errors:illegalTransition", { action: name, from: model.suggestion.status });
    const values = echo(req.body);
    const coordinator = panelView(model, t, req.locale);
    // The lead chosen in the failed post is what the form shows selected again.
    if (name === "accept") coordinator.proposedDepartmentId = values.leadDepartmentId as number | null;
    const key = FORM_KEY[name];
    res.set("Cache-Control", "no-store");
    res.status(refused ? 409 : 422).render("coordination/action", {
      title: `${t("coordination:action.errorTitlePrefix")}${t(`coordination:action.titles.${key}`)}`,
      suggestion: model.suggestion,
      statusLabel: t(`coordination:status.${model.suggestion.status}`),
      refusal: refused ? t(refused.messageKey, { ...refused.params, action: t(`coordination:action.titles.${key}`), from: t(`coordination:status.${model.suggestion.status}`) }) : null,
      coordinator: { ...coordinator, open: key, errors: { [key]: translateErrors(t, errors) }, values: { [key]: values } },
      errorList: Object.entries(errors).map(([field, k]) => ({ id: `ca-${key}-${field}`, message: t(k) })),
    });
  }

  function withDeadlineError(errors: FieldErrors, body: unknown): FieldErrors {
    const raw = firstString((body as Record<string, unknown> | undefined)?.replyDueDate)?.trim();
    if (errors.replyDueDate || raw === undefined) return errors;
    const deadlineError = decisions.replyDeadlineError(raw);
    return deadlineError ? { ...errors, replyDueDate: deadlineError } : errors;
  }

  for (const [name, def] of Object.entries(ACTIONS) as [ActionName, ActionDef<unknown>][]) {
    router.post(`/staff/suggestions/:id/${name}`, coordinatorsOnly, csrf.verify, async (req, res) => {
      const id = pathId(req.params.id);
      const parsed = parseForm(def.schema, req.body);
      try {
        if (!parsed.ok) throw new ValidationError(withDeadlineError(parsed.errors, req.body));
        await def.run(decisions, staffOf(req), id, parsed.data);
      } catch (err) {
        if (err instanceof ValidationError) return renderActionForm(req, res, id, name, err.fields);
        // Refused: back to the suggestion with the reason and the typed text, never a dead-end error page.
        if (err instanceof ConflictError) return renderActionForm(req, res, id, name, {}, err);
        throw err;
      }
      res.redirect(303, `/staff/suggestions/${id}`);
    });
  }

  return router;
}
