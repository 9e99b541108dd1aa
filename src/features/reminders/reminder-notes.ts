// What the scans write into the handling history, in both languages (reminders:notes.* in the locale files).
import { systemNote, type EventNote } from "../lifecycle/index.ts";

/** The internal history line of an escalation. */
export function overdueNote(dueAt: Date): EventNote {
  return systemNote("reminders:notes.overdue", { dueAt: dueAt.toISOString() });
}

/** The close at the end of the rating window. */
export function autoCloseNote(): EventNote {
  return systemNote("reminders:notes.autoClosed");
}
