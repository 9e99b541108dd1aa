// View models of the inbox and the case page: the service's data put into words in the viewer's language.
// Text written by people (titles, notes, reasons, replies) is passed through untouched; the templates escape it.
import type { FieldErrors } from "../../errors.ts";
import type { Locale, Translate } from "../../platform/i18n.ts";
import { safeUrl } from "../../web/safe-url.ts";
import type { RoutingReason } from "../routing/routing.service.ts";
import { fieldId } from "../submissions/submissions.view.ts";
import { CASE_LIMITS, STATUS_FILTERS, type InboxQuery } from "./casework.schemas.ts";
import type { CaseView, InboxView } from "./casework.service.ts";
import type { CaseRecord, NamedRef } from "./casework.repository.ts";

export type CaseFormName = "return" | "extension" | "note" | "reply";

/** A department form shown again after invalid input: what was typed and a message per field. */
export interface FormState {
  name: CaseFormName;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** What the redirect after an action says on the case page (?done=…); anything else says nothing. */
export const NOTICES = ["accepted", "returned", "extension", "note", "duplicateNote", "replied", "opinion"] as const;
export type Notice = (typeof NOTICES)[number];

export function noticeOf(raw: unknown): Notice | undefined {
  return typeof raw === "string" && (NOTICES as readonly string[]).includes(raw) ? (raw as Notice) : undefined;
}

function pick(locale: Locale, ref: { name: string; nameEn: string } | null | undefined): string {
  if (!ref) return "";
  return locale === "en" && ref.nameEn ? ref.nameEn : ref.name;
}

/** The routing worker's reason, in words: which rule, and what of the suggestion it matched. */
export function routingReasonText(reason: RoutingReason | null, record: Pick<CaseRecord, "category" | "region" | "round">, t: Translate, locale: Locale): string {
  if (!reason) return t("casework:routing.none");
  const round = record.round ? (locale === "en" && record.round.titleEn ? record.round.titleEn : record.round.title) : "";
  if (reason.roundOwner) return t("casework:routing.roundOwner", { round });
  const parts: string[] = [];
  if (reason.matchedRound) parts.push(t("casework:routing.round", { round }));
  if (reason.matchedCategory) parts.push(t("casework:routing.category", { category: pick(locale, record.category) }));
  if (reason.matchedRegion) parts.push(t("casework:routing.region", { region: pick(locale, record.region) }));
  if (reason.matchedKeywords.length > 0) {
    const keywords = reason.matchedKeywords.map((k) => t("casework:routing.quoted", { text: k })).join(t("casework:routing.listSeparator"));
    parts.push(t("casework:routing.keywords", { keywords }));
  }
  const matched = parts.length > 0 ? parts.join(t("casework:routing.partSeparator")) : t("casework:routing.nothingSpecific");
  return t("casework:routing.rule", { rule: reason.ruleName ?? "", matched });
}

function formView(state: FormState | undefined, name: CaseFormName, t: Translate, params: Record<string, number>) {
  const mine = state?.name === name ? state : undefined;
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(mine?.errors ?? {})) errors[field] = t(key, params);
  return {
    open: mine !== undefined,
    values: mine?.values ?? {},
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
  extensionMaxWorkingDays: number;
  reminderDays: number;
  returnWindowDays: number;
}) {
  const { view, t, locale } = opts;
  const r = view.record;
  const status = (s: string | null) => (s ? t(`casework:status.${s}`) : "");
  const params = { ...CASE_LIMITS, max: opts.extensionMaxWorkingDays };
  const forms = {
    return: formView(opts.form, "return", t, params),
    extension: formView(opts.form, "extension", t, params),
    note: formView(opts.form, "note", t, params),
    reply: formView(opts.form, "reply", t, params),
  };
  const title = r.title;
  return {
    title: opts.form ? `${t("casework:case.errorTitlePrefix")}${title}` : title,
    s: r,
    /** What the coordinators' and the measures' partials read. */
    suggestion: { id: r.id, status: r.status, trackingCode: r.trackingCode, title: r.title },
    statusLabel: status(r.status),
    kindLabel: t(`casework:kind.${r.kind}`),
    regionLabel: [r.region.parent ? pick(locale, r.region.parent) : null, pick(locale, r.region)].filter(Boolean).join(" "),
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
      typeLabel: t(`casework:event.${e.type}`, { defaultValue: e.type }),
      fromLabel: status(e.fromStatus),
      toLabel: status(e.toStatus),
      changed: e.toStatus !== null && e.fromStatus !== e.toStatus,
    })),
    leadReplies: r.replies.filter((x) => x.isLead).map((x) => ({ ...x, adoptionLabel: t(`casework:adoption.${x.adoption}`) })),
    opinions: r.replies.filter((x) => !x.isLead).map((x) => ({ ...x, adoptionLabel: t(`casework:adoption.${x.adoption}`) })),
    extensions: r.extensions.map((x) => ({ ...x, statusLabel: t(`casework:extensionStatus.${x.status}`) })),
    measures: r.measures.map((m) => ({ ...m.measure, linkedAt: m.linkedAt, typeLabel: t(`casework:measureType.${m.measure.type}`), safeUrl: safeUrl(m.measure.url) })),
    rating: r.rating,
    contact: view.contact,
    canReveal: view.canReveal,
    permissions: view.permissions,
    roleLabel: view.permissions.role ? t(`casework:role.${view.permissions.role}`) : null,
    forms,
    errorList: [...forms.return.errorList, ...forms.extension.errorList, ...forms.note.errorList, ...forms.reply.errorList],
    limits: { ...CASE_LIMITS, extensionMax: opts.extensionMaxWorkingDays },
    reminderDays: opts.reminderDays,
    returnWindowDays: opts.returnWindowDays,
    notice: opts.notice ? t(`casework:notice.${opts.notice}`) : null,
    coordinator: view.coordinator
      ? {
          departments: view.coordinator.departments,
          proposedDepartmentId: view.coordinator.proposedDepartmentId,
          routingReasonText: routingReasonText(view.coordinator.routingReason, r, t, locale),
          defaultReplyDueDate: view.coordinator.defaultReplyDueDate,
          canScreen: view.coordinator.canScreen,
          canTransfer: view.coordinator.canTransfer,
          important: view.coordinator.important,
        }
      : null,
  };
}

