// The one way a suggestion's status changes: an action of the state machine (state-machine.ts), applied with a
// conditional update and recorded as a handling event in the same transaction.
import type { DbClient } from "../../platform/db.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import { ConflictError } from "../../errors.ts";
import { NO_NOTE, type EventNote } from "./event-notes.ts";
import { EVENT_TYPE, type EventType } from "./event-types.ts";
import { TRANSITIONS, type Action } from "./state-machine.ts";

export interface TransitionInput {
  suggestionId: number;
  action: Action;
  actorId?: number | null;
  departmentId?: number | null;
  /** What the event says: `typedNote(text)` for what a person wrote, `systemNote(key, params)` for the system's words. */
  note?: EventNote;
  /** Other columns that change with the status (deadlines, lead department, ...). */
  set?: Omit<Prisma.SuggestionUncheckedUpdateManyInput, "status" | "id">;
  /** Event type when it differs from the action's own (see ACTION_EVENT_TYPE). */
  eventType?: EventType;
  /** Staff-only events (routing details, returns, transfers) are not shown to the citizen. */
  internal?: boolean;
}

/**
 * Applies an action with a conditional update (status must still be one the action allows), so two
 * concurrent requests cannot both apply it, and writes the handling event in the same transaction.
 * Call inside a transaction.
 */
export async function applyTransition(tx: DbClient, input: TransitionInput) {
  const current = await tx.suggestion.findUnique({ where: { id: input.suggestionId }, select: { status: true } });
  if (!current) throw new ConflictError("errors:illegalTransition", { action: input.action, from: "none" });
  const [step] = planTransitions(current.status, [{ action: input.action, eventType: input.eventType }]) as [PlannedTransition];
  const updated = await tx.suggestion.updateMany({
    where: { id: input.suggestionId, status: current.status },
    data: { ...input.set, status: step.to },
  });
  if (updated.count !== 1) throw new ConflictError("errors:illegalTransition", { action: input.action, from: current.status });
  await tx.handlingEvent.create({
    data: {
      suggestionId: input.suggestionId,
      type: step.eventType,
      fromStatus: current.status,
      toStatus: step.to,
      actorId: input.actorId ?? null,
      departmentId: input.departmentId ?? null,
      note: (input.note ?? NO_NOTE).note,
      noteEn: (input.note ?? NO_NOTE).noteEn,
      internal: input.internal ?? false,
    },
  });
  return { from: current.status, to: step.to };
}

export interface PlannedTransition {
  action: Action;
  from: SuggestionStatus;
  to: SuggestionStatus;
  eventType: EventType;
}

/**
 * The state machine's answer for actions applied one after the other from `from`, for a writer that commits them
 * in ONE statement instead of an interactive transaction (the router, on the hot path of a burst): it must make
 * its update conditional on `status = from`, as applyTransition does, and write one event per step. Throws the
 * same ConflictError as applyTransition for an illegal step.
 */
export function planTransitions(from: SuggestionStatus, steps: { action: Action; eventType?: EventType }[]): PlannedTransition[] {
  let status = from;
  return steps.map(({ action, eventType }) => {
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(status)) throw new ConflictError("errors:illegalTransition", { action, from: status });
    const step = { action, from: status, to: rule.to, eventType: eventType ?? actionEventType(action) };
    status = rule.to;
    return step;
  });
}

/** Event types name what happened, in the past tense (the demo history uses the same names). */
const ACTION_EVENT_TYPE: Record<Action, EventType> = {
  triage: EVENT_TYPE.TRIAGE,
  accept: EVENT_TYPE.ACCEPTED,
  notAccept: EVENT_TYPE.NOT_ACCEPTED,
  refer: EVENT_TYPE.REFERRED,
  merge: EVENT_TYPE.MERGED,
  assign: EVENT_TYPE.ASSIGNED,
  sign: EVENT_TYPE.SIGNED,
  returnAssignment: EVENT_TYPE.RETURNED,
  transfer: EVENT_TYPE.TRANSFERRED,
  extend: EVENT_TYPE.EXTENSION_APPROVED,
  reply: EVENT_TYPE.REPLIED,
  close: EVENT_TYPE.CLOSED,
};

function actionEventType(action: Action): EventType {
  return ACTION_EVENT_TYPE[action];
}
