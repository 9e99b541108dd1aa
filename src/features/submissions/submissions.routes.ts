// The everyday suggestion form (日常征集), its POST and the confirmation page after the redirect.
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { ValidationError, type FieldErrors } from "../../errors.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { dependencyDown, OUTAGE_RETRY_AFTER_SECONDS } from "../../platform/outages.ts";
import { trackUrl } from "../notifications/index.ts";
import { parseSuggestionForm } from "./submissions.schemas.ts";
import { intakeMiddleware, pageTitle } from "./submissions.intake.ts";
import { formTokenOf, formValues, readReceipt, RECEIPT_PATH, redirectToReceipt, setReceipt, suggestionFormView } from "./submissions.view.ts";
import { discardTempFiles, hadFiles, uploadedFiles, uploadLimitErrors, type UploadedFile } from "./uploads.ts";

const FORM_PATH = "/suggestions/new";

export function submissionRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const service = c.services.submissions;

  async function renderForm(req: Request, res: Response, status: number, errors?: FieldErrors) {
    if (status === 503) res.set("Retry-After", String(OUTAGE_RETRY_AFTER_SECONDS));
    const t = translatorOf(res);
    const form = suggestionFormView({
      action: FORM_PATH,
      reference: await service.referenceData(),
      values: errors ? formValues(req.body) : {},
      errors,
      t,
      filesDropped: errors ? hadFiles(req, res) : false,
      formToken: errors ? formTokenOf(req.body) : undefined,
    });
    res.status(status).render("submissions/new", { title: pageTitle(t, t("submissions:new.title"), errors), form });
  }

  router.get(FORM_PATH, (req, res) => renderForm(req, res, 200));

  // A refused form keeps none of its files; they are gone before the page goes out, not after. (Declared here
  // rather than per request: no closure to make, and name, for every accepted submission.)
  async function refuse(req: Request, res: Response, files: UploadedFile[], status: number, errors: Record<string, string>) {
    await discardTempFiles(files);
    return renderForm(req, res, status, errors);
  }

  router.post([FORM_PATH, "/suggestions"], ...intakeMiddleware(c, csrf), async (req, res) => {
    const files = uploadedFiles(req);
    try {
      const limitErrors = uploadLimitErrors(res);
      // A text field over the multipart limit cut the body short: the fields after it are missing, not empty.
      if (limitErrors && !limitErrors.attachments) return await refuse(req, res, files, 422, limitErrors);
      const parsed = parseSuggestionForm(req.body);
      if (limitErrors || !parsed.ok) {
        return await refuse(req, res, files, 422, await service.refusalErrors(files, parsed.ok ? undefined : parsed.errors, limitErrors));
      }
      const { trackingCode, trackToken } = await service.submit({ form: parsed.data, files, locale: req.locale, formToken: formTokenOf(req.body) });
      setReceipt(res, { secure: c.config.cookieSecure, trackingCode, trackToken });
      redirectToReceipt(res);
    } catch (err) {
      if (err instanceof ValidationError) return refuse(req, res, files, 422, err.fields);
      // Nothing was committed (one transaction): say so plainly and give the citizen their text back. Files cannot
      // be put back into a file input; the form says they were not kept.
      if (dependencyDown(err)) {
        c.logger.warn({ dependency: dependencyDown(err) }, "suggestion not saved: dependency unreachable");
        return refuse(req, res, files, 503, { form: "submissions:form.notSaved" });
      }
      throw err;
    } finally {
      await discardTempFiles(files);
    }
  });

  router.get(RECEIPT_PATH, async (req, res) => {
    const t = translatorOf(res);
    const claimed = readReceipt(req);
    const receipt = claimed ? await service.findReceipt(claimed.trackingCode, claimed.trackToken) : null;
    res.set("Cache-Control", "no-store");
    res.set("Referrer-Policy", "no-referrer");
    res.render("submissions/received", {
      title: t("submissions:received.title"),
      receipt,
      privateUrl: receipt ? trackUrl(c.config.publicBaseUrl, receipt.trackToken) : null,
    });
  });

  return router;
}
