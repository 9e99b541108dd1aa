import { describe, expect, it } from "vitest";
import { EVENT_TYPE, planTransitions } from "../../../../src/features/lifecycle/index.ts";
import { ConflictError } from "../../../../src/errors.ts";

describe("planTransitions", () => {
  it("when actions are chained, then each step starts where the previous one ended, with its event type", () => {
    expect(planTransitions("SUBMITTED", [{ action: "accept" }, { action: "assign" }])).toEqual([
      { action: "accept", from: "SUBMITTED", to: "ACCEPTED", eventType: EVENT_TYPE.ACCEPTED },
      { action: "assign", from: "ACCEPTED", to: "ASSIGNED", eventType: EVENT_TYPE.ASSIGNED },
    ]);
  });

  it("when an event type is given, then it replaces the action's own", () => {
    expect(planTransitions("SUBMITTED", [{ action: "triage", eventType: EVENT_TYPE.ROUTED }])[0]).toMatchObject({ to: "SCREENING", eventType: EVENT_TYPE.ROUTED });
  });

  it("when a step is not allowed from where the chain stands, then it is refused like applyTransition refuses it", () => {
    expect(() => planTransitions("SCREENING", [{ action: "triage" }])).toThrow(ConflictError);
    expect(() => planTransitions("SUBMITTED", [{ action: "assign" }])).toThrow(ConflictError);
  });
});
