// The public golden-ideas page (金点子): a GET form (words, category, round) and the matching items. Anonymous, no
// session, nothing to change: it needs neither CSRF nor Redis.
import { Router } from "express";
import type { Container } from "../../container.ts";
import { toLocale } from "../../platform/i18n.ts";
import { translatorOf } from "../../web/pages.ts";

function optionalId(v: unknown): number | null {
  return typeof v === "string" && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null;
}

export function showcaseRoutes(c: Container): Router {
  const router = Router();
  const service = c.services.showcase;

  router.get("/golden-ideas", async (req, res) => {
    const t = translatorOf(res);
    const locale = toLocale(res.locals.locale) ?? "zh-CN";
    const q = typeof req.query.q === "string" ? req.query.q.slice(0, 200) : "";
    const categoryId = optionalId(req.query.category);
    const roundId = optionalId(req.query.round);
    const page = typeof req.query.page === "string" && /^\d{1,3}$/.test(req.query.page) ? Math.max(1, Number(req.query.page)) : 1;
    const [choices, result] = await Promise.all([service.choices(), service.search({ q, categoryId, roundId, page }, locale)]);
    const link = (p: number) => {
      const params = new URLSearchParams();
      if (q) params.set("q", q);
      if (categoryId) params.set("category", String(categoryId));
      if (roundId) params.set("round", String(roundId));
      params.set("page", String(p));
      return `/golden-ideas?${params.toString()}`;
    };
    res.render("showcase/index", {
      title: t("showcase:title"),
      q,
      words: result.words.join(" "),
      searched: Boolean(q || categoryId || roundId),
      categories: choices.categories.map((x) => ({ ...x, selected: x.id === categoryId })),
      rounds: choices.rounds.map((x) => ({ ...x, selected: x.id === roundId })),
      items: result.items.map((i) => ({ ...i, adoptionLabel: t(`showcase:adoption.${i.reply.adoption}`), measures: i.measures.map((m) => ({ ...m, typeLabel: t("measures:kind", { context: m.type }) })) })),
      page,
      prevUrl: page > 1 ? link(page - 1) : null,
      nextUrl: result.hasNext ? link(page + 1) : null,
    });
  });

  return router;
}
