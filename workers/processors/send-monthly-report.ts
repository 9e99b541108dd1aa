// send-monthly-report (a job scheduler on the reports queue, 06:00 Shanghai on the 1st): last month's report for
// the whole platform, emailed to the administrators with the PDF attached. The job carries no data; the service
// makes a second run in the same month a no-op.
import type { Container } from "../../src/container.ts";

export function createSendMonthlyReportProcessor(c: Container) {
  return async () => c.services.reports.sendMonthly();
}
