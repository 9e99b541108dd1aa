// What makes each reminder and escalation email, and each escalation event, happen at most once per deadline.

/**
 * One reminder per official per deadline: the deadline's instant is part of the key, so an extension that moves it
 * earns a new reminder while a second scan for the same deadline writes nothing.
 */
export function reminderKey(assignmentId: number, dueAt: Date, userId: number): string {
  return `reminder-${assignmentId}-${dueAt.getTime()}-${userId}`;
}

/** One escalation per recipient address per deadline (a head's account and the head mailbox may coincide). */
export function overdueKey(assignmentId: number, dueAt: Date, recipient: string): string {
  return `overdue-${assignmentId}-${dueAt.getTime()}-${recipient.trim().toLowerCase()}`;
}
