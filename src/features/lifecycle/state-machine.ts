// The lifecycle of a suggestion. Every status change in the system is one of these actions; nothing writes
// Suggestion.status directly (see transitions.ts, which applies an action with a conditional update).
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { ConflictError } from "../../errors.ts";

export type Action =
  | "triage" // the router found no rule: to the coordinators' screening list
  | "accept" // 受理 (the office takes the suggestion up; never 签收, which is "sign")
  | "notAccept" // 不予受理
  | "refer" // 转信访/12345
  | "merge" // 重复/合并
  | "assign" // 交办
  | "sign" // 签收: the lead department takes the assignment on
  | "returnAssignment" // 退回
  | "transfer" // the coordinators move it to another lead department
  | "extend" // an approved extension
  | "reply" // 答复 by the lead department
  | "close"; // 已反馈

const SCREENABLE: SuggestionStatus[] = ["SUBMITTED", "SCREENING", "RETURNED"];
const HANDLING: SuggestionStatus[] = ["IN_HANDLING", "EXTENDED"];

export const TRANSITIONS: Readonly<Record<Action, { from: readonly SuggestionStatus[]; to: SuggestionStatus }>> = {
  triage: { from: ["SUBMITTED"], to: "SCREENING" },
  accept: { from: SCREENABLE, to: "ACCEPTED" },
  notAccept: { from: SCREENABLE, to: "NOT_ACCEPTED" },
  refer: { from: SCREENABLE, to: "REFERRED" },
  merge: { from: SCREENABLE, to: "MERGED" },
  assign: { from: ["ACCEPTED"], to: "ASSIGNED" },
  sign: { from: ["ASSIGNED"], to: "IN_HANDLING" },
  returnAssignment: { from: ["ASSIGNED", ...HANDLING], to: "RETURNED" },
  transfer: { from: ["ASSIGNED", ...HANDLING, "RETURNED"], to: "ASSIGNED" },
  extend: { from: ["ASSIGNED", ...HANDLING], to: "EXTENDED" },
  reply: { from: HANDLING, to: "REPLIED" },
  close: { from: ["REPLIED"], to: "CLOSED" },
};

export function canApply(action: Action, from: SuggestionStatus): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** The status an action leads to, or a ConflictError the user reads as "not possible in this state". */
export function nextStatus(action: Action, from: SuggestionStatus): SuggestionStatus {
  if (!canApply(action, from)) throw new ConflictError("errors:illegalTransition", { action, from });
  return TRANSITIONS[action].to;
}

/** Statuses in which a suggestion still waits for the office or a department (for deadlines and lists). */
export const OPEN_STATUSES: readonly SuggestionStatus[] = [
  "SUBMITTED", "SCREENING", "ACCEPTED", "ASSIGNED", "IN_HANDLING", "RETURNED", "EXTENDED",
];
