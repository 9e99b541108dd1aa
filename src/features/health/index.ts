// Health (see CONTEXT.md): /healthz for load balancers and operators.
export { healthRoutes } from "./health.routes.ts";
export { checkHealth } from "./health.service.ts";
