// The learned routing suggestion on the coordinator's panel (views/partials/routing-model/proposal.hbs, shown by
// views/partials/casework/coordinator-actions.hbs under the rules' proposal): the model's department, its confidence
// and the words that drove it; when it differs from the rules' proposal, both are named.
import type { Locale, Translate } from "../../platform/i18n.ts";
import { localizedName } from "../../platform/i18n.ts";
import type { Logger } from "../../platform/logger.ts";
import { isOfficeStaff, type StaffUser } from "../auth/index.ts";
import type { RoutingModelService } from "./routing-model.service.ts";

export function learnedRoutingCasePanel(service: Pick<RoutingModelService, "proposalFor">, logger: Pick<Logger, "warn">) {
  return async (user: StaffUser, suggestionId: number, _t: Translate, locale: Locale): Promise<{ learnedRouting: unknown }> => {
    if (!isOfficeStaff(user)) return { learnedRouting: null };
    try {
      const p = await service.proposalFor(suggestionId);
      if (!p) return { learnedRouting: null };
      return {
        learnedRouting: {
          version: p.version,
          department: localizedName(p.department, locale),
          confidence: Math.round(p.confidence * 100),
          topWords: p.topWords.map((w) => w.word),
          runnerUp: p.runnerUpDepartment && p.runnerUp
            ? { department: localizedName(p.runnerUpDepartment, locale), confidence: Math.round(p.runnerUp.confidence * 100) }
            : null,
          ruleDepartment: p.ruleProposal ? localizedName(p.ruleProposal, locale) : null,
          disagrees: p.ruleProposal !== null && p.ruleProposal.id !== p.department.id,
        },
      };
    } catch (err) {
      // Advice, not a gate: the case page opens without it.
      logger.warn({ err: (err as Error).message, suggestionId }, "learned routing proposal unavailable");
      return { learnedRouting: null };
    }
  };
}
