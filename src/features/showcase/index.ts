// The golden-ideas showcase (金点子展示, see CONTEXT.md): adopted suggestions published with the citizen's consent.
export { createShowcaseService, type GoldenIdea, type ShowcaseDeps, type ShowcaseService } from "./showcase.service.ts";
export { showcaseRoutes } from "./showcase.routes.ts";
