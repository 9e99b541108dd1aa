// The data set as tables, in the reader's language: the HTML page, the CSV, the XLSX workbook and the PDF all print
// these cells as they are (rates and means formatted here, once), which is what makes the four agree.
import { formatDate } from "../../platform/dates.ts";
import { localizedName, translator, type Locale } from "../../platform/i18n.ts";
import type { Counts } from "./reports.repository.ts";
import { BREAKDOWNS, FUNNEL_STEPS, type Name, type ReportData } from "./report-data.ts";

export type Cell = string | number;

export interface ReportTable {
  /** Stable, ASCII: the CSV section, the XLSX sheet, the HTML anchor. */
  key: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

/** "33.3%"; "—" when there is nothing to divide by. */
export function rate(n: number, d: number): string {
  return d > 0 ? `${((100 * n) / d).toFixed(1)}%` : "—";
}

export function mean(sum: number, n: number): string {
  return n > 0 ? (sum / n).toFixed(2) : "—";
}

function days(v: number | null): Cell {
  return v === null ? "—" : v.toFixed(1);
}

export function onTimeRate(c: Counts): string {
  return rate(c.onTime, c.onTime + c.late);
}

export function reportTables(data: ReportData, locale: Locale): ReportTable[] {
  const t = translator(locale);
  const nameOf = (n: Name | null) => (n ? localizedName(n, locale) : "—");
  const totals = data.totals;
  const tables: ReportTable[] = [];

  tables.push({
    key: "funnel",
    title: t("reports:tables.funnel"),
    columns: [t("reports:col.step"), t("reports:col.count"), t("reports:col.stepRate"), t("reports:col.ofCollected")],
    rows: FUNNEL_STEPS.map((step, i) => {
      const prev = i === 0 ? null : totals[FUNNEL_STEPS[i - 1] as keyof Counts];
      return [t(`reports:funnel.${step}`), totals[step], prev === null ? "—" : rate(totals[step], prev), rate(totals[step], totals.collected)];
    }),
  });

  tables.push({
    key: "timeliness",
    title: t("reports:tables.timeliness"),
    columns: [t("reports:col.measure"), t("reports:col.value")],
    rows: [
      [t("reports:timeliness.onTime"), totals.onTime],
      [t("reports:timeliness.late"), totals.late],
      [t("reports:timeliness.openOverdue"), totals.openOverdue],
      [t("reports:timeliness.onTimeRate"), onTimeRate(totals)],
    ],
  });

  const overall = data.timeliness.overall;
  tables.push({
    key: "durations",
    title: t("reports:tables.durations"),
    columns: [
      t("reports:col.department"), t("reports:col.replied"), t("reports:col.subMedian"), t("reports:col.subP90"),
      t("reports:col.asgMedian"), t("reports:col.asgP90"),
    ],
    rows: [
      ...data.timeliness.byDepartment.map((d) => [
        nameOf(d), d.replied, days(d.submissionToReply.median), days(d.submissionToReply.p90),
        days(d.assignmentToReply.median), days(d.assignmentToReply.p90),
      ]),
      ...(overall
        ? [[t("reports:all"), overall.replied, days(overall.submissionToReply.median), days(overall.submissionToReply.p90),
            days(overall.assignmentToReply.median), days(overall.assignmentToReply.p90)]]
        : []),
    ],
  });

  const adoptionTotal = data.adoption.reduce((n, a) => n + a.count, 0);
  tables.push({
    key: "adoption",
    title: t("reports:tables.adoption"),
    columns: [t("reports:col.result"), t("reports:col.count"), t("reports:col.share")],
    rows: data.adoption.map((a) => [t(`reports:adoption.${a.result}`), a.count, rate(a.count, adoptionTotal)]),
  });

  tables.push({
    key: "not-accepted",
    title: t("reports:tables.notAccepted"),
    columns: [t("reports:col.reason"), t("reports:col.count")],
    rows: [
      ...data.notAccepted.map((r) => [t(`reports:notAccepted.${r.reason}`), r.count] as Cell[]),
      [t("reports:referred"), data.referred],
    ],
  });

  tables.push({
    key: "satisfaction",
    title: t("reports:tables.satisfaction"),
    columns: [t("reports:col.measure"), t("reports:col.value")],
    rows: [
      [t("reports:satisfaction.rated"), totals.rated],
      [t("reports:satisfaction.mean"), mean(totals.ratingSum, totals.rated)],
      [t("reports:satisfaction.satisfiedShare"), rate(totals.satisfied, totals.rated)],
    ],
  });

  tables.push({
    key: "low-ratings",
    title: t("reports:tables.lowRatings"),
    columns: [t("reports:col.trackingCode"), t("reports:col.title"), t("reports:col.department"), t("reports:col.score"), t("reports:col.comment"), t("reports:col.ratedAt")],
    rows: data.lowRatings.map((r) => [r.trackingCode, r.title, nameOf(r.department), r.score, r.comment, formatDate(r.ratedAt, locale)]),
  });

  for (const b of BREAKDOWNS) {
    tables.push({
      key: `by-${b}`,
      title: t(`reports:tables.by.${b}`),
      columns: [
        t(`reports:col.${b}`), t("reports:funnel.collected"), t("reports:funnel.accepted"), t("reports:funnel.replied"),
        t("reports:funnel.adopted"), t("reports:funnel.converted"), t("reports:timeliness.onTimeRate"), t("reports:satisfaction.mean"),
      ],
      rows: data.breakdowns[b].map((r) => [
        nameOf(r), r.collected, r.accepted, r.replied, r.adopted, r.converted, onTimeRate(r), mean(r.ratingSum, r.rated),
      ]),
    });
  }

  tables.push({
    key: "monthly",
    title: t("reports:tables.monthly"),
    columns: [t("reports:col.month"), t("reports:funnel.collected"), t("reports:funnel.replied"), t("reports:funnel.adopted"), t("reports:funnel.converted"), t("reports:timeliness.onTimeRate")],
    rows: data.monthly.map((m) => [m.month, m.collected, m.replied, m.adopted, m.converted, onTimeRate(m)]),
  });

  tables.push({
    key: "measures",
    title: t("reports:tables.measures"),
    columns: [t("reports:col.type"), t("reports:col.title"), t("reports:col.docNumber"), t("reports:col.issuer"), t("reports:col.issuedOn"), t("reports:col.suggestions")],
    rows: data.measures.map((m) => [
      t("measures:kind", { context: m.type }), m.title, m.docNumber || "—", m.issuingBody, m.issuedOn,
      m.suggestions.map((s) => `${s.trackingCode} ${s.title}`).join("; "),
    ]),
  });

  return tables;
}

/** The scope in words, for titles: "2026-01-01 – 2026-01-31 · 民生实事征集 · 市教育局". */
export function scopeLabel(data: ReportData, locale: Locale): string {
  const t = translator(locale);
  const s = data.scope;
  const parts = [
    s.fromDate || s.toDate ? `${s.fromDate ?? "…"} – ${s.toDate ?? "…"}` : t("reports:allTime"),
    s.round ? localizedName(s.round, locale) : null,
    s.department ? localizedName(s.department, locale) : t("reports:allDepartments"),
  ];
  return parts.filter(Boolean).join(" · ");
}
