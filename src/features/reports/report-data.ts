// The one computed data set of a policy-conversion report (建议转化报告). Every output — the HTML page, the CSV,
// the XLSX workbook and the PDF — is drawn from this object (through report-tables.ts), so they cannot disagree.
// It is stored as JSON with the finished report; it holds counts and names in both languages, no rates or text
// in one language, which the outputs derive.
import type { Db } from "../../platform/db.ts";
import { isWorkingDay } from "../../platform/working-days.ts";
import type { ReportScope } from "./report-scope.ts";
import {
  convertedMeasures, firstDay, groupCounts, lowRatings, names, outcomeCounts, replyDurationCounts,
  type Counts, type DurationCount, type GroupRow, type NamedRow,
} from "./reports.repository.ts";

export const FUNNEL_STEPS = ["collected", "accepted", "assigned", "replied", "adopted", "converted"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export const ADOPTION_RESULTS = ["ADOPTED", "PARTIALLY_ADOPTED", "FOR_REFERENCE", "NOT_ADOPTED"] as const;
export const NOT_ACCEPTED_REASONS = [
  "COMPLAINT_OR_REQUEST", "LEGAL_CHANNEL", "IN_PETITION_CHANNEL", "PRIVATE_DISPUTE", "EMPTY_OR_UNLAWFUL", "DUPLICATE",
] as const;
export const BREAKDOWNS = ["department", "category", "city", "round", "topic"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface Name { name: string; nameEn: string }

export interface Durations {
  replied: number;
  submissionToReply: { median: number | null; p90: number | null };
  assignmentToReply: { median: number | null; p90: number | null };
}

export interface BreakdownRow extends Counts, Name { id: number | null }

export interface ReportData {
  version: 1;
  scope: ReportScope & { round: Name | null; department: Name | null };
  generatedAt: string;
  totals: Counts;
  timeliness: { byDepartment: (Durations & Name & { id: number | null })[]; overall: Durations | null };
  adoption: { result: (typeof ADOPTION_RESULTS)[number]; count: number }[];
  notAccepted: { reason: (typeof NOT_ACCEPTED_REASONS)[number]; count: number }[];
  referred: number;
  lowRatings: { trackingCode: string; title: string; department: Name | null; score: number; comment: string; ratedAt: string }[];
  breakdowns: Record<Breakdown, BreakdownRow[]>;
  monthly: (Counts & { month: string })[];
  measures: { type: string; title: string; docNumber: string; issuingBody: string; issuedOn: string; suggestions: { trackingCode: string; title: string }[] }[];
}

const EMPTY: Counts = {
  collected: 0, accepted: 0, assigned: 0, replied: 0, adopted: 0, converted: 0,
  onTime: 0, late: 0, openOverdue: 0, rated: 0, ratingSum: 0, satisfied: 0,
};

function countsOf(row: Counts | undefined): Counts {
  if (!row) return { ...EMPTY };
  const out = { ...EMPTY };
  for (const k of Object.keys(EMPTY) as (keyof Counts)[]) out[k] = Number(row[k]);
  return out;
}

/** Working days counted cumulatively from `first` (index 0) to `last`: see replyDurationCounts. */
export function cumulativeWorkingDays(first: number, last: number): number[] {
  const out: number[] = [];
  let n = 0;
  for (let day = first; day <= last; day += 1) {
    // Noon UTC of the day number is inside that Shanghai day.
    if (isWorkingDay(new Date(day * 86_400_000 + 4 * 3_600_000))) n += 1;
    out.push(n);
  }
  return out;
}

function round1(v: number | null): number | null {
  return v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10;
}

/**
 * PostgreSQL's percentile_cont over a distribution given as (value, count): the value at position p·(n − 1) of the
 * sorted values, interpolated between its neighbours.
 */
export function percentileOfCounts(counts: Map<number, number>, p: number): number | null {
  const values = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  const n = values.reduce((sum, [, c]) => sum + c, 0);
  if (n === 0) return null;
  const pos = p * (n - 1);
  const at = (rank: number): number => {
    let seen = 0;
    for (const [value, c] of values) {
      seen += c;
      if (rank < seen) return value;
    }
    return values.at(-1)?.[0] ?? 0;
  };
  const lo = Math.floor(pos);
  const below = at(lo);
  return below + (pos - lo) * (at(Math.ceil(pos)) - below);
}

/** How many days after now a reply may fall and still be counted (a clock pinned in tests, replies entered late). */
const DAYS_AHEAD = 400;

/** The durations by department and overall, from the (department, days) counts. */
function durationsOf(rows: DurationCount[]): { byDepartment: Map<number, Durations>; overall: Durations | null } {
  const dist = new Map<string, Map<number, number>>();
  const add = (key: string, days: number, n: number) => {
    const m = dist.get(key) ?? new Map<number, number>();
    m.set(days, (m.get(days) ?? 0) + n);
    dist.set(key, m);
  };
  const departments = new Set<number>();
  for (const r of rows) {
    const days = Number(r.days);
    const n = Number(r.n);
    departments.add(Number(r.departmentId));
    add(`${r.kind}:${r.departmentId}`, days, n);
    add(`${r.kind}:all`, days, n);
  }
  const of = (key: string): Durations => {
    const sub = dist.get(`sub:${key}`) ?? new Map<number, number>();
    const asg = dist.get(`asg:${key}`) ?? new Map<number, number>();
    return {
      replied: [...sub.values()].reduce((a, b) => a + b, 0),
      submissionToReply: { median: round1(percentileOfCounts(sub, 0.5)), p90: round1(percentileOfCounts(sub, 0.9)) },
      assignmentToReply: { median: round1(percentileOfCounts(asg, 0.5)), p90: round1(percentileOfCounts(asg, 0.9)) },
    };
  };
  const byDepartment = new Map([...departments].map((d) => [d, of(String(d))]));
  return { byDepartment, overall: rows.length ? of("all") : null };
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

const unnamed: Name = { name: "—", nameEn: "—" };

export async function buildReportData(
  db: Db,
  scope: ReportScope,
  now: Date,
  onProgress: (percent: number) => Promise<void> = async () => undefined,
): Promise<ReportData> {
  const lookup = await names(db);
  const byId = (rows: NamedRow[]) => new Map(rows.map((r) => [r.id, { name: r.name, nameEn: r.nameEn }]));
  const departments = byId(lookup.departments);
  const maps: Record<Breakdown, Map<number, Name>> = {
    department: departments,
    category: byId(lookup.categories),
    city: byId(lookup.cities),
    round: byId(lookup.rounds),
    topic: byId(lookup.topics),
  };
  await onProgress(10);

  const groups = await groupCounts(db, scope, now);
  await onProgress(50);
  const outcomes = await outcomeCounts(db, scope);
  await onProgress(60);
  const first = await firstDay(db, scope);
  const today = Math.floor((now.getTime() + 8 * 3_600_000) / 86_400_000);
  const durations = durationsOf(first === null
    ? []
    : await replyDurationCounts(db, scope, first, cumulativeWorkingDays(first, Math.max(today, first) + DAYS_AHEAD)));
  await onProgress(80);
  const [low, measures] = await Promise.all([lowRatings(db, scope), convertedMeasures(db, scope)]);
  await onProgress(90);

  const of = (dim: GroupRow["dim"]) => groups.filter((g) => g.dim === dim);
  const idColumn: Record<Breakdown, keyof GroupRow> = {
    department: "departmentId", category: "categoryId", city: "cityId", round: "roundId", topic: "topicId",
  };
  const breakdowns = {} as Record<Breakdown, BreakdownRow[]>;
  for (const b of BREAKDOWNS) {
    breakdowns[b] = of(b)
      // Suggestions with no value for the dimension (not assigned yet, no round, a province-wide region) are in the
      // totals; a breakdown lists only the named groups.
      .filter((g) => g[idColumn[b]] !== null)
      .map((g) => {
        const id = Number(g[idColumn[b]]);
        return { id, ...(maps[b].get(id) ?? unnamed), ...countsOf(g) };
      })
      .sort((a, z) => z.collected - a.collected || (a.id ?? 0) - (z.id ?? 0));
  }

  const months = new Map(of("month").map((g) => [String(g.month), countsOf(g)]));
  const monthly: ReportData["monthly"] = [];
  const keys = [...months.keys()].sort();
  if (keys.length) {
    for (let m = keys[0] as string; m <= (keys.at(-1) as string); m = nextMonth(m)) monthly.push({ month: m, ...(months.get(m) ?? { ...EMPTY }) });
  }

  const sumOutcome = (pred: (o: (typeof outcomes)[number]) => boolean) => outcomes.filter(pred).reduce((n, o) => n + Number(o.n), 0);

  const data: ReportData = {
    version: 1,
    scope: {
      ...scope,
      round: scope.roundId ? (maps.round.get(scope.roundId) ?? null) : null,
      department: scope.departmentId ? (departments.get(scope.departmentId) ?? null) : null,
    },
    generatedAt: now.toISOString(),
    totals: countsOf(of("total")[0]),
    timeliness: {
      byDepartment: [...durations.byDepartment]
        .map(([id, d]) => ({ id, ...(departments.get(id) ?? unnamed), ...d }))
        .sort((a, z) => z.replied - a.replied || a.id - z.id),
      overall: durations.overall,
    },
    adoption: ADOPTION_RESULTS.map((result) => ({ result, count: sumOutcome((o) => o.adoption === result) })),
    notAccepted: NOT_ACCEPTED_REASONS.map((reason) => ({
      reason, count: sumOutcome((o) => o.status === "NOT_ACCEPTED" && o.notAcceptedReason === reason),
    })),
    referred: sumOutcome((o) => o.status === "REFERRED"),
    lowRatings: low.map((r) => ({
      trackingCode: r.trackingCode,
      title: r.title,
      department: r.departmentId ? (departments.get(r.departmentId) ?? null) : null,
      score: Number(r.score),
      comment: r.comment ?? "",
      ratedAt: new Date(r.ratedAt).toISOString(),
    })),
    breakdowns,
    monthly,
    measures: measures.map((m) => ({
      type: m.type,
      title: m.title,
      docNumber: m.docNumber ?? "",
      issuingBody: m.issuingBody,
      issuedOn: new Date(m.issuedOn).toISOString().slice(0, 10),
      suggestions: m.codes.map((trackingCode, i) => ({ trackingCode, title: m.titles[i] ?? "" })),
    })),
  };
  await onProgress(100);
  return data;
}
