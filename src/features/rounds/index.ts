// Themed collection rounds (see CONTEXT.md): the public pages, the administration's round pages and the office's
// overview, and the open-round / close-round work the worker runs.
export { roundRoutes } from "./rounds.routes.ts";
export { roundAdminRoutes } from "./round-admin.routes.ts";
export { createRoundService, roundPhase, RoundNotOpenError, type RoundPhase, type RoundService, type RoundView } from "./rounds.service.ts";
export { createRoundAdminService, type RoundActor, type RoundAdminService, type RoundChange } from "./round-admin.service.ts";
export { createRoundOverviewService, type RoundOverviewService } from "./round-overview.service.ts";
export { parseRoundForm, type RoundForm } from "./rounds.schemas.ts";
