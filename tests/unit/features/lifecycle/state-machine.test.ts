// The state machine against the domain's table (tests/support/lifecycle-table.ts, from DESIGN.md), through the
// lifecycle's front door: canApply (which every service asks) and TRANSITIONS (which applyTransition writes).
// Changing where any action leads, or from where, fails a test here.
import { describe, expect, it } from "vitest";
import { SuggestionStatus } from "../../../../src/generated/prisma/enums.ts";
import { canApply, TRANSITIONS, type Action } from "../../../../src/features/lifecycle/index.ts";
import { ACTIONS, expectedTransition, LIFECYCLE } from "../../../support/lifecycle-table.ts";

const ALL = Object.values(SuggestionStatus);

describe("suggestion state machine", () => {
  it("when the code's actions are listed, then they are the domain's actions", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const from of ALL) {
      const to = expectedTransition(from, action);
      it(`when ${action} is applied to ${from}, then it is ${to ? `allowed and leads to ${to}` : "refused"}`, () => {
        expect(canApply(action, from)).toBe(to !== undefined);
        if (to) expect(TRANSITIONS[action].to).toBe(to);
      });
    }
  }

  it("when a suggestion is closed, not accepted, referred or merged, then no action applies to it any more", () => {
    for (const terminal of ["CLOSED", "NOT_ACCEPTED", "REFERRED", "MERGED"] as const) {
      expect(ACTIONS.filter((a: Action) => canApply(a, terminal))).toEqual([]);
    }
  });

  it("when replying to a suggestion that was never accepted, then it is refused", () => {
    for (const from of ["SUBMITTED", "SCREENING", "NOT_ACCEPTED", "ACCEPTED", "ASSIGNED"] as const) {
      expect(canApply("reply", from)).toBe(false);
    }
  });

  it("when the domain's table is read, then every row names a status the schema knows", () => {
    for (const [from, , to] of LIFECYCLE) expect([ALL.includes(from), ALL.includes(to)]).toEqual([true, true]);
  });
});
