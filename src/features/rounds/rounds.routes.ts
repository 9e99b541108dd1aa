// The themed rounds' public pages and a round's suggestion form.
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { localizedField } from "../../platform/i18n.ts";
import { ValidationError, type FieldErrors } from "../../errors.ts";
import { dependencyDown, OUTAGE_RETRY_AFTER_SECONDS } from "../../platform/outages.ts";
import { pathId, typedValues } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import {
  discardTempFiles, formTokenOf, formValues, hadFiles, intakeMiddleware, pageTitle, parseRoundSuggestionForm, redirectToReceipt, setReceipt,
  suggestionFormView, uploadedFiles, uploadLimitErrors,
} from "../submissions/index.ts";
import { RoundNotOpenError, type RoundView } from "./rounds.service.ts";

const roundId = (raw: unknown) => pathId(raw, "rounds:notFound");

function minutesText(t: (key: string, opts?: Record<string, unknown>) => string, minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const parts = [];
  if (days) parts.push(t("rounds:show.days", { count: days }));
  if (days || hours) parts.push(t("rounds:show.hours", { count: hours }));
  parts.push(t("rounds:show.minutes", { count: minutes % 60 }));
  return parts.join(" ");
}

// The same text for every visitor of a round within a minute: three pluralised messages were formatted per view.
const REMAINING = new Map<string, string>();

/** "3 天 4 小时 5 分" until `to`, server-rendered so it reads right without JavaScript (public/js/countdown.js ticks it). */
function remainingText(locale: string, t: (key: string, opts?: Record<string, unknown>) => string, from: Date, to: Date): string {
  const minutes = Math.max(0, Math.ceil((to.getTime() - from.getTime()) / 60_000));
  const key = `${locale}|${minutes}`;
  let text = REMAINING.get(key);
  if (text === undefined) {
    // Bounded: a long-running process meets each minute count once per locale.
    if (REMAINING.size >= 2_000) REMAINING.clear();
    REMAINING.set(key, (text = minutesText(t, minutes)));
  }
  return text;
}

export function roundRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const rounds = c.services.rounds;
  const submissions = c.services.submissions;

  async function renderRound(
    req: Request,
    res: Response,
    round: RoundView,
    status: number,
    opts: { errors?: FieldErrors; notice?: string; typed?: Record<string, string> } = {},
  ) {
    const t = translatorOf(res);
    const details = await rounds.publicDetails(round);
    const now = c.now();
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
    res.status(status).render("rounds/show", {
      title: pageTitle(t, title, opts.errors),
      round,
      isOpen: round.phase === "open",
      isUpcoming: round.phase === "upcoming",
      remaining:
        round.phase === "open" ? remainingText(req.locale, t, now, round.closesAt)
        : round.phase === "upcoming" ? remainingText(req.locale, t, now, round.opensAt)
        : null,
      received: details.received,
      results: details.results && {
        ...details.results,
        highlights: details.results.highlights.map((h) => ({ ...h, adoptionLabel: h.adoption ? t(`tracking:adoption.${h.adoption}`, { defaultValue: "" }) : "" })),
      },
      form,
      notice: opts.notice,
      typed: opts.typed,
    });
  }

  router.get("/rounds", async (_req, res) => {
    const t = translatorOf(res);
    const { open, upcoming, closed } = await rounds.listRounds();
    res.render("rounds/index", { title: t("rounds:index.title"), open, upcoming, closed });
  });

  router.get("/rounds/:id/cover", async (req, res) => {
    const cover = await rounds.cover(roundId(req.params.id));
    res.setHeader("Content-Type", cover.mimeType);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "public, max-age=300");
    const stream = c.storage.open(cover.storedName);
    stream.on("error", () => {
      if (!res.headersSent) res.status(404).end();
      else res.destroy();
    });
    stream.pipe(res);
  });

  router.get("/rounds/:id", async (req, res) => {
    const round = await rounds.getRound(roundId(req.params.id));
    await renderRound(req, res, round, 200);
  });

  router.post("/rounds/:id/suggestions", ...intakeMiddleware(c, csrf), async (req, res) => {
    const files = uploadedFiles(req);
    // A refused form keeps none of its files; they are gone before the page goes out, not after.
    const refuse = async (round: RoundView, status: number, opts: Parameters<typeof renderRound>[4]) => {
      await discardTempFiles(files);
      return renderRound(req, res, round, status, opts);
    };
    try {
      const round = await rounds.openRoundForSubmission(roundId(req.params.id));
      const limitErrors = uploadLimitErrors(res);
      // A text field over the multipart limit cut the body short: the fields after it are missing, not empty.
      if (limitErrors && !limitErrors.attachments) return await refuse(round, 422, { errors: limitErrors });
      const parsed = parseRoundSuggestionForm(req.body);
      if (limitErrors || !parsed.ok) {
        return await refuse(round, 422, { errors: await submissions.refusalErrors(files, parsed.ok ? undefined : parsed.errors, limitErrors) });
      }
      try {
        const { trackingCode, trackToken } = await rounds.submit(round, { form: parsed.data, files, locale: req.locale, formToken: formTokenOf(req.body) });
        setReceipt(res, { secure: c.config.cookieSecure, trackingCode, trackToken });
        redirectToReceipt(res);
      } catch (err) {
        if (err instanceof ValidationError) return await refuse(round, 422, { errors: err.fields });
        // Nothing was committed: the form again with the text typed, saying plainly it was not saved (see submissions).
        if (dependencyDown(err)) {
          res.set("Retry-After", String(OUTAGE_RETRY_AFTER_SECONDS));
          return await refuse(round, 503, { errors: { form: "submissions:form.notSaved" } });
        }
        throw err;
      }
    } catch (err) {
      if (err instanceof RoundNotOpenError) {
        // A form opened before the close and sent after it: refused, and what was typed is shown back to copy.
        const typed = typedValues(req.body, ["title", "problem", "proposal"], 20_000);
        return refuse(err.round, 409, { notice: translatorOf(res)(err.messageKey), typed });
      }
      throw err;
    } finally {
      await discardTempFiles(files);
    }
  });

  return router;
}
