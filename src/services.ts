// Every feature's service, built once per process from the infrastructure (the composition root's second half, see
// container.ts). The web process's routers and the worker's processors both take their services from here.
import type { Infrastructure } from "./container.ts";
import { createAuditService, recordAudit } from "./features/audit/index.ts";
import { createAuthService } from "./features/auth/index.ts";
import { createAttachmentService, createCasePageService, createDepartmentActionService, createInboxService } from "./features/casework/index.ts";
import {
  createCoordinatorPanel, createDecisionService, createExtensionDecisionService, createScreeningQueue, createSupervisionService,
} from "./features/coordination/index.ts";
import { createDeadlineAdmin, createDeadlines } from "./features/deadlines/index.ts";
import { createDirectoryService } from "./features/directory/index.ts";
import { createMeasureService } from "./features/measures/index.ts";
import { createNotificationService } from "./features/notifications/index.ts";
import { createPeopleService } from "./features/people/index.ts";
import { createRatingService } from "./features/ratings/index.ts";
import { createReportService } from "./features/reports/index.ts";
import { createReminderService } from "./features/reminders/index.ts";
import { createRoundAdminService, createRoundOverviewService, createRoundService } from "./features/rounds/index.ts";
import { createRoutingService, createRuleAdminService } from "./features/routing/index.ts";
import { createRoutingModelService } from "./features/routing-model/index.ts";
import { createSimilarityService } from "./features/similarity/index.ts";
import { createSearchService } from "./features/search/index.ts";
import { createShowcaseService } from "./features/showcase/index.ts";
import { createSubmissionService } from "./features/submissions/index.ts";
import { createTrackingService } from "./features/tracking/index.ts";

export function createServices(infra: Infrastructure) {
  const deadlines = createDeadlines(infra.config.deadlines, infra.logger);
  const withDeadlines = { ...infra, deadlines };
  const submissions = createSubmissionService(withDeadlines);
  const rounds = createRoundService({ ...infra, submissions });
  const routingModel = createRoutingModelService(infra);
  const inbox = createInboxService(withDeadlines);
  return {
    deadlines,
    deadlineAdmin: createDeadlineAdmin(withDeadlines),
    audit: createAuditService(infra),
    // A department or category change clears this process's cached inbox names at once (others within their TTL).
    directory: createDirectoryService({ ...infra, onChange: () => inbox.forgetNames() }),
    people: createPeopleService(infra),
    search: createSearchService(infra),
    auth: createAuthService({ db: infra.db, redis: infra.sessionRedis, redisPrefix: infra.config.redisPrefix }),
    submissions,
    rounds,
    // Every change is audited in its own transaction, and clears this process's cached public list so the
    // administrator sees it on the public page at once.
    roundAdmin: createRoundAdminService({
      ...infra,
      record: (tx, change) => recordAudit(tx, change),
      onChange: () => {
        rounds.forget();
        inbox.forgetNames();
      },
    }),
    roundOverview: createRoundOverviewService(infra),
    tracking: createTrackingService(withDeadlines),
    ratings: createRatingService(withDeadlines),
    routing: createRoutingService({ ...withDeadlines, routingModel }),
    routingRules: createRuleAdminService(infra),
    similarity: createSimilarityService(infra),
    routingModel,
    notifications: createNotificationService(infra),
    reminders: createReminderService(withDeadlines),
    measures: createMeasureService(infra),
    reports: createReportService(infra),
    showcase: createShowcaseService(infra),
    casework: {
      inbox,
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
