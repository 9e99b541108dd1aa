// The coordinators' panel on the case page (views/partials/similarity/case-panel.hbs): the open and recent
// suggestions most like this one, with their score, each one click from the existing merge decision
// (POST /staff/suggestions/:id/merge of features/coordination, with the target's tracking code).
import type { Locale, Translate } from "../../platform/i18n.ts";
import type { DbClient } from "../../platform/db.ts";
import type { Logger } from "../../platform/logger.ts";
import { isOfficeStaff, type StaffUser } from "../auth/index.ts";
import { NOT_MERGEABLE_INTO } from "../coordination/index.ts";
import { canApply, OPEN_STATUSES } from "../lifecycle/index.ts";
import { findSummaries } from "./published.repository.ts";
import type { SimilarityService } from "./similarity.service.ts";

/** "Recent": a duplicate sent within this window matters even once the first one is closed. */
export const RECENT_DAYS = 90;
export const PANEL_LIMIT = 6;

export interface SimilarPanelDeps {
  db: DbClient;
  similarity: Pick<SimilarityService, "findSimilarToSuggestion">;
  logger: Pick<Logger, "warn">;
  now(): Date;
}

export function similarCasePanel(deps: SimilarPanelDeps) {
  return async (user: StaffUser, suggestionId: number, t: Translate, _locale: Locale): Promise<{ similarPanel: unknown }> => {
    if (!isOfficeStaff(user)) return { similarPanel: null };
    try {
      const since = new Date(deps.now().getTime() - RECENT_DAYS * 86_400_000);
      const [open, recent] = await Promise.all([
        deps.similarity.findSimilarToSuggestion(suggestionId, { limit: PANEL_LIMIT, statuses: OPEN_STATUSES }),
        deps.similarity.findSimilarToSuggestion(suggestionId, { limit: PANEL_LIMIT, submittedAfter: since }),
      ]);
      const scores = new Map<number, number>();
      for (const m of [...open, ...recent]) scores.set(m.suggestionId, Math.max(scores.get(m.suggestionId) ?? 0, m.score));
      const best = [...scores].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, PANEL_LIMIT);
      const [summaries, [self]] = await Promise.all([findSummaries(deps.db, best.map(([id]) => id)), findSummaries(deps.db, [suggestionId])]);
      const byId = new Map(summaries.map((s) => [s.id, s]));
      const canMerge = self !== undefined && canApply("merge", self.status);
      return {
        similarPanel: {
          items: best.flatMap(([id, score]) => {
            const s = byId.get(id);
            if (!s) return [];
            return [{
              ...s,
              score: score.toFixed(2),
              statusLabel: t(`coordination:status.${s.status}`),
              canMergeInto: canMerge && !NOT_MERGEABLE_INTO.includes(s.status),
            }];
          }),
        },
      };
    } catch (err) {
      // Advice, not a gate: the case page must open even when the look-up fails.
      deps.logger.warn({ err: (err as Error).message, suggestionId }, "similar-suggestions panel unavailable");
      return { similarPanel: null };
    }
  };
}
