// Reminders (到期提醒、超期督办、评价期满办结, see CONTEXT.md): the scans of the scan-deadlines job.
export { createReminderService, SCAN_BATCH, SCAN_MAX_BATCHES, type ReminderDeps, type ReminderService, type ScanResult } from "./reminders.service.ts";
export { overdueKey, reminderKey } from "./reminder-keys.ts";
export { autoCloseNote, overdueNote } from "./reminder-notes.ts";
