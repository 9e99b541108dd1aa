// Casework (办理, see CONTEXT.md): the department inbox, the case page every staff role opens, and what a department
// does with a case. Other features add panels to the case page (`CasePagePanel`) and send the lead reply's emails.
export { caseworkRoutes, type CasePagePanel } from "./casework.routes.ts";
export { createInboxService, type InboxDeps, type InboxService } from "./inbox.service.ts";
export { createCasePageService, type CasePageDeps, type CasePageService } from "./case-page.service.ts";
export { createDepartmentActionService, type DepartmentActionDeps, type DepartmentActionService } from "./department-actions.service.ts";
export { createAttachmentService, type AttachmentService } from "./attachments.service.ts";
export { findLeadReply, replyEmailDrafts, type LeadReply } from "./reply-emails.ts";
export { visibleSuggestionsWhere, type Viewer } from "./access.ts";
