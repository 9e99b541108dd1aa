import { describe, expect, it } from "vitest";
import { SuggestionStatus } from "../../../../src/generated/prisma/enums.ts";
import { canApply, nextStatus, TRANSITIONS, type Action } from "../../../../src/features/lifecycle/state-machine.ts";
import { ConflictError } from "../../../../src/errors.ts";

const ALL = Object.values(SuggestionStatus);
const ACTIONS = Object.keys(TRANSITIONS) as Action[];

// The lifecycle as the collection office describes it, written out by hand so a change to the table shows here.
const ALLOWED: Record<Action, string[]> = {
  triage: ["SUBMITTED"],
  accept: ["SUBMITTED", "SCREENING", "RETURNED"],
  notAccept: ["SUBMITTED", "SCREENING", "RETURNED"],
  refer: ["SUBMITTED", "SCREENING", "RETURNED"],
  merge: ["SUBMITTED", "SCREENING", "RETURNED"],
  assign: ["ACCEPTED"],
  sign: ["ASSIGNED"],
  returnAssignment: ["ASSIGNED", "IN_HANDLING", "EXTENDED"],
  transfer: ["ASSIGNED", "IN_HANDLING", "EXTENDED", "RETURNED"],
  extend: ["ASSIGNED", "IN_HANDLING", "EXTENDED"],
  reply: ["IN_HANDLING", "EXTENDED"],
  close: ["REPLIED"],
};

describe("suggestion state machine", () => {
  for (const action of ACTIONS) {
    for (const from of ALL) {
      const allowed = ALLOWED[action].includes(from);
      it(`when ${action} is applied to ${from}, then it is ${allowed ? `allowed and leads to ${TRANSITIONS[action].to}` : "refused"}`, () => {
        expect(canApply(action, from)).toBe(allowed);
        if (allowed) expect(nextStatus(action, from)).toBe(TRANSITIONS[action].to);
        else expect(() => nextStatus(action, from)).toThrow(ConflictError);
      });
    }
  }

  it("when a suggestion is closed, not accepted, referred or merged, then no action applies to it any more except linking later", () => {
    for (const terminal of ["CLOSED", "NOT_ACCEPTED", "REFERRED", "MERGED"] as const) {
      expect(ACTIONS.filter((a) => canApply(a, terminal))).toEqual([]);
    }
  });

  it("when replying to a suggestion that was never accepted, then it is refused", () => {
    for (const from of ["SUBMITTED", "SCREENING", "NOT_ACCEPTED", "ACCEPTED", "ASSIGNED"] as const) {
      expect(canApply("reply", from)).toBe(false);
    }
  });
});
