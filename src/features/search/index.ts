// Staff search (检索, see CONTEXT.md): tracking code, words, or a phone number (coordinators and administrators).
export { createSearchService, type SearchService } from "./search.service.ts";
export { searchRoutes } from "./search.routes.ts";
