// Every deadline rule (see CONTEXT.md): built once as `createDeadlines(config.deadlines, logger)` and handed to the
// features that set or read deadlines; the pure rules are exported for pages and queries that need one of them.
// Administrators change the limits and the calendar's entered days (deadline-admin.*), applied to every process.
export { createDeadlines, EDITABLE_SETTINGS, type DeadlineSettings, type Deadlines, type EditableSetting } from "./deadlines.ts";
export {
  REPLY_DEADLINE_STATUSES, SCREENING_DEADLINE_STATUSES, isReplyDeadlineRunning, isScreeningDeadlineRunning, returnWindowEndsAt,
  extendedReplyDueAt,
  type DeadlineState, type TypedDeadlineProblem,
} from "./deadline-rules.ts";
export { createDeadlineAdmin, REFRESH_MS, type DeadlineAdmin } from "./deadline-admin.service.ts";
export { calendarNotice, deadlineAdminRoutes } from "./deadline-admin.routes.ts";
