// The inbox's view model: the service's rows put into words in the viewer's language, and the filter and pager links.
import { localizedName, type Locale, type Translate } from "../../platform/i18n.ts";
import { STATUS_FILTERS, type InboxQuery } from "./casework.schemas.ts";
import type { InboxView } from "./inbox.service.ts";
import type { NamedRef } from "./reference.repository.ts";

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
  return list.map((x) => ({ id: x.id, label: localizedName(x, locale), selected: x.id === selected }));
}

export function inboxViewModel(opts: { view: InboxView; t: Translate; locale: Locale; isOfficial: boolean; reminderDays: number }) {
  const { view, t, locale } = opts;
  const q = view.query;
  const categories = new Map(view.categories.map((c) => [c.id, c]));
  const rounds = new Map(view.rounds.map((r) => [r.id, r]));
  return {
    title: t(opts.isOfficial ? "casework:inbox.title" : "casework:inbox.titleAll"),
    department: view.department,
    departmentName: localizedName(view.department, locale),
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
    awaitingApproval: view.awaitingApproval,
    // Object.assign rather than a spread with added keys (V8's slow path, per row).
    items: view.items.map((item) =>
      Object.assign({}, item, {
        statusLabel: t(`casework:status.${item.status}`),
        roleLabel: t(`casework:role.${item.role}`),
        assignmentStatusLabel: t(`casework:assignmentStatus.${item.assignmentStatus}`),
        categoryName: localizedName(categories.get(item.categoryId), locale),
        roundName: item.roundId !== null ? localizedName(rounds.get(item.roundId), locale) : null,
        deadlineState: { at: item.deadline, overdue: item.overdue, dueSoon: item.dueSoon },
      }),
    ),
    reminderDays: opts.reminderDays,
    nextUrl: view.nextCursor ? inboxUrl(q, { after: view.nextCursor }) : null,
    prevUrl: view.prevCursor ? inboxUrl(q, { before: view.prevCursor }) : null,
    resetUrl: q.departmentId !== undefined ? `/staff/inbox?department=${q.departmentId}` : "/staff/inbox",
  };
}
