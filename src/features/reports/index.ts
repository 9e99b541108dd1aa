// Policy-conversion reports (建议转化报告, see CONTEXT.md): the computed data set, its tables and outputs.
export { buildReportData, type ReportData } from "./report-data.ts";
export { parseScope, previousMonthScope, scopeKey, type ReportScope } from "./report-scope.ts";
export { reportTables, scopeLabel, type ReportTable } from "./report-tables.ts";
export { createReportService, type ReportDeps, type ReportService } from "./reports.service.ts";
export { reportRoutes } from "./reports.routes.ts";
export { statsRoutes } from "./public-stats.ts";
export { streamSuggestionsCsv } from "./suggestions-csv.ts";
