// The public home page (see CONTEXT.md).
export { homeRoutes } from "./home.routes.ts";
