// "Lifecycle of a suggestion" from /work/shared/DESIGN.md, written out by hand as (from, action, to) rows, so that a
// change to src/features/lifecycle's table fails the tests that compare the two (unit and integration). Action
// names are the state machine's (see src/features/lifecycle/CONTEXT.md for the Chinese terms).
import type { SuggestionStatus } from "../../src/generated/prisma/enums.ts";
import type { Action } from "../../src/features/lifecycle/index.ts";

type Row = readonly [from: SuggestionStatus, action: Action, to: SuggestionStatus];

/** Screening outcomes: from a new, screened or returned suggestion (退回 goes back to screening). */
const SCREENABLE = ["SUBMITTED", "SCREENING", "RETURNED"] as const;
/** A department holds it: assigned, in handling, or in handling with an approved extension. */
const HELD = ["ASSIGNED", "IN_HANDLING", "EXTENDED"] as const;

export const LIFECYCLE: readonly Row[] = [
  // SUBMITTED (已提交) → SCREENING (甄别): the router found no rule to assign it by.
  ["SUBMITTED", "triage", "SCREENING"],
  // → one of NOT_ACCEPTED (不予受理) · REFERRED (转信访/12345) · MERGED (重复/合并) · ACCEPTED (已受理).
  ...SCREENABLE.flatMap((from): Row[] => [
    [from, "notAccept", "NOT_ACCEPTED"],
    [from, "refer", "REFERRED"],
    [from, "merge", "MERGED"],
    [from, "accept", "ACCEPTED"],
  ]),
  // ACCEPTED → ASSIGNED (已交办, to a lead department).
  ["ACCEPTED", "assign", "ASSIGNED"],
  // ASSIGNED → IN_HANDLING (办理中) when the lead department signs for it (签收).
  ["ASSIGNED", "sign", "IN_HANDLING"],
  // RETURNED (退回) goes back to screening; EXTENDED after an approved extension; the office may move it to
  // another lead department (改派), also after a return.
  ...HELD.flatMap((from): Row[] => [
    [from, "returnAssignment", "RETURNED"],
    [from, "extend", "EXTENDED"],
    [from, "transfer", "ASSIGNED"],
  ]),
  ["RETURNED", "transfer", "ASSIGNED"],
  // → REPLIED (已答复) by the lead department, once it holds the suggestion in handling.
  ["IN_HANDLING", "reply", "REPLIED"],
  ["EXTENDED", "reply", "REPLIED"],
  // → CLOSED after feedback (已反馈).
  ["REPLIED", "close", "CLOSED"],
];

/** Where `action` leads from `from`, or undefined when the domain does not allow it. */
export function expectedTransition(from: SuggestionStatus, action: Action): SuggestionStatus | undefined {
  return LIFECYCLE.find(([f, a]) => f === from && a === action)?.[2];
}

export const ACTIONS: readonly Action[] = [
  "triage", "accept", "notAccept", "refer", "merge", "assign", "sign", "returnAssignment", "transfer", "extend", "reply", "close",
];
