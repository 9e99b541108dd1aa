// Tracking (进度查询, see CONTEXT.md): the citizen's look-up by code and phone digits, and the rating form on its result.
export { trackingRoutes } from "./tracking.routes.ts";
export { createTrackingService, type TrackingDeps, type TrackingService, type TrackingView } from "./tracking.service.ts";
