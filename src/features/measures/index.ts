// Policy measures (政策举措, see CONTEXT.md): staff pages, and the panel the case page shows.
export { measureRoutes } from "./measures.routes.ts";
export { createMeasureService, linkNote, type MeasureDeps, type MeasureService } from "./measures.service.ts";
export { measuresCasePanel } from "./measures.panel.ts";
export type { MeasureData } from "./measures.repository.ts";
