// Email through an outbox (see CONTEXT.md): features write drafts in their own transaction with `queueEmails` and
// queue them after commit; the send-email job delivers them with the notification service.
export { EMAIL_TEMPLATES, isEmailTemplate, queueEmails, type EmailDraft, type EmailTemplate } from "./outbox.ts";
export { citizenEmail, citizenEmailFor, newTrackToken, TRACK_TOKEN_PATTERN, trackUrl, type CitizenEmailContent, type CitizenEmailTarget } from "./citizen-email.ts";
export { createNotificationService, isDeliverableAddress, type NotificationService, type SendOutcome } from "./notifications.service.ts";
export { createEmailRenderer, EMAIL_VIEWS_DIR, UnknownTemplateError, type EmailRenderer, type RenderedEmail } from "./email-renderer.ts";
export { EMAILS_CHANNEL, emailNoticePayloadSql, parseEmailNotice } from "./email-notice.ts";
