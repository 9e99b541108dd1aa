// scan-deadlines (a job scheduler on the maintenance queue): reminders before the reply deadline, escalation after
// it, and closing answered suggestions whose rating window has passed (see src/features/reminders). The job carries
// no data; every run is idempotent, so a missed or doubled run costs nothing.
import type { Container } from "../../src/container.ts";
import type { ScanResult } from "../../src/features/reminders/index.ts";

export function createScanDeadlinesProcessor(c: Container) {
  return async (): Promise<ScanResult> => c.services.reminders.scan();
}
