// Submissions (see CONTEXT.md): the citizen's everyday form, the write path every suggestion takes (a round's form
// included), its reference data, tracking codes, and the form's view model that the rounds' pages share.
export { submissionRoutes } from "./submissions.routes.ts";
export {
  createSubmissionService, EVERYDAY_PREFIX, ROUND_FALLBACK_PREFIX,
  type RoundTarget, type SubmissionService, type SubmissionServiceDeps, type SubmitInput, type SubmitResult,
} from "./submissions.service.ts";
export { LIMITS, parseRoundSuggestionForm, type RoundSuggestionForm, type SuggestionForm } from "./submissions.schemas.ts";
export { formTokenOf, formValues, RECEIPT_PATH, redirectToReceipt, setReceipt, suggestionFormView, type TopicOption } from "./submissions.view.ts";
export { intakeMiddleware, pageTitle } from "./submissions.intake.ts";
export { discardTempFiles, hadFiles, uploadedFiles, uploadLimitErrors, uploadTempDir, type UploadedFile } from "./uploads.ts";
export { generateTrackingCode, normalizeTrackingCode, trackingCodeField, TRACKING_CODE_PATTERN } from "./tracking-code.ts";
export { parseSubmittedNotice, SUBMITTED_CHANNEL, type SubmittedNotice } from "./submitted-notice.ts";
