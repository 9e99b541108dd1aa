// send-email: { emailId } → the notification service's sendEmail (idempotent; see src/features/notifications).
import type { Container } from "../../src/container.ts";
import { JOBS } from "../../src/platform/queues.ts";
import { idJob } from "./job-data.ts";

export function createSendEmailProcessor(c: Container) {
  return idJob(JOBS.sendEmail, "emailId", (emailId) => c.services.notifications.sendEmail(emailId));
}
