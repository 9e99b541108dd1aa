import type { NextFunction, Request, Response } from "express";
import { AppError } from "../../errors.ts";
import type { Logger } from "../../platform/logger.ts";
import { DEFAULT_LOCALE, translator } from "../../platform/i18n.ts";
import { dependencyDown, OUTAGE_RETRY_AFTER_SECONDS } from "../../platform/outages.ts";

const KNOWN_PAGES = new Set([400, 403, 404, 409, 413, 422, 429, 500, 503]);

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Express errors that are the client's fault (body-parser, multer) carry a status or a known code. */
function clientStatus(err: unknown): number | undefined {
  const e = err as { status?: number; statusCode?: number; type?: string; code?: string; name?: string };
  if (e?.name === "MulterError") return e.code === "LIMIT_FILE_SIZE" ? 413 : 400;
  // A schema parse that a handler did not turn into a form message: the request itself was malformed.
  if (e?.name === "ZodError") return 400;
  const status = e?.status ?? e?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) return status;
  return undefined;
}

export function notFoundHandler(_req: Request, _res: Response, next: NextFunction) {
  next(new AppError(404, "errors:notFound"));
}

export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    // A dependency that is down is not a bug in this request: 503 and a time to come back, and a warning (the
    // outage itself is logged once by the connection's listener), not an error line with a stack per request.
    const down = err instanceof AppError ? undefined : dependencyDown(err);
    const status = err instanceof AppError ? err.status : down ? 503 : (clientStatus(err) ?? 500);
    const key = err instanceof AppError ? err.messageKey : `errors:status${status}`;
    if (down) logger.warn({ dependency: down, reqId: req.id }, "request failed: dependency unreachable");
    else if (status >= 500 && status !== 503) logger.error({ err, reqId: req.id }, "request failed");
    else logger.info({ status, key, reqId: req.id }, "request refused");
    if (res.headersSent) return;
    if (status === 503) res.set("Retry-After", String(OUTAGE_RETRY_AFTER_SECONDS));
    const t = translator(req.locale ?? DEFAULT_LOCALE);
    const message = t(key, err instanceof AppError ? err.params : {});
    res.status(status);
    const view = KNOWN_PAGES.has(status) ? `errors/${status}` : status < 500 ? "errors/400" : "errors/500";
    res.render(view, { title: t(`errors:title${status}`, { defaultValue: t("errors:title") }), message, status }, (renderErr, html) => {
      if (renderErr) {
        // A client can trigger client errors at will: their fallback must not flood the log at error level.
        if (status < 500) logger.warn({ err: renderErr.message, status }, "error page failed to render");
        else logger.error({ err: renderErr }, "error page failed to render");
        res.type("html").send(`<!doctype html><meta charset="utf-8"><title>${status}</title><p>${escapeHtml(message)}</p>`);
        return;
      }
      res.send(html);
    });
  };
}
