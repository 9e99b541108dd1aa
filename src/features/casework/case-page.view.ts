// The case page's view model: the service's data put into words in the viewer's language. Text written by people
// (titles, notes, reasons, replies) is passed through untouched; the templates escape it. Other features' panels on
// the page (the coordinators' actions, the policy measures) bring their own data (see casework.routes.ts).
import type { FieldErrors } from "../../errors.ts";
import { localizedField, namePath, type Locale, type Translate } from "../../platform/i18n.ts";
import { fieldId } from "../../web/forms.ts";
import { CASE_LIMITS } from "./casework.schemas.ts";
import type { CaseView } from "./case-page.service.ts";

export type CaseFormName = "return" | "extension" | "note" | "reply" | "sendBack";

/** A department form shown again after invalid input: what was typed and a message per field. */
export interface FormState {
  name: CaseFormName;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** Why an action was refused (a ConflictError's message), shown at the top of the case page. */
export interface Refusal {
  key: string;
  params: Record<string, unknown>;
}

/** What the redirect after an action says on the case page (?done=…); anything else says nothing. */
export const NOTICES = ["signed", "returned", "extension", "note", "duplicateNote", "replied", "opinion", "awaitingApproval", "approved", "sentBack"] as const;
export type Notice = (typeof NOTICES)[number];

export function noticeOf(raw: unknown): Notice | undefined {
  return typeof raw === "string" && (NOTICES as readonly string[]).includes(raw) ? (raw as Notice) : undefined;
}

function formView(state: FormState | undefined, name: CaseFormName, t: Translate, params: Record<string, number>, initial: Record<string, string> = {}) {
  const mine = state?.name === name ? state : undefined;
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(mine?.errors ?? {})) errors[field] = t(key, params);
  return {
    open: mine !== undefined,
    values: mine?.values ?? initial,
    errors,
    errorList: Object.entries(errors).map(([field, message]) => ({ id: fieldId(`${name}-${field}`), message })),
  };
}

export function caseViewModel(opts: {
  view: CaseView;
  t: Translate;
  locale: Locale;
  form?: FormState;
  notice?: Notice;
  refusal?: Refusal;
  extensionMaxWorkingDays: number;
  reminderDays: number;
  returnWindowDays: number;
}) {
  const { view, t, locale } = opts;
  const r = view.record;
  const status = (s: string | null) => (s ? t(`casework:status.${s}`) : "");
  const params = { ...CASE_LIMITS, max: opts.extensionMaxWorkingDays };
  const pending = view.pendingReply;
  const sentBack = pending?.status === "SENT_BACK" ? pending : null;
  const forms = {
    return: formView(opts.form, "return", t, params),
    extension: formView(opts.form, "extension", t, params),
    note: formView(opts.form, "note", t, params),
    // A reply sent back by the head opens with its text, to be edited and submitted again.
    reply: formView(opts.form, "reply", t, params, sentBack ? { body: sentBack.body, adoption: sentBack.adoption, explanation: sentBack.explanation } : {}),
    sendBack: formView(opts.form, "sendBack", t, params),
  };
  const title = r.title;
  return {
    title: opts.form ? `${t("casework:case.errorTitlePrefix")}${title}` : title,
    s: r,
    /** What the panels of other features (the coordinators', the measures') read. */
    suggestion: { id: r.id, status: r.status, trackingCode: r.trackingCode, title: r.title },
    statusLabel: status(r.status),
    kindLabel: t(`casework:kind.${r.kind}`),
    regionLabel: namePath(r.region, locale),
    notAcceptedReasonLabel: r.notAcceptedReason ? t(`casework:notAcceptedReason.${r.notAcceptedReason}`) : null,
    screeningDeadline: view.screeningDeadline,
    replyDeadline: view.replyDeadline,
    leadDepartment: r.assignments.find((a) => a.role === "LEAD" && a.department.id === r.leadDepartmentId && a.status !== "TRANSFERRED" && a.status !== "RETURNED")?.department ?? null,
    assignments: r.assignments.map((a) => ({
      ...a,
      roleLabel: t(`casework:role.${a.role}`),
      statusLabel: t(`casework:assignmentStatus.${a.status}`),
    })),
    events: r.events.map((e) => ({
      ...e,
      // A note the system wrote reads in the viewer's language; what a person typed reads as typed.
      note: localizedField(e, "note", locale) || null,
      typeLabel: t(`casework:event.${e.type}`, { defaultValue: e.type }),
      fromLabel: status(e.fromStatus),
      toLabel: status(e.toStatus),
      changed: e.toStatus !== null && e.fromStatus !== e.toStatus,
    })),
    leadReplies: r.replies.filter((x) => x.isLead).map((x) => ({ ...x, adoptionLabel: t(`casework:adoption.${x.adoption}`) })),
    opinions: r.replies.filter((x) => !x.isLead).map((x) => ({ ...x, adoptionLabel: t(`casework:adoption.${x.adoption}`) })),
    extensions: r.extensions.map((x) => ({ ...x, statusLabel: t(`casework:extensionStatus.${x.status}`) })),
    measures: r.measures.map((m) => ({ ...m.measure, linkedAt: m.linkedAt, typeLabel: t(`casework:measureType.${m.measure.type}`) })),
    rating: r.rating,
    contact: view.contact,
    canReveal: view.canReveal,
    permissions: view.permissions,
    pendingReply: pending ? { ...pending, awaiting: pending.status === "AWAITING_APPROVAL", adoptionLabel: t(`casework:adoption.${pending.adoption}`) } : null,
    roleLabel: view.permissions.role ? t(`casework:role.${view.permissions.role}`) : null,
    forms,
    errorList: [...forms.return.errorList, ...forms.extension.errorList, ...forms.note.errorList, ...forms.reply.errorList, ...forms.sendBack.errorList],
    limits: { ...CASE_LIMITS, extensionMax: opts.extensionMaxWorkingDays },
    reminderDays: opts.reminderDays,
    returnWindowDays: opts.returnWindowDays,
    notice: opts.notice ? t(`casework:notice.${opts.notice}`) : null,
    refusal: opts.refusal ? t(opts.refusal.key, opts.refusal.params) : null,
    // The typed text, in the notice itself: the form it came from may no longer be offered (the case moved on).
    refusalKept: opts.refusal && opts.form ? Object.values(opts.form.values).filter((v) => v.trim().length > 2) : [],
  };
}
