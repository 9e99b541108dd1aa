// send-email: { emailId } → NotificationService.sendEmail (idempotent; see src/features/notifications).
import { UnrecoverableError, type Job } from "bullmq";
import type { Container } from "../../src/container.ts";
import { createNotificationService, type SendOutcome } from "../../src/features/notifications/notifications.service.ts";
import { positiveId } from "./job-data.ts";

export function createSendEmailProcessor(c: Container) {
  const notifications = createNotificationService(c);
  return async (job: Pick<Job, "data">): Promise<SendOutcome> => {
    const emailId = positiveId(job.data, "emailId");
    if (emailId === null) throw new UnrecoverableError("send-email needs a positive integer emailId");
    return notifications.sendEmail(emailId);
  };
}
