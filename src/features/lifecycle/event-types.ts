// Every value the code writes to HandlingEvent.type, in one place: the staff history labels each of them
// (casework:event.<TYPE> in every locale, checked by a unit test), and the column itself is free text.
export const EVENT_TYPE = {
  SUBMITTED: "SUBMITTED",
  // The router's decisions, internal: a proposed department, or left to the coordinators.
  ROUTED: "ROUTED",
  TRIAGE: "TRIAGE",
  ACCEPTED: "ACCEPTED",
  NOT_ACCEPTED: "NOT_ACCEPTED",
  REFERRED: "REFERRED",
  MERGED: "MERGED",
  MERGE_TARGET_CHANGED: "MERGE_TARGET_CHANGED",
  ASSIGNED: "ASSIGNED",
  ASSIGNMENT_ACCEPTED: "ASSIGNMENT_ACCEPTED",
  ASSIST_ACCEPTED: "ASSIST_ACCEPTED",
  RETURNED: "RETURNED",
  TRANSFERRED: "TRANSFERRED",
  EXTENSION_REQUESTED: "EXTENSION_REQUESTED",
  EXTENSION_APPROVED: "EXTENSION_APPROVED",
  EXTENSION_REFUSED: "EXTENSION_REFUSED",
  OPINION_ADDED: "OPINION_ADDED",
  NOTE: "NOTE",
  CONTACT_REVEALED: "CONTACT_REVEALED",
  IMPORTANT_MARKED: "IMPORTANT_MARKED",
  IMPORTANT_UNMARKED: "IMPORTANT_UNMARKED",
  OVERDUE: "OVERDUE",
  REPLIED: "REPLIED",
  CLOSED: "CLOSED",
  MEASURE_LINKED: "MEASURE_LINKED",
} as const;

export type EventType = (typeof EVENT_TYPE)[keyof typeof EVENT_TYPE];

export const EVENT_TYPES: readonly EventType[] = Object.values(EVENT_TYPE);
