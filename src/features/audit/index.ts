// The audit log (审计日志, see CONTEXT.md): `recordAudit(tx, {actor, action, entity, entityId, before, after})` inside
// the transaction of every administrative change and every reveal of contact details; the /admin/audit page and CSV.
export { insertAuditEntry as recordAudit, type AuditActor, type AuditEntry, type AuditFilters, type AuditInput } from "./audit.repository.ts";
export { createAuditService, changesOf, type AuditService, type FieldChange } from "./audit.service.ts";
export { auditRoutes } from "./audit.routes.ts";
export { csvField } from "./audit-csv.ts";
