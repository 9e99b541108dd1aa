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
  // 签收. The stored values predate the word "sign": history rows (and the reports that will count them) keep the
  // value they were written with, so only the name the code uses changed, not the data.
  SIGNED: "ASSIGNMENT_ACCEPTED",
  ASSIST_SIGNED: "ASSIST_ACCEPTED",
  RETURNED: "RETURNED",
  TRANSFERRED: "TRANSFERRED",
  EXTENSION_REQUESTED: "EXTENSION_REQUESTED",
  EXTENSION_APPROVED: "EXTENSION_APPROVED",
  EXTENSION_REFUSED: "EXTENSION_REFUSED",
  OPINION_ADDED: "OPINION_ADDED",
  // 答复需负责人审核 (features/casework): internal, the citizen hears nothing until the head approves.
  REPLY_SUBMITTED: "REPLY_SUBMITTED",
  REPLY_SENT_BACK: "REPLY_SENT_BACK",
  NOTE: "NOTE",
  CONTACT_REVEALED: "CONTACT_REVEALED",
  IMPORTANT_MARKED: "IMPORTANT_MARKED",
  IMPORTANT_UNMARKED: "IMPORTANT_UNMARKED",
  OVERDUE: "OVERDUE",
  REPLIED: "REPLIED",
  CLOSED: "CLOSED",
  MEASURE_LINKED: "MEASURE_LINKED",
  // The office's note to a citizen who rated the reply 1 or 2 stars (回访); not internal: the citizen reads it.
  FOLLOW_UP: "FOLLOW_UP",
  // 催办: the office urged the lead department about its deadline; between the offices, internal.
  URGED: "URGED",
} as const;

export type EventType = (typeof EVENT_TYPE)[keyof typeof EVENT_TYPE];

export const EVENT_TYPES: readonly EventType[] = Object.values(EVENT_TYPE);
