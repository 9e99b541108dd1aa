// Every feature's service, built once per process from the infrastructure (the composition root's second half, see
// container.ts). The web process's routers and the worker's processors both take their services from here.
import type { Infrastructure } from "./container.ts";
import { createAuthService } from "./features/auth/index.ts";
import { createAttachmentService, createCasePageService, createDepartmentActionService, createInboxService } from "./features/casework/index.ts";
import {
  createCoordinatorPanel, createDecisionService, createExtensionDecisionService, createScreeningQueue, createSupervisionService,
} from "./features/coordination/index.ts";
import { createDeadlines } from "./features/deadlines/index.ts";
import { createMeasureService } from "./features/measures/index.ts";
import { createNotificationService } from "./features/notifications/index.ts";
import { createRatingService } from "./features/ratings/index.ts";
import { createReportService } from "./features/reports/index.ts";
import { createReminderService } from "./features/reminders/index.ts";
import { createRoundService } from "./features/rounds/index.ts";
import { createShowcaseService } from "./features/showcase/index.ts";
import { createRoutingService } from "./features/routing/index.ts";
import { createSubmissionService } from "./features/submissions/index.ts";
import { createTrackingService } from "./features/tracking/index.ts";

export function createServices(infra: Infrastructure) {
  const deadlines = createDeadlines(infra.config.deadlines, infra.logger);
  const withDeadlines = { ...infra, deadlines };
  const submissions = createSubmissionService(withDeadlines);
  return {
    deadlines,
    auth: createAuthService({ db: infra.db, redis: infra.sessionRedis, redisPrefix: infra.config.redisPrefix }),
    submissions,
    rounds: createRoundService({ ...infra, submissions }),
    tracking: createTrackingService(withDeadlines),
    ratings: createRatingService(withDeadlines),
    routing: createRoutingService(withDeadlines),
    notifications: createNotificationService(infra),
    reminders: createReminderService(withDeadlines),
    measures: createMeasureService(infra),
    reports: createReportService(infra),
    showcase: createShowcaseService(infra),
    casework: {
      inbox: createInboxService(withDeadlines),
      casePage: createCasePageService(withDeadlines),
      departmentActions: createDepartmentActionService(withDeadlines),
      attachments: createAttachmentService(infra),
    },
    coordination: {
      queue: createScreeningQueue(withDeadlines),
      decisions: createDecisionService(withDeadlines),
      panel: createCoordinatorPanel(withDeadlines),
      extensions: createExtensionDecisionService(withDeadlines),
      supervision: createSupervisionService(withDeadlines),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
