// Themed collection rounds as the public sees them (see CONTEXT.md).
export { roundRoutes } from "./rounds.routes.ts";
export { createRoundService, roundPhase, RoundNotOpenError, type RoundPhase, type RoundService, type RoundView } from "./rounds.service.ts";
