// What the router writes into the handling history, in both languages (routing:notes.* in the locale files). The
// demo seed writes its history with these too, so the demo reads like the router's own work.
import { localizedMessage, localizedText, systemNote, type EventNote, type LocalizedText } from "../lifecycle/index.ts";

interface Named {
  name: string;
  nameEn: string;
}

/** Rendered once per rule or round, like the notes below. */
const bases = new Map<string, LocalizedText>();

/**
 * What the decision rests on: a rule by name; for a round without a rule of its own, the round; for a suggestion no
 * rule matched, the routing model's version (when an administrator let it assign).
 */
export function routingBasis(basis: { rule: string } | { round: { title: string; titleEn: string } } | { modelVersion: number }): LocalizedText {
  const id = JSON.stringify(basis);
  let text = bases.get(id);
  if (text === undefined) {
    if (bases.size >= 2_000) bases.clear();
    if ("rule" in basis) text = localizedMessage("routing:notes.basisRule", { rule: basis.rule });
    else if ("modelVersion" in basis) text = localizedMessage("routing:notes.basisModel", { version: basis.modelVersion });
    else text = localizedMessage("routing:notes.basisRound", { round: localizedText(basis.round.title, basis.round.titleEn) });
    bases.set(id, text);
  }
  return text;
}

/**
 * The router writes the same few notes all day long (a handful of rules and departments, one reply deadline per
 * day), and rendering one in both languages was a sixth of the routing worker's CPU: rendered once per wording.
 */
const rendered = new Map<string, EventNote>();
function memoNote(key: string, params: Record<string, unknown>): EventNote {
  const id = `${key}\u0000${JSON.stringify(params)}`;
  let note = rendered.get(id);
  if (note === undefined) {
    if (rendered.size >= 2_000) rendered.clear();
    note = systemNote(key, params);
    rendered.set(id, note);
  }
  return note;
}

export const routingNotes = {
  /** 按分办规则“…”自动受理 */
  accepted: (basis: LocalizedText): EventNote => memoNote("routing:notes.accepted", { basis }),
  /** 按分办规则“…”交…主办，请于…前答复 (shown to the citizen too, like a coordinator's assignment) */
  assigned: (basis: LocalizedText, department: Named, dueAt: Date): EventNote =>
    memoNote("routing:notes.assigned", { basis, department: localizedText(department.name, department.nameEn), dueAt: dueAt.toISOString() }),
  /** 按分办规则“…”拟交…办理 (staff only) */
  proposed: (basis: LocalizedText, department: Named): EventNote =>
    memoNote("routing:notes.proposed", { basis, department: localizedText(department.name, department.nameEn) }),
  /** 未匹配分办规则，转人工分办 (staff only) */
  noRule: (): EventNote => systemNote("routing:notes.noRule"),
};
