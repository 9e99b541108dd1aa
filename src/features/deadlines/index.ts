// Every deadline rule (see CONTEXT.md): built once as `createDeadlines(config.deadlines, logger)` and handed to the
// features that set or read deadlines; the pure rules are exported for pages and queries that need one of them.
export { createDeadlines, type DeadlineSettings, type Deadlines } from "./deadlines.ts";
export {
  REPLY_DEADLINE_STATUSES, SCREENING_DEADLINE_STATUSES, isReplyDeadlineRunning, isScreeningDeadlineRunning, returnWindowEndsAt,
  extendedReplyDueAt,
  type DeadlineState, type TypedDeadlineProblem,
} from "./deadline-rules.ts";
