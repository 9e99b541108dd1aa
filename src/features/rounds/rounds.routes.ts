import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { NotFoundError, ValidationError, type FieldErrors } from "../../errors.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { parseRoundSuggestionForm } from "../submissions/submissions.schemas.ts";
import { intakeMiddleware, pageTitle, translatorOf } from "../submissions/submissions.intake.ts";
import { submissionServiceFor } from "../submissions/submissions.service.ts";
import { formValues, RECEIPT_PATH, setReceipt, suggestionFormView } from "../submissions/submissions.view.ts";
import { discardTempFiles, hadFiles, uploadedFiles, uploadLimitErrors } from "../submissions/uploads.ts";
import { roundServiceFor, RoundNotOpenError, type RoundView } from "./rounds.service.ts";

function roundId(raw: unknown): number {
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) throw new NotFoundError("rounds:notFound");
  return Number(raw);
}

export function roundRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const rounds = roundServiceFor(c);
  const submissions = submissionServiceFor(c);

  async function renderRound(req: Request, res: Response, round: RoundView, status: number, opts: { errors?: FieldErrors; notice?: string } = {}) {
    const t = translatorOf(res);
    const form =
      round.phase === "open"
        ? suggestionFormView({
            action: `/rounds/${round.id}/suggestions`,
            reference: await submissions.referenceData(),
            values: opts.errors ? formValues(req.body) : {},
            errors: opts.errors,
            t,
            topics: round.topics,
            filesDropped: opts.errors ? hadFiles(req, res) : false,
          })
        : null;
    const title = req.locale === "en" && round.titleEn ? round.titleEn : round.title;
    res.status(status).render("rounds/show", {
      title: pageTitle(t, title, opts.errors),
      round,
      isOpen: round.phase === "open",
      isUpcoming: round.phase === "upcoming",
      form,
      notice: opts.notice,
    });
  }

  router.get("/rounds", async (_req, res) => {
    const t = translatorOf(res);
    const { open, upcoming, closed } = await rounds.listRounds();
    res.render("rounds/index", { title: t("rounds:index.title"), open, upcoming, closed });
  });

  router.get("/rounds/:id", async (req, res) => {
    const round = await rounds.getRound(roundId(req.params.id));
    await renderRound(req, res, round, 200);
  });

  router.post("/rounds/:id/suggestions", ...intakeMiddleware(c, csrf), async (req, res) => {
    const files = uploadedFiles(req);
    try {
      const round = await rounds.openRoundForSubmission(roundId(req.params.id));
      const limitErrors = uploadLimitErrors(res);
      // A text field over the multipart limit cut the body short: the fields after it are missing, not empty.
      if (limitErrors && !limitErrors.attachments) return await renderRound(req, res, round, 422, { errors: limitErrors });
      const parsed = parseRoundSuggestionForm(req.body);
      if (limitErrors || !parsed.ok) {
        return await renderRound(req, res, round, 422, { errors: { ...(parsed.ok ? {} : parsed.errors), ...limitErrors } });
      }
      try {
        const { trackingCode } = await rounds.submit(round, { form: parsed.data, files, locale: req.locale });
        setReceipt(res, { secret: c.config.sessionSecret, secure: c.config.cookieSecure, trackingCode });
        res.redirect(303, RECEIPT_PATH);
      } catch (err) {
        if (err instanceof ValidationError) return await renderRound(req, res, round, 422, { errors: err.fields });
        throw err;
      }
    } catch (err) {
      if (err instanceof RoundNotOpenError) {
        return renderRound(req, res, err.round, 409, { notice: translatorOf(res)(err.messageKey) });
      }
      throw err;
    } finally {
      await discardTempFiles(files);
    }
  });

  return router;
}