// ---------------------------------------------------------------------------------------------------------

function inboxUrl(q: InboxQuery, extra: Record<string, string>): string {
  const params = new URLSearchParams();
  if (q.departmentId !== undefined) params.set("department", String(q.departmentId));
  params.set("status", q.status);
  if (q.roundId !== undefined) params.set("round", String(q.roundId));
  if (q.categoryId !== undefined) params.set("category", String(q.categoryId));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return `/staff/inbox?${params.toString()}`;
}

function options(list: NamedRef[], selected: number | undefined, locale: Locale) {
  return list.map((x) => ({ id: x.id, label: pick(locale, x), selected: x.id === selected }));
}

export function inboxViewModel(opts: { view: InboxView; t: Translate; locale: Locale; isOfficial: boolean; reminderDays: number }) {
  const { view, t, locale } = opts;
  const q = view.query;
  const categories = new Map(view.categories.map((c) => [c.id, c]));
  const rounds = new Map(view.rounds.map((r) => [r.id, r]));
  return {
    title: t(opts.isOfficial ? "casework:inbox.title" : "casework:inbox.titleAll"),
    department: view.department,
    departmentName: pick(locale, view.department),
    isOfficial: opts.isOfficial,
    departmentOptions: view.departments ? options(view.departments, view.department?.id, locale) : null,
    categoryOptions: options(view.categories, q.categoryId, locale),
    roundOptions: options(view.rounds, q.roundId, locale),
    statusOptions: STATUS_FILTERS.map((value) => ({
      value,
      label: t(`casework:inbox.statusFilter.${value}`, { defaultValue: t(`casework:status.${value}`) }),
      selected: value === q.status,
    })),
    filtered: q.status !== "open" || q.roundId !== undefined || q.categoryId !== undefined,
    items: view.items.map((item) => ({
      ...item,
      statusLabel: t(`casework:status.${item.status}`),
      roleLabel: t(`casework:role.${item.role}`),
      assignmentStatusLabel: t(`casework:assignmentStatus.${item.assignmentStatus}`),
      categoryName: pick(locale, categories.get(item.categoryId)),
      roundName: item.roundId !== null ? pick(locale, rounds.get(item.roundId)) : null,
      deadlineState: { at: item.deadline, overdue: item.overdue, dueSoon: item.dueSoon },
    })),
    reminderDays: opts.reminderDays,
    nextUrl: view.nextCursor ? inboxUrl(q, { after: view.nextCursor }) : null,
    prevUrl: view.prevCursor ? inboxUrl(q, { before: view.prevCursor }) : null,
    resetUrl: q.departmentId !== undefined ? `/staff/inbox?department=${q.departmentId}` : "/staff/inbox",
  };
}
