// The front half of every suggestion POST (everyday and round): rate limit, multipart parsing, then the CSRF
// check — which can only run once multer has parsed the body that carries the token. Used by the submissions
// and rounds routers.
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Infrastructure } from "../../container.ts";
import type { FieldErrors } from "../../errors.ts";
import type { Translate } from "../../platform/i18n.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { rateLimitPerIpOf } from "../../web/middleware/rate-limit.ts";
import { discardTempFiles, multipartParser, uploadedFiles, uploadTempDir } from "./uploads.ts";

export function intakeMiddleware(c: Pick<Infrastructure, "limitsRedis" | "config" | "logger">, csrf: Csrf): RequestHandler[] {
  // One budget for everyday and round suggestions alike.
  const limit = rateLimitPerIpOf(c, { name: "submit", points: c.config.submissionsPerIpPerHour, durationSec: 3600 });
  const verifyCsrf = (req: Request, res: Response, next: NextFunction) => {
    csrf.verify(req, res, (err?: unknown) => {
      if (err === undefined) return next();
      // A refused request keeps nothing, not even its temp files.
      void discardTempFiles(uploadedFiles(req)).finally(() => next(err));
    });
  };
  return [limit, multipartParser(uploadTempDir(c.config.uploadDir)), verifyCsrf];
}

/** The page <title> of a form shown again with errors starts with "Error:", as screen-reader users expect. */
export function pageTitle(t: Translate, title: string, errors: FieldErrors | undefined): string {
  return errors && Object.keys(errors).length > 0 ? `${t("submissions:form.errorTitlePrefix")}${title}` : title;
}
