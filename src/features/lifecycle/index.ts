// The lifecycle of a suggestion: the state machine, the one way a status changes, and the handling events that
// record every step (see CONTEXT.md). Every feature that moves a suggestion or writes its history comes through here.
export { canApply, OPEN_STATUSES, TRANSITIONS, type Action } from "./state-machine.ts";
export { applyTransition, planTransitions, type PlannedTransition, type TransitionInput } from "./transitions.ts";
export { EVENT_TYPE, EVENT_TYPES, type EventType } from "./event-types.ts";
export {
  LocalizedText, localizedMessage, localizedText, NO_NOTE, systemNote, systemNoteWithText, typedNote, type EventNote,
} from "./event-notes.ts";
export { recordEvent, type NewEvent } from "./events.repository.ts";
