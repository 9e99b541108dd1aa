// A round's overview for the collection office: what came in per day, per sub-topic, per status and per lead
// department, and its suggestions filtered like the inbox (status, sub-topic, category, department).
import type { Infrastructure } from "../../container.ts";
import { NotFoundError } from "../../errors.ts";
import { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { first, idInput } from "../../web/forms.ts";
import { findDepartmentChoices } from "./round-admin.repository.ts";
import * as repo from "./round-overview.repository.ts";
import { findRound } from "./rounds.repository.ts";

export interface OverviewQuery extends repo.RoundSuggestionFilter {
  page: number;
}

const STATUSES = Object.values(SuggestionStatus) as string[];

/** A bookmarked or hand-edited query string never fails the page: an unknown value means "no filter". */
export function parseOverviewQuery(query: unknown): OverviewQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const status = first(q.status);
  const page = idInput(q.page) ?? 1;
  const out: OverviewQuery = { page: Math.min(page, 10_000) };
  if (typeof status === "string" && STATUSES.includes(status)) out.status = status as SuggestionStatus;
  const topicId = idInput(q.topic);
  const categoryId = idInput(q.category);
  const departmentId = idInput(q.department);
  if (topicId) out.topicId = topicId;
  if (categoryId) out.categoryId = categoryId;
  if (departmentId) out.departmentId = departmentId;
  return out;
}

export function createRoundOverviewService(deps: Pick<Infrastructure, "db">) {
  const { db } = deps;
  return {
    async overview(id: number, query: OverviewQuery) {
      const round = await findRound(db, id);
      if (!round) throw new NotFoundError("rounds:notFound");
      const [perDay, perTopic, perStatus, perDepartment, list, categories, departments] = await Promise.all([
        repo.receivedPerDay(db, id),
        repo.countsByTopic(db, id),
        repo.countsByStatus(db, id),
        repo.countsByLeadDepartment(db, id),
        repo.findRoundSuggestions(db, id, query, query.page),
        repo.findCategoryChoices(db),
        findDepartmentChoices(db),
      ]);
      const topicCount = new Map(perTopic.map((r) => [r.key, r.count]));
      const departmentCount = new Map(perDepartment.map((r) => [r.key, r.count]));
      return {
        round,
        received: perStatus.reduce((sum, r) => sum + r.count, 0),
        perDay,
        perTopic: round.topics.map((t) => ({ ...t, count: topicCount.get(t.id) ?? 0 })),
        withoutTopic: topicCount.get(null) ?? 0,
        perStatus: STATUSES.map((status) => ({ status, count: perStatus.find((r) => r.key === status)?.count ?? 0 })).filter((r) => r.count > 0),
        perDepartment: departments
          .map((d) => ({ ...d, count: departmentCount.get(d.id) ?? 0 }))
          .filter((d) => d.count > 0)
          .sort((a, b) => b.count - a.count),
        unassigned: departmentCount.get(null) ?? 0,
        suggestions: list.rows,
        total: list.total,
        pageCount: Math.max(1, Math.ceil(list.total / repo.OVERVIEW_PAGE_SIZE)),
        categories,
        departments,
      };
    },
  };
}

export type RoundOverviewService = ReturnType<typeof createRoundOverviewService>;
