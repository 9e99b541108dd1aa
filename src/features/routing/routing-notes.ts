// What the router writes into the handling history, in both languages (routing:notes.* in the locale files). The
// demo seed writes its history with these too, so the demo reads like the router's own work.
import { localizedMessage, localizedText, systemNote, type EventNote, type LocalizedText } from "../lifecycle/index.ts";

interface Named {
  name: string;
  nameEn: string;
}

/**
 * What the decision rests on: a rule by name; for a round without a rule of its own, the round; for a suggestion no
 * rule matched, the routing model's version (when an administrator let it assign).
 */
export function routingBasis(basis: { rule: string } | { round: { title: string; titleEn: string } } | { modelVersion: number }): LocalizedText {
  if ("rule" in basis) return localizedMessage("routing:notes.basisRule", { rule: basis.rule });
  if ("modelVersion" in basis) return localizedMessage("routing:notes.basisModel", { version: basis.modelVersion });
  return localizedMessage("routing:notes.basisRound", { round: localizedText(basis.round.title, basis.round.titleEn) });
}

export const routingNotes = {
  /** 按分办规则“…”自动受理 */
  accepted: (basis: LocalizedText): EventNote => systemNote("routing:notes.accepted", { basis }),
  /** 按分办规则“…”交…主办，请于…前答复 (shown to the citizen too, like a coordinator's assignment) */
  assigned: (basis: LocalizedText, department: Named, dueAt: Date): EventNote =>
    systemNote("routing:notes.assigned", { basis, department: localizedText(department.name, department.nameEn), dueAt: dueAt.toISOString() }),
  /** 按分办规则“…”拟交…办理 (staff only) */
  proposed: (basis: LocalizedText, department: Named): EventNote =>
    systemNote("routing:notes.proposed", { basis, department: localizedText(department.name, department.nameEn) }),
  /** 未匹配分办规则，转人工分办 (staff only) */
  noRule: (): EventNote => systemNote("routing:notes.noRule"),
};
