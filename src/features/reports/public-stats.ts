// The public statistics page (/stats): the whole platform's counts by month, category and city, from the same
// summary table as the report. Counts only — no suggestion, no name, no text — and cached for a few minutes in each
// web process, so an anonymous page never costs a full scan per visit.
import { Router } from "express";
import type { Container } from "../../container.ts";
import type { Db } from "../../platform/db.ts";
import { localizedName, toLocale, translator, type Locale } from "../../platform/i18n.ts";
import { ttlCache } from "../../platform/ttl-cache.ts";
import { translatorOf } from "../../web/pages.ts";
import { barChart, lineChart } from "./report-charts.ts";
import { groupCounts, names, type Counts } from "./reports.repository.ts";
import { onTimeRate, type ReportTable } from "./report-tables.ts";

const CACHE_MS = 5 * 60_000;
/** The trend shows the last two years. */
const MONTHS_SHOWN = 24;

interface Group extends Counts { name: string; nameEn: string }
export interface PublicStats { totals: Counts; months: (Counts & { month: string })[]; categories: Group[]; cities: Group[] }

const ALL = { fromDate: null, toDate: null, roundId: null, departmentId: null };

export async function loadPublicStats(db: Db, now: Date): Promise<PublicStats> {
  const [groups, lookup] = await Promise.all([groupCounts(db, ALL, now), names(db)]);
  const named = (dim: "category" | "city", list: { id: number; name: string; nameEn: string }[]) => {
    const byId = new Map(list.map((x) => [x.id, x]));
    const key = dim === "category" ? "categoryId" : "cityId";
    return groups.filter((g) => g.dim === dim && g[key] !== null).map((g) => {
      const n = byId.get(Number(g[key]));
      return { ...g, name: n?.name ?? "—", nameEn: n?.nameEn ?? "—" };
    }).sort((a, z) => z.collected - a.collected);
  };
  const zero: Counts = { collected: 0, accepted: 0, assigned: 0, replied: 0, adopted: 0, converted: 0, onTime: 0, late: 0, openOverdue: 0, rated: 0, ratingSum: 0, satisfied: 0 };
  return {
    totals: groups.find((g) => g.dim === "total") ?? zero,
    months: groups.filter((g) => g.dim === "month").map((g) => ({ ...g, month: String(g.month) })).sort((a, z) => a.month.localeCompare(z.month)).slice(-MONTHS_SHOWN),
    categories: named("category", lookup.categories),
    cities: named("city", lookup.cities),
  };
}

function statsTables(s: PublicStats, locale: Locale): ReportTable[] {
  const t = translator(locale);
  const cols = (first: string) => [first, t("reports:funnel.collected"), t("reports:funnel.replied"), t("reports:funnel.adopted"), t("reports:funnel.converted"), t("reports:timeliness.onTimeRate")];
  const row = (label: string, c: Counts) => [label, c.collected, c.replied, c.adopted, c.converted, onTimeRate(c)];
  return [
    { key: "month", title: t("reports:stats.byMonth"), columns: cols(t("reports:col.month")), rows: s.months.map((m) => row(m.month, m)) },
    { key: "category", title: t("reports:stats.byCategory"), columns: cols(t("reports:col.category")), rows: s.categories.map((c) => row(localizedName(c, locale), c)) },
    { key: "city", title: t("reports:stats.byCity"), columns: cols(t("reports:col.city")), rows: s.cities.map((c) => row(localizedName(c, locale), c)) },
  ];
}

export function statsRoutes(c: Container): Router {
  const router = Router();
  const cache = ttlCache(CACHE_MS, () => loadPublicStats(c.db, c.now()));
  router.get("/stats", async (_req, res) => {
    const t = translatorOf(res);
    const locale = toLocale(res.locals.locale) ?? "zh-CN";
    const s = await cache.get();
    const charts = [
      lineChart(t("reports:stats.byMonth"), s.months.map((m) => m.month), (["collected", "replied", "adopted", "converted"] as const).map((k) => ({
        name: t(`reports:funnel.${k}`), values: s.months.map((m) => m[k]),
      }))),
      barChart(t("reports:stats.byCategory"), s.categories.map((x) => localizedName(x, locale)), s.categories.map((x) => x.collected)),
      barChart(t("reports:stats.byCity"), s.cities.map((x) => localizedName(x, locale)), s.cities.map((x) => x.collected), "#2e7d32"),
    ];
    res.render("stats/index", {
      title: t("reports:stats.title"),
      figures: [
        { label: t("reports:funnel.collected"), value: s.totals.collected },
        { label: t("reports:funnel.replied"), value: s.totals.replied },
        { label: t("reports:funnel.adopted"), value: s.totals.adopted },
        { label: t("reports:funnel.converted"), value: s.totals.converted },
        { label: t("reports:timeliness.onTimeRate"), value: onTimeRate(s.totals) },
      ],
      charts,
      tables: statsTables(s, locale),
    });
  });
  return router;
}
