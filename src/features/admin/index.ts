// The administration's front page (/admin): the areas an administrator runs (see CONTEXT.md).
export { adminLandingRoutes } from "./admin.routes.ts";
