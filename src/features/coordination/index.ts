// Coordination (征集办, see CONTEXT.md): the screening queue, the decisions on a suggestion, extension decisions and
// supervision, and the coordinator's panel on the case page.
export { coordinationRoutes } from "./coordination.routes.ts";
export { createScreeningQueue, type ScreeningQueue } from "./screening-queue.service.ts";
export { createDecisionService, NOT_MERGEABLE_INTO, type DecisionDeps, type DecisionService } from "./decisions.service.ts";
export { coordinatorCasePanel, createCoordinatorPanel, type CoordinatorPanel } from "./coordinator-panel.ts";
export { createExtensionDecisionService, type ExtensionDecisionService } from "./extension-decisions.service.ts";
export { createSupervisionService, type SupervisionService } from "./supervision.service.ts";
export { coordinationNotes } from "./coordination-notes.ts";
