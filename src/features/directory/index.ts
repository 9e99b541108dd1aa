// The directory (机构目录, see CONTEXT.md): departments, categories and regions, edited by administrators.
export { createDirectoryService, type DirectoryService } from "./directory.service.ts";
export { directoryRoutes } from "./directory.routes.ts";
