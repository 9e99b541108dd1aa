// /admin/audit: the audit log, filtered, paged, and exported as CSV. Administrators only.
import { Router } from "express";
import type { Container } from "../../container.ts";
import { formatDate } from "../../platform/dates.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireAdmin } from "../auth/index.ts";
import { csvHeader, csvRow } from "./audit-csv.ts";
import { parseAuditQuery, queryStringOf } from "./audit.schemas.ts";
import { changesOf, type AuditService } from "./audit.service.ts";

export function auditRoutes(c: Container, audit: AuditService): Router {
  const router = Router();
  const admin = requireAdmin();

  router.get("/admin/audit", admin, async (req, res) => {
    const t = translatorOf(res);
    const q = parseAuditQuery(req.query as Record<string, unknown>);
    const [{ entries, nextBeforeId }, actions] = await Promise.all([audit.page(q.filters, q.beforeId), audit.actions()]);
    res.render("admin/audit", {
      title: t("audit:title"),
      values: q.values,
      actionOptions: actions.map((a) => ({ value: a, label: t(`audit:action.${a}`, { defaultValue: a }) })),
      entries: entries.map((e) => ({
        ...e,
        actionLabel: t(`audit:action.${e.action}`, { defaultValue: e.action }),
        changes: changesOf(e),
      })),
      exportUrl: `/admin/audit/export.csv${queryStringOf(q.values)}`,
      nextUrl: nextBeforeId ? `/admin/audit${queryStringOf(q.values, { before: String(nextBeforeId) })}` : null,
      firstUrl: q.beforeId ? `/admin/audit${queryStringOf(q.values)}` : null,
    });
  });

  router.get("/admin/audit/export.csv", admin, async (req, res) => {
    const q = parseAuditQuery(req.query as Record<string, unknown>);
    const stamp = formatDate(c.now(), "en", "date").replace(/\s+/g, "-");
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="audit-log-${stamp}.csv"`);
    res.setHeader("Cache-Control", "no-store");
    res.write(`${csvHeader()}\r\n`);
    for await (const entry of audit.exportRows(q.filters)) res.write(`${csvRow(entry)}\r\n`);
    res.end();
  });

  return router;
}
