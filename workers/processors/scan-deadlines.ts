// scan-deadlines (a job scheduler on the maintenance queue): reminders before the reply deadline, escalation after
// it, and closing answered suggestions whose rating window has passed (see src/features/deadlines). The job carries
// no data; every run is idempotent, so a missed or doubled run costs nothing.
import type { Container } from "../../src/container.ts";
import { createDeadlineService, type ScanResult } from "../../src/features/reminders/reminders.service.ts";

export function createScanDeadlinesProcessor(c: Container) {
  const deadlines = createDeadlineService(c);
  return async (): Promise<ScanResult> => deadlines.scan();
}
