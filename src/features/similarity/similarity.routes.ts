// The citizen form's hints endpoint: a fragment of HTML for public/js/draft-hints.js to place under the form. A POST
// so that a draft (which may hold a phone number) never sits in a URL or an access log; it changes nothing, but
// carries the form's CSRF token so other sites cannot spend our CPU. Rate-limited per IP, failing open.
import { Router } from "express";
import type { Container } from "../../container.ts";
import { first } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { rateLimitPerIpOf } from "../../web/middleware/rate-limit.ts";
import { translatorOf } from "../../web/pages.ts";
import { createDraftHints, DRAFT_MAX_CHARS } from "./draft-hints.ts";

export const DRAFT_HINTS_PATH = "/suggestions/similar";
/** The script asks at most once per pause in typing; 30 a minute leaves room for a shared (NAT) address. */
export const DRAFT_HINTS_PER_MINUTE = 30;

function field(body: unknown, name: string): string {
  const v = first((body as Record<string, unknown> | undefined)?.[name]);
  return typeof v === "string" ? v.slice(0, DRAFT_MAX_CHARS) : "";
}

export function similarityRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const hints = createDraftHints({ db: c.db, similarity: c.services.similarity });
  const limit = rateLimitPerIpOf(c, { name: "draft-hints", points: DRAFT_HINTS_PER_MINUTE, durationSec: 60 });

  router.post(DRAFT_HINTS_PATH, limit, csrf.verify, async (req, res) => {
    const t = translatorOf(res);
    const result = await hints.forDraft(
      { title: field(req.body, "title"), problem: field(req.body, "problem"), proposal: field(req.body, "proposal"), realName: field(req.body, "realName") },
      req.locale,
    );
    res.set("Cache-Control", "no-store");
    res.render("similarity/draft-hints", {
      layout: false,
      ...result,
      personalDataText: result.personalData.length > 0
        ? t("privacy:hint", { kinds: result.personalData.map((k) => t(`privacy:kind.${k}`)).join(t("similarity:listSeparator")) })
        : null,
      similar: result.similar.map((s) => ({ ...s, adoptionLabel: s.reply ? t(`casework:adoption.${s.reply.adoption}`) : null })),
    });
  });

  return router;
}
