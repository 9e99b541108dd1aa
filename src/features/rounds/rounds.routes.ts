// The themed rounds' public pages and a round's suggestion form.
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { localizedField, toLocale } from "../../platform/i18n.ts";
import { ValidationError, type FieldErrors } from "../../errors.ts";
import { dependencyDown, OUTAGE_RETRY_AFTER_SECONDS } from "../../platform/outages.ts";
import { pathId } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import {
  discardTempFiles, formTokenOf, formValues, hadFiles, intakeMiddleware, pageTitle, parseRoundSuggestionForm, RECEIPT_PATH, setReceipt,
  suggestionFormView, uploadedFiles, uploadLimitErrors,
} from "../submissions/index.ts";
import { RoundNotOpenError, type RoundView } from "./rounds.service.ts";

const roundId = (raw: unknown) => pathId(raw, "rounds:notFound");

export function roundRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const rounds = c.services.rounds;
  const submissions = c.services.submissions;

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
            formToken: opts.errors ? formTokenOf(req.body) : undefined,
          })
        : null;
    const title = localizedField(round, "title", req.locale);
    // The round's results section: golden ideas (adopted, published with consent, masked) from this round.
    const results = round.phase === "upcoming" ? [] : await c.services.showcase.featuredForRound(round.id, toLocale(req.locale) ?? "zh-CN");
    res.status(status).render("rounds/show", {
      title: pageTitle(t, title, opts.errors),
      round,
      isOpen: round.phase === "open",
      isUpcoming: round.phase === "upcoming",
      form,
      notice: opts.notice,
      results: results.map((r) => ({ ...r, adoptionLabel: t(`showcase:adoption.${r.reply.adoption}`) })),
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
        const { trackingCode } = await rounds.submit(round, { form: parsed.data, files, locale: req.locale, formToken: formTokenOf(req.body) });
        setReceipt(res, { secret: c.config.sessionSecret, secure: c.config.cookieSecure, trackingCode });
        res.redirect(303, RECEIPT_PATH);
      } catch (err) {
        if (err instanceof ValidationError) return await renderRound(req, res, round, 422, { errors: err.fields });
        // Nothing was committed: the form again with the text typed, saying plainly it was not saved (see submissions).
        if (dependencyDown(err)) {
          res.set("Retry-After", String(OUTAGE_RETRY_AFTER_SECONDS));
          return await renderRound(req, res, round, 503, { errors: { form: "submissions:form.notSaved" } });
        }
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
